"""The bundled indicator set: official SEGE and ADNKS figures keyed by P-code.

Each indicator is described in ``data/indicators/catalog.yaml`` with Turkish and English
labels, unit, level, year, edition, publisher and direction. Values are joined to
units on TÜİK codes (``il_kodu`` / ``ilce_kodu``) through the versioned unit tables,
never on names. Density divides population by polygon area computed in an equal-area
projection (km²).

Indicators uploaded by editors live in the store beside the bundled catalog, never in it:
:func:`catalog` stays the official set; :mod:`geo.user_catalog` adds the user ones for
the pages that offer them.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd
import yaml

from geo import DATA_DIR
from geo.boundaries import Level, province_pcode, provinces_table, units

INDICATOR_DIR = DATA_DIR / "indicators"
LOG = logging.getLogger("pilot_atlas")


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
    #: English wording of ``edition`` where it is not a proper name ("31 Aralık").
    edition_en: str = ""
    #: Uploaded by an editor (``geo.user_catalog``), not part of the bundled catalog.
    user: bool = False

    def label(self, lang: str) -> str:
        return self.label_en if lang == "en" else self.label_tr

    def unit(self, lang: str) -> str:
        return self.unit_en if lang == "en" else self.unit_tr

    def edition_text(self, lang: str) -> str:
        """The edition in ``lang`` (names such as "İl SEGE-2017" stay as published)."""
        return self.edition_en if lang == "en" and self.edition_en else self.edition

    def citation(self, lang: str) -> str:
        """``Publisher, edition (year)``: shown wherever the indicator is used.

        The year is left out when unknown (``0``), which only user indicators allow.
        """
        publisher = self.publisher_en if lang == "en" else self.publisher_tr
        year = f" ({self.year})" if self.year else ""
        return f"{publisher} — {self.edition_text(lang)}{year}"


@lru_cache(maxsize=1)
def _catalog_raw() -> dict:
    return yaml.safe_load((INDICATOR_DIR / "catalog.yaml").read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def catalog() -> dict[str, Indicator]:
    """All bundled indicators by id, in catalog order."""
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
            higher_is_better=item["higher_is_better"],
            caveat_tr=item.get("caveat_tr", ""),
            caveat_en=item.get("caveat_en", ""),
            edition_en=item.get("edition_en", ""),
        )
    return result


def indicators_for(level: Level) -> list[Indicator]:
    """Catalog entries available at ``level``."""
    return [ind for ind in catalog().values() if ind.level == level]


@lru_cache(maxsize=8)
def _source_table(file: str) -> pd.DataFrame:
    return pd.read_csv(INDICATOR_DIR / file, dtype={"il_kodu": str, "ilce_kodu": str})


def _keyed(file: str, key: str) -> pd.DataFrame:
    table = _source_table(file)
    if key == "ilce_kodu":
        pcodes = units().reset_index().set_index("ilce_kodu")["pcode"]
        index = table["ilce_kodu"].map(pcodes)
    else:
        index = table["il_kodu"].map(province_pcode)
    return table.set_index(index.rename("pcode"))


@lru_cache(maxsize=32)
def _values(indicator_id: str) -> pd.Series:
    item = next(i for i in _catalog_raw()["indicators"] if i["id"] == indicator_id)
    table = _keyed(item["file"], item["key"])
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
    """All indicators of ``level`` as columns, indexed by P-code of every unit."""
    index = units().index if level == "district" else provinces_table().index
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
    """TÜİK regional poverty figures as quoted in the press: a PARTIAL table.

    It covers only the extreme regions of some survey years, so it must never colour a
    26-region map; it is shown as a table with its caveat.
    """
    return _source_table("tuik_gyka_regional_partial.csv").copy()


_TIER_OF = {"sege2022": "sege2022_tier", "sege2017": "sege2017_tier"}


def tiers_for(indicator_id: str) -> pd.Series | None:
    """Official SEGE tiers of the edition ``indicator_id`` belongs to, else ``None``."""
    tier_id = _TIER_OF.get(indicator_id.split("_", maxsplit=1)[0])
    return values(tier_id) if tier_id else None


def need_order(indicator: Indicator) -> bool | None:
    """Sort ascending (True) or descending (False) to put the highest need first.

    ``None`` when the indicator has no need direction (population, density, change).
    """
    if indicator.higher_is_better is None:
        return None
    return bool(indicator.higher_is_better)
