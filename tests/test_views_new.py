"""Place profile, matrix, time and institution filters: the pure core (geo/)."""

from __future__ import annotations

import csv

import pandas as pd
import pytest
import yaml

from geo import DATA_DIR
from geo.export import deliverables_table, sites_table
from geo.institutions import institutions, projects_with
from geo.matrix import build_matrix, matrix_html
from geo.profile import compare_profiles, indicator_profile, neighbourhood, place_profile
from geo.registry import Registry
from geo.state import parse, to_params
from geo.timeline import not_placed, running_in, year_range
from geo.views import Filters, deliverable_view, key_figures, site_view

MATRIX_FILTERS = [
    Filters(),
    Filters(projects=("civil_oversight",)),
    Filters(projects=("civil_oversight",), phases=("II",)),
    Filters(provinces=("TUR034", "TUR027")),
    Filters(statuses=("completed",)),
    Filters(year=2012),
    Filters(year=2021, provinces=("TUR006",)),
    Filters(funders=("european-union",)),
    Filters(implementers=("vng-international-netherlands",), statuses=("not_reported",)),
    Filters(beneficiaries=("ministry-of-interior-directorate-general-of-loca",)),
]


@pytest.mark.parametrize("filters", MATRIX_FILTERS, ids=str)
def test_matrix_totals_equal_the_overview_figures(registry: Registry, filters: Filters) -> None:
    matrix = build_matrix(registry, filters, "tr")
    overview = key_figures(registry, filters, site_view(registry, filters, "tr"))
    assert matrix.totals() == overview


def test_matrix_cells_and_html(registry: Registry) -> None:
    matrix = build_matrix(registry, Filters(), "en")
    cell = matrix.cells.set_index(["project", "province_pcode"]).loc[("civil_oversight", "TUR034")]
    assert cell["units"] == 5 and cell["districts"] == 5
    html = matrix_html(matrix, registry, "en", link=lambda p, proj: f"?u={p}&project={proj}")
    assert 'href="?u=TUR034&amp;project=civil_oversight"' in html
    assert "3 × Two-day consultation meeting (Completed)" in html  # quantity on hover
    assert html.count("<tr>") == 1 + len(matrix.projects) + 1  # head, rows, total
    flipped = matrix_html(matrix, registry, "en", rows="province")
    assert flipped.count("<tr>") == 1 + matrix.cells["province_pcode"].nunique() + 1


def _yaml_years() -> dict[tuple[str, str], tuple[int | None, int | None]]:
    data = yaml.safe_load((DATA_DIR / "projects.yaml").read_text(encoding="utf-8"))
    spans = {}
    for project in data["projects"]:
        for phase in project["phases"]:
            start, end = phase.get("start"), phase.get("end")
            spans[(project["id"], str(phase["id"]))] = (
                int(str(start)[:4]) if start else None,
                int(str(end)[:4]) if end else None,
            )
    return spans


