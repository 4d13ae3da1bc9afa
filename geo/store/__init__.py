"""The store: one database for everything editors change.

Registry (projects, sites, deliverables), status overrides, user indicators, the change
log with its versions, and the sign-in throttle live in one database reached through
SQLAlchemy 2 Core: SQLite in ``var/`` by default (WAL), PostgreSQL (psycopg 3) when
several app servers share it. ``data/`` is only the bundled starting point.

Modules: :mod:`~geo.store.schema` (tables, numbered migrations), :mod:`~geo.store.engine`
(engines, transactions), :mod:`~geo.store.registry_ops` (registry, statuses),
:mod:`~geo.store.indicators`, :mod:`~geo.store.undo`, :mod:`~geo.store.bundled`
(initialisation, release imports), :mod:`~geo.store.transfer` (export, restore),
:mod:`~geo.store.legacy` (pre-store installations). ``python -m geo.store`` is the CLI.
"""

from __future__ import annotations

import threading

from geo import config
from geo.store.core import EDITOR, Store, changelog_frame, last_change_at, require_editor
from geo.store.schema import migrate

_OPEN: dict[str, Store] = {}
_READY: set[tuple[str, int]] = set()
_GUARD = threading.Lock()
_PIN = threading.local()


def open_store(url: str | None = None, *, initialise: bool = True) -> Store:
    """The store at ``url`` (default :func:`geo.config.database_url`), migrated and ready.

    The first call per process applies missing migrations and, when the store holds no
    registry yet, initialises it from the bundled ``data/`` (and a pre-store ``var/``).

    Raises
    ------
    RegistryError
        The store is empty and the bundled registry does not validate.
    """
    import os

    from geo.store.bundled import initialise as initialise_from

    url = url or config.database_url()
    with _GUARD:
        store = _OPEN.get(url)
        if store is None:
            store = _OPEN[url] = Store(url)
    key = (url, os.getpid())
    if key in _READY:
        return store
    migrate(store.engine)
    if initialise:
        initialise_from(store, config.bundled_data_dir(), legacy_dir=config.var_dir())
        with _GUARD:
            _READY.add(key)
    return store


def close_store(url: str) -> None:
    """Forget the store at ``url`` in this process and close its connections."""
    import os

    from geo.store.engine import forget, normalise_url

    with _GUARD:
        for key in (url, normalise_url(url)):
            _OPEN.pop(key, None)
            _READY.discard((key, os.getpid()))
    forget(url)


def pin_version(version: int | None) -> None:
    """Fix the store version this thread sees (one Streamlit rerun); ``None`` unpins."""
    _PIN.version = version


def current_version(store: Store) -> int:
    """The version pinned for this rerun, else one indexed query."""
    pinned = getattr(_PIN, "version", None)
    return store.version() if pinned is None else int(pinned)


__all__ = [
    "EDITOR",
    "Store",
    "changelog_frame",
    "close_store",
    "current_version",
    "last_change_at",
    "open_store",
    "pin_version",
    "require_editor",
]
