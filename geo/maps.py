"""Leaflet maps built with folium that work offline and never turn data into live HTML.

* :class:`AtlasMap` loads Leaflet from the app itself (``/app/static/leaflet``) instead of
  folium's CDNs and drops jQuery, Bootstrap and the other extras folium adds by default.
* :class:`UnitLayers` draws provinces/districts from the static, quantised geometry files
  (:mod:`geo.geometry`) and styles them from a small per-P-code table, so only styles
  travel over the websocket. At zoom ≥ :data:`geo.geometry.DETAIL_ZOOM` it fetches finer
  polygons for the provinces in view. With ``inline=True`` the geometry is embedded
  instead, for standalone files.
* Tooltips, popups and the legend are built in the browser with ``textContent``: names
  such as ``<img src=x onerror=...>`` stay text. The configuration is embedded as JSON
  with ``<``, ``>`` and ``&`` escaped, so no string can close the ``<script>``.

Builders (:func:`coverage_map`, :func:`phase_map`, :func:`choropleth_map`) are pure: they
take tables and return a map whose rendered HTML the tests inspect.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, ClassVar

import folium
import pandas as pd
from branca.element import Element, MacroElement
from jinja2 import Template

from geo.assets import GEOMETRY_URL, LEAFLET_CSS_URL, LEAFLET_JS_URL
from geo.geometry import DETAIL_ZOOM, NATIONAL, display_layer, encode_units

# Colours and legends come from the one style module shared with the PNG and PDF.
from geo.style import (  # noqa: F401  (re-exported for the pages)
    BASE_FILL,
    BASE_LINE,
    CATEGORICAL,
    COVERAGE_COLOURS,
    MISSING_FILL,
    SEQUENTIAL,
    Legend,
    coverage_items,
    phase_colours,
)

#: Türkiye's extent (south-west, north-east) in EPSG:4326 degrees.
TURKIYE_BOUNDS = ((35.8, 25.6), (42.2, 44.9))
OSM_TILES = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
OSM_ATTRIBUTION = "© OpenStreetMap contributors"


def safe_json(value: Any) -> str:
    """JSON that is safe inside a ``<script>`` element (no ``</script>``, no ``<!--``)."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


class AtlasMap(folium.Map):
    """A folium map whose only external files are Leaflet's, served by the app."""

    default_js: ClassVar[list[tuple[str, str]]] = [("leaflet", LEAFLET_JS_URL)]
    default_css: ClassVar[list[tuple[str, str]]] = [("leaflet_css", LEAFLET_CSS_URL)]


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


