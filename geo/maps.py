"""Leaflet maps built with folium that work offline and never turn data into live HTML.

* :class:`AtlasMap` loads Leaflet and the map's own code (``static/atlas/units.js``,
  ``map.js`` and ``map.css``, linted, cacheable) from the app itself instead of folium's CDNs, and
  drops jQuery, Bootstrap and the other extras folium adds by default.
* :class:`UnitLayers` passes one JSON configuration to ``AtlasMap.init`` in map.js, which
  draws provinces/districts from the static, quantised geometry files
  (:mod:`geo.geometry`) styled from a small per-P-code table, so only styles travel over
  the websocket. At zoom ≥ :data:`geo.geometry.DETAIL_ZOOM` it fetches finer polygons for
  the provinces in view. With ``inline=True`` the geometry is embedded instead, for
  standalone files. The same configuration carries the legend, the bounds to frame, an
  optional initial view and the place-name settings; tests read it with
  :func:`map_config`.
* Tooltips, popups, place names and the legend are built in the browser with
  ``textContent``: names such as ``<img src=x onerror=...>`` stay text. The configuration
  is embedded as JSON with ``<``, ``>`` and ``&`` escaped, so no string can close the
  ``<script>``.

Builders (:func:`coverage_map`, :func:`phase_map`, :func:`choropleth_map`) are pure: they
take tables and return a map whose configuration the tests inspect.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, ClassVar

import folium
import pandas as pd
from branca.element import MacroElement
from jinja2 import Template

from geo.assets import (
    ATLAS_CSS_URL,
    ATLAS_JS_URL,
    GEOMETRY_URL,
    LEAFLET_CSS_URL,
    LEAFLET_JS_URL,
    UNITS_JS_URL,
    atlas_source,
)
from geo.geometry import DETAIL_ZOOM, NATIONAL, display_layer, encode_units
from geo.i18n import t
from geo.inline_html import inline_files

# Colours and legends come from the one style module shared with the PNG and PDF.
from geo.style import (  # noqa: F401  (re-exported for the pages)
    BASE_FILL,
    BASE_LINE,
    CATEGORICAL,
    COVERAGE_COLOURS,
    MISSING_FILL,
    REGION_LINE,
    SEQUENTIAL,
    Legend,
    coverage_items,
    phase_colours,
    region_legend_item,
)

#: Türkiye's extent (south-west, north-east) in EPSG:4326 degrees.
TURKIYE_BOUNDS = ((35.8, 25.6), (42.2, 44.9))
OSM_TILES = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
OSM_ATTRIBUTION = "© OpenStreetMap contributors"
OSM_OPACITY = 0.6
#: Leaflet options of every map, on screen (frame.js) and in standalone files (folium).
#: No max bounds: the fit shifts Türkiye away from the legend, and Leaflet would pull a
#: small (phone) view back under it to stay inside them. Keyboard handling is off: arrow
#: keys change presentation scenes.
MAP_OPTIONS: dict[str, Any] = {
    "center": (39.0, 35.2),
    "zoom": 6,
    "minZoom": 4,
    "maxZoom": 12,
    "zoomSnap": 0.25,
    "zoomDelta": 0.5,
    "preferCanvas": True,
    "keyboard": False,
}


def safe_json(value: Any) -> str:
    """JSON that is safe inside a ``<script>`` element (no ``</script>``, no ``<!--``)."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


class LeafletMap(folium.Map):
    """A folium map whose only external files are Leaflet's, served by the app (no CDN,
    no jQuery/Bootstrap); the benchmark's naive baseline draws on it."""

    default_js: ClassVar[list[tuple[str, str]]] = [("leaflet", LEAFLET_JS_URL)]
    default_css: ClassVar[list[tuple[str, str]]] = [("leaflet_css", LEAFLET_CSS_URL)]


class AtlasMap(LeafletMap):
    """A folium map whose only external files are Leaflet's and its own, served by the app.

    units.js comes first: it starts downloading the geometry while Leaflet loads.
    """

    default_js: ClassVar[list[tuple[str, str]]] = [
        ("atlas_units", UNITS_JS_URL),
        ("leaflet", LEAFLET_JS_URL),
        ("atlas_map", ATLAS_JS_URL),
    ]
    default_css: ClassVar[list[tuple[str, str]]] = [
        ("leaflet_css", LEAFLET_CSS_URL),
        ("atlas_css", ATLAS_CSS_URL),
    ]


