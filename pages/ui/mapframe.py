"""The page's map as a Streamlit component that keeps its Leaflet map between reruns.

The frame (``static/frame/index.html``, written by :func:`geo.assets.ensure_assets`,
with ``static/atlas/frame.js``) requests Leaflet, the map's code and the geometry at
once, and redraws a new configuration on the map it already has: a filter, language or
indicator change restyles the units instead of loading a new document. Its value holds
the last click (``last_clicked``: lat/lng, EPSG:4326 degrees) and the view the user
chose (``atlas_view``: lat, lon, zoom).
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

#: Session keys: a map of this session has reported itself drawn; this run's map has not.
DRAWN_KEY = "map_drawn"
PENDING_KEY = "map_pending"


def has_browser() -> bool:
    """True when the run comes from a browser (AppTest and bare runs send no headers)."""
    return bool(st.context.headers)


def first_view() -> bool:
    """True until a map of this browser session has reported itself drawn; for what a map
    page draws above its map (see :func:`map_first` for after it)."""
    return has_browser() and not st.session_state.get(DRAWN_KEY)


def begin_run() -> None:
    """Forget the last run's pending map: a page without a map has nothing to wait for."""
    st.session_state[PENDING_KEY] = False


def map_first() -> bool:
    """True when this run drew a browser session's first map, not yet reported drawn.

    Until then the page stops after the map; the sidebar and what stands beside and
    below the map follow on the rerun that the frame's "drawn" starts. A first visit
    then waits only for the element code of the title and the map frame: Streamlit
    fetches each widget's and chart's code on first use (plotly alone is 4.7 MB, the
    table grid 1.6 MB), and creates the frame only once the code of everything in the
    same run has arrived.
    """
    return bool(st.session_state.get(PENDING_KEY))


def atlas_map(
    fmap: folium.Map,
    *,
    key: str,
    height: int,
    view: tuple[float, float, float] | None = None,
    selected: str | None = None,
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
    """
    value = _frame(
        **frame_args(fmap),
        height=height,
        view=list(view) if view else None,
        selected=selected,
        selectStyle=SELECTION_STYLE,
        key=key,
        default=None,
    )
    ss = st.session_state
    if (value or {}).get("drawn"):
        ss[DRAWN_KEY] = True
    ss[PENDING_KEY] = first_view()
    return value
