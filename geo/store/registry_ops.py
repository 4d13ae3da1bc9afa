"""The registry in the store: reading it, applying an edit, setting a deliverable status.

Every write validates the whole candidate registry first and then runs as one
transaction with its change-log entry: it happened completely or not at all.
"""

from __future__ import annotations

import dataclasses
import json
import threading
from collections import OrderedDict
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd
from sqlalchemy import Connection, and_, select

from geo import yamlio
from geo.registry import Registry, RegistryError, registry_from_files
from geo.registry_edit import (
    DELIVERABLE_KEY,
    REGISTRY_TABLES,
    candidate_files,
    diff_summary,
    read_csv_bytes,
    unknown_registry_columns,
    validate_candidate,
)
from geo.store import faults
from geo.store.core import (
    Store,
    get_blobs,
    log_change,
    now,
    registry_contents,
    registry_shas,
    require_editor,
    set_registry,
)
from geo.store.engine import reading, writing
from geo.store.schema import changelog, status_overrides

OVERRIDE_COLUMNS = (
    "project",
    "phase",
    "pcode",
    "deliverable",
    "status",
    "updated_at",
    "updated_by",
)


class StoreNotInitialisedError(LookupError):
    """The store holds no registry yet (run ``python -m geo.store init``)."""


class StaleEditError(RuntimeError):
    """The registry changed since the edit was prepared; applying it would undo that change."""

    def __init__(self, files: list[str]) -> None:
        self.files = files
        super().__init__(
            f"{', '.join(files)} changed since this edit was prepared (another editor saved "
            "meanwhile); nothing was written: review the edit against the new registry"
        )


@dataclass(frozen=True)
class ApplyResult:
    """Outcome of :func:`apply_registry`.

    Attributes
    ----------
    change_id : int or None
        Change-log id, ``None`` when the tables equal the registry (nothing written).
    summary : str
        The change log's ``what`` text.
    diffs : dict
        :func:`geo.registry_edit.diff_tables` output per table name.
    """

    change_id: int | None
    summary: str
    diffs: dict[str, pd.DataFrame]


@dataclass(frozen=True)
class Snapshot:
    """The registry at one store version: as stored, and with app-set statuses applied."""

    version: int
    base: Registry
    registry: Registry
    files: dict[str, str]


def status_scope(key: tuple[str, ...] | list[str]) -> str:
    return "status:" + "/".join(key)


def read_overrides(conn: Connection) -> pd.DataFrame:
    rows = conn.execute(
        select(*(status_overrides.c[c] for c in OVERRIDE_COLUMNS)).order_by(
            *(status_overrides.c[c] for c in DELIVERABLE_KEY)
        )
    ).all()
    return pd.DataFrame([tuple(r) for r in rows], columns=list(OVERRIDE_COLUMNS))


def with_status_overrides(registry: Registry, overrides: pd.DataFrame) -> Registry:
    """``registry`` with app-set statuses applied to its deliverables (a new object)."""
    if overrides.empty:
        return registry
    table = registry.deliverables.copy()
    lookup = overrides.set_index(list(DELIVERABLE_KEY))["status"]
    keys = pd.MultiIndex.from_frame(table[list(DELIVERABLE_KEY)])
    new = pd.Series(lookup.reindex(keys).to_numpy(), index=table.index)
    table["status"] = new.fillna(table["status"])
    return dataclasses.replace(registry, deliverables=table)


_REGISTRY_CACHE: OrderedDict[tuple[tuple[str, str], ...], Registry] = OrderedDict()
_REGISTRY_LOCK = threading.Lock()


def _validated(conn: Connection, shas: dict[str, str]) -> Registry:
    """The validated registry of these file contents, parsed once per content.

    A status change does not change the files: the next version then costs a dict
    lookup instead of validating the registry again.
    """
    key = tuple(sorted(shas.items()))
    with _REGISTRY_LOCK:
        if key in _REGISTRY_CACHE:
            _REGISTRY_CACHE.move_to_end(key)
            return _REGISTRY_CACHE[key]
    contents = get_blobs(conn, shas.values())
    registry = registry_from_files({name: contents[digest] for name, digest in shas.items()})
    with _REGISTRY_LOCK:
        _REGISTRY_CACHE[key] = registry
        while len(_REGISTRY_CACHE) > 4:
            _REGISTRY_CACHE.popitem(last=False)
    return registry


