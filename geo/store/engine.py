"""Engines and transactions of the store: SQLite (WAL) by default, PostgreSQL for teams.

Writes are serialised: SQLite takes its write lock at ``BEGIN IMMEDIATE``; PostgreSQL
takes one transaction-scoped advisory lock. Writes to the registry are rare (people
editing), so one writer at a time costs nothing and keeps every check-then-write (undo
dependencies, the sign-in throttle) atomic across processes and servers.
"""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Iterator
from pathlib import Path

from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.engine import make_url

from geo.store import faults

#: Key of the PostgreSQL advisory lock every write transaction holds (any constant).
WRITE_LOCK_KEY = 7_251_130
_ENGINES: dict[tuple[str, int], Engine] = {}
_WRITE_LOCKS: dict[Engine, threading.Lock] = {}
_GUARD = threading.Lock()


def normalise_url(url: str) -> str:
    """``postgresql://`` means psycopg 3 here (SQLAlchemy would pick psycopg2)."""
    parsed = make_url(url)
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed.render_as_string(hide_password=False)


def is_sqlite(engine: Engine) -> bool:
    return engine.dialect.name == "sqlite"


def _sqlite_engine(url: str) -> Engine:
    database = make_url(url).database
    if database and database != ":memory:":
        Path(database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, connect_args={"timeout": 30, "check_same_thread": False})

    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection, _record) -> None:
        # Transactions are begun explicitly below; pysqlite's own BEGIN would be deferred.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(conn: Connection) -> None:
        write = conn.get_execution_options().get("atlas_write", False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")

    return engine


def get_engine(url: str) -> Engine:
    """The process's engine for ``url`` (one per URL and process: forks get their own)."""
    url = normalise_url(url)
    key = (url, os.getpid())
    with _GUARD:
        engine = _ENGINES.get(key)
        if engine is None:
            if make_url(url).get_backend_name() == "sqlite":
                engine = _sqlite_engine(url)
            else:
                engine = create_engine(url, pool_pre_ping=True, pool_size=5, max_overflow=5)
            event.listen(engine, "before_cursor_execute", _statement_checkpoint)
            _ENGINES[key] = engine
            _WRITE_LOCKS[engine] = threading.Lock()
        return engine


def _statement_checkpoint(conn, _cursor, _statement, _parameters, _context, _many) -> None:
    if conn.get_execution_options().get("atlas_write", False):
        faults.checkpoint("sql")


def dispose_all() -> None:
    """Close every pooled connection of this process (tests, before a fork)."""
    with _GUARD:
        for (_, pid), engine in list(_ENGINES.items()):
            if pid == os.getpid():
                engine.dispose()


@contextlib.contextmanager
def writing(engine: Engine) -> Iterator[Connection]:
    """One write transaction, holding the store's write lock from its first statement.

    Commits when the block ends, rolls back on any exception. Fault checkpoints mark its
    steps so tests can kill the process at each of them.
    """
    with _GUARD:
        lock = _WRITE_LOCKS.setdefault(engine, threading.Lock())
    with lock, engine.connect() as conn:
        conn.execution_options(atlas_write=True)
        with conn.begin():
            if not is_sqlite(engine):
                conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": WRITE_LOCK_KEY})
            faults.checkpoint("begin")
            yield conn
            faults.checkpoint("commit")
        faults.checkpoint("committed")


@contextlib.contextmanager
def reading(engine: Engine) -> Iterator[Connection]:
    """A read transaction seeing one consistent snapshot of the store."""
    with engine.connect() as conn:
        if not is_sqlite(engine):
            conn.execution_options(isolation_level="REPEATABLE READ")
        with conn.begin():
            yield conn


def forget(url: str) -> None:
    """Dispose of this process's engine for ``url`` (its pool closes; tests, CLI)."""
    key = (normalise_url(url), os.getpid())
    with _GUARD:
        engine = _ENGINES.pop(key, None)
        if engine is not None:
            _WRITE_LOCKS.pop(engine, None)
    if engine is not None:
        engine.dispose()
