"""Run store operations in forked children: killed at a checkpoint, or all in parallel.

A fork shares the test's imports (no interpreter start-up per run) but none of its
database connections: engines are per process (:func:`geo.store.engine.get_engine`).
"""

from __future__ import annotations

import os
import signal
import traceback
import warnings
from collections.abc import Callable


def run_forked(work: Callable[[], None], kill_at: int = 0) -> int:
    """Run ``work`` in a child; returns its wait status decoded as a signal or exit code.

    Returns ``-SIGKILL`` when the child was killed at checkpoint ``kill_at``, else its
    exit code (0 when ``work`` returned, 3 when it raised).
    """
    from geo.store import faults

    with warnings.catch_warnings():
        # The child only runs ``work``: it takes no lock another thread might hold.
        warnings.simplefilter("ignore", DeprecationWarning)
        pid = os.fork()
    if pid == 0:  # pragma: no cover - runs in the child
        code = 0
        try:
            faults.arm(kill_at)
            work()
        except BaseException:
            traceback.print_exc()
            code = 3
        finally:
            os._exit(code)
    _, status = os.waitpid(pid, 0)
    if os.WIFSIGNALED(status):
        return -os.WTERMSIG(status)
    return os.WEXITSTATUS(status)


def run_parallel(works: list[Callable[[], None]]) -> list[int]:
    """Start every ``work`` in its own child at once; returns their exit codes."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        pids = []
        for work in works:
            pid = os.fork()
            if pid == 0:  # pragma: no cover - runs in the child
                code = 0
                try:
                    work()
                except BaseException:
                    traceback.print_exc()
                    code = 3
                finally:
                    os._exit(code)
            pids.append(pid)
    codes = []
    for pid in pids:
        _, status = os.waitpid(pid, 0)
        codes.append(-os.WTERMSIG(status) if os.WIFSIGNALED(status) else os.WEXITSTATUS(status))
    return codes


KILLED = -signal.SIGKILL
