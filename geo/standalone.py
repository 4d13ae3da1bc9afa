"""A map as one self-contained HTML file, for opening offline on another computer.

:func:`standalone_map_html` inlines Leaflet and the geometry of a folium map built by
:mod:`geo.maps` with ``inline=True``, and frames it like the other exports: a header
with the title, the filter line and the date, and a footer with the sources and the
boundary disclaimer. All text is escaped; the file loads nothing.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from html import escape
from typing import Any

from geo.assets import (
    GEOMETRY_URL,
    LEAFLET_CSS_URL,
    LEAFLET_JS_URL,
    STATIC_URL,
    export_style,
    leaflet_source,
)
from geo.inline_html import inline_files
from geo.maps import UnitLayers, inline_atlas_assets

_STATIC_ATTRIBUTE = re.compile(
    r"\b(?:src|href)\s*=\s*[\"']?" + re.escape(STATIC_URL), re.IGNORECASE
)


@dataclass(frozen=True, slots=True)
class Caption:
    """What the file says around its map (plain text; escaped when written).

    Attributes
    ----------
    title : str
        The export's title (project or page).
    filters : str
        The filter line, e.g. ``"Filtreler: Proje: EKOSEP"``.
    date : str
        The date line, e.g. ``"Tarih: 2026-12-01"``.
    sources : sequence of str
        Source lines (seed documents, boundaries, indicator citations).
    disclaimer : str
        The boundary disclaimer.
    lang : str
        Language of the text (the document's ``lang`` attribute).
    """

    title: str
    filters: str
    date: str
    sources: Sequence[str]
    disclaimer: str
    lang: str = "tr"


def _elements(element: Any) -> Iterator[Any]:
    yield element
    for child in getattr(element, "_children", {}).values():
        yield from _elements(child)


def caption_html(caption: Caption) -> str:
    """Header and footer elements of the page (every string escaped)."""
    head = (
        '<header class="atlas-head">'
        f'<span class="atlas-date">{escape(caption.date)}</span>'
        f"<h1>{escape(caption.title)}</h1><p>{escape(caption.filters)}</p></header>"
    )
    lines = "".join(f"<p>{escape(line)}</p>" for line in caption.sources)
    foot = (
        f'<footer class="atlas-foot">{lines}'
        f'<p class="atlas-disclaimer">{escape(caption.disclaimer)}</p></footer>'
    )
    return head + foot


def _check_offline(fmap: Any) -> None:
    import folium

    for element in _elements(fmap):
        if isinstance(element, UnitLayers) and json.loads(element.config).get("inline") is None:
            msg = "the map loads its geometry from the app; build it with inline=True"
            raise ValueError(msg)
        if isinstance(element, folium.TileLayer):
            msg = "the map has a tile layer (online basemap); build it with basemap=False"
            raise ValueError(msg)


def standalone_map_html(
    fmap: Any, *, title: str = "", caption: Caption | None = None, full_window: bool = True
) -> str:
    """One self-contained HTML file of a map, for opening offline on another computer.

    Parameters
    ----------
    fmap : folium.Map
        A map from the :mod:`geo.maps` builders made with ``inline=True`` (geometry
        embedded) and without the online basemap.
    title : str
        Text of the page's ``<title>`` (escaped); default the caption's title.
    caption : Caption, optional
        Header (title, filters, date) and footer (sources, disclaimer) around the map.
    full_window : bool
        Let the map fill the browser window instead of the app's fixed height.

    Returns
    -------
    str
        The page with Leaflet's JavaScript and CSS inlined. It loads nothing from the
        app or the internet. (Leaflet's own attribution control keeps its hyperlink to
        leafletjs.com, which is a link, not a resource the page fetches.)

    Raises
    ------
    ValueError
        If the map fetches geometry from the app (built without ``inline=True``), has a
        tile layer, or does not load Leaflet the way :class:`geo.maps.AtlasMap` does.
    """
    _check_offline(fmap)
    html = fmap.get_root().render()
    js, css = leaflet_source()
    html, missing = inline_files(
        html, scripts={LEAFLET_JS_URL: js}, stylesheets={LEAFLET_CSS_URL: css}
    )
    if missing:
        msg = "the map does not load Leaflet from the app (is it a geo.maps.AtlasMap?)"
        raise ValueError(msg)
    html = inline_atlas_assets(html)  # the map's own code, linked the same way
    # With inline geometry the URL is never used; drop it so nothing points at the app.
    html = html.replace(f'"url":"{GEOMETRY_URL}"', '"url":""')
    title = title or (caption.title if caption else "")
    head = f"<title>{escape(title)}</title>" if title else ""
    if caption is not None:
        head += export_style("caption")
        html = re.sub(r"<body>", lambda _m: "<body>\n" + caption_html(caption), html, count=1)
        html = re.sub(r"<html\b", f'<html lang="{escape(caption.lang)}"', html, count=1)
    elif full_window:
        head += export_style("full-window")
    if head:
        html = html.replace("</head>", head + "\n</head>", 1)
    if _STATIC_ATTRIBUTE.search(html):
        msg = f"the map still references {STATIC_URL}; it would not work offline"
        raise ValueError(msg)
    return html
