"""Indicators: choropleth by year or change, small multiples, need versus coverage.

The bundled indicators come first (one entry per series: a year selector picks the year),
then those editors uploaded (label suffixed "(kullanıcı)" / "(user)"). A link restores the
indicator and year (``ind``), the change view's earlier year (``cmp``) and the region
overlay (``regions``, the sidebar's switch for every map); an id that no longer exists
falls back to the default indicator.
"""

from __future__ import annotations

from functools import partial
from typing import Any

import pandas as pd
import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from geo import indicators, user_catalog
from geo.boundaries import provinces_table, region_name, regions_table, units
from geo.cache import cached_site_view, filters_key
from geo.charts import need_chart
from geo.i18n import t
from geo.indicator_maps import (
    STRIP_LIMIT,
    IndicatorMap,
    build_map,
    need_table,
    series_label,
    strip_figure,
    strip_units,
    unit_label,
)
from geo.indicators import Indicator
from geo.maps import Legend, choropleth_map
from geo.numbers import plotly_separators
from geo.poverty_view import poverty_table
from geo.state import DEFAULT_CLASSES
from geo.views import Filters, coverage_of
from pages.ui.context import Context
from pages.ui.mapframe import controls_first, first_view, map_first
from pages.ui.mapview import BUTTON_KEY, SERIES_ROW_KEY, SINGLE_ROW_KEY, hold_room, show_map
from pages.ui.places import place_table
from pages.ui.tables import download, escape_md

DEFAULT_INDICATOR = "sege2022_score"
SCHEME_LABELS = {"tiers": "class_tiers", "quantiles": "class_quantiles", "natural": "class_natural"}


def _labels(level: str) -> pd.Series:
    if level == "district":
        table = units()
        return table["district"] + ", " + table["province"]
    if level == "region":
        return pd.Series({c: region_name(c) for c in regions_table().index})
    return provinces_table()["province"]


def _series_key(indicator: Indicator) -> str:
    return indicator.series or indicator.id


def _members(catalog: dict[str, Indicator], key: str) -> list[Indicator]:
    found = [i for i in catalog.values() if _series_key(i) == key]
    return sorted(found, key=lambda i: i.year)


def _linked(catalog: dict[str, Indicator]) -> tuple[Indicator, Indicator | None]:
    """The indicator and earlier year of the link (or the last choice): what the widgets
    show, and what a first view maps before they are drawn."""
    ss = st.session_state
    if ss.get("indicator") not in catalog:
        # A deleted user indicator, or an id this session never saw: back to the default.
        ss["indicator"] = DEFAULT_INDICATOR
    current = catalog[ss["indicator"]]
    compare = catalog.get(ss.get("ind_compare") or "")
    if compare is None or _series_key(compare) != _series_key(current):
        ss["ind_compare"] = compare = None
    return current, compare


def _row_key(catalog: dict[str, Indicator], series: str | None) -> str:
    """The key of the block holding the choices' row: a series of years brings the mode
    and year widgets, a single year only the box (the room they need differs)."""
    return SERIES_ROW_KEY if len(_members(catalog, series or "")) > 1 else SINGLE_ROW_KEY


def _sync_widgets(catalog: dict[str, Indicator]) -> None:
    """Put the link's indicator and change years into the widgets, once per change."""
    ss = st.session_state
    current, compare = _linked(catalog)
    if ss.get("_ind_synced") == (current.id, ss["ind_compare"]):
        return
    members = _members(catalog, _series_key(current))
    ss["ind_series"] = _series_key(current)
    ss["ind_year"] = current.year
    ss["ind_mode"] = "change" if compare else "values"
    ss["ind_range"] = (compare.year if compare else members[0].year, current.year)


def _series_changed(catalog: dict[str, Indicator]) -> None:
    ss = st.session_state
    members = _members(catalog, ss["ind_series"])
    ss["ind_year"] = members[-1].year
    ss["ind_range"] = (members[0].year, members[-1].year)
    if len(members) < 2:
        ss["ind_mode"] = "values"


