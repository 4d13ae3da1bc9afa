"""The project registry: projects, pilot sites and deliverables, validated on load.

Files (in a data directory, ``data/`` by default):

``projects.yaml``
    Sources (seed documents) and per-project metadata: names, institutions, budget,
    dates, phases, components, outputs, dated activities and what the sources leave open.
``sites.csv``
    One row per project x phase x administrative unit, with ``level`` and P-code.
``deliverables.csv``
    Deliverables per site with quantity, status and source.
``vocabulary.yaml``
    Allowed deliverable types and statuses with Turkish and English labels.

Every problem found is reported as an :class:`Issue` naming file, row and field; a
registry with any issue is rejected whole (:class:`RegistryError`), so a broken edit
never replaces a registry that loaded cleanly: the store (``geo.store``) validates every
candidate with :func:`registry_from_files` before writing it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd
import yaml

from geo import DATA_DIR
from geo.boundaries import level_of, provinces_table, units
from geo.i18n import Message
from geo.resolver import ResolveError, default_resolver

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
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


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


class _Collector:
    def __init__(self) -> None:
        self.issues: list[Issue] = []

    def add(self, file: str, row: int | None, field_name: str, message: str) -> None:
        self.issues.append(Issue(file, row, field_name, message))


def _read_yaml(name: str, raw: bytes | None, out: _Collector) -> Any:
    if raw is None:
        out.add(name, None, "-", Message("file is missing", "dosya yok"))
        return None
    try:
        return yaml.safe_load(raw.decode("utf-8"))
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


def _read_csv(
    name: str, raw: bytes | None, columns: tuple[str, ...], out: _Collector
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
    from io import StringIO

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


def _check_source(
    value: Any, sources: dict, out: _Collector, *, file: str, row: int | None, field_name: str
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


def _check_date(value: Any, file: str, row: int | None, name: str, out: _Collector) -> None:
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


def _parse_projects(data: Any, out: _Collector) -> tuple[dict, dict]:
    file = "projects.yaml"
    if not isinstance(data, dict):
        out.add(
            file,
            None,
            "-",
            Message(
                "expected a mapping with 'sources' and 'projects'",
                "'sources' ve 'projects' içeren bir eşleme bekleniyordu",
            ),
        )
        return {}, {}
    sources: dict[str, dict[str, str]] = {}
    for i, src in enumerate(data.get("sources") or [], start=1):
        if not isinstance(src, dict) or not src.get("id"):
            out.add(
                file,
                None,
                f"sources[{i}].id",
                Message("source without an id", "kimliği olmayan kaynak"),
            )
            continue
        # A field the document leaves open (null) stays empty, never the text "None".
        sources[str(src["id"])] = {k: "" if v is None else str(v) for k, v in src.items()}
    projects: dict[str, Project] = {}
    for i, item in enumerate(data.get("projects") or [], start=1):
        where = f"projects[{i}]"
        if not isinstance(item, dict):
            out.add(file, None, where, Message("expected a mapping", "bir eşleme bekleniyordu"))
            continue
        pid = str(item.get("id") or "").strip()
        missing = [
            k for k in ("id", "name_tr", "name_en", "short_tr", "short_en") if not item.get(k)
        ]
        for key in missing:
            out.add(
                file, None, f"{where}.{key}", Message("required field is empty", "zorunlu alan boş")
            )
        _check_source(
            item.get("source"), sources, out, file=file, row=None, field_name=f"{where}.source"
        )
        if pid in projects:
            out.add(
                file,
                None,
                f"{where}.id",
                Message(f"duplicate project id {pid!r}", f"yinelenen proje kimliği {pid!r}"),
            )
        for key in ("start", "end"):
            _check_date(item.get(key), file, None, f"{where}.{key}", out)
        phases: list[Phase] = []
        for j, ph in enumerate(item.get("phases") or [], start=1):
            pwhere = f"{where}.phases[{j}]"
            if not isinstance(ph, dict) or not ph.get("id"):
                out.add(file, None, pwhere, Message("phase without an id", "kimliği olmayan aşama"))
                continue
            for key in ("start", "end"):
                _check_date(ph.get(key), file, None, f"{pwhere}.{key}", out)
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
            out.add(
                file,
                None,
                f"{where}.phases",
                Message(
                    "a project needs at least one phase", "bir projenin en az bir aşaması olmalı"
                ),
            )
        if len({p.id for p in phases}) != len(phases):
            out.add(
                file,
                None,
                f"{where}.phases",
                Message("duplicate phase id", "yinelenen aşama kimliği"),
            )
        for j, act in enumerate(item.get("activities") or [], start=1):
            for key in ("start", "end"):
                _check_date(act.get(key), file, None, f"{where}.activities[{j}].{key}", out)
        if missing or not pid:
            continue
        core = {"id", "short_tr", "short_en", "name_tr", "name_en", "source", "phases"}
        projects[pid] = Project(
            id=pid,
            short_tr=str(item["short_tr"]),
            short_en=str(item["short_en"]),
            name_tr=str(item["name_tr"]),
            name_en=str(item["name_en"]),
            source=str(item.get("source") or ""),
            phases=tuple(phases),
            info={k: v for k, v in item.items() if k not in core},
        )
    return projects, sources


LEVEL_TR = {"province": "il", "district": "ilçe"}


def _with_suggestions(exc: ResolveError) -> Message:
    """The resolver's message plus its closest known names, in both languages."""
    names = ", ".join(exc.suggestions)
    message = exc.message if isinstance(exc.message, Message) else Message(str(exc), str(exc))
    return Message(
        str(message) + (f" (did you mean {names}?)" if names else ""),
        message.tr + (f" ({names} mı demek istediniz?)" if names else ""),
    )


