"""A4 one-page summary of a place profile (PDF), TR or EN.

The page says what the profile page says: the place, its key figures, every project
phase there and in related units, the deliverables, the indicators with national rank
and references, stated targets, the filter line, when the data last changed, and the
sources. The locator map (EPSG:4326 degrees, aspect corrected for latitude) shows the
place outlined among its neighbours, pilot units shaded by coverage as on the web map.

Text, tables, the map and its legend are drawn by :mod:`geo.figures` with the colours
of :mod:`geo.style`, as the briefing PDF is: the two documents cannot drift apart.
Whatever does not fit on the page is left off with a note saying so, never drawn over
the footer.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd
from matplotlib.figure import Figure

from geo.boundaries import BOUNDARY_SOURCE
from geo.figures.mapdraw import (
    MapLayers,
    draw_legend,
    draw_units,
    legend_grid,
    outline_unit,
    units_bounds,
)
from geo.figures.pdf_table import ROW_GAP, WRAP_SPACING, Column, draw_table
from geo.figures.sheet import MUTED, PAPER, Sheet, pdf_bytes, width_in
from geo.i18n import level_label, t
from geo.profile import PlaceProfile, done_text, indicator_display, neighbourhood, phase_rows
from geo.registry import Registry
from geo.sources import source_line
from geo.style import OUTLINE, PILOT_OUTLINE, Legend, coverage_colour, coverage_legend

#: A4 portrait, inches.
PAGE_SIZE_IN = (8.27, 11.69)
#: Left and right edges of the text (half-inch margins), figure fractions.
X0, X1 = 0.06, 0.94
#: The locator map's box (left, bottom, width, height), figure fractions.
MAP_BOX = (0.60, 0.745, 0.34, 0.21)
#: Table text size (points) and lines a cell may wrap to.
TABLE_SIZE, CELL_LINES = 7.0, 3

PHASE_COLUMNS: tuple[Column, ...] = (
    ("place", "place_where", "left"),
    ("project_name", "col_project", "left"),
    ("phase_label", "col_phase", "left"),
    ("period", "period", "left"),
    ("deliverables", "count_quantity_done", "right"),
)
DELIVERABLE_COLUMNS: tuple[Column, ...] = (
    ("where", "place_where", "left"),
    ("project_name", "col_project", "left"),
    ("deliverable_label", "col_deliverable", "left"),
    ("quantity", "col_quantity", "right"),
    ("status_label", "col_status", "left"),
)
INDICATOR_COLUMNS: tuple[Column, ...] = (
    ("indicator", "indicator", "left"),
    ("value", "col_value", "right"),
    ("rank", "col_rank_national", "right"),
    ("tier", "col_tier", "left"),
    ("national", "col_national_ref", "left"),
)
TARGET_COLUMNS: tuple[Column, ...] = (
    ("output", "col_output", "left"),
    ("target", "col_target", "right"),
    ("achieved", "col_achieved", "right"),
)


@dataclass
class _Flow:
    """Sections placed top-down between ``y`` and ``bottom`` (figure fractions); once
    one does not fit, it and every later section are left off and ``cut`` is set."""

    sheet: Sheet
    lang: str
    y: float
    bottom: float
    cut: bool = False

    def heading(self, text: str) -> bool:
        """A section heading with a rule, if it and two table lines still fit."""
        # the heading, a table header and one row of one line each
        row = self.sheet.line_height(TABLE_SIZE, WRAP_SPACING + ROW_GAP)
        need = 0.01 + self.sheet.line_height(10.5) + 2 * row
        if self.cut or self.y - need < self.bottom:
            self.cut = True
            return False
        self.y = self.sheet.lines(X0, self.y - 0.01, [text], 10.5, weight="bold")
        self.sheet.rule(self.y + 0.004, X0, X1)
        return True

    def table(self, title: str, rows: pd.DataFrame, columns: Sequence[Column]) -> None:
        if not self.heading(title):
            return
        drawn, self.y = draw_table(
            self.sheet,
            rows,
            self.lang,
            top=self.y - 0.004,
            bottom=self.bottom,
            x0=X0,
            x1=X1,
            size=TABLE_SIZE,
            columns=columns,
            max_lines=CELL_LINES,
        )
        self.cut = self.cut or drawn < len(rows)

    def note(self, title: str, text: str) -> None:
        if self.heading(title):
            self.y = self.sheet.lines(X0, self.y - 0.004, [text], 8, colour=MUTED)


def _header(sheet: Sheet, profile: PlaceProfile, lang: str, lines: Sequence[str]) -> float:
    """Kicker, the place's name, level and P-code, then ``lines``; the ``y`` below."""
    width = MAP_BOX[0] - X0 - 0.02
    kicker = f"{t('app_title', lang)} · {t('page_place', lang)}"
    y = sheet.lines(X0, 0.957, [kicker], 8, colour=MUTED)
    # The name on one line, smaller if it must (down to 14 pt), wrapped only beyond that.
    fit = 20 * width * sheet.width / max(width_in(profile.title, 20, "bold"), 1e-6)
    size = max(14.0, min(20.0, fit))
    y = sheet.paragraph(X0, y - 0.002, profile.title, size, width, max_lines=2, weight="bold")
    y = sheet.lines(X0, y, [f"{level_label(profile.level, lang)} · {profile.pcode}"], 9)
    for line in lines:
        y = sheet.paragraph(X0, y, line, 7.5, width, max_lines=2, colour=MUTED)
    return y


