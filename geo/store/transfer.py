"""Backup and restore: ``export DIR`` writes a consistent snapshot, ``restore DIR`` reads it.

The export holds the registry files as they are served, every table of the store as
CSV and a ``manifest.json`` (store version, schema version, hashes). Restoring
validates everything first, as an upload would be, then replaces registry, statuses
and user indicators in one change that can itself be undone. The change log is never
overwritten: the restore is added to it, the exported log stays in the backup.
"""

from __future__ import annotations

import hashlib
import io
import json
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
from sqlalchemy import Connection, select

from geo.registry import REGISTRY_FILES, Issue, RegistryError, registry_from_files
from geo.registry_edit import DELIVERABLE_KEY
from geo.store import faults
from geo.store.core import (
    Store,
    log_change,
    now,
    registry_contents,
    registry_shas,
    require_editor,
    set_registry,
)
from geo.store.engine import reading, writing
from geo.store.indicators import INDICATOR_COLUMNS, UserIndicatorMeta, check_meta, restore, snapshot
from geo.store.registry_ops import OVERRIDE_COLUMNS, put_override, read_overrides
from geo.store.schema import (
    LATEST,
    changelog,
    status_overrides,
    user_indicator_values,
    user_indicators,
)

MANIFEST = "manifest.json"
LOG_COLUMNS = (
    "id",
    "at",
    "user",
    "role",
    "action",
    "what",
    "detail",
    "writes",
    "reads",
    "undo_of",
    "undone_by",
)


def _csv(frame: pd.DataFrame) -> bytes:
    return frame.to_csv(index=False, lineterminator="\n").encode("utf-8")


def export_store(store: Store, target: Path | str) -> dict[str, Any]:
    """Write every table of the store as CSV into ``target`` (created; must be empty).

    Everything is read in one transaction, so the files describe one store version.

    Returns
    -------
    dict
        The manifest written to ``manifest.json``.
    """
    target = Path(target)
    if target.exists() and any(target.iterdir()):
        raise FileExistsError(f"{target} is not empty; export into a new folder")
    with reading(store.engine) as conn:
        version = int(
            conn.execute(select(changelog.c.id).order_by(changelog.c.id.desc()).limit(1)).scalar()
            or 0
        )
        files = registry_contents(conn)
        tables = _store_tables(conn)
    target.mkdir(parents=True, exist_ok=True)
    manifest = {
        "format": "pilot-atlas-store-export",
        "store_version": version,
        "schema_version": LATEST,
        "exported_at": now(),
        "backend": store.backend,
        "files": {},
    }
    for name, data in {**files, **tables}.items():
        (target / name).write_bytes(data)
        manifest["files"][name] = hashlib.sha256(data).hexdigest()
    (target / MANIFEST).write_text(json.dumps(manifest, indent=2), encoding="utf-8")
    return manifest


def _store_tables(conn: Connection) -> dict[str, bytes]:
    """The store's own tables as CSV bytes (overrides, user indicators, change log)."""
    metas = conn.execute(
        select(*(user_indicators.c[c] for c in INDICATOR_COLUMNS)).order_by(user_indicators.c.id)
    ).all()
    values = conn.execute(
        select(user_indicator_values).order_by(
            user_indicator_values.c.indicator_id, user_indicator_values.c.pcode
        )
    ).all()
    log = conn.execute(
        select(*(changelog.c[c] for c in LOG_COLUMNS)).order_by(changelog.c.id)
    ).all()
    return {
        "status_overrides.csv": _csv(read_overrides(conn)),
        "user_indicators.csv": _csv(
            pd.DataFrame([tuple(m) for m in metas], columns=list(INDICATOR_COLUMNS)).astype(
                {"year": "Int64", "higher_is_better": "Int64"}
            )
        ),
        "user_indicator_values.csv": _csv(
            pd.DataFrame([tuple(v) for v in values], columns=["indicator_id", "pcode", "value"])
        ),
        "changelog.csv": _csv(
            pd.DataFrame([tuple(r) for r in log], columns=list(LOG_COLUMNS)).astype(
                {"undo_of": "Int64", "undone_by": "Int64"}
            )
        ),
    }


@dataclass(frozen=True)
class RestorePlan:
    files: dict[str, bytes]
    overrides: list[dict[str, Any]]
    indicators: list[dict[str, Any]]


def _read(source: Path, name: str, issues: list[Issue]) -> pd.DataFrame | None:
    path = source / name
    if not path.is_file():
        issues.append(Issue(name, None, "-", "file is missing"))
        return None
    try:
        return pd.read_csv(
            io.BytesIO(path.read_bytes()), dtype=str, keep_default_na=False, encoding="utf-8-sig"
        )
    except (ValueError, pd.errors.ParserError) as exc:
        issues.append(Issue(name, None, "-", f"cannot be read as CSV: {exc}"))
        return None


