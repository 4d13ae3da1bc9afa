"""Resolve Turkish province and district names to COD-AB P-codes.

Matching is on whole folded names (:func:`geo.names.name_key`), so ``Buca`` never
matches ``Bucak``; same-named districts (``Yeşilyurt`` in Malatya and in Tokat) need
their province; ``Merkez`` means the central district of the given province. When a
name does not resolve, the error carries the closest known names as suggestions.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

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
        for pcode, row in districts.iterrows():
            self._add_district(str(row["province_pcode"]), row["district"], str(pcode))
            if row["district"] == "Merkez":
                # COD-AB names a central district after its province ("BARTIN").
                self._add_district(str(row["province_pcode"]), row["province"], str(pcode))
        self._add_aliases()

    def _add_district(self, province: str, name: str, pcode: str) -> None:
        self._district_index.setdefault((province, name_key(name)), set()).add(pcode)

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
        in_province = {k[1]: v for k, v in self._district_index.items() if k[0] == province_code}
        elsewhere = sorted(
            self._label(p) for (prov, k), ps in self._district_index.items() if k == key for p in ps
        )
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

    def label(self, pcode: str) -> str:
        """Display label: ``"Şahinbey, Gaziantep"`` or ``"Gaziantep"``."""
        return self._label(pcode)

    def _label(self, pcode: str) -> str:
        if pcode in self._provinces.index:
            return str(self._provinces.at[pcode, "province"])
        row = self._districts.loc[pcode]
        return f"{row['district']}, {row['province']}"

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
    matches = difflib.get_close_matches(key, list(options), n=3, cutoff=0.6)
    return tuple(dict.fromkeys(label_of(m) for m in matches))


@lru_cache(maxsize=1)
def default_resolver() -> Resolver:
    """Resolver over the bundled unit tables (built once per process)."""
    return Resolver(units(), provinces_table())