def snapshot(store: Store) -> Snapshot:
    """Version, registry and overrides read in one consistent transaction.

    Raises
    ------
    StoreNotInitialisedError
        No registry in the store yet.
    RegistryError
        The stored registry does not validate (only possible after a manual edit of the
        database: every write validates first).
    """
    with reading(store.engine) as conn:
        version = conn.execute(select(changelog.c.id).order_by(changelog.c.id.desc()).limit(1))
        version = int(version.scalar() or 0)
        shas = registry_shas(conn)
        if not shas:
            raise StoreNotInitialisedError("the store holds no registry yet")
        base = _validated(conn, shas)
        overrides = read_overrides(conn)
    return Snapshot(version, base, with_status_overrides(base, overrides), shas)


def current_files(store: Store) -> dict[str, bytes]:
    """The registry in service as file contents (name → bytes)."""
    with reading(store.engine) as conn:
        files = registry_contents(conn)
    if not files:
        raise StoreNotInitialisedError("the store holds no registry yet")
    return files


def status_overrides_frame(store: Store) -> pd.DataFrame:
    """Statuses set in the app: ``project, phase, pcode, deliverable, status, updated_*``."""
    with reading(store.engine) as conn:
        return read_overrides(conn)


# --------------------------------------------------------------------------- writes


def clear_superseded(conn: Connection, diff: pd.DataFrame | None) -> list[dict[str, str]]:
    """Delete overrides of deliverables whose status an edit sets or which it removes.

    Returns the deleted rows, so undo can put them back.
    """
    if diff is None or diff.empty:
        return []
    hit = diff[(diff["change"] == "removed") | (diff["field"] == "status")]
    cleared: list[dict[str, str]] = []
    for key in hit[list(DELIVERABLE_KEY)].drop_duplicates().itertuples(index=False):
        where = and_(
            *(status_overrides.c[c] == v for c, v in zip(DELIVERABLE_KEY, key, strict=True))
        )
        row = conn.execute(
            select(*(status_overrides.c[c] for c in OVERRIDE_COLUMNS)).where(where)
        ).first()
        if row is not None:
            conn.execute(status_overrides.delete().where(where))
            cleared.append(dict(zip(OVERRIDE_COLUMNS, row, strict=True)))
    return cleared


def put_override(conn: Connection, item: Mapping[str, Any]) -> None:
    """Insert or replace one override row."""
    where = and_(*(status_overrides.c[c] == item[c] for c in DELIVERABLE_KEY))
    conn.execute(status_overrides.delete().where(where))
    conn.execute(status_overrides.insert().values(**{c: item[c] for c in OVERRIDE_COLUMNS}))


def replace_registry(
    conn: Connection,
    files: Mapping[str, bytes],
    diffs: Mapping[str, pd.DataFrame],
    *,
    user: str,
    role: str,
    action: str,
    what: str,
    detail: Mapping[str, Any] | None = None,
) -> int:
    """Put validated registry ``files`` in service and log it (in the caller's transaction).

    Overrides superseded by the deliverables diff are cleared and recorded for undo.
    """
    before = registry_shas(conn)
    cleared = clear_superseded(conn, diffs.get("deliverables"))
    after = set_registry(conn, files)
    return log_change(
        conn,
        user=user,
        role=role,
        action=action,
        what=what,
        detail={
            **(detail or {}),
            "before": {name: before.get(name) for name in after},
            "after": after,
            "cleared_overrides": cleared,
        },
        writes=[
            *(f"registry:{n}" for n in after),
            *(status_scope([c[k] for k in DELIVERABLE_KEY]) for c in cleared),
        ],
    )