@dataclass
class Layer:
    """One set of units drawn on the map.

    Attributes
    ----------
    level : {"district", "province"}
        Which geometry file to draw from.
    styles : dict
        P-code → ``[fill colour, fill opacity, line colour, line weight]``.
    base : list or None
        Style of units not in ``styles``; ``None`` draws only the styled units.
    tooltips : dict
        P-code → text lines shown on hover under the unit's name (always text, never
        HTML; names come with the geometry files, not with the page).
    popups : dict
        P-code → text lines shown on click under the unit's name.
    values : dict
        P-code → formatted value, shown on hover as ``value_label: value``.
    """

    level: str
    styles: dict[str, list] = field(default_factory=dict)
    base: list | None = None
    tooltips: dict[str, list[str]] = field(default_factory=dict)
    popups: dict[str, list[str]] = field(default_factory=dict)
    values: dict[str, str] = field(default_factory=dict)
    value_label: str = ""
    interactive: bool = True
    name: str = ""
    markers: bool = False  # also draw a dot per styled unit, visible at national zoom


class _Texts:
    """Each distinct text once; layers refer to texts by index (names repeat a lot)."""

    def __init__(self) -> None:
        self.items: list[str] = []
        self._index: dict[str, int] = {}

    def add(self, text: str) -> int:
        text = str(text)
        if text not in self._index:
            self._index[text] = len(self.items)
            self.items.append(text)
        return self._index[text]


@lru_cache(maxsize=4)
def _unit_order(level: str) -> dict[str, int]:
    """Position of each unit in the geometry files (rows refer to units by position).

    Cached (callers only read it): building it copies the display layer, a third of
    the map's cost on every rerun.
    """
    return {p: i for i, p in enumerate(display_layer(level)["pcode"])}  # type: ignore[arg-type]


def _pack_layer(layer: Layer, texts: _Texts) -> dict[str, Any]:
    """Encode a layer as rows ``[unit, style, tooltip lines, popup lines, value]``.

    Units are positions in the geometry file, styles index a small palette and texts
    index a shared table, so the payload grows slowly with the number of sites.
    """
    palette: list[list] = []
    seen: dict[str, int] = {}
    position = _unit_order(layer.level)
    pcodes = dict.fromkeys([*layer.styles, *layer.tooltips, *layer.popups, *layer.values])
    rows = []
    for pcode in pcodes:
        if pcode not in position:
            continue  # not a unit of this level; nothing to draw it on
        style = -1
        if pcode in layer.styles:
            key = json.dumps(layer.styles[pcode])
            if key not in seen:
                seen[key] = len(palette)
                palette.append(layer.styles[pcode])
            style = seen[key]
        row: list[Any] = [
            position[pcode],
            style,
            [texts.add(x) for x in layer.tooltips.get(pcode, [])] or 0,
            [texts.add(x) for x in layer.popups.get(pcode, [])] or 0,
        ]
        if pcode in layer.values:
            row.append(layer.values[pcode])
        while len(row) > 2 and row[-1] == 0:
            row.pop()
        rows.append(row)
    return {
        "level": layer.level,
        "palette": palette,
        "rows": rows,
        "base": layer.base,
        "valueLabel": layer.value_label,
        "interactive": layer.interactive,
        "markers": layer.markers,
    }


def expand_config(cfg: dict[str, Any]) -> list[dict[str, Any]]:
    """Undo :func:`_pack_layer` for every layer of a map configuration (for tests/tools)."""
    texts = cfg["texts"]
    layers = []
    for layer in cfg["layers"]:
        order = list(_unit_order(layer["level"]))
        styles, tooltips, popups, values = {}, {}, {}, {}
        for row in layer["rows"]:
            pcode = order[row[0]]
            padded = [*row, 0, 0][:4]
            if padded[1] >= 0:
                styles[pcode] = layer["palette"][padded[1]]
            if padded[2]:
                tooltips[pcode] = [texts[i] for i in padded[2]]
            if padded[3]:
                popups[pcode] = [texts[i] for i in padded[3]]
            if len(row) > 4:
                values[pcode] = row[4]
        layers.append(
            {**layer, "styles": styles, "tooltips": tooltips, "popups": popups, "values": values}
        )
    return layers


Bounds = tuple[tuple[float, float], tuple[float, float]]


