"""Institutions named in ``projects.yaml``: implementers, funders and beneficiaries.

Each institution gets a stable id (a slug of its English name) so a filter can travel in
a link; labels stay in both languages as the registry gives them.
"""

from __future__ import annotations

import re
import unicodedata

from geo.registry import Registry

#: Filter role -> the ``projects.yaml`` lists that name institutions in that role.
ROLES: dict[str, tuple[str, ...]] = {
    "implementer": ("implementer",),
    "funder": ("funders",),
    "beneficiary": ("beneficiary", "co_beneficiary"),
}


def institution_id(name_en: str) -> str:
    """A short ASCII id of an institution's English name."""
    folded = name_en.replace("ı", "i").replace("İ", "I")
    ascii_name = unicodedata.normalize("NFKD", folded).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")
    return slug[:48].rstrip("-")


def institutions(registry: Registry, role: str) -> dict[str, dict[str, str]]:
    """``{id: {"tr": name, "en": name}}`` of every institution in ``role``, first seen first."""
    found: dict[str, dict[str, str]] = {}
    for project in registry.projects.values():
        for key in ROLES[role]:
            for item in project.info.get(key) or []:
                found.setdefault(
                    institution_id(str(item["en"])), {"tr": item["tr"], "en": item["en"]}
                )
    return found


def extra_filter_parts(registry: Registry, filters: object, lang: str) -> list[str]:
    """The institution and year filters in words (``"Funder: European Union"``, ``"Year:
    2012"``), for filter lines that also name the project, phase, province and status."""
    from geo.i18n import t

    parts = []
    for role, ids in (
        ("implementer", getattr(filters, "implementers", ())),
        ("funder", getattr(filters, "funders", ())),
        ("beneficiary", getattr(filters, "beneficiaries", ())),
    ):
        if ids:
            names = institutions(registry, role)
            shown = ", ".join(names[i][lang] if i in names else i for i in ids)
            parts.append(f"{t(f'filter_{role}', lang)}: {shown}")
    year = getattr(filters, "year", None)
    if year is not None:
        parts.append(f"{t('year_control', lang)}: {year}")
    return parts


def projects_with(registry: Registry, role: str, ids: tuple[str, ...]) -> set[str]:
    """Projects naming any of the institutions ``ids`` in ``role``."""
    wanted = set(ids)
    return {
        pid
        for pid, project in registry.projects.items()
        if any(
            institution_id(str(item["en"])) in wanted
            for key in ROLES[role]
            for item in project.info.get(key) or []
        )
    }