def _choose(ctx: Context, catalog: dict[str, Indicator]) -> tuple[Indicator, Indicator | None]:
    """The indicator-year widgets; returns (indicator shown, earlier year or None)."""
    lang = ctx.lang
    _sync_widgets(catalog)
    heads: dict[str, Indicator] = {}
    for ind in catalog.values():
        heads[_series_key(ind)] = ind  # the latest year names the series
    row = st.container(key=_row_key(catalog, st.session_state.get("ind_series")))
    c1, c2, c3 = row.columns([2, 1.3, 1.7])  # the mode labels on one line each at 1366 px
    key = c1.selectbox(
        t("indicator", lang),
        list(heads),
        format_func=lambda k: series_label(heads[k], lang),
        key="ind_series",
        on_change=_series_changed,
        args=(catalog,),
    )
    members = _members(catalog, key)
    years = [m.year for m in members]
    by_year = {m.year: m for m in members}
    first: Indicator | None = None
    if len(members) > 1:
        mode = c2.radio(
            t("ind_mode", lang),
            ["values", "change"],
            format_func=lambda m: t(f"ind_mode_{m}", lang),
            key="ind_mode",
        )
        if mode == "change":
            low, high = _year_range(
                c3, f"{t('ind_from_year', lang)} – {t('ind_to_year', lang)}", years
            )
            chosen = by_year[high]
            if low == high:
                c3.caption(t("ind_same_year", lang))
            else:
                first = by_year[low]
        else:
            chosen = by_year[c3.select_slider(t("ind_year", lang), options=years, key="ind_year")]
    else:
        chosen = members[0]
    ss = st.session_state
    ss["indicator"], ss["ind_compare"] = chosen.id, first.id if first else None
    ss["_ind_synced"] = (chosen.id, ss["ind_compare"])
    return chosen, first


def _year_range(column: Any, label: str, years: list[int]) -> tuple[int, int]:
    """Two years of a series (widget key ``ind_range``, set from the link).

    A range ``select_slider`` whose value comes from Session State turns into a single
    value on the next rerun (Streamlit 1.67, cf. streamlit#4538, fixed only for
    ``st.slider``), so consecutive years, as every bundled series has, use ``st.slider``.
    """
    if years == list(range(years[0], years[-1] + 1)):
        low, high = column.slider(label, years[0], years[-1], step=1, key="ind_range")
    else:
        low, high = column.select_slider(label, options=years, key="ind_range")
    return int(low), int(high)


def _schemes(indicator: Indicator) -> list[str]:
    """The classifications ``indicator`` offers; the session's (the link's) is one of them."""
    tiers = None if indicator.user else indicators.tiers_for(indicator.id)
    schemes = ["tiers", "quantiles", "natural"] if tiers is not None else ["quantiles", "natural"]
    if st.session_state.get("scheme") not in schemes:
        st.session_state["scheme"] = schemes[0]
    return schemes


def _linked_classification(indicator: Indicator) -> tuple[str, int]:
    """The classification and classes of the link (or the last choice): what the
    classification widgets show, and what a first view maps before they are drawn."""
    _schemes(indicator)
    return st.session_state["scheme"], int(st.session_state.get("classes", DEFAULT_CLASSES))


def _classification(
    ctx: Context, indicator: Indicator, change: bool, where: DeltaGenerator
) -> tuple[str, int]:
    """Classification and classes in a popover in ``where`` (beside the
    title), so the map starts high on the page; the button names the scheme in use."""
    lang = ctx.lang
    schemes = _schemes(indicator)
    current = (
        t("ind_mode_change", lang) if change else t(SCHEME_LABELS[st.session_state["scheme"]], lang)
    )
    button = where.container(key=BUTTON_KEY)
    with button.popover(f"{t('classification', lang)}: {current}", icon=":material/tune:"):
        scheme = st.radio(
            t("classification", lang),
            schemes,
            format_func=lambda s: t(SCHEME_LABELS[s], lang),
            key="scheme",
            disabled=change,  # a change is always split at 0
        )
        k = st.slider(
            t("classes", lang), 3, 7, key="classes", disabled=scheme == "tiers" and not change
        )
    return scheme, k


