"""Kill points for crash tests: the store's write path calls :func:`checkpoint` at each step.

Disarmed (the normal case) a checkpoint is one dictionary lookup. Armed with ``n`` (by
:func:`arm` or ``PILOT_ATLAS_KILL_AT=n`` in the environment), the ``n``-th checkpoint
this process passes sends it SIGKILL: no ``finally`` block, no rollback, no flush runs,
as when the machine loses power or the OOM killer strikes. ``arm(-1)`` only records the
checkpoints passed, so a test can count them before killing at each one.
"""

from __future__ import annotations

import os
import signal

KILL_ENV = "PILOT_ATLAS_KILL_AT"
_state: dict[str, object] = {"armed": int(os.environ.get(KILL_ENV) or 0), "seen": 0, "trace": []}


def arm(n: int) -> None:
    """Kill at the ``n``-th checkpoint from now (``0`` disarms, ``-1`` only records)."""
    _state.update(armed=n, seen=0, trace=[])


def trace() -> list[str]:
    """Labels of the checkpoints passed since :func:`arm`."""
    return list(_state["trace"])  # type: ignore[call-overload]


def checkpoint(label: str) -> None:
    """Mark a step of a write; kills the process here if armed for this step."""
    armed = _state["armed"]
    if not armed:
        return
    _state["seen"] = seen = int(_state["seen"]) + 1  # type: ignore[call-overload]
    _state["trace"].append(label)  # type: ignore[union-attr]
    if seen == armed:
        os.kill(os.getpid(), signal.SIGKILL)
