"""Streamlit caching around the pure core: the only module of ``geo`` importing Streamlit.

Cached functions take strings, numbers and tuples (never a GeoDataFrame) and are
bounded with ``max_entries``. What ``st.cache_resource`` returns is shared by every
session and is never mutated; views are copies.

Everything read from the store is keyed on the store version (the latest change id),
read once per rerun by :func:`rerun_scope` with one indexed query: a change made
through any app server shows on every other at its next rerun, without a restart.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterator
from dataclasses import fields

import pandas as pd
import plotly.graph_objects as go
import streamlit as st
from sqlalchemy.exc import SQLAlchemyError

from geo import config
from geo.charts import status_chart, timeline_chart
from geo.i18n import t
from geo.numbers import plotly_separators
from geo.registry import Issue, Registry, RegistryError
from geo.scenes import Scene, build_scenes
from geo.store import Store, current_version, last_change_at, open_store, pin_version
from geo.store.registry_ops import Snapshot, StoreNotInitialisedError, snapshot
from geo.tables import site_columns
from geo.views import (
    Filters,
    deliverable_popups,
    deliverable_view,
    project_timeline,
    site_view,
    unit_coverage,
)

LOG = logging.getLogger("pilot_atlas")


def store() -> Store:
    """The app's store (migrated and initialised on first use in this process)."""
    return open_store(config.database_url())


@contextlib.contextmanager
def rerun_scope() -> Iterator[None]:
    """Read the store version once for this rerun; every cache below is keyed on it."""
    try:
        version = store().version()
    except (SQLAlchemyError, OSError, RegistryError):
        LOG.exception("the store could not be read")
        version = None
    pin_version(version)
    try:
        yield
    finally:
        pin_version(None)


@st.cache_resource(max_entries=4, show_spinner=False)
def _snapshot(url: str, version: int) -> Snapshot:
    # Immutable once built: Registry is frozen, its tables are read-only by convention.
    return snapshot(open_store(url))


def _current() -> tuple[Snapshot | None, list[Issue]]:
    try:
        current = store()
        return _snapshot(current.url, current_version(current)), []
    except RegistryError as exc:
        return None, list(exc.issues)
    except (StoreNotInitialisedError, SQLAlchemyError, OSError) as exc:
        LOG.exception("the registry could not be read from the store")
        return None, [Issue("store", None, "-", str(exc))]


def registry_state() -> tuple[Registry | None, list[Issue], str]:
    """The registry in service (statuses set in the app applied), problems, version key."""
    found, issues = _current()
    if found is None:
        return None, issues, "none"
    return found.registry, [], f"{store().url}#{found.version}"


@st.cache_data(max_entries=8, show_spinner=False)
def cached_last_change(version: str) -> str | None:
    """When the registry or user data last changed (UTC ISO), per store version."""
    return last_change_at(store())


def base_registry() -> Registry | None:
    """The registry as stored, without the app's status overrides."""
    found, _ = _current()
    return None if found is None else found.base


def _filters(key: tuple) -> Filters:
    return Filters(*key)


@st.cache_data(max_entries=64, show_spinner=False)
def cached_site_view(version: str, filters: tuple, lang: str) -> pd.DataFrame:
    registry, _, _ = registry_state()
    assert registry is not None
    return site_view(registry, _filters(filters), lang)


@st.cache_data(max_entries=64, show_spinner=False)
def cached_site_table(
    version: str, filters: tuple, lang: str, rows: int
) -> tuple[pd.DataFrame, pd.Series, int]:
    """The overview's table of pilot units: the first ``rows`` of the site view labelled
    and formatted for ``lang``, their P-codes, and how many units there are in all.

    Formatting every cell for the language cost about a third of an overview rerun
    (~15 ms), repeated for each viewer at each filter change.
    """
    view = cached_site_view(version, filters, lang)
    shown = view.head(rows)
    return site_columns(shown, lang), shown["pcode"], len(view)


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


# Figures and popups are rebuilt on every rerun otherwise: plotly validates a layout
# template on each figure (~20 ms) and the popups walk every deliverable row, together
# about 60% of a project page rerun. They are shared by every session
# (``cache_resource``): callers pass them to Streamlit and never mutate them.


@st.cache_resource(max_entries=64, show_spinner=False)
def cached_status_chart(version: str, filters: tuple, lang: str) -> go.Figure | None:
    """The deliverable status chart of the filtered deliverables, or ``None`` if none."""
    deliverables = cached_deliverables(version, filters, lang)
    if deliverables.empty:
        return None
    chart = status_chart(deliverables, t("status_chart", lang), t("col_quantity", lang))
    chart.update_layout(separators=plotly_separators(lang))
    return chart


@st.cache_resource(max_entries=64, show_spinner=False)
def cached_timeline(version: str, project_id: str, lang: str) -> tuple[go.Figure | None, list]:
    """A project's timeline chart (``None`` when nothing is dated) and its undated items."""
    registry, _, _ = registry_state()
    assert registry is not None
    phases, dated, undated = project_timeline(registry, project_id, lang)
    return timeline_chart(phases, dated, t("timeline", lang), "→"), undated


@st.cache_resource(max_entries=64, show_spinner=False)
def cached_popups(version: str, filters: tuple, lang: str) -> dict[str, list[str]]:
    """Deliverable lines per unit for the map popups of the filtered sites."""
    return deliverable_popups(
        cached_site_view(version, filters, lang),
        cached_deliverables(version, filters, lang),
        lang,
    )


@st.cache_resource(max_entries=64, show_spinner=False)
def cached_scenes(version: str, filters: tuple, page: str) -> tuple[Scene, ...]:
    """Presentation scenes for the filters and page (frozen; shared by every session).

    Building them filters the sites once per project and province: about 40% of the
    rerun that switches presentation mode on, and of every scene step after it.
    """
    registry, _, _ = registry_state()
    assert registry is not None
    return tuple(build_scenes(registry, _filters(filters), page))
