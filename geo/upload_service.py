"""Parse and match uploads once per file, in a worker process, under a time ceiling.

Streamlit serves every session from one Python process, so CPU-heavy work in one
session's script thread slows every other viewer (the GIL is shared). Reading and
matching therefore run in a separate worker process (one per server, started on
first use with ``spawn``), and their results are cached here by the file's SHA-256
and the chosen columns: a rerun of the page costs a dictionary look-up, not a parse.

The worker is ``python -m geo.upload_service`` talking length-prefixed pickles over
its stdin/stdout (not ``multiprocessing``, whose ``spawn`` re-imports the server's main
module). The worker runs at the lowest CPU priority (``nice 19``), so the server
and the viewers' requests win any contention for the cores. A task that exceeds its
ceiling is stopped by killing the worker, which is started again for the next task;
the user gets a message naming the ceiling.
``in_process=True`` (tests) runs the same functions in the calling thread, still cached.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import select
import struct
import subprocess
import sys
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from geo.i18n import Message
from geo.upload_columns import guess_columns
from geo.upload_limits import ParsedTable, UploadError
from geo.upload_match import MatchReport, match_keys
from geo.upload_read import read_table

#: Seconds a parse or a match may take (including the worker's start on first use).
CEILING_SECONDS = 60.0
#: Files kept parsed (per server process and in the worker).
CACHE_FILES = 8
#: Match reports kept (column choices of the cached files).
CACHE_REPORTS = 32
#: Rows of a parsed upload sent back for the page's preview.
PREVIEW_ROWS = 50


@dataclass
class ParsedUpload:
    """A read upload and the columns guessed for it.

    Attributes
    ----------
    digest : str
        SHA-256 of the file's bytes (hex); the cache key.
    table : ParsedTable or None
        The table's first :data:`PREVIEW_ROWS` rows (all its columns, warnings and
        encoding), or ``None`` when reading failed. The full table stays where it was
        read: sending 2.4 million cells back would cost the server as much as reading.
    error : UploadError or None
        Why reading failed.
    guess : dict
        :func:`geo.upload_columns.guess_columns` of the full table (empty on error).
    rows : int
        Data rows of the full table.
    """

    digest: str
    table: ParsedTable | None = None
    error: UploadError | None = None
    guess: dict[str, Any] = field(default_factory=dict)
    rows: int = 0


# --------------------------------------------------------------------------- worker side

_WORKER_FILES: OrderedDict[tuple[str, str], ParsedUpload] = OrderedDict()


def _remember(cache: OrderedDict, key: Any, value: Any, size: int) -> Any:
    cache[key] = value
    cache.move_to_end(key)
    while len(cache) > size:
        cache.popitem(last=False)
    return value


def _read(data: bytes, filename: str) -> ParsedUpload:
    """The full parsed upload, read once per file and kept in this process."""
    digest = hashlib.sha256(data).hexdigest()
    cached = _WORKER_FILES.get((digest, filename))
    if cached is not None:
        return cached
    try:
        table = read_table(data, filename)
    except UploadError as exc:
        result = ParsedUpload(digest, error=exc)
    else:
        guess = guess_columns(table.frame)
        result = ParsedUpload(digest, table=table, guess=guess, rows=len(table.frame))
    return _remember(_WORKER_FILES, (digest, filename), result, CACHE_FILES)


def parse_upload(data: bytes, filename: str) -> ParsedUpload:
    """Read ``data`` and guess its columns; failures are returned, not raised.

    Runs in the worker, which keeps the last :data:`CACHE_FILES` full tables so
    matching the same file does not re-read it; returns only a preview of the rows.
    """
    full = _read(data, filename)
    if full.table is None:
        return full
    preview = replace(full.table, frame=full.table.frame.head(PREVIEW_ROWS))
    return replace(full, table=preview)


@dataclass(frozen=True, slots=True)
class MatchChoice:
    """The user's choices for matching one upload (hashable: part of the cache key)."""

    key_kind: str
    key_columns: tuple[str | None, ...]
    value_column: str
    decimal: str | None = None


def match_upload(data: bytes, filename: str, choice: MatchChoice) -> MatchReport:
    """:func:`geo.upload_match.match_keys` on the (cached) parsed upload."""
    parsed = _read(data, filename)
    if parsed.table is None:
        raise parsed.error or UploadError("unreadable upload")
    frame = parsed.table.frame
    columns = list(choice.key_columns)
    return match_keys(frame, choice.key_kind, columns, choice.value_column, decimal=choice.decimal)


# --------------------------------------------------------------------------- server side


class UploadTimeoutError(UploadError):
    """A parse or match exceeded :data:`CEILING_SECONDS` and was stopped."""


