"""One switch (sidebar, ``regions=1``) draws the 26 NUTS-2 region borders on every map
and in the PNG, HTML and PDF exports of the page."""

from __future__ import annotations

import io

import numpy as np
import pandas as pd
import pytest
from PIL import Image
from streamlit.testing.v1 import AppTest

from geo.boundaries import regions_table
from geo.figures.mapdraw import map_layers
from geo.maps import Legend, choropleth_map, coverage_map, map_config, phase_map
from geo.scope import ExportScope, export_scope, scope_from_key
from geo.state import ViewState, parse, to_params
from geo.style import REGION_LINE, region_legend_item
from geo.views import Filters, site_view, unit_coverage
from tests.support.downloads import run_with_downloads
from tests.support.export_units import page_map_config, rendered_config
from tests.support.pdf import page_texts

CODES = set(regions_table().index)
LEGEND = {"title": "Kapsam", "none": "Pilot değil", "province": "İl düzeyi"}


def region_layers(cfg: dict) -> list[dict]:
    return [layer for layer in cfg["layers"] if layer["level"] == "region"]


def assert_outlines(cfg: dict, lang: str = "tr") -> None:
    (layer,) = region_layers(cfg)
    assert set(layer["styles"]) == CODES and not layer["interactive"]
    assert {tuple(s) for s in layer["styles"].values()} == {("#000000", 0.0, REGION_LINE, 1.6)}
    assert cfg["layers"][-1] is layer  # drawn on top of the units
    assert list(region_legend_item(lang)) in cfg["legend"]["items"]


# --------------------------------------------------------------------------- map builders


def test_overview_and_place_maps(registry) -> None:
    coverage = unit_coverage(site_view(registry, Filters()))
    assert not region_layers(map_config(coverage_map(coverage, LEGEND)))
    assert_outlines(map_config(coverage_map(coverage, LEGEND, regions=True)))
    english = map_config(coverage_map(coverage, LEGEND, regions=True, lang="en"))
    assert ["outline:#212529", "NUTS-2 region border"] in english["legend"]["items"]


def test_project_map_keeps_its_legend(registry) -> None:
    view = site_view(registry, Filters(projects=("ekosep",)))
    legend = Legend("Evre", [("#0072B2", "Evre I")])
    assert not region_layers(map_config(phase_map(view, {}, legend)))
    assert_outlines(map_config(phase_map(view, {}, legend, regions=True)))
    assert legend.items == [("#0072B2", "Evre I")]  # the caller's legend is not changed


def test_indicator_map() -> None:
    classes = pd.Series({"TUR006": 0, "TUR034": 1})
    legend = Legend("x", [("#d2e21b", "a"), region_legend_item("tr")])
    cfg = map_config(choropleth_map("province", classes, ["#d2e21b", "#52c569"], legend))
    assert not region_layers(cfg)
    cfg = map_config(
        choropleth_map("province", classes, ["#d2e21b", "#52c569"], legend, regions=True)
    )
    assert_outlines(cfg)


def test_standalone_html_inlines_the_region_geometry(registry) -> None:
    coverage = unit_coverage(site_view(registry, Filters()))
    cfg = map_config(coverage_map(coverage, LEGEND, regions=True, inline=True))
    assert "region" in cfg["inline"] and "province" in cfg["inline"]


# --------------------------------------------------------------------------- state, scope


def test_link_carries_the_switch_on_every_page(registry) -> None:
    for page in ("overview", "project", "place", "indicators"):
        state = ViewState(page=page, regions=True)
        assert to_params(state)["regions"] == "1"
        assert export_scope(state, registry).regions
    assert "regions" not in to_params(ViewState())
    kwargs = {
        "projects": (),
        "phases": (),
        "provinces": (),
        "statuses": (),
        "units": frozenset(),
        "indicators": (),
    }
    assert parse({"regions": "1"}, **kwargs).regions
    assert not parse({"regions": "yes"}, **kwargs).regions
    scope = ExportScope("overview", Filters(), regions=True)
    assert scope_from_key(scope.key) == scope
    assert scope.key != ExportScope("overview", Filters()).key  # cached files differ


