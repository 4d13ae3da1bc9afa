"""Change-log rows as sentences in Turkish or English: who, when and what, in words.

The store records each change as a row (``id, at, user, role, action, what, undone_by``
and optionally ``detail``) whose ``what`` is a compact machine text such as
``civil_oversight/III/TUR006023/survey: planned → completed``. :func:`describe` turns a
row (a plain mapping, whichever store it came from) into a sentence with project, phase,
place, deliverable and status names; nothing shows a raw id or the text "None".
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Mapping
from typing import Any

from geo.geometry import unit_names
from geo.i18n import t
from geo.numbers import format_datetime_utc, format_int
from geo.registry import Registry

_STATUS = re.compile(
    r"^(?P<project>[^/]+)/(?P<phase>[^/]+)/(?P<pcode>[^/]+)/(?P<deliverable>[^:]+): "
    r"(?P<old>\S+) → (?P<new>\S+)$"
)
_APPLY_PART = re.compile(
    r"(?P<file>[\w.]+): \+(?P<added>\d+) added, −(?P<removed>\d+) removed, "
    r"~(?P<changed>\d+) changed"
)
_UNDO = re.compile(r"^undo #(?P<id>\d+) \((?P<action>\w+): (?P<what>.*)\)$", re.S)
_INDICATOR = re.compile(
    r"^(?P<verb>saved|replaced|deleted) user indicator (?P<id>\S+)"
    r"(?: \((?P<n>\d+) (?P<level>\w+) values\))?$"
)
_FILES = {"sites.csv": "changelog_file_sites", "deliverables.csv": "changelog_file_deliverables"}


def _missing(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    return str(value).strip() in {"", "None", "nan", "<NA>"}


def _project_phase(registry: Registry | None, project: str, phase: str, lang: str) -> str:
    if registry is None or project not in registry.projects:
        return t("changelog_unknown_project", lang)
    item = registry.projects[project]
    try:
        return f"{item.short(lang)} · {item.phase(phase).label(lang)}"
    except (KeyError, StopIteration, ValueError):
        return item.short(lang)


def _status(registry: Registry | None, status: str, lang: str) -> str:
    try:
        return registry.status_label(status, lang) if registry is not None else status
    except KeyError:
        return status


def _describe_status(what: str, registry: Registry | None, lang: str) -> str | None:
    match = _STATUS.match(what.strip())
    if match is None:
        return None
    g = match.groupdict()
    try:
        deliverable = (
            registry.deliverable_label(g["deliverable"], lang)
            if registry is not None
            else g["deliverable"]
        )
    except KeyError:
        deliverable = g["deliverable"]
    return t(
        "changelog_status_sentence",
        lang,
        deliverable=deliverable,
        where=_project_phase(registry, g["project"], g["phase"], lang),
        place=unit_names([g["pcode"]]).get(g["pcode"], t("changelog_unknown_place", lang)),
        old=_status(registry, g["old"], lang),
        new=_status(registry, g["new"], lang),
    )


def _describe_apply(what: str, lang: str) -> str | None:
    parts = []
    for match in _APPLY_PART.finditer(what):
        g = match.groupdict()
        parts.append(
            t(
                "changelog_apply_part",
                lang,
                file=t(_FILES.get(g["file"], "changelog_file_other"), lang),
                added=format_int(int(g["added"]), lang),
                removed=format_int(int(g["removed"]), lang),
                changed=format_int(int(g["changed"]), lang),
            )
        )
    if not parts:
        return None
    return t("changelog_apply_sentence", lang, parts="; ".join(parts))


def _indicator_name(indicator_id: str, detail: Mapping[str, Any], lang: str) -> str:
    before = detail.get("before") or {}
    meta = before.get("meta", before) if isinstance(before, Mapping) else {}
    label = meta.get("label_en" if lang == "en" else "label_tr") if meta else None
    if label:
        return str(label)
    try:
        from geo.user_catalog import catalog_with_user

        return catalog_with_user(lang=lang)[indicator_id].label(lang)
    except (KeyError, ImportError, OSError):
        return indicator_id  # the name the editor gave it; no label survives


def _describe_indicator(what: str, detail: Mapping[str, Any], lang: str) -> str | None:
    match = _INDICATOR.match(what.strip())
    if match is None:
        return None
    g = match.groupdict()
    name = _indicator_name(g["id"], detail, lang)
    if g["verb"] == "deleted":
        return t("changelog_indicator_deleted", lang, name=name)
    key = "changelog_indicator_replaced" if g["verb"] == "replaced" else "changelog_indicator_saved"
    count = format_int(int(g["n"]), lang) if g["n"] else "?"
    level = t(f"changelog_values_{g['level']}", lang) if g["level"] else ""
    return t(key, lang, name=name, n=count, level=level)


def describe_what(
    action: str,
    what: str,
    lang: str,
    registry: Registry | None = None,
    detail: Mapping[str, Any] | None = None,
) -> str:
    """The change itself as a sentence; an unparseable text falls back to the action."""
    what = "" if _missing(what) else str(what)
    detail = detail or {}
    if action == "undo":
        match = _UNDO.match(what.strip())
        if match is None:
            return t("changelog_undo_generic", lang)
        inner = describe_what(match["action"], match["what"], lang, registry)
        return t("changelog_undo_sentence", lang, n=match["id"], what=inner)
    if action == "status":
        text = _describe_status(what, registry, lang)
    elif action == "apply":
        text = _describe_apply(what, lang)
    elif action in ("indicator_save", "indicator_delete"):
        text = _describe_indicator(what, detail, lang)
    else:
        text = None
    return text or t(f"changelog_action_{action}", lang)


def describe(row: Mapping[str, Any], lang: str, registry: Registry | None = None) -> dict:
    """One change-log row in words: ``{"no", "when", "who", "what", "state"}``.

    ``row`` holds ``id, at, user, role, action, what, undone_by`` and optionally
    ``detail`` (a mapping or its JSON text).
    """
    detail = row.get("detail")
    if isinstance(detail, str):
        try:
            detail = json.loads(detail)
        except ValueError:
            detail = {}
    role = "" if _missing(row.get("role")) else t(f"changelog_role_{row['role']}", lang)
    user = t("changelog_unknown_user", lang) if _missing(row.get("user")) else str(row["user"])
    undone = row.get("undone_by")
    state = (
        t("changelog_state_active", lang)
        if _missing(undone)
        else t("changelog_state_undone", lang, n=format_int(int(undone), lang))
    )
    when = "" if _missing(row.get("at")) else format_datetime_utc(str(row["at"]), lang)
    return {
        "no": "" if _missing(row.get("id")) else f"#{int(row['id'])}",
        "when": when,
        "who": f"{user} ({role})" if role else user,
        "what": describe_what(
            str(row.get("action") or ""), row.get("what") or "", lang, registry, detail
        ),
        "state": state,
    }
