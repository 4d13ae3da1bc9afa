"""Indicator map specs, the PNG export, the strip, the region overlay and the link state."""

from __future__ import annotations

import io
import json

import pytest
from PIL import Image

from geo import indicators
from geo.export import indicator_export, to_bytes
from geo.indicator_maps import build_map, need_table, strip_figure, strip_units
from geo.indicator_png import indicator_png
from geo.maps import Legend, choropleth_map, map_config
from geo.state import ViewState, parse, to_params
from geo.views import Filters, site_view

CATALOG = indicators.catalog()


@pytest.fixture(scope="module")
def view(registry):
    return site_view(registry, Filters())


def test_gdp_map_darkens_towards_lower_income() -> None:
    spec = build_map(CATALOG["gdp_pc_try_2024"], "en", scheme="quantiles", k=5)
    assert len(spec.values) == 81 and spec.values.notna().all()
    poorest, richest = spec.values.idxmin(), spec.values.idxmax()
    assert spec.colours[int(spec.classes.index[poorest])] == "#471164"  # darkest = more need
    assert (
        spec.classes.index[richest] == 0
        or spec.colours[int(spec.classes.index[richest])] == "#d2e21b"
    )
    note = spec.note("en")
    assert "TurkStat, Gross Domestic Product by Province" in note and "(2024)" in note
    assert "53930" in note and "first releases" in note


def test_poverty_map_carries_its_meaning_in_the_legend_note() -> None:
    spec = build_map(CATALOG["poverty_rate_2018_region"], "tr", k=5)
    assert list(spec.values.index) == list(indicators.level_index("region"))
    assert "hangi bölgenin daha yoksul olduğunu göstermez" in spec.note("tr")
    legend = spec.legend_note("tr")
    assert "hangi bölgenin daha yoksul olduğunu göstermez" in legend and "(2018)" in legend
    assert len(legend) < len(spec.note("tr"))  # short enough for the map's legend
    gdp = build_map(CATALOG["gdp_pc_try_2024"], "tr")
    assert gdp.legend_note("tr") == f"Kaynak: {gdp.source}"  # source only, caveat below the map
    items = spec.legend_items("tr", regions=True)
    assert items[-1][0].startswith("outline:") and "İBBS-2" in items[-1][1]


def test_change_map_is_diverging_around_zero() -> None:
    spec = build_map(CATALOG["pop_2025_district"], "en", k=6, first=CATALOG["pop_2021_district"])
    assert spec.is_change and spec.unit_text == "% change"
    assert spec.title == "Population (district): change 2021→2025"
    assert spec.colours[0] == "#542788" and spec.colours[-1] == "#b35806"
    shown = spec.shown_values("en")
    assert shown["TUR034010"].endswith(" %")
    assert "ADNKS 2021 (31 December)" in spec.source and "ADNKS 2025 (31 December)" in spec.source
    money = build_map(CATALOG["gdp_pc_try_2024"], "en", first=CATALOG["gdp_pc_try_2020"])
    assert "inflation" in money.caveat
    # The bundled population change indicator is diverging too.
    assert build_map(CATALOG["pop_change_2021_2025_district"], "en").colours[0] == "#542788"


def test_region_overlay_is_drawn_on_top() -> None:
    spec = build_map(CATALOG["gdp_pc_usd_2024"], "en")
    fmap = choropleth_map(
        "province",
        spec.classes.index,
        spec.colours,
        Legend("x", spec.legend_items("en", regions=True), spec.note("en")),
        regions=True,
    )
    layers = map_config(fmap)["layers"]
    assert layers[-1]["level"] == "region" and len(layers[-1]["styles"]) == 26
    assert layers[-1]["interactive"] is False


def test_png_export_draws_the_map_with_its_legend(tmp_path) -> None:
    spec = build_map(CATALOG["poverty_rate_2018_region"], "en", k=5)
    data = indicator_png(
        spec, "en", title=spec.title, outlines={"province": ["TUR063"]}, regions=True
    )
    image = Image.open(io.BytesIO(data))
    assert image.size == (1800, 1200)
    assert image.info.get("Title") == spec.title
    # The five class colours are painted (the map is not blank).
    colours = {c for _, c in image.convert("RGB").getcolors(1_000_000)}
    for hexcode in spec.colours:
        rgb = tuple(int(hexcode[i : i + 2], 16) for i in (1, 3, 5))
        assert rgb in colours, hexcode


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "geojson"])
def test_indicator_exports_cite_edition_and_year(fmt: str) -> None:
    spec = build_map(CATALOG["gdp_pc_usd_2024"], "en", first=CATALOG["gdp_pc_usd_2020"])
    frame = indicator_export(spec.values, spec.indicator, "en", first=spec.first)
    assert len(frame) == 81
    assert set(frame["edition"]) == {CATALOG["gdp_pc_usd_2024"].edition_text("en")}
    assert set(frame["data_year"]) == {2024} and set(frame["from_year"]) == {2020}
    data = to_bytes(frame, fmt)
    if fmt == "csv":
        text = data.decode("utf-8")
        assert "revised series" in text and ",2024," in text
    elif fmt == "geojson":
        props = json.loads(data)["features"][0]["properties"]
        assert props["data_year"] == 2024 and "53930" in props["edition"]
    else:
        import pandas as pd

        back = pd.read_excel(io.BytesIO(data))
        assert (back["data_year"] == 2024).all()


def test_strip_shows_the_selected_place_or_the_pilots(view) -> None:
    assert strip_units("TUR063001", view, "province") == (["TUR063"], True)
    assert strip_units("TUR063001", view, "region") == (["TRC2"], True)
    keys, selected = strip_units(None, view, "province")
    assert not selected and len(keys) == 12 and keys == sorted(keys)  # the first 12 pilots
    ekosep = view[view["project"] == "ekosep"]
    assert "TUR063" in strip_units(None, ekosep, "province")[0]  # filters choose the pilots
    members = indicators.series_members("gdp_pc_usd_2024")
    fig = strip_figure(members, keys[:3], "en").to_dict()
    lines = [d for d in fig["data"] if d["mode"] == "lines+markers"]
    assert len(lines) == 3 and list(lines[0]["x"]) == [2020, 2021, 2022, 2023, 2024]


def test_need_table_in_words(view) -> None:
    spec = build_map(CATALOG["sege2022_score"], "tr")
    table = need_table(spec, view, True, "tr", only_uncovered=False, n=973)
    assert set(table["Kapsama"]) == {"Kendisi pilot", "İli pilot", "Pilot yok"}
    harran = table[table["İlçe"] == "Harran"].iloc[0]
    assert harran["Kapsama"] == "İli pilot" and "EKOSEP" in harran["Projeler"]


def test_link_carries_change_year_and_region_overlay() -> None:
    ids = tuple(CATALOG)
    state = parse(
        {"page": "indicators", "ind": "gdp_pc_usd_2024", "cmp": "gdp_pc_usd_2020", "regions": "1"},
        projects=(),
        phases=(),
        provinces=(),
        statuses=(),
        units=frozenset(),
        indicators=ids,
    )
    assert state.compare == "gdp_pc_usd_2020" and state.regions
    params = to_params(state)
    assert params["cmp"] == "gdp_pc_usd_2020" and params["regions"] == "1"
    assert "cmp" not in to_params(ViewState(page="indicators", indicator="gdp_pc_usd_2024"))
    bad = parse({"cmp": "<x>"}, projects=(), phases=(), provinces=(), statuses=(),
                units=frozenset(), indicators=ids)  # fmt: skip
    assert bad.compare is None
