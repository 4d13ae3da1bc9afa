"""Indicators uploaded by editors, kept in the store beside (never in) the bundled catalog."""

from __future__ import annotations

import dataclasses
import math
import re
from dataclasses import dataclass
from typing import Any

import pandas as pd
from sqlalchemy import Connection, select

from geo.boundaries import LEVELS, provinces_table, regions_table, units
from geo.names import name_key
from geo.store import faults
from geo.store.core import Store, log_change, now, require_editor
from geo.store.engine import reading, writing
from geo.store.schema import user_indicator_values, user_indicators

_SLUG = re.compile(r"^[a-z][a-z0-9_]{1,62}$")
INDICATOR_COLUMNS = (
    "id",
    "label_tr",
    "label_en",
    "unit",
    "level",
    "year",
    "source",
    "higher_is_better",
    "created_at",
    "created_by",
)


@dataclass(frozen=True)
class UserIndicatorMeta:
    """Description of an indicator uploaded by an editor.

    ``created_at`` (UTC ISO) and ``created_by`` are filled in by :func:`save_indicator`.
    """

    id: str
    label_tr: str
    label_en: str
    unit: str
    level: str
    year: int | None
    source: str
    higher_is_better: bool | None = None
    created_at: str = ""
    created_by: str = ""

    def label(self, lang: str) -> str:
        return self.label_en if lang == "en" else self.label_tr


def slugify(text: str) -> str:
    """A valid indicator id from a label: ``"Göç oranı 2024"`` → ``"goc_orani_2024"``."""
    slug = name_key(text).lower().replace(" ", "_")[:63]
    return slug if slug[:1].isalpha() else f"u_{slug}"[:63]


def _reserved_ids() -> set[str]:
    from geo.indicators import catalog

    # sege2022_rank_max is a column of indicators.table() without a catalog entry.
    return set(catalog()) | {"sege2022_rank_max"}


def _keys_of(level: str) -> pd.Index:
    """Unit keys of ``level``: province or district P-codes, or NUTS-2 codes (regions are
    stored under their code in the ``pcode`` column; no schema change needed)."""
    if level == "region":
        return regions_table().index
    return provinces_table().index if level == "province" else units().index


def check_meta(meta: UserIndicatorMeta, values: pd.Series) -> pd.Series:
    if not _SLUG.match(meta.id):
        raise ValueError(
            f"indicator id {meta.id!r} must be 2–63 characters: lower-case letters, digits, "
            "'_', starting with a letter"
        )
    if meta.id in _reserved_ids():
        raise ValueError(f"{meta.id!r} is a bundled indicator id; choose another id")
    if not meta.label_tr.strip() or not meta.label_en.strip():
        raise ValueError("an indicator needs a Turkish and an English label")
    if meta.level not in LEVELS:
        raise ValueError(f"level {meta.level!r} is not province, district or region")
    if meta.year is not None and not 1900 <= int(meta.year) <= 2100:
        raise ValueError(f"year {meta.year!r} is out of range")
    clean = pd.to_numeric(values, errors="raise").astype(float).dropna()
    if clean.empty:
        raise ValueError("no values to save")
    if not all(math.isfinite(v) for v in clean):
        raise ValueError("values must be finite numbers")
    known = _keys_of(meta.level)
    unknown = [str(p) for p in clean.index if p not in known]
    if unknown:
        what = "NUTS-2 codes" if meta.level == "region" else f"{meta.level} P-codes"
        raise ValueError(f"not {what}: {', '.join(unknown[:5])}")
    if clean.index.has_duplicates:
        raise ValueError("values have duplicate P-codes")
    return clean


def snapshot(conn: Connection, indicator_id: str) -> dict[str, Any] | None:
    """A user indicator as stored (metadata row and values), for undoing a save or delete."""
    meta = conn.execute(
        select(*(user_indicators.c[c] for c in INDICATOR_COLUMNS)).where(
            user_indicators.c.id == indicator_id
        )
    ).first()
    if meta is None:
        return None
    values = conn.execute(
        select(user_indicator_values.c.pcode, user_indicator_values.c.value)
        .where(user_indicator_values.c.indicator_id == indicator_id)
        .order_by(user_indicator_values.c.pcode)
    ).all()
    return {"meta": list(meta), "values": [list(v) for v in values]}


def restore(conn: Connection, indicator_id: str, saved: dict[str, Any] | None) -> None:
    """Put a user indicator back as :func:`snapshot` recorded it (``None``: absent)."""
    conn.execute(
        user_indicator_values.delete().where(user_indicator_values.c.indicator_id == indicator_id)
    )
    conn.execute(user_indicators.delete().where(user_indicators.c.id == indicator_id))
    if saved is None:
        return
    conn.execute(
        user_indicators.insert().values(dict(zip(INDICATOR_COLUMNS, saved["meta"], strict=True)))
    )
    faults.checkpoint("indicator:meta")
    if saved["values"]:
        conn.execute(
            user_indicator_values.insert(),
            [
                {"indicator_id": indicator_id, "pcode": p, "value": float(v)}
                for p, v in saved["values"]
            ],
        )
    faults.checkpoint("indicator:values")


