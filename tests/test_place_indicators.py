"""The unit panel shows the values of the province and region a unit lies in, level said."""

from __future__ import annotations

from geo.indicator_maps import related_rows
from geo.views import related_indicators, unit_detail


def test_district_gets_its_province_and_region_values() -> None:
    related = related_indicators("TUR063001")  # a district of Şanlıurfa
    ids = {(level, key, ind) for level, key, ind, _ in related}
    assert ("province", "TUR063", "gdp_pc_try_2024") in ids
    assert ("province", "TUR063", "gdp_pc_usd_2024") in ids
    assert not any(ind == "gdp_pc_try_2020" for _, _, ind in ids)  # latest year only
    assert ("region", "TRC2", "poverty_rate_2018_region") in ids
    values = {ind: value for _, _, ind, value in related}
    assert values["gdp_pc_try_2024"] == 188144.0 and values["poverty_rate_2018_region"] == 17.9


def test_province_gets_its_region_only() -> None:
    related = related_indicators("TUR063")
    assert {level for level, *_ in related} == {"region"}


def test_panel_rows_say_whose_value_and_the_poverty_caveat(registry) -> None:
    detail = unit_detail(registry, "TUR063001", "en")
    rows = related_rows(detail["related"], "en")
    gdp = next(r for r in rows if r["Indicator"].startswith("GDP per capita 2024 (TL)"))
    assert gdp["Indicator"].endswith("Province: Şanlıurfa") and gdp["Value"] == "188,144"
    poverty = next(r for r in rows if r["Indicator"].startswith("Relative poverty rate"))
    assert "Region (NUTS-2): TRC2 Şanlıurfa, Diyarbakır" in poverty["Indicator"]
    assert "not which region is poorer" in poverty["Source"]
    tr = related_rows(detail["related"], "tr")
    assert any(r["Değer"] == "188.144" for r in tr)


def test_change_cites_the_shared_edition_once() -> None:
    from geo import indicators
    from geo.indicator_maps import change_citation

    c = indicators.catalog()
    text = change_citation(c["gdp_pc_usd_2020"], c["gdp_pc_usd_2024"], "en")
    assert text.count("TurkStat") == 1 and text.endswith("(2020, 2024)")
    pop = change_citation(c["pop_2021_district"], c["pop_2025_district"], "en")
    assert pop.count("TurkStat") == 1
    assert "ADNKS 2021 (31 December) (2021); ADNKS 2025 (31 December) (2025)" in pop
