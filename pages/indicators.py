"""Indicators: choropleth of any indicator, pilots outlined, need versus coverage.

The bundled indicators come first, then those editors uploaded (label suffixed
"(kullanıcı)" / "(user)"); a link (``ind``) restores either kind, and an id that no
longer exists falls back to the default indicator.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from geo import indicators
from geo.boundaries import provinces_table, units
from geo.cache import cached_site_view, filters_key
from geo.charts import need_chart
from geo.classify import classify
from geo.i18n import fmt_number, t
from geo.maps import SEQUENTIAL, Legend, choropleth_map
from geo.numbers import decimals_for, localise_frame, plotly_separators
from geo.poverty_view import poverty_table
from geo.views import Filters, highest_need, pilot_units, province_pilots
from pages.ui.context import Context
from pages.ui.mapview import show_map
from pages.ui.tables import escape_md

DEFAULT_INDICATOR = "sege2022_score"
SCHEME_LABELS = {"tiers": "class_tiers", "quantiles": "class_quantiles", "natural": "class_natural"}


def _labels(level: str) -> pd.Series:
    if level == "district":
        table = units()
        return table["district"] + ", " + table["province"]
    return provinces_table()["province"]


def render(ctx: Context) -> None:
    lang = ctx.lang
    catalog = indicators.catalog_with_user(lang=lang)
    if st.session_state.get("indicator") not in catalog:
        # A deleted user indicator, or an id this session never saw: back to the default.
        st.session_state["indicator"] = DEFAULT_INDICATOR
    st.title(t("page_indicators", lang))
    c1, c2, c3 = st.columns([2, 1, 1])
    ind_id = c1.selectbox(
        t("indicator", lang),
        list(catalog),
        format_func=lambda i: catalog[i].label(lang),
        key="indicator",
    )
    indicator = catalog[ind_id]
    # Only bundled SEGE indicators have official tiers (a user id may look like one).
    tiers = None if indicator.user else indicators.tiers_for(ind_id)
    schemes = ["tiers", "quantiles", "natural"] if tiers is not None else ["quantiles", "natural"]
    if st.session_state.get("scheme") not in schemes:
        st.session_state["scheme"] = schemes[0]
    scheme = c2.radio(
        t("classification", lang),
        schemes,
        format_func=lambda s: t(SCHEME_LABELS[s], lang),
        key="scheme",
    )
    k = c3.slider(t("classes", lang), 3, 7, key="classes", disabled=scheme == "tiers")
    values = indicators.values_any(ind_id)
    if indicator.user:  # uploads cover some units: the others are drawn as missing
        values = values.reindex(_labels(indicator.level).index)
    classes = classify(values, scheme, k, tiers=tiers, lang=lang)
    n = len(classes.labels)
    # Darker always means more need: low scores, high ranks/tiers (tier 1 is lightest).
    palette = list(SEQUENTIAL[6])[:n] if scheme == "tiers" else list(SEQUENTIAL[max(n, 2)])[:n]
    if scheme != "tiers" and indicator.higher_is_better:
        palette.reverse()
    labels = _labels(indicator.level)
    unit_text = indicator.unit(lang)
    decimals = decimals_for(indicator.kind)
    shown = {
        str(p): fmt_number(v, lang, decimals) if pd.notna(v) else t("missing_value", lang)
        for p, v in values.items()
    }
    view = cached_site_view(ctx.version, ctx.filters_key, lang)
    outlines = {
        "district": sorted(view.loc[view["level"] == "district", "pcode"]),
        "province": sorted(view.loc[view["level"] == "province", "pcode"]),
    }
    class_labels = list(classes.labels)
    if scheme == "tiers":
        class_labels = [f"{t('tier_label', lang)} {c}" for c in class_labels]
        class_labels[0] += f" ({t('tier_best', lang)})"
        class_labels[-1] += f" ({t('tier_worst', lang)})"
    legend_items = [(palette[i], label) for i, label in enumerate(class_labels)]
    legend_items.append(("outline:#d00000", t("pilot", lang)))
    legend = Legend(
        f"{indicator.label(lang)} — {unit_text}",
        legend_items,
        note=f"{t('source_line', lang)}: {indicator.citation(lang)}",
    )
    fmap = choropleth_map(
        indicator.level,
        classes.index,
        palette,
        legend,
        values=shown,
        value_label=indicator.label(lang),
        outlines=outlines,
        basemap=ctx.state.basemap,
        lang=lang,
    )
    show_map(fmap, f"indicator_map_{ind_id}", ctx)
    # Uploaded sources and user names are editor-typed text: never markdown.
    shown = escape_md if indicator.user else str
    st.caption(f"{t('source_line', lang)}: {shown(indicator.citation(lang))}")
    if indicator.caveat_tr:
        caveat = indicator.caveat_en if lang == "en" else indicator.caveat_tr
        st.caption(f"{t('caveat', lang)}: {shown(caveat)}")
    st.subheader(t("need_vs_coverage", lang))
    st.caption(t("need_caption", lang))
    covered = pilot_units(view, indicator.level)
    pilot_flag = pd.Series(values.index.isin(list(covered)), index=values.index)
    chart = need_chart(
        values,
        pilot_flag,
        labels,
        title=indicator.label(lang),
        axis_label=unit_text,
        pilot_name=t("pilot", lang),
        other_name=t("not_pilot", lang),
    )
    st.plotly_chart(chart.update_layout(separators=plotly_separators(lang)), width="stretch")
    st.subheader(t("highest_need", lang))
    direction = indicators.need_order(indicator)
    if direction is None:
        st.caption(t("need_direction_none", lang))
    every_site = cached_site_view(ctx.version, filters_key(Filters()), lang)
    table = highest_need(
        values, pilot_units(every_site, indicator.level), direction, indicator.level
    )
    if indicator.level == "district":
        table["province_pilots"] = province_pilots(every_site, table["pcode"])
    table = localise_frame(table, {"value": decimals}, lang)
    table = table.rename(
        columns={
            "province_pilots": t("col_province_pilots", lang),
            "province": t("col_province", lang),
            "district": t("col_district", lang),
            "pcode": t("col_pcode", lang),
            "value": f"{indicator.label(lang)} ({unit_text})",
        }
    )
    st.dataframe(table, hide_index=True, width="stretch")
    with st.expander(t("poverty_partial_title", lang)):
        st.warning(t("poverty_partial_note", lang))
        shown_table = poverty_table(indicators.poverty_partial(), lang)
        st.dataframe(shown_table, hide_index=True, width="stretch")
