"""Shared UI pieces: sidebar controls and URL state, key figures, map, unit detail, search.

Pages call these and ``geo``; nothing here computes data itself.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import partial
from urllib.parse import urlencode

import folium
import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

from geo import indicators
from geo.boundaries import provinces_table, units
from geo.cache import filters_key, registry_state
from geo.geometry import unit_at
from geo.i18n import Message, fmt_number, level_label, t
from geo.maps import AtlasMap, bounds_of, selection_outline
from geo.names import name_key
from geo.registry import Issue, Registry
from geo.resolver import default_resolver
from geo.state import PAGES, ViewState, parse, to_params
from geo.views import Filters, KeyFigures, unit_detail

LOG = logging.getLogger("pilot_atlas")
# Material icons ship with Streamlit's frontend, so they render offline (emoji need a system font).
PAGE_ICONS = {
    "overview": ":material/map:",
    "project": ":material/push_pin:",
    "indicators": ":material/bar_chart:",
    "data": ":material/table_view:",
    "manage": ":material/upload_file:",
}


@dataclass(frozen=True)
class Context:
    """What every page needs: language, filters, registry and the shareable state."""

    state: ViewState
    registry: Registry
    version: str
    issues: tuple[Issue, ...]

    @property
    def lang(self) -> str:
        return self.state.lang

    @property
    def present(self) -> bool:
        return self.state.present

    @property
    def map_height(self) -> int:
        return 760 if self.state.present else 560

    @property
    def filters_key(self) -> tuple:
        return filters_key(self.state.filters)


def _phase_options(registry: Registry, projects: list[str]) -> dict[str, str]:
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
    all_phases = tuple(_phase_options(registry, []))
    state = parse(
        st.query_params.to_dict(),
        projects=tuple(registry.projects),
        phases=all_phases,
        provinces=tuple(provinces_table().index),
        statuses=tuple(registry.vocabulary["statuses"]),
        units=frozenset(provinces_table().index) | frozenset(units().index),
        indicators=tuple(indicators.catalog_with_user()),
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
    ss["scheme"] = state.scheme or "tiers"
    ss["classes"] = state.classes
    ss["basemap"] = state.basemap
    ss["present"] = state.present
    ss["scene"] = state.scene
    ss["_url_loaded"] = True


def _keep_valid(key: str, options: list[str]) -> None:
    st.session_state[key] = [v for v in st.session_state.get(key, []) if v in options]


def clear_filters() -> None:
    for key in ("f_project", "f_phase", "f_province", "f_status"):
        st.session_state[key] = []


def _sanitise_filters(registry: Registry) -> None:
    """Drop stored filter values that are no longer options (e.g. a phase of a deselected
    project), before anything reads them."""
    ss = st.session_state
    _keep_valid("f_project", list(registry.projects))
    _keep_valid("f_phase", list(_phase_options(registry, ss["f_project"])))
    _keep_valid("f_province", list(provinces_table().index))
    _keep_valid("f_status", list(registry.vocabulary["statuses"]))


def sidebar(ctx: Context) -> None:
    """Shared sidebar: language, page, presentation, filters, basemap, share link.

    It is drawn after the page: its values are already in session state (from the URL
    on a first run, from the widgets on reruns), and the map reaches the browser sooner.
    """
    registry = ctx.registry
    ss = st.session_state
    with st.sidebar:
        st.radio(
            "Dil / Language",
            options=["tr", "en"],
            format_func=lambda v: {"tr": "Türkçe", "en": "English"}[v],
            key="lang",
            horizontal=True,
        )
        lang = ss["lang"]
        st.radio(
            t("navigation", lang),
            options=list(PAGES),
            format_func=lambda p: f"{PAGE_ICONS[p]} {t('page_' + p, lang)}",
            key="page",
        )
        st.toggle(t("present", lang), key="present", help=t("present_help", lang))
        st.subheader(t("filters", lang))
        project_options = list(registry.projects)
        st.multiselect(
            t("filter_project", lang),
            project_options,
            format_func=lambda p: registry.projects[p].short(lang),
            key="f_project",
            placeholder=t("all", lang),
        )
        phases = _phase_options(registry, ss["f_project"])
        st.multiselect(
            t("filter_phase", lang),
            list(phases),
            format_func=lambda p: _phase_label(registry, p, lang),
            key="f_phase",
            placeholder=t("all", lang),
        )
        provinces = provinces_table()
        province_options = sorted(
            provinces.index, key=lambda p: name_key(provinces.at[p, "province"])
        )
        st.multiselect(
            t("filter_province", lang),
            province_options,
            format_func=lambda p: str(provinces.at[p, "province"]),
            key="f_province",
            placeholder=t("all", lang),
        )
        statuses = list(registry.vocabulary["statuses"])
        st.multiselect(
            t("filter_status", lang),
            statuses,
            format_func=lambda s: registry.status_label(s, lang),
            key="f_status",
            placeholder=t("all", lang),
        )
        st.button(t("clear_filters", lang), on_click=clear_filters, width="stretch")
        st.toggle(t("basemap", lang), key="basemap", help=t("basemap_help", lang))
        share_link(lang)
        st.caption(f"{t('app_title', lang)} — {t('app_subtitle', lang)}")


def _phase_label(registry: Registry, phase_id: str, lang: str) -> str:
    for project in registry.projects.values():
        for phase in project.phases:
            if phase.id == phase_id:
                return phase.label(lang)
    return phase_id


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
        ),
        unit=ss.get("unit"),
        project=ss.get("project_page"),
        indicator=ss.get("indicator"),
        scheme=ss.get("scheme"),
        classes=int(ss.get("classes", 5)),
        basemap=bool(ss.get("basemap")),
        present=bool(ss.get("present")),
        scene=int(ss.get("scene", 0)),
    )


def write_url() -> None:
    """Mirror the current view into the URL so the address bar is a shareable link."""
    params = to_params(session_view_state())
    if params != st.query_params.to_dict():
        st.query_params.from_dict(params)


def share_link(lang: str) -> None:
    """The current view's full link in a code box (its copy button copies it)."""
    query = urlencode(to_params(session_view_state()), safe=",")
    try:
        base = str(st.context.url or "").split("?")[0]
    except Exception:  # no browser context (tests, bare mode)
        base = ""
    link = f"{base}?{query}" if query else (base or "?")
    # In a popover: the code box (with its copy button) is only built when opened.
    with st.popover(t("copy_link", lang), icon=":material/link:", width="stretch"):
        st.code(link, language=None, wrap_lines=True)
        st.caption(t("copy_link_help", lang))


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


