"""Page context and URL state: what every page needs, read once per run.

The URL holds the view; on a session's first run it is copied into widget state, and
after every run the widgets' state is written back (:func:`write_url`).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd
import streamlit as st

from geo import user_catalog
from geo.boundaries import provinces_table, units
from geo.cache import filters_key, registry_state
from geo.i18n import Message, t
from geo.institutions import ROLES, institutions
from geo.registry import Issue, Registry
from geo.scenes import Scene
from geo.state import DEFAULT_CLASSES, ViewState, parse, to_params
from geo.tables import labelled
from geo.timeline import year_range
from geo.views import Filters

LOG = logging.getLogger("pilot_atlas")


@dataclass(frozen=True)
class Context:
    """What every page needs: language, filters, registry and the shareable state."""

    state: ViewState
    registry: Registry
    version: str
    issues: tuple[Issue, ...]
    #: The presentation scene being shown (``geo.scenes.Scene``), else ``None``.
    scene: Scene | None = None

    @property
    def scene_title(self) -> str | None:
        """In presentation mode, the scene's title (it names project, phase or province)."""
        return self.scene.title(self.lang) if self.scene is not None else None

    @property
    def lang(self) -> str:
        return self.state.lang

    @property
    def present(self) -> bool:
        return self.state.present

    @property
    def map_height(self) -> int:
        """The map frame's height before the page's CSS sizes it to the window (px)."""
        return 760 if self.state.present else 560

    @property
    def filters_key(self) -> tuple:
        return filters_key(self.state.filters)


def phase_options(registry: Registry, projects: list[str]) -> dict[str, str]:
    chosen = projects or list(registry.projects)
    options: dict[str, str] = {}
    for pid in chosen:
        for phase in registry.projects[pid].phases:
            options.setdefault(phase.id, phase.label_tr)
    return options


def _load_url_state(registry: Registry) -> None:
    """On a session's first run, copy the URL's view into widget state."""
    ss = st.session_state
    if ss.get("_url_loaded"):
        return
    all_phases = tuple(phase_options(registry, []))
    state = parse(
        st.query_params.to_dict(),
        projects=tuple(registry.projects),
        phases=all_phases,
        provinces=tuple(provinces_table().index),
        statuses=tuple(registry.vocabulary["statuses"]),
        units=frozenset(provinces_table().index) | frozenset(units().index),
        indicators=tuple(user_catalog.catalog_with_user()),
        institutions={role: tuple(institutions(registry, role)) for role in ROLES},
        years=year_range(registry),
    )
    ss["lang"] = state.lang
    ss["page"] = state.page
    ss["f_project"] = list(state.filters.projects)
    ss["f_phase"] = list(state.filters.phases)
    ss["f_province"] = list(state.filters.provinces)
    ss["f_status"] = list(state.filters.statuses)
    ss["unit"] = state.unit
    ss["project_page"] = state.project or next(iter(registry.projects))
    ss["indicator"] = state.indicator or "sege2022_score"
    ss["ind_compare"] = state.compare
    ss["ind_regions"] = state.regions
    ss["scheme"] = state.scheme or "tiers"
    ss["classes"] = state.classes
    ss["basemap"] = state.basemap
    ss["present"] = state.present
    ss["scene"] = state.scene
    ss["f_year"] = state.filters.year
    for role, values in zip(INSTITUTION_KEYS.values(), _institution_filters(state), strict=True):
        ss[role] = list(values)
    ss["place"] = state.place
    ss["place2"] = state.place2
    ss["matrix_rows"] = state.matrix_rows
    # A linked map view belongs to the first map shown (key None until it claims it).
    ss["map_view"] = {"key": None, "v": state.view} if state.view else None
    ss["_url_loaded"] = True


#: Filter role -> session key of its sidebar multiselect.
INSTITUTION_KEYS = {"implementer": "f_impl", "funder": "f_funder", "beneficiary": "f_benef"}


def _institution_filters(state: ViewState) -> tuple[tuple[str, ...], ...]:
    f = state.filters
    return (f.implementers, f.funders, f.beneficiaries)


