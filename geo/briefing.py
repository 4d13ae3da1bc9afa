"""Briefing exports made without a browser: a map PNG, a standalone map file and a PDF.

* :func:`map_png` draws the pilot map with matplotlib (Agg) from the same display
  geometry as the web map (:func:`geo.geometry.display_layer`, EPSG:4326 degrees), with
  the title, the active filters, the date, a legend, the sources and the boundary
  disclaimer.
* :func:`standalone_map_html` turns a folium map built with ``inline=True`` into a single
  HTML file with Leaflet inlined, so it opens offline on any computer.
* :func:`briefing_pdf` writes a multi-page PDF with matplotlib's ``PdfPages``: a cover
  with the key figures, then one page per project (see :func:`briefing_scenes`).

Text is never read as mathtext or TeX (``parse_math=False``, ``usetex=False``), so names
containing ``$`` or markup are drawn literally. Figures are plain
:class:`matplotlib.figure.Figure` objects (no pyplot), so no state is kept between calls
and Streamlit sessions do not share figures. The font is DejaVu Sans, which matplotlib
bundles and which has every Turkish letter.
"""

from __future__ import annotations

import io
import json
import math
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache
from html import escape
from typing import Any, Literal

import matplotlib
import numpy as np
import pandas as pd
from matplotlib.backends.backend_pdf import PdfPages
from matplotlib.collections import PathCollection
from matplotlib.colors import to_rgba
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.path import Path as MplPath
from matplotlib.textpath import text_to_path
from shapely.geometry.base import BaseGeometry
from shapely.geometry.polygon import Polygon, orient

from geo.assets import GEOMETRY_URL, LEAFLET_CSS_URL, LEAFLET_JS_URL, STATIC_URL, leaflet_source
from geo.boundaries import BOUNDARY_SOURCE, provinces_table
from geo.geometry import DETAILED, NATIONAL, display_layer
from geo.i18n import t
from geo.maps import (
    BASE_FILL,
    BASE_LINE,
    CATEGORICAL,
    COVERAGE_COLOURS,
    TURKIYE_BOUNDS,
    UnitLayers,
    inline_atlas_assets,
    phase_colours,
)
from geo.registry import Registry
from geo.views import (
    Filters,
    KeyFigures,
    deliverable_view,
    filter_sites,
    key_figures,
    site_view,
    unit_coverage,
)

MapKind = Literal["coverage", "phase"]

FONT = "DejaVu Sans"
#: Latitude at which the map keeps true proportions (the middle of Türkiye).
MAP_LATITUDE = 39.0
#: Degrees of latitude per degree of longitude on paper: 1 / cos(39°).
MAP_ASPECT = 1.0 / math.cos(math.radians(MAP_LATITUDE))
#: Standalone PNG: 12 x 8 inches, 1800 x 1200 pixels at the default 150 dpi.
PNG_SIZE_IN = (12.0, 8.0)
#: PDF pages: A4 landscape.
PAGE_SIZE_IN = (11.69, 8.27)
#: Pilot districts smaller than this (square degrees, about 250 km²) also get a dot,
#: as on the web map, so they stay visible at national scale.
SMALL_UNIT_AREA = 0.025

INK = "#212529"
MUTED = "#495057"
FAINT = "#6c757d"
RULE = "#dee2e6"
PROVINCE_LINE = "#868e96"
PILOT_LINE = "#343a40"
PAPER = "#ffffff"
#: Height of DejaVu Sans capitals above the baseline, in ems.
ASCENT = 0.76
#: Measured text widths are scaled by this, to stay inside their box once hinted.
WIDTH_MARGIN = 1.03


# --------------------------------------------------------------------------- text


def _font(size: float, weight: str = "normal", style: str = "normal") -> FontProperties:
    return FontProperties(family=FONT, size=size, weight=weight, style=style)


def _width_in(text: str, size: float, weight: str = "normal") -> float:
    """Printed width of ``text`` in inches, from the font's unhinted outline metrics.

    Raster output hints glyphs, which makes long lines up to about 2 % wider, so the
    result carries a small margin (:data:`WIDTH_MARGIN`).
    """
    if not text:
        return 0.0
    width, _, _ = text_to_path.get_text_width_height_descent(
        text, _font(size, weight), ismath=False
    )
    return width / 72.0 * WIDTH_MARGIN


def _clip(
    text: str, size: float, width_in: float, weight: str = "normal", *, more: bool = False
) -> str:
    """``text`` shortened with an ellipsis to fit ``width_in`` (always one if ``more``)."""
    if not more and _width_in(text, size, weight) <= width_in:
        return text
    cut = text
    while cut and _width_in(cut.rstrip() + "…", size, weight) > width_in:
        cut = cut[:-1]
    return cut.rstrip() + "…"


def _wrap(
    text: str, size: float, width_in: float, weight: str = "normal", max_lines: int = 0
) -> list[str]:
    """Greedy word wrap by measured width; at most ``max_lines`` lines (0: no limit)."""
    lines: list[str] = []
    for paragraph in str(text).splitlines() or [""]:
        current = ""
        for word in paragraph.split():
            trial = f"{current} {word}" if current else word
            if current and _width_in(trial, size, weight) > width_in:
                lines.append(current)
                current = word
            else:
                current = trial
        lines.append(current)
    lines = [_clip(line, size, width_in, weight) for line in lines]
    if max_lines and len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = _clip(lines[-1], size, width_in, weight, more=True)
    return lines


