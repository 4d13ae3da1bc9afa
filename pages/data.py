"""Data and sources: downloads, indicator sources, boundary disclaimer, validation report."""

from __future__ import annotations

from functools import partial

import pandas as pd
import streamlit as st

from geo import indicators, user_catalog
from geo.boundaries import BOUNDARY_SOURCE
from geo.cache import store
from geo.changelog_text import describe
from geo.export import export_table, sources_table, to_bytes
from geo.i18n import t
from geo.numbers import format_int
from geo.sources import source_rows
from geo.store import changelog_frame
from geo.tables import labelled
from pages.ui.context import LOG, Context, show_issues
from pages.ui.tables import download

TABLES = (
    ("projects", "table_projects", "district"),
    ("sites", "table_sites", "district"),
    ("deliverables", "table_deliverable_items", "district"),
    ("indicators", "table_indicators", "district"),
    ("indicators", "table_indicators_province", "province"),
    ("indicators", "table_indicators_region", "region"),
)


def render(ctx: Context) -> None:
    lang, registry = ctx.lang, ctx.registry
    st.title(t("page_data", lang))
    st.subheader(t("downloads", lang))
    st.caption(t("downloads_caption", lang))
    for name, label_key, level in TABLES:
        frame = export_table(name, registry, ctx.state.filters, lang, level)  # type: ignore[arg-type]
        stem = f"pilot-atlas-{name}" + (
            f"-{level}" if level != "district" and name == "indicators" else ""
        )
        cols = st.columns([3, 1, 1, 1])
        cols[0].markdown(f"**{t(label_key, lang)}** · {format_int(len(frame), lang)}")
        sources = sources_table(level, lang) if name == "indicators" else None
        formats = (
            ("csv", {"bom": True, "lang": lang}),
            ("xlsx", {"sheet": name, "lang": lang, "sources": sources}),
        )
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
                t("caveat", lang): ind.caveat(lang),
            }
            for ind in user_catalog.catalog_with_user(lang=lang).values()
        ]
    )
    # A static table wraps long citations instead of cutting them off.
    st.table(catalog, hide_index=True, border="horizontal")
    # The notes file is written in English only: offered as a file, not mixed into the page.
    notes = indicators.INDICATOR_DIR / "SOURCES.md"
    download(t("sources_md_download", lang), notes.read_bytes, "SOURCES.md", key="sources_md")
    st.subheader(t("seed_documents", lang))
    st.table(
        labelled(
            pd.DataFrame(source_rows(registry, lang)),
            {
                "title": "col_title",
                "publisher": "col_publisher",
                "date": "col_date",
                "projects": "col_cited_by",
            },
            lang,
        ),
        hide_index=True,
        border="horizontal",
    )
    st.subheader(t("boundary_disclaimer", lang))
    st.info(
        f"{BOUNDARY_SOURCE['name']} ({BOUNDARY_SOURCE[f'via_{lang}']}). "
        f"{BOUNDARY_SOURCE[f'disclaimer_{lang}']}"
    )
    recent_changes(ctx)
    st.subheader(t("validation_report", lang))
    if ctx.issues:
        st.error(t("validation_failed", lang))
        show_issues(ctx.issues)
    else:
        st.success(
            t(
                "validation_ok_items",
                lang,
                projects=format_int(len(registry.projects), lang),
                sites=format_int(len(registry.sites), lang),
                items=format_int(len(registry.deliverables), lang),
            )
        )


def recent_changes(ctx: Context, limit: int = 10) -> None:
    """The latest changes editors made, each as who, when and what in words."""
    lang = ctx.lang
    try:
        log = changelog_frame(store())
    except Exception:  # no store yet, or unreadable: the page still shows the rest
        LOG.warning("change log not readable", exc_info=True)
        return
    if log.empty:
        return
    st.subheader(t("recent_changes", lang))
    st.caption(t("recent_changes_caption", lang))
    rows = [describe(row, lang, ctx.registry) for row in log.head(limit).to_dict("records")]
    st.dataframe(
        labelled(
            pd.DataFrame(rows),
            {
                "no": "changelog_no",
                "when": "changelog_when",
                "who": "changelog_who",
                "what": "changelog_what",
                "state": "changelog_state",
            },
            lang,
        ),
        hide_index=True,
        width="stretch",
    )