def key_figures(ctx: Context, figures: KeyFigures) -> None:
    lang = ctx.lang
    cols = st.columns(5)
    cols[0].metric(t("kf_projects", lang), figures.projects)
    cols[1].metric(t("kf_provinces", lang), figures.provinces)
    cols[2].metric(t("kf_districts", lang), figures.districts)
    cols[3].metric(t("kf_sites", lang), figures.sites)
    cols[4].metric(
        t("kf_deliverables", lang),
        f"{figures.deliverables_completed} / {figures.deliverables_total}",
    )


def select_unit(pcode: str | None, *, focus: bool) -> None:
    st.session_state["unit"] = pcode
    st.session_state["map_focus"] = pcode if focus else st.session_state.get("map_focus")


def search_box(ctx: Context) -> None:
    """Turkish-aware place search; choosing a hit selects the unit and centres the map."""
    lang = ctx.lang
    query = st.text_input(
        t("search_place", lang), key="search", help=t("search_help", lang), placeholder="Şahinbey"
    )
    if not query.strip():
        return
    hits = default_resolver().search(query, limit=6)
    if not hits:
        st.caption(t("search_none", lang))
        return
    cols = st.columns(min(len(hits), 3))
    for i, hit in enumerate(hits):
        cols[i % len(cols)].button(
            f"{hit.label} · {level_label(hit.level, lang)}",
            key=f"hit_{hit.pcode}",
            on_click=select_unit,
            args=(hit.pcode,),
            kwargs={"focus": True},
            width="stretch",
        )


def _centre_of(pcode: str) -> tuple[tuple[float, float], int] | None:
    bounds = bounds_of([pcode])
    if bounds is None:
        return None
    (s, w), (n, e) = bounds
    return ((s + n) / 2, (w + e) / 2), (9 if len(pcode) == 9 else 7)


def show_map(fmap: AtlasMap, key: str, ctx: Context) -> None:
    """Render a map; a click selects the unit under it without reloading the map."""
    selected = st.session_state.get("unit")
    group = selection_outline(selected) if selected else folium.FeatureGroup(name="selection")
    focus = st.session_state.get("map_focus")
    centre = _centre_of(focus) if focus else None
    result = st_folium(
        fmap,
        key=key,
        height=ctx.map_height,
        use_container_width=True,
        returned_objects=["last_clicked"],
        feature_group_to_add=group,
        center=centre[0] if centre else None,
        zoom=centre[1] if centre else None,
    )
    click = (result or {}).get("last_clicked")
    seen_key = f"_seen_click_{key}"
    if click and click != st.session_state.get(seen_key):
        st.session_state[seen_key] = click
        pcode = unit_at(float(click["lat"]), float(click["lng"]))
        if pcode != selected:
            select_unit(pcode, focus=False)
            st.rerun()