class _Sheet:
    """Writes text on a figure in figure fractions, top-down, measured in inches."""

    def __init__(self, fig: Figure) -> None:
        self.fig = fig
        self.width, self.height = (float(v) for v in fig.get_size_inches())

    def line_height(self, size: float, spacing: float = 1.35) -> float:
        return size * spacing / 72.0 / self.height

    def text(
        self,
        x: float,
        y: float,
        text: str,
        size: float,
        *,
        weight: str = "normal",
        style: str = "normal",
        colour: str = INK,
        ha: str = "left",
        va: str = "top",
    ) -> None:
        """Draw one line. ``va="top"`` places the line's ascent at ``y`` and draws on the
        baseline below it, so lines with and without accented capitals (İ, Ç, Ş) align."""
        if va == "top":
            y -= ASCENT * size / 72.0 / self.height
            va = "baseline"
        self.fig.text(
            x,
            y,
            text,
            fontproperties=_font(size, weight, style),
            color=colour,
            ha=ha,
            va=va,
            parse_math=False,
            usetex=False,
        )

    def lines(
        self,
        x: float,
        y: float,
        lines: Sequence[str],
        size: float,
        spacing: float = 1.35,
        **style: Any,
    ) -> float:
        """Draw ``lines`` from ``y`` down; return the ``y`` below the block."""
        for line in lines:
            self.text(x, y, line, size, **style)
            y -= self.line_height(size, spacing)
        return y

    def paragraph(
        self,
        x: float,
        y: float,
        text: str,
        size: float,
        width: float,
        *,
        max_lines: int = 0,
        **style: Any,
    ) -> float:
        """Wrap ``text`` to ``width`` (figure fraction) and draw it; return the next ``y``."""
        wrapped = _wrap(text, size, width * self.width, style.get("weight", "normal"), max_lines)
        return self.lines(x, y, wrapped, size, **style)

    def rule(self, y: float, x0: float = 0.04, x1: float = 0.96) -> None:
        self.fig.add_artist(Line2D([x0, x1], [y, y], color=RULE, linewidth=0.8, zorder=0))

    def footer(
        self,
        source_lines: Sequence[str],
        disclaimer: str,
        *,
        page: str = "",
        x0: float = 0.04,
        x1: float = 0.96,
        bottom: float = 0.025,
        size: float = 8.0,
    ) -> float:
        """Sources and the boundary disclaimer at the page foot; return the block's top."""
        page_width = _width_in(page, size) / self.width + 0.02 if page else 0.0
        width_in = (x1 - x0 - page_width) * self.width
        wrapped: list[tuple[str, str]] = []
        for line in source_lines:
            wrapped += [(w, "normal") for w in _wrap(line, size, width_in, max_lines=3)]
        wrapped += [(w, "italic") for w in _wrap(disclaimer, size, width_in, max_lines=2)]
        step = self.line_height(size, 1.3)
        top = bottom + step * len(wrapped)
        y = top
        for line, style in wrapped:
            self.text(x0, y, line, size, style=style, colour=MUTED if style == "normal" else FAINT)
            y -= step
        if page:
            self.text(x1, bottom + step, page, size, colour=MUTED, ha="right")
        self.rule(top + 0.012, x0, x1)
        return top + 0.012


# --------------------------------------------------------------------------- maps


def _polygons(geom: BaseGeometry) -> list[Polygon]:
    if isinstance(geom, Polygon):
        return [] if geom.is_empty else [geom]
    return [p for part in getattr(geom, "geoms", []) for p in _polygons(part)]


def _geometry_path(geom: BaseGeometry) -> MplPath:
    """One compound path per unit; shells counter-clockwise and holes clockwise, so the
    non-zero fill rule leaves holes empty."""
    vertices: list[np.ndarray] = []
    codes: list[np.ndarray] = []
    for polygon in _polygons(geom):
        oriented = orient(polygon, sign=1.0)
        for ring in (oriented.exterior, *oriented.interiors):
            xy = np.asarray(ring.coords, dtype=float)[:, :2]
            if len(xy) < 4:
                continue
            ring_codes = np.full(len(xy), MplPath.LINETO, dtype=MplPath.code_type)
            ring_codes[0], ring_codes[-1] = MplPath.MOVETO, MplPath.CLOSEPOLY
            vertices.append(xy)
            codes.append(ring_codes)
    if not vertices:
        return MplPath(np.zeros((0, 2)))
    return MplPath(np.concatenate(vertices), np.concatenate(codes))


@dataclass(frozen=True, slots=True)
class _Shape:
    path: MplPath
    point: tuple[float, float]  # representative point (lon, lat)
    area: float  # square degrees


@lru_cache(maxsize=4)
def _shapes(level: str, detailed: bool = False) -> dict[str, _Shape]:
    """Matplotlib paths of the web map's display layer (national or detailed band)."""
    layer = display_layer(level, DETAILED if detailed else NATIONAL)  # type: ignore[arg-type]
    points = layer.geometry.representative_point()
    return {
        str(pcode): _Shape(_geometry_path(geom), (float(pt.x), float(pt.y)), float(geom.area))
        for pcode, geom, pt in zip(layer["pcode"], layer.geometry, points, strict=True)
    }


def _coverage_styles(view: pd.DataFrame) -> tuple[dict[str, str], dict[str, str]]:
    """(district fills, province outlines) coloured by the number of project-phases."""
    fills: dict[str, str] = {}
    outlines: dict[str, str] = {}
    for pcode, row in unit_coverage(view).iterrows():
        colour = COVERAGE_COLOURS[min(int(row["n_phases"]), 3) - 1]
        (fills if row["level"] == "district" else outlines)[str(pcode)] = colour
    return fills, outlines