_LAYER_JS = """
{% macro script(this, kwargs) %}
(function () {
  var map = {{ this._parent.get_name() }};
  var cfg = {{ this.config }};
  var T = cfg.texts;
  function lines(indexes) { return indexes.map(function (i) { return T[i]; }); }
  // Leaflet focuses the map on mousedown and only restores the window's scroll; inside
  // Streamlit's scrolling main area that jumps the page and moves the click off target.
  if (map.keyboard) {
    map.keyboard.disable();
    map.keyboard._onMouseDown = function () {
      if (!this._focused) { this._map._container.focus({preventScroll: true}); }
    };
    map.keyboard.enable();
  }
  // One canvas for every path on the map (preferCanvas): a second canvas stacked on top
  // (e.g. for the selection outline) would swallow clicks meant for the units below.
  var renderer = map.getRenderer(L.polygon([[0, 0]]));
  var names = {}, points = {};
  function decode(data) {
    var out = {};
    Object.keys(data.names || {}).forEach(function (p) { names[p] = data.names[p]; });
    Object.keys(data.points || {}).forEach(function (p) { points[p] = data.points[p]; });
    data.units.forEach(function (u) {
      out[u[0]] = u[1].map(function (rings) {
        return rings.map(function (ring) {
          var pts = [], x = 0, y = 0;
          for (var i = 0; i < ring.length; i += 2) {
            x += ring[i]; y += ring[i + 1];
            pts.push([y * data.grid, x * data.grid]);
          }
          return pts;
        });
      });
    });
    return out;
  }
  function textBox(lines, cls) {
    var box = document.createElement("div");
    box.className = cls;
    lines.forEach(function (line, i) {
      var row = document.createElement(i === 0 ? "strong" : "div");
      row.textContent = line;
      box.appendChild(row);
    });
    return box;
  }
  function popupBox(spec) {
    var box = document.createElement("div");
    box.className = "atlas-popup";
    var title = document.createElement("strong");
    title.textContent = spec[0];
    box.appendChild(title);
    var list = document.createElement("ul");
    spec[1].forEach(function (line) {
      var li = document.createElement("li");
      li.textContent = line;
      list.appendChild(li);
    });
    box.appendChild(list);
    return box;
  }
  function bindPopup(layer, content) {
    layer.bindPopup(content, {maxWidth: 340});
    // Opening a popup stops the click there; pass it on so the app still learns which
    // unit was clicked (its detail panel follows the click).
    layer.on("click", function (e) {
      map.fire("click", {latlng: e.latlng, layerPoint: e.layerPoint,
                         containerPoint: e.containerPoint, originalEvent: e.originalEvent});
    });
  }
  function styleOf(spec) {
    return {fillColor: spec[0], fillOpacity: spec[1], color: spec[2], weight: spec[3],
            opacity: 1, renderer: renderer};
  }
  var polygons = {};  // level -> pcode -> [polygon, ...]
  function draw(layerCfg, shapes) {
    var group = L.featureGroup();
    var order = orders[layerCfg.level];
    var styles = {}, tips = {}, pops = {}, vals = {};
    layerCfg.rows.forEach(function (r) {  // [unit, style, tooltip lines, popup lines, value]
      var p = order[r[0]];
      if (r[1] >= 0) { styles[p] = r[1]; }
      if (r[2]) { tips[p] = r[2]; }
      if (r[3]) { pops[p] = r[3]; }
      if (r.length > 4) { vals[p] = r[4]; }
    });
    function specOf(pcode) {
      var i = styles[pcode];
      return i === undefined ? layerCfg.base : layerCfg.palette[i];
    }
    function tipOf(pcode) {
      var t = tips[pcode];
      if (!t && !(pcode in vals)) { return null; }
      var body = [names[pcode] || pcode].concat(lines(t || []));
      if (pcode in vals) { body.push(layerCfg.valueLabel + ": " + vals[pcode]); }
      return textBox(body, "atlas-tip");
    }
    function popOf(pcode) {
      var p = pops[pcode];
      return p ? popupBox([names[pcode] || pcode, lines(p)]) : null;
    }
    order.forEach(function (pcode) {
      var spec = specOf(pcode);
      if (!spec) { return; }
      var poly = L.polygon(shapes[pcode], Object.assign(styleOf(spec),
        {interactive: layerCfg.interactive, bubblingMouseEvents: true}));
      poly.atlasPcode = pcode;
      var tip = tipOf(pcode), pop = popOf(pcode);
      if (tip) { poly.bindTooltip(tip, {sticky: true}); }
      if (pop) { bindPopup(poly, pop); }
      poly.addTo(group);
      polygons[layerCfg.level] = polygons[layerCfg.level] || {};
      (polygons[layerCfg.level][pcode] = polygons[layerCfg.level][pcode] || []).push(poly);
    });
    group.addTo(map);
    var dots = L.featureGroup();
    var dotted = layerCfg.markers ? Object.keys(styles) : [];
    dotted.forEach(function (pcode) {
      if (!points[pcode]) { return; }
      var dot = L.circleMarker(points[pcode], {radius: 5, fillColor: specOf(pcode)[0],
        fillOpacity: 1, color: "#ffffff", weight: 1.5, renderer: renderer});
      var tip = tipOf(pcode), pop = popOf(pcode);
      if (tip) { dot.bindTooltip(tip); }
      if (pop) { bindPopup(dot, pop); }
      dot.addTo(dots);
    });
    function toggleDots() {
      if (map.getZoom() < cfg.detailZoom) { dots.addTo(map); } else { dots.remove(); }
    }
    if (dotted.length) { map.on("zoomend", toggleDots); toggleDots(); }
    return group;
  }
  var orders = {};  // level -> P-codes in file order; layer rows refer to units by position
  function load(level) {
    var got = cfg.inline ? Promise.resolve(cfg.inline[level])
      : fetch(cfg.url + "/" + level + ".json").then(function (r) {
          if (!r.ok) { throw new Error("geometry " + level + ": HTTP " + r.status); }
          return r.json();
        });
    return got.then(function (data) {
      orders[level] = data.units.map(function (u) { return u[0]; });
      return decode(data);
    });
  }
  // A language-neutral spinner until the polygons are drawn (no blank map while loading).
  var spinner = L.control({position: "topright"});
  spinner.onAdd = function () { return L.DomUtil.create("div", "atlas-spinner"); };
  spinner.addTo(map);
  var levels = {};
  cfg.layers.forEach(function (l) { levels[l.level] = true; });
  var loading = {};
  Object.keys(levels).forEach(function (level) { loading[level] = load(level); });
  var drawn = cfg.layers.reduce(function (chain, layerCfg) {
    return chain.then(function () {
      return loading[layerCfg.level].then(function (shapes) { draw(layerCfg, shapes); });
    });
  }, Promise.resolve());
  drawn.then(function () {
    var container = map.getContainer();
    Object.keys(polygons).forEach(function (level) {
      container.setAttribute("data-atlas-" + level, String(Object.keys(polygons[level]).length));
    });
    container.setAttribute("data-atlas-drawn", "1");
    spinner.remove();
    // Layers the app added before the units arrived (the selection outline) go back on top.
    map.eachLayer(function (l) {
      if (l instanceof L.Path && !l.atlasPcode && l.bringToFront) { l.bringToFront(); }
    });
    watchDetail();
  }).catch(function (err) {
    spinner.remove();
    var note = L.control({position: "topright"});
    note.onAdd = function () { return textBox([cfg.messages.failed, String(err)], "atlas-error"); };
    note.addTo(map);
  });
  var detailLoaded = {};
  function watchDetail() {
    if (cfg.inline) { return; }
    var provinceBounds = {};
    ["district", "province"].forEach(function (level) {
      Object.keys(polygons[level] || {}).forEach(function (pcode) {
        var key = pcode.slice(0, 6);
        polygons[level][pcode].forEach(function (poly) {
          provinceBounds[key] = provinceBounds[key] ? provinceBounds[key].extend(poly.getBounds())
                                                    : L.latLngBounds(poly.getBounds());
        });
      });
    });
    function refine() {
      if (map.getZoom() < cfg.detailZoom) { return; }
      var view = map.getBounds();
      Object.keys(provinceBounds).forEach(function (province) {
        if (detailLoaded[province] || !view.intersects(provinceBounds[province])) { return; }
        detailLoaded[province] = true;
        fetch(cfg.url + "/detail/" + province + ".json").then(function (r) { return r.json(); })
          .then(decode).then(function (shapes) {
            Object.keys(shapes).forEach(function (pcode) {
              var level = pcode.length === 6 ? "province" : "district";
              ((polygons[level] || {})[pcode] || []).forEach(function (poly) {
                poly.setLatLngs(shapes[pcode]);
              });
            });
          }).catch(function () { detailLoaded[province] = false; });
      });
    }
    map.on("moveend", refine);
    refine();
  }
})();
{% endmacro %}
"""


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


