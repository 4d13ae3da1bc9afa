"""Export files as their readers see them: headers, numbers, number formats, geometry."""

from __future__ import annotations

import io
import json
import re

import pandas as pd
import pytest
from openpyxl import load_workbook

from geo.briefing import scope_table
from geo.export import export_table, localised_headers, to_bytes, whole_numbers
from geo.registry import load_registry
from geo.scope import ExportScope
from geo.style import number_text
from geo.views import Filters

SNAKE = re.compile(r"^[a-z]+(_[a-z0-9]+)+$")


def test_whole_numbers_never_print_a_decimal() -> None:
    frame = pd.DataFrame({"rank": [54.0, None, 3.0], "score": [1.839, 0.5, None]})
    text = to_bytes(frame, "csv").decode("utf-8")
    assert text.splitlines() == ["rank,score", "54,1.839", ",0.5", "3,"]
    assert str(whole_numbers(frame)["rank"].dtype) == "Int64"


@pytest.mark.parametrize(("lang", "pcode"), [("tr", "P-kodu"), ("en", "P-code")])
def test_app_tables_have_headers_in_the_language(registry, lang, pcode) -> None:
    scope = ExportScope("overview", Filters())
    csv = pd.read_csv(io.BytesIO(scope_table(registry, scope, lang, "csv")), dtype=str)
    assert pcode in csv.columns
    assert not [c for c in csv.columns if SNAKE.match(c)], csv.columns
    level = localised_headers(pd.DataFrame(columns=["level"]), lang).columns[0]
    assert set(csv[level]) == ({"İl", "İlçe"} if lang == "tr" else {"Province", "District"})
    # values stay codes and the CSV stays machine-readable: dot decimals, no grouping
    assert csv[pcode].str.match(r"^TUR\d{3}(\d{3})?$").all()
    population = csv[localised_headers(pd.DataFrame(columns=["population"]), lang).columns[0]]
    assert population.dropna().str.fullmatch(r"\d+").all()
    # GIS files keep field codes, so joins on ``pcode`` keep working
    features = json.loads(scope_table(registry, scope, lang, "geojson"))["features"]
    assert "pcode" in features[0]["properties"]


def test_xlsx_numbers_are_numeric_cells_with_a_format(registry) -> None:
    scope = ExportScope("project", Filters(projects=("civil_oversight",)), "civil_oversight")
    book = load_workbook(io.BytesIO(scope_table(registry, scope, "tr", "xlsx")))
    sheet = book.active
    headers = [c.value for c in sheet[1]]
    population = sheet.cell(row=2, column=headers.index("Nüfus 2025") + 1)
    assert isinstance(population.value, int) and population.number_format == "#,##0"
    score = sheet.cell(row=2, column=headers.index("İlçe SEGE-2022 endeks değeri") + 1)
    assert isinstance(score.value, float) and score.number_format == "#,##0.0##"


def test_cli_tables_keep_machine_headers() -> None:
    frame = export_table("sites", load_registry())
    assert to_bytes(frame, "csv").decode("utf-8").startswith("project,project_name,phase")


@pytest.mark.parametrize(
    ("value", "lang", "decimals", "text"),
    [
        (54.0, "tr", None, "54"),
        (1234567, "tr", None, "1.234.567"),
        (1234567, "en", None, "1,234,567"),
        (1.839, "tr", 3, "1,839"),
        (1.839, "en", 3, "1.839"),
        (40888.4615, "tr", 1, "40.888,5"),
        (float("nan"), "en", None, "–"),
    ],
)
def test_number_text(value, lang, decimals, text) -> None:
    assert number_text(value, lang, decimals) == text
