"""Undo a change by the id the editor saw, refusing when later changes depend on it."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import Connection, select, update

from geo.store import indicators, registry_ops
from geo.store.core import UNDOABLE, Store, log_change, require_editor
from geo.store.engine import reading, writing
from geo.store.schema import changelog, status_overrides, user_indicator_values, user_indicators


class UndoRefusedError(RuntimeError):
    """A change cannot be undone; ``reason`` is ``missing``, ``kind``, ``done`` or ``later``.

    ``blockers`` lists the ids of later changes that touched the same data (``later``);
    ``undone_by`` the undo that already reverted it (``done``).
    """

    def __init__(
        self,
        change_id: int,
        reason: str,
        blockers: tuple[int, ...] = (),
        undone_by: int | None = None,
    ) -> None:
        self.change_id, self.reason, self.blockers, self.undone_by = (
            change_id,
            reason,
            blockers,
            undone_by,
        )
        texts = {
            "missing": f"there is no change #{change_id}",
            "kind": f"change #{change_id} cannot be undone (initial data and history are kept)",
            "done": f"change #{change_id} was already undone by #{undone_by}",
            "later": f"change #{change_id} cannot be undone: later change(s) "
            + ", ".join(f"#{b}" for b in blockers)
            + " changed the same data; undo those first",
        }
        super().__init__(texts[reason])


def _overlap(a: str, b: str) -> bool:
    # "status:*" (a restore) overlaps every "status:…".
    return a == b or any(x.endswith(":*") and y.startswith(x[:-1]) for x, y in ((a, b), (b, a)))


def _touches(writes: list[str], others: list[str]) -> bool:
    return any(_overlap(a, b) for a in writes for b in others)


def _blockers(conn: Connection, change_id: int, writes: list[str]) -> tuple[int, ...]:
    """Later changes still in effect that wrote or read what ``change_id`` wrote."""
    rows = conn.execute(
        select(changelog.c.id, changelog.c.writes, changelog.c.reads)
        .where(
            changelog.c.id > change_id,
            changelog.c.undone_by.is_(None),
            changelog.c.action != "undo",
        )
        .order_by(changelog.c.id)
    ).all()
    return tuple(int(i) for i, w, r in rows if _touches(writes, [*json.loads(w), *json.loads(r)]))


#: The change-log columns an editor is shown for a change (who, when, what).
SUMMARY = ("id", "at", "user", "action", "what")


def undoable(store: Store, limit: int = 20) -> list[dict[str, Any]]:
    """Recent changes an editor may undo now (newest first): ``id, at, user, action, what``."""
    with reading(store.engine) as conn:
        rows = conn.execute(
            select(*(changelog.c[c] for c in SUMMARY), changelog.c.writes)
            .where(changelog.c.action.in_(UNDOABLE), changelog.c.undone_by.is_(None))
            .order_by(changelog.c.id.desc())
            .limit(limit)
        ).all()
        return [
            dict(zip(SUMMARY, row[:-1], strict=True))
            for row in rows
            if not _blockers(conn, int(row[0]), json.loads(row[5]))
        ]


def describe(store: Store, change_id: int) -> dict[str, Any] | None:
    """One change's ``id, at, user, action, what`` (``None`` if there is none)."""
    with reading(store.engine) as conn:
        row = conn.execute(
            select(*(changelog.c[c] for c in SUMMARY)).where(changelog.c.id == change_id)
        ).first()
    return dict(zip(SUMMARY, row, strict=True)) if row else None


def undo_change(store: Store, change_id: int, *, user: str, role: str) -> int:
    """Revert change ``change_id`` as one logged change; returns the undo's id.

    Raises
    ------
    PermissionError
        ``role`` is not editor.
    UndoRefusedError
        No such change, not undoable, already undone, or later changes depend on it.
    """
    require_editor(role)
    with writing(store.engine) as conn:
        row = conn.execute(
            select(
                changelog.c.action,
                changelog.c.what,
                changelog.c.detail,
                changelog.c.writes,
                changelog.c.undone_by,
            ).where(changelog.c.id == change_id)
        ).first()
        if row is None:
            raise UndoRefusedError(change_id, "missing")
        action, what, detail_text, writes_text, undone_by = row
        if action not in UNDOABLE:
            raise UndoRefusedError(change_id, "kind")
        if undone_by is not None:
            raise UndoRefusedError(change_id, "done", undone_by=int(undone_by))
        writes = json.loads(writes_text)
        blockers = _blockers(conn, change_id, writes)
        if blockers:
            raise UndoRefusedError(change_id, "later", blockers)
        detail = json.loads(detail_text)
        undo_id = log_change(
            conn,
            user=user,
            role=role,
            action="undo",
            what=f"undo #{change_id} ({action}: {what})",
            detail={"undo_of": change_id},
            writes=writes,
            undo_of=change_id,
        )
        conn.execute(update(changelog).where(changelog.c.id == change_id).values(undone_by=undo_id))
        if action == "status":
            registry_ops.undo_status(conn, detail)
        elif action in ("indicator_save", "indicator_delete"):
            indicators.restore(conn, detail["id"], detail.get("before"))
        else:  # apply, import, restore
            registry_ops.undo_registry(conn, detail)
            if action == "restore":
                _undo_restore(conn, detail)
    return undo_id


def _undo_restore(conn: Connection, detail: dict[str, Any]) -> None:
    conn.execute(status_overrides.delete())
    for item in detail.get("overrides_before", []):
        registry_ops.put_override(conn, item)
    conn.execute(user_indicator_values.delete())
    conn.execute(user_indicators.delete())
    for saved in detail.get("indicators_before", []):
        indicators.restore(conn, saved["meta"][0], saved)
