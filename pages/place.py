"""Place profile (``?page=place&u=<P-code>``): projects, deliverables, indicators, map,
sources, a comparison with a second place (``&u2=``) and the profile's downloads."""

from __future__ import annotations

from functools import partial

import pandas as pd
import streamlit as st

from geo.cache import (
    cached_coverage,
    cached_deliverables,
    cached_last_change,
    cached_site_view,
    filters_key,
)
from geo.config import bundled_data_dir
from geo.geometry import unit_at
from geo.i18n import level_label, t
from geo.maps import bounds_of, coverage_map
from geo.profile import (
    PlaceProfile,
    compare_profiles,
    done_text,
    indicator_display,
    neighbourhood,
    phase_rows,
    place_options,
    place_profile,
    without_provinces,
)
from geo.sources import source_line
from geo.tables import deliverable_columns, labelled
from geo.targets import load_targets, targets_view
from geo.viewtext import changed_text, filters_line, log_changed, tables_bytes
from pages.ui.context import Context
from pages.ui.mapframe import atlas_map, controls_first, map_first
from pages.ui.mapview import MAP_PAGE_STYLE
from pages.ui.places import open_place, place_table
from pages.ui.tables import download, escape_md
from pages.ui.targets import targets_section

PHASE_COLUMNS = {
    "project_name": "col_project",
    "phase_label": "col_phase",
    "period": "period",
    "deliverables": "count_quantity_done",
    "note": "col_note",
}
INDICATOR_COLUMNS = {
    "indicator": "indicator",
    "value": "col_value",
    "unit": "col_unit",
    "rank": "col_rank_national",
    "tier": "col_tier",
    "national": "col_national_ref",
    "provincial": "col_provincial_ref",
    "source": "source_line",
}


def _pick(key: str, target: str, current: str | None, lang: str, *, optional: bool) -> None:
    """A place chooser bound to ``target`` in session state (kept across pages)."""
    options = place_options()
    choices = ([None] if optional else []) + list(options)
    st.session_state[key] = current if current in options else None

    def changed() -> None:
        st.session_state[target] = st.session_state[key]

    empty = t("place_compare_none", lang) if optional else t("place_choose", lang)
    st.selectbox(
        t("place_compare", lang) if optional else t("place_choose", lang),
        choices,
        format_func=lambda p: options[p] if p else empty,
        key=key,
        on_change=changed,
        placeholder=empty,
    )


def _figures(profile: PlaceProfile, lang: str) -> None:
    """The place's counts, one under another beside the map (long labels wrap, never cut)."""
    counts = profile.counts()
    related = f"place_kf_related_{profile.level}"
    cols = st.columns(2, gap="small")
    cols[0].metric(t("place_kf_projects", lang), counts["projects"])
    cols[1].metric(t("place_kf_phases", lang), counts["phases"])
    st.metric(t(related, lang), counts["related"])
    for kind in ("items", "quantity"):
        total = counts[f"{kind}_total"]
        value = done_text(counts[f"{kind}_completed"], total, lang)
        st.metric(t(f"count_{kind}_done", lang), value, help=t("count_help", lang))


def _place_map(ctx: Context, pcode: str) -> None:
    lang = ctx.lang
    coverage = cached_coverage(ctx.version, ctx.filters_key, lang)
    legend = {
        "title": t("legend_coverage", lang),
        "none": t("legend_not_pilot", lang),
        "province": t("legend_province_site", lang),
    }
    bounds = bounds_of([pcode])
    focus = neighbourhood(bounds) if bounds else None
    fmap = coverage_map(
        coverage,
        legend,
        focus=focus,
        basemap=ctx.state.basemap,
        regions=ctx.state.regions,
        lang=lang,
    )
    # The frame stays; a new configuration (regions on or off) restyles its map.
    st.html(MAP_PAGE_STYLE)  # as tall as on the other map pages
    result = atlas_map(fmap, key=f"place_map_{pcode}", height=560, selected=pcode)
    st.caption(t("place_map_help", lang))
    click = (result or {}).get("last_clicked")
    seen = f"_seen_click_place_{pcode}"
    if click and click != st.session_state.get(seen):
        st.session_state[seen] = click
        hit = unit_at(float(click["lat"]), float(click["lng"]))
        if hit and hit != pcode:
            open_place(hit)
            st.rerun()


