"""Streamlit caching around the pure core: the only module of ``geo`` importing Streamlit.

Cached functions take strings, numbers and tuples (never a GeoDataFrame) and are
bounded with ``max_entries``. What ``st.cache_resource`` returns is shared by every
session and is never mutated; views are copies.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from dataclasses import fields
from pathlib import Path

import pandas as pd
import streamlit as st

from geo import DATA_DIR
from geo.indicators import user_store_dir
from geo.registry import Issue, Registry, RegistryStore
from geo.userdata import DB_NAME, with_status_overrides
from geo.views import Filters, deliverable_view, site_view, unit_coverage

REGISTRY_FILES = ("projects.yaml", "sites.csv", "deliverables.csv", "vocabulary.yaml")


def _fingerprint(data_dir: Path) -> tuple:
    stamps = []
    for name in REGISTRY_FILES:
        path = data_dir / name
        stamps.append((name, path.stat().st_mtime_ns if path.exists() else None))
    return tuple(stamps)


@st.cache_resource(max_entries=4)
def _store(data_dir: str) -> dict:
    # One store per data directory; "seen" records the file state last loaded.
    return {"store": RegistryStore(data_dir), "seen": _fingerprint(Path(data_dir))}


def data_dir_setting() -> str:
    """Registry directory: ``PILOT_ATLAS_DATA_DIR`` if set (tests, staging), else ``data/``."""
    return os.environ.get("PILOT_ATLAS_DATA_DIR", str(DATA_DIR))


def var_dir_setting() -> str:
    """User-data store: ``PILOT_ATLAS_VAR_DIR`` if set (tests, staging), else ``var/``."""
    return str(user_store_dir())


def _store_stamp(var_dir: str) -> tuple:
    """Changes when the user-data store changes: its last changelog id and row count.

    Every write of ``geo.userdata`` (status, registry edit, undo, indicator) adds a
    changelog row. File times are not enough: in WAL mode the database file itself is
    only touched at checkpoints.
    """
    path = Path(var_dir) / DB_NAME
    if not path.exists():
        return ()
    try:
        with contextlib.closing(sqlite3.connect(path, timeout=5)) as conn:
            return tuple(conn.execute("SELECT max(id), count(*) FROM changelog").fetchone())
    except sqlite3.Error:
        # Not (yet) a store with a changelog: fall back on the files' stamps.
        wal = path.with_name(path.name + "-wal")
        return tuple(f.stat().st_mtime_ns for f in (path, wal) if f.exists())


def registry_state(data_dir: str | None = None) -> tuple[Registry | None, list[Issue], str]:
    """The registry in service, the problems of the files on disk, and a version key.

    Edited files are re-validated when they change; a broken edit leaves the last
    good registry in service and its problems in the returned list. Deliverable
    statuses set in the app (``geo.userdata`` status overrides) are applied on top,
    and the version key changes whenever the files or the overrides change.
    """
    data_dir = data_dir or data_dir_setting()
    holder = _store(data_dir)
    current = _fingerprint(Path(data_dir))
    if current != holder["seen"]:
        holder["store"].reload()
        holder["seen"] = current
    store: RegistryStore = holder["store"]
    base = store.registry
    if base is None:
        return None, list(store.issues), "none"
    var_dir = var_dir_setting()
    key = (holder["seen"], var_dir, _store_stamp(var_dir))
    overlay = holder.get("overlay")
    if overlay is None or overlay[0] != key or overlay[1] is not base:
        overlay = (key, base, with_status_overrides(base, var_dir))
        holder["overlay"] = overlay
    return overlay[2], list(store.issues), repr((data_dir, *key))


def base_registry(data_dir: str | None = None) -> Registry | None:
    """The registry as its files say, without the app's status overrides."""
    registry_state(data_dir)
    return _store(data_dir or data_dir_setting())["store"].registry


def _filters(key: tuple) -> Filters:
    return Filters(*key)


@st.cache_data(max_entries=64, show_spinner=False)
def cached_site_view(version: str, filters: tuple, lang: str) -> pd.DataFrame:
    registry, _, _ = registry_state()
    assert registry is not None
    return site_view(registry, _filters(filters), lang)


@st.cache_data(max_entries=64, show_spinner=False)
def cached_deliverables(version: str, filters: tuple, lang: str) -> pd.DataFrame:
    registry, _, _ = registry_state()
    assert registry is not None
    return deliverable_view(registry, _filters(filters), lang)


@st.cache_data(max_entries=64, show_spinner=False)
def cached_coverage(version: str, filters: tuple, lang: str) -> pd.DataFrame:
    return unit_coverage(cached_site_view(version, filters, lang))


def filters_key(filters: Filters) -> tuple:
    """Hashable cache key of ``filters``: every field, in declaration order."""
    return tuple(getattr(filters, f.name) for f in fields(filters))


@st.cache_data(max_entries=16, show_spinner=False)
def cached_export(
    version: str, scope_key: tuple, lang: str, fmt: str, *, title: str, day: str
) -> bytes:
    """A table, GeoJSON, PNG or PDF file of a page's scope (:mod:`geo.briefing`).

    Built once per registry version, scope, language and day (the files print the
    date), so downloading the same file again is instant. ``title`` heads the PNG.
    """
    from geo import briefing
    from geo.scope import scope_from_key

    registry, _, _ = registry_state()
    assert registry is not None
    scope = scope_from_key(scope_key)
    if fmt == "pdf":
        return briefing.scope_pdf(registry, scope, lang)
    if fmt == "png":
        return briefing.scope_png(registry, scope, lang, title)
    return briefing.scope_table(registry, scope, lang, fmt)