def _phase_styles(
    view: pd.DataFrame, colours: dict[str, str]
) -> tuple[dict[str, str], dict[str, str]]:
    """(district fills, province outlines) coloured by phase; the last row wins, as on
    the web map."""
    fills: dict[str, str] = {}
    outlines: dict[str, str] = {}
    for phase, level, pcode in zip(view["phase"], view["level"], view["pcode"], strict=True):
        colour = colours.get(phase, CATEGORICAL[0])
        (fills if level == "district" else outlines)[str(pcode)] = colour
    return fills, outlines


def _default_legend(
    view: pd.DataFrame,
    kind: MapKind,
    colours: dict[str, str],
    outlines: dict[str, str],
    lang: str,
) -> list[tuple[str, str]]:
    items = [(BASE_FILL, t("legend_not_pilot", lang))]
    if kind == "coverage":
        items += [(COVERAGE_COLOURS[i], label) for i, label in enumerate(("1", "2", "3+"))]
        outline = COVERAGE_COLOURS[0]
    else:
        labels = dict(zip(view["phase"], view["phase_label"], strict=True))
        items += [(colour, labels[pid]) for pid, colour in colours.items() if pid in labels]
        outline = MUTED
    if outlines:
        items.append((f"outline:{outline}", t("legend_province_site", lang)))
    return items


def _draw_units(
    ax: Any,
    fills: dict[str, str],
    outlines: dict[str, str],
    focus: tuple[tuple[float, float], tuple[float, float]] | None = None,
) -> None:
    """All districts in grey, province borders, pilot districts filled, province sites
    outlined; Türkiye's extent with the aspect corrected for latitude."""
    # A framed view is closer than the national one: draw it from the detailed band, as
    # the web map does once zoomed in.
    detailed = focus is not None
    districts, provinces = _shapes("district", detailed), _shapes("province", detailed)
    ax.add_collection(
        PathCollection(
            [s.path for s in districts.values()],
            facecolors=BASE_FILL,
            edgecolors=BASE_LINE,
            linewidths=0.25,
            zorder=1,
        )
    )
    ax.add_collection(
        PathCollection(
            [s.path for s in provinces.values()],
            facecolors="none",
            edgecolors=PROVINCE_LINE,
            linewidths=0.5,
            zorder=2,
        )
    )
    pilots = [p for p in fills if p in districts]
    if pilots:
        ax.add_collection(
            PathCollection(
                [districts[p].path for p in pilots],
                facecolors=[fills[p] for p in pilots],
                edgecolors=PILOT_LINE,
                linewidths=0.45,
                zorder=3,
            )
        )
    sites = [p for p in outlines if p in provinces]
    if sites:
        ax.add_collection(
            PathCollection(
                [provinces[p].path for p in sites],
                facecolors=[to_rgba(outlines[p], 0.12) for p in sites],
                edgecolors=[outlines[p] for p in sites],
                linewidths=2.2,
                zorder=4,
            )
        )
    small = [p for p in pilots if districts[p].area < SMALL_UNIT_AREA]
    if small:
        ax.scatter(
            [districts[p].point[0] for p in small],
            [districts[p].point[1] for p in small],
            s=22,
            c=[fills[p] for p in small],
            edgecolors=PAPER,
            linewidths=0.8,
            zorder=5,
        )
    if focus is None:
        (south, west), (north, east) = TURKIYE_BOUNDS
        ax.set_xlim(west, east)
        ax.set_ylim(south, north)
        ax.set_aspect(MAP_ASPECT)
    else:
        # Frame the focused units as the web map does, with a margin, widening the
        # shorter side so the frame fills the drawing area at true proportions.
        (south, west), (north, east) = focus
        pad = max(north - south, east - west, 0.2) * 0.15
        dx, dy = east - west + 2 * pad, north - south + 2 * pad
        box = ax.get_position()
        fig_w, fig_h = ax.figure.get_size_inches()
        box_ratio = (box.width * fig_w) / (box.height * fig_h)
        if dx / (dy * MAP_ASPECT) < box_ratio:
            dx = box_ratio * dy * MAP_ASPECT
        else:
            dy = dx / (box_ratio * MAP_ASPECT)
        cx, cy = (west + east) / 2, (south + north) / 2
        ax.set_xlim(cx - dx / 2, cx + dx / 2)
        ax.set_ylim(cy - dy / 2, cy + dy / 2)
        ax.set_aspect(MAP_ASPECT)
    ax.set_axis_off()


def _legend(
    fig: Figure,
    items: Sequence[tuple[str, str]],
    title: str,
    *,
    anchor: tuple[float, float],
    ncols: int = 1,
    size: float = 10.0,
) -> None:
    handles = [
        Patch(facecolor="none", edgecolor=colour[len("outline:") :], linewidth=2.0)
        if colour.startswith("outline:")
        else Patch(facecolor=colour, edgecolor=FAINT, linewidth=0.6)
        for colour, _ in items
    ]
    legend = fig.legend(
        handles,
        [label for _, label in items],
        loc="upper left",
        bbox_to_anchor=anchor,
        ncols=max(1, ncols),
        frameon=False,
        prop=_font(size),
        title=title,
        title_fontproperties=_font(size, "bold"),
        alignment="left",
        handlelength=1.8,
        handleheight=1.1,
        columnspacing=1.6,
        borderaxespad=0.0,
        borderpad=0.0,
    )
    for text in (*legend.get_texts(), legend.get_title()):
        text.set_parse_math(False)
        text.set_usetex(False)