def _tables(ctx: Context, profile: PlaceProfile) -> None:
    lang, registry = ctx.lang, ctx.registry
    st.subheader(t("place_here", lang))
    if profile.sites.empty:
        st.caption(t("place_none_here", lang))
    else:
        own = phase_rows(registry, profile.sites, lang, where=False)
        st.dataframe(labelled(own, PHASE_COLUMNS, lang), hide_index=True, width="stretch")
    if not profile.related.empty:
        key = "place_in_districts" if profile.level == "province" else "place_in_province"
        st.subheader(t(key, lang))
        related = phase_rows(registry, profile.related, lang, where=True)
        place_table(
            labelled(related, {"place": "place_where", **PHASE_COLUMNS}, lang),
            related["pcode"],
            key=f"place_related_{profile.pcode}",
        )
    st.subheader(t("place_deliverables", lang))
    if profile.deliverables.empty:
        st.caption(t("place_no_deliverables", lang))
    else:
        place_table(
            deliverable_columns(profile.deliverables, lang),
            profile.deliverables["pcode"],
            key=f"place_deliverables_{profile.pcode}",
        )


def _indicators(profile: PlaceProfile, lang: str) -> None:
    """The unit's own indicators, then those of the province and region it lies in."""
    st.subheader(t("place_indicators", lang))
    rows = profile.indicators
    own = rows["level"] == profile.level
    st.dataframe(
        labelled(indicator_display(rows[own], lang), INDICATOR_COLUMNS, lang),
        hide_index=True,
        width="stretch",
    )
    if (~own).any():
        st.markdown(f"**{t('place_containing_title', lang)}**")
        columns = {k: v for k, v in INDICATOR_COLUMNS.items() if k != "provincial"}
        shown = labelled(indicator_display(rows[~own], lang), columns, lang)
        st.dataframe(shown, hide_index=True, width="stretch")


def _sources(ctx: Context, profile: PlaceProfile) -> None:
    lang, registry = ctx.lang, ctx.registry
    st.subheader(t("place_sources", lang))
    lines = []
    for pid in profile.projects:
        project = registry.projects[pid]
        title = source_line(registry, project.source, lang)
        lines.append(f"- **{escape_md(project.short(lang))}**: {escape_md(title)}")
    for citation in dict.fromkeys(profile.indicators["source"]):
        lines.append(f"- {escape_md(citation)}")
    st.markdown("\n".join(lines))


def _compare(ctx: Context, profile: PlaceProfile) -> None:
    lang = ctx.lang
    _pick("place2_pick", "place2", ctx.state.place2, lang, optional=True)
    other = ctx.state.place2
    if not other or other == profile.pcode:
        return
    second = load_profile(ctx, other)
    st.subheader(t("place_compare_title", lang, a=profile.title, b=second.title))
    table = compare_profiles(profile, second, lang).rename(
        columns={
            "item": " ",
            "a": profile.title,
            "b": second.title,
            "difference": t("place_difference", lang, a=profile.name, b=second.name),
        }
    )
    st.dataframe(table, hide_index=True, width="stretch")
    left, right = st.columns(2)
    for col, side in ((left, profile), (right, second)):
        with col:
            st.markdown(f"**{escape_md(side.title)}**")
            rows = phase_rows(ctx.registry, pd.concat([side.sites, side.related]), lang, where=True)
            st.dataframe(
                labelled(rows, {"place": "place_where", **PHASE_COLUMNS}, lang),
                hide_index=True,
                width="stretch",
            )


def load_profile(ctx: Context, pcode: str) -> PlaceProfile:
    """The profile of ``pcode`` from the cached views of the sidebar filters."""
    key = filters_key(without_provinces(ctx.state.filters))
    return place_profile(
        ctx.registry,
        pcode,
        ctx.lang,
        ctx.state.filters,
        view=cached_site_view(ctx.version, key, ctx.lang),
        deliverables=cached_deliverables(ctx.version, key, ctx.lang),
    )


