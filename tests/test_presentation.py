"""Presentation mode, scene stepping, share link and on-screen exports (AppTest + pure)."""

from __future__ import annotations

import io
import json

import pandas as pd

from geo.scenes import build_scenes
from geo.views import Filters
from tests.test_app import assert_healthy, metrics, run_app


def test_scene_order_projects_then_phases_then_provinces(registry) -> None:
    scenes = build_scenes(registry, Filters(), "overview")
    kinds = [s.kind for s in scenes]
    assert kinds[0] == "start"
    assert kinds == sorted(kinds, key=["start", "project", "phase", "province", "year"].index)
    assert kinds.count("project") == 5
    assert [s.title("en") for s in scenes if s.kind == "phase"] == [
        "Civilian Oversight · Phase II",
        "Civilian Oversight · Phase III",
    ]
    assert kinds.count("province") == 25
    province = next(s for s in scenes if s.kind == "province")
    assert province.page == "overview" and province.filters.provinces == ("TUR001",)


def test_scenes_follow_the_project_filter(registry) -> None:
    scenes = build_scenes(registry, Filters(projects=("ekosep",)), "project")
    assert [s.kind for s in scenes] == ["start", "project"] + ["province"] * 4 + ["year"] * 14


def test_presentation_hides_the_sidebar_and_steps_through_scenes() -> None:
    at = run_app(present="1", lang="en")
    assert_healthy(at)
    scene_list = at.selectbox(key="scene")
    # 33 scenes of projects, phases and provinces, then the years 2008–2021.
    assert scene_list.value == 0 and len(scene_list.options) == 47
    assert scene_list.options[0].endswith("1 / 47")
    assert not at.text_input  # no search box on a projector
    at.button(key="scene_next").click().run()
    assert_healthy(at)
    assert at.title[0].value == "Civilian Oversight"
    assert metrics(at)["Pilot units"] == "19"
    assert at.query_params["scene"] == "1" and at.query_params["present"] == "1"
    at.button(key="scene_prev").click().run()
    assert at.title[0].value == "The project portfolio at a glance"
    assert at.button(key="scene_prev").disabled


def test_scene_link_restores_and_leaving_restores_the_previous_view() -> None:
    at = run_app(present="1", scene="3", page="indicators", project="civil_oversight")
    assert_healthy(at)
    assert at.title[0].value == "Sivil Gözetim · Aşama III"  # scene 4 names its phase
    assert metrics(at)["Pilot birim"] == "10"
    at.button(key="scene_exit").click().run()
    assert_healthy(at)
    assert at.radio(key="page").value == "indicators"
    assert at.multiselect(key="f_project").value == ["civil_oversight"]
    assert "present" not in at.query_params


def test_scene_list_jumps_and_province_scenes_name_their_province() -> None:
    at = run_app(present="1", lang="en")
    scenes = at.selectbox(key="scene")
    erzurum = next(i for i, o in enumerate(scenes.options) if "Erzurum" in o)
    scenes.set_value(erzurum).run()
    assert_healthy(at)
    assert at.title[0].value == "Erzurum province"
    summary = " ".join(m.value for m in at.markdown)
    assert "EKOSEP · Project period" in summary
    shown = metrics(at)
    assert shown["Population 2025 (province), people"] == "736,877"
    assert shown["Province SEGE-2017 rank"] == "61 of 81"
    assert any("İl SEGE-2017 (2017)" in c.value for c in at.caption)  # figures cite sources
    at.button(key="scene_next").click().run()
    assert at.selectbox(key="scene").value == erzurum + 1


def test_province_scene_in_turkish(registry) -> None:
    from geo.scenes import province_summary

    summary = province_summary(registry, "TUR025", "tr")
    assert dict(summary.figures)["İl SEGE-2017 sırası"] == "81 il içinde 61."
    assert dict(summary.figures)["Nüfus 2025 (il), kişi"] == "736.877"
    scenes = build_scenes(registry, Filters(), "overview")
    titles = [s.title("tr") for s in scenes if s.kind == "province"]
    assert "Erzurum ili" in titles


def test_share_link_carries_the_view() -> None:
    at = run_app(page="project", p="ekosep", lang="en", province="TUR063")
    links = [c.value for c in at.sidebar.code]
    assert any("page=project" in v and "p=ekosep" in v and "province=TUR063" in v for v in links)


def test_export_table_is_what_is_on_screen(registry) -> None:
    from geo.export import sites_table, to_bytes

    filters = Filters(projects=("civil_oversight",), phases=("II",))
    data = to_bytes(sites_table(registry, filters, "tr"), "csv", bom=True)
    assert data.startswith("\ufeff".encode())
    frame = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig")
    assert len(frame) == 9 and {"pcode", "project_name", "district"} <= set(frame.columns)
    assert "Eyüpsultan" in set(frame["district"])
    geojson = json.loads(to_bytes(sites_table(registry, filters, "en"), "geojson"))
    assert len(geojson["features"]) == 9


def test_export_menu_is_offered_on_map_pages() -> None:
    for page in ("overview", "project"):
        at = run_app(page=page)
        assert_healthy(at)
        assert at.get("popover"), f"no export menu on {page}"


def test_play_through_the_years(registry) -> None:
    scenes = build_scenes(registry, Filters(), "overview")
    years = [s for s in scenes if s.kind == "year"]
    assert [s.filters.year for s in years] == list(range(2008, 2022))
    assert years[4].title("en") == "The year 2012" and years[4].page == "overview"
    at = run_app(present="1", scene=str(scenes.index(years[4])), lang="en")
    assert_healthy(at)
    assert metrics(at)["Pilot units"] == "29"
    assert any("Running in 2012" in c.value for c in at.caption)
    assert not at.select_slider  # the scene sets the year; no control on a projector


def test_presentation_draws_no_sidebar_and_leaving_brings_back_its_choices() -> None:
    at = run_app(lang="en", project="ekosep", basemap="1")
    at.toggle(key="ind_regions").set_value(True).run()
    at.toggle(key="present").set_value(True).run()
    assert_healthy(at)
    # Hidden on a projector, so not drawn at all: no widget of it in the page.
    assert not at.sidebar.multiselect and not at.sidebar.radio and not at.sidebar.toggle
    at.button(key="scene_next").click().run()  # a run more without the sidebar
    at.button(key="scene_exit").click().run()
    assert_healthy(at)
    assert at.radio(key="lang").value == "en"
    assert at.multiselect(key="f_project").value == ["ekosep"]
    assert at.toggle(key="basemap").value and at.toggle(key="ind_regions").value
    assert not at.toggle(key="present").value
    assert at.query_params["project"] == "ekosep" and "present" not in at.query_params
