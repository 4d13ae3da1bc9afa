"""The map on a page, place search and the selected unit's detail panel."""

from __future__ import annotations

import folium
import pandas as pd
import streamlit as st
from branca.element import Element
from streamlit_folium import st_folium

from geo import indicators, user_catalog
from geo.geometry import unit_at
from geo.i18n import fmt_number, level_label, t
from geo.indicator_maps import related_rows
from geo.maps import AtlasMap, bounds_of, selection_outline
from geo.numbers import decimals_for
from geo.resolver import default_resolver
from geo.views import KeyFigures, figure_items, unit_detail
from pages.ui.context import Context
from pages.ui.places import open_place
from pages.ui.presentation import FILL_FRAME_CSS
from pages.ui.tables import deliverable_columns, escape_md


def key_figures(ctx: Context, figures: KeyFigures) -> None:
    items = figure_items(figures, ctx.lang)
    for col, (key, label, value) in zip(st.columns(len(items)), items, strict=True):
        help_text = t("count_help", ctx.lang) if key.startswith("count_") else None
        col.metric(label, value, help=help_text)


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
    if ctx.present:  # the map fills its frame, which presentation CSS sizes to the screen
        fmap.get_root().header.add_child(Element(FILL_FRAME_CSS))
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
    profile_col, clear_col = st.columns(2)
    # The selected unit's full page: reached from a map click and from the search box.
    profile_col.button(
        t("place_open", lang),
        on_click=open_place,
        args=(pcode,),
        key="open_place",
        icon=":material/location_city:",
        type="primary",
        width="stretch",
    )
    clear_col.button(
        t("clear_selection", lang),
        on_click=select_unit,
        args=(None,),
        kwargs={"focus": True},
        width="stretch",
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
    catalog = user_catalog.catalog_with_user(lang=lang)
    rows = []
    for ind_id, value in detail["indicators"].items():
        if ind_id not in catalog or pd.isna(value):
            continue
        ind = catalog[ind_id]
        shown = fmt_number(value, lang, decimals_for(ind.kind))
        if ind_id == "sege2022_rank":
            shown = indicators.rank_text(detail["pcode"])
        rows.append(
            {
                t("indicator", lang): ind.label(lang),
                t("col_value", lang): shown,
                t("col_unit", lang): ind.unit(lang),
                t("source_line", lang): (
                    f"{ind.edition_text(lang)} ({ind.year})" if ind.year else ind.edition_text(lang)
                ),
            }
        )
    # Values of the province and the NUTS-2 region the unit lies in, each naming its level.
    rows.extend(related_rows(detail.get("related", []), lang))
    return pd.DataFrame(rows)
