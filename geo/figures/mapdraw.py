"""The pilot map on a matplotlib axes: units, framing, legend and place names.

Geometry is the web map's display layer (:func:`geo.geometry.display_layer`, EPSG:4326
degrees), national band for the whole country and the detailed band for a framed view,
as the web map does once zoomed in. Units sharing a style are drawn as one compound
path, so a page holds a handful of paths instead of a thousand (fast to write, small
PDFs). Colours and legend entries come from :mod:`geo.style`.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Literal

import numpy as np
import pandas as pd
from matplotlib import patheffects
from matplotlib.collections import PathCollection
from matplotlib.colors import to_rgba
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.path import Path as MplPath
from shapely.geometry.base import BaseGeometry
from shapely.geometry.polygon import Polygon, orient

from geo.figures.labels import draw_labels, frame_labels
from geo.figures.sheet import FAINT, PAPER, font, width_in
from geo.geometry import DETAILED, NATIONAL, display_layer
from geo.style import (
    BASE_FILL,
    BASE_LINE,
    CATEGORICAL,
    OUTLINE,
    PILOT_LINE,
    PROVINCE_LINE,
    REGION_LINE,
    Legend,
    coverage_colour,
    coverage_legend,
    number_text,
    phase_colours,
    phase_legend,
    region_legend_item,
)
from geo.views import unit_coverage

MapKind = Literal["coverage", "phase"]
#: ((south, west), (north, east)) in degrees, as :func:`geo.maps.bounds_of` returns.
Bounds = tuple[tuple[float, float], tuple[float, float]]

#: Türkiye's extent (south-west, north-east), degrees.
TURKIYE_BOUNDS: Bounds = ((35.8, 25.6), (42.2, 44.9))
#: Latitude at which the map keeps true proportions (the middle of Türkiye).
MAP_LATITUDE = 39.0
#: Degrees of latitude per degree of longitude on paper: 1 / cos(39°).
MAP_ASPECT = 1.0 / math.cos(math.radians(MAP_LATITUDE))
#: Pilot districts smaller than this (square degrees, about 250 km²) also get a dot,
#: as on the web map, so they stay visible at national scale.
SMALL_UNIT_AREA = 0.025
#: Frames narrower than this (degrees of longitude) use the detailed geometry band.
DETAIL_SPAN = 5.0


def _polygons(geom: BaseGeometry) -> list[Polygon]:
    if isinstance(geom, Polygon):
        return [] if geom.is_empty else [geom]
    return [p for part in getattr(geom, "geoms", []) for p in _polygons(part)]


def geometry_path(geom: BaseGeometry) -> MplPath:
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
class Shape:
    path: MplPath
    point: tuple[float, float]  # representative point (lon, lat)
    area: float  # square degrees
    box: tuple[float, float, float, float]  # minx, miny, maxx, maxy (degrees)


@lru_cache(maxsize=4)
def shapes(level: str, detailed: bool = False) -> dict[str, Shape]:
    """Matplotlib paths of the web map's display layer (national or detailed band)."""
    layer = display_layer(level, DETAILED if detailed else NATIONAL)  # type: ignore[arg-type]
    points = layer.geometry.representative_point()
    return {
        str(pcode): Shape(
            geometry_path(geom), (float(pt.x), float(pt.y)), float(geom.area), geom.bounds
        )
        for pcode, geom, pt in zip(layer["pcode"], layer.geometry, points, strict=True)
    }


@lru_cache(maxsize=4)
def merged_path(level: str, detailed: bool = False) -> MplPath:
    """Every unit of ``level`` as one compound path (the grey base and the borders)."""
    return MplPath.make_compound_path(*(s.path for s in shapes(level, detailed).values()))


def units_bounds(pcodes: Sequence[str]) -> Bounds | None:
    """((south, west), (north, east)) of the given units, degrees; ``None`` if none."""
    boxes = [
        shapes("province" if len(p) == 6 else "district")[p].box
        for p in pcodes
        if p in shapes("province" if len(p) == 6 else "district")
    ]
    if not boxes:
        return None
    west, south = min(b[0] for b in boxes), min(b[1] for b in boxes)
    east, north = max(b[2] for b in boxes), max(b[3] for b in boxes)
    return ((south, west), (north, east))


@dataclass(frozen=True, slots=True)
class MapLayers:
    """What a printed pilot map draws: district fills and province outlines by P-code,
    the legend that explains them, and whether NUTS-2 region borders go on top."""

    fills: dict[str, str]
    outlines: dict[str, str]
    legend: Legend
    regions: bool = False

    @property
    def units(self) -> list[str]:
        """P-codes drawn as pilots, sorted."""
        return sorted(set(self.fills) | set(self.outlines))