class UploadService:
    """Cached, time-limited parsing and matching of uploads, shared by all sessions.

    Parameters
    ----------
    in_process : bool
        Run in the calling thread (tests); otherwise in a ``spawn`` worker process.
    ceiling : float
        Seconds a task may take in the worker before it is stopped.
    """

    def __init__(self, *, in_process: bool = False, ceiling: float = CEILING_SECONDS) -> None:
        self.in_process = in_process
        self.ceiling = ceiling
        self._pool: Any = None
        self._lock = threading.Lock()  # one task in the worker at a time
        self._files: OrderedDict[tuple[str, str], ParsedUpload] = OrderedDict()
        self._reports: OrderedDict[tuple[str, str, MatchChoice], MatchReport] = OrderedDict()
        self.runs = 0  # tasks actually run (not served from the cache); for tests

    def parse(self, data: bytes, filename: str) -> ParsedUpload:
        """The parsed upload, from the cache when this file was read before."""
        key = (hashlib.sha256(data).hexdigest(), filename)
        cached = self._files.get(key)
        if cached is not None:
            return cached
        result = self._run(parse_upload, (data, filename), filename)
        return _remember(self._files, key, result, CACHE_FILES)

    def match(self, data: bytes, filename: str, choice: MatchChoice) -> MatchReport:
        """The match report, from the cache when these choices were matched before."""
        key = (hashlib.sha256(data).hexdigest(), filename, choice)
        cached = self._reports.get(key)
        if cached is not None:
            return cached
        report = self._run(match_upload, (data, filename, choice), filename)
        return _remember(self._reports, key, report, CACHE_REPORTS)

    def _run(self, function: Callable[..., Any], args: tuple, filename: str) -> Any:
        with self._lock:
            self.runs += 1
            if self.in_process:
                return function(*args)
            try:
                status, value = self._call(function.__name__, args)
            except TimeoutError:
                self._stop()  # the only way to stop a running task
                raise UploadTimeoutError(
                    Message(
                        f"{filename}: reading and matching took longer than "
                        f"{self.ceiling:g} s and was stopped; split the file or remove "
                        "unused columns and rows",
                        f"{filename}: okuma ve eşleştirme {self.ceiling:g} saniyeden uzun "
                        "sürdü ve durduruldu; dosyayı bölün ya da kullanılmayan sütun ve "
                        "satırları silin",
                    ),
                    filename=filename,
                ) from None
            if status == "error":
                raise value
            return value

    def _call(self, name: str, args: tuple) -> tuple[str, Any]:
        deadline = time.monotonic() + self.ceiling
        if self._pool is None or self._pool.poll() is not None:
            self._pool = subprocess.Popen(
                [sys.executable, "-m", "geo.upload_service"],
                cwd=ROOT,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                env={**os.environ, "PYTHONPATH": str(ROOT)},
            )
        _send(self._pool.stdin, (name, args))
        try:
            return _receive(self._pool.stdout.fileno(), deadline)
        except EOFError:  # the worker died (out of memory, killed): start afresh next time
            self._stop()
            raise

    def _stop(self) -> None:
        if self._pool is not None:
            self._pool.kill()
            self._pool.wait()
            self._pool = None

    def close(self) -> None:
        """Stop the worker process (if any)."""
        with self._lock:
            self._stop()


ROOT = Path(__file__).resolve().parent.parent
_HEADER = struct.Struct("!Q")


def _send(stream: Any, message: Any) -> None:
    payload = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    stream.write(_HEADER.pack(len(payload)) + payload)
    stream.flush()


def _read_exact(fd: int, size: int, deadline: float | None) -> bytes:
    chunks: list[bytes] = []
    while size:
        if deadline is not None:
            remaining = deadline - time.monotonic()
            if remaining <= 0 or not select.select([fd], [], [], remaining)[0]:
                raise TimeoutError
        chunk = os.read(fd, min(size, 1 << 20))
        if not chunk:
            raise EOFError("upload worker closed its output")
        chunks.append(chunk)
        size -= len(chunk)
    return b"".join(chunks)


def _receive(fd: int, deadline: float | None) -> Any:
    (size,) = _HEADER.unpack(_read_exact(fd, _HEADER.size, deadline))
    return pickle.loads(_read_exact(fd, size, deadline))


def _serve() -> None:
    """Worker loop: run requested functions until stdin closes."""
    functions = {"parse_upload": parse_upload, "match_upload": match_upload}
    # Lowest CPU priority: on a busy host, viewers' page loads go first.
    os.nice(19)
    out = sys.stdout.buffer
    sys.stdout = sys.stderr  # stray prints must not corrupt the channel
    while True:
        try:
            name, args = _receive(sys.stdin.fileno(), None)
        except EOFError:
            return
        try:
            reply: tuple[str, Any] = ("ok", functions[name](*args))
        except Exception as exc:  # returned to the server, raised there
            reply = ("error", exc)
        _send(out, reply)


if __name__ == "__main__":
    # Serve from the importable module, so pickled classes name geo.upload_service.
    from geo.upload_service import _serve as serve

    serve()
