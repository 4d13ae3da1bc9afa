"""Place names on printed maps: label points and a collision-free placement.

Drawing code only needs :class:`LabelPoint` (P-code, name, lon, lat in EPSG:4326
degrees). :func:`label_points` reads them from :func:`geo.geometry.label_points`, the
points the web map writes its names at, so a name sits in the same place on screen and
on paper.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from matplotlib import patheffects

from geo.figures.sheet import font, width_in
from geo.geometry import label_points as geometry_label_points
from geo.style import LABEL_HALO, LABEL_INK

#: Frames narrower than this (degrees of longitude) also name districts, like the web
#: map from about zoom 8.
DISTRICT_LABEL_SPAN = 4.5


@dataclass(frozen=True, slots=True)
class LabelPoint:
    """Where to write a place name: a point inside the unit (EPSG:4326 degrees)."""

    pcode: str
    name: str
    lon: float
    lat: float


@lru_cache(maxsize=2)
def _points(level: str) -> tuple[LabelPoint, ...]:
    table = geometry_label_points(level)  # type: ignore[arg-type]
    table = table.sort_values("area_km2", ascending=False, kind="stable")
    columns = (table["pcode"], table["name"], table["lon"], table["lat"])
    return tuple(
        LabelPoint(str(p), str(n), float(x), float(y)) for p, n, x, y in zip(*columns, strict=True)
    )


def label_points(level: str) -> list[LabelPoint]:
    """Label points of every province or district (:func:`geo.geometry.label_points`, the
    same points as the web map's names), largest unit first: when two names collide the
    bigger place keeps its name."""
    return list(_points(level))


def in_frame(
    points: Iterable[LabelPoint], xlim: tuple[float, float], ylim: tuple[float, float]
) -> list[LabelPoint]:
    """The points inside the drawn extent (lon limits, lat limits)."""
    return [p for p in points if xlim[0] <= p.lon <= xlim[1] and ylim[0] <= p.lat <= ylim[1]]


def frame_labels(
    xlim: tuple[float, float], ylim: tuple[float, float], first: Sequence[str] = ()
) -> list[tuple[LabelPoint, float, str]]:
    """(point, size in pt, weight) of the names to try on a map of this extent.

    Province names always; district names too when the frame is narrower than
    :data:`DISTRICT_LABEL_SPAN`. Units in ``first`` (the pilots) are tried before others
    of their level.
    """
    wanted = set(first)
    chosen: list[tuple[LabelPoint, float, str]] = []
    provinces = in_frame(label_points("province"), xlim, ylim)
    close = xlim[1] - xlim[0] < DISTRICT_LABEL_SPAN
    size = 8.5 if close else 6.5
    chosen += [(p, size, "bold") for p in _first(provinces, wanted)]
    if close:
        districts = in_frame(label_points("district"), xlim, ylim)
        chosen += [(p, 6.5, "normal") for p in _first(districts, wanted)]
    return chosen


def _first(points: list[LabelPoint], wanted: set[str]) -> list[LabelPoint]:
    return [p for p in points if p.pcode in wanted] + [p for p in points if p.pcode not in wanted]


def draw_labels(ax, labels: Sequence[tuple[LabelPoint, float, str]]) -> list[str]:
    """Write names centred on their points, skipping any that would overlap a name
    already written or leave the axes; return the P-codes named.

    Boxes are measured in inches from the font outlines, so the result is the same for
    PNG and PDF output.
    """
    fig = ax.figure
    ax.apply_aspect()  # the drawn box, once the map's aspect has shrunk it
    box = ax.get_position()
    fig_w, fig_h = fig.get_size_inches()
    left, bottom = box.x0 * fig_w, box.y0 * fig_h
    right, top = left + box.width * fig_w, bottom + box.height * fig_h
    (x0, x1), (y0, y1) = ax.get_xlim(), ax.get_ylim()
    placed: list[tuple[float, float, float, float]] = []
    named: list[str] = []
    halo = [patheffects.withStroke(linewidth=2.2, foreground=LABEL_HALO)]
    for point, size, weight in labels:
        cx = left + (point.lon - x0) / (x1 - x0) * (right - left)
        cy = bottom + (point.lat - y0) / (y1 - y0) * (top - bottom)
        half_w = width_in(point.name, size, weight) / 2 + 0.02
        half_h = size / 72.0 * 0.6
        rect = (cx - half_w, cy - half_h, cx + half_w, cy + half_h)
        if rect[0] < left or rect[2] > right or rect[1] < bottom or rect[3] > top:
            continue
        if any(
            not (rect[2] < r[0] or rect[0] > r[2] or rect[3] < r[1] or rect[1] > r[3])
            for r in placed
        ):
            continue
        placed.append(rect)
        named.append(point.pcode)
        ax.text(
            point.lon,
            point.lat,
            point.name,
            fontproperties=font(size, weight),
            color=LABEL_INK,
            ha="center",
            va="center",
            zorder=7,
            clip_on=True,
            path_effects=halo,
            parse_math=False,
            usetex=False,
        )
    return named