def apply_registry(
    store: Store,
    new_tables: Mapping[str, pd.DataFrame],
    *,
    user: str,
    role: str,
    base: Mapping[str, str] | None = None,
) -> ApplyResult:
    """Replace the ``sites`` and/or ``deliverables`` table after validating the result.

    Parameters
    ----------
    new_tables : mapping
        ``{"sites": frame, "deliverables": frame}`` (either or both); a table left out
        stays as it is.
    user, role : str
        Who edits; ``role`` must be ``"editor"``.
    base : mapping, optional
        SHA-256 of the files the edit was prepared from (file name → hash). When given,
        the edit is refused if one of them changed since: a whole-table upload would
        otherwise silently revert another editor's newer change.

    Raises
    ------
    PermissionError
        ``role`` is not editor.
    RegistryError
        The candidate registry has problems, or a table has a column its file does not
        (every issue listed; nothing is written).
    StaleEditError
        ``base`` is given and the registry changed since.

    Notes
    -----
    Status overrides of deliverables whose status the new table changes (or that it
    removes) are dropped, so the latest edit wins; undoing the edit brings them back.
    """
    require_editor(role)
    with writing(store.engine) as conn:
        current = registry_contents(conn)
        if not current:
            raise StoreNotInitialisedError("the store holds no registry yet")
        _check_edit(conn, current, new_tables, base)
        contents, diffs = candidate_files(current, new_tables)
        if not contents:
            return ApplyResult(None, "no changes", {})
        validate_candidate({**current, **contents}, dict(new_tables))
        faults.checkpoint("apply:validated")
        summary = "; ".join(
            f"{name}.csv: {diff_summary(d, new_tables[name].columns)}" for name, d in diffs.items()
        )
        change_id = replace_registry(
            conn, contents, diffs, user=user, role=role, action="apply", what=summary
        )
    return ApplyResult(change_id, summary, diffs)


def _check_edit(
    conn: Connection,
    current: Mapping[str, bytes],
    new_tables: Mapping[str, pd.DataFrame],
    base: Mapping[str, str] | None,
) -> None:
    """Refuse an edit prepared from files that changed since, or one adding columns."""
    if base is not None:
        shas = registry_shas(conn)
        stale = [f"{n}.csv" for n in new_tables if shas.get(f"{n}.csv") != base.get(f"{n}.csv")]
        if stale:
            raise StaleEditError(stale)
    # The preview rejects these too, but a call that skips it must not widen a file.
    extra = unknown_registry_columns(current, new_tables)
    if extra:
        raise RegistryError(extra)


_STATUS_CACHE: OrderedDict[tuple[str, str], tuple[dict[tuple[str, ...], str], set[str]]] = (
    OrderedDict()
)
_STATUS_LOCK = threading.Lock()


def _statuses(conn: Connection) -> tuple[dict[tuple[str, ...], str], set[str]]:
    """Deliverable statuses and allowed statuses of the registry in service.

    Parsed once per content (keyed by the files' hashes): a status click then costs one
    small query instead of parsing the registry again.
    """
    shas = registry_shas(conn)
    key = (shas["deliverables.csv"], shas["vocabulary.yaml"])
    with _STATUS_LOCK:
        if key in _STATUS_CACHE:
            return _STATUS_CACHE[key]
    contents = get_blobs(conn, key)
    frame = read_csv_bytes(contents[key[0]])[[*DELIVERABLE_KEY, "status"]]
    frame = frame.apply(lambda col: col.str.strip())
    base = {tuple(r[:4]): r[4] for r in frame.itertuples(index=False)}
    vocabulary = yamlio.safe_load(contents[key[1]].decode("utf-8")) or {}
    found = (base, set(vocabulary.get("statuses") or {}))
    with _STATUS_LOCK:
        _STATUS_CACHE[key] = found
        while len(_STATUS_CACHE) > 8:
            _STATUS_CACHE.popitem(last=False)
    return found


