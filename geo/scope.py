"""What an export holds: the page's scope, and that scope in words.

Every file the Export menu writes (table, GeoJSON, PNG, standalone HTML, PDF) is built
from one :class:`ExportScope`, computed here from the shareable view state, so a file
holds exactly the units the page shows. A project page shows one project with the
sidebar's other filters (phase, province, status); the overview shows the sidebar's
filters; the indicators page shows one indicator of one data year, pilots outlined by
the sidebar's filters.

Pure functions, no Streamlit.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, fields, replace

from geo.boundaries import provinces_table
from geo.i18n import t
from geo.institutions import extra_filter_parts
from geo.registry import Registry
from geo.state import ViewState
from geo.views import Filters


@dataclass(frozen=True, slots=True)
class ExportScope:
    """The units and data a page shows, as exports must hold them.

    Attributes
    ----------
    page : str
        The page (``overview``, ``project``, ``indicators``, ``data``).
    filters : Filters
        The effective filters: the sidebar's, with ``projects`` narrowed to the page's
        project on a project page.
    project : str or None
        The project page's project id.
    indicator : str or None
        The indicators page's indicator id.
    year : int or None
        Data year of that indicator (``None`` when unknown or not an indicator page).
    regions : bool
        NUTS-2 region borders drawn on the map (the sidebar's switch, ``regions=1``):
        the PNG, HTML and PDF draw them too.
    """

    page: str
    filters: Filters
    project: str | None = None
    indicator: str | None = None
    year: int | None = None
    regions: bool = False

    @property
    def key(self) -> tuple:
        """Hashable cache key (strings and tuples only)."""
        f = self.filters
        return (
            self.page,
            tuple(getattr(f, name.name) for name in fields(f)),  # every filter, in order
            self.project,
            self.indicator,
            self.year,
            self.regions,
        )


def scope_from_key(key: tuple) -> ExportScope:
    """The scope whose :attr:`ExportScope.key` is ``key`` (for caches keyed by tuples)."""
    page, filters, project, indicator, year, regions = key
    return ExportScope(page, Filters(*filters), project, indicator, year, regions)


def project_page_id(state: ViewState, registry: Registry) -> str | None:
    """The project a project page shows for ``state``.

    On a projector the scene chooses the project. Otherwise it is the chosen project if
    the sidebar's project filter allows it, else the first project the filter allows
    (every project when the filter is empty), as the page's project selector does.
    """
    if not registry.projects:
        return None
    if state.present and state.project in registry.projects:
        return state.project
    allowed = [p for p in state.filters.projects if p in registry.projects]
    chosen = allowed or list(registry.projects)
    return state.project if state.project in chosen else chosen[0]


def export_scope(state: ViewState, registry: Registry, *, year: int | None = None) -> ExportScope:
    """The scope of every export of the page ``state`` shows.

    Parameters
    ----------
    state : ViewState
        The view (page, filters, project, indicator) as the URL and widgets hold it.
    registry : Registry
        The registry in service.
    year : int, optional
        Data year of the indicator shown on an indicators page.

    Returns
    -------
    ExportScope
        On a project page ``filters.projects`` is that one project; on other pages the
        sidebar's filters unchanged.
    """
    filters, regions = state.filters, state.regions
    if state.page == "project":
        pid = project_page_id(state, registry)
        narrowed = replace(filters, projects=(pid,) if pid else ())
        return ExportScope("project", narrowed, pid, regions=regions)
    if state.page == "indicators":
        return ExportScope(
            "indicators", filters, indicator=state.indicator, year=year, regions=regions
        )
    return ExportScope(state.page, filters, regions=regions)


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
    parts += extra_filter_parts(registry, filters, lang)
    return "; ".join(parts)


def scope_text(
    registry: Registry, scope: ExportScope, lang: str, *, indicator_label: str = ""
) -> str:
    """The filter line of an export: :func:`filters_text` of the scope's filters, with
    the indicator and its data year first on an indicators page."""
    text = filters_text(registry, scope.filters, lang)
    if scope.page == "indicators" and (indicator_label or scope.indicator):
        name = indicator_label or str(scope.indicator)
        year = f" ({scope.year})" if scope.year else ""
        text = f"{t('indicator', lang)}: {name}{year}; {text}"
    return text


def scope_title(registry: Registry, scope: ExportScope, lang: str, page_title: str) -> str:
    """Title of an export: the project's short name on a project page, else the page's."""
    if scope.project and scope.project in registry.projects:
        return registry.projects[scope.project].short(lang)
    return page_title


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
