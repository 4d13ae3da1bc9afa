"""The PDF briefing: a cover with the key figures and the coverage map, then per project
a page framing its units with key figures, legend, unit list and every deliverable
(continued on further pages), or a text page for a project without mapped units.

Pages are A4 landscape. Fonts are embedded as TrueType (Type 42), so the text can be
searched and copied, Turkish letters included.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date

import pandas as pd
from matplotlib.figure import Figure

from geo.boundaries import BOUNDARY_SOURCE
from geo.figures.mapdraw import (
    MapLayers,
    draw_legend,
    draw_units,
    map_layers,
    scale_bar,
    units_bounds,
)
from geo.figures.pdf_table import draw_bullets, draw_table, table_capacity
from geo.figures.sheet import MUTED, PAPER, Sheet, clip, pdf_bytes, width_in, wrap
from geo.i18n import t
from geo.numbers import format_date
from geo.registry import Registry
from geo.scope import filters_text, source_titles
from geo.style import number_text, phase_colours
from geo.views import (
    Filters,
    KeyFigures,
    deliverable_view,
    figure_items,
    filter_sites,
    key_figures,
    site_view,
)

#: A4 landscape, inches.
PAGE_SIZE_IN = (11.69, 8.27)


@dataclass(frozen=True, slots=True)
class Scene:
    """One project of the briefing after the cover.

    Attributes
    ----------
    project : str
        Project id.
    mapped : bool
        ``True``: the project has sites after filtering (map, key figures, unit list and
        deliverables). ``False``: a text page with its stated outputs and gaps.
    """

    project: str
    mapped: bool


def briefing_scenes(registry: Registry, filters: Filters) -> list[Scene]:
    """The projects of :func:`briefing_pdf` after the cover, in registry order.

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


@dataclass(frozen=True, eq=False)
class Briefing:
    """What every page of one PDF shares."""

    registry: Registry
    filters: Filters
    lang: str
    view: pd.DataFrame
    deliverables: pd.DataFrame
    scenes: tuple[Scene, ...]
    description: str
    today: str
    #: NUTS-2 region borders drawn on every map (the page's switch).
    regions: bool = False


def _figure_items(figures: KeyFigures, lang: str, *, projects: bool) -> list[tuple[str, str]]:
    """(label, value) of the key figures, as the page cards show them."""
    return [(label, value) for _, label, value in figure_items(figures, lang, projects=projects)]


def _page(brief: Briefing, title: str, subtitle: str = "") -> tuple[Sheet, float]:
    """A new page with its title, subtitle, date and filter line; return the sheet and
    the ``y`` below the header. The page number is stamped once all pages exist."""
    lang = brief.lang
    sheet = Sheet(Figure(figsize=PAGE_SIZE_IN, facecolor=PAPER))
    stamp = t("briefing_date", lang, date=brief.today)
    sheet.text(0.96, 0.955, stamp, 9.5, colour=MUTED, ha="right")
    width = 0.96 - 0.04 - 0.03 - width_in(stamp, 9.5) / sheet.width
    y = sheet.paragraph(0.04, 0.955, title, 19, width, max_lines=1, weight="bold")
    if subtitle:
        y = sheet.paragraph(0.04, y - 0.004, subtitle, 11, width, max_lines=2, colour=MUTED)
    line = t("briefing_filters", lang, text=brief.description)
    return sheet, sheet.paragraph(0.04, y - 0.004, line, 9, 0.92, max_lines=2)


def _footer(sheet: Sheet, brief: Briefing, projects: Sequence[str]) -> float:
    lang = brief.lang
    seeds = source_titles(brief.registry, projects, lang)
    key = "source_document" if len(seeds) == 1 else "seed_documents"
    lines = [f"{t(key, lang)}: " + "; ".join(seeds)] if seeds else []
    lines.append(f"{t('data_sources', lang)}: {BOUNDARY_SOURCE['name']}")
    disclaimer = BOUNDARY_SOURCE[f"disclaimer_{'en' if lang == 'en' else 'tr'}"]
    return sheet.footer(lines, disclaimer, page=t("briefing_page", lang, page=99, pages=99))


