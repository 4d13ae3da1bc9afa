"""Boundary layers, unit tables and the bundled indicator set."""

from __future__ import annotations

import pandas as pd
import pytest
from geopandas.testing import assert_geoseries_equal

from geo import DATA_DIR, EQUAL_AREA_CRS, indicators
from geo.boundaries import (
    area_km2,
    boundaries,
    coverage_simplified,
    level_of,
    province_boundaries,
    units,
)


@pytest.fixture(scope="module")
def districts():
    return boundaries("district")


def test_layer_sizes_and_crs(districts) -> None:
    provinces = province_boundaries()
    assert len(districts) == 973 and districts["pcode"].is_unique
    assert len(provinces) == 81 and provinces["pcode"].is_unique
    assert districts.crs.to_epsg() == 4326 and provinces.crs.to_epsg() == 4326
    assert districts["district"].notna().all() and provinces["province"].notna().all()


def test_provinces_are_dissolved_districts(districts) -> None:
    provinces = province_boundaries().set_index("pcode")
    istanbul = districts[districts["province_pcode"] == "TUR034"].geometry.union_all()
    assert istanbul.symmetric_difference(provinces.at["TUR034", "geometry"]).area < 1e-9


def test_unit_table_matches_boundaries_and_codes(districts) -> None:
    table = units()
    assert set(table.index) == set(districts["pcode"])
    assert (table["province_pcode"] == table.index.str[:6]).all()
    assert table["ilce_kodu"].is_unique


def test_unit_table_is_reproducible() -> None:
    from scripts.build_units import build

    fresh, _ = build()
    stored = pd.read_csv(DATA_DIR / "units.csv", dtype={"il_kodu": str, "ilce_kodu": str})
    pd.testing.assert_frame_equal(fresh.reset_index(drop=True), stored, check_dtype=False)


def test_equal_area_areas_are_plausible(districts) -> None:
    areas = area_km2(districts)
    assert 770_000 < areas.sum() < 790_000  # Türkiye's land area less major lakes
    assert districts.crs.to_epsg() == 4326  # the input is not reprojected in place


def test_coverage_simplification_keeps_shared_borders(districts) -> None:
    sample = districts[districts["province_pcode"] == "TUR006"]
    simplified = coverage_simplified(sample, 0.01)
    assert simplified.geometry.count_coordinates().sum() < sample.geometry.count_coordinates().sum()
    before = sample.geometry.to_crs(EQUAL_AREA_CRS)
    after = simplified.geometry.to_crs(EQUAL_AREA_CRS)
    union_before = before.union_all().area
    total_after = after.area.sum()
    union_after = after.union_all().area
    assert total_after == pytest.approx(union_after, rel=1e-9)  # no overlaps
    assert union_after == pytest.approx(union_before, rel=0.01)  # no gaps opened
    assert_geoseries_equal(sample.geometry, districts.loc[sample.index].geometry)


def test_level_of() -> None:
    assert level_of("TUR034") == "province"
    assert level_of("TUR034035") == "district"
    with pytest.raises(ValueError, match="P-code"):
        level_of("34")


def test_sege2022_joins_all_districts() -> None:
    table = indicators.table("district")
    assert len(table) == 973
    assert table["sege2022_score"].notna().sum() == 973
    assert table.at["TUR034035", "sege2022_rank"] == 1  # Şişli
    assert indicators.rank_text("TUR034010") == "3"


def test_province_indicators_and_density() -> None:
    table = indicators.table("province")
    assert len(table) == 81 and table.notna().all().all()
    assert table.at["TUR034", "sege2017_rank"] == 1
    assert table.at["TUR034", "density_2025_province"] > 2500  # İstanbul
    assert table["density_2025_province"].idxmin() == "TUR062"  # Tunceli


def test_catalog_cites_publisher_edition_year() -> None:
    for ind in indicators.catalog().values():
        assert ind.level in ("province", "district", "region")
        assert str(ind.year) in ind.citation("tr") and str(ind.year) in ind.citation("en")
        assert ind.edition in ind.citation("tr")
        assert ind.edition_text("en") in ind.citation("en")
        assert ind.publisher_en in ind.citation("en")
        assert ind.label("tr") and ind.label("en") and ind.unit("en")
        assert ind.need in indicators.NEEDS


def test_english_editions_hold_no_turkish_words() -> None:
    for ind in indicators.catalog().values():
        for word in ("Aralık", " ve ", "alanı", "bülteni", "gelirleri"):
            assert word not in ind.citation("en"), (ind.id, word)


def test_poverty_table_is_marked_partial() -> None:
    table = indicators.poverty_partial()
    assert tuple(table.columns) == indicators.PARTIAL_COLUMNS
    for (year, indicator), rows in table.groupby(["year", "indicator"]):
        assert rows["nuts2"].nunique() < 26, (year, indicator)
    # Every partial row keeps its confidence and its source link.
    assert table["confidence"].notna().all() and table["source"].str.contains("http").all()
