"""Need versus coverage: what counts as covered at each level, and the highest-need table."""

from __future__ import annotations

import pytest

from geo import indicators
from geo.boundaries import units
from geo.views import Filters, coverage_of, highest_need, pilot_units, site_view


@pytest.fixture(scope="module")
def view(registry):
    return site_view(registry, Filters())


def test_district_covered_by_its_province(view) -> None:
    coverage = coverage_of(view, "district")
    provincial = set(view.loc[view["level"] == "province", "pcode"])
    own = set(view.loc[view["level"] == "district", "pcode"])
    for pcode, row in coverage.iterrows():
        if pcode in own:
            assert row["coverage"] == "own"
        elif pcode[:6] in provincial:
            assert row["coverage"] == "province" and row["projects"]
        else:
            assert row["coverage"] == "none" and row["projects"] == ""
    # Harran lies in Şanlıurfa, an EKOSEP province: never a "no pilot" district.
    harran = units().index[units()["district"] == "Harran"][0]
    assert coverage.at[harran, "coverage"] == "province"
    assert "EKOSEP" in coverage.at[harran, "projects"]


def test_province_and_region_coverage(view) -> None:
    provinces = coverage_of(view, "province")
    touched = set(view["province_pcode"])
    assert set(provinces.index[provinces["coverage"] != "none"]) == touched
    regions = coverage_of(view, "region")
    assert len(regions) == 26
    covered = set(regions.index[regions["coverage"] == "members"])
    from geo.boundaries import provinces_table

    assert covered == set(provinces_table().loc[sorted(touched), "nuts2"])
    assert pilot_units(view, "region") == covered


def test_highest_need_leaves_out_every_covered_unit(view) -> None:
    coverage = coverage_of(view, "district")
    values = indicators.values("sege2022_score")
    table = highest_need(values, coverage, True, "district", n=40)
    assert len(table) == 40 and (table["coverage"] == "none").all()
    assert table["value"].is_monotonic_increasing  # lower score = more need, first
    everything = highest_need(values, coverage, True, "district", n=40, only_uncovered=False)
    assert set(everything["coverage"]) > {"none"}


def test_highest_need_by_region_and_direction(view) -> None:
    coverage = coverage_of(view, "region")
    poverty = indicators.catalog()["poverty_rate_2018_region"]
    values = indicators.values(poverty.id)
    with pytest.raises(ValueError, match="no highest-need"):
        highest_need(values, coverage, indicators.need_order(poverty), "region")
    table = highest_need(values, coverage, indicators.need_order(poverty, "higher"), "region", n=5)
    assert table["value"].is_monotonic_decreasing
    assert table["region"].str.match(r"^TR[1-9A-C]\d ").all()
    gdp = indicators.catalog()["gdp_pc_try_2024"]
    provinces = highest_need(
        indicators.values(gdp.id),
        coverage_of(view, "province"),
        indicators.need_order(gdp),
        "province",
        n=81,
        only_uncovered=False,
    )
    assert provinces.iloc[0]["province"] == "Şanlıurfa"  # lowest GDP per capita in 2024
