"""Guess which columns of an uploaded table hold the key and the value.

Headers are matched in Turkish or English after folding (``İlçe`` = ``ILCE``); code
columns are recognised by content. Only the first rows of each column are looked at,
so the guess costs the same for any file within the upload limits.
"""

from __future__ import annotations

import contextlib
import re
from typing import Any

import pandas as pd

from geo.names import name_key
from geo.upload_numbers import parse_number

KEY_KINDS = ("pcode", "ilce_kodu", "il_kodu", "nuts2", "names")
#: Values per column looked at when guessing.
GUESS_VALUES = 50

_HEADER_SYNONYMS: dict[str, tuple[str, ...]] = {
    "pcode": ("PCODE", "P KODU", "P KOD", "P CODE", "ADM1 PCODE", "ADM2 PCODE", "ADM PCODE"),
    "ilce_kodu": ("ILCE KODU", "ILCE KOD", "TUIK ILCE KODU", "DISTRICT CODE", "ILCEKODU"),
    "il_kodu": ("IL KODU", "IL KOD", "PLAKA", "PLAKA KODU", "PROVINCE CODE", "ILKODU"),
    "nuts2": ("NUTS2", "NUTS 2", "IBBS", "IBBS2", "IBBS 2", "IBBS DUZEY 2", "DUZEY 2", "BOLGE"),
    "province": ("IL", "IL ADI", "ILI", "PROVINCE", "PROVINCE NAME", "SEHIR", "CITY", "ADM1"),
    "district": ("ILCE", "ILCE ADI", "ILCESI", "DISTRICT", "DISTRICT NAME", "ADM2"),
    "value": (
        "DEGER",
        "VALUE",
        "ORAN",
        "RATE",
        "SAYI",
        "COUNT",
        "TOPLAM",
        "TOTAL",
        "ADET",
        "NUFUS",
        "POPULATION",
        "SKOR",
        "SCORE",
        "PUAN",
        "ENDEKS",
        "INDEX",
        "YUZDE",
        "PERCENT",
    ),
}
PCODE = re.compile(r"^TUR\d{3}(\d{3})?$")
NUTS2 = re.compile(r"^TR[1-9A-C]\d$")


def _header_role(column: str) -> str | None:
    key = name_key(column)
    for role, synonyms in _HEADER_SYNONYMS.items():
        if key in synonyms:
            return role
    for role, synonyms in _HEADER_SYNONYMS.items():
        # "Değer (2023)", "nüfus_2024", "İl adı / Province": a synonym as a whole word.
        if any(re.search(rf"(^| ){re.escape(s)}( |$)", key) for s in synonyms if len(s) > 2):
            return role
    return None


def as_text(values: pd.Series) -> pd.Series:
    """Stripped strings with ``""`` for missing cells, whatever the column's dtype."""
    objects = values.astype(object)
    return objects.where(objects.notna(), "").map(str).str.strip()


def _samples(frame: pd.DataFrame) -> dict[Any, list[str]]:
    """The first :data:`GUESS_VALUES` filled cells of each column, stripped (plain lists:
    per-column pandas calls cost more than the guess itself on 200-column files)."""
    head = frame.head(GUESS_VALUES).astype(object).fillna("").to_numpy(dtype=object)
    samples: dict[Any, list[str]] = {}
    for i, column in enumerate(frame.columns):
        texts = (str(v).strip() for v in head[:, i])
        samples[column] = [v for v in texts if v]
    return samples


def _numeric_share(filled: list[str]) -> float:
    if not filled:
        return 0.0
    ok = 0
    for value in filled:
        with contextlib.suppress(ValueError):
            ok += parse_number(value) is not None
    return ok / len(filled)


def guess_columns(frame: pd.DataFrame) -> dict[str, Any]:
    """Suggest the key kind, key columns and value column of an uploaded table.

    Headers are matched in Turkish or English after folding (``İlçe`` = ``ILCE``); a
    column of ``TUR…`` codes or ``TR82``-style codes is recognised by its content.

    Returns
    -------
    dict
        ``key_kind`` (one of :data:`KEY_KINDS` or ``None``), ``key_columns`` (list),
        ``value_column`` (str or ``None``) and ``value_columns`` (every column that
        looks numeric, best first).
    """
    roles: dict[str, str] = {}
    samples = _samples(frame)
    for column in frame.columns:
        role = _header_role(str(column))
        sample = [v.upper() for v in samples[column]]
        if role is None and sample:
            if all(PCODE.match(v) for v in sample):
                role = "pcode"
            elif all(NUTS2.match(v) for v in sample):
                role = "nuts2"
        if role and role not in roles:
            roles[role] = str(column)
    key_kind: str | None = None
    key_columns: list[str] = []
    if "pcode" in roles:
        key_kind, key_columns = "pcode", [roles["pcode"]]
    elif "ilce_kodu" in roles:
        key_kind, key_columns = "ilce_kodu", [roles["ilce_kodu"]]
    elif "province" in roles:
        key_kind = "names"
        key_columns = [roles["province"]] + ([roles["district"]] if "district" in roles else [])
    elif "il_kodu" in roles:
        key_kind, key_columns = "il_kodu", [roles["il_kodu"]]
    elif "nuts2" in roles:
        key_kind, key_columns = "nuts2", [roles["nuts2"]]
    rest = [c for c in frame.columns if c not in key_columns and c not in roles.values()]
    numeric = [c for c in rest if _numeric_share(samples[c]) >= 0.8]
    if "value" in roles:
        numeric = [roles["value"], *[c for c in numeric if c != roles["value"]]]
    return {
        "key_kind": key_kind,
        "key_columns": key_columns,
        "value_column": numeric[0] if numeric else None,
        "value_columns": numeric,
    }
