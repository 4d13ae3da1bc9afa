"""Overview: every district drawn, pilot units shaded by how many project-phases cover them."""

from __future__ import annotations

import streamlit as st

from geo.cache import cached_coverage, cached_site_view
from geo.i18n import t
from geo.maps import coverage_map
from geo.views import key_figures
from pages.components import Context, search_box, show_map, site_columns, unit_panel
from pages.components import key_figures as show_key_figures


def render(ctx: Context) -> None:
    lang = ctx.lang
    st.title(t("overview_title", lang))
    st.caption(t("overview_caption", lang))
    view = cached_site_view(ctx.version, ctx.filters_key, lang)
    show_key_figures(ctx, key_figures(ctx.registry, ctx.state.filters, view))
    search_box(ctx)
    if view.empty:
        st.warning(t("empty_filters", lang))
    coverage = cached_coverage(ctx.version, ctx.filters_key, lang)
    legend = {
        "title": t("legend_coverage", lang),
        "none": t("legend_not_pilot", lang),
        "province": t("legend_province_site", lang),
    }
    map_col, detail_col = st.columns([5, 2])
    with map_col:
        fmap = coverage_map(coverage, legend, basemap=ctx.state.basemap)
        show_map(fmap, "overview_map", ctx)
    with detail_col:
        unit_panel(ctx)
    st.subheader(t("units_table", lang))
    st.dataframe(site_columns(view, lang), hide_index=True, width="stretch")