def _keep_valid(key: str, options: list[str]) -> None:
    st.session_state[key] = [v for v in st.session_state.get(key, []) if v in options]


def clear_filters() -> None:
    for key in ("f_project", "f_phase", "f_province", "f_status", *INSTITUTION_KEYS.values()):
        st.session_state[key] = []
    st.session_state["f_year"] = None


def _sanitise_filters(registry: Registry) -> None:
    """Drop stored filter values that are no longer options (e.g. a phase of a deselected
    project), before anything reads them."""
    ss = st.session_state
    _keep_valid("f_project", list(registry.projects))
    _keep_valid("f_phase", list(phase_options(registry, ss["f_project"])))
    _keep_valid("f_province", list(provinces_table().index))
    _keep_valid("f_status", list(registry.vocabulary["statuses"]))
    for role, key in INSTITUTION_KEYS.items():
        _keep_valid(key, list(institutions(registry, role)))
    # The year control lives on some pages only; re-assigning keeps its value on the others.
    ss["f_year"] = ss.get("f_year")


def session_view_state() -> ViewState:
    """The view as the widgets hold it (what a link must restore)."""
    ss = st.session_state
    return ViewState(
        page=ss.get("page", "overview"),
        lang=ss.get("lang", "tr"),
        filters=Filters(
            projects=tuple(ss.get("f_project", [])),
            phases=tuple(ss.get("f_phase", [])),
            provinces=tuple(ss.get("f_province", [])),
            statuses=tuple(ss.get("f_status", [])),
            year=ss.get("f_year"),
            implementers=tuple(ss.get("f_impl", [])),
            funders=tuple(ss.get("f_funder", [])),
            beneficiaries=tuple(ss.get("f_benef", [])),
        ),
        unit=ss.get("unit"),
        project=ss.get("project_page"),
        indicator=ss.get("indicator"),
        compare=ss.get("ind_compare"),
        regions=bool(ss.get("ind_regions")),
        scheme=ss.get("scheme"),
        classes=int(ss.get("classes", DEFAULT_CLASSES)),
        basemap=bool(ss.get("basemap")),
        present=bool(ss.get("present")),
        scene=int(ss.get("scene", 0)),
        place=ss.get("place"),
        place2=ss.get("place2"),
        matrix_rows=ss.get("matrix_rows", "project"),
        view=(ss.get("map_view") or {}).get("v"),
    )


def write_url() -> None:
    """Mirror the current view into the URL so the address bar is a shareable link."""
    params = to_params(session_view_state())
    if params != st.query_params.to_dict():
        st.query_params.from_dict(params)


def load_context() -> Context | None:
    """Registry and view state; shows the registry problems and returns None if none loaded."""
    registry, issues, version = registry_state()
    if registry is None:
        lang = st.session_state.get("lang", "tr")
        st.error(t("registry_unavailable", lang))
        show_issues(issues)
        return None
    _load_url_state(registry)
    _sanitise_filters(registry)
    return Context(
        state=session_view_state(), registry=registry, version=version, issues=tuple(issues)
    )


def show_issues(issues: list[Issue] | tuple[Issue, ...]) -> None:
    """Validation problems as a table (file, row, field, problem) in the page's language."""
    if not issues:
        return
    lang = st.session_state.get("lang", "tr")
    frame = pd.DataFrame(
        {
            "file": i.file,
            "row": i.row,
            "field": i.field,
            "problem": i.message.text(lang) if isinstance(i.message, Message) else i.message,
        }
        for i in issues
    )
    st.dataframe(
        labelled(
            frame,
            {"file": "col_file", "row": "col_row", "field": "col_field", "problem": "col_problem"},
            lang,
        ),
        hide_index=True,
        width="stretch",
    )


def guarded(render: Callable[[Context], None], ctx: Context) -> None:
    """Run a page; an unexpected error becomes a message, never a traceback."""
    try:
        render(ctx)
    except Exception:  # users get a message, the log gets the traceback
        LOG.exception("page %s failed", ctx.state.page)
        st.error(t("error_generic", ctx.lang))
