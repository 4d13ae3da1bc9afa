"""A4 one-page summary of a place profile (PDF), drawn with matplotlib, TR or EN.

The page says what the profile page says: the place, its key figures, every project
phase there and in related units, the deliverables, the indicators with national rank
and references, stated targets, the filter line, when the data last changed, and the
sources. The locator map (EPSG:4326 degrees, aspect corrected for latitude) shows the
place outlined among its neighbours, pilot units shaded as on the web map.
"""

from __future__ import annotations

import io
import math
import textwrap
from dataclasses import dataclass, field
from functools import lru_cache

import geopandas as gpd
import pandas as pd
from matplotlib.figure import Figure

from geo.boundaries import boundaries
from geo.i18n import level_label, t
from geo.maps import BASE_FILL, COVERAGE_COLOURS
from geo.numbers import format_ratio
from geo.profile import PlaceProfile, indicator_display, neighbourhood, phase_rows
from geo.registry import Registry
from geo.sources import source_line

A4 = (8.27, 11.69)  # inches, portrait
MARGIN = 0.5  # inches
FONT = "DejaVu Sans"  # ships with matplotlib and covers Turkish letters
INK, MUTED, RULE = "#212529", "#6c757d", "#ced4da"


@dataclass
class _Page:
    """A cursor down an A4 figure; positions in inches from the top-left corner."""

    fig: Figure
    y: float = MARGIN
    full: bool = False
    notes: list[str] = field(default_factory=list)

    def _xy(self, x: float, y: float) -> tuple[float, float]:
        return x / A4[0], 1 - y / A4[1]

    def text(self, x: float, text: str, size: float = 8, **kw: object) -> None:
        self.fig.text(*self._xy(x, self.y), text, fontsize=size, va="top", family=FONT, **kw)

    def line(self, text: str, size: float = 8, *, gap: float = 0.04, **kw: object) -> None:
        self.text(MARGIN, text, size, **kw)
        self.y += size / 72 * 1.35 + gap

    def heading(self, text: str) -> None:
        self.y += 0.08
        self.line(text, 10.5, weight="bold", color=INK)
        self.fig.add_artist(
            _rule(
                self.fig, self._xy(MARGIN, self.y - 0.02), self._xy(A4[0] - MARGIN, self.y - 0.02)
            )
        )
        self.y += 0.04

    def room(self) -> float:
        return A4[1] - MARGIN - 0.45 - self.y  # keep the footer free


def _rule(fig: Figure, start: tuple[float, float], end: tuple[float, float]):
    from matplotlib.lines import Line2D

    return Line2D(
        [start[0], end[0]], [start[1], end[1]], color=RULE, lw=0.6, transform=fig.transFigure
    )


def _chars(width_in: float, size: float) -> int:
    """How many characters of DejaVu Sans at ``size`` pt fit in ``width_in`` inches (about)."""
    return max(4, int(width_in * 72 / (size * 0.56)))


def _table(page: _Page, frame: pd.DataFrame, widths: list[float], size: float = 7) -> None:
    """Rows of ``frame`` (headers first), each cell wrapped to its column width (inches)."""
    lead = size / 72 * 1.3
    rows = [list(frame.columns), *frame.astype(str).itertuples(index=False, name=None)]
    for i, row in enumerate(rows):
        cells = [
            textwrap.wrap(str(v), _chars(w - 0.08, size)) or [""]
            for v, w in zip(row, widths, strict=True)
        ]
        height = max(len(c) for c in cells) * lead + 0.05
        if page.room() < height:
            page.full = True
            return
        x = MARGIN
        for lines, width in zip(cells, widths, strict=True):
            page.text(
                x,
                "\n".join(lines),
                size,
                color=INK,
                weight="bold" if i == 0 else "normal",
                linespacing=1.15,
            )
            x += width
        page.y += height
        if i == 0:
            page.fig.add_artist(
                _rule(
                    page.fig,
                    page._xy(MARGIN, page.y - 0.03),
                    page._xy(A4[0] - MARGIN, page.y - 0.03),
                )
            )


@lru_cache(maxsize=2)
def _shapes(level: str) -> gpd.GeoDataFrame:
    # Read-only here; one copy per level instead of one per page.
    return boundaries(level, simplified=True)[["pcode", "geometry"]]  # type: ignore[arg-type]


def _locator(fig: Figure, profile: PlaceProfile, coverage: pd.Series, box: tuple) -> None:
    """The place (red outline) among its neighbours; pilot units shaded by coverage."""
    from geo.maps import bounds_of

    bounds = bounds_of([profile.pcode])
    ax = fig.add_axes(box)
    ax.set_axis_off()
    if bounds is None:
        return
    (s, w), (n, e) = neighbourhood(bounds)
    districts = _shapes("district").cx[w:e, s:n]
    fills = [
        COVERAGE_COLOURS[min(int(coverage[p]), 3) - 1] if p in coverage.index else BASE_FILL
        for p in districts["pcode"]
    ]
    districts.plot(ax=ax, color=fills, edgecolor="#ffffff", linewidth=0.4)
    provinces = _shapes("province").cx[w:e, s:n]
    provinces.boundary.plot(ax=ax, color="#868e96", linewidth=0.6)
    level = "province" if profile.level == "province" else "district"
    shape = _shapes(level)
    shape[shape["pcode"] == profile.pcode].boundary.plot(ax=ax, color="#d00000", linewidth=1.6)
    ax.set_xlim(w, e)
    ax.set_ylim(s, n)
    ax.set_aspect(1 / math.cos(math.radians((s + n) / 2)))


