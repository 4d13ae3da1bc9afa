"""Labelled tables, Markdown escaping and download buttons shared by the pages."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import streamlit as st

from geo.i18n import level_label, t


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
