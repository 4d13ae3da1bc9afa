"""GDP per capita, regional poverty and inequality of a project's pilot units.

The project page lists each pilot unit with the latest provincial GDP per capita (TL and
US dollars) and its NUTS-2 region's relative poverty rate and Gini coefficient of 2018.
TÜİK publishes GDP per capita by province and poverty by region only, so a district
shows its province's GDP and every unit its region's poverty figures; each value says
whose it is. The citations (publisher, edition, data year) and the poverty caveat go with
the table. Pure functions; numbers formatted for the language (:mod:`geo.numbers`).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from geo import indicators
from geo.boundaries import provinces_table, region_name, units
from geo.i18n import t
from geo.indicator_maps import decimals_of
from geo.indicators import Indicator
from geo.numbers import format_number

#: Series shown, by the level TÜİK publishes them at: GDP by province, poverty by region.
GDP_SERIES = ("gdp_pc_try", "gdp_pc_usd")
REGION_SERIES = ("poverty_rate_region", "gini_region")


@dataclass(frozen=True)
class UnitIndicators:
    """The table of a project's units and what goes with it.

    Attributes
    ----------
    table : DataFrame
        One row per pilot unit, headers and values as text in the language.
    pcodes : list of str
        The units' P-codes, in the table's row order (to open a place profile).
    citations : list of str
        ``Publisher — edition (data year)`` of each indicator shown.
    caveats : list of str
        The indicators' caveats: the within-region meaning of the poverty rate first,
        then the Gini's and GDP's.
    """

    table: pd.DataFrame
    pcodes: list[str]
    citations: list[str]
    caveats: list[str]


def shown_indicators() -> list[Indicator]:
    """The latest year of GDP per capita (TL, USD), then the 2018 poverty rate and Gini."""
    heads = indicators.series_heads()
    return [heads[key] for key in (*GDP_SERIES, *REGION_SERIES)]


def _unit_name(pcode: str) -> str:
    if len(pcode) == 9:
        row = units().loc[pcode]
        return f"{row['district']}, {row['province']}"
    return str(provinces_table().at[pcode, "province"])


#: Short column headers of the four indicators (their full labels go with the citations).
HEADERS = ("pind_gdp_try", "pind_gdp_usd", "pind_poverty", "pind_gini")


def unit_indicators(pcodes: list[str], lang: str) -> UnitIndicators:
    """GDP per capita and regional poverty figures of ``pcodes`` (provinces, districts).

    Parameters
    ----------
    pcodes : list of str
        Pilot units (COD-AB P-codes); repeated and unknown codes are left out.
    lang : {"tr", "en"}

    Returns
    -------
    UnitIndicators
        Rows in the order given. Columns: unit, the two GDP values with whose value
        they are (which says the unit's level) ("İli: Şanlıurfa" for a district), the NUTS-2 region,
        and the region's poverty rate and Gini coefficient.
    """
    known = provinces_table().index.union(units().index)
    keys = [p for p in dict.fromkeys(pcodes) if p in known]
    gdp_try, gdp_usd, poverty, gini = shown_indicators()
    nuts2 = provinces_table()["nuts2"]
    rows = []
    for pcode in keys:
        province, region = pcode[:6], str(nuts2[pcode[:6]])
        is_district = len(pcode) == 9
        whose = (
            t("pind_province_value", lang, place=_unit_name(province))
            if is_district
            else t("pind_own_value", lang)
        )
        # The level is said by the GDP column ("Its province: …" / "Itself (province)").
        row = {t("pind_unit", lang): _unit_name(pcode)}
        for ind, header in zip((gdp_try, gdp_usd), HEADERS[:2], strict=True):
            row[t(header, lang, year=ind.year)] = _value(ind, province, lang)
        row[t("pind_gdp_whose", lang)] = whose
        row[t("level_region", lang)] = region_name(region, lang)
        for ind, header in zip((poverty, gini), HEADERS[2:], strict=True):
            row[t(header, lang, year=ind.year)] = _value(ind, region, lang)
        rows.append(row)
    shown = shown_indicators()
    return UnitIndicators(
        table=pd.DataFrame(rows),
        pcodes=keys,
        citations=[f"{ind.label(lang)}: {ind.citation(lang)}" for ind in shown],
        caveats=list(
            dict.fromkeys(c for ind in (poverty, gini, gdp_try) if (c := ind.caveat(lang)))
        ),
    )


def _value(ind: Indicator, key: str, lang: str) -> str:
    value = indicators.values(ind.id).get(key)
    return format_number(value, lang, decimals_of(ind))
