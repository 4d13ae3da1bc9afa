"""Place profile, matrix and year control through app.py (AppTest), in both languages."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from geo.boundaries import provinces_table, units
from geo.export import deliverables_table, sites_table
from geo.i18n import t
from geo.registry import Registry

APP = str(Path(__file__).resolve().parent.parent / "app.py")
METRIC_KEYS = ("place_kf_projects", "place_kf_phases")


def run_app(**params: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=180)
    for key, value in params.items():
        at.query_params[key] = value
    return at.run()


def healthy(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]


def non_pilot_sample(registry: Registry) -> list[str]:
    """20 units without a site of their own: 16 districts spread over the country, 4
    provinces; some lie in pilot provinces, so their profile lists province-level phases."""
    pilots = set(registry.sites["pcode"])
    districts = [p for p in units().index if p not in pilots][::57][:16]
    provinces = [p for p in provinces_table().index if p not in pilots][::15][:4]
    return districts + provinces


def expected(registry: Registry, pcode: str, lang: str = "tr") -> dict[str, str]:
    """What the profile's key figures must say, from the registry export (a place with no
    deliverable item reads "not stated", never "0 / 0")."""
    sites, items = sites_table(registry), deliverables_table(registry)
    own = sites[sites["pcode"] == pcode]
    if len(pcode) == 6:
        related = sites[(sites["pcode"].str[:6] == pcode) & (sites["pcode"] != pcode)]
    else:
        related = sites[sites["pcode"] == pcode[:6]]
    here = items[items["pcode"].str[: len(pcode)] == pcode]  # a province holds its districts
    completed = here[here["status"] == "completed"]
    unstated = t("not_stated_short", lang)
    return {
        "projects": str(len(set(own["project"]) | set(related["project"]))),
        "phases": str(len(own)),
        "related": str(len(related)),
        "items": f"{len(completed)} / {len(here)}" if len(here) else unstated,
        "quantity": (
            f"{int(completed['quantity'].sum())} / {int(here['quantity'].sum())}"
            if len(here)
            else unstated
        ),
    }


def name_of(pcode: str) -> str:
    if len(pcode) == 6:
        return str(provinces_table().at[pcode, "province"])
    row = units().loc[pcode]
    return f"{row['district']}, {row['province']}"


@pytest.mark.parametrize("lang", ["tr", "en"])
def test_every_pilot_profile_and_a_non_pilot_sample_render(registry: Registry, lang: str) -> None:
    places = sorted(set(registry.sites["pcode"])) + non_pilot_sample(registry)
    assert len(places) == 42 + 20
    at = run_app(page="place", u=places[0], lang=lang)
    for pcode in places:
        at.session_state["place"] = pcode
        at.run()
        healthy(at)
        assert at.title[0].value == name_of(pcode), pcode
        figures = [m.value for m in at.metric]
        want = expected(registry, pcode, lang)
        assert figures == list(want.values()), pcode
        assert len(at.dataframe) >= 1  # the indicator table at least
    assert at.query_params["u"] == places[-1]


def test_profile_compare_and_links() -> None:
    at = run_app(page="place", u="TUR034", u2="TUR006", lang="en")
    healthy(at)
    assert at.title[0].value == "İstanbul"
    assert any("Comparison: İstanbul and Ankara" in h.value for h in at.subheader)
    assert at.query_params["u2"] == "TUR006"
    at = run_app(unit="TUR006023")
    at.button(key="open_place").click().run()
    healthy(at)
    assert at.title[0].value == "Sincan, Ankara"
    assert at.query_params["page"] == "place"


FILTER_SETS = [
    {},
    {"project": "civil_oversight"},
    {"province": "TUR034,TUR006", "status": "completed"},
    {"year": "2012"},
    {"funder": "european-union"},
    {"impl": "vng-international-netherlands", "year": "2013"},
]


@pytest.mark.parametrize("params", FILTER_SETS, ids=lambda p: ",".join(p) or "none")
def test_matrix_totals_equal_the_overview_under_the_same_filters(params: dict) -> None:
    overview = run_app(**params)
    matrix = run_app(page="matrix", **params)
    healthy(overview)
    healthy(matrix)
    figures = {m.label: m.value for m in overview.metric}
    assert figures == {m.label: m.value for m in matrix.metric}
    # The two deliverable counts are left out (with a note) where the filtered units have
    # no deliverable item in the sources (the years filtered here): never "0 / 0".
    assert len(figures) == (4 if "year" in params else 6), figures
    noted = any("çıktı kalemi sıralamıyor" in c.value for c in overview.caption)
    assert noted == (len(figures) == 4)


def test_year_control_changes_what_the_overview_shows() -> None:
    at = run_app(lang="en")
    assert {m.label: m.value for m in at.metric}["Pilot units"] == "43"
    at.select_slider(key="f_year").set_value(2012).run()
    healthy(at)
    shown = {m.label: m.value for m in at.metric}
    assert shown["Pilot units"] == "29"  # 9 phase-II districts + 20 governance provinces
    assert at.query_params["year"] == "2012"
    assert any("Running in 2012" in c.value for c in at.caption)
    assert any("EKOSEP" in c.value and "dates not stated" in c.value for c in at.caption)
    at.select_slider(key="f_year").set_value(2021).run()
    assert {m.label: m.value for m in at.metric}["Pilot units"] == "10"


def test_institution_filters_offer_every_name_in_the_chosen_language() -> None:
    at = run_app(lang="en")
    funders = at.sidebar.multiselect(key="f_funder")
    assert "European Union" in funders.options and "Avrupa Birliği" not in funders.options
    at.radio(key="lang").set_value("tr").run()
    funders = at.sidebar.multiselect(key="f_funder")
    assert "Avrupa Birliği" in funders.options
    assert len(at.sidebar.multiselect(key="f_impl").options) == 9
