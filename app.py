"""Pilot Atlas entry point: page config, shared sidebar, navigation, then the page."""

from __future__ import annotations

import streamlit as st

from geo.assets import ensure_assets, page_style
from geo.cache import rerun_scope
from pages import data, indicators, manage, matrix, overview, place, project
from pages.ui.context import guarded, load_context, write_url
from pages.ui.mapframe import begin_run, map_first, widgets_after_map
from pages.ui.presentation import presentation
from pages.ui.sidebar import leave_sidebar_out, sidebar, sidebar_title

PAGES = {
    "overview": overview.render,
    "project": project.render,
    "indicators": indicators.render,
    "data": data.render,
    "manage": manage.render,
    "place": place.render,
    "matrix": matrix.render,
}

st.set_page_config(page_title="Pilot Atlas", page_icon="🗺️", layout="wide")
ensure_assets()
st.html(page_style("app"))


def atlas() -> None:
    # The page lives in the URL (?page=...), so one hidden navigation entry serves all:
    # every page runs through this script and always gets the shared sidebar. The
    # store version is read once per rerun: every cache of this rerun is keyed on it.
    with rerun_scope():
        ctx = load_context()
        if ctx is None:
            return
        # The scene bar's own block, empty outside a presentation: what follows keeps its
        # place in the page's tree in both modes, so the map's frame (and its loaded map)
        # survives the switch.
        shown = presentation(ctx, st.container())
        begin_run()
        guarded(PAGES[shown.state.page], shown)
        # The sidebar's widgets are left out of a run that a presentation hides them in,
        # of the run leaving one (the map is painted first) and of a session's first map
        # page until the map is drawn (it is not kept waiting for the widgets' code); the
        # map's report brings them (pages.ui.mapframe). Their values are kept meanwhile.
        if shown.present or widgets_after_map() or map_first():
            leave_sidebar_out()
            if not shown.present:
                sidebar_title(ctx.lang)
        else:
            sidebar(ctx)
        write_url()


st.navigation(
    [st.Page(atlas, title="Pilot Atlas", url_path="atlas", default=True)], position="hidden"
).run()