def plan_restore(source: Path | str) -> RestorePlan:
    """Read and validate an export folder; nothing is written.

    Raises
    ------
    RegistryError
        Every problem found (missing files, invalid registry, unknown deliverables or
        statuses, bad indicator values), each naming file, row and field.
    """
    source = Path(source)
    issues: list[Issue] = []
    manifest_path = source / MANIFEST
    manifest = (
        json.loads(manifest_path.read_text(encoding="utf-8")) if manifest_path.is_file() else {}
    )
    for name, digest in manifest.get("files", {}).items():
        path = source / name
        if path.is_file() and hashlib.sha256(path.read_bytes()).hexdigest() != digest:
            issues.append(
                Issue(name, None, "-", "differs from manifest.json (changed after the export?)")
            )
    files = {n: (source / n).read_bytes() for n in REGISTRY_FILES if (source / n).is_file()}
    try:
        registry = registry_from_files(files)
    except RegistryError as exc:
        raise RegistryError(issues + exc.issues) from None
    statuses = set(registry.vocabulary.get("statuses") or {})
    keys = {tuple(r) for r in registry.deliverables[list(DELIVERABLE_KEY)].itertuples(index=False)}
    overrides: list[dict[str, Any]] = []
    frame = _read(source, "status_overrides.csv", issues)
    if frame is not None:
        for line, row in enumerate(frame.to_dict("records"), start=2):
            if tuple(row.get(c, "") for c in DELIVERABLE_KEY) not in keys:
                issues.append(
                    Issue(
                        "status_overrides.csv",
                        line,
                        "deliverable",
                        "no such deliverable in the registry",
                    )
                )
            elif row.get("status") not in statuses:
                issues.append(
                    Issue(
                        "status_overrides.csv",
                        line,
                        "status",
                        f"unknown status {row.get('status')!r}",
                    )
                )
            else:
                overrides.append({c: row.get(c, "") for c in OVERRIDE_COLUMNS})
    indicators = _plan_indicators(source, issues)
    if issues:
        raise RegistryError(issues)
    return RestorePlan(files, overrides, indicators)


def _plan_indicators(source: Path, issues: list[Issue]) -> list[dict[str, Any]]:
    metas = _read(source, "user_indicators.csv", issues)
    values = _read(source, "user_indicator_values.csv", issues)
    if metas is None or values is None:
        return []
    found = []
    for line, row in enumerate(metas.to_dict("records"), start=2):
        try:
            hib = {"": None, "0": False, "1": True}[row.get("higher_is_better", "")]
            meta = UserIndicatorMeta(
                id=row["id"],
                label_tr=row["label_tr"],
                label_en=row["label_en"],
                unit=row.get("unit", ""),
                level=row["level"],
                year=int(row["year"]) if row.get("year") else None,
                source=row.get("source", ""),
                higher_is_better=hib,
            )
            own = values[values["indicator_id"] == meta.id]
            series = pd.Series(
                pd.to_numeric(own["value"]).to_numpy(), index=own["pcode"].to_numpy()
            )
            clean = check_meta(meta, series)
        except (KeyError, ValueError) as exc:
            issues.append(Issue("user_indicators.csv", line, "-", str(exc)))
            continue
        record = [
            meta.id,
            meta.label_tr,
            meta.label_en,
            meta.unit,
            meta.level,
            meta.year,
            meta.source,
            None if hib is None else int(hib),
            row.get("created_at") or now(),
            row.get("created_by") or "restore",
        ]
        found.append(
            {
                "meta": record,
                "values": [[str(p), float(v)] for p, v in clean.items() if math.isfinite(v)],
            }
        )
    return found


def restore_store(store: Store, source: Path | str, *, user: str, role: str) -> int:
    """Replace registry, statuses and user indicators by an export's, as one undoable change."""
    require_editor(role)
    plan = plan_restore(source)
    with writing(store.engine) as conn:
        before_files = registry_shas(conn)
        overrides_before = read_overrides(conn).to_dict("records")
        ids = [r[0] for r in conn.execute(select(user_indicators.c.id))]
        indicators_before = [snapshot(conn, i) for i in ids]
        current = registry_contents(conn)
        changed = {n: d for n, d in plan.files.items() if current.get(n) != d}
        after = set_registry(conn, changed)
        conn.execute(status_overrides.delete())
        for item in plan.overrides:
            put_override(conn, item)
        faults.checkpoint("restore:overrides")
        conn.execute(user_indicator_values.delete())
        conn.execute(user_indicators.delete())
        for saved in plan.indicators:
            restore(conn, saved["meta"][0], saved)
        return log_change(
            conn,
            user=user,
            role=role,
            action="restore",
            what=(
                f"restored from {Path(source).name}: {len(changed)} registry file(s) changed, "
                f"{len(plan.overrides)} statuses, {len(plan.indicators)} user indicators"
            ),
            detail={
                "source": str(Path(source).resolve()),
                "before": {n: before_files.get(n) for n in after},
                "after": after,
                "cleared_overrides": [],
                "overrides_before": overrides_before,
                "indicators_before": [s for s in indicators_before if s],
            },
            writes=["registry:*", "status:*", "indicator:*"],
        )
