"""NUTS-2 regions as an upload level: matching, the store, the catalog, exports, profile,
and the editor's path through app.py (upload → save → indicators page at region level)."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from geo import user_catalog
from geo.boundaries import regions_table
from geo.export import indicators_table
from geo.manage import preview_values, unit_names
from geo.profile import indicator_profile
from geo.store import Store
from geo.store.indicators import (
    UserIndicatorMeta,
    indicator_table,
    indicator_values,
    list_indicators,
    save_indicator,
)
from geo.upload import match_keys

EDITOR = {"user": "ayse", "role": "editor"}
CODES = list(regions_table().index)


def _frame(rows: list[list[str]], columns: list[str]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=columns, dtype=str)


def _region_values() -> pd.Series:
    """One value per region: 1.0 for TR10, 2.0 for TR21 … 26.0 for TRC3."""
    return pd.Series({c: float(i + 1) for i, c in enumerate(CODES)})


# --------------------------------------------------------------------------- matching


def test_region_codes_match_at_region_level_not_spread_onto_provinces() -> None:
    frame = _frame([["TR82", "12,5"], ["tr 10", "3"], ["TR99", "1"]], ["İBBS", "oran"])
    report = match_keys(frame, "nuts2", ["İBBS"], "oran")
    assert report.level == "region" and report.ok
    assert report.values.to_dict() == {"TR82": 12.5, "TR10": 3.0}
    assert report.matched == 2
    assert report.unmatched[0]["key"] == "TR99" and report.unmatched[0]["suggestions"]


def test_all_26_regions_by_code_or_name_in_either_language() -> None:
    table = regions_table()
    keys = []
    for i, code in enumerate(CODES):
        # Alternate code, Turkish name, English name and "code name" forms.
        form = i % 4
        if form == 0:
            keys.append(code.lower())
        elif form == 1:
            keys.append(table.at[code, "name_tr"].upper())
        elif form == 2:
            keys.append(table.at[code, "name_en"])
        else:
            keys.append(f"{code} {table.at[code, 'name_tr']}")
    frame = pd.DataFrame({"Bölge": keys, "Değer": [str(i + 1) for i in range(26)]})
    report = match_keys(frame, "nuts2", ["Bölge"], "Değer")
    assert report.level == "region" and report.ok and not report.unmatched
    assert report.values.to_dict() == _region_values().to_dict()
    assert preview_values(report).index.tolist() == CODES
    assert unit_names("region")["TR21"] == "TR21 Tekirdağ, Edirne, Kırklareli"


def test_a_region_name_is_a_region_under_the_region_key_and_a_province_under_names() -> None:
    frame = _frame([["İstanbul", "1"]], ["ad", "v"])
    assert match_keys(frame, "nuts2", ["ad"], "v").values.to_dict() == {"TR10": 1.0}
    assert match_keys(frame, "names", ["ad"], "v").values.to_dict() == {"TUR034": 1.0}


def test_region_and_province_rows_mixed_are_reported_and_not_saveable() -> None:
    # Under the region key: a province P-code among regions.
    frame = _frame([["TR10", "1"], ["TR21", "2"], ["TUR034", "3"]], ["kod", "v"])
    report = match_keys(frame, "nuts2", ["kod"], "v")
    assert report.level == "region" and not report.ok
    assert report.mixed_levels == [{"row": 4, "pcode": "TUR034", "level": "province"}]
    assert set(report.values.index) == {"TR10", "TR21"}  # nothing spread, nothing guessed
    assert report.issues_frame()["issue"].tolist() == ["mixed_level"]
    # Under the P-code key: a region code among provinces.
    frame = _frame([["TUR006", "1"], ["TUR034", "2"], ["TR10", "3"]], ["kod", "v"])
    report = match_keys(frame, "pcode", ["kod"], "v")
    assert report.level == "province" and not report.ok
    assert report.mixed_levels == [{"row": 4, "pcode": "TR10", "level": "region"}]


def test_a_repeated_region_is_a_duplicate() -> None:
    frame = _frame([["TR10", "1"], ["İstanbul", "2"]], ["kod", "v"])
    report = match_keys(frame, "nuts2", ["kod"], "v")
    assert report.values.to_dict() == {"TR10": 1.0}
    assert report.duplicates == [{"row": 3, "pcode": "TR10", "first_row": 2}]


# --------------------------------------------------------------------------- store


def _meta(**changes: object) -> UserIndicatorMeta:
    base = {
        "id": "issizlik_bolge",
        "label_tr": "İşsizlik oranı",
        "label_en": "Unemployment rate",
        "unit": "%",
        "level": "region",
        "year": 2023,
        "source": "TÜİK İşgücü İstatistikleri",
        "higher_is_better": False,
    }
    return UserIndicatorMeta(**{**base, **changes})  # type: ignore[arg-type]


def test_region_indicator_round_trip(store: Store) -> None:
    saved = save_indicator(store, _meta(), _region_values(), **EDITOR)
    assert list_indicators(store) == [saved] and saved.level == "region"
    values = indicator_values(store, "issizlik_bolge")
    assert values.to_dict() == _region_values().to_dict() and len(values) == 26
    table = indicator_table(store, "region")
    assert table.shape == (26, 1) and table.at["TRC3", "issizlik_bolge"] == 26.0
    assert indicator_table(store, "province").shape == (81, 0)
    with pytest.raises(ValueError, match="not NUTS-2 codes: TUR034"):
        save_indicator(store, _meta(id="karisik"), pd.Series({"TUR034": 1.0}), **EDITOR)


def test_region_indicator_in_catalog_export_and_profile(store: Store) -> None:
    save_indicator(store, _meta(), _region_values(), **EDITOR)
    entry = user_catalog.user_catalog("en", store)["issizlik_bolge"]
    assert entry.level == "region" and entry.label_en == "Unemployment rate (user)"
    assert user_catalog.values_any("issizlik_bolge", store).to_dict() == (
        _region_values().to_dict()
    )


@pytest.fixture
def region_store(app_store: Store) -> Store:
    """The app's store with a region indicator saved."""
    save_indicator(app_store, _meta(), _region_values(), **EDITOR)
    return app_store