def render(ctx: Context) -> None:
    lang = ctx.lang
    catalog = user_catalog.catalog_with_user(lang=lang)
    head, options = st.columns([3, 2], vertical_alignment="bottom")
    head.title(t("page_indicators", lang))
    if first_view():
        # The widgets follow once the map is drawn (pages.ui.mapframe): the map shows the
        # link's choice meanwhile, and blocks keep the widgets' room. Their code would
        # hold the map's frame back.
        indicator, first = _linked(catalog)
        scheme, k = _linked_classification(indicator)
        hold_room(BUTTON_KEY, options)
        hold_room(_row_key(catalog, _series_key(indicator)))
    else:
        indicator, first = _choose(ctx, catalog)
        scheme, k = _classification(ctx, indicator, first is not None, options)
    regions = ctx.state.regions  # the sidebar's switch, shared by every map
    user_values = user_catalog.values_any(indicator.id) if indicator.user else None
    spec = build_map(indicator, lang, scheme=scheme, k=k, first=first, values=user_values)
    view = cached_site_view(ctx.version, ctx.filters_key, lang)
    outlines = {
        "district": sorted(view.loc[view["level"] == "district", "pcode"]),
        "province": sorted(view.loc[view["level"] == "province", "pcode"]),
    }
    legend = Legend(
        f"{spec.title} — {spec.unit_text}",
        spec.legend_items(lang, regions=regions),
        note=spec.legend_note(lang),
    )

    def build() -> object:
        return choropleth_map(
            spec.level,
            spec.classes.index,
            spec.colours,
            legend,
            values=spec.shown_values(lang),
            value_label=spec.title,
            outlines=outlines,
            basemap=ctx.state.basemap,
            regions=regions,
            lang=lang,
        )

    # One frame for every indicator, year and class choice: a new choice restyles the map
    # the frame already has (the scope is always the country, so the user's view stays).
    show_map(build(), "indicator_map", ctx)  # type: ignore[arg-type]
    _citation(spec, lang)  # the figures' source stands with the map from the start
    if map_first():
        return  # exports, strip, need chart and tables follow once the map is drawn
    _exports(ctx, spec, outlines, regions)
    if controls_first():
        return  # the strip, need chart and tables follow once the exports are rendered
    members = _members(catalog, _series_key(indicator))
    if len(members) > 1 and not indicator.user:
        _strip(ctx, members, view)
    _need(ctx, spec, view)
    if spec.level == "region" and not indicator.user:
        _partial_table(lang)  # TÜİK's partial poverty rows belong to the bundled maps


def _citation(spec: IndicatorMap, lang: str) -> None:
    # Uploaded sources and user names are editor-typed text: never markdown.
    shown = escape_md if spec.indicator.user else str
    st.caption(f"{t('source_line', lang)}: {shown(spec.source)}")
    if not spec.caveat:
        return
    text = f"{t('caveat', lang)}: {shown(spec.caveat)}"
    if indicators.need_of(spec.indicator) == "choose":
        # The meaning decides how the map may be read: shown as prominently as the map.
        st.warning(text, icon=":material/info:")
    else:
        st.caption(text)