class UnitLayers(MacroElement):
    """The map's layers, legend, framing and place names, drawn by map.js.

    Parameters
    ----------
    layers : list of Layer
        Drawn in order (later on top).
    legend : Legend, optional
        Shown in the bottom-right corner, foldable; the first fit leaves its strip free.
    fit : ((south, west), (north, east)), optional
        Degrees to frame once the map has its size; default Türkiye.
    lang : {"tr", "en"}
        Language of the map's own texts (place-name switch, error message).
    large : bool
        Larger legend (presentation mode).
    inline : bool
        Embed the geometry (standalone files) instead of fetching the static files.
    """

    _template = Template(
        "{% macro script(this, kwargs) %}"
        "AtlasMap.init({{ this._parent.get_name() }}, {{ this.config }});"
        "{% endmacro %}"
    )

    def __init__(
        self,
        layers: list[Layer],
        *,
        legend: Legend | None = None,
        fit: Bounds | None = None,
        lang: str = "tr",
        large: bool = False,
        inline: bool = False,
    ) -> None:
        super().__init__()
        self._name = "UnitLayers"
        texts = _Texts()
        south_west, north_east = fit or TURKIYE_BOUNDS
        payload: dict[str, Any] = {
            "url": GEOMETRY_URL,
            "detailZoom": DETAIL_ZOOM,
            "messages": {"failed": t("map_failed", lang)},
            "layers": [_pack_layer(layer, texts) for layer in layers],
            "legend": None,
            "fit": [list(south_west), list(north_east)],
            "fitMaxZoom": 10,
            "view": None,
            "labels": {
                "show": True,
                "districtZoom": DETAIL_ZOOM,
                "switchText": t("map_place_names", lang),
            },
            "fullHeight": not inline,
            "inline": None,
            "markers": [],
        }
        if legend is not None:
            payload["legend"] = {
                "title": legend.title,
                "items": [list(i) for i in legend.items],
                "note": legend.note,
                "large": large,
            }
        payload["texts"] = texts.items
        if inline:
            levels = {layer.level for layer in layers} | {"province"}  # province names
            payload["inline"] = {
                level: encode_units(display_layer(level, NATIONAL), NATIONAL.grid, with_names=True)  # type: ignore[arg-type]
                for level in sorted(levels)
            }
        self.payload = payload

    @property
    def config(self) -> str:
        """The configuration as script-safe JSON (what the template embeds)."""
        return safe_json(self.payload)


def _unit_layers(fmap: folium.Map, *, required: bool = True) -> UnitLayers | None:
    """The map's :class:`UnitLayers`; ``ValueError`` if it has none and one is required."""
    for child in fmap._children.values():
        if isinstance(child, UnitLayers):
            return child
    if required:
        msg = "not a Pilot Atlas map (no UnitLayers)"
        raise ValueError(msg)
    return None


def map_config(fmap: folium.Map) -> dict[str, Any]:
    """The configuration map.js receives for ``fmap`` (layers expanded, for tests/tools)."""
    cfg = json.loads(_unit_layers(fmap).config)  # type: ignore[union-attr]
    cfg["layers"] = expand_config(cfg)
    return cfg


def add_point(
    fmap: folium.Map,
    at: tuple[float, float],
    tip: str,
    *,
    fill: str,
    radius: float = 9,
    line: str = "#ffffff",
    weight: float = 2,
) -> None:
    """Mark a point (lat, lon in EPSG:4326 degrees; radius in screen pixels) with a
    tooltip, drawn by map.js above the units on screen and in standalone files."""
    _unit_layers(fmap).payload["markers"].append(  # type: ignore[union-attr]
        {
            "at": [float(at[0]), float(at[1])],
            "tip": str(tip),
            "fill": fill,
            "radius": radius,
            "line": line,
            "weight": weight,
        }
    )


def set_view(fmap: folium.Map, view: tuple[float, float, float] | None) -> None:
    """Open ``fmap`` at ``view`` (lat, lon, zoom) instead of fitting its scope."""
    layers = _unit_layers(fmap, required=False)
    if layers is not None:
        layers.payload["view"] = list(view) if view else None


def inline_atlas_assets(html: str) -> str:
    """Replace the links to units.js, map.js and map.css of a rendered map by their text
    (offline files).

    Raises
    ------
    ValueError
        If the page does not link each file (not an :class:`AtlasMap`).
    """
    units_js, map_js, css = atlas_source()
    html, missing = inline_files(
        html,
        scripts={UNITS_JS_URL: units_js, ATLAS_JS_URL: map_js},
        stylesheets={ATLAS_CSS_URL: css},
    )
    if missing:
        msg = "the map does not load static/atlas/units.js, map.js and map.css (is it an AtlasMap?)"
        raise ValueError(msg)
    return html