class UnitLayers(MacroElement):
    """Draw :class:`Layer` s from static (or inline) geometry; see the module docstring."""

    _template = Template(_LAYER_JS)

    def __init__(
        self,
        layers: list[Layer],
        *,
        inline: bool = False,
        failed_message: str = "Map data could not be loaded",
    ) -> None:
        super().__init__()
        self._name = "UnitLayers"
        texts = _Texts()
        payload: dict[str, Any] = {
            "url": GEOMETRY_URL,
            "detailZoom": DETAIL_ZOOM,
            "messages": {"failed": failed_message},
            "layers": [_pack_layer(layer, texts) for layer in layers],
            "inline": None,
        }
        payload["texts"] = texts.items
        if inline:
            payload["inline"] = {
                level: encode_units(display_layer(level, NATIONAL), NATIONAL.grid, with_names=True)  # type: ignore[arg-type]
                for level in {layer.level for layer in layers}
            }
        self.config = safe_json(payload)


_LEGEND_JS = """
{% macro script(this, kwargs) %}
(function () {
  var spec = {{ this.spec }};
  var legend = L.control({position: "bottomleft"});
  legend.onAdd = function () {
    var box = L.DomUtil.create("div", spec.large ? "atlas-legend atlas-large" : "atlas-legend");
    // Clicks on the legend are not map clicks (they would select the unit beneath).
    L.DomEvent.disableClickPropagation(box);
    L.DomEvent.disableScrollPropagation(box);
    var title = document.createElement("strong");
    title.textContent = spec.title;
    title.title = "▾ / ▸";
    title.style.cursor = "pointer";
    // A click on the title folds the legend away, e.g. when it covers units of interest.
    title.addEventListener("click", function () { box.classList.toggle("atlas-folded"); });
    box.appendChild(title);
    spec.items.forEach(function (item) {
      var row = document.createElement("div");
      var swatch = document.createElement("span");
      swatch.className = "atlas-swatch";
      if (item[0].indexOf("outline:") === 0) {
        swatch.style.border = "3px solid " + item[0].slice(8);
        swatch.style.background = "transparent";
      } else {
        swatch.style.background = item[0];
      }
      row.appendChild(swatch);
      row.appendChild(document.createTextNode(item[1]));
      box.appendChild(row);
    });
    if (spec.note) {
      var note = document.createElement("div");
      note.className = "atlas-legend-note";
      note.textContent = spec.note;
      box.appendChild(note);
    }
    return box;
  };
  legend.addTo({{ this._parent.get_name() }});
})();
{% endmacro %}
"""


