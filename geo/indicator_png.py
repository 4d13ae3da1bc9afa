"""Print-ready PNG of an indicator map, drawn with Matplotlib (no browser needed).

It draws the same :class:`geo.indicator_maps.IndicatorMap` as the web map: the same
classes, colours and legend labels, pilot outlines, optional NUTS-2 region borders, and
under the legend the source line (publisher, edition, data year) and the caveat. The
geometry is the web map's national display layer (EPSG:4326), drawn with the aspect
corrected for Türkiye's latitude.
"""

from __future__ import annotations

import io
import math
import textwrap
from datetime import date
from typing import Any

import numpy as np
from matplotlib.figure import Figure
from matplotlib.patches import Patch
from matplotlib.path import Path as MplPath
from shapely.geometry.base import BaseGeometry

from geo.boundaries import BOUNDARY_SOURCE, Level
from geo.geometry import display_layer
from geo.i18n import t
from geo.indicator_maps import (
    OUTLINE_PREFIX,
    PILOT_OUTLINE,
    REGION_OUTLINE,
    IndicatorMap,
)

#: (south, west), (north, east) of Türkiye in degrees, as the web map frames it.
BOUNDS = ((35.8, 25.6), (42.2, 44.9))
#: Degrees of longitude are shorter than degrees of latitude at 39° N.
ASPECT = 1 / math.cos(math.radians(39.0))
MISSING_FILL = "#ffffff"


def _path(geom: BaseGeometry) -> MplPath:
    polygons = list(geom.geoms) if geom.geom_type == "MultiPolygon" else [geom]
    parts = []
    for polygon in polygons:
        for ring in (polygon.exterior, *polygon.interiors):
            coords = np.asarray(ring.coords)[:, :2]
            codes = np.full(len(coords), MplPath.LINETO, dtype=np.uint8)
            codes[0], codes[-1] = MplPath.MOVETO, MplPath.CLOSEPOLY
            parts.append(MplPath(coords, codes))
    return MplPath.make_compound_path(*parts)


def _paths(level: Level) -> dict[str, MplPath]:
    layer = display_layer(level)
    return {str(p): _path(g) for p, g in zip(layer["pcode"], layer.geometry, strict=True)}


def _draw(ax: Any, spec: IndicatorMap, outlines: dict[str, list[str]], regions: bool) -> None:
    from matplotlib.collections import PathCollection

    shapes = _paths(spec.level)
    keys = list(shapes)
    classes = spec.classes.index
    fills = [
        spec.colours[int(classes[k])] if k in classes.index and not np.isnan(classes[k])
        else MISSING_FILL
        for k in keys
    ]  # fmt: skip
    ax.add_collection(
        PathCollection(
            [shapes[k] for k in keys], facecolors=fills, edgecolors="#ffffff", linewidths=0.3
        )
    )
    for level, pcodes in outlines.items():
        if not pcodes:
            continue
        layer = _paths(level)  # type: ignore[arg-type]
        ax.add_collection(
            PathCollection(
                [layer[p] for p in pcodes if p in layer],
                facecolors="none",
                edgecolors=PILOT_OUTLINE,
                linewidths=1.6,
                zorder=3,
            )
        )
    if regions:
        ax.add_collection(
            PathCollection(
                list(_paths("region").values()),
                facecolors="none",
                edgecolors=REGION_OUTLINE,
                linewidths=1.1,
                zorder=4,
            )
        )
    (south, west), (north, east) = BOUNDS
    ax.set_xlim(west, east)
    ax.set_ylim(south, north)
    ax.set_aspect(ASPECT)
    ax.set_axis_off()


def indicator_png(
    spec: IndicatorMap,
    lang: str,
    *,
    title: str,
    subtitle: str = "",
    outlines: dict[str, list[str]] | None = None,
    regions: bool = False,
    dpi: int = 150,
) -> bytes:
    """The indicator map as a PNG (12 x 8 inches; 1800 x 1200 pixels at 150 dpi).

    Parameters
    ----------
    spec : IndicatorMap
        What the web map shows (:func:`geo.indicator_maps.build_map`).
    title, subtitle : str
        Heading and a line under it (e.g. the filters in words).
    outlines : dict
        Level → P-codes of pilot units, outlined in red.
    regions : bool
        Draw the NUTS-2 region borders on top.
    """
    outlines = outlines or {}
    fig = Figure(figsize=(12, 8), dpi=dpi, facecolor="#ffffff")
    fig.text(0.02, 0.955, title, fontsize=18, fontweight="bold", parse_math=False)
    stamp = date.today().isoformat()
    fig.text(0.98, 0.955, stamp, fontsize=10, color="#495057", ha="right", parse_math=False)
    if subtitle:
        fig.text(0.02, 0.92, subtitle, fontsize=10.5, color="#495057", parse_math=False)
    ax = fig.add_axes((0.01, 0.2, 0.72, 0.7))
    _draw(ax, spec, outlines, regions)
    items = spec.legend_items(lang, pilots=any(outlines.values()), regions=regions)
    handles = [
        Patch(facecolor="none", edgecolor=c[len(OUTLINE_PREFIX) :], linewidth=2.0)
        if c.startswith(OUTLINE_PREFIX)
        else Patch(facecolor=c, edgecolor="#adb5bd", linewidth=0.6)
        for c, _ in items
    ]
    legend_title = "\n".join(textwrap.wrap(f"{spec.title} ({spec.unit_text})", 34))
    legend = fig.legend(
        handles,
        [label for _, label in items],
        loc="upper left",
        bbox_to_anchor=(0.72, 0.88),
        frameon=False,
        title=legend_title,
        alignment="left",
        fontsize=10.5,
        title_fontproperties={"weight": "bold", "size": 11},
    )
    for text in (*legend.get_texts(), legend.get_title()):
        text.set_parse_math(False)
    # Source and caveat under the map, full width: a long caveat stays readable.
    note = "\n".join(textwrap.wrap(spec.note(lang), 125))
    fig.text(0.02, 0.19, note, fontsize=10, va="top", color="#212529", parse_math=False)
    disclaimer = BOUNDARY_SOURCE["disclaimer_en" if lang == "en" else "disclaimer_tr"]
    footer = f"{t('ind_png_footer', lang)}: {BOUNDARY_SOURCE['name']}. {disclaimer}"
    fig.text(
        0.02,
        0.055,
        "\n".join(textwrap.wrap(footer, 150)),
        fontsize=8.5,
        color="#495057",
        va="top",
        parse_math=False,
    )
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=dpi, metadata={"Title": title})
    return buffer.getvalue()