def profile_tables(ctx: Context, profile: PlaceProfile) -> dict[str, pd.DataFrame]:
    """The profile's tables as shown, with translated headers (for CSV/XLSX)."""
    lang, registry = ctx.lang, ctx.registry
    rows = phase_rows(registry, pd.concat([profile.sites, profile.related]), lang, where=True)
    return {
        "phases": labelled(
            rows, {"place": "place_where", **PHASE_COLUMNS, "pcode": "col_pcode"}, lang
        ),
        "deliverables": deliverable_columns(profile.deliverables, lang),
        "indicators": labelled(
            indicator_display(profile.indicators, lang), INDICATOR_COLUMNS, lang
        ),
    }


def _pdf(ctx: Context, profile: PlaceProfile, line: str, changed: str) -> bytes:
    from geo.place_pdf import place_pdf

    lang, registry = ctx.lang, ctx.registry
    coverage = cached_coverage(ctx.version, ctx.filters_key, lang)["n_phases"]
    targets = targets_view(
        load_targets(registry, bundled_data_dir()),
        registry,
        lang,
        projects=profile.projects,
        province=profile.pcode[:6],
    )
    return place_pdf(
        profile,
        registry,
        lang,
        coverage=coverage,
        targets=targets,
        filter_line=line,
        changed=changed,
    )


def _exports(ctx: Context, profile: PlaceProfile, line: str, changed: str) -> None:
    lang = ctx.lang
    heading = (
        f"{profile.title} ({profile.pcode}) — {t('filter_line', lang, filters=line)} — {changed}"
    )
    stem = f"pilot-atlas-{profile.pcode}-{lang}"
    tables = partial(profile_tables, ctx, profile)
    with st.popover(t("export", lang), icon=":material/download:"):
        download(
            t("place_pdf", lang),
            partial(_pdf, ctx, profile, line, changed),
            f"{stem}.pdf",
            key="place_pdf",
        )
        download(
            t("place_export_sites", lang),
            lambda: tables_bytes({"phases": tables()["phases"]}, "csv", heading),
            f"{stem}-phases.csv",
            key="place_csv_phases",
        )
        download(
            t("place_export_indicators", lang),
            lambda: tables_bytes({"indicators": tables()["indicators"]}, "csv", heading),
            f"{stem}-indicators.csv",
            key="place_csv_indicators",
        )
        download(
            t("place_export_xlsx", lang),
            lambda: tables_bytes(tables(), "xlsx", heading),
            f"{stem}.xlsx",
            key="place_xlsx",
        )


def render(ctx: Context) -> None:
    lang, registry = ctx.lang, ctx.registry
    pcode = ctx.state.place
    # The export column fits "Dışa aktar" with its icons at 1366 px.
    head, pick_col, export_col = st.columns([4, 2, 1.4], vertical_alignment="bottom")
    with pick_col:
        _pick("place_pick", "place", pcode, lang, optional=False)
    if not pcode:
        head.title(t("page_place", lang))
        st.info(t("place_none", lang))
        return
    profile = load_profile(ctx, pcode)
    head.title(profile.title)
    changed = changed_text(None, log_changed(cached_last_change(ctx.version)), lang)
    st.caption(f"{level_label(profile.level, lang)} · `{pcode}` · {changed}")
    filters = ctx.state.filters
    line = filters_line(registry, filters, lang)
    if not filters.is_empty():
        st.caption(t("place_filtered", lang, filters=line))
    if profile.level == "district":
        st.button(
            t("place_province_link", lang, name=profile.province),
            on_click=open_place,
            args=(pcode[:6],),
            icon=":material/arrow_upward:",
        )
    with export_col:
        _exports(ctx, profile, line, changed)
    # Map first: most of the width, the counts beside it; the tables below, full width.
    map_col, side_col = st.columns([3, 1], gap="medium")
    with map_col:
        _place_map(ctx, pcode)
    if map_first():
        return  # the counts and tables follow once the map is drawn
    with side_col:
        _figures(profile, lang)
    if controls_first():
        return  # the tables follow once the map and the figures are rendered
    _tables(ctx, profile)
    _indicators(profile, lang)
    if profile.projects:
        targets_section(ctx, profile.projects, province=pcode[:6])
    _sources(ctx, profile)
    _compare(ctx, profile)