class LegendControl(MacroElement):
    """A legend drawn with DOM text nodes (labels are never parsed as HTML)."""

    _template = Template(_LEGEND_JS)

    def __init__(self, legend: Legend, *, large: bool = False) -> None:
        super().__init__()
        self._name = "LegendControl"
        self.spec = safe_json(
            {
                "title": legend.title,
                "items": [list(i) for i in legend.items],
                "note": legend.note,
                "large": large,
            }
        )


MAP_CSS = """
<style>
.leaflet-container { background: #f4f7fb; font: 13px/1.35 system-ui, sans-serif; }
.atlas-legend { background: rgba(255,255,255,0.93); padding: 6px 8px; border-radius: 6px;
  box-shadow: 0 1px 4px rgba(0,0,0,0.25); max-width: 230px; font-size: 12px; }
.atlas-legend strong { display: block; margin-bottom: 4px; }
.atlas-legend.atlas-folded > :not(strong) { display: none !important; }
.atlas-legend.atlas-folded strong::after { content: " ▸"; }
.atlas-legend div { display: flex; align-items: center; gap: 6px; margin: 2px 0; }
.atlas-swatch { display: inline-block; width: 16px; height: 12px; border: 1px solid #6c757d;
  flex: none; box-sizing: border-box; }
.atlas-legend-note { font-size: 11px; color: #495057; margin-top: 4px; display: block !important; }
.atlas-tip strong { display: block; }
.atlas-popup ul { margin: 4px 0 0 16px; padding: 0; }
.atlas-error { background: #fff3cd; padding: 6px 8px; border: 1px solid #ffda6a; }
.atlas-spinner { width: 26px; height: 26px; border: 4px solid #ced4da; border-top-color: #0b5394;
  border-radius: 50%; animation: atlas-spin 0.8s linear infinite; }
@keyframes atlas-spin { to { transform: rotate(360deg); } }
.atlas-legend.atlas-large { font-size: 20px; max-width: 440px; padding: 10px 14px; }
.atlas-legend.atlas-large .atlas-swatch { width: 28px; height: 20px; }
.atlas-legend.atlas-large .atlas-legend-note { font-size: 15px; }
</style>
"""