def _key_figures(sheet: Sheet, profile: PlaceProfile, lang: str, top: float) -> float:
    """Label and value pairs left of the map, as the page's cards; the ``y`` below."""
    counts = profile.counts()
    figures = [
        ("place_kf_projects", str(counts["projects"])),
        ("place_kf_phases", str(counts["phases"])),
        (f"place_kf_related_{profile.level}", str(counts["related"])),
        ("count_items_done", done_text(counts["items_completed"], counts["items_total"], lang)),
        (
            "count_quantity_done",
            done_text(counts["quantity_completed"], counts["quantity_total"], lang),
        ),
    ]
    y = top - 0.008
    for key, value in figures:
        sheet.text(X0, y, t(key, lang), 8, colour=MUTED)
        sheet.text(MAP_BOX[0] - 0.04, y, value, 8, weight="bold", ha="right")
        y -= sheet.line_height(8, 1.6)
    return y


def _locator(sheet: Sheet, profile: PlaceProfile, coverage: pd.Series, lang: str) -> Legend:
    """The place outlined among its neighbours, pilots shaded by coverage; its legend."""
    fills: dict[str, str] = {}
    outlines: dict[str, str] = {}
    for pcode, n in coverage.items():
        (outlines if len(str(pcode)) == 6 else fills)[str(pcode)] = coverage_colour(int(n))
    base = coverage_legend(lang, province_sites=bool(outlines))
    legend = Legend(
        base.title, [*base.items, (OUTLINE + PILOT_OUTLINE, t("place_pdf_this_place", lang))]
    )
    ax = sheet.fig.add_axes(MAP_BOX)
    bounds = units_bounds([profile.pcode])
    if bounds is not None:
        draw_units(ax, MapLayers(fills, outlines, legend), neighbourhood(bounds))
        outline_unit(ax, profile.pcode, PILOT_OUTLINE)
    ax.set_axis_off()
    return legend


def _legend(sheet: Sheet, legend: Legend, top: float) -> float:
    """The map's legend left of it, in as many columns as fit; the ``y`` below."""
    size = 6.5
    room = (MAP_BOX[0] - X0 - 0.02) * sheet.width
    ncols, nrows = legend_grid(legend.items, size=size, room_in=room)
    draw_legend(sheet.fig, legend, anchor=(X0, top), ncols=ncols, size=size)
    # title and rows: matplotlib spaces legend rows about 1.9 lines apart at this size
    return top - (nrows + 1) * sheet.line_height(size, 1.9)


def _tables(
    profile: PlaceProfile, registry: Registry, targets: pd.DataFrame, lang: str
) -> list[tuple[str, pd.DataFrame, tuple[Column, ...]]]:
    """The page's sections in order: (title, rows, columns); empty ones left out."""
    both = pd.concat([profile.sites, profile.related])
    phases = phase_rows(registry, both, lang, where=True) if not both.empty else both
    items = profile.deliverables.assign(
        where=[
            d or p
            for d, p in zip(
                profile.deliverables["district"], profile.deliverables["province"], strict=True
            )
        ],
        quantity=profile.deliverables["quantity"].astype(int),
    )
    indicators = indicator_display(profile.indicators, lang)
    return [
        (t("place_projects_phases", lang), phases, PHASE_COLUMNS),
        (t("place_deliverables", lang), items, DELIVERABLE_COLUMNS),
        (t("place_indicators", lang), indicators, INDICATOR_COLUMNS),
        (t("targets_title", lang), targets, TARGET_COLUMNS),
    ]


def _footer(sheet: Sheet, profile: PlaceProfile, registry: Registry, lang: str) -> float:
    """Seed documents, indicator and boundary sources and the boundary disclaimer."""
    seeds = [source_line(registry, registry.projects[p].source, lang) for p in profile.projects]
    lines = [f"{t('place_sources', lang)}: " + "; ".join(seeds)] if seeds else []
    indicators = list(dict.fromkeys(profile.indicators["source"]))
    if indicators:
        lines.append(f"{t('place_indicators', lang)}: " + "; ".join(indicators))
    lines.append(f"{t('data_sources', lang)}: {BOUNDARY_SOURCE['name']}")
    disclaimer = BOUNDARY_SOURCE[f"disclaimer_{'en' if lang == 'en' else 'tr'}"]
    return sheet.footer(lines, disclaimer, x0=X0, x1=X1, bottom=0.035, size=6.0, max_lines=8)


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
    sheet = Sheet(Figure(figsize=PAGE_SIZE_IN, facecolor=PAPER))
    y = _header(sheet, profile, lang, [t("filter_line", lang, filters=filter_line), changed])
    legend = _locator(sheet, profile, coverage, lang)
    y = _legend(sheet, legend, _key_figures(sheet, profile, lang, y) - 0.006)
    y = min(y, MAP_BOX[1])
    # One line above the footer stays free for the "not everything fits" note.
    bottom = _footer(sheet, profile, registry, lang) + sheet.line_height(7, 2.2)
    flow = _Flow(sheet, lang, y - 0.006, bottom)
    for title, rows, columns in _tables(profile, registry, targets, lang):
        if not rows.empty:
            flow.table(title, rows, columns)
        elif columns is PHASE_COLUMNS:
            flow.note(title, t("place_none_here", lang))
    if flow.cut:
        sheet.text(X0, bottom - 0.006, t("pdf_truncated", lang), 7, colour=MUTED)
    title = f"{profile.title} — {t('app_title', lang)}"
    return pdf_bytes([sheet], {"Title": title, "Creator": t("app_title", lang)})
