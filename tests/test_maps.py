"""Map objects inspected through their configuration (the JSON map.js receives), and the
display geometry."""

from __future__ import annotations

import json
import re
from pathlib import Path

import folium
import pandas as pd
import pytest
import shapely

from geo import EQUAL_AREA_CRS
from geo.geometry import DETAILED, NATIONAL, decode_units, display_layer, encode_units, unit_at
from geo.maps import (
    COVERAGE_COLOURS,
    TURKIYE_BOUNDS,
    Legend,
    bounds_of,
    choropleth_map,
    coverage_map,
    map_config,
    phase_colours,
    phase_map,
    safe_json,
    set_view,
)
from geo.views import Filters, site_view, unit_coverage

LEGEND = {"title": "Coverage", "none": "Not a pilot", "province": "Province pilot"}
XSS = "<img src=x onerror=alert(1)>"


MAP_JS = Path(__file__).resolve().parents[1] / "static" / "atlas" / "map.js"


@pytest.fixture(scope="module")
def coverage(registry) -> pd.DataFrame:
    return unit_coverage(site_view(registry, Filters()))


def test_only_local_leaflet_and_the_maps_own_files_are_loaded(coverage) -> None:
    html = coverage_map(coverage, LEGEND).get_root().render()
    links = [link.split("?")[0] for link in re.findall(r'(?:src|href)="([^"]+)"', html)]
    assert links == [
        "/app/static/atlas/units.js",  # first: it starts the geometry download
        "/app/static/leaflet/leaflet.js",
        "/app/static/atlas/map.js",
        "/app/static/leaflet/leaflet.css",
        "/app/static/atlas/map.css",
    ]
    assert "https://" not in html and "http://" not in html
    assert "jquery" not in html.lower() and "bootstrap" not in html.lower()
    # The page holds configuration and one call, no map code.
    assert html.count("AtlasMap.init(") == 1 and "function" not in html.split("AtlasMap.init(")[1]


def test_every_geometry_file_has_a_gzipped_twin_with_the_same_bytes(tmp_path: Path) -> None:
    import gzip

    from geo.geometry import write_static_geometry

    folder = write_static_geometry(tmp_path)
    plain = sorted(folder.rglob("*.json"))
    assert len(plain) == 3 + 81  # national levels, one detail file per province
    first = {p: p.with_name(p.name + ".gz").read_bytes() for p in plain}
    for path, packed in first.items():
        assert gzip.decompress(packed) == path.read_bytes(), path.name
    # Written again, the twins are byte for byte the same (no timestamp inside), so a
    # restarted server keeps the ETag browsers already hold.
    write_static_geometry(tmp_path)
    assert all(p.with_name(p.name + ".gz").read_bytes() == b for p, b in first.items())
    assert not [p for p in tmp_path.rglob("*") if p.name.endswith((".part", ".tmp"))]


def test_the_map_frame_requests_everything_the_first_map_needs_at_once() -> None:
    from geo.assets import (
        ATLAS_JS_URL,
        FRAME_JS_URL,
        GEOMETRY_URL,
        LEAFLET_JS_URL,
        UNITS_JS_URL,
        frame_html,
    )

    html = frame_html()
    # The geometry is preloaded as a fetch (what units.js asks for), not after Leaflet.
    for level in ("district", "province"):
        assert f'href="{GEOMETRY_URL}/{level}.json.gz" as="fetch" crossorigin' in html
    scripts = re.findall(r'<script src="([^"]+)"', html)
    assert scripts == [UNITS_JS_URL, LEAFLET_JS_URL, ATLAS_JS_URL, FRAME_JS_URL]
    # Cacheable per version.
    assert all("?v=" in url for url in (UNITS_JS_URL, ATLAS_JS_URL, FRAME_JS_URL))
    assert "https://" not in html and "http://" not in html


