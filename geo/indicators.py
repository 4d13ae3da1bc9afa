"""The bundled indicator set: official SEGE, ADNKS, GDP and poverty figures by unit key.

Each indicator is described in ``data/indicators/catalog.yaml`` with Turkish and English
labels, unit, level, year, edition, publisher and need direction. Values are joined to
units on TÜİK codes (``il_kodu`` / ``ilce_kodu``) through the versioned unit tables,
never on names; regional figures on their NUTS-2 code (``TR10`` … ``TRC3``). Density
divides population by polygon area computed in an equal-area projection (km²).

Indicators published for several years form a *series* (one catalog entry per year,
``series`` naming the group); :func:`series_members` and :func:`change_values` give the
year selector and the change view their data. A table is mapped only when it is
complete at its level: rows marked ``full_table=false`` never become values, and a
selection that leaves any unit without a value is refused (:class:`IncompleteTableError`).

Indicators uploaded by editors live in the store beside the bundled catalog, never in it:
:func:`catalog` stays the official set; :mod:`geo.user_catalog` adds the user ones for
the pages that offer them.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

import pandas as pd

from geo import DATA_DIR, yamlio
from geo.boundaries import (
    NUTS2_PATTERN,
    Level,
    province_pcode,
    provinces_table,
    regions_table,
    units,
)

INDICATOR_DIR = DATA_DIR / "indicators"
LOG = logging.getLogger("pilot_atlas")
#: What reads as more need: lower values, higher values, nothing (population, change), or
#: a meaning the page states and the user chooses (within-region poverty and inequality).
Need = Literal["lower", "higher", "none", "choose"]
NEEDS: tuple[Need, ...] = ("lower", "higher", "none", "choose")


class IncompleteTableError(ValueError):
    """A catalog entry selects a table that does not cover every unit of its level."""


@dataclass(frozen=True, slots=True)
class Indicator:
    """Catalog entry of one indicator."""

    id: str
    label_tr: str
    label_en: str
    unit_tr: str
    unit_en: str
    level: Level
    year: int
    edition: str
    publisher_tr: str
    publisher_en: str
    kind: str
    higher_is_better: bool | None
    caveat_tr: str = ""
    caveat_en: str = ""
    #: Uploaded by an editor (``geo.user_catalog``), not part of the bundled catalog.
    user: bool = False
    #: What reads as more need (see :data:`Need`).
    need: Need = "none"
    #: Group of the same indicator in other years ("" when it stands alone).
    series: str = ""
    edition_en: str = ""
    #: The caveat short enough for a map legend ("" when the legend cites the source only).
    legend_caveat_tr: str = ""
    legend_caveat_en: str = ""

    def label(self, lang: str) -> str:
        return self.label_en if lang == "en" else self.label_tr

    def unit(self, lang: str) -> str:
        return self.unit_en if lang == "en" else self.unit_tr

    def edition_text(self, lang: str) -> str:
        """The edition in ``lang`` (proper names such as "İl SEGE-2017" stay as they are)."""
        return (self.edition_en or self.edition) if lang == "en" else self.edition

    def caveat(self, lang: str) -> str:
        return self.caveat_en if lang == "en" else self.caveat_tr

    def legend_caveat(self, lang: str) -> str:
        return self.legend_caveat_en if lang == "en" else self.legend_caveat_tr

    def citation(self, lang: str) -> str:
        """``Publisher — edition (data year)``: shown wherever the indicator is used.

        The year is left out when unknown (``0``), which only user indicators allow.
        """
        publisher = self.publisher_en if lang == "en" else self.publisher_tr
        year = f" ({self.year})" if self.year else ""
        return f"{publisher} — {self.edition_text(lang)}{year}"


def _expand(item: dict, year: int) -> dict:
    """One catalog entry of a series: ``{year}`` replaced in every text."""

    def fill(value: object) -> object:
        if isinstance(value, str):
            return value.replace("{year}", str(year))
        if isinstance(value, list):
            return [fill(v) for v in value]
        if isinstance(value, dict):
            return {k: fill(v) for k, v in value.items()}
        return value

    expanded = {k: fill(v) for k, v in item.items() if k != "years"}
    expanded["year"] = year
    return expanded


@lru_cache(maxsize=1)
def _catalog_raw() -> dict:
    raw = yamlio.safe_load((INDICATOR_DIR / "catalog.yaml").read_text(encoding="utf-8"))
    entries: list[dict] = []
    for item in raw["indicators"]:
        if item.get("need") not in NEEDS:
            msg = f"catalog.yaml: {item['id']} declares no need direction (one of {NEEDS})"
            raise ValueError(msg)
        years = item.get("years")
        if years:
            entries.extend(_expand(item, int(y)) for y in years)
        else:
            entries.append(item)
    return {**raw, "indicators": entries}


def _higher_is_better(need: str) -> bool | None:
    return {"lower": True, "higher": False}.get(need)


@lru_cache(maxsize=1)
def catalog() -> dict[str, Indicator]:
    """All bundled indicators by id, in catalog order (a series in year order)."""
    raw = _catalog_raw()
    publishers = raw["publishers"]
    result: dict[str, Indicator] = {}
    for item in raw["indicators"]:
        publisher = publishers[item["publisher"]]
        result[item["id"]] = Indicator(
            id=item["id"],
            label_tr=item["label_tr"],
            label_en=item["label_en"],
            unit_tr=item["unit_tr"],
            unit_en=item["unit_en"],
            level=item["level"],
            year=int(item["year"]),
            edition=item["edition"],
            publisher_tr=publisher["tr"],
            publisher_en=publisher["en"],
            kind=item["kind"],
            higher_is_better=_higher_is_better(item["need"]),
            caveat_tr=item.get("caveat_tr", ""),
            caveat_en=item.get("caveat_en", ""),
            need=item["need"],
            series=item.get("series", ""),
            edition_en=item.get("edition_en", ""),
            legend_caveat_tr=item.get("legend_caveat_tr", ""),
            legend_caveat_en=item.get("legend_caveat_en", ""),
        )
    return result


def indicators_for(level: Level) -> list[Indicator]:
    """Catalog entries available at ``level``."""
    return [ind for ind in catalog().values() if ind.level == level]


@lru_cache(maxsize=8)
def _source_table(file: str) -> pd.DataFrame:
    return pd.read_csv(INDICATOR_DIR / file, dtype={"il_kodu": str, "ilce_kodu": str, "nuts2": str})


def _keyed(file: str, key: str) -> pd.DataFrame:
    table = _source_table(file)
    if key == "ilce_kodu":
        pcodes = units().reset_index().set_index("ilce_kodu")["pcode"]
        index = table["ilce_kodu"].map(pcodes)
    elif key == "nuts2":
        # National rows ("TR") are not a unit of any map.
        index = table["nuts2"].where(table["nuts2"].str.match(NUTS2_PATTERN.pattern))
    else:
        index = table["il_kodu"].map(province_pcode)
    return table.set_index(index.rename("pcode"))


def level_index(level: Level) -> pd.Index:
    """Every unit key of ``level``: 973 district or 81 province P-codes, 26 NUTS-2 codes."""
    if level == "district":
        return units().index
    if level == "province":
        return provinces_table().index
    return regions_table().index.rename("pcode")


def selected_rows(item: dict) -> pd.DataFrame:
    """The entry's rows: its ``where`` selection, complete-table rows only, keyed units."""
    table = _keyed(item["file"], item["key"])
    for column, wanted in (item.get("where") or {}).items():
        table = table[table[column].astype(str) == str(wanted)]
    if "full_table" in table.columns:
        # Partial rows (press quotes of extreme regions, other thresholds) are shown in a
        # table with their confidence, never mapped.
        table = table[table["full_table"].astype(str).str.lower() == "true"]
    table = table[table.index.notna()]
    missing = level_index(item["level"]).difference(table.index)
    if len(missing) or not table.index.is_unique:
        msg = (
            f"{item['id']}: {item['file']} does not give exactly one value for every "
            f"{item['level']} ({len(missing)} missing); a partial table is not mapped"
        )
        raise IncompleteTableError(msg)
    return table