def _exports(
    ctx: Context, spec: IndicatorMap, outlines: dict[str, list[str]], regions: bool
) -> None:
    from geo.briefing import filters_text
    from geo.export import indicator_export, to_bytes
    from geo.indicator_png import indicator_png

    lang = ctx.lang
    stem = f"pilot-atlas-{spec.indicator.id}" + (f"-from-{spec.first.year}" if spec.first else "")

    def table(fmt: str) -> bytes:
        frame = indicator_export(spec.values, spec.indicator, lang, first=spec.first)
        frame["caveat"] = spec.caveat  # the indicator's own, and what a change means
        return to_bytes(frame, fmt, sheet="indicator", bom=fmt == "csv")

    def png() -> bytes:
        subtitle = t(
            "briefing_filters", lang, text=filters_text(ctx.registry, ctx.state.filters, lang)
        )
        return indicator_png(
            spec, lang, title=spec.title, subtitle=subtitle, outlines=outlines, regions=regions
        )

    with st.popover(t("export", lang), icon=":material/download:"):
        # An uploaded indicator's source is editor-typed text: never markdown.
        st.caption(escape_md(spec.note(lang)) if spec.indicator.user else spec.note(lang))
        for label, data, ext in (
            ("export_table_csv", partial(table, "csv"), "csv"),
            ("export_table_xlsx", partial(table, "xlsx"), "xlsx"),
            ("export_geojson", partial(table, "geojson"), "geojson"),
            ("export_png", png, "png"),
        ):
            download(t(label, lang), data, f"{stem}.{ext}", key=f"ind_export_{ext}")


def _strip(ctx: Context, members: list[Indicator], view: pd.DataFrame) -> None:
    lang = ctx.lang
    level = members[-1].level
    keys, selected = strip_units(st.session_state.get("unit"), view, level)
    if not keys:
        return
    st.subheader(t("ind_strip_title", lang))
    if selected:
        st.caption(t("ind_strip_selected", lang, name=unit_label(keys[0], level)))
    else:
        st.caption(t("ind_strip_pilots", lang, n=STRIP_LIMIT))
    st.plotly_chart(strip_figure(members, keys, lang), width="stretch")


def _need(ctx: Context, spec: IndicatorMap, view: pd.DataFrame) -> None:
    lang = ctx.lang
    need = "none" if spec.is_change else indicators.need_of(spec.indicator)
    st.subheader(t("need_vs_coverage", lang))
    if need == "none":
        st.caption(t("ind_need_none", lang))
        return
    choice = None
    if need == "choose":
        choice = st.radio(
            t("ind_need_choose", lang),
            ["none", "higher"],
            format_func=lambda c: t(f"ind_need_choose_{c}", lang),
            key="ind_need_choice",
            horizontal=True,
        )
    ascending = indicators.need_order(spec.indicator, choice)
    if ascending is None:
        st.caption(t("ind_need_unranked", lang))
        return
    direction = "lower" if ascending else "higher"
    st.caption(f"{t('ind_need_direction', lang)}: {t(f'ind_need_{direction}', lang)}")
    st.caption(t("ind_coverage_rule", lang))
    covered = coverage_of(view, spec.level)["coverage"] != "none"
    chart = need_chart(
        spec.values,
        covered,
        _labels(spec.level),
        title=spec.title,
        axis_label=spec.unit_text,
        pilot_name=t("pilot", lang),
        other_name=t("not_pilot", lang),
    )
    st.plotly_chart(chart.update_layout(separators=plotly_separators(lang)), width="stretch")
    st.markdown(f"**{t('ind_highest_need', lang)}**")
    only = st.toggle(t("ind_only_uncovered", lang), value=True, key="ind_only_uncovered")
    every_site = cached_site_view(ctx.version, filters_key(Filters()), lang)
    table = need_table(spec, every_site, ascending, lang, only_uncovered=only)
    # Regions have no place profile; a province or district row opens its profile.
    if spec.level == "region":
        st.dataframe(table, hide_index=True, width="stretch")
    else:
        place_table(table, table[t("col_pcode", lang)], key="need_table")


def _partial_table(lang: str) -> None:
    with st.expander(t("ind_partial_title", lang)):
        st.warning(t("ind_partial_note", lang))
        table = poverty_table(indicators.poverty_partial(), lang)
        st.dataframe(table, hide_index=True, width="stretch")
