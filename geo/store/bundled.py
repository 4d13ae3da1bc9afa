"""The bundled registry (``data/``) as the store's starting point, and release updates.

``data/`` is read-only at run time. An empty store is initialised from it as its first
version (change ``init``, with the files' hashes and where they came from). A release
whose ``data/`` changed is brought in by :func:`import_bundled`: a three-way merge of
the release's changes onto the editors' work, never a blind overwrite.
"""

from __future__ import annotations

import json
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
from sqlalchemy import Connection, select

from geo import DATA_DIR
from geo.registry import REGISTRY_FILES
from geo.registry_edit import (
    REGISTRY_TABLES,
    diff_summary,
    diff_tables,
    merge_table,
    read_csv_bytes,
    validate_candidate,
)
from geo.store import faults
from geo.store.core import Store, get_blobs, put_blob, registry_contents, sha256
from geo.store.engine import reading, writing
from geo.store.registry_ops import StoreNotInitialisedError, replace_registry
from geo.store.schema import changelog


def read_bundled(data_dir: Path | str) -> dict[str, bytes]:
    """The registry files of a data directory (missing ones left out)."""
    data_dir = Path(data_dir)
    return {n: (data_dir / n).read_bytes() for n in REGISTRY_FILES if (data_dir / n).is_file()}


def _git_base() -> dict[str, bytes] | None:
    """The committed versions of this checkout's bundled files (``None`` without git).

    Editors of versions before the store edited ``data/`` in place; when such an
    installation is migrated, the committed files, not the edited ones, are the common
    base of later release merges (else a release merge would take edits for changes).
    """
    found = {}
    for name in REGISTRY_FILES:
        try:
            found[name] = subprocess.run(
                ["git", "show", f"HEAD:data/{name}"],
                cwd=DATA_DIR.parent,
                capture_output=True,
                check=True,
                timeout=20,
            ).stdout
        except (OSError, subprocess.SubprocessError):
            return None
    return found


def initialise(
    store: Store,
    data_dir: Path | str,
    *,
    legacy_dir: Path | str | None = None,
    user: str = "system",
) -> int | None:
    """Fill an empty store from ``data_dir`` (and a pre-store ``var/``); no-op otherwise.

    Returns
    -------
    int or None
        The ``init`` change id, ``None`` if the store already held a registry.

    Raises
    ------
    RegistryError
        The bundled registry does not validate (nothing is written).
    """
    from geo.store.legacy import import_legacy, legacy_journal_fix

    data_dir = Path(data_dir)
    files = read_bundled(data_dir)
    with writing(store.engine) as conn:
        if registry_contents(conn):
            return None
        legacy_note = None
        if legacy_dir is not None:
            files, legacy_note = legacy_journal_fix(Path(legacy_dir), files)
        validate_candidate(files, {})
        copied = import_legacy(conn, Path(legacy_dir)) if legacy_dir is not None else {}
        base = (_git_base() if legacy_dir is not None else None) or files
        if any(n not in base for n in files):
            base = files
        for data in base.values():
            put_blob(conn, data)
        change_id = replace_registry(
            conn,
            files,
            {},
            user=user,
            role="system",
            action="init",
            what=f"initial registry from {data_dir}",
            detail={
                "source": str(data_dir.resolve()),
                "bundled": {n: sha256(d) for n, d in base.items()},
                "legacy_journal": legacy_note,
                "legacy_rows": copied,
            },
        )
        faults.checkpoint("init:registry")
    return change_id


def _bundled_base(conn: Connection) -> dict[str, bytes]:
    """The bundled files last imported (by ``init`` or a not-undone ``import``)."""
    row = conn.execute(
        select(changelog.c.detail)
        .where(changelog.c.action.in_(("init", "import")), changelog.c.undone_by.is_(None))
        .order_by(changelog.c.id.desc())
        .limit(1)
    ).first()
    shas: dict[str, str] = json.loads(row[0]).get("bundled", {}) if row else {}
    contents = get_blobs(conn, shas.values())
    return {name: contents[digest] for name, digest in shas.items() if digest in contents}