@lru_cache(maxsize=64)
def _values(indicator_id: str) -> pd.Series:
    item = next(i for i in _catalog_raw()["indicators"] if i["id"] == indicator_id)
    table = selected_rows(item)
    kind = item["kind"]
    if kind == "density":
        areas = (
            units()["area_km2"] if item["level"] == "district" else provinces_table()["area_km2"]
        )
        values = table[item["column"]] / areas.reindex(table.index)
    elif kind == "change":
        before, after = item["column"]
        values = (table[after] / table[before] - 1.0) * 100.0
    else:
        values = table[item["column"]]
    return values.astype(float).rename(indicator_id)


def values(indicator_id: str) -> pd.Series:
    """Values of one indicator indexed by P-code (float; NaN where missing)."""
    return _values(indicator_id).copy()


def table(level: Level) -> pd.DataFrame:
    """All indicators of ``level`` as columns, indexed by the key of every unit."""
    index = level_index(level)
    columns = {ind.id: _values(ind.id).reindex(index) for ind in indicators_for(level)}
    frame = pd.DataFrame(columns, index=index)
    if level == "district":
        sege = _keyed("sege2022_ilce.csv", "ilce_kodu")
        frame["sege2022_rank_max"] = sege["rank_max"].reindex(index)
    return frame