def test_frame_args_carry_the_configuration_options_and_basemap(coverage) -> None:
    from geo.maps import MAP_OPTIONS, frame_args

    plain = coverage_map(coverage, LEGEND)
    args = frame_args(plain)
    assert json.loads(args["config"]) == json.loads(
        next(c.config for c in plain._children.values() if hasattr(c, "payload"))
    )
    assert args["options"] == MAP_OPTIONS and args["options"]["keyboard"] is False
    assert args["tiles"] is None  # offline by default
    online = frame_args(coverage_map(coverage, LEGEND, basemap=True))
    assert online["tiles"]["url"].startswith("https://tile.openstreetmap.org/")
    with pytest.raises(ValueError, match="no UnitLayers"):
        frame_args(folium.Map())


def test_coverage_map_styles_every_pilot(coverage) -> None:
    cfg = map_config(coverage_map(coverage, LEGEND))
    districts, provinces = cfg["layers"]
    assert districts["level"] == "district" and districts["base"] is not None
    pilots = coverage[coverage["level"] == "district"].index
    assert set(districts["styles"]) == set(pilots)
    assert districts["styles"]["TUR034010"][0] == COVERAGE_COLOURS[0]
    assert provinces["level"] == "province" and "TUR031" in provinces["styles"]
    assert provinces["styles"]["TUR025"][0] == COVERAGE_COLOURS[1]  # Erzurum: two projects
    assert districts["markers"] is True
    assert cfg["url"].startswith("/app/static/geo/")


def test_names_never_become_html(coverage) -> None:
    hostile = coverage.copy()
    hostile.loc["TUR034010", "phases"] = f"{XSS}; </script><script>alert(2)</script>"
    html = coverage_map(hostile, LEGEND | {"title": XSS}).get_root().render()
    assert "<img src=x" not in html
    assert "</script><script>alert(2)" not in html
    cfg = map_config(coverage_map(hostile, LEGEND | {"title": XSS}))
    assert cfg["layers"][0]["tooltips"]["TUR034010"] == [XSS, "</script><script>alert(2)</script>"]
    assert cfg["legend"]["title"] == XSS
    code = "".join(p.read_text(encoding="utf-8") for p in sorted(MAP_JS.parent.glob("*.js")))
    assert "textContent" in code and "innerHTML" not in code and "insertAdjacentHTML" not in code


def test_unit_names_travel_with_the_geometry_files() -> None:
    from geo.geometry import encoded_json

    data = json.loads(encoded_json("district"))
    assert data["names"]["TUR027007"] == "Şahinbey, Gaziantep"
    assert data["names"]["TUR074002"] == "Merkez, Bartın"
    assert len(data["names"]) == 973


def test_safe_json_escapes_markup() -> None:
    text = safe_json({"a": "</script>&<!--"})
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text) == {"a": "</script>&<!--"}


def test_phase_map_uses_phase_colours(registry) -> None:
    view = site_view(registry, Filters(projects=("civil_oversight",)), lang="en")
    colours = phase_colours(["I", "II", "III"])
    legend = Legend("Phase", [(colours["II"], "Phase II"), (colours["III"], "Phase III")])
    cfg = map_config(phase_map(view, colours, legend))
    districts = cfg["layers"][0]["styles"]
    assert districts["TUR034019"][0] == colours["II"]  # Eyüpsultan, phase II
    assert districts["TUR034010"][0] == colours["III"]  # Beşiktaş, phase III
    assert cfg["layers"][0]["tooltips"]["TUR034010"][0] == "Phase III"
    assert len(set(colours.values())) == 3