def test_printed_map_layers() -> None:
    view = pd.DataFrame(columns=["phase", "level", "pcode", "phase_label"])
    plain = map_layers(view, "phase", {}, "en")
    drawn = map_layers(view, "phase", {}, "en", regions=True)
    assert not plain.regions and drawn.regions
    assert drawn.legend.items == [*plain.legend.items, region_legend_item("en")]


# --------------------------------------------------------------------------- pages, exports


def _run(monkeypatch, **params: str) -> tuple[AppTest, dict]:
    return run_with_downloads(monkeypatch, params)


def page_config(at: AppTest) -> dict:
    cfg = page_map_config(at)
    from geo.maps import expand_config

    cfg["layers"] = expand_config(cfg)
    return cfg


PAGES = {
    "overview": {},
    "project": {"page": "project", "p": "ekosep"},
    "place": {"page": "place", "u": "TUR063"},
    "indicators": {"page": "indicators", "ind": "gdp_pc_usd_2024"},
}


@pytest.mark.parametrize("page", list(PAGES))
def test_every_page_map_follows_the_switch(monkeypatch, page: str) -> None:
    at, _ = _run(monkeypatch, **PAGES[page], regions="1")
    assert at.toggle(key="ind_regions").value is True
    assert_outlines(page_config(at))
    assert at.query_params["regions"] == "1"
    at.toggle(key="ind_regions").set_value(False).run()
    assert not at.exception
    assert not region_layers(page_config(at))
    assert "regions" not in at.query_params


def test_switch_is_labelled_in_both_languages(monkeypatch) -> None:
    at, _ = _run(monkeypatch)
    assert at.toggle(key="ind_regions").label == "Bölge sınırları (İBBS-2)"
    at, _ = _run(monkeypatch, lang="en")
    assert at.toggle(key="ind_regions").label == "Region outlines (NUTS-2)"


def _dark_share(png: bytes) -> float:
    pixels = np.asarray(Image.open(io.BytesIO(png)).convert("RGB")).astype(int)
    target = np.array([0x21, 0x25, 0x29])
    return float((np.abs(pixels - target).sum(axis=2) < 30).mean())


def test_png_html_pdf_exports_draw_the_outlines(monkeypatch) -> None:
    _, plain = _run(monkeypatch, lang="en")
    _, drawn = _run(monkeypatch, lang="en", regions="1")
    stem = "pilot-atlas-overview"
    # PNG: the borders add dark lines (the labels' ink is the same colour, so compare).
    assert _dark_share(drawn[f"{stem}.png"]()) > 1.3 * _dark_share(plain[f"{stem}.png"]())
    # HTML: the page's own map, region layer and geometry inline.
    html = drawn[f"{stem}.html"]().decode("utf-8")
    cfg = rendered_config(html)
    assert "region" in cfg["inline"]
    assert [layer["level"] for layer in cfg["layers"]][-1] == "region"
    assert "region" not in rendered_config(plain[f"{stem}.html"]().decode("utf-8"))["inline"]
    # PDF: the cover map's legend names the borders.
    text = page_texts(drawn[f"{stem}.pdf"]())[0]
    assert "NUTS-2 region border" in text
    plain_text = page_texts(plain[f"{stem}.pdf"]())[0]
    assert "NUTS-2 region border" not in plain_text


def test_project_pdf_pages_draw_the_outlines(registry) -> None:
    from geo.briefing import scope_pdf

    scope = ExportScope("project", Filters(projects=("ekosep",)), "ekosep", regions=True)
    pages = page_texts(scope_pdf(registry, scope, "en"))
    assert all("NUTS-2 region border" in text for text in pages[:2])
