"""Joined views, key figures and the export command."""

from __future__ import annotations

import io
import json
import subprocess
import sys

import pandas as pd
import pytest

from geo.export import export_table, main, neutralise_formulas, to_bytes, whole_numbers
from geo.views import Filters, key_figures, site_view, unit_coverage, unit_detail


def test_site_view_joins_names_and_indicators(registry) -> None:
    view = site_view(registry, Filters())
    besiktas = view[view["pcode"] == "TUR034010"].iloc[0]
    assert besiktas["district"] == "Beşiktaş" and besiktas["province"] == "İstanbul"
    assert besiktas["sege2022_rank"] == 3 and pd.isna(besiktas["sege2017_rank"])
    assert besiktas["deliverables_total"] == 8 and besiktas["deliverables_completed"] == 8
    hatay = view[view["pcode"] == "TUR031"].iloc[0]
    assert hatay["level"] == "province" and hatay["sege2017_rank"] == 39  # SEGE-2017 province rank
    assert pd.isna(hatay["sege2022_score"])  # never the district edition on a province row


@pytest.mark.parametrize(
    ("filters", "sites", "districts"),
    [
        (Filters(), 43, 19),
        (Filters(projects=("civil_oversight",)), 19, 17),
        (Filters(projects=("civil_oversight",), phases=("II",)), 9, 9),
        (Filters(provinces=("TUR034",)), 6, 6),
        (Filters(statuses=("completed",)), 10, 8),
        (Filters(statuses=("planned",)), 4, 0),
    ],
)
def test_filters_change_counts(registry, filters, sites, districts) -> None:
    view = site_view(registry, filters)
    figures = key_figures(registry, filters, view)
    assert figures.sites == sites == len(view)
    assert figures.districts == districts


def test_english_labels(registry) -> None:
    view = site_view(registry, Filters(projects=("civil_oversight",)), lang="en")
    assert set(view["phase_label"]) == {"Phase II", "Phase III"}


def test_unit_coverage_counts_overlaps(registry) -> None:
    coverage = unit_coverage(site_view(registry, Filters()))
    assert coverage.at["TUR025", "n_projects"] == 2  # Erzurum: governance + EKOSEP
    assert coverage["n_projects"].max() == 2


def test_unit_detail_includes_province_council(registry) -> None:
    detail = unit_detail(registry, "TUR031009")  # İskenderun
    assert detail["name"] == "İskenderun"
    assert len(detail["province_sites"]) == 1  # Hatay provincial council
    assert detail["deliverables"]["quantity"].sum() == 7


def test_export_sites_has_required_columns(registry) -> None:
    frame = export_table("sites", registry)
    required = {"project", "project_name", "phase", "level", "province", "district", "pcode"}
    assert required <= set(frame.columns)
    assert {
        "deliverables_total",
        "deliverables_completed",
        "sege2022_score",
        "sege2017_score",
    } <= set(frame.columns)
    assert "Şehitkamil" in set(frame["district"])


@pytest.mark.parametrize("table", ["projects", "sites", "deliverables", "indicators"])
def test_csv_and_xlsx_round_trip(registry, table) -> None:
    frame = export_table(table, registry)
    from_csv = pd.read_csv(io.BytesIO(to_bytes(frame, "csv")), dtype=str, keep_default_na=False)
    from_xlsx = pd.read_excel(io.BytesIO(to_bytes(frame, "xlsx")), dtype=str, keep_default_na=False)
    # whole numbers are written without ".0" (whole_numbers), everything else as is
    expected = pd.read_csv(
        io.StringIO(whole_numbers(frame).to_csv(index=False)), dtype=str, keep_default_na=False
    )
    pd.testing.assert_frame_equal(from_csv, expected)
    assert list(from_xlsx.columns) == list(expected.columns)
    assert len(from_xlsx) == len(expected)
    for column in ("pcode", "province", "project"):
        if column in expected:
            assert from_xlsx[column].tolist() == expected[column].tolist()


def test_geojson_export(registry) -> None:
    data = json.loads(to_bytes(export_table("sites", registry), "geojson"))
    assert len(data["features"]) == 43
    kinds = {f["geometry"]["type"] for f in data["features"]}
    assert kinds <= {"Polygon", "MultiPolygon"}
    assert data["features"][0]["properties"]["district"] == "Eyüpsultan"


def test_formula_cells_are_neutralised() -> None:
    frame = pd.DataFrame({"name": ["=HYPERLINK(1)", "+1", "@x", "ok", "-2"], "n": [1, -2, 3, 4, 5]})
    safe = neutralise_formulas(frame)
    assert safe["name"].tolist() == ["'=HYPERLINK(1)", "'+1", "'@x", "ok", "'-2"]
    assert safe["n"].tolist() == [1, -2, 3, 4, 5]


def test_cli_writes_utf8_csv_to_stdout() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "geo.export", "sites"], capture_output=True, check=True
    )
    text = result.stdout.decode("utf-8")
    assert text.splitlines()[0].startswith("project,project_name,phase")
    assert "Şahinbey" in text and "Eyüpsultan" in text


def test_cli_writes_xlsx_file(tmp_path) -> None:
    out = tmp_path / "d.xlsx"
    assert main(["deliverables", "--format", "xlsx", "--out", str(out), "--lang", "en"]) == 0
    frame = pd.read_excel(out)
    assert "Two-day workshop" in set(frame["deliverable_label"])