def update_deliverable_status(
    store: Store, key: tuple[str, str, str, str], new_status: str, *, user: str, role: str
) -> int:
    """Set the status of one deliverable, recorded as an override in the store.

    Parameters
    ----------
    key : tuple
        ``(project, phase, pcode, deliverable)`` of a deliverable of the registry.
    new_status : str
        A status of the vocabulary (``completed``, ``in_progress`` ...).

    Returns
    -------
    int
        The change-log id (every call is logged, also when nothing changes).

    Raises
    ------
    PermissionError
        ``role`` is not editor.
    KeyError
        No such deliverable.
    ValueError
        Unknown status or malformed key.
    """
    require_editor(role)
    key = tuple(str(k).strip() for k in key)  # type: ignore[assignment]
    if len(key) != len(DELIVERABLE_KEY):
        raise ValueError(f"key must be {DELIVERABLE_KEY}, got {key!r}")
    with writing(store.engine) as conn:
        base, allowed = _statuses(conn)
        if key not in base:
            raise KeyError(f"no deliverable {'/'.join(key)} in the registry")
        if new_status not in allowed:
            raise ValueError(
                f"unknown status {new_status!r} (allowed: {', '.join(sorted(allowed))})"
            )
        previous = _set_override(conn, key, new_status, base[key], user)
        old_status = previous["status"] if previous else base[key]
        faults.checkpoint("status:written")
        return log_change(
            conn,
            user=user,
            role=role,
            action="status",
            what=f"{'/'.join(key)}: {old_status} → {new_status}",
            detail={"key": list(key), "old": old_status, "new": new_status, "previous": previous},
            writes=[status_scope(key)],
            reads=["registry:deliverables.csv", "registry:vocabulary.yaml"],
        )


def _override_where(key: tuple) -> Any:
    """The status-override row of one deliverable key."""
    return and_(*(status_overrides.c[c] == v for c, v in zip(DELIVERABLE_KEY, key, strict=True)))


def _set_override(
    conn: Connection, key: tuple, new_status: str, registry_status: str, user: str
) -> dict[str, Any] | None:
    """Replace the deliverable's override (none when the new status is the registry's);
    return the override it had, for the change log and undo."""
    where = _override_where(key)
    row = conn.execute(
        select(*(status_overrides.c[c] for c in OVERRIDE_COLUMNS)).where(where)
    ).first()
    conn.execute(status_overrides.delete().where(where))
    if new_status != registry_status:
        item = dict(zip(DELIVERABLE_KEY, key, strict=True))
        conn.execute(
            status_overrides.insert().values(
                **item, status=new_status, updated_at=now(), updated_by=user
            )
        )
    return dict(zip(OVERRIDE_COLUMNS, row, strict=True)) if row else None


def undo_status(conn: Connection, detail: Mapping[str, Any]) -> None:
    key = tuple(detail["key"])
    where = _override_where(key)
    conn.execute(status_overrides.delete().where(where))
    if detail.get("previous"):
        put_override(conn, detail["previous"])


def undo_registry(conn: Connection, detail: Mapping[str, Any]) -> dict[str, str]:
    """Put back the registry files and overrides a registry change replaced."""
    from geo.store.schema import registry_files

    before: dict[str, str | None] = detail["before"]
    contents = get_blobs(conn, [d for d in before.values() if d])
    restored = {}
    for name, digest in before.items():
        conn.execute(registry_files.delete().where(registry_files.c.name == name))
        if digest:
            conn.execute(registry_files.insert().values(name=name, sha256=digest))
            restored[name] = digest
        faults.checkpoint(f"undo:file:{name}")
    assert all(d in contents for d in restored.values())
    for item in detail.get("cleared_overrides", []):
        put_override(conn, item)
    return restored


def detail_of(conn: Connection, change_id: int) -> dict[str, Any]:
    text = conn.execute(select(changelog.c.detail).where(changelog.c.id == change_id)).scalar()
    return json.loads(text or "{}")


__all__ = ["REGISTRY_TABLES", "ApplyResult", "Snapshot", "StoreNotInitialisedError"]