def place_pdf(
    profile: PlaceProfile,
    registry: Registry,
    lang: str,
    *,
    coverage: pd.Series,
    targets: pd.DataFrame,
    filter_line: str,
    changed: str,
) -> bytes:
    """The one-page PDF of ``profile``.

    Parameters
    ----------
    coverage : Series
        Project-phases per pilot unit P-code (``n_phases`` of :func:`geo.views.unit_coverage`).
    targets : DataFrame
        :func:`geo.targets.targets_view` rows for the place's projects.
    filter_line, changed : str
        The filter line and the "data last changed" text, as on screen.
    """
    fig = Figure(figsize=A4)
    page = _Page(fig)
    page.line(f"{t('app_title', lang)} · {t('page_place', lang)}", 8, color=MUTED)
    page.line(profile.title, 20, weight="bold", color=INK, gap=0.06)
    page.line(f"{level_label(profile.level, lang)} · {profile.pcode}", 9, color=MUTED)
    page.line(t("filter_line", lang, filters=filter_line), 7.5, color=MUTED)
    page.line(changed, 7.5, color=MUTED)
    _locator(fig, profile, coverage, (0.62, 1 - 2.75 / A4[1], 0.33, 2.1 / A4[1]))
    counts = profile.counts()
    figures = [
        (t("place_kf_projects", lang), str(counts["projects"])),
        (t("place_kf_phases", lang), str(counts["phases"])),
        (t(f"place_kf_related_{profile.level}", lang), str(counts["related"])),
        (
            t("count_items_done", lang),
            format_ratio(counts["items_completed"], counts["items_total"], lang),
        ),
        (
            t("count_quantity_done", lang),
            format_ratio(counts["quantity_completed"], counts["quantity_total"], lang),
        ),
    ]
    page.y += 0.1
    for label, value in figures:
        page.text(MARGIN, label, 8, color=MUTED)
        page.text(MARGIN + 2.9, value, 8, weight="bold", color=INK)
        page.y += 0.19
    page.y = max(page.y, 2.85)
    page.heading(t("place_projects_phases", lang))
    both = pd.concat([profile.sites, profile.related])
    if both.empty:
        page.line(t("place_none_here", lang), 8, color=MUTED)
    else:
        rows = phase_rows(registry, both, lang, where=True)
        shown = rows[["place", "project_name", "phase_label", "period", "deliverables"]]
        shown.columns = [
            t(k, lang)
            for k in ("place_where", "col_project", "col_phase", "period", "count_quantity_done")
        ]
        _table(page, shown, [1.3, 2.0, 1.2, 1.5, 1.27])
    if not profile.deliverables.empty:
        page.heading(t("place_deliverables", lang))
        items = profile.deliverables
        shown = pd.DataFrame(
            {
                t("place_where", lang): [
                    d or p for d, p in zip(items["district"], items["province"], strict=True)
                ],
                t("col_project", lang): items["project_name"],
                t("col_deliverable", lang): items["deliverable_label"],
                t("col_quantity", lang): items["quantity"].astype(int),
                t("col_status", lang): items["status_label"],
            }
        )
        _table(page, shown, [1.3, 1.7, 2.5, 0.7, 1.07])
    page.heading(t("place_indicators", lang))
    ind = indicator_display(profile.indicators, lang)
    shown = ind[["indicator", "value", "rank", "tier", "national"]]
    shown.columns = [
        t(k, lang)
        for k in ("indicator", "col_value", "col_rank_national", "col_tier", "col_national_ref")
    ]
    _table(page, shown, [2.4, 0.9, 0.8, 1.3, 1.87], size=6.8)
    if not targets.empty:
        page.heading(t("targets_title", lang))
        shown = targets[["output", "target", "achieved"]]
        shown.columns = [t(k, lang) for k in ("col_output", "col_target", "col_achieved")]
        _table(page, shown, [5.07, 1.1, 1.1], size=6.8)
    _footer(page, profile, registry, lang)
    buffer = io.BytesIO()
    fig.savefig(buffer, format="pdf", metadata={"Title": f"{profile.title} — Pilot Atlas"})
    return buffer.getvalue()


def _footer(page: _Page, profile: PlaceProfile, registry: Registry, lang: str) -> None:
    sources = [source_line(registry, registry.projects[p].source, lang) for p in profile.projects]
    sources += list(dict.fromkeys(profile.indicators["source"]))
    text = f"{t('place_sources', lang)}: " + "; ".join(sources)
    if page.full:
        text = t("pdf_truncated", lang) + " " + text
    lines = textwrap.wrap(text, _chars(A4[0] - 2 * MARGIN, 6))[:6]
    page.y = A4[1] - MARGIN - len(lines) * 6 / 72 * 1.3
    for line in lines:
        page.line(line, 6, color=MUTED, gap=0)