def _legend_grid(
    items: Sequence[tuple[str, str]], *, size: float, width_in: float
) -> tuple[int, int]:
    """(columns, rows) of a horizontal legend whose widest entry sets the column width."""
    if not items:
        return 1, 0
    # handle (1.8 em) + gap to the label (0.8 em) + label + column spacing (1.6 em)
    entry = max(_width_in(label, size) for _, label in items) + 4.2 * size / 72.0
    ncols = max(1, min(len(items), int(width_in // entry)))
    return ncols, math.ceil(len(items) / ncols)


def _map_layers(
    view: pd.DataFrame,
    kind: MapKind,
    colours: dict[str, str] | None,
    lang: str,
) -> tuple[dict[str, str], dict[str, str], list[tuple[str, str]]]:
    if kind == "coverage":
        fills, outlines = _coverage_styles(view)
        palette: dict[str, str] = {}
    elif kind == "phase":
        palette = colours or phase_colours(list(dict.fromkeys(view["phase"])))
        fills, outlines = _phase_styles(view, palette)
    else:
        msg = f"unknown map kind {kind!r}; expected 'coverage' or 'phase'"
        raise ValueError(msg)
    return fills, outlines, _default_legend(view, kind, palette, outlines, lang)


def map_png(
    view: pd.DataFrame,
    title: str,
    filters_text: str,
    lang: str,
    *,
    kind: MapKind = "coverage",
    colours: dict[str, str] | None = None,
    legend: Sequence[tuple[str, str]] | None = None,
    legend_title: str | None = None,
    sources: Sequence[str] = (),
    dpi: int = 150,
    focus: tuple[tuple[float, float], tuple[float, float]] | None = None,
) -> bytes:
    """A print-ready PNG of the pilot map, drawn without a browser.

    Parameters
    ----------
    view : DataFrame
        :func:`geo.views.site_view` rows (all projects, or one project for ``"phase"``).
    title : str
        Heading printed above the map.
    filters_text : str
        The active filters in words (see :func:`filters_text`).
    lang : {"tr", "en"}
        Language of the fixed labels.
    kind : {"coverage", "phase"}
        ``"coverage"`` colours units by the number of project-phases covering them
        (:data:`geo.maps.COVERAGE_COLOURS`); ``"phase"`` colours them by phase.
    colours : dict, optional
        Phase id → colour for ``kind="phase"``; default :func:`geo.maps.phase_colours`.
    focus : ((south, west), (north, east)), optional
        Degrees to frame (e.g. the filtered provinces, as on screen); default the country.
    legend : list of (colour, label), optional
        Legend items; a colour ``"outline:#hex"`` draws a ring. Default: built from
        the view and :func:`geo.i18n.t`.
    legend_title : str, optional
        Default: the coverage or phase legend title.
    sources : sequence of str
        Titles of the seed documents, printed after the boundary source.
    dpi : int
        Resolution; the figure is 12 x 8 inches (1800 x 1200 pixels at 150 dpi).

    Returns
    -------
    bytes
        The PNG file.
    """
    fig = Figure(figsize=PNG_SIZE_IN, dpi=dpi, facecolor=PAPER)
    sheet = _Sheet(fig)
    fills, outlines, items = _map_layers(view, kind, colours, lang)
    stamp = t("briefing_date", lang, date=date.today().isoformat())
    stamp_width = _width_in(stamp, 11) / sheet.width
    sheet.text(0.97, 0.955, stamp, 11, colour=MUTED, ha="right")
    sheet.text(
        0.03, 0.955, _clip(title, 19, (0.91 - stamp_width) * sheet.width, "bold"), 19, weight="bold"
    )
    sheet.paragraph(
        0.03,
        0.905,
        t("briefing_filters", lang, text=filters_text),
        11,
        0.94,
        max_lines=2,
        colour=MUTED,
    )
    footer_top = sheet.footer(
        [f"{t('briefing_sources', lang)}: " + "; ".join([BOUNDARY_SOURCE["name"], *sources])],
        BOUNDARY_SOURCE[f"disclaimer_{'en' if lang == 'en' else 'tr'}"],
        x0=0.03,
        x1=0.97,
        size=8.5,
    )
    shown = list(legend) if legend is not None else items
    ncols, rows = _legend_grid(shown, size=10.0, width_in=0.94 * sheet.width)
    legend_top = footer_top + 0.03 + (rows + 1) * sheet.line_height(10, 1.75)
    ax = fig.add_axes((0.02, legend_top + 0.01, 0.96, 0.84 - legend_top - 0.01))
    _draw_units(ax, fills, outlines, focus)
    default_title = t("legend_coverage" if kind == "coverage" else "phase_legend", lang)
    _legend(fig, shown, legend_title or default_title, anchor=(0.03, legend_top), ncols=ncols)
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=dpi, facecolor=PAPER, metadata={"Title": title})
    return buffer.getvalue()


# --------------------------------------------------------------------------- standalone HTML

_LEAFLET_JS_TAG = re.compile(
    r"<script\b[^>]*\bsrc\s*=\s*[\"']" + re.escape(LEAFLET_JS_URL) + r"[\"'][^>]*>\s*</script\s*>",
    re.IGNORECASE,
)
_LEAFLET_CSS_TAG = re.compile(
    r"<link\b[^>]*\bhref\s*=\s*[\"']" + re.escape(LEAFLET_CSS_URL) + r"[\"'][^>]*>",
    re.IGNORECASE,
)
_STATIC_ATTRIBUTE = re.compile(
    r"\b(?:src|href)\s*=\s*[\"']?" + re.escape(STATIC_URL), re.IGNORECASE
)


_FULL_WINDOW_CSS = (
    "<style>html, body { margin: 0; height: 100%; } "
    ".folium-map { height: 100vh !important; }</style>"
)


def _elements(element: Any) -> Iterator[Any]:
    yield element
    for child in getattr(element, "_children", {}).values():
        yield from _elements(child)


def _inline_script(js: str) -> str:
    """A ``<script>`` element whose text cannot end the element early."""
    return "<script>" + re.sub(r"</(script)", r"<\\/\1", js, flags=re.IGNORECASE) + "</script>"


def _inline_style(css: str) -> str:
    return "<style>" + re.sub(r"</(style)", r"<\\/\1", css, flags=re.IGNORECASE) + "</style>"


def standalone_map_html(fmap: Any, *, title: str = "", full_window: bool = True) -> str:
    """One self-contained HTML file of a map, for opening offline on another computer.

    Parameters
    ----------
    fmap : folium.Map
        A map from the :mod:`geo.maps` builders made with ``inline=True`` (geometry
        embedded) and without the online basemap.
    title : str
        Text of the page's ``<title>`` (escaped); none when empty.
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
    import folium

    for element in _elements(fmap):
        if isinstance(element, UnitLayers) and json.loads(element.config).get("inline") is None:
            msg = "the map loads its geometry from the app; build it with inline=True"
            raise ValueError(msg)
        if isinstance(element, folium.TileLayer):
            msg = "the map has a tile layer (online basemap); build it with basemap=False"
            raise ValueError(msg)
    html = fmap.get_root().render()
    js, css = leaflet_source()
    html, n_js = _LEAFLET_JS_TAG.subn(lambda _m: _inline_script(js), html, count=1)
    html, n_css = _LEAFLET_CSS_TAG.subn(lambda _m: _inline_style(css), html, count=1)
    if n_js != 1 or n_css != 1:
        msg = "the map does not load Leaflet from the app (is it a geo.maps.AtlasMap?)"
        raise ValueError(msg)
    html = inline_atlas_assets(html)  # the map's own code, linked the same way
    # With inline geometry the URL is never used; drop it so nothing points at the app.
    html = html.replace(f'"url":"{GEOMETRY_URL}"', '"url":""')
    head = f"<title>{escape(title)}</title>" if title else ""
    if full_window:
        head += _FULL_WINDOW_CSS
    if head:
        html = html.replace("</head>", head + "\n</head>", 1)
    if _STATIC_ATTRIBUTE.search(html):
        msg = f"the map still references {STATIC_URL}; it would not work offline"
        raise ValueError(msg)
    return html


# --------------------------------------------------------------------------- filters and sources


def _phase_names(registry: Registry, filters: Filters, lang: str) -> list[str]:
    projects = [
        p for pid, p in registry.projects.items() if not filters.projects or pid in filters.projects
    ] or list(registry.projects.values())
    names = []
    for phase_id in filters.phases:
        labels = dict.fromkeys(
            p.phase(phase_id).label(lang) for p in projects if phase_id in {x.id for x in p.phases}
        )
        names.append(" / ".join(labels) or phase_id)
    return names


def filters_text(registry: Registry, filters: Filters, lang: str) -> str:
    """The active filters in words, e.g. ``"Proje: Sivil Gözetim; İl: İstanbul"``.

    Uses project short names, phase labels, province names and status labels in
    ``lang``; ``"Tüm projeler"`` / ``"All projects"`` when no filter is set. Unknown ids
    are shown as they are.
    """
    if filters.is_empty():
        return t("briefing_all_projects", lang)
    parts: list[str] = []
    if filters.projects:
        names = [
            registry.projects[p].short(lang) if p in registry.projects else p
            for p in filters.projects
        ]
        parts.append(f"{t('filter_project', lang)}: {', '.join(names)}")
    if filters.phases:
        parts.append(
            f"{t('filter_phase', lang)}: {', '.join(_phase_names(registry, filters, lang))}"
        )
    if filters.provinces:
        table = provinces_table()["province"]
        names = [str(table[p]) if p in table.index else p for p in filters.provinces]
        parts.append(f"{t('filter_province', lang)}: {', '.join(names)}")
    if filters.statuses:
        known = registry.vocabulary.get("statuses", {})
        names = [registry.status_label(s, lang) if s in known else s for s in filters.statuses]
        parts.append(f"{t('filter_status', lang)}: {', '.join(names)}")
    return "; ".join(parts)


def _source_title(registry: Registry, source_id: str, lang: str) -> str:
    source = registry.sources.get(source_id, {})
    return source.get(f"title_{lang}") or source.get("title_tr") or source_id


def source_titles(registry: Registry, projects: Iterable[str], lang: str) -> list[str]:
    """Titles of the seed documents behind ``projects`` (project and site sources), in
    order and without repeats."""
    ids: list[str] = []
    sites = registry.sites
    for pid in projects:
        if pid in registry.projects:
            ids.append(registry.projects[pid].source)
        ids.extend(sites.loc[sites["project"] == pid, "source"])
    return [_source_title(registry, sid, lang) for sid in dict.fromkeys(i for i in ids if i)]


# --------------------------------------------------------------------------- PDF


@dataclass(frozen=True, slots=True)
class Scene:
    """One page of the briefing after the cover.

    Attributes
    ----------
    project : str
        Project id.
    mapped : bool
        ``True``: the project has sites after filtering (phase map, key figures and
        deliverables). ``False``: a text page with its stated outputs and gaps.
    """

    project: str
    mapped: bool


def briefing_scenes(registry: Registry, filters: Filters) -> list[Scene]:
    """The pages of :func:`briefing_pdf` after the cover, in registry order.

    Every project with sites after filtering gets a map page. Projects the filter
    selects but that have no mapped units get a text page, unless a unit filter (phase,
    province, status) is set: then only projects with matching units appear, as in
    :func:`geo.views.key_figures`.
    """
    with_sites = set(filter_sites(registry, filters)["project"])
    unit_filter = bool(filters.phases or filters.provinces or filters.statuses)
    scenes = []
    for pid in registry.projects:
        if filters.projects and pid not in filters.projects:
            continue
        if pid in with_sites:
            scenes.append(Scene(pid, mapped=True))
        elif not unit_filter:
            scenes.append(Scene(pid, mapped=False))
    return scenes


def _figure_items(figures: KeyFigures, lang: str, *, projects: bool) -> list[tuple[str, str]]:
    items = [
        (t("kf_provinces", lang), str(figures.provinces)),
        (t("kf_districts", lang), str(figures.districts)),
        (t("kf_sites", lang), str(figures.sites)),
        (
            t("kf_deliverables", lang),
            f"{figures.deliverables_completed} / {figures.deliverables_total}",
        ),
    ]
    if projects:
        items.insert(0, (t("kf_projects", lang), str(figures.projects)))
    return items


@dataclass(frozen=True, eq=False)
class _Briefing:
    """What every page of one PDF shares."""

    registry: Registry
    filters: Filters
    lang: str
    view: pd.DataFrame
    deliverables: pd.DataFrame
    scenes: tuple[Scene, ...]
    description: str
    today: str

    @property
    def pages(self) -> int:
        return 1 + len(self.scenes)

    def page_label(self, page: int) -> str:
        return t("briefing_page", self.lang, page=page, pages=self.pages)


def _page_header(sheet: _Sheet, brief: _Briefing, project_id: str, page: int) -> float:
    """Project name, full name, date and page number, filters; return the ``y`` below."""
    project = brief.registry.projects[project_id]
    lang = brief.lang
    stamp = t("briefing_date", lang, date=brief.today)
    sheet.text(0.96, 0.955, stamp, 9.5, colour=MUTED, ha="right")
    below = 0.955 - sheet.line_height(9.5)
    sheet.text(0.96, below, brief.page_label(page), 9.5, colour=MUTED, ha="right")
    width = 0.96 - 0.04 - 0.03 - _width_in(stamp, 9.5) / sheet.width
    y = sheet.paragraph(0.04, 0.955, project.short(lang), 19, width, max_lines=1, weight="bold")
    y = sheet.paragraph(0.04, y - 0.004, project.name(lang), 11, width, max_lines=2, colour=MUTED)
    filters = t("briefing_filters", lang, text=brief.description)
    return sheet.paragraph(0.04, y - 0.004, filters, 9, 0.92, max_lines=2)


def _footer_for(sheet: _Sheet, brief: _Briefing, projects: Sequence[str], page: int) -> float:
    lang = brief.lang
    seeds = source_titles(brief.registry, projects, lang)
    key = "source_document" if len(seeds) == 1 else "seed_documents"
    lines = [f"{t(key, lang)}: " + "; ".join(seeds)] if seeds else []
    lines.append(f"{t('data_sources', lang)}: {BOUNDARY_SOURCE['name']}")
    return sheet.footer(
        lines,
        BOUNDARY_SOURCE[f"disclaimer_{'en' if lang == 'en' else 'tr'}"],
        page=brief.page_label(page),
    )


def _cover_page(brief: _Briefing) -> Figure:
    lang = brief.lang
    fig = Figure(figsize=PAGE_SIZE_IN, facecolor=PAPER)
    sheet = _Sheet(fig)
    y = sheet.lines(0.05, 0.93, [t("app_title", lang)], 34, weight="bold")
    subtitle = t("briefing_subtitle", lang)
    y = sheet.paragraph(0.05, y - 0.005, subtitle, 15, 0.8, max_lines=2, colour=MUTED)
    filters = t("briefing_filters", lang, text=brief.description)
    y = sheet.paragraph(0.05, y - 0.01, filters, 11.5, 0.9, max_lines=3)
    y = sheet.lines(0.05, y, [t("briefing_date", lang, date=brief.today)], 11.5, colour=MUTED)
    # key figures: one column each, a big number over a wrapped label
    figures = key_figures(brief.registry, brief.filters, brief.view)
    items = _figure_items(figures, lang, projects=True)
    top = y - 0.03
    sheet.rule(top + 0.012, 0.05, 0.95)
    column = 0.9 / len(items)
    lowest = top
    for i, (label, value) in enumerate(items):
        x = 0.05 + i * column
        below = sheet.lines(x, top, [value], 24, weight="bold")
        below = sheet.paragraph(x, below, label, 9.5, column - 0.02, max_lines=2, colour=MUTED)
        lowest = min(lowest, below)
    sheet.rule(lowest - 0.006, 0.05, 0.95)
    footer_top = _footer_for(sheet, brief, [s.project for s in brief.scenes], 1)
    map_top = lowest - 0.03
    ax = fig.add_axes((0.04, footer_top + 0.015, 0.64, map_top - footer_top - 0.015))
    fills, outlines, legend_items = _map_layers(brief.view, "coverage", None, lang)
    _draw_units(ax, fills, outlines)
    sheet.text(0.71, map_top, t("briefing_coverage_map", lang), 12, weight="bold")
    _legend(
        fig,
        legend_items,
        t("legend_coverage", lang),
        anchor=(0.71, map_top - sheet.line_height(12) - 0.02),
        size=9.5,
    )
    if brief.view.empty:
        sheet.text(0.71, map_top - 0.33, t("empty_filters", lang), 10, colour=MUTED)
    return fig


_TABLE_COLUMNS = (
    # (view column, label key, alignment); the deliverable column takes the spare width
    ("province", "col_province", "left"),
    ("district", "col_district", "left"),
    ("deliverable_label", "col_deliverable", "left"),
    ("quantity", "col_quantity", "right"),
    ("status_label", "col_status", "left"),
)
_FLEXIBLE_COLUMN = 2
_CELL_PAD = 0.012  # figure fraction between columns


def _column_widths(
    sheet: _Sheet, rows: pd.DataFrame, lang: str, size: float, width: float
) -> list[float]:
    """Column widths (figure fractions) fitting in ``width``, measured from the text."""
    natural = []
    for column, key, _ in _TABLE_COLUMNS:
        widest = max(
            [_width_in(t(key, lang), size, "bold")]
            + [_width_in(str(v), size) for v in rows[column]]
        )
        natural.append(widest / sheet.width + _CELL_PAD)
    fixed = sum(natural) - natural[_FLEXIBLE_COLUMN]
    if fixed > 0.8 * width:  # very long names: scale every column down (cells clip)
        return [w * width / sum(natural) for w in natural]
    # the deliverable column shrinks (its cells clip) but never grows past its text
    natural[_FLEXIBLE_COLUMN] = min(natural[_FLEXIBLE_COLUMN], width - fixed)
    return natural


def _table(
    sheet: _Sheet,
    rows: pd.DataFrame,
    lang: str,
    *,
    top: float,
    bottom: float,
    x0: float = 0.04,
    x1: float = 0.96,
    size: float = 8.0,
) -> float:
    """Deliverables table in one or two panels side by side; rows that do not fit are
    counted in a "+N more" line. Returns the ``y`` below the table."""
    step = sheet.line_height(size, 1.5)
    capacity = max(0, int((top - bottom) / step) - 1)  # one line for the header
    panels = 1 if len(rows) <= capacity else 2
    gap = 0.03
    panel_width = (x1 - x0 - gap * (panels - 1)) / panels
    shown = rows
    if len(rows) > capacity * panels:
        shown = rows.iloc[: max(0, capacity * panels - 1)]  # keep a line for "+N more"
    widths = _column_widths(sheet, shown, lang, size, panel_width)
    lowest = top
    for panel in range(panels):
        left = x0 + panel * (panel_width + gap)
        chunk = shown.iloc[panel * capacity : (panel + 1) * capacity]
        if panel and chunk.empty:
            break
        x = left
        for (column, key, align), width in zip(_TABLE_COLUMNS, widths, strict=True):
            room = (width - _CELL_PAD) * sheet.width
            anchor = x + width - _CELL_PAD if align == "right" else x
            header = _clip(t(key, lang), size, room, "bold")
            sheet.text(anchor, top, header, size, weight="bold", ha=align)
            y = top - step
            for value in chunk[column]:
                sheet.text(anchor, y, _clip(str(value), size, room), size, ha=align)
                y -= step
            lowest = min(lowest, y)
            x += width
        sheet.rule(top - step + 0.004, left, left + sum(widths) - _CELL_PAD)
    if len(shown) < len(rows):
        more = t("briefing_more_rows", lang, n=len(rows) - len(shown))
        left = x0 + (panels - 1) * (panel_width + gap)
        sheet.text(left, top - step * capacity, more, size, style="italic", colour=MUTED)
        lowest = min(lowest, top - step * (capacity + 1))
    return lowest


def _bullets(
    sheet: _Sheet,
    items: Sequence[str],
    lang: str,
    *,
    top: float,
    bottom: float,
    x0: float = 0.04,
    width: float = 0.92,
    size: float = 10.0,
) -> float:
    """A bulleted list; items that do not fit above ``bottom`` become "+N more"."""
    indent = 0.018
    step = sheet.line_height(size)
    y = top
    if not items:
        return sheet.lines(x0, y, [t("briefing_none_stated", lang)], size, colour=MUTED)
    for i, item in enumerate(items):
        wrapped = _wrap(item, size, (width - indent) * sheet.width)
        reserve = step if i < len(items) - 1 else 0.0  # room for a "+N more" line
        if y - step * len(wrapped) - reserve < bottom:
            more = t("briefing_more_items", lang, n=len(items) - i)
            return sheet.lines(x0, y, [more], size, style="italic", colour=MUTED)
        sheet.text(x0, y, "•", size)
        y = sheet.lines(x0 + indent, y, wrapped, size) - 0.005
    return y


def _item_texts(project: Any, key: str, lang: str) -> list[str]:
    """``project.info[key]`` items (outputs, gaps) in ``lang``."""
    return [str(item.get(lang) or item.get("tr") or "") for item in project.info.get(key) or []]


def _project_page(brief: _Briefing, project_id: str, page: int) -> Figure:
    lang = brief.lang
    project = brief.registry.projects[project_id]
    fig = Figure(figsize=PAGE_SIZE_IN, facecolor=PAPER)
    sheet = _Sheet(fig)
    own = brief.view[brief.view["project"] == project_id]
    rows = brief.deliverables[brief.deliverables["project"] == project_id]
    y = _page_header(sheet, brief, project_id, page)
    footer_top = _footer_for(sheet, brief, [project_id], page)
    # the phase map on the left, key figures and legend on the right
    map_top = y - 0.01
    map_bottom = map_top - 0.37
    ax = fig.add_axes((0.03, map_bottom, 0.6, map_top - map_bottom))
    colours = phase_colours([p.id for p in project.phases])
    fills, outlines, legend_items = _map_layers(own, "phase", colours, lang)
    _draw_units(ax, fills, outlines)
    figures = key_figures(brief.registry, replace(brief.filters, projects=(project_id,)), own)
    ry = sheet.lines(0.66, map_top, [t("briefing_key_figures", lang)], 11.5, weight="bold")
    for label, value in _figure_items(figures, lang, projects=False):
        sheet.text(0.66, ry, _clip(label, 10, 0.23 * sheet.width), 10, colour=MUTED)
        sheet.text(0.96, ry, value, 10, weight="bold", ha="right")
        ry -= sheet.line_height(10, 1.5)
    _legend(fig, legend_items, t("phase_legend", lang), anchor=(0.66, ry - 0.03), size=9.5)
    # the deliverables table below the map
    heading = f"{t('detail_deliverables', lang)} ({len(rows)})"
    ty = sheet.lines(0.04, map_bottom - 0.01, [heading], 11.5, weight="bold")
    if rows.empty:
        ty = sheet.lines(0.04, ty, [t("status_chart_empty", lang)], 9.5, colour=MUTED)
    else:
        ty = _table(sheet, rows, lang, top=ty - 0.005, bottom=footer_top + 0.01)
    gaps = _item_texts(project, "gaps", lang)
    if gaps and ty - footer_top > 0.12:  # room left: what the sources leave open
        ty = sheet.lines(0.04, ty - 0.03, [t("gaps", lang)], 11.5, weight="bold")
        _bullets(sheet, gaps, lang, top=ty, bottom=footer_top + 0.015, size=9.5)
    return fig


def _text_page(brief: _Briefing, project_id: str, page: int) -> Figure:
    lang = brief.lang
    project = brief.registry.projects[project_id]
    fig = Figure(figsize=PAGE_SIZE_IN, facecolor=PAPER)
    sheet = _Sheet(fig)
    y = _page_header(sheet, brief, project_id, page)
    footer_top = _footer_for(sheet, brief, [project_id], page)
    y = sheet.paragraph(0.04, y - 0.02, t("briefing_no_units", lang), 11, 0.92, colour=MUTED)
    info = project.info
    start, end = info.get("start"), info.get("end")
    if start or end:
        period = f"{t('period', lang)}: {start or '?'} – {end or '?'}"
        y = sheet.lines(0.04, y, [period], 10.5, colour=MUTED)
    for key in ("outputs", "gaps"):
        y = sheet.lines(0.04, y - 0.025, [t(key, lang)], 12.5, weight="bold")
        y = _bullets(sheet, _item_texts(project, key, lang), lang, top=y, bottom=footer_top + 0.02)
    return fig


def briefing_pdf(registry: Registry, filters: Filters, lang: str) -> bytes:
    """A multi-page PDF briefing of the filtered registry.

    Page 1 is a cover (title, subtitle, filters in words, date, key figures and the
    coverage map). Then one page per :func:`briefing_scenes` entry: a phase map, key
    figures and the deliverables table of each project with sites, or the stated
    outputs and gaps of a project without mapped units. Every page names its seed
    documents, the boundary source and the boundary disclaimer.

    Parameters
    ----------
    registry : Registry
        A validated registry.
    filters : Filters
        The dashboard's filters.
    lang : {"tr", "en"}
        Language of all text.

    Returns
    -------
    bytes
        The PDF file (fonts embedded as TrueType, so its text can be searched and
        copied, Turkish letters included).
    """
    brief = _Briefing(
        registry=registry,
        filters=filters,
        lang=lang,
        view=site_view(registry, filters, lang),
        deliverables=deliverable_view(registry, filters, lang),
        scenes=tuple(briefing_scenes(registry, filters)),
        description=filters_text(registry, filters, lang),
        today=date.today().isoformat(),
    )
    metadata = {
        "Title": f"{t('app_title', lang)}: {t('briefing_subtitle', lang)}",
        "Subject": brief.description,
        "Creator": t("app_title", lang),
    }
    buffer = io.BytesIO()
    # Type 42 (TrueType) fonts keep a Unicode map, so the text can be searched and
    # extracted. The setting is read while pages are written, hence the context.
    with matplotlib.rc_context({"pdf.fonttype": 42}), PdfPages(buffer, metadata=metadata) as pdf:
        pdf.savefig(_cover_page(brief))
        for number, scene in enumerate(brief.scenes, start=2):
            page = _project_page if scene.mapped else _text_page
            pdf.savefig(page(brief, scene.project, number))
    return buffer.getvalue()