def test_choropleth_draws_every_unit_and_outlines_pilots() -> None:
    values = pd.Series(range(973), index=display_layer("district")["pcode"], dtype=float)
    classes = pd.Series((values // 200).to_numpy(), index=values.index)
    classes.iloc[0] = float("nan")
    fmap = choropleth_map(
        "district",
        classes,
        ["#1", "#2", "#3", "#4", "#5"],
        Legend("x", [("#1", "a")]),
        {"TUR001001": ["Aladağ, Adana", "x: 1"]},
        outlines={"district": ["TUR034010"], "province": ["TUR031"]},
    )
    cfg = map_config(fmap)
    assert len(cfg["layers"][0]["styles"]) == 973
    assert cfg["layers"][0]["styles"][values.index[0]][0] == "#ffffff"  # missing value
    assert [layer["level"] for layer in cfg["layers"]] == ["district", "district", "province"]
    assert cfg["layers"][1]["interactive"] is False


def test_display_layers_cover_turkiye_without_gaps_or_overlaps() -> None:
    districts = display_layer("district")
    provinces = display_layer("province")
    assert len(districts) == 973 and len(provinces) == 81
    projected = districts.geometry.to_crs(EQUAL_AREA_CRS)
    assert projected.area.sum() == pytest.approx(projected.union_all().area, rel=1e-6)
    assert districts.geometry.is_valid.all()


def test_detailed_band_has_more_detail() -> None:
    national = display_layer("district", NATIONAL).set_index("pcode").geometry
    detailed = display_layer("district", DETAILED).set_index("pcode").geometry
    istanbul = [p for p in national.index if p.startswith("TUR034")]
    assert (
        detailed[istanbul].count_coordinates().sum()
        > 2 * national[istanbul].count_coordinates().sum()
    )


def test_encoding_round_trips_within_the_grid() -> None:
    layer = display_layer("district")
    sample = layer[layer["pcode"].str.startswith("TUR006")]
    decoded = decode_units(encode_units(sample, NATIONAL.grid))
    assert set(decoded) == set(sample["pcode"])
    for pcode, geom in zip(sample["pcode"], sample.geometry, strict=True):
        polygons = [shapely.Polygon(rings[0], rings[1:]) for rings in decoded[pcode]]
        rebuilt = shapely.MultiPolygon(polygons)
        assert shapely.hausdorff_distance(rebuilt, geom) < 2 * NATIONAL.grid


def test_unit_at_finds_the_clicked_district() -> None:
    assert unit_at(39.91, 32.85) == "TUR006007"  # Çankaya, Ankara
    assert unit_at(38.42, 27.20) is not None
    assert unit_at(35.0, 30.0) is None  # Mediterranean


def test_map_frames_its_scope_with_legend_names_and_metric_scale(coverage) -> None:
    cfg = map_config(coverage_map(coverage, LEGEND, lang="en"))
    assert cfg["fit"] == [list(TURKIYE_BOUNDS[0]), list(TURKIYE_BOUNDS[1])]
    assert cfg["view"] is None  # map.js fits once the frame has its size
    assert cfg["legend"]["items"][0] == ["#e9ecef", "Not a pilot"]
    assert cfg["labels"] == {"show": True, "districtZoom": 8, "switchText": "Place names"}
    assert map_config(coverage_map(coverage, LEGEND))["labels"]["switchText"] == "Yer adları"
    focus = bounds_of(["TUR025", "TUR004"])
    framed = map_config(coverage_map(coverage, LEGEND, focus=focus))
    assert framed["fit"] == [list(focus[0]), list(focus[1])]
    fmap = coverage_map(coverage, LEGEND)
    set_view(fmap, (39.5, 33.25, 7.5))
    assert map_config(fmap)["view"] == [39.5, 33.25, 7.5]
    code = MAP_JS.read_text(encoding="utf-8")
    assert "imperial: false" in code
    options = coverage_map(coverage, LEGEND).options
    assert options["keyboard"] is False and options.get("control_scale") in (None, False)


def test_assets_are_written_whole_and_leave_no_partial_files(tmp_path: Path) -> None:
    from geo.assets import ensure_assets, frame_html
    from geo.geometry import FORMAT_VERSION

    ready = tmp_path / "geo" / f"v{FORMAT_VERSION}"
    ready.mkdir(parents=True)
    (ready / "complete").write_text("ok")  # geometry in place: only Leaflet and the page
    ensure_assets(tmp_path)
    ensure_assets(tmp_path)  # a second server starting on the same folder changes nothing
    assert (tmp_path / "frame" / "index.html").read_text(encoding="utf-8") == frame_html()
    for name in ("leaflet.js", "leaflet.css", "images/layers.png"):
        assert (tmp_path / "leaflet" / name).stat().st_size > 0
    assert not [p for p in tmp_path.rglob("*") if p.name.endswith((".part", ".tmp"))]