def base_map(*, basemap: bool = False, height: int = 560) -> AtlasMap:
    """An empty map of Türkiye; no tiles unless ``basemap`` (online) is asked for.

    The view is set by map.js (``UnitLayers``'s ``fit``) once the frame has its size:
    fitting here, before the browser has laid out the frame, opened some maps too close.
    Leaflet's keyboard handling is off: arrow keys change presentation scenes.
    """
    fmap = AtlasMap(
        location=list(MAP_OPTIONS["center"]),
        zoom_start=MAP_OPTIONS["zoom"],
        min_zoom=MAP_OPTIONS["minZoom"],
        max_zoom=MAP_OPTIONS["maxZoom"],
        tiles=None,
        prefer_canvas=True,
        height=height,
        control_scale=False,  # map.js adds a metric-only scale
        zoom_snap=MAP_OPTIONS["zoomSnap"],
        zoom_delta=MAP_OPTIONS["zoomDelta"],
        keyboard=False,
    )
    if basemap:
        folium.TileLayer(
            OSM_TILES, attr=OSM_ATTRIBUTION, name="OpenStreetMap", opacity=OSM_OPACITY
        ).add_to(fmap)
    return fmap


def frame_args(fmap: folium.Map) -> dict[str, Any]:
    """What the page's map component (static/atlas/frame.js) needs to draw ``fmap``.

    The component builds its own Leaflet map with :data:`MAP_OPTIONS` (the same options
    the standalone files get from folium) and draws the :class:`UnitLayers`
    configuration; a basemap is passed as its tile URL only when ``fmap`` has one.
    """
    config = _unit_layers(fmap).config  # type: ignore[union-attr]
    tiles = any(isinstance(c, folium.TileLayer) for c in fmap._children.values())
    return {
        "config": config,
        "options": MAP_OPTIONS,
        "tiles": (
            {"url": OSM_TILES, "attribution": OSM_ATTRIBUTION, "opacity": OSM_OPACITY}
            if tiles
            else None
        ),
    }


def _pilot_layers(
    district_styles: dict[str, list],
    province_styles: dict[str, list],
    tooltips: dict[str, list[str]],
    popups: dict[str, list] | None,
) -> list[Layer]:
    """All districts (pilots styled, dots on them) plus province-level pilots on top."""

    def of_level(table: dict, length: int) -> dict:
        return {k: v for k, v in table.items() if len(k) == length}

    layers = [
        Layer(
            "district",
            district_styles,
            base=[BASE_FILL, 0.9, BASE_LINE, 0.4],
            tooltips=of_level(tooltips, 9),
            popups=of_level(popups or {}, 9),
            markers=True,
        )
    ]
    if province_styles:
        layers.append(
            Layer(
                "province",
                province_styles,
                tooltips=of_level(tooltips, 6),
                popups=of_level(popups or {}, 6),
            )
        )
    return layers


def coverage_map(
    coverage: pd.DataFrame,
    legend_text: dict[str, str],
    *,
    popups: dict[str, list] | None = None,
    basemap: bool = False,
    large: bool = False,
    focus: tuple | None = None,
    inline: bool = False,
    regions: bool = False,
    lang: str = "tr",
) -> AtlasMap:
    """Overview map: all 973 districts, pilots shaded by the number of project-phases.

    Parameters
    ----------
    coverage : DataFrame
        Output of :func:`geo.views.unit_coverage`.
    legend_text : dict
        ``title``, ``none``, ``province`` labels and ``tooltip_phases`` prefix.
    regions : bool
        Draw the 26 NUTS-2 region borders on top, with a legend entry.
    """
    fmap = base_map(basemap=basemap)
    colours = COVERAGE_COLOURS
    district_styles: dict[str, list] = {}
    province_styles: dict[str, list] = {}
    tooltips: dict[str, list[str]] = {}
    # Plain columns, not iterrows: this runs on every rerun of the overview.
    rows = zip(
        coverage.index, coverage["n_phases"], coverage["phases"], coverage["level"], strict=True
    )
    for pcode, n_phases, phases, level in rows:
        colour = colours[min(int(n_phases), 3) - 1]
        tooltips[str(pcode)] = str(phases).split("; ")  # one line per project · phase
        if level == "district":
            district_styles[str(pcode)] = [colour, 0.85, "#343a40", 0.8]
        else:
            province_styles[str(pcode)] = [colour, 0.12, colour, 3]
    layers = _pilot_layers(district_styles, province_styles, tooltips, popups)
    province = legend_text["province"] if province_styles else None
    items = coverage_items(legend_text["none"], province)
    legend = Legend(legend_text["title"], items, legend_text.get("note", ""))
    if regions:
        layers.append(region_overlay())
        legend.items.append(region_legend_item(lang))
    fmap.add_child(
        UnitLayers(layers, legend=legend, fit=focus, lang=lang, large=large, inline=inline)
    )
    return fmap


