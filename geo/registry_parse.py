"""Reading the registry files: YAML and CSV text, and ``projects.yaml`` into projects.

Problems go to a :class:`~geo.registry_model.Collector` naming file, row and field, so
one pass reports all of them; nothing here raises on bad content.
"""

from __future__ import annotations

import re
from io import StringIO
from typing import Any

import pandas as pd
import yaml

from geo import yamlio
from geo.i18n import Message
from geo.registry_model import Collector, Phase, Project

_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
#: Project fields kept as attributes; every other key goes to :attr:`Project.info`.
CORE_FIELDS = {"id", "short_tr", "short_en", "name_tr", "name_en", "source", "phases"}
PROJECTS_FILE = "projects.yaml"


def read_yaml(name: str, raw: bytes | None, out: Collector) -> Any:
    if raw is None:
        out.add(name, None, "-", Message("file is missing", "dosya yok"))
        return None
    try:
        return yamlio.safe_load(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        out.add(
            name,
            None,
            "-",
            Message(
                f"not valid UTF-8 (byte {exc.start}); save it as UTF-8",
                f"geçerli UTF-8 değil (bayt {exc.start}); UTF-8 olarak kaydedin",
            ),
        )
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        row = mark.line + 1 if mark is not None else None
        out.add(
            name,
            row,
            "-",
            Message(
                f"not valid YAML: {getattr(exc, 'problem', exc)}",
                f"geçerli YAML değil: {getattr(exc, 'problem', exc)}",
            ),
        )
    return None


def read_csv(
    name: str, raw: bytes | None, columns: tuple[str, ...], out: Collector
) -> pd.DataFrame | None:
    if raw is None:
        out.add(name, None, "-", Message("file is missing", "dosya yok"))
        return None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        out.add(
            name,
            raw[: exc.start].count(b"\n") + 1,
            "-",
            Message(
                "not valid UTF-8 (perhaps Windows-1254); save it as 'CSV UTF-8'",
                "geçerli UTF-8 değil (belki Windows-1254); 'CSV UTF-8' olarak kaydedin",
            ),
        )
        return None
    try:
        frame = pd.read_csv(StringIO(text), dtype=str, keep_default_na=False)
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        out.add(
            name,
            None,
            "-",
            Message(f"cannot be read as CSV: {exc}", f"CSV olarak okunamıyor: {exc}"),
        )
        return None
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        out.add(
            name,
            1,
            ", ".join(missing),
            Message(
                "required column(s) missing from the header", "başlıkta zorunlu sütun(lar) eksik"
            ),
        )
        return None
    frame = frame.apply(lambda col: col.str.strip())
    frame.index = range(2, len(frame) + 2)  # spreadsheet row numbers
    return frame


def check_source(
    value: Any, sources: dict, out: Collector, *, file: str, row: int | None, field_name: str
) -> None:
    """Every project, site and deliverable names a known seed document."""
    if not value:
        out.add(file, row, field_name, Message("missing source", "kaynak eksik"))
    elif str(value) not in sources:
        out.add(
            file,
            row,
            field_name,
            Message(f"unknown source {value!r}", f"bilinmeyen kaynak {value!r}"),
        )


def check_date(value: Any, file: str, row: int | None, name: str, out: Collector) -> None:
    if value is None:
        return
    if not _DATE.match(str(value)):
        out.add(
            file,
            row,
            name,
            Message(
                f"date {value!r} is not YYYY, YYYY-MM or YYYY-MM-DD",
                f"{value!r} tarihi YYYY, YYYY-AA ya da YYYY-AA-GG değil",
            ),
        )


def parse_projects(data: Any, out: Collector) -> tuple[dict, dict]:
    """``projects.yaml`` as (projects by id, sources by id); problems go to ``out``.

    A project with a missing required field is reported and left out, so the other
    checks still run on the rest.
    """
    if not isinstance(data, dict):
        message = Message(
            "expected a mapping with 'sources' and 'projects'",
            "'sources' ve 'projects' içeren bir eşleme bekleniyordu",
        )
        out.add(PROJECTS_FILE, None, "-", message)
        return {}, {}
    sources = _parse_sources(data.get("sources") or [], out)
    projects: dict[str, Project] = {}
    for i, item in enumerate(data.get("projects") or [], start=1):
        where = f"projects[{i}]"
        if not isinstance(item, dict):
            out.add(
                PROJECTS_FILE, None, where, Message("expected a mapping", "bir eşleme bekleniyordu")
            )
            continue
        project = _parse_project(item, where, (sources, set(projects)), out)
        if project is not None:
            projects[project.id] = project
    return projects, sources


def _parse_sources(items: list, out: Collector) -> dict[str, dict[str, str]]:
    sources: dict[str, dict[str, str]] = {}
    for i, src in enumerate(items, start=1):
        if not isinstance(src, dict) or not src.get("id"):
            message = Message("source without an id", "kimliği olmayan kaynak")
            out.add(PROJECTS_FILE, None, f"sources[{i}].id", message)
            continue
        # A field the document leaves open (null) stays empty, never the text "None".
        sources[str(src["id"])] = {k: "" if v is None else str(v) for k, v in src.items()}
    return sources


def _parse_project(
    item: dict, where: str, known: tuple[dict, set[str]], out: Collector
) -> Project | None:
    """One project entry, checked against the ``known`` (sources, earlier project ids);
    None when a required field is missing."""
    sources, earlier = known
    pid = str(item.get("id") or "").strip()
    missing = [k for k in ("id", "name_tr", "name_en", "short_tr", "short_en") if not item.get(k)]
    for key in missing:
        message = Message("required field is empty", "zorunlu alan boş")
        out.add(PROJECTS_FILE, None, f"{where}.{key}", message)
    check_source(
        item.get("source"), sources, out, file=PROJECTS_FILE, row=None, field_name=f"{where}.source"
    )
    if pid in earlier:
        message = Message(f"duplicate project id {pid!r}", f"yinelenen proje kimliği {pid!r}")
        out.add(PROJECTS_FILE, None, f"{where}.id", message)
    for key in ("start", "end"):
        check_date(item.get(key), PROJECTS_FILE, None, f"{where}.{key}", out)
    phases = _parse_phases(item.get("phases") or [], where, out)
    for j, act in enumerate(item.get("activities") or [], start=1):
        for key in ("start", "end"):
            check_date(act.get(key), PROJECTS_FILE, None, f"{where}.activities[{j}].{key}", out)
    if missing or not pid:
        return None
    return Project(
        id=pid,
        short_tr=str(item["short_tr"]),
        short_en=str(item["short_en"]),
        name_tr=str(item["name_tr"]),
        name_en=str(item["name_en"]),
        source=str(item.get("source") or ""),
        phases=tuple(phases),
        info={k: v for k, v in item.items() if k not in CORE_FIELDS},
    )


def _parse_phases(items: list, where: str, out: Collector) -> list[Phase]:
    """A project's phases (each needs an id; ids unique; at least one)."""
    phases: list[Phase] = []
    for j, ph in enumerate(items, start=1):
        pwhere = f"{where}.phases[{j}]"
        if not isinstance(ph, dict) or not ph.get("id"):
            out.add(
                PROJECTS_FILE, None, pwhere, Message("phase without an id", "kimliği olmayan aşama")
            )
            continue
        for key in ("start", "end"):
            check_date(ph.get(key), PROJECTS_FILE, None, f"{pwhere}.{key}", out)
        phases.append(
            Phase(
                id=str(ph["id"]),
                label_tr=str(ph.get("label_tr") or ph["id"]),
                label_en=str(ph.get("label_en") or ph["id"]),
                start=ph.get("start"),
                end=ph.get("end"),
                note_tr=str(ph.get("note_tr") or ""),
                note_en=str(ph.get("note_en") or ""),
            )
        )
    if not phases:
        message = Message(
            "a project needs at least one phase", "bir projenin en az bir aşaması olmalı"
        )
        out.add(PROJECTS_FILE, None, f"{where}.phases", message)
    if len({p.id for p in phases}) != len(phases):
        message = Message("duplicate phase id", "yinelenen aşama kimliği")
        out.add(PROJECTS_FILE, None, f"{where}.phases", message)
    return phases