def save_indicator(
    store: Store,
    meta: UserIndicatorMeta,
    values: pd.Series,
    *,
    user: str,
    role: str,
    replace: bool = False,
) -> UserIndicatorMeta:
    """Store a user indicator and its values (P-code → number).

    Raises
    ------
    PermissionError
        ``role`` is not editor.
    ValueError
        Bad id (including a bundled indicator's id), labels, level, P-codes or values.
    FileExistsError
        The id exists and ``replace`` is false.

    Returns
    -------
    UserIndicatorMeta
        ``meta`` with ``created_at`` and ``created_by`` filled in.
    """
    require_editor(role)
    clean = check_meta(meta, values)
    saved = dataclasses.replace(
        meta,
        label_tr=meta.label_tr.strip(),
        label_en=meta.label_en.strip(),
        created_at=now(),
        created_by=user,
    )
    hib = None if meta.higher_is_better is None else int(bool(meta.higher_is_better))
    record = {
        "meta": [
            saved.id,
            saved.label_tr,
            saved.label_en,
            saved.unit,
            saved.level,
            saved.year,
            saved.source,
            hib,
            saved.created_at,
            saved.created_by,
        ],
        "values": [[str(p), float(v)] for p, v in clean.items()],
    }
    with writing(store.engine) as conn:
        before = snapshot(conn, meta.id)
        if before is not None and not replace:
            raise FileExistsError(f"a user indicator {meta.id!r} exists; replace it explicitly")
        restore(conn, meta.id, record)
        verb = "replaced" if before is not None else "saved"
        log_change(
            conn,
            user=user,
            role=role,
            action="indicator_save",
            what=f"{verb} user indicator {meta.id} ({len(clean)} {meta.level} values)",
            detail={"id": meta.id, "before": before},
            writes=[f"indicator:{meta.id}"],
        )
    return saved


def delete_indicator(store: Store, indicator_id: str, *, user: str, role: str) -> int:
    """Delete a user indicator and its values; returns the change-log id.

    Raises
    ------
    PermissionError
        ``role`` is not editor.
    KeyError
        No user indicator with that id.
    """
    require_editor(role)
    with writing(store.engine) as conn:
        before = snapshot(conn, indicator_id)
        if before is None:
            raise KeyError(f"no user indicator {indicator_id!r}")
        restore(conn, indicator_id, None)
        return log_change(
            conn,
            user=user,
            role=role,
            action="indicator_delete",
            what=f"deleted user indicator {indicator_id}",
            detail={"id": indicator_id, "before": before},
            writes=[f"indicator:{indicator_id}"],
        )


def _meta(row: Any) -> UserIndicatorMeta:
    row = tuple(row)
    return UserIndicatorMeta(*row[:7], None if row[7] is None else bool(row[7]), *row[8:])


def list_indicators(store: Store) -> list[UserIndicatorMeta]:
    """User indicators, ordered by Turkish label."""
    with reading(store.engine) as conn:
        rows = conn.execute(select(*(user_indicators.c[c] for c in INDICATOR_COLUMNS))).all()
    return sorted((_meta(r) for r in rows), key=lambda m: (name_key(m.label_tr), m.id))


def all_indicators(store: Store) -> tuple[int, list[UserIndicatorMeta], dict[str, pd.Series]]:
    """Store version, every user indicator and its values, read in one transaction."""
    from geo.store.schema import changelog

    with reading(store.engine) as conn:
        version = int(
            conn.execute(select(changelog.c.id).order_by(changelog.c.id.desc()).limit(1)).scalar()
            or 0
        )
        metas = [
            _meta(r)
            for r in conn.execute(select(*(user_indicators.c[c] for c in INDICATOR_COLUMNS)))
        ]
        rows = conn.execute(
            select(
                user_indicator_values.c.indicator_id,
                user_indicator_values.c.pcode,
                user_indicator_values.c.value,
            ).order_by(user_indicator_values.c.indicator_id, user_indicator_values.c.pcode)
        ).all()
    frame = pd.DataFrame([tuple(r) for r in rows], columns=["id", "pcode", "value"])
    values = {
        m.id: pd.Series(
            frame.loc[frame["id"] == m.id, "value"].to_numpy(dtype=float),
            index=pd.Index(frame.loc[frame["id"] == m.id, "pcode"], name="pcode"),
            name=m.id,
            dtype=float,
        )
        for m in metas
    }
    metas.sort(key=lambda m: (name_key(m.label_tr), m.id))
    return version, metas, values


def indicator_values(store: Store, indicator_id: str) -> pd.Series:
    """Values of a user indicator as floats indexed by P-code (``KeyError`` if unknown)."""
    with reading(store.engine) as conn:
        found = snapshot(conn, indicator_id)
    if found is None:
        raise KeyError(f"no user indicator {indicator_id!r}")
    index = pd.Index([p for p, _ in found["values"]], name="pcode")
    return pd.Series([v for _, v in found["values"]], index=index, dtype=float, name=indicator_id)


def indicator_table(store: Store, level: str) -> pd.DataFrame:
    """All user indicators of ``level`` as columns over every unit of that level."""
    index = _keys_of(level).rename("pcode")
    _, metas, values = all_indicators(store)
    return pd.DataFrame(
        {m.id: values[m.id].reindex(index) for m in metas if m.level == level}, index=index
    )
