"""Files written whole or not at all, by servers that may start at the same moment."""

from __future__ import annotations

import os
from pathlib import Path


def write_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary name of this process, then rename.

    A browser (or another server) never reads a half-written file, and two servers
    starting at once on a fresh checkout never write into each other's temporary file.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.{os.getpid()}.part")
    partial.write_bytes(data)
    partial.replace(path)
