"""Every export of a page's scope, built without a browser: table, GeoJSON, PNG, HTML, PDF.

The Export menu calls the ``scope_*`` functions with the page's
:class:`geo.scope.ExportScope`, so every file holds exactly the units the page shows and
says so in its title and filter line. The drawing lives in :mod:`geo.figures` (PNG, PDF)
and :mod:`geo.standalone` (HTML); this module chooses what to draw for a scope.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pandas as pd

from geo.boundaries import BOUNDARY_SOURCE
from geo.export import sites_table, to_bytes
from geo.figures.mapdraw import Bounds, units_bounds
from geo.figures.pdf import Scene, briefing_pdf, briefing_scenes
from geo.figures.png import map_png
from geo.i18n import t
from geo.numbers import format_date
from geo.registry import Registry
from geo.scope import ExportScope, filters_text, scope_text, source_titles
from geo.standalone import Caption, standalone_map_html
from geo.style import phase_colours
from geo.views import site_view

__all__ = [
    "Caption",
    "Scene",
    "briefing_pdf",
    "briefing_scenes",
    "filters_text",
    "map_png",
    "scope_focus",
    "scope_html",
    "scope_pdf",
    "scope_png",
    "scope_table",
    "source_titles",
    "standalone_map_html",
]


def scope_focus(scope: ExportScope, view: pd.DataFrame) -> Bounds | None:
    """What a map of the scope frames: a project's units, else the filtered provinces,
    else the whole country (``None``)."""
    if scope.project and not view.empty:
        return units_bounds(sorted(set(view["pcode"])))
    if scope.filters.provinces:
        return units_bounds(list(scope.filters.provinces))
    return None


def scope_table(registry: Registry, scope: ExportScope, lang: str, fmt: str) -> bytes:
    """The scope's pilot units as CSV, XLSX or GeoJSON (:func:`geo.export.sites_table`);
    CSV and XLSX headers in ``lang``."""
    frame = sites_table(registry, scope.filters, lang)
    return to_bytes(frame, fmt, sheet="sites", bom=fmt == "csv", lang=lang)


def scope_png(registry: Registry, scope: ExportScope, lang: str, title: str) -> bytes:
    """The scope's map as a PNG: a project page by phase, other pages by coverage."""
    view = site_view(registry, scope.filters, lang)
    colours = None
    if scope.project in registry.projects:
        colours = phase_colours([p.id for p in registry.projects[str(scope.project)].phases])
    return map_png(
        view,
        title,
        scope_text(registry, scope, lang),
        lang,
        kind="phase" if colours else "coverage",
        colours=colours,
        sources=source_titles(registry, sorted(set(view["project"])), lang),
        focus=scope_focus(scope, view),
        regions=scope.regions,
    )


def scope_caption(registry: Registry, scope: ExportScope, lang: str, title: str) -> Caption:
    """Title, filter line, date, sources and disclaimer of a standalone map."""
    projects = scope.filters.projects or tuple(registry.projects)
    seeds = source_titles(registry, projects, lang)
    sources = [f"{t('briefing_sources', lang)}: " + "; ".join([BOUNDARY_SOURCE["name"], *seeds])]
    return Caption(
        title=title,
        filters=t("briefing_filters", lang, text=scope_text(registry, scope, lang)),
        date=t("briefing_date", lang, date=format_date(date.today(), lang)),
        sources=sources,
        disclaimer=BOUNDARY_SOURCE[f"disclaimer_{'en' if lang == 'en' else 'tr'}"],
        lang=lang,
    )


def scope_html(registry: Registry, scope: ExportScope, lang: str, title: str, fmap: Any) -> bytes:
    """The page's own map (built with ``inline=True``) as a standalone HTML file."""
    caption = scope_caption(registry, scope, lang, title)
    return standalone_map_html(fmap, caption=caption).encode("utf-8")


def scope_pdf(registry: Registry, scope: ExportScope, lang: str) -> bytes:
    """The PDF briefing of the scope: a project page's briefing covers that project."""
    return briefing_pdf(registry, scope.filters, lang, regions=scope.regions)
