"""The year control of the map pages: a filter field, so the map builders stay unchanged."""

from __future__ import annotations

import streamlit as st

from geo.i18n import t
from geo.profile import period_text
from geo.timeline import not_placed, running_in, year_range
from pages.ui.context import Context


def year_control(ctx: Context, project: str | None = None) -> None:
    """A year slider (all years, or one year of the registry's dated range) and, for the
    chosen year, which phases run then and which cannot be placed for want of dates."""
    lang, registry = ctx.lang, ctx.registry
    years = year_range(registry)
    if years is None:
        return
    if not ctx.present:  # on a projector the year scenes choose the year
        st.select_slider(
            t("year_control", lang),
            options=[None, *range(years[0], years[1] + 1)],
            format_func=lambda y: t("year_all", lang) if y is None else str(y),
            key="f_year",
            help=t("year_help", lang),
        )
    year = ctx.state.filters.year
    if year is None:
        return
    projects = [project] if project else list(registry.projects)
    running = [
        f"{registry.projects[p].short(lang)} · {registry.projects[p].phase(ph).label(lang)}"
        for p, ph in sorted(
            running_in(registry, year), key=lambda x: list(registry.projects).index(x[0])
        )
        if p in projects
    ]
    if running:
        st.caption(t("year_running", lang, year=year, names="; ".join(running)))
    else:
        st.caption(t("year_running_none", lang, year=year))
    unplaced = [
        f"{registry.projects[s.project].short(lang)} · "
        f"{registry.projects[s.project].phase(s.phase).label(lang)} "
        f"({period_text(s.start, s.end, lang)})"
        for s in not_placed(registry)
        if s.project in projects
    ]
    if unplaced:
        st.caption(t("year_not_placed", lang, names="; ".join(unplaced)))
