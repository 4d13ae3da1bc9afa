"""The registry's data model: projects, phases, the validated registry, and issues.

Kept apart from reading (:mod:`geo.registry_parse`) and checking
(:mod:`geo.registry_check`) so both can build these without importing each other;
:mod:`geo.registry` is the entry point that loads and validates.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pandas as pd

SITE_COLUMNS = ("project", "phase", "level", "province", "district", "pcode", "source")
DELIVERABLE_COLUMNS = (
    "project",
    "phase",
    "pcode",
    "deliverable",
    "quantity",
    "status",
    "source",
)
#: The files a registry consists of, in the order they are validated.
REGISTRY_FILES = ("projects.yaml", "sites.csv", "deliverables.csv", "vocabulary.yaml")


@dataclass(frozen=True, slots=True)
class Issue:
    """One validation problem. ``row`` is the spreadsheet row (header is row 1)."""

    file: str
    row: int | None
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}, row {self.row}" if self.row is not None else self.file
        return f"{where}, field '{self.field}': {self.message}"


class RegistryError(ValueError):
    """The registry files have problems; ``issues`` lists every one found."""

    def __init__(self, issues: list[Issue]) -> None:
        self.issues = issues
        shown = "\n".join(f"  - {issue}" for issue in issues[:20])
        more = f"\n  ... and {len(issues) - 20} more" if len(issues) > 20 else ""
        super().__init__(f"{len(issues)} problem(s) in the registry:\n{shown}{more}")


@dataclass(frozen=True, slots=True)
class Phase:
    id: str
    label_tr: str
    label_en: str
    start: str | None
    end: str | None
    note_tr: str = ""
    note_en: str = ""

    def label(self, lang: str) -> str:
        return self.label_en if lang == "en" else self.label_tr


@dataclass(frozen=True, slots=True)
class Project:
    """A project's metadata; lists of institutions, outputs etc. stay as plain dicts."""

    id: str
    short_tr: str
    short_en: str
    name_tr: str
    name_en: str
    source: str
    phases: tuple[Phase, ...]
    info: dict[str, Any] = field(default_factory=dict)

    def name(self, lang: str) -> str:
        return self.name_en if lang == "en" else self.name_tr

    def short(self, lang: str) -> str:
        return self.short_en if lang == "en" else self.short_tr

    def phase(self, phase_id: str) -> Phase:
        return next(p for p in self.phases if p.id == phase_id)


@dataclass(frozen=True)
class Registry:
    """A validated registry. Tables are read-only by convention; copy before changing."""

    projects: dict[str, Project]
    sources: dict[str, dict[str, str]]
    vocabulary: dict[str, dict[str, dict[str, str]]]
    sites: pd.DataFrame
    deliverables: pd.DataFrame

    def status_label(self, status: str, lang: str) -> str:
        return self.vocabulary["statuses"][status][lang]

    def deliverable_label(self, deliverable: str, lang: str) -> str:
        return self.vocabulary["deliverables"][deliverable][lang]


class Collector:
    """Every :class:`Issue` found while reading and checking, in order."""

    def __init__(self) -> None:
        self.issues: list[Issue] = []

    def add(self, file: str, row: int | None, field_name: str, message: str) -> None:
        """Record one problem (``message`` may be a bilingual :class:`~geo.i18n.Message`)."""
        self.issues.append(Issue(file, row, field_name, message))
