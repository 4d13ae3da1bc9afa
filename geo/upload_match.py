"""Match the rows of an uploaded table to COD-AB P-codes and read their values.

Keys are P-codes, TÜİK district codes, plate codes, NUTS-2 codes or names (Turkish-
aware). A table keyed by NUTS-2 regions (``TR10`` …, or the regions' official names) is
matched at level ``region``: one value per region, keyed by its code, never spread onto
its provinces (a region's figure is not its provinces'). A table is stored at one level:
rows at another level than the majority (a province P-code among region codes) are
reported as ``mixed_levels`` and block saving, so nothing is guessed.

Every lookup is a dictionary hit; a key that misses gets "did you mean" suggestions
from rapidfuzz (C, one pass over the ~1,000 known names, with a score cut-off), at most
:data:`MAX_SUGGESTIONS` per row and only for the first :data:`MAX_SUGGESTED_ROWS`
unmatched keys, so a file of 20,000 unknown names costs no more than one of 100.
Identical keys are resolved once.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd
from rapidfuzz import fuzz, process

from geo.boundaries import Level, provinces_table, regions_table, unit_level, units
from geo.names import name_key
from geo.resolver import ResolveError, default_resolver
from geo.upload_columns import KEY_KINDS, PCODE, as_text
from geo.upload_numbers import NumberReading, OutOfRangeError, number_reading, parse_number

#: Suggestions listed per unmatched key.
MAX_SUGGESTIONS = 3
#: Unmatched keys that get suggestions; later ones are listed without.
MAX_SUGGESTED_ROWS = 100
#: Least rapidfuzz ratio (0–100) for a name to be suggested.
SUGGESTION_CUTOFF = 70


@dataclass
class MatchReport:
    """How the rows of an uploaded table matched units.

    Row numbers are spreadsheet rows (header = 1). ``matched`` counts rows whose key
    resolved; ``values`` has one entry per unit (a NUTS-2 row gives one region value).

    Attributes
    ----------
    level : {"province", "district", "region"}
        Level of the matched units (the majority level when rows mix levels).
    values : Series
        Float values indexed by P-code (NUTS-2 code for regions), in row order, for rows
        with a number.
    matched : int
        Rows whose key resolved to units.
    unmatched : list of dict
        ``row``, ``key``, ``message``, ``suggestions`` for keys that did not resolve.
    ambiguous : list of dict
        ``row``, ``key``, ``message``, ``candidates`` for keys naming several units.
    duplicates : list of dict
        ``row``, ``pcode``, ``first_row``: later rows for a unit already given (ignored).
    non_numeric : list of dict
        ``row``, ``value``: values that are not numbers.
    out_of_range : list of dict
        ``row``, ``value``: numbers beyond ±1e15, refused.
    missing : list of dict
        ``row``, ``pcode``: matched rows with an empty value (``""``, ``-``, ``n/a``).
    mixed_levels : list of dict
        ``row``, ``pcode``, ``level``: rows at the other level than ``level``.
    decimal : str or None
        Decimal mark used for the value column.
    reading : NumberReading or None
        How the value column was read; ``reading.ambiguous`` means another reading
        exists (``reading.alternative``) and the user should confirm.
    suggestions_capped : bool
        More keys were unmatched than get suggestions (:data:`MAX_SUGGESTED_ROWS`).
    """

    level: Level | None
    values: pd.Series
    matched: int
    unmatched: list[dict[str, Any]] = field(default_factory=list)
    ambiguous: list[dict[str, Any]] = field(default_factory=list)
    duplicates: list[dict[str, Any]] = field(default_factory=list)
    non_numeric: list[dict[str, Any]] = field(default_factory=list)
    missing: list[dict[str, Any]] = field(default_factory=list)
    mixed_levels: list[dict[str, Any]] = field(default_factory=list)
    decimal: str | None = None
    out_of_range: list[dict[str, Any]] = field(default_factory=list)
    reading: NumberReading | None = None
    suggestions_capped: bool = False

    @property
    def ok(self) -> bool:
        """At least one value matched and all matched rows are at one level."""
        return len(self.values) > 0 and not self.mixed_levels

    def issues_frame(self) -> pd.DataFrame:
        """Every problem as one table: ``row, issue, key, detail`` (text, not HTML)."""
        records: list[dict[str, Any]] = []
        for item in self.unmatched:
            detail = ", ".join(item["suggestions"]) or item["message"]
            records.append(_issue(item["row"], "unmatched", item["key"], detail))
        for item in self.ambiguous:
            detail = ", ".join(item["candidates"])
            records.append(_issue(item["row"], "ambiguous", item["key"], detail))
        for item in self.duplicates:
            detail = f"row {item['first_row']}"
            records.append(_issue(item["row"], "duplicate", item["pcode"], detail))
        for item in self.non_numeric:
            records.append(_issue(item["row"], "non_numeric", "", item["value"]))
        for item in self.out_of_range:
            records.append(_issue(item["row"], "out_of_range", "", item["value"]))
        for item in self.mixed_levels:
            records.append(_issue(item["row"], "mixed_level", item["pcode"], item["level"]))
        frame = pd.DataFrame(records, columns=["row", "issue", "key", "detail"])
        return frame.sort_values("row", kind="stable").reset_index(drop=True)


def _issue(row: int, issue: str, key: str, detail: str) -> dict[str, Any]:
    return {"row": row, "issue": issue, "key": key, "detail": detail}


class _UnresolvedError(LookupError):
    def __init__(self, message: str, suggestions: Sequence[str] = (), *, ambiguous=False) -> None:
        super().__init__(message)
        self.suggestions = list(suggestions)
        self.ambiguous = ambiguous


class _Keys:
    """Key → P-code lookups for one :func:`match_keys` call, each distinct key once."""

    def __init__(self) -> None:
        self.resolver = default_resolver()
        self.units = units()
        self.provinces = provinces_table()
        self.by_ilce = {int(c): p for p, c in self.units["ilce_kodu"].items()}
        self.regions = regions_table()
        # A region by its code, its official name in either language, or "code name".
        self.by_region_name: dict[str, str] = {}
        for code, row in self.regions.iterrows():
            for name in (row["name_tr"], row["name_en"]):
                self.by_region_name[name_key(name)] = str(code)
                self.by_region_name[name_key(f"{code} {name}")] = str(code)
        self.by_district_name: dict[str, list[str]] = {}
        for pcode, name in self.units["district"].items():
            if name != "Merkez":
                self.by_district_name.setdefault(name_key(name), []).append(str(pcode))
        self.district_names = list(self.by_district_name)
        self.cache: dict[tuple[str, ...], list[str] | _UnresolvedError] = {}
        self.suggested = 0  # unmatched keys that got suggestions so far

    def resolve(self, kind: str, parts: tuple[str, ...]) -> list[str]:
        """P-codes of a key; raises :class:`_UnresolvedError` (cached, too)."""
        cached = self.cache.get(parts)
        if cached is None:
            try:
                cached = self._resolve(kind, parts)
            except _UnresolvedError as exc:
                cached = exc
            self.cache[parts] = cached
        if isinstance(cached, _UnresolvedError):
            raise cached
        return cached

    def suggest(self, key: str, choices: list[str]) -> list[str]:
        """Closest ``choices`` to ``key``, while the suggestion budget lasts."""
        if self.suggested >= MAX_SUGGESTED_ROWS:
            return []
        self.suggested += 1
        found = process.extract(
            key, choices, scorer=fuzz.ratio, limit=MAX_SUGGESTIONS, score_cutoff=SUGGESTION_CUTOFF
        )
        return [choice for choice, _, _ in found]

    def _resolve(self, kind: str, parts: tuple[str, ...]) -> list[str]:
        text = parts[0]
        if kind == "pcode":
            code = text.upper().replace(" ", "")
            if PCODE.match(code) and (code in self.provinces.index or code in self.units.index):
                return [code]
            if code in self.regions.index:
                return [code]  # a region row in a P-code column: reported as another level
            raise _UnresolvedError(f"unknown P-code {text!r}")
        if kind in ("ilce_kodu", "il_kodu"):
            digits = text.split(".")[0] if re.fullmatch(r"\d{1,9}(\.0+)?", text) else ""
            if kind == "ilce_kodu" and digits and int(digits) in self.by_ilce:
                return [self.by_ilce[int(digits)]]
            if kind == "il_kodu" and digits and 1 <= int(digits) <= 81:
                return [f"TUR{int(digits):03d}"]
            which = "TÜİK district" if kind == "ilce_kodu" else "province"
            raise _UnresolvedError(f"unknown {which} code {text!r}")
        if kind == "nuts2":
            return [self._region(text)]
        return self._resolve_names(parts[0], parts[1] if len(parts) > 1 else "")

    def _region(self, text: str) -> str:
        """NUTS-2 code of a region given by code, name (TR/EN) or ``"TR21 name"``."""
        code = text.upper().replace(" ", "")
        if code in self.regions.index:
            return code
        found = self.by_region_name.get(name_key(text))
        if found:
            return found
        if PCODE.match(code) and (code in self.provinces.index or code in self.units.index):
            return code  # a province or district among regions: reported as another level
        close = self.suggest(code, list(self.regions.index))
        raise _UnresolvedError(f"unknown NUTS-2 region {text!r}", close)

    def _resolve_names(self, province: str, district: str) -> list[str]:
        if province and self.suggested >= MAX_SUGGESTED_ROWS:
            # Past the suggestion budget: a plain lookup, no message building per miss.
            pcode = self.resolver.lookup(province, district or None)
            if pcode is None:
                what = f"{district}, {province}" if district else province
                raise _UnresolvedError(f"unknown or ambiguous name {what!r}")
            return [pcode]
        try:
            if province:
                return [self.resolver.unit(province, district or None)]
        except ResolveError as exc:
            ambiguous = "ambiguous" in str(exc)
            self.suggested += not ambiguous
            suggestions = list(exc.suggestions)[:MAX_SUGGESTIONS]
            raise _UnresolvedError(str(exc), suggestions, ambiguous=ambiguous) from None
        if not district:
            raise _UnresolvedError("no province or district given")
        key = name_key(district)
        hits = self.by_district_name.get(key, [])
        if len(hits) == 1:
            return hits
        if hits:
            labels = [self.resolver.label(p) for p in hits]
            raise _UnresolvedError(
                f"district {district!r} exists in several provinces; give the province",
                labels,
                ambiguous=True,
            )
        if key == "MERKEZ":
            raise _UnresolvedError("'Merkez' needs its province", ambiguous=True)
        close = self.suggest(key, self.district_names)
        labels = [self.resolver.label(p) for c in close for p in self.by_district_name[c]]
        raise _UnresolvedError(f"unknown district {district!r}", labels[:MAX_SUGGESTIONS])


def _row_numbers(frame: pd.DataFrame) -> list[int]:
    index = frame.index
    if pd.api.types.is_integer_dtype(index) and not (
        isinstance(index, pd.RangeIndex) and index.start == 0
    ):
        return [int(i) for i in index]
    return list(range(2, len(frame) + 2))


def _check_arguments(
    frame: pd.DataFrame, key_kind: str, columns: list[str | None], value_column: str
) -> None:
    if key_kind not in KEY_KINDS:
        raise ValueError(f"unknown key kind {key_kind!r}; expected one of {KEY_KINDS}")
    if not columns or (key_kind != "names" and len(columns) != 1) or len(columns) > 2:
        raise ValueError(
            f"key kind {key_kind!r} takes {'1–2' if key_kind == 'names' else 1} key column(s)"
        )
    for column in [*[c for c in columns if c is not None], value_column]:
        if column not in frame.columns:
            raise KeyError(f"no column {column!r} in the table")


def match_keys(
    frame: pd.DataFrame,
    key_kind: str,
    key_columns: Sequence[str | None],
    value_column: str,
    *,
    decimal: str | None = None,
) -> MatchReport:
    """Match each row's key to P-codes and read its value; linear in the rows.

    Parameters
    ----------
    frame : DataFrame
        An uploaded table (see :func:`geo.upload_read.read_table`); its index gives
        spreadsheet rows.
    key_kind : {"pcode", "ilce_kodu", "il_kodu", "nuts2", "names"}
        ``pcode``: ``TUR034`` (province) or ``TUR034035`` (district). ``ilce_kodu``:
        TÜİK district code. ``il_kodu``: province (plate) code 1–81. ``nuts2``: a
        region code such as ``TR82`` or the region's official name (Turkish or
        English), matched at level ``region``. ``names``: province name, optionally
        with a district name (Turkish-aware, ``Merkez`` allowed).
    key_columns : sequence of str
        One column; for ``names`` ``[province]`` or ``[province, district]`` (the
        province may be ``None`` when district names are unique).
    value_column : str
        Column holding the numbers.
    decimal : {",", "."}, optional
        Decimal mark chosen by the user; by default :func:`number_reading` decides.

    Returns
    -------
    MatchReport
    """
    columns = list(key_columns)
    _check_arguments(frame, key_kind, columns, value_column)
    raw_values = as_text(frame[value_column]).tolist()
    reading = number_reading(raw_values, str(value_column))
    if decimal is None:
        decimal = reading.decimal
    keys = _Keys()
    report = MatchReport(
        level=None, values=pd.Series(dtype=float), matched=0, decimal=decimal, reading=reading
    )
    found: dict[str, float] = {}
    first_row: dict[str, int] = {}
    key_texts = [as_text(frame[c]).tolist() if c is not None else None for c in columns]
    for position, row in enumerate(_row_numbers(frame)):
        parts = tuple(texts[position] if texts is not None else "" for texts in key_texts)
        if not any(parts):
            continue
        shown = ", ".join(p for p in reversed(parts) if p) if key_kind == "names" else parts[0]
        try:
            pcodes = keys.resolve(key_kind, parts)
        except _UnresolvedError as exc:
            _unresolved(report, exc, row, shown)
            continue
        report.matched += 1
        value = _value(report, row, raw_values[position], decimal)
        if value is False:
            continue
        for pcode in pcodes:
            if pcode in first_row:
                report.duplicates.append(
                    {"row": row, "pcode": pcode, "first_row": first_row[pcode]}
                )
                continue
            first_row[pcode] = row
            if value is None:
                report.missing.append({"row": row, "pcode": pcode})
            else:
                found[pcode] = value
    report.suggestions_capped = keys.suggested >= MAX_SUGGESTED_ROWS and len(report.unmatched) > (
        MAX_SUGGESTED_ROWS
    )
    _settle_level(report, first_row, found)
    report.values = pd.Series(found, dtype=float, name=value_column).rename_axis("pcode")
    return report


def _unresolved(report: MatchReport, exc: _UnresolvedError, row: int, shown: str) -> None:
    if exc.ambiguous:
        report.ambiguous.append(
            {"row": row, "key": shown, "message": str(exc), "candidates": exc.suggestions}
        )
    else:
        report.unmatched.append(
            {"row": row, "key": shown, "message": str(exc), "suggestions": exc.suggestions}
        )


def _value(report: MatchReport, row: int, text: str, decimal: str | None) -> float | bool | None:
    """The row's number, ``None`` when empty, ``False`` when refused (and recorded)."""
    try:
        return parse_number(text, decimal)
    except OutOfRangeError:
        report.out_of_range.append({"row": row, "value": text})
    except ValueError:
        report.non_numeric.append({"row": row, "value": text})
    return False


#: Which level wins a tie of row counts (the finest one).
_LEVEL_ORDER: tuple[Level, ...] = ("district", "province", "region")


def _settle_level(report: MatchReport, first_row: dict[str, int], found: dict[str, float]) -> None:
    """The majority level; rows at any other level become ``mixed_levels`` issues.

    A table mixing levels (region and province rows, say) is never split or spread: the
    other rows are listed by row and level and the report is not :attr:`~MatchReport.ok`,
    so the editor uploads one file per level.
    """
    level_counts = Counter(unit_level(p) for p in first_row)
    if not level_counts:
        return
    level = max(_LEVEL_ORDER, key=lambda lv: (level_counts[lv], -_LEVEL_ORDER.index(lv)))
    report.level = level
    for pcode, row in first_row.items():
        own = unit_level(pcode)
        if own != level:
            report.mixed_levels.append({"row": row, "pcode": pcode, "level": own})
            found.pop(pcode, None)
