"""The page's map as a Streamlit component that keeps its Leaflet map between reruns.

The frame (``static/frame/index.html``, written by :func:`geo.assets.ensure_assets`,
with ``static/atlas/frame.js``) requests Leaflet, the map's code and the geometry at
once, and redraws a new configuration on the map it already has: a filter, language or
indicator change restyles the units instead of loading a new document. Its value holds
the last click (``last_clicked``: lat/lng, EPSG:4326 degrees), the view the user
chose (``atlas_view``: lat, lon, zoom), and on a browser's first map page ``drawn`` and
then ``settled`` (the page drawn after the map rendered): see :func:`stage`.
"""

from __future__ import annotations

from typing import Any

import folium
import streamlit as st
import streamlit.components.v1 as components

from geo.assets import FRAME_DIR
from geo.maps import frame_args
from geo.style import SELECTION_STYLE

#: The iframe's title, for CSS that sizes the map frame (Streamlit titles a component's
#: frame with its module and name).
FRAME_TITLE = f"{__name__}.atlas_map"

_frame = components.declare_component("atlas_map", path=str(FRAME_DIR))

#: Session keys: a map of this session has reported itself drawn; the page drawn after
#: it has been rendered ("settled"); this run's stage; the keys of the session's maps.
DRAWN_KEY = "map_drawn"
SETTLED_KEY = "map_settled"
STAGE_KEY = "map_stage"
MAP_KEYS = "map_keys"
#: Session keys of a run that draws its widgets only after its map (see
#: :func:`widgets_after_map`): asked for by a callback of the previous run; this run's
#: state (:data:`ASKED`, then :data:`SENT` once its map was asked to report); the last
#: token a map was asked to report.
AFTER_MAP_ASKED = "after_map_asked"
AFTER_MAP_RUN = "after_map_run"
AFTER_MAP_TOKEN = "after_map_token"
ASKED, SENT = "asked", "sent"

#: Stages of a browser session's first map page (:func:`stage`). Streamlit fetches each
#: element's code on first use and creates an element only once the code of everything
#: around it has arrived; charts and tables bring megabytes of it (plotly alone is
#: 4.7 MB, the table grid 1.6 MB) and seconds of the browser's main thread. So the map
#: comes alone, then the widgets (sidebar, and what stands beside the map), then the
#: charts and tables below.
MAP_ONLY, CONTROLS, WHOLE = 1, 2, 3


def has_browser() -> bool:
    """True when the run comes from a browser (AppTest and bare runs send no headers)."""
    return bool(st.context.headers)


def _session_stage() -> int:
    ss = st.session_state
    # A presentation hides the sidebar and has no charts below its map: nothing to stage,
    # and staging it left the sidebar hidden after Esc in CI.
    if not has_browser() or ss.get(SETTLED_KEY) or ss.get("present"):
        return WHOLE
    return CONTROLS if ss.get(DRAWN_KEY) else MAP_ONLY


def first_view() -> bool:
    """True until a map of this browser session has reported itself drawn; for what a map
    page draws above its map (see :func:`map_first` for after it)."""
    return _session_stage() == MAP_ONLY


def begin_run() -> None:
    """Start a run: note what the session's map frames reported; no map drawn yet.

    A frame's value arrives as its widget state before the run starts, so what a page
    draws above its map already knows on the rerun that "drawn" starts. A page without
    a map has nothing to wait for.
    """
    ss = st.session_state
    values = [ss.get(key) or {} for key in ss.get(MAP_KEYS, ())]
    if any(v.get("drawn") for v in values):
        ss[DRAWN_KEY] = True
    if any(v.get("settled") for v in values):
        ss[SETTLED_KEY] = True
    ss[STAGE_KEY] = WHOLE
    # Asked for by a callback of the last run: good for this run only.
    ss[AFTER_MAP_RUN] = ASKED if ss.pop(AFTER_MAP_ASKED, False) and has_browser() else ""


def ask_widgets_after_map() -> None:
    """From a widget's callback: the run it starts draws the sidebar's widgets only once
    its map is drawn (:func:`widgets_after_map`). Leaving a presentation brings the
    sidebar back; building its seven filter boxes takes the browser's main thread for
    0.2-0.3 s, and the map, same thread, would be painted only after them."""
    st.session_state[AFTER_MAP_ASKED] = True


def widgets_after_map() -> bool:
    """True when this run's map will report itself drawn and the widgets wait for it: the
    frame's report starts the next run, which draws them. Only on the run that
    :func:`ask_widgets_after_map` asked for, with a map in it: a page without a map, or any
    later run, draws its widgets at once."""
    return st.session_state.get(AFTER_MAP_RUN) == SENT


def stage() -> int:
    """This run's stage: :data:`WHOLE` without a map (or without a browser), else where
    the session's first map is: :data:`MAP_ONLY` until the frame reports the map drawn,
    :data:`CONTROLS` until it reports the page drawn after it rendered, then ``WHOLE``."""
    return int(st.session_state.get(STAGE_KEY, WHOLE))


def map_first() -> bool:
    """True when the page stops after its map: the session's first map is not drawn yet."""
    return stage() == MAP_ONLY


def controls_first() -> bool:
    """True when the page stops before its charts and tables: they follow once the map
    and the widgets have been rendered."""
    return stage() < WHOLE


def atlas_map(
    fmap: folium.Map,
    *,
    key: str,
    height: int,
    view: tuple[float, float, float] | None = None,
    selected: str | None = None,
    mode: str = "browse",
) -> dict[str, Any] | None:
    """Draw ``fmap`` in the page's map frame; returns the frame's value (or ``None``).

    Parameters
    ----------
    fmap : folium.Map
        A map from :mod:`geo.maps` (its :class:`~geo.maps.UnitLayers` configuration is
        what the frame draws).
    key : str
        Keeps the frame (and its loaded map) across reruns.
    height : int
        Frame height in CSS pixels (page CSS may size it to the window instead).
    view : (lat, lon, zoom), optional
        A view to show (a shared link's or a searched place's), applied when it changes.
    selected : str, optional
        P-code of the unit outlined as selected.
    mode : str
        The page's mode ("browse" or "present"): a new mode frames the map afresh,
        whatever view the user had chosen.
    """
    ss = st.session_state
    ss[MAP_KEYS] = {*ss.get(MAP_KEYS, ()), key}
    report_drawn = None
    if ss.get(AFTER_MAP_RUN) == ASKED:
        report_drawn = int(ss.get(AFTER_MAP_TOKEN, 0)) + 1
        ss[AFTER_MAP_TOKEN] = report_drawn
        ss[AFTER_MAP_RUN] = SENT
    value = _frame(
        **frame_args(fmap),
        height=height,
        view=list(view) if view else None,
        selected=selected,
        selectStyle=SELECTION_STYLE,
        mode=mode,
        # What the frame still has to report (nothing once the session's page is whole).
        stage=_session_stage(),
        # Report this token once the map is drawn (see widgets_after_map), else nothing.
        reportDrawn=report_drawn,
        key=key,
        default=None,
    )
    if (value or {}).get("drawn"):
        ss[DRAWN_KEY] = True
    if (value or {}).get("settled"):
        ss[SETTLED_KEY] = True
    ss[STAGE_KEY] = _session_stage()
    return value