def map_layers(
    view: pd.DataFrame,
    kind: MapKind,
    colours: dict[str, str] | None,
    lang: str,
    *,
    regions: bool = False,
) -> MapLayers:
    """Styles and legend of a coverage or phase map of :func:`geo.views.site_view` rows.

    Coverage colours units by the number of project-phases covering them; phase colours
    them by phase (the last row wins, as on the web map). ``regions`` adds the NUTS-2
    region borders and their legend entry, as the web map's switch does.
    """
    layers = _pilot_styles(view, kind, colours, lang)
    if not regions:
        return layers
    legend = Legend(
        layers.legend.title, [*layers.legend.items, region_legend_item(lang)], layers.legend.note
    )
    return MapLayers(layers.fills, layers.outlines, legend, regions=True)


def _pilot_styles(
    view: pd.DataFrame, kind: MapKind, colours: dict[str, str] | None, lang: str
) -> MapLayers:
    fills: dict[str, str] = {}
    outlines: dict[str, str] = {}
    if kind == "coverage":
        for pcode, row in unit_coverage(view).iterrows():
            colour = coverage_colour(int(row["n_phases"]))
            (fills if row["level"] == "district" else outlines)[str(pcode)] = colour
        return MapLayers(fills, outlines, coverage_legend(lang, province_sites=bool(outlines)))
    if kind != "phase":
        msg = f"unknown map kind {kind!r}; expected 'coverage' or 'phase'"
        raise ValueError(msg)
    palette = colours or phase_colours(list(dict.fromkeys(view["phase"])))
    for phase, level, pcode in zip(view["phase"], view["level"], view["pcode"], strict=True):
        (fills if level == "district" else outlines)[str(pcode)] = palette.get(
            phase, CATEGORICAL[0]
        )
    labels = dict(zip(view["phase"], view["phase_label"], strict=True))
    drawn = [(pid, labels[pid]) for pid in palette if pid in labels]
    legend = phase_legend(drawn, palette, lang, province_sites=bool(outlines))
    return MapLayers(fills, outlines, legend)


def _by_colour(pcodes: Sequence[str], colours: dict[str, str], table: dict[str, Shape]):
    groups: dict[str, list[MplPath]] = {}
    for pcode in pcodes:
        groups.setdefault(colours[pcode], []).append(table[pcode].path)
    return {c: MplPath.make_compound_path(*paths) for c, paths in groups.items()}


def _frame(ax: Any, focus: Bounds | None) -> None:
    """Türkiye's extent, or ``focus`` with a margin widened to fill the axes; the aspect
    corrected for latitude either way."""
    if focus is None:
        (south, west), (north, east) = TURKIYE_BOUNDS
        ax.set_xlim(west, east)
        ax.set_ylim(south, north)
        ax.set_aspect(MAP_ASPECT)
        return
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


def draw_units(
    ax: Any, layers: MapLayers, focus: Bounds | None = None, *, labels: bool = True
) -> list[str]:
    """All districts in grey, province borders, pilot districts filled, province sites
    outlined, small pilots dotted, and place names; return the P-codes named.

    A frame narrower than :data:`DETAIL_SPAN` degrees is drawn from the detailed band
    (as the web map does once zoomed in), keeping only the units reaching into it.
    """
    _frame(ax, focus)
    (x0, x1), (y0, y1) = ax.get_xlim(), ax.get_ylim()
    detailed = x1 - x0 < DETAIL_SPAN
    districts, provinces = shapes("district", detailed), shapes("province", detailed)
    fills, outlines = layers.fills, layers.outlines

    def add(paths: list[MplPath], **style: Any) -> None:
        ax.add_collection(PathCollection(paths, **style), autolim=False)

    def seen(shape: Shape) -> bool:
        # A framed view keeps only the units reaching into the frame: a PDF holds every
        # vertex it is given, visible or not.
        box = shape.box
        return focus is None or (box[0] <= x1 and box[2] >= x0 and box[1] <= y1 and box[3] >= y0)

    def base(level: str) -> MplPath:
        if focus is None:
            return merged_path(level, detailed)
        table = shapes(level, detailed)
        return MplPath.make_compound_path(*(s.path for s in table.values() if seen(s)))

    add([base("district")], facecolors=BASE_FILL, edgecolors=BASE_LINE, linewidths=0.25, zorder=1)
    add([base("province")], facecolors="none", edgecolors=PROVINCE_LINE, linewidths=0.5, zorder=2)
    pilots = [p for p in fills if p in districts and seen(districts[p])]
    for colour, path in _by_colour(pilots, fills, districts).items():
        add([path], facecolors=colour, edgecolors=PILOT_LINE, linewidths=0.45, zorder=3)
    sites = [p for p in outlines if p in provinces and seen(provinces[p])]
    for colour, path in _by_colour(sites, outlines, provinces).items():
        add([path], facecolors=to_rgba(colour, 0.12), edgecolors=colour, linewidths=2.2, zorder=4)
    small = [p for p in pilots if districts[p].area < SMALL_UNIT_AREA]
    if small and not detailed:
        ax.scatter(
            [districts[p].point[0] for p in small],
            [districts[p].point[1] for p in small],
            s=22,
            c=[fills[p] for p in small],
            edgecolors=PAPER,
            linewidths=0.8,
            zorder=5,
        )
    if layers.regions:
        regions = shapes("region", detailed)
        add([s.path for s in regions.values()], facecolors="none", edgecolors=REGION_LINE,
            linewidths=1.1, zorder=6)  # fmt: skip
    ax.set_axis_off()
    if not labels:
        return []
    return draw_labels(ax, frame_labels(ax.get_xlim(), ax.get_ylim(), first=layers.units))