def _cover(brief: Briefing) -> Sheet:
    lang = brief.lang
    sheet = Sheet(Figure(figsize=PAGE_SIZE_IN, facecolor=PAPER))
    y = sheet.lines(0.05, 0.93, [t("app_title", lang)], 34, weight="bold")
    subtitle = t("briefing_subtitle", lang)
    y = sheet.paragraph(0.05, y - 0.005, subtitle, 15, 0.8, max_lines=2, colour=MUTED)
    filters = t("briefing_filters", lang, text=brief.description)
    y = sheet.paragraph(0.05, y - 0.01, filters, 11.5, 0.9, max_lines=3)
    y = sheet.lines(0.05, y, [t("briefing_date", lang, date=brief.today)], 11.5, colour=MUTED)
    items = _figure_items(
        key_figures(brief.registry, brief.filters, brief.view), lang, projects=True
    )
    top = y - 0.03
    sheet.rule(top + 0.012, 0.05, 0.95)
    column = 0.9 / len(items)
    lowest = top
    for i, (label, value) in enumerate(items):
        x = 0.05 + i * column
        below = sheet.lines(x, top, [value], 24, weight="bold")
        below = sheet.paragraph(x, below, label, 9.5, column - 0.02, max_lines=3, colour=MUTED)
        lowest = min(lowest, below)
    sheet.rule(lowest - 0.006, 0.05, 0.95)
    footer_top = _footer(sheet, brief, [s.project for s in brief.scenes])
    map_top = lowest - 0.03
    ax = sheet.fig.add_axes((0.04, footer_top + 0.015, 0.64, map_top - footer_top - 0.015))
    layers = map_layers(brief.view, "coverage", None, lang, regions=brief.regions)
    # One project: frame its units, as its page does; else the filtered provinces.
    if len(brief.filters.projects) == 1 and not brief.view.empty:
        focus = units_bounds(sorted(set(brief.view["pcode"])))
    elif brief.filters.provinces:
        focus = units_bounds(list(brief.filters.provinces))
    else:
        focus = None
    draw_units(ax, layers, focus)
    scale_bar(ax, lang)
    sheet.text(0.71, map_top, t("briefing_coverage_map", lang), 12, weight="bold")
    anchor = (0.71, map_top - sheet.line_height(12) - 0.02)
    draw_legend(sheet.fig, layers.legend, anchor=anchor, size=9.5)
    if brief.view.empty:
        sheet.text(0.71, map_top - 0.33, t("empty_filters", lang), 10, colour=MUTED)
    return sheet


def unit_names(view: pd.DataFrame, lang: str) -> list[str]:
    """Names of the units in ``view``, sorted: ``"Şahinbey (Gaziantep)"`` for a district,
    ``"Erzurum (il)"`` / ``"Erzurum (province)"`` for a province-level site."""
    province = t("briefing_province_site", lang)
    names = {
        str(row.pcode): f"{row.district} ({row.province})"
        if row.level == "district"
        else f"{row.province} ({province})"
        for row in view.itertuples()
    }
    return sorted(names.values())


def _side_column(
    sheet: Sheet, brief: Briefing, pid: str, own: pd.DataFrame, layers: MapLayers, *, top: float
) -> None:
    """Key figures and the legend, right of the map."""
    lang = brief.lang
    figures = key_figures(brief.registry, replace(brief.filters, projects=(pid,)), own)
    ry = sheet.lines(0.66, top, [t("briefing_key_figures", lang)], 11.5, weight="bold")
    for label, value in _figure_items(figures, lang, projects=False):
        sheet.text(0.66, ry, clip(label, 10, 0.23 * sheet.width), 10, colour=MUTED)
        sheet.text(0.96, ry, value, 10, weight="bold", ha="right")
        ry -= sheet.line_height(10, 1.5)
    draw_legend(sheet.fig, layers.legend, anchor=(0.66, ry - 0.02), size=9.5)


class _Flow:
    """Blocks placed top-down on a project's pages; a block that does not fit starts a
    continuation page, so nothing is cut."""

    def __init__(self, brief: Briefing, pid: str, sheet: Sheet, y: float) -> None:
        self.brief, self.pid = brief, pid
        self.sheets = [sheet]
        self.y = y
        self.bottom = _footer(sheet, brief, [pid]) + 0.01

    @property
    def sheet(self) -> Sheet:
        return self.sheets[-1]

    def new_page(self) -> None:
        name = self.brief.registry.projects[self.pid].short(self.brief.lang)
        sheet, y = _page(self.brief, t("briefing_continued", self.brief.lang, name=name))
        self.sheets.append(sheet)
        self.bottom = _footer(sheet, self.brief, [self.pid]) + 0.01
        self.y = y - 0.02

    def heading(self, text: str, need: float) -> None:
        """A section heading, on a new page unless it and ``need`` more fit here."""
        if self.y - self.sheet.line_height(11.5) - need < self.bottom:
            self.new_page()
        self.y = self.sheet.lines(0.04, self.y - 0.015, [text], 11.5, weight="bold")

    def table(self, rows: pd.DataFrame) -> None:
        while not rows.empty:
            if table_capacity(self.sheet, self.y - 0.005, self.bottom) < 1:
                self.new_page()
            drawn, self.y = draw_table(
                self.sheet, rows, self.brief.lang, top=self.y - 0.005, bottom=self.bottom
            )
            rows = rows.iloc[drawn:]

    def paragraph(self, text: str, size: float = 9.0) -> None:
        lines = wrap(text, size, 0.92 * self.sheet.width)
        if self.y - len(lines) * self.sheet.line_height(size) < self.bottom:
            self.new_page()
        self.y = self.sheet.lines(0.04, self.y, lines, size)