def rank_text(pcode: str) -> str:
    """SEGE-2022 rank of a district as printed: ``"12"`` or ``"12–14"`` where scores tie."""
    sege = _keyed("sege2022_ilce.csv", "ilce_kodu")
    if pcode not in sege.index:
        return ""
    low, high = int(sege.at[pcode, "rank"]), int(sege.at[pcode, "rank_max"])
    return str(low) if low == high else f"{low}–{high}"


def poverty_partial() -> pd.DataFrame:
    """TÜİK regional poverty figures that do not form a complete table: never mapped.

    The rows of ``tuik_poverty_nuts2.csv`` marked ``full_table=false`` (each with its
    confidence and source link) followed by the press quotes of
    ``tuik_gyka_regional_partial.csv``. They cover only some regions of some survey
    years, so they are shown as a table with their caveat.
    """
    nuts2 = _source_table("tuik_poverty_nuts2.csv")
    partial = nuts2[nuts2["full_table"].astype(str).str.lower() != "true"]
    older = _source_table("tuik_gyka_regional_partial.csv").rename(
        columns={"survey_year": "year", "region_code": "nuts2", "source_url": "source"}
    )
    both = pd.concat([partial, older], ignore_index=True, sort=False)
    return both[list(PARTIAL_COLUMNS)].reset_index(drop=True)


#: Columns of :func:`poverty_partial`, in order.
PARTIAL_COLUMNS = (
    "year",
    "income_reference_year",
    "nuts2",
    "region_name",
    "indicator",
    "threshold",
    "unit",
    "value",
    "confidence",
    "source",
    "note",
)


_TIER_OF = {"sege2022": "sege2022_tier", "sege2017": "sege2017_tier"}


def tiers_for(indicator_id: str) -> pd.Series | None:
    """Official SEGE tiers of the edition ``indicator_id`` belongs to, else ``None``."""
    tier_id = _TIER_OF.get(indicator_id.split("_", maxsplit=1)[0])
    return values(tier_id) if tier_id else None


def need_order(indicator: Indicator, choice: Need | None = None) -> bool | None:
    """Sort ascending (True) or descending (False) to put the highest need first.

    ``None`` when the indicator has no need direction (population, density, change). An
    indicator whose direction is ``"choose"`` takes ``choice`` (``"higher"``,
    ``"lower"`` or ``"none"``), the user's reading of it; without one it has none.
    """
    need = need_of(indicator)
    if need == "choose":
        need = choice if choice in ("higher", "lower") else "none"
    return {"lower": True, "higher": False}.get(need)


def need_of(indicator: Indicator) -> Need:
    """The declared need direction; a user indicator's follows its "higher is better"."""
    if indicator.user:
        return {True: "lower", False: "higher"}.get(indicator.higher_is_better, "none")  # type: ignore[return-value]
    return indicator.need


def series_members(indicator: Indicator | str) -> list[Indicator]:
    """Every year of the indicator's series, oldest first (just itself when alone)."""
    ind = catalog()[indicator] if isinstance(indicator, str) else indicator
    if not ind.series:
        return [ind]
    return sorted((i for i in catalog().values() if i.series == ind.series), key=lambda i: i.year)


def series_heads() -> dict[str, Indicator]:
    """One entry per series or lone indicator (the latest year), keyed by series id."""
    heads: dict[str, Indicator] = {}
    for ind in catalog().values():
        key = ind.series or ind.id
        if key not in heads or ind.year > heads[key].year:
            heads[key] = ind
    return heads


def change_values(first: str, last: str) -> pd.Series:
    """Change from indicator ``first`` to ``last`` (two years of one series), in percent.

    Per unit ``(last / first - 1) × 100``; NaN where either value is missing or the first
    is 0. Both must be of the same series and level.
    """
    a, b = catalog()[first], catalog()[last]
    if not a.series or a.series != b.series:
        msg = f"{first} and {last} are not two years of one series"
        raise ValueError(msg)
    before, after = _values(first), _values(last)
    with_base = before.where(before != 0)
    return ((after / with_base - 1.0) * 100.0).rename(f"{first}→{last}")
