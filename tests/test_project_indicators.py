"""The project page's table of GDP per capita and regional poverty for its pilot units."""

from __future__ import annotations

import pandas as pd
import pytest

from geo.indicators import catalog
from geo.project_indicators import shown_indicators, unit_indicators
from tests.test_app import run_app

REFERENCE = "gdp_pc_try_2024", "gdp_pc_usd_2024", "poverty_rate_2018_region", "gini_2018_region"


def test_latest_gdp_year_and_the_2018_regional_figures() -> None:
    assert [i.id for i in shown_indicators()] == list(REFERENCE)


def test_district_shows_its_province_gdp_and_region_poverty_level_said() -> None:
    found = unit_indicators(["TUR063001", "TUR063", "TUR063001", "TUR999"], "en")
    assert found.pcodes == ["TUR063001", "TUR063"]  # repeats and unknown codes left out
    district, province = found.table.to_dict("records")
    assert district["Pilot unit"] == "Akçakale, Şanlıurfa"
    assert district["GDP/capita 2024 (TL)"] == "188,144"
    assert district["GDP/capita 2024 (US$)"] == "5,731"
    assert district["GDP value of"] == "Its province: Şanlıurfa"
    assert province["GDP value of"] == "Itself (province)"
    assert district["Region (NUTS-2)"] == "TRC2 Şanlıurfa, Diyarbakır"
    assert district["Poverty 2018 (%, region)"] == "17.9"
    assert district["Gini 2018 (region)"] == "0.380"
    assert "not which region is poorer" in found.caveats[0]
    citations = " ".join(found.citations)
    for ind in shown_indicators():
        assert ind.citation("en") in citations  # publisher, edition, data year


def test_turkish_numbers_and_words() -> None:
    found = unit_indicators(["TUR063001"], "tr")
    (row,) = found.table.to_dict("records")
    assert row["Kişi b. GSYH 2024 (TL)"] == "188.144"
    assert row["Yoksulluk 2018 (%, bölge)"] == "17,9"
    assert row["Gini 2018 (bölge)"] == "0,380"
    assert row["GSYH kimin"] == "İli: Şanlıurfa"
    assert "hangi bölgenin daha yoksul olduğunu göstermez" in found.caveats[0]


def test_values_are_the_bundled_figures() -> None:
    from geo import indicators

    pcodes = list(indicators.values("gdp_pc_try_2024").index[:10])
    found = unit_indicators(pcodes, "en")
    header = "GDP/capita 2024 (TL)"
    expected = [f"{indicators.values('gdp_pc_try_2024')[p]:,.0f}" for p in pcodes]
    assert found.table[header].tolist() == expected
    assert catalog()["gdp_pc_try_2024"].level == "province"


def test_no_units_gives_an_empty_table() -> None:
    found = unit_indicators([], "en")
    assert found.table.empty and found.pcodes == []


@pytest.mark.parametrize(
    ("lang", "title", "header", "caveat"),
    [
        ("tr", "Pilot birimlerde gelir", "GSYH kimin", "göstermez"),
        ("en", "Income, poverty and inequality", "GDP value of", "not which region"),
    ],
)
def test_project_page_section_in_both_languages(
    lang: str, title: str, header: str, caveat: str
) -> None:
    at = run_app(page="project", p="ekosep", lang=lang)
    assert not at.exception
    assert any(s.value.startswith(title) for s in at.subheader)
    table = next(df.value for df in at.dataframe if header in df.value.columns)
    assert isinstance(table, pd.DataFrame) and len(table) >= 1
    assert any(caveat in w.value for w in at.warning)
    sources = " ".join(c.value for c in at.caption)
    for ind in shown_indicators():
        assert ind.citation(lang) in sources