@pytest.mark.parametrize("year", [2009, 2012, 2013, 2018, 2020, 2021])
def test_year_shows_the_units_the_phase_dates_place_there(registry: Registry, year: int) -> None:
    expected = set()
    spans = _yaml_years()
    with (DATA_DIR / "sites.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            start, end = spans[(row["project"], row["phase"])]
            first, last = start or end, end or start
            if first is not None and first <= year <= (last or first):
                expected.add(row["pcode"])
    shown = set(site_view(registry, Filters(year=year), "tr")["pcode"])
    assert shown == expected


def test_year_facts(registry: Registry) -> None:
    assert year_range(registry) == (2008, 2021)
    assert set(site_view(registry, Filters(year=2009), "tr")["pcode"]) == set()
    in_2012 = site_view(registry, Filters(year=2012), "tr")
    assert set(in_2012["project"]) == {"civil_oversight", "participatory_governance"}
    # Phase III has no start date: only its stated end year shows it; EKOSEP never shows.
    assert ("civil_oversight", "III") in running_in(registry, 2021)
    assert ("civil_oversight", "III") not in running_in(registry, 2019)
    assert not any(p == "ekosep" for y in range(2008, 2022) for p, _ in running_in(registry, y))
    unplaced = {(s.project, s.phase, s.dating) for s in not_placed(registry)}
    assert ("ekosep", "P", "undated") in unplaced and (
        "civil_oversight",
        "III",
        "partial",
    ) in unplaced


def test_institutions_in_both_languages(registry: Registry) -> None:
    funders = institutions(registry, "funder")
    assert funders["european-union"] == {"tr": "Avrupa Birliği", "en": "European Union"}
    assert projects_with(registry, "funder", ("european-union",)) == {
        "civil_oversight",
        "migration_ngo",
    }
    for role in ("implementer", "funder", "beneficiary"):
        for names in institutions(registry, role).values():
            assert names["tr"] and names["en"]


def _export_counts(sites: pd.DataFrame, items: pd.DataFrame, pcode: str) -> tuple[int, int, int]:
    """Own phases, related phases and deliverable items of ``pcode``, from the export."""
    if len(pcode) == 6:
        related = sites[(sites["pcode"].str[:6] == pcode) & (sites["pcode"] != pcode)]
    else:
        related = sites[sites["pcode"] == pcode[:6]]
    own = sites[sites["pcode"] == pcode]
    keys = set(own["pcode"]) | set(related["pcode"])
    return len(own), len(related), int(items[items["pcode"].isin(keys)]["quantity"].sum())


def test_profiles_match_the_registry_export(registry: Registry) -> None:
    sites, items = sites_table(registry), deliverables_table(registry)
    view, rows = site_view(registry, Filters(), "tr"), deliverable_view(registry, Filters(), "tr")
    for pcode in sorted(set(registry.sites["pcode"])):
        profile = place_profile(registry, pcode, "tr", view=view, deliverables=rows)
        own, related, items_here = _export_counts(sites, items, pcode)
        assert (len(profile.sites), len(profile.related)) == (own, related), pcode
        assert int(profile.deliverables["quantity"].sum()) == items_here, pcode


def test_indicator_profile_rank_tier_and_references() -> None:
    rows = indicator_profile("TUR006023", "en").set_index("id")
    score = rows.loc["sege2022_score"]
    assert score["of"] == 973 and 1 <= score["rank"] <= 973
    assert score["nat_min"] <= score["nat_median"] <= score["nat_max"]
    assert score["prov_min"] <= score["value"] <= score["prov_max"]
    assert score["tier"].startswith("Tier ")
    population = rows.loc["pop_2025_district"]
    assert population["tier"].startswith("Quintile ")
    assert "ADNKS 2025" in population["source"]
    province = indicator_profile("TUR006", "tr").set_index("id")
    assert province.loc["pop_2025_province", "rank"] == 2  # Ankara, after İstanbul
    assert province["prov_median"].isna().all()


def test_compare_and_neighbourhood(registry: Registry) -> None:
    a, b = place_profile(registry, "TUR034", "en"), place_profile(registry, "TUR006", "en")
    table = compare_profiles(a, b, "en").set_index("item")
    assert table.loc["Projects", "difference"] == str(len(a.projects) - len(b.projects))
    assert table.loc["Population 2025 (province) (people)", "difference"].startswith("9,")
    (s, w), (n, e) = neighbourhood(((40.0, 32.0), (40.5, 33.0)))
    assert s < 40.0 and n > 40.5 and w < 32.0 and e > 33.0


def test_state_round_trip_of_the_new_parameters() -> None:
    params = {
        "page": "place",
        "u": "TUR027",
        "u2": "TUR006023",
        "year": "2012",
        "funder": "european-union,unknown",
    }
    state = parse(
        params,
        projects=("civil_oversight",),
        phases=("II",),
        provinces=("TUR027",),
        statuses=("completed",),
        units=frozenset({"TUR027", "TUR006023"}),
        indicators=(),
        institutions={"funder": ("european-union",)},
        years=(2008, 2021),
    )
    assert (state.place, state.place2, state.filters.year) == ("TUR027", "TUR006023", 2012)
    assert state.filters.funders == ("european-union",)
    assert to_params(state) == {**params, "funder": "european-union"}
    late = parse(
        {"year": "2030"},
        projects=(),
        phases=(),
        provinces=(),
        statuses=(),
        units=frozenset(),
        indicators=(),
        years=(2008, 2021),
    )
    assert late.filters.year is None


def test_filter_line_and_table_files(registry: Registry) -> None:
    import io

    from openpyxl import load_workbook

    from geo.viewtext import filters_line, tables_bytes

    line = filters_line(registry, Filters(funders=("european-union",), year=2012), "en")
    assert line == "Funder: European Union; Year: 2012"
    assert filters_line(registry, Filters(), "tr") == "Tüm projeler"
    frame = pd.DataFrame({"Yer": ["Şahinbey", "=cmd"], "Adet": [3, 1]})
    csv = tables_bytes({"phases": frame}, "csv", "Şahinbey — Filtreler: Tüm projeler")
    text = csv.decode("utf-8-sig").splitlines()
    assert text[0] == "Şahinbey — Filtreler: Tüm projeler" and text[1] == "Yer,Adet"
    assert "'=cmd" in text[3]  # formulas neutralised
    sheet = load_workbook(io.BytesIO(tables_bytes({"phases": frame}, "xlsx", "H"))).active
    assert (
        sheet["A1"].value == "H" and sheet["A3"].value == "Yer" and sheet["A4"].value == "Şahinbey"
    )
