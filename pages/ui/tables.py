"""Labelled tables, Markdown escaping and download buttons shared by the pages."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

MIME = {
    "csv": "text/csv",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "geojson": "application/geo+json",
    "png": "image/png",
    "html": "text/html",
    "pdf": "application/pdf",
    "md": "text/markdown",
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
