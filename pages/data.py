"""Data and sources: downloads, indicator sources, boundary disclaimer, validation report."""

from __future__ import annotations

from functools import partial

import pandas as pd
import streamlit as st

from geo import indicators
from geo.boundaries import BOUNDARY_SOURCE
from geo.export import export_table, to_bytes
from geo.i18n import t
from pages.ui.context import Context, show_issues
from pages.ui.tables import download

TABLES = (
    ("projects", "table_projects", "district"),
    ("sites", "table_sites", "district"),
    ("deliverables", "table_deliverables", "district"),
    ("indicators", "table_indicators", "district"),
    ("indicators", "table_indicators_province", "province"),
)


def render(ctx: Context) -> None:
    lang, registry = ctx.lang, ctx.registry
    st.title(t("page_data", lang))
    st.subheader(t("downloads", lang))
    st.caption(t("downloads_caption", lang))
    for name, label_key, level in TABLES:
        frame = export_table(name, registry, ctx.state.filters, lang, level)  # type: ignore[arg-type]
        stem = f"pilot-atlas-{name}" + (
            "-province" if level == "province" and name == "indicators" else ""
        )
        cols = st.columns([3, 1, 1, 1])
        cols[0].markdown(f"**{t(label_key, lang)}** · {len(frame)}")
        formats = (("csv", {"bom": True}), ("xlsx", {"sheet": name}))
        if name == "sites":
            formats += (("geojson", {}),)
        for col, (fmt, options) in zip(cols[1:], formats, strict=False):
            with col:
                download(
                    fmt.upper() if fmt != "geojson" else "GeoJSON",
                    partial(to_bytes, frame, fmt, **options),
                    f"{stem}.{fmt}",
                    key=f"{fmt}_{stem}",
                )
    st.subheader(t("data_sources", lang))
    catalog = pd.DataFrame(
        [
            {
                t("indicator", lang): ind.label(lang),
                t("col_level", lang): t(f"level_{ind.level}", lang),
                t("col_unit", lang): ind.unit(lang),
                t("source_line", lang): ind.citation(lang),
            }
            for ind in indicators.catalog_with_user(lang=lang).values()
        ]
    )
    st.dataframe(catalog, hide_index=True, width="stretch")
    with st.expander("SOURCES.md"):
        st.markdown((indicators.INDICATOR_DIR / "SOURCES.md").read_text(encoding="utf-8"))
    st.subheader(t("seed_documents", lang))
    seeds = pd.DataFrame(
        [
            {"id": sid, t("source_document", lang): src[f"title_{lang}"]}
            for sid, src in registry.sources.items()
        ]
    )
    st.dataframe(seeds, hide_index=True, width="stretch")
    st.subheader(t("boundary_disclaimer", lang))
    st.info(
        f"{BOUNDARY_SOURCE['name']} ({BOUNDARY_SOURCE[f'via_{lang}']}). "
        f"{BOUNDARY_SOURCE[f'disclaimer_{lang}']}"
    )
    st.subheader(t("validation_report", lang))
    if ctx.issues:
        st.error(t("validation_failed", lang))
        show_issues(ctx.issues)
    else:
        st.success(
            t(
                "validation_ok",
                lang,
                projects=len(registry.projects),
                sites=len(registry.sites),
                deliverables=len(registry.deliverables),
            )
        )