def unit_panel(ctx: Context) -> None:
    """Details of the selected unit: pilots of every project, deliverables, indicators."""
    lang = ctx.lang
    pcode = st.session_state.get("unit")
    st.markdown(f"#### {t('detail_title', lang)}")
    if not pcode:
        st.caption(t("detail_hint", lang))
        return
    detail = unit_detail(ctx.registry, pcode, lang)
    title = (
        detail["name"]
        if detail["level"] == "province"
        else f"{detail['name']}, {detail['province']}"
    )
    st.markdown(f"**{escape_md(title)}** · {level_label(detail['level'], lang)} · `{pcode}`")
    st.button(
        t("clear_selection", lang), on_click=select_unit, args=(None,), kwargs={"focus": True}
    )
    sites: pd.DataFrame = detail["sites"]
    if sites.empty:
        st.info(t("detail_no_sites", lang))
    else:
        st.dataframe(
            sites[["project_name", "phase_label"]].rename(
                columns={
                    "project_name": t("col_project", lang),
                    "phase_label": t("col_phase", lang),
                }
            ),
            hide_index=True,
            width="stretch",
        )
    if not detail["province_sites"].empty:
        st.caption(t("detail_province_sites", lang))
        st.dataframe(
            detail["province_sites"][["project_name", "phase_label"]].rename(
                columns={
                    "project_name": t("col_project", lang),
                    "phase_label": t("col_phase", lang),
                }
            ),
            hide_index=True,
            width="stretch",
        )
    deliverables: pd.DataFrame = detail["deliverables"]
    if not sites.empty:
        st.caption(t("detail_deliverables", lang))
        if deliverables.empty:
            st.caption(t("detail_no_deliverables", lang))
        else:
            st.dataframe(deliverable_columns(deliverables, lang), hide_index=True, width="stretch")
    st.caption(t("detail_indicators", lang))
    st.dataframe(indicator_rows(detail, lang), hide_index=True, width="stretch")


def indicator_rows(detail: dict, lang: str) -> pd.DataFrame:
    catalog = indicators.catalog_with_user(lang=lang)
    rows = []
    for ind_id, value in detail["indicators"].items():
        if ind_id not in catalog or pd.isna(value):
            continue
        ind = catalog[ind_id]
        decimals = {"score": 3, "change": 1, "density": 1}.get(ind.kind, 0)
        shown = fmt_number(value, lang, decimals)
        if ind_id == "sege2022_rank":
            shown = indicators.rank_text(detail["pcode"])
        rows.append(
            {
                t("indicator", lang): ind.label(lang),
                t("col_value", lang): shown,
                t("col_unit", lang): ind.unit(lang),
                t("source_line", lang): f"{ind.edition} ({ind.year})" if ind.year else ind.edition,
            }
        )
    return pd.DataFrame(rows)


def labelled(frame: pd.DataFrame, columns: dict[str, str], lang: str) -> pd.DataFrame:
    """The given columns of ``frame``, headed by their labels (``column -> label key``)."""
    return frame[list(columns)].rename(columns={c: t(k, lang) for c, k in columns.items()})