@dataclass
class ImportPlan:
    """What :func:`import_bundled` does (or would do).

    Attributes
    ----------
    release_changed : list of str
        Files whose bundled version differs from the one last imported.
    files : dict
        Merged contents of the files that change in the store.
    diffs : dict
        Per registry table, the rows changing in the store.
    conflicts : dict
        Per file, keys (or ``("whole file",)``) where the release and the editors
        changed the same thing; the editors' version is kept.
    change_id : int or None
        The ``import`` change id once applied.
    """

    release_changed: list[str] = field(default_factory=list)
    files: dict[str, bytes] = field(default_factory=dict)
    diffs: dict[str, pd.DataFrame] = field(default_factory=dict)
    conflicts: dict[str, list[tuple[str, ...]]] = field(default_factory=dict)
    change_id: int | None = None
    bundled: dict[str, str] = field(default_factory=dict)

    def summary(self) -> str:
        if not self.release_changed:
            return "the bundled data equals the last imported version: nothing to import"
        parts = [f"release changed {', '.join(self.release_changed)}"]
        for name, diff in self.diffs.items():
            parts.append(f"{name}.csv: {diff_summary(diff, list(diff.columns))}")
        for file, keys in self.conflicts.items():
            parts.append(f"{file}: {len(keys)} conflict(s) kept as edited")
        if not self.files:
            parts.append("the store already has these changes")
        return "; ".join(parts)


def _plan(conn: Connection, theirs: dict[str, bytes]) -> ImportPlan:
    ours = registry_contents(conn)
    if not ours:
        raise StoreNotInitialisedError("the store holds no registry yet")
    base = _bundled_base(conn)
    plan = ImportPlan(bundled={n: sha256(d) for n, d in theirs.items()})
    merged: dict[str, bytes] = {}
    for name, new in theirs.items():
        old, mine = base.get(name, b""), ours.get(name, b"")
        if new == old:
            continue
        plan.release_changed.append(name)
        table = name.removesuffix(".csv")
        if table in REGISTRY_TABLES and old:
            merged[name], conflicts = merge_table(old, mine, new, REGISTRY_TABLES[table])
        elif mine in (old, new):
            merged[name], conflicts = new, []
        else:
            merged[name], conflicts = mine, [("whole file",)]
        if conflicts:
            plan.conflicts[name] = conflicts
    plan.files = {n: d for n, d in merged.items() if d != ours.get(n)}
    for name, data in plan.files.items():
        table = name.removesuffix(".csv")
        if table in REGISTRY_TABLES:
            plan.diffs[table] = diff_tables(
                read_csv_bytes(ours[name]), read_csv_bytes(data), REGISTRY_TABLES[table]
            )
    if plan.files:
        validate_candidate({**ours, **plan.files}, {})
    return plan


def import_bundled(
    store: Store,
    data_dir: Path | str,
    *,
    dry_run: bool = False,
    user: str = "system",
    role: str = "editor",
) -> ImportPlan:
    """Bring a release's changed ``data/`` into the store as one undoable change.

    Raises
    ------
    RegistryError
        The merged registry would not validate (nothing is written).
    """
    from geo.store.core import require_editor

    require_editor(role)
    theirs = read_bundled(data_dir)
    if dry_run:
        with reading(store.engine) as conn:
            return _plan(conn, theirs)
    with writing(store.engine) as conn:
        plan = _plan(conn, theirs)
        if not plan.release_changed:
            return plan
        for data in theirs.values():
            put_blob(conn, data)
        plan.change_id = replace_registry(
            conn,
            plan.files,
            plan.diffs,
            user=user,
            role=role,
            action="import",
            what=f"bundled data from {Path(data_dir)}: {plan.summary()}",
            detail={
                "source": str(Path(data_dir).resolve()),
                "bundled": plan.bundled,
                "conflicts": {f: [list(k) for k in keys] for f, keys in plan.conflicts.items()},
            },
        )
    return plan


def pending_release(store: Store, data_dir: Path | str) -> list[str]:
    """Bundled files that changed since they were last imported (for ``info``)."""
    theirs = read_bundled(data_dir)
    with reading(store.engine) as conn:
        base = _bundled_base(conn)
    return [n for n, d in theirs.items() if base.get(n) != d]