def _check_unit(row: pd.Series, file: str, line: int, out: _Collector) -> None:
    """The row's P-code must exist at its level and agree with its province/district names."""
    pcode, level = row["pcode"], row["level"]
    try:
        actual_level = level_of(pcode)
    except ValueError:
        out.add(
            file,
            line,
            "pcode",
            Message(
                f"not a COD-AB Türkiye P-code: {pcode!r}", f"COD-AB Türkiye P-kodu değil: {pcode!r}"
            ),
        )
        return
    known = provinces_table().index if actual_level == "province" else units().index
    if pcode not in known:
        out.add(
            file,
            line,
            "pcode",
            Message(f"unknown P-code {pcode!r}", f"bilinmeyen P-kodu {pcode!r}"),
        )
        return
    if level and level != actual_level:
        out.add(
            file,
            line,
            "level",
            Message(
                f"level {level!r} but {pcode} is a {actual_level} P-code",
                f"düzey {level!r}, ama {pcode} bir {LEVEL_TR[actual_level]} P-kodu",
            ),
        )
    resolver = default_resolver()
    try:
        province = resolver.province(row["province"])
    except ResolveError as exc:
        out.add(file, line, "province", _with_suggestions(exc))
        return
    if pcode[:6] != province:
        out.add(
            file,
            line,
            "province",
            Message(
                f"{pcode} ({resolver.label(pcode)}) is not in province {row['province']!r}",
                f"{pcode} ({resolver.label(pcode)}) {row['province']!r} ilinde değil",
            ),
        )
        return
    district = row.get("district", "")
    if actual_level == "district":
        try:
            named = resolver.district(district, province)
        except ResolveError as exc:
            out.add(file, line, "district", _with_suggestions(exc))
            return
        if named != pcode:
            out.add(
                file,
                line,
                "district",
                Message(
                    f"district {district!r} is {named}, but the row's P-code is {pcode}",
                    f"{district!r} ilçesi {named}, ama satırın P-kodu {pcode}",
                ),
            )
    elif district:
        out.add(
            file,
            line,
            "district",
            Message(
                "a province-level row must leave 'district' empty",
                "il düzeyindeki bir satırda 'district' boş kalmalı",
            ),
        )


def _validate_sites(
    frame: pd.DataFrame, projects: dict[str, Project], sources: dict, out: _Collector
) -> None:
    file = "sites.csv"
    seen: dict[tuple[str, str, str], int] = {}
    for line, row in frame.iterrows():
        project = projects.get(row["project"])
        if project is None:
            out.add(
                file,
                line,
                "project",
                Message(
                    f"unknown project {row['project']!r}", f"bilinmeyen proje {row['project']!r}"
                ),
            )
        elif row["phase"] not in {p.id for p in project.phases}:
            allowed = ", ".join(p.id for p in project.phases)
            out.add(
                file,
                line,
                "phase",
                Message(
                    f"unknown phase {row['phase']!r} (allowed: {allowed})",
                    f"bilinmeyen aşama {row['phase']!r} (izin verilenler: {allowed})",
                ),
            )
        if row["level"] not in ("province", "district"):
            out.add(
                file,
                line,
                "level",
                Message(
                    f"level {row['level']!r} is not province or district",
                    f"düzey {row['level']!r} province ya da district değil",
                ),
            )
        _check_source(row["source"], sources, out, file=file, row=int(line), field_name="source")
        _check_unit(row, file, int(line), out)
        key = (row["project"], row["phase"], row["pcode"])
        if key in seen:
            out.add(
                file,
                line,
                "pcode",
                Message(
                    f"duplicate site (same as row {seen[key]})",
                    f"yinelenen pilot birim ({seen[key]}. satırla aynı)",
                ),
            )
        else:
            seen[key] = int(line)