def _project_pages(brief: Briefing, pid: str) -> list[Sheet]:
    """The map page of one project, then as many pages as its deliverables need."""
    lang = brief.lang
    project = brief.registry.projects[pid]
    own = brief.view[brief.view["project"] == pid]
    rows = brief.deliverables[brief.deliverables["project"] == pid]
    sheet, y = _page(brief, project.short(lang), project.name(lang))
    map_top, map_bottom = y - 0.01, y - 0.41
    ax = sheet.fig.add_axes((0.03, map_bottom, 0.6, map_top - map_bottom))
    palette = phase_colours([p.id for p in project.phases])
    layers = map_layers(own, "phase", palette, lang, regions=brief.regions)
    draw_units(ax, layers, units_bounds(list(own["pcode"])))
    scale_bar(ax, lang)
    _side_column(sheet, brief, pid, own, layers, top=map_top)
    flow = _Flow(brief, pid, sheet, map_bottom)
    names = unit_names(own, lang)
    flow.heading(t("briefing_units", lang, n=number_text(len(names), lang)), 0.03)
    flow.paragraph(", ".join(names))
    flow.heading(f"{t('table_deliverable_items', lang)} ({number_text(len(rows), lang)})", 0.06)
    if rows.empty:
        flow.paragraph(t("status_chart_empty", lang))
    flow.table(rows)
    gaps = [str(g.get(lang) or g.get("tr") or "") for g in project.info.get("gaps") or []]
    if gaps:
        flow.heading(t("gaps", lang), 0.05)
        for gap in gaps:
            flow.paragraph(f"• {gap}", 9.5)
    return flow.sheets


def _text_page(brief: Briefing, pid: str) -> Sheet:
    lang = brief.lang
    project = brief.registry.projects[pid]
    sheet, y = _page(brief, project.short(lang), project.name(lang))
    footer_top = _footer(sheet, brief, [pid])
    y = sheet.paragraph(0.04, y - 0.02, t("briefing_no_units", lang), 11, 0.92, colour=MUTED)
    start, end = project.info.get("start"), project.info.get("end")
    if start or end:
        y = sheet.lines(
            0.04, y, [f"{t('period', lang)}: {start or '?'} – {end or '?'}"], 10.5, colour=MUTED
        )
    for key in ("outputs", "gaps"):
        items = [str(i.get(lang) or i.get("tr") or "") for i in project.info.get(key) or []]
        y = sheet.lines(0.04, y - 0.025, [t(key, lang)], 12.5, weight="bold")
        y = draw_bullets(sheet, items, lang, top=y, bottom=footer_top + 0.02)
    return sheet


def briefing_pdf(
    registry: Registry, filters: Filters, lang: str, *, regions: bool = False
) -> bytes:
    """A multi-page PDF briefing of the filtered registry.

    Page 1 is a cover (title, subtitle, filters in words, date, key figures and the
    coverage map). Then per :func:`briefing_scenes` entry: a page framing the project's
    units with key figures, legend, unit list and its deliverables (every row, on as many
    further pages as needed), or the stated outputs and gaps of a project without mapped
    units. Every page names its seed documents, the boundary source and disclaimer.

    Parameters
    ----------
    registry : Registry
        A validated registry.
    filters : Filters
        The export's scope (:attr:`geo.scope.ExportScope.filters`).
    lang : {"tr", "en"}
        Language of all text.
    regions : bool
        Draw the NUTS-2 region borders on every map.

    Returns
    -------
    bytes
        The PDF. Its metadata ``Subject`` is the filter line and ``Keywords`` the
        P-codes of the units mapped.
    """
    brief = Briefing(
        registry=registry,
        filters=filters,
        lang=lang,
        view=site_view(registry, filters, lang),
        deliverables=deliverable_view(registry, filters, lang),
        scenes=tuple(briefing_scenes(registry, filters)),
        description=filters_text(registry, filters, lang),
        today=format_date(date.today(), lang),
        regions=regions,
    )
    sheets = [_cover(brief)]
    for scene in brief.scenes:
        if scene.mapped:
            sheets += _project_pages(brief, scene.project)
        else:
            sheets.append(_text_page(brief, scene.project))
    for number, sheet in enumerate(sheets, start=1):
        sheet.page_label(t("briefing_page", lang, page=number, pages=len(sheets)))
    metadata = {
        "Title": f"{t('app_title', lang)}: {t('briefing_subtitle', lang)}",
        "Subject": brief.description,
        "Keywords": " ".join(sorted(set(brief.view["pcode"]))),
        "Creator": t("app_title", lang),
    }
    return pdf_bytes(sheets, metadata)
