"""Resolve Turkish province and district names to COD-AB P-codes.

Matching is on whole folded names (:func:`geo.names.name_key`), so ``Buca`` never
matches ``Bucak``; same-named districts (``Yeşilyurt`` in Malatya and in Tokat) need
their province; ``Merkez`` means the central district of the given province. When a
name does not resolve, the error carries the closest known names as suggestions.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import pandas as pd
from rapidfuzz import fuzz, process

from geo import DATA_DIR
from geo.boundaries import provinces_table, units
from geo.i18n import Message
from geo.names import name_key, search_key


class ResolveError(LookupError):
    """A name did not resolve to exactly one unit."""

    def __init__(self, message: str, suggestions: tuple[str, ...] = ()) -> None:
        super().__init__(message)
        self.message = message
        self.suggestions = suggestions


@dataclass(frozen=True, slots=True)
class Place:
    """One search hit: a province or a district with its display label."""

    pcode: str
    level: str
    label: str


class Resolver:
    """Name → P-code lookups over the 81 provinces and 973 districts."""

    def __init__(self, districts: pd.DataFrame, provinces: pd.DataFrame) -> None:
        self._districts = districts
        self._provinces = provinces
        self._province_index: dict[str, str] = {}
        for pcode, row in provinces.iterrows():
            self._province_index[name_key(row["province"])] = str(pcode)
        self._district_index: dict[tuple[str, str], set[str]] = {}
        self._in_province: dict[str, dict[str, set[str]]] = {}
        self._labels: dict[str, str] = {}
        self._by_name: dict[str, set[str]] = {}
        for pcode, row in districts.iterrows():
            self._add_district(str(row["province_pcode"]), row["district"], str(pcode))
            if row["district"] == "Merkez":
                # COD-AB names a central district after its province ("BARTIN").
                self._add_district(str(row["province_pcode"]), row["province"], str(pcode))
        self._add_aliases()

    def _add_district(self, province: str, name: str, pcode: str) -> None:
        key = name_key(name)
        self._district_index.setdefault((province, key), set()).add(pcode)
        # Per-province and per-name views keep a failed lookup from scanning every district.
        self._in_province.setdefault(province, {}).setdefault(key, set()).add(pcode)
        self._by_name.setdefault(key, set()).add(pcode)

    def _add_aliases(self) -> None:
        aliases = pd.read_csv(DATA_DIR / "aliases.csv", dtype=str, keep_default_na=False)
        for row in aliases.itertuples():
            if row.level == "province":
                self._province_index[name_key(row.alias)] = self.province(row.official)
            else:
                province = self.province(row.province)
                self._add_district(province, row.alias, self.district(row.official, province))

    def province(self, name: str) -> str:
        """P-code of a province name (``"İstanbul"``, ``"ISTANBUL"``, ``"istanbul"``)."""
        if name.strip().upper().startswith("TUR") and name.strip().upper() in self._provinces.index:
            return name.strip().upper()
        key = name_key(name)
        if key in self._province_index:
            return self._province_index[key]
        raise ResolveError(
            Message(f"unknown province {name!r}", f"bilinmeyen il {name!r}"),
            _closest(key, self._province_index, lambda k: self._label(self._province_index[k])),
        )

    def district(self, name: str, province: str) -> str:
        """P-code of district ``name`` in ``province`` (a name or a P-code).

        ``"Merkez"`` and the province's own name give its central district.
        """
        province_code = self.province(province)
        key = name_key(name)
        hits = self._district_index.get((province_code, key), set())
        if len(hits) == 1:
            return next(iter(hits))
        if len(hits) > 1:
            raise ResolveError(
                Message(
                    f"district {name!r} is ambiguous in {province!r}",
                    f"{name!r} ilçesi {province!r} ilinde birden çok birime uyuyor",
                )
            )
        in_province = self._in_province.get(province_code, {})
        elsewhere = sorted(self._label(p) for p in self._by_name.get(key, ()))
        places = ", ".join(elsewhere)
        suggestions = _closest(key, in_province, lambda k: self._label(next(iter(in_province[k]))))
        label = self._label(province_code)
        raise ResolveError(
            Message(
                f"unknown district {name!r} in province {label}"
                + (f"; a district of that name is in {places}" if elsewhere else ""),
                f"{label} ilinde {name!r} adlı ilçe yok"
                + (f"; bu adda bir ilçe şurada: {places}" if elsewhere else ""),
            ),
            suggestions,
        )

    def unit(self, province: str, district: str | None = None) -> str:
        """P-code of a province, or of a district when ``district`` is given."""
        if district is None or not str(district).strip():
            return self.province(province)
        return self.district(district, province)

    def lookup(self, province: str, district: str | None = None) -> str | None:
        """Like :meth:`unit` but ``None`` on a miss: no message, no suggestions, O(1)."""
        code = province.strip().upper()
        if not (code.startswith("TUR") and code in self._provinces.index):
            code = self._province_index.get(name_key(province), "")
        if not code:
            return None
        if district is None or not str(district).strip():
            return code
        hits = self._district_index.get((code, name_key(district)), set())
        return next(iter(hits)) if len(hits) == 1 else None

    def label(self, pcode: str) -> str:
        """Display label: ``"Şahinbey, Gaziantep"`` or ``"Gaziantep"``."""
        return self._label(pcode)

    def _label(self, pcode: str) -> str:
        # A dict, not a pandas lookup: failed uploads ask for thousands of labels.
        if not self._labels:
            self._labels = {str(p): str(n) for p, n in self._provinces["province"].items()}
            for p, d, n in zip(
                self._districts.index,
                self._districts["district"],
                self._districts["province"],
                strict=True,
            ):
                self._labels[str(p)] = f"{d}, {n}"
        return self._labels[pcode]

    def search(self, text: str, limit: int = 10) -> list[Place]:
        """Provinces and districts whose folded name starts with (then contains) ``text``."""
        query = search_key(text)
        if not query:
            return []
        exact: list[Place] = []
        starts: list[Place] = []
        contains: list[Place] = []
        for key, pcode in self._province_index.items():
            place = Place(pcode, "province", self._label(pcode))
            _bucket(search_key(key), query, place, (exact, starts, contains))
        for (_, key), pcodes in self._district_index.items():
            for pcode in sorted(pcodes):
                place = Place(pcode, "district", self._label(pcode))
                _bucket(search_key(key), query, place, (exact, starts, contains))
        ordered = list(dict.fromkeys(exact + starts + contains))
        return ordered[:limit]


def _bucket(
    key: str, query: str, place: Place, buckets: tuple[list[Place], list[Place], list[Place]]
) -> None:
    exact, starts, contains = buckets
    if key == query:
        exact.append(place)
    elif key.startswith(query):
        starts.append(place)
    elif query in key:
        contains.append(place)


def _closest(key: str, options: dict, label_of) -> tuple[str, ...]:
    # rapidfuzz's ratio is difflib's ratio computed in C (linear in the options).
    matches = process.extract(key, list(options), scorer=fuzz.ratio, limit=3, score_cutoff=60)
    return tuple(dict.fromkeys(label_of(m[0]) for m in matches))


@lru_cache(maxsize=1)
def default_resolver() -> Resolver:
    """Resolver over the bundled unit tables (built once per process)."""
    return Resolver(units(), provinces_table())
