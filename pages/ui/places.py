"""Ways into the place profile: a callback, row selection on tables, and links."""

from __future__ import annotations

from dataclasses import replace
from urllib.parse import urlencode

import pandas as pd
import streamlit as st

from geo.state import to_params
from pages.ui.context import session_view_state


def open_place(pcode: str | None, project: str | None = None) -> None:
    """Switch to the profile of ``pcode`` (a callback: runs before the next script run).

    With ``project``, the sidebar's project filter is set to it (a matrix cell's target).
    """
    if not pcode:
        return
    ss = st.session_state
    ss["page"] = "place"
    ss["place"] = pcode
    if project:
        ss["f_project"] = [project]
        ss["f_phase"] = []


def _on_row(key: str, pcodes: list[str]) -> None:
    event = st.session_state.get(key)
    rows = list(getattr(getattr(event, "selection", None), "rows", None) or [])
    if not rows and isinstance(event, dict):
        rows = list(event.get("selection", {}).get("rows", []))
    if rows and 0 <= rows[0] < len(pcodes):
        open_place(pcodes[rows[0]])


def place_table(shown: pd.DataFrame, pcodes: pd.Series, key: str, **kwargs: object) -> None:
    """A table whose row selection opens the profile of that row's place (``pcodes``)."""
    st.dataframe(
        shown,
        hide_index=True,
        width="stretch",
        key=key,
        on_select=lambda: _on_row(key, [str(p) for p in pcodes]),
        selection_mode="single-row",
        **kwargs,
    )


def place_href(pcode: str, project: str | None = None) -> str:
    """A relative link to the profile of ``pcode`` keeping the current view's filters."""
    state = session_view_state()
    filters = state.filters
    if project:
        filters = replace(filters, projects=(project,), phases=())
    target = replace(state, page="place", place=pcode, place2=None, filters=filters)
    return "?" + urlencode(to_params(target), safe=",")