def outline_unit(ax: Any, pcode: str, colour: str, *, linewidth: float = 1.6) -> None:
    """Outline one unit over a map drawn by :func:`draw_units`, from the same geometry
    band (the detailed one in a frame narrower than :data:`DETAIL_SPAN`)."""
    x0, x1 = ax.get_xlim()
    table = shapes("province" if len(pcode) == 6 else "district", x1 - x0 < DETAIL_SPAN)
    if pcode in table:
        ax.add_collection(
            PathCollection(
                [table[pcode].path], facecolors="none", edgecolors=colour, linewidths=linewidth
            ),
            autolim=False,
        ).set_zorder(6)


def legend_handle(colour: str) -> Patch:
    """A swatch, or a ring for an ``"outline:#hex"`` colour."""
    if colour.startswith(OUTLINE):
        return Patch(facecolor="none", edgecolor=colour[len(OUTLINE) :], linewidth=2.0)
    return Patch(facecolor=colour, edgecolor=FAINT, linewidth=0.6)


def draw_legend(
    fig: Figure,
    legend: Legend,
    *,
    anchor: tuple[float, float],
    ncols: int = 1,
    size: float = 10.0,
) -> None:
    """The legend's swatches and labels, its title above, from ``anchor`` down."""
    drawn = fig.legend(
        [legend_handle(colour) for colour, _ in legend.items],
        [label for _, label in legend.items],
        loc="upper left",
        bbox_to_anchor=anchor,
        ncols=max(1, ncols),
        frameon=False,
        prop=font(size),
        title=legend.title,
        title_fontproperties=font(size, "bold"),
        alignment="left",
        handlelength=1.8,
        handleheight=1.1,
        columnspacing=1.6,
        borderaxespad=0.0,
        borderpad=0.0,
    )
    for text in (*drawn.get_texts(), drawn.get_title()):
        text.set_parse_math(False)
        text.set_usetex(False)


def legend_grid(
    items: Sequence[tuple[str, str]], *, size: float, room_in: float
) -> tuple[int, int]:
    """(columns, rows) of a horizontal legend whose widest entry sets the column width."""
    if not items:
        return 1, 0
    # handle (1.8 em) + gap to the label (0.8 em) + label + column spacing (1.6 em)
    extra = 4.2 * size / 72.0
    if sum(width_in(label, size) + extra for _, label in items) <= room_in:
        return len(items), 1  # one row when every entry fits side by side
    entry = max(width_in(label, size) for _, label in items) + extra
    ncols = max(1, min(len(items), int(room_in // entry)))
    return ncols, math.ceil(len(items) / ncols)


def scale_bar(ax: Any, lang: str, *, size: float = 7.5) -> None:
    """A metric scale bar at the lower left of the map (kilometres at the map's middle
    latitude, where the aspect is true)."""
    (x0, x1), (y0, y1) = ax.get_xlim(), ax.get_ylim()
    km_per_degree = 111.32 * math.cos(math.radians((y0 + y1) / 2))
    target = (x1 - x0) * km_per_degree / 6
    step = 10 ** math.floor(math.log10(target))
    km = max(s * step for s in (1, 2, 5) if s * step <= target)
    length = km / km_per_degree
    left, base = x0 + (x1 - x0) * 0.015, y0 + (y1 - y0) * 0.03
    line = Line2D([left, left + length], [base, base], color=PILOT_LINE, linewidth=2.0)
    line.set(zorder=8, solid_capstyle="butt")
    ax.add_line(line)
    ax.text(
        left + length / 2,
        base + (y1 - y0) * 0.012,
        f"{number_text(km, lang)} km",
        ha="center",
        va="bottom",
        fontproperties=font(size),
        color=PILOT_LINE,
        zorder=8,
        path_effects=[patheffects.withStroke(linewidth=2.0, foreground=PAPER)],
        parse_math=False,
        usetex=False,
    )