def _validate_deliverables(
    frame: pd.DataFrame,
    sites: pd.DataFrame,
    vocabulary: dict,
    sources: dict,
    out: _Collector,
) -> None:
    file = "deliverables.csv"
    site_keys = set(zip(sites["project"], sites["phase"], sites["pcode"], strict=True))
    statuses = vocabulary.get("statuses", {})
    types = vocabulary.get("deliverables", {})
    seen: dict[tuple[str, str, str, str], int] = {}
    for line, row in frame.iterrows():
        if (row["project"], row["phase"], row["pcode"]) not in site_keys:
            out.add(
                file,
                line,
                "pcode",
                Message(
                    f"no site {row['project']}/{row['phase']}/{row['pcode']} in sites.csv",
                    f"sites.csv içinde {row['project']}/{row['phase']}/{row['pcode']} birimi yok",
                ),
            )
        if row["deliverable"] not in types:
            out.add(
                file,
                line,
                "deliverable",
                Message(
                    f"unknown deliverable type {row['deliverable']!r}",
                    f"bilinmeyen çıktı türü {row['deliverable']!r}",
                ),
            )
        if row["status"] not in statuses:
            allowed = ", ".join(statuses)
            out.add(
                file,
                line,
                "status",
                Message(
                    f"bad status {row['status']!r} (allowed: {allowed})",
                    f"geçersiz durum {row['status']!r} (izin verilenler: {allowed})",
                ),
            )
        if not row["quantity"].isdigit() or int(row["quantity"]) < 1:
            out.add(
                file,
                line,
                "quantity",
                Message(
                    f"quantity {row['quantity']!r} is not a whole number ≥ 1",
                    f"adet {row['quantity']!r} 1 ya da daha büyük bir tam sayı değil",
                ),
            )
        _check_source(row["source"], sources, out, file=file, row=int(line), field_name="source")
        key = (row["project"], row["phase"], row["pcode"], row["deliverable"])
        if key in seen:
            out.add(
                file,
                line,
                "deliverable",
                Message(
                    f"duplicate deliverable (same as row {seen[key]})",
                    f"yinelenen çıktı ({seen[key]}. satırla aynı)",
                ),
            )
        else:
            seen[key] = int(line)


def load_registry(data_dir: Path | str = DATA_DIR) -> Registry:
    """Load and validate the registry files in ``data_dir``.

    Raises
    ------
    RegistryError
        With every problem found, each naming file, row and field.
    """
    data_dir = Path(data_dir)
    files = {
        name: (data_dir / name).read_bytes()
        for name in REGISTRY_FILES
        if (data_dir / name).is_file()
    }
    return registry_from_files(files)


def registry_from_files(files: Mapping[str, bytes]) -> Registry:
    """Validate a registry given as file contents (name → bytes, see :data:`REGISTRY_FILES`).

    The store keeps the registry this way; a missing name is reported as a missing file.

    Raises
    ------
    RegistryError
        With every problem found, each naming file, row and field.
    """
    out = _Collector()
    vocabulary = _read_yaml("vocabulary.yaml", files.get("vocabulary.yaml"), out) or {}
    projects, sources = _parse_projects(
        _read_yaml("projects.yaml", files.get("projects.yaml"), out), out
    )
    sites = _read_csv("sites.csv", files.get("sites.csv"), SITE_COLUMNS, out)
    deliverables = _read_csv(
        "deliverables.csv", files.get("deliverables.csv"), DELIVERABLE_COLUMNS, out
    )
    if sites is not None:
        _validate_sites(sites, projects, sources, out)
    if sites is not None and deliverables is not None:
        _validate_deliverables(deliverables, sites, vocabulary, sources, out)
    if out.issues:
        raise RegistryError(out.issues)
    assert sites is not None and deliverables is not None  # no issues means both loaded
    for frame in (sites, deliverables):
        for column in ("note_tr", "note_en"):
            if column not in frame.columns:
                frame[column] = ""
    deliverables = deliverables.assign(quantity=deliverables["quantity"].astype(int))
    return Registry(
        projects=projects,
        sources=sources,
        vocabulary=vocabulary,
        sites=sites.reset_index(drop=True),
        deliverables=deliverables.reset_index(drop=True),
    )
