"""Project source documents named as people cite them: title, publisher and date.

The registry (``data/projects.yaml``, ``sources``) keeps each document's title, its
publisher and date as the document gives them (empty when it does not) and a note on
what it does say about time. Pages, the PDF and the data page name documents through
these functions, never by file id.
"""

from __future__ import annotations

from geo.i18n import t
from geo.numbers import format_date
from geo.registry import Registry


def _field(source: dict[str, str], name: str, lang: str) -> str:
    return str(source.get(f"{name}_{'en' if lang == 'en' else 'tr'}") or "").strip()


def source_date(source: dict[str, str], lang: str) -> str:
    """The document's date in ``lang`` (Babel), else what it says about time."""
    raw = str(source.get("date") or "").strip()
    if raw:
        if len(raw) == 10:
            return format_date(raw, lang)
        return raw  # a year or year-month stays as written
    return _field(source, "date_note", lang) or t("not_stated", lang)


def source_publisher(source: dict[str, str], lang: str) -> str:
    return _field(source, "publisher", lang) or t("source_publisher_unknown", lang)


def source_line(registry: Registry, source_id: str, lang: str) -> str:
    """``Title — Publisher`` of one document (the date is in :func:`source_rows`)."""
    source = registry.sources.get(source_id)
    if source is None:
        return t("not_stated", lang)
    return f"{_field(source, 'title', lang)} — {source_publisher(source, lang)}"


def source_rows(registry: Registry, lang: str) -> list[dict[str, str]]:
    """One row per source document: title, publisher, date and the projects citing it."""
    rows = []
    for sid, source in registry.sources.items():
        projects = [p.short(lang) for p in registry.projects.values() if p.source == sid]
        rows.append(
            {
                "title": _field(source, "title", lang),
                "publisher": source_publisher(source, lang),
                "date": source_date(source, lang),
                "projects": ", ".join(projects),
            }
        )
    return rows
