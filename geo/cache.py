"""Streamlit caching around the pure core: the only module of ``geo`` importing Streamlit.

Cached functions take strings, numbers and tuples (never a GeoDataFrame) and are
bounded with ``max_entries``. What ``st.cache_resource`` returns is shared by every
session and is never mutated; views are copies.
"""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd
import streamlit as st

from geo import DATA_DIR
from geo.registry import Issue, Registry, RegistryStore
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


def registry_state(data_dir: str | None = None) -> tuple[Registry | None, list[Issue], str]:
    """The registry in service, the problems of the files on disk, and a version key.

    Edited files are re-validated when they change; a broken edit leaves the last
    good registry in service and its problems in the returned list.
    """
    data_dir = data_dir or data_dir_setting()
    holder = _store(data_dir)
    current = _fingerprint(Path(data_dir))
    if current != holder["seen"]:
        holder["store"].reload()
        holder["seen"] = current
    store: RegistryStore = holder["store"]
    version = repr((data_dir, holder["seen"])) if store.registry is not None else "none"
    return store.registry, list(store.issues), version


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
    """Hashable cache key of ``filters``."""
    return (filters.projects, filters.phases, filters.provinces, filters.statuses)