def phase_map(
    view: pd.DataFrame,
    colours: dict[str, str],
    legend: Legend,
    *,
    popups: dict[str, list] | None = None,
    basemap: bool = False,
    large: bool = False,
    focus: tuple | None = None,
    inline: bool = False,
    regions: bool = False,
    lang: str = "tr",
) -> AtlasMap:
    """Project map: its pilot units coloured by phase (province sites as outlines).

    Parameters
    ----------
    view : DataFrame
        :func:`geo.views.site_view` rows of one project.
    colours : dict
        Phase id → colour (see :func:`phase_colours`).
    regions : bool
        Draw the 26 NUTS-2 region borders on top, with a legend entry (``legend`` itself
        is not changed).
    """
    fmap = base_map(basemap=basemap)
    district_styles: dict[str, list] = {}
    province_styles: dict[str, list] = {}
    tooltips: dict[str, list[str]] = {}
    for _, row in view.iterrows():
        colour = colours.get(row["phase"], CATEGORICAL[0])
        pcode = str(row["pcode"])
        tooltips[pcode] = [row["phase_label"]] + ([row["note"]] if row.get("note") else [])
        if row["level"] == "district":
            district_styles[pcode] = [colour, 0.85, "#212529", 1]
        else:
            province_styles[pcode] = [colour, 0.15, colour, 3.5]
    layers = _pilot_layers(district_styles, province_styles, tooltips, popups)
    if regions:
        layers.append(region_overlay())
        legend = Legend(legend.title, [*legend.items, region_legend_item(lang)], legend.note)
    fmap.add_child(
        UnitLayers(layers, legend=legend, fit=focus, lang=lang, large=large, inline=inline)
    )
    return fmap


def choropleth_map(
    level: str,
    classes: pd.Series,
    colours: list[str],
    legend: Legend,
    tooltips: dict[str, list[str]] | None = None,
    *,
    values: dict[str, str] | None = None,
    value_label: str = "",
    outlines: dict[str, list[str]] | None = None,
    basemap: bool = False,
    large: bool = False,
    focus: tuple | None = None,
    inline: bool = False,
    regions: bool = False,
    lang: str = "tr",
) -> AtlasMap:
    """Indicator map: units of ``level`` filled by class, pilot units outlined on top.

    Parameters
    ----------
    classes : Series
        P-code → class index (0-based; NaN for missing values, drawn white).
    tooltips : dict, optional
        P-code → extra lines under the unit's name.
    values, value_label
        P-code → formatted value, shown as ``value_label: value`` (compact: the label is
        sent once).
    outlines : dict
        Level → P-codes of pilot units to outline.
    regions : bool
        Draw the 26 NUTS-2 region borders on top (:func:`region_overlay`).
    """
    fmap = base_map(basemap=basemap)
    styles = {
        str(pcode): [colours[int(c)] if pd.notna(c) else MISSING_FILL, 0.9, "#ffffff", 0.3]
        for pcode, c in classes.items()
    }
    layers = [
        Layer(level, styles, tooltips=tooltips or {}, values=values or {}, value_label=value_label)
    ]
    for outline_level, pcodes in (outlines or {}).items():
        if pcodes:
            layers.append(
                Layer(
                    outline_level,
                    {p: ["#000000", 0.0, "#d00000", 2.5] for p in pcodes},
                    interactive=False,
                )
            )
    if regions:
        layers.append(region_overlay())
    fmap.add_child(
        UnitLayers(layers, legend=legend, fit=focus, lang=lang, large=large, inline=inline)
    )
    return fmap


def region_overlay() -> Layer:
    """The 26 NUTS-2 region borders as a non-interactive layer (no fill), for any map."""
    codes = display_layer("region")["pcode"]
    return Layer(
        "region", {str(c): ["#000000", 0.0, REGION_LINE, 1.6] for c in codes}, interactive=False
    )


def bounds_of(pcodes: list[str]) -> tuple[tuple[float, float], tuple[float, float]] | None:
    """(south-west, north-east) of the given units, EPSG:4326 (lat, lon)."""
    frames = []
    for level, length in (("district", 9), ("province", 6)):
        wanted = [p for p in pcodes if len(p) == length]
        if wanted:
            layer = display_layer(level)  # type: ignore[arg-type]
            frames.append(layer[layer["pcode"].isin(wanted)])
    if not frames:
        return None
    minx = min(f.total_bounds[0] for f in frames)
    miny = min(f.total_bounds[1] for f in frames)
    maxx = max(f.total_bounds[2] for f in frames)
    maxy = max(f.total_bounds[3] for f in frames)
    return ((float(miny), float(minx)), (float(maxy), float(maxx)))
