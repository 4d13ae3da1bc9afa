"""Presentation scenes: the steps a presenter walks through, in a fixed, explainable order.

First the view the presenter started from, then each project, then each project phase
with pilot units, then each pilot province, then each year of the registry's dated range
("play through the years": the overview as it stood that year). Scenes only change what
is shown (page and filters); leaving presentation mode returns to the widgets' own state
untouched. Every scene's title names what it shows (the project, the phase, the province
or the year); a province scene also lists the project-phases there and a few key
indicators (:func:`province_summary`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from geo.boundaries import provinces_table
from geo.i18n import t
from geo.names import name_key
from geo.registry import Registry
from geo.timeline import year_range
from geo.views import Filters, filter_sites


@dataclass(frozen=True, slots=True)
class Scene:
    """One step: which page to show, with which filters, under which title."""

    kind: str  # "start", "project", "phase", "province" or "year"
    page: str
    filters: Filters
    project: str | None
    title_tr: str
    title_en: str
    province: str | None = field(default=None)  # P-code of a province scene

    def title(self, lang: str) -> str:
        return self.title_en if lang == "en" else self.title_tr

    def label(self, index: int, lang: str) -> str:
        """Entry in the scene list: ``"3. EKOSEP"``."""
        return f"{index + 1}. {self.title(lang)}"


def build_scenes(registry: Registry, start: Filters, start_page: str) -> list[Scene]:
    """Scenes for ``registry`` restricted to the projects/provinces of ``start``."""
    scenes = [
        Scene(
            "start",
            start_page,
            start,
            None,
            _start_title(registry, start, start_page, "tr"),
            _start_title(registry, start, start_page, "en"),
        )
    ]
    projects = [p for p in registry.projects if not start.projects or p in start.projects]
    for pid in projects:
        project = registry.projects[pid]
        scenes.append(
            Scene(
                "project",
                "project",
                Filters(projects=(pid,), provinces=start.provinces, statuses=start.statuses),
                pid,
                project.short_tr,
                project.short_en,
            )
        )
    for pid in projects:
        project = registry.projects[pid]
        sites = filter_sites(registry, Filters(projects=(pid,), provinces=start.provinces))
        for phase in project.phases:
            if phase.id not in set(sites["phase"]) or len(project.phases) < 2:
                continue
            scenes.append(
                Scene(
                    "phase",
                    "project",
                    Filters(projects=(pid,), phases=(phase.id,), provinces=start.provinces),
                    pid,
                    f"{project.short_tr} · {phase.label_tr}",
                    f"{project.short_en} · {phase.label_en}",
                )
            )
    sites = filter_sites(registry, Filters(projects=tuple(projects), provinces=start.provinces))
    names = provinces_table()["province"]
    provinces = sorted(set(sites["pcode"].str[:6]), key=lambda p: name_key(names[p]))
    for province in provinces:
        scenes.append(
            Scene(
                "province",
                "overview",
                Filters(projects=start.projects, provinces=(province,)),
                None,
                t("scene_province_title", "tr", province=names[province]),
                t("scene_province_title", "en", province=names[province]),
                province=province,
            )
        )
    return scenes + year_scenes(registry, start)


def _start_title(registry: Registry, start: Filters, page: str, lang: str) -> str:
    """The first scene names the view it starts from (page, and a single chosen project)."""
    if len(start.projects) == 1 and start.projects[0] in registry.projects:
        return registry.projects[start.projects[0]].short(lang)
    if page == "overview":
        return t("overview_title", lang)
    return t(f"page_{page}", lang)


#: Key indicators of a province scene: (indicator id, decimals); İl SEGE-2017 is the
#: latest edition with province scores, ranks come with their 81 provinces.
PROVINCE_SCENE_INDICATORS = (
    ("pop_2025_province", 0),
    ("sege2017_rank", 0),
    ("density_2025_province", 1),
)


@dataclass(frozen=True, slots=True)
class ProvinceSummary:
    """What a province scene says beside its map: project-phases there and key figures."""

    pairs: tuple[str, ...]  # "EKOSEP · Proje dönemi"
    figures: tuple[tuple[str, str], ...]  # (label with unit, value text)
    citations: tuple[str, ...]  # publisher, edition and year of each figure


def province_summary(registry: Registry, province: str, lang: str) -> ProvinceSummary:
    """Project-phases with a pilot in ``province`` (P-code) and its key indicators."""
    from geo import indicators
    from geo.numbers import format_int, format_number

    sites = filter_sites(registry, Filters(provinces=(province,)))
    pairs = tuple(
        dict.fromkeys(
            f"{registry.projects[p].short(lang)} · {registry.projects[p].phase(ph).label(lang)}"
            for p, ph in zip(sites["project"], sites["phase"], strict=True)
        )
    )
    table = indicators.table("province")
    catalog = indicators.catalog()
    figures, citations = [], []
    for ind_id, decimals in PROVINCE_SCENE_INDICATORS:
        if ind_id not in catalog or ind_id not in table or province not in table.index:
            continue
        ind, value = catalog[ind_id], table.at[province, ind_id]
        if ind.kind == "rank":
            shown = t("scene_rank_of", lang, rank=format_int(value, lang), n=len(table))
            label = ind.label(lang)
        else:
            shown = format_number(value, lang, decimals)
            label = f"{ind.label(lang)}, {ind.unit(lang)}"
        figures.append((label, shown))
        citations.append(ind.citation(lang))
    return ProvinceSummary(pairs, tuple(figures), tuple(dict.fromkeys(citations)))


def year_scenes(registry: Registry, start: Filters) -> list[Scene]:
    """One overview scene per year from the earliest to the latest dated phase; only
    phases whose stated dates place them in a year appear in it."""
    years = year_range(registry)
    if years is None:
        return []
    return [
        Scene(
            "year",
            "overview",
            Filters(projects=start.projects, provinces=start.provinces, year=year),
            None,
            t("scene_year", "tr", year=year),
            t("scene_year", "en", year=year),
        )
        for year in range(years[0], years[1] + 1)
    ]