def test_export_region_table_and_profile_region_value(region_store: Store) -> None:
    table = indicators_table("region", "en")
    assert len(table) == 26 and table.set_index("pcode").at["TRC2", "issizlik_bolge"] == 25.0
    assert indicators_table("province", "en").columns.tolist().count("issizlik_bolge") == 0
    rows = indicator_profile("TUR063001", "en").set_index("id")  # a district of Şanlıurfa
    row = rows.loc["issizlik_bolge"]
    assert (row["level"], row["value"], row["value_text"]) == ("region", 25.0, "25")
    assert row["indicator"].endswith("Region (NUTS-2) value: TRC2 Şanlıurfa, Diyarbakır")
    assert row["of"] == 26 and "TÜİK İşgücü" in row["source"]
    tr = indicator_profile("TUR063", "tr").set_index("id").loc["issizlik_bolge"]
    assert "Bölge (İBBS Düzey 2) değeri: TRC2" in tr["indicator"]


def test_place_page_lists_the_region_value_apart(region_store: Store) -> None:
    from tests.test_app import assert_healthy, run_app

    at = run_app(page="place", u="TUR063001", lang="en")
    assert_healthy(at)
    own, containing = (df.value for df in at.dataframe if "Indicator" in df.value.columns)
    assert own["Indicator"].str.contains("value:").sum() == 0
    row = containing[containing["Indicator"].str.startswith("Unemployment rate (user)")]
    assert row["Indicator"].str.endswith("Region (NUTS-2) value: TRC2 Şanlıurfa, Diyarbakır").all()
    assert row["Value"].tolist() == ["25"] and row["National rank"].tolist() == ["2 / 26"]
    assert any("province and region it lies in" in m.value for m in at.markdown)


# --------------------------------------------------------------------------- app


def page_layers(at) -> list[dict]:
    """Layers of the page's one map, as sent to the browser (expanded)."""
    from geo.maps import expand_config
    from tests.support.export_units import page_map_config

    return expand_config(page_map_config(at))


def test_upload_save_and_map_a_region_indicator(app_store: Store) -> None:
    from tests.test_manage_page import _text_key, _upload_csv, editor_app, healthy

    rows = "\n".join(f"{c};{i + 1},5" for i, c in enumerate(CODES))
    at = editor_app()
    _upload_csv(at, f"İBBS;Oran\n{rows}\n", "bolge.csv").run()
    healthy(at)
    captions = " ".join(c.value for c in at.caption)
    assert "Düzey: Bölge (İBBS Düzey 2)" in captions
    at.text_input(key=_text_key(at, "up_label_tr_")).input("İşsizlik oranı").run()
    at.button(key="save_indicator").click().run()
    healthy(at)
    (meta,) = list_indicators(app_store)
    assert (meta.id, meta.level) == ("issizlik_orani", "region")
    assert indicator_values(app_store, meta.id)["TRC3"] == 26.5

    at.session_state["page"] = "indicators"
    at.run()
    healthy(at)
    at.selectbox(key="ind_series").set_value("issizlik_orani").run()
    healthy(at)
    assert at.query_params["ind"] == "issizlik_orani"
    (layer, *_) = page_layers(at)
    assert layer["level"] == "region" and set(layer["styles"]) == set(CODES)
    legend_source = " ".join(c.value for c in at.caption)
    assert "Kullanıcı verisi" in legend_source
    assert not at.expander  # TÜİK's partial poverty rows are not shown for a user table
    at.radio(key="lang").set_value("en").run()
    healthy(at)
    assert at.selectbox(key="ind_series").value == "issizlik_orani"


def test_region_indicator_exports_carry_level_source_and_year(region_store: Store) -> None:
    import io

    from PIL import Image

    from geo.export import indicator_export, to_bytes
    from geo.indicator_maps import build_map
    from geo.indicator_png import indicator_png

    entry = user_catalog.user_catalog("en")["issizlik_bolge"]
    spec = build_map(entry, "en", scheme="quantiles", k=5, values=_region_values())
    assert (
        spec.level == "region"
        and spec.classes.index.notna().all()
        and len(spec.classes.index) == 26
    )
    frame = indicator_export(spec.values, entry, "en")
    assert len(frame) == 26 and set(frame["pcode"]) == set(CODES)
    assert (frame["data_year"] == 2023).all() and (frame["edition"] == "User data").all()
    assert frame.set_index("pcode").at["TR21", "region"] == "Tekirdağ, Edirne, Kırklareli"
    csv = to_bytes(frame, "csv", sheet="indicator", bom=True).decode("utf-8-sig")
    assert "TÜİK İşgücü İstatistikleri" in csv and "TRC3" in csv
    xlsx = pd.read_excel(io.BytesIO(to_bytes(frame, "xlsx", sheet="indicator")), dtype=str)
    assert len(xlsx) == 26
    geojson = json.loads(to_bytes(frame, "geojson", sheet="indicator"))
    assert len(geojson["features"]) == 26 and all(f["geometry"] for f in geojson["features"])
    png = Image.open(io.BytesIO(indicator_png(spec, "en", title=spec.title, regions=True)))
    assert png.size == (1800, 1200)