def deliverable_columns(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    return labelled(
        frame,
        {
            "project_name": "col_project",
            "province": "col_province",
            "district": "col_district",
            "deliverable_label": "col_deliverable",
            "quantity": "col_quantity",
            "status_label": "col_status",
            "note": "col_note",
        },
        lang,
    )


def site_columns(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    shown = frame.assign(level=frame["level"].map(lambda v: level_label(v, lang)))
    return labelled(
        shown,
        {
            "project_name": "col_project",
            "phase_label": "col_phase",
            "level": "col_level",
            "province": "col_province",
            "district": "col_district",
            "pcode": "col_pcode",
            "deliverables_completed": "col_deliverables_completed",
            "deliverables_total": "col_deliverables_total",
            "sege_score": "col_sege_score",
            "sege_tier": "col_sege_tier",
            "population": "col_population",
        },
        lang,
    )


MIME = {
    "csv": "text/csv",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "geojson": "application/geo+json",
    "png": "image/png",
    "html": "text/html",
    "pdf": "application/pdf",
}


def download(label: str, data: Callable[[], bytes], filename: str, *, key: str) -> None:
    """A download button whose file is built only when clicked (no rerun after it)."""
    st.download_button(
        label,
        data,
        filename,
        MIME[filename.rsplit(".", 1)[-1]],
        key=key,
        on_click="ignore",
        width="stretch",
    )


_MD_SPECIAL = str.maketrans({c: "\\" + c for c in "\\`*_{}[]()#+-.!|<>~"})


def escape_md(text: str) -> str:
    """Escape Markdown and HTML-significant characters in user-visible data."""
    return str(text).translate(_MD_SPECIAL)


PRESENTATION_CSS = """
<style>
section[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"],
[data-testid="stExpandSidebarButton"], header[data-testid="stHeader"] { display: none !important; }
.block-container { max-width: 100% !important; padding: 0.8rem 2rem !important; }
[data-testid="stMarkdownContainer"] p, [data-testid="stMarkdownContainer"] li {
  font-size: 1.25rem; }
[data-testid="stMetricValue"] p { font-size: 3rem !important; line-height: 1.15 !important; }
[data-testid="stMetricLabel"] p { font-size: 1.2rem !important; }
h1 { font-size: 2.8rem !important; }
</style>
"""


def _step_scene(delta: int, count: int) -> None:
    current = int(st.session_state.get("scene", 0))
    st.session_state["scene"] = min(count - 1, max(0, current + delta))


def _leave_presentation() -> None:
    st.session_state["present"] = False
    st.session_state["scene"] = 0


def presentation(ctx: Context) -> Context:
    """In presentation mode: hide the sidebar, enlarge, show the scene bar, apply the scene.

    The widgets' own filters are untouched, so leaving restores the previous view.
    """
    if not ctx.present:
        return ctx
    from geo.scenes import build_scenes

    lang = ctx.lang
    st.html(PRESENTATION_CSS)
    scenes = build_scenes(ctx.registry, ctx.state.filters, ctx.state.page)
    index = min(max(int(st.session_state.get("scene", 0)), 0), len(scenes) - 1)
    st.session_state["scene"] = index
    scene = scenes[index]
    cols = st.columns([1, 4, 1, 1])
    cols[0].button(
        f"◀ {t('scene_prev', lang)}",
        on_click=_step_scene,
        args=(-1, len(scenes)),
        shortcut="Left",
        disabled=index == 0,
        key="scene_prev",
        width="stretch",
    )
    counter = t("scene_counter", lang, i=index + 1, n=len(scenes))
    cols[1].markdown(f"**{escape_md(scene.title(lang))}** · {counter}")
    cols[2].button(
        f"{t('scene_next', lang)} ▶",
        on_click=_step_scene,
        args=(1, len(scenes)),
        shortcut="Right",
        disabled=index == len(scenes) - 1,
        key="scene_next",
        width="stretch",
    )
    cols[3].button(
        t("scene_exit", lang),
        on_click=_leave_presentation,
        shortcut="Esc",
        key="scene_exit",
        width="stretch",
    )
    state = replace(
        ctx.state,
        page=scene.page,
        filters=scene.filters,
        project=scene.project or ctx.state.project,
    )
    return replace(ctx, state=state)


def export_menu(
    ctx: Context,
    *,
    title: str,
    kind: str,
    map_factory: Callable[[], AtlasMap],
    colours: dict[str, str] | None = None,
    legend: list[tuple[str, str]] | None = None,
    legend_title: str | None = None,
) -> None:
    """Downloads of exactly what is on screen; every file is built only when clicked."""
    from geo import briefing
    from geo.cache import cached_site_view
    from geo.export import sites_table, to_bytes

    lang, registry, filters = ctx.lang, ctx.registry, ctx.state.filters
    view = cached_site_view(ctx.version, ctx.filters_key, lang)
    stem = f"pilot-atlas-{ctx.state.page}"
    text = briefing.filters_text(registry, filters, lang)

    def table_bytes(fmt: str) -> bytes:
        return to_bytes(sites_table(registry, filters, lang), fmt, sheet="sites", bom=True)

    def png() -> bytes:
        return briefing.map_png(
            view,
            title,
            text,
            lang,
            kind=kind,  # type: ignore[arg-type]
            colours=colours,
            legend=legend,
            legend_title=legend_title,
            sources=briefing.source_titles(registry, sorted(set(view["project"])), lang),
            focus=bounds_of(list(filters.provinces)) if filters.provinces else None,
        )

    def html() -> bytes:
        return briefing.standalone_map_html(map_factory(), title=title).encode("utf-8")

    with st.popover(t("export", lang), icon=":material/download:"):
        st.caption(t("export_caption", lang))
        buttons = (
            ("export_table_csv", partial(table_bytes, "csv"), "csv"),
            ("export_table_xlsx", partial(table_bytes, "xlsx"), "xlsx"),
            ("export_geojson", partial(table_bytes, "geojson"), "geojson"),
            ("export_png", png, "png"),
            ("export_html", html, "html"),
            ("export_pdf", partial(briefing.briefing_pdf, registry, filters, lang), "pdf"),
        )
        for label, data, ext in buttons:
            download(t(label, lang), data, f"{stem}.{ext}", key=f"export_{ctx.state.page}_{ext}")
