"""Overview: every district drawn, pilot units shaded by how many project-phases cover them."""

from __future__ import annotations

from functools import partial

import streamlit as st

from geo.cache import cached_coverage, cached_site_table, cached_site_view
from geo.i18n import t
from geo.maps import bounds_of, coverage_map
from geo.views import key_figures
from pages.ui.context import Context
from pages.ui.exports import export_menu
from pages.ui.mapframe import controls_first, map_first
from pages.ui.mapview import compact_figures, map_layout, search_box, show_map, unit_panel
from pages.ui.mapview import key_figures as show_key_figures
from pages.ui.places import place_table
from pages.ui.presentation import scene_summary
from pages.ui.timecontrol import year_control

TABLE_ROWS = 100


def render(ctx: Context) -> None:
    lang = ctx.lang
    filters = ctx.state.filters
    # On a projector the title names the scene (a province scene names its province).
    st.title(ctx.scene_title or t("overview_title", lang))
    view = cached_site_view(ctx.version, ctx.filters_key, lang)
    figures = key_figures(ctx.registry, filters, view)
    coverage = cached_coverage(ctx.version, ctx.filters_key, lang)
    legend = {
        "title": t("legend_coverage", lang),
        "none": t("legend_not_pilot", lang),
        "province": t("legend_province_site", lang),
    }
    build = partial(
        coverage_map,
        coverage,
        legend,
        basemap=ctx.state.basemap,
        large=ctx.present,
        focus=bounds_of(list(filters.provinces)) if filters.provinces else None,
        regions=ctx.state.regions,
        lang=lang,
    )
    # A new key when the region borders are switched, so the map is drawn afresh.
    map_key = "overview_map_regions" if ctx.state.regions else "overview_map"
    head, map_col, side_col = map_layout(ctx)
    with head:
        if ctx.present:
            year_control(ctx)  # no slider on a projector: what the year scene shows
            if ctx.scene is not None and ctx.scene.province is not None:
                scene_summary(ctx)  # its projects, phases and key indicators, not the counts
            else:
                show_key_figures(ctx, figures)
        else:
            st.caption(t("overview_caption", lang))
            if view.empty:
                st.warning(t("empty_filters", lang))
    with map_col:
        show_map(build(), map_key, ctx)
    if side_col is None or map_first():
        # A scene is title, figures and map. Otherwise what stands beside and below the
        # map follows once it is drawn.
        return
    with side_col:
        compact_figures(ctx, figures)
        search_box(ctx)
        year_control(ctx)
        export_menu(ctx, title=t("overview_title", lang), map_factory=partial(build, inline=True))
        unit_panel(ctx)
    if controls_first():
        return  # the table follows once the map and the widgets are rendered
    st.subheader(t("units_table", lang))
    # A long table would dominate the page's payload; the full one is a download away.
    table, pcodes, total = cached_site_table(ctx.version, ctx.filters_key, lang, TABLE_ROWS)
    if total > TABLE_ROWS:
        st.caption(t("table_truncated", lang, shown=TABLE_ROWS, total=total))
    place_table(table, pcodes, key="overview_sites")
