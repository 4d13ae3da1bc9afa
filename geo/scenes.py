"""Presentation scenes: the steps a presenter walks through, in a fixed, explainable order.

First the view the presenter started from, then each project, then each project phase
with pilot units, then each pilot province. Scenes only change what is shown (page and
filters); leaving presentation mode returns to the widgets' own state untouched.
"""

from __future__ import annotations

from dataclasses import dataclass

from geo.boundaries import provinces_table
from geo.i18n import t
from geo.names import name_key
from geo.registry import Registry
from geo.views import Filters, filter_sites


@dataclass(frozen=True, slots=True)
class Scene:
    """One step: which page to show, with which filters, under which title."""

    kind: str  # "start", "project", "phase" or "province"
    page: str
    filters: Filters
    project: str | None
    title_tr: str
    title_en: str

    def title(self, lang: str) -> str:
        return self.title_en if lang == "en" else self.title_tr


def build_scenes(registry: Registry, start: Filters, start_page: str) -> list[Scene]:
    """Scenes for ``registry`` restricted to the projects/provinces of ``start``."""
    scenes = [
        Scene(
            "start",
            start_page,
            start,
            None,
            t("scene_start", "tr"),
            t("scene_start", "en"),
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
                f"{names[province]} ({t('level_province', 'tr')})",
                f"{names[province]} ({t('level_province', 'en')})",
            )
        )
    return scenes