def base_map(
    *,
    basemap: bool = False,
    height: int = 560,
    focus: tuple[tuple[float, float], tuple[float, float]] | None = None,
) -> AtlasMap:
    """An empty map of Türkiye; no tiles unless ``basemap`` (online) is asked for.

    ``focus`` ((south, west), (north, east), degrees) frames the map on some units
    instead of the whole country, e.g. a filtered province.
    """
    fmap = AtlasMap(
        location=[39.0, 35.2],
        zoom_start=6,
        min_zoom=5,
        max_zoom=12,
        tiles=None,
        prefer_canvas=True,
        height=height,
        control_scale=True,
        max_bounds=True,
        min_lat=33.0,
        max_lat=45.0,
        min_lon=22.0,
        max_lon=48.0,
        zoom_snap=0.25,
        zoom_delta=0.5,
    )
    if basemap:
        folium.TileLayer(OSM_TILES, attr=OSM_ATTRIBUTION, name="OpenStreetMap", opacity=0.6).add_to(
            fmap
        )
    fmap.get_root().header.add_child(Element(MAP_CSS))
    south_west, north_east = focus or TURKIYE_BOUNDS
    fmap.fit_bounds([list(south_west), list(north_east)], max_zoom=10)
    return fmap


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
) -> AtlasMap:
    """Overview map: all 973 districts, pilots shaded by the number of project-phases.

    Parameters
    ----------
    coverage : DataFrame
        Output of :func:`geo.views.unit_coverage`.
    legend_text : dict
        ``title``, ``none``, ``province`` labels and ``tooltip_phases`` prefix.
    """
    fmap = base_map(basemap=basemap, focus=focus)
    colours = COVERAGE_COLOURS
    district_styles: dict[str, list] = {}
    province_styles: dict[str, list] = {}
    tooltips: dict[str, list[str]] = {}
    for pcode, row in coverage.iterrows():
        colour = colours[min(int(row["n_phases"]), 3) - 1]
        lines = str(row["phases"]).split("; ")  # one line per project · phase
        tooltips[str(pcode)] = lines
        if row["level"] == "district":
            district_styles[str(pcode)] = [colour, 0.85, "#343a40", 0.8]
        else:
            province_styles[str(pcode)] = [colour, 0.12, colour, 3]
    layers = _pilot_layers(district_styles, province_styles, tooltips, popups)
    fmap.add_child(UnitLayers(layers, inline=inline))
    province = legend_text["province"] if province_styles else None
    items = coverage_items(legend_text["none"], province)
    fmap.add_child(
        LegendControl(Legend(legend_text["title"], items, legend_text.get("note", "")), large=large)
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
) -> AtlasMap:
    """Project map: its pilot units coloured by phase (province sites as outlines).

    Parameters
    ----------
    view : DataFrame
        :func:`geo.views.site_view` rows of one project.
    colours : dict
        Phase id → colour (see :func:`phase_colours`).
    """
    fmap = base_map(basemap=basemap, focus=focus)
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
    fmap.add_child(UnitLayers(layers, inline=inline))
    fmap.add_child(LegendControl(legend, large=large))
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
    fmap = base_map(basemap=basemap, focus=focus)
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
    fmap.add_child(UnitLayers(layers, inline=inline))
    fmap.add_child(LegendControl(legend, large=large))
    return fmap


#: Line colour of NUTS-2 region borders drawn over other units.
REGION_LINE = "#212529"


def region_overlay() -> Layer:
    """The 26 NUTS-2 region borders as a non-interactive layer (no fill), for any map."""
    codes = display_layer("region")["pcode"]
    return Layer(
        "region", {str(c): ["#000000", 0.0, REGION_LINE, 1.6] for c in codes}, interactive=False
    )


def selection_outline(pcode: str, *, colour: str = "#d00000") -> folium.FeatureGroup:
    """A feature group outlining one unit, added dynamically without reloading the map."""
    level = "district" if len(pcode) == 9 else "province"
    layer = display_layer(level)  # type: ignore[arg-type]
    shape = layer[layer["pcode"] == pcode]
    group = folium.FeatureGroup(name="selection")
    if not shape.empty:
        folium.GeoJson(
            shape.__geo_interface__,
            style_function=lambda _f: {
                "fill": False,
                "color": colour,
                "weight": 4,
                "dashArray": "6 4",
            },
            interactive=False,
        ).add_to(group)
    return group


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
