"""NUTS-2 regions as a geography, and the bundled GDP per capita and poverty tables."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
import shapely

from geo import DATA_DIR, EQUAL_AREA_CRS, indicators
from geo.boundaries import (
    area_km2,
    boundaries,
    provinces_table,
    region_name,
    region_of,
    regions_table,
    unit_level,
)
from geo.geometry import display_layer, unit_names

# shared/ lies beside the checkout, on a developer machine and in CI alike.
REFERENCE_DIR = Path(__file__).resolve().parents[2] / "shared" / "reference" / "indicators"
INDICATOR_DIR = DATA_DIR / "indicators"
CODES = [
    "TR10", "TR21", "TR22", "TR31", "TR32", "TR33", "TR41", "TR42", "TR51", "TR52", "TR61",
    "TR62", "TR63", "TR71", "TR72", "TR81", "TR82", "TR83", "TR90", "TRA1", "TRA2", "TRB1",
    "TRB2", "TRC1", "TRC2", "TRC3",
]  # fmt: skip


@pytest.fixture(scope="module")
def regions():
    return boundaries("region")


def test_regions_are_the_26_nuts2_codes_with_names(regions) -> None:
    assert list(regions["pcode"]) == CODES
    table = regions_table()
    assert list(table.index) == CODES
    assert table["name_tr"].str.len().gt(0).all() and table["name_en"].str.len().gt(0).all()
    assert table["provinces"].sum() == 81
    assert region_name("TR21", "en") == "TR21 Tekirdağ, Edirne, Kırklareli"
    assert unit_level("TRC3") == "region" and unit_level("TUR034") == "province"
    # Each official name lists exactly the provinces the unit table assigns to the region.
    provinces = provinces_table()
    for code, name in table["name_tr"].items():
        members = set(provinces.loc[provinces["nuts2"] == code, "province"])
        assert {n.strip() for n in name.split(",")} == members, code


def test_region_coverage_has_no_gaps_or_overlaps(regions) -> None:
    projected = regions.geometry.to_crs(EQUAL_AREA_CRS).to_numpy()
    districts = boundaries("district").geometry.to_crs(EQUAL_AREA_CRS).to_numpy()
    union = shapely.union_all(projected)
    country = shapely.union_all(districts)
    overlaps = sum(g.area for g in projected) - union.area
    gaps = shapely.symmetric_difference(union, country).area
    assert (overlaps + gaps) / country.area * 1e6 < 0.01  # ppm of the area


def test_region_area_is_the_sum_of_its_provinces(regions) -> None:
    provinces = boundaries("province")
    by_region = area_km2(provinces).groupby(region_of(provinces["pcode"]).to_numpy()).sum()
    areas = area_km2(regions).set_axis(regions["pcode"])
    relative = ((areas - by_region.reindex(areas.index)).abs() / by_region).max()
    assert relative < 1e-4  # 0.01 %


def test_region_display_layer_is_a_coverage() -> None:
    layer = display_layer("region")
    assert list(layer["pcode"]) == CODES
    projected = layer.geometry.to_crs(EQUAL_AREA_CRS)
    assert projected.area.sum() == pytest.approx(projected.union_all().area, rel=1e-8)
    names = unit_names(["TR10", "TUR034"])
    assert names == {"TR10": "TR10 İstanbul", "TUR034": "İstanbul"}


def _rows(name: str) -> list[dict[str, str]]:
    with (INDICATOR_DIR / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_every_gdp_figure_equals_the_reference_file() -> None:
    units = {"TRY per person, current prices": "try", "USD per person, current prices": "usd"}
    checked = 0
    for row in _rows("tuik_gdp_per_capita_il.csv"):
        ind_id = f"gdp_pc_{units[row['unit']]}_{row['year']}"
        value = indicators.values(ind_id)[f"TUR{int(row['il_kodu']):03d}"]
        assert value == float(row["value"]), (ind_id, row["province"])
        checked += 1
    assert checked == 81 * 5 * 2
    table = indicators.table("province")
    for currency in ("try", "usd"):
        for year in range(2020, 2025):
            assert table[f"gdp_pc_{currency}_{year}"].notna().sum() == 81


def test_every_2018_poverty_figure_equals_the_reference_file() -> None:
    wanted = {
        ("relative_poverty_rate", "60pct_regional_median"): "poverty_rate_2018_region",
        ("gini_coefficient", "equivalised household disposable income"): "gini_2018_region",
    }
    checked = 0
    for row in _rows("tuik_poverty_nuts2.csv"):
        ind_id = wanted.get((row["indicator"], row["threshold"]))
        if row["year"] != "2018" or ind_id is None or row["nuts2"] == "TR":
            continue
        assert row["full_table"] == "true"
        assert indicators.values(ind_id)[row["nuts2"]] == float(row["value"]), row["nuts2"]
        checked += 1
    assert checked == 26 * 2
    assert list(indicators.table("region").index) == CODES


def test_no_partial_row_is_mapped() -> None:
    partial = {
        (r["year"], r["nuts2"], r["indicator"], r["value"])
        for r in _rows("tuik_poverty_nuts2.csv")
        if r["full_table"] != "true"
    }
    for ind in indicators.catalog().values():
        if ind.level != "region":
            continue
        for code, value in indicators.values(ind.id).items():
            assert (str(ind.year), code, "relative_poverty_rate", f"{value:.1f}") not in partial
    # A selection that only partial rows could fill is refused rather than mapped.
    item = {
        "id": "poverty_rate_2017_region",
        "level": "region",
        "file": "tuik_poverty_nuts2.csv",
        "key": "nuts2",
        "where": {"year": "2017", "indicator": "gini_coefficient"},
    }
    with pytest.raises(indicators.IncompleteTableError, match="partial table is not mapped"):
        indicators.selected_rows(item)


def test_bundled_files_are_copies_of_the_reference() -> None:
    if not REFERENCE_DIR.is_dir():
        pytest.skip("no shared/reference folder beside this checkout")
    for name in ("tuik_gdp_per_capita_il.csv", "tuik_poverty_nuts2.csv"):
        assert (INDICATOR_DIR / name).read_bytes() == (REFERENCE_DIR / name).read_bytes()


def test_need_directions() -> None:
    catalog = indicators.catalog()
    assert catalog["gdp_pc_try_2024"].need == "lower"
    assert catalog["sege2022_tier"].need == "higher"
    assert catalog["pop_2025_district"].need == "none"
    assert catalog["pop_change_2021_2025_district"].need == "none"
    poverty = catalog["poverty_rate_2018_region"]
    assert poverty.need == "choose"
    assert indicators.need_order(poverty) is None
    assert indicators.need_order(poverty, "higher") is False
    assert indicators.need_order(catalog["gdp_pc_usd_2020"]) is True


def test_series_and_change() -> None:
    members = indicators.series_members("gdp_pc_try_2022")
    assert [m.year for m in members] == [2020, 2021, 2022, 2023, 2024]
    assert [m.year for m in indicators.series_members("pop_2025_province")] == list(
        range(2021, 2026)
    )
    assert indicators.series_members("sege2017_score")[0].id == "sege2017_score"
    change = indicators.change_values("pop_2021_district", "pop_2025_district")
    direct = indicators.values("pop_change_2021_2025_district")
    assert (change - direct).abs().max() < 1e-9
    usd = indicators.change_values("gdp_pc_usd_2020", "gdp_pc_usd_2024")
    istanbul = 100 * (
        indicators.values("gdp_pc_usd_2024")["TUR034"]
        / indicators.values("gdp_pc_usd_2020")["TUR034"]
        - 1
    )
    assert usd["TUR034"] == pytest.approx(istanbul)
    with pytest.raises(ValueError, match="not two years of one series"):
        indicators.change_values("gdp_pc_usd_2020", "gdp_pc_try_2024")


def test_region_export_has_one_row_per_nuts2_code(tmp_path) -> None:
    import json

    from geo.export import main

    out = tmp_path / "regions.geojson"
    assert main(["indicators", "--level", "region", "--format", "geojson", "--out", str(out)]) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert [f["properties"]["pcode"] for f in data["features"]] == CODES
    assert all(f["geometry"]["type"] in ("Polygon", "MultiPolygon") for f in data["features"])
    first = data["features"][0]["properties"]
    assert first["poverty_rate_2018_region"] == 21.0
    assert "kendi medyan" in first["poverty_rate_2018_region_caveat"]
    editions = {s["column"]: (s["edition"], s["data_year"]) for s in data["sources"]}
    assert editions["poverty_rate_2018_region"] == (
        "GYKA 2018 (2017 gelirleri), İBBS Düzey 2",
        2018,
    )


def test_province_export_has_gdp_per_year_and_sources_sheet(tmp_path) -> None:
    import pandas as pd

    from geo.export import main

    out = tmp_path / "provinces.xlsx"
    assert main(["indicators", "--level", "province", "--format", "xlsx", "--out", str(out)]) == 0
    sheets = pd.read_excel(out, sheet_name=None)
    data, sources = sheets["indicators"], sheets["sources"]
    assert len(data) == 81
    for currency in ("try", "usd"):
        for year in range(2020, 2025):
            assert data[f"gdp_pc_{currency}_{year}"].notna().all()
    row = sources.set_index("column").loc["gdp_pc_usd_2024"]
    assert row["data_year"] == 2024 and "53930" in row["edition"]
