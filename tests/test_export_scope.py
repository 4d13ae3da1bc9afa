"""Exports hold exactly the page's scope.

Unit tests of :mod:`geo.scope`, then, for every map page and every export format, the
app is run through ``app.py`` (AppTest) and the units in each downloaded file are
compared with the units the page's own map draws: the set is read from the rendered map
component (what the browser receives), not from the exports' code path.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader
from streamlit.testing.v1 import AppTest

from geo.scope import (
    ExportScope,
    export_scope,
    project_page_id,
    scope_from_key,
    scope_text,
    scope_title,
)
from geo.state import ViewState
from geo.views import Filters
from tests.support.downloads import run_with_downloads
from tests.support.export_units import config_units, file_units, page_map_config
from tests.support.pdf import page_texts

APP = str(Path(__file__).resolve().parent.parent / "app.py")
FORMATS = ("csv", "xlsx", "geojson", "png", "html", "pdf")


# --------------------------------------------------------------------------- geo.scope


def test_project_page_scope_is_the_project_with_the_other_filters(registry) -> None:
    state = ViewState(
        page="project",
        project="ekosep",
        filters=Filters(phases=("P",), provinces=("TUR025",), statuses=("planned",)),
    )
    scope = export_scope(state, registry)
    assert scope == ExportScope(
        "project",
        Filters(("ekosep",), ("P",), ("TUR025",), ("planned",)),
        project="ekosep",
    )
    assert scope_title(registry, scope, "en", "ignored") == "EKOSEP"
    assert scope_text(registry, scope, "tr").startswith("Proje: EKOSEP; ")


def test_project_page_scope_follows_the_project_filter(registry) -> None:
    # The chosen project is not among the filtered ones: the page (and so the export)
    # shows the first filtered project.
    state = ViewState(
        page="project",
        project="ekosep",
        filters=Filters(projects=("participatory_governance", "civil_oversight")),
    )
    assert project_page_id(state, registry) == "participatory_governance"
    assert export_scope(state, registry).filters.projects == ("participatory_governance",)
    # No project chosen at all: the first project of the registry.
    assert project_page_id(ViewState(page="project"), registry) == next(iter(registry.projects))
    # On a projector the scene's project wins.
    present = ViewState(page="project", project="ekosep", present=True, filters=state.filters)
    assert project_page_id(present, registry) == "ekosep"


def test_overview_and_indicator_scopes(registry) -> None:
    filters = Filters(provinces=("TUR034",), statuses=("completed",))
    overview = export_scope(ViewState(filters=filters), registry)
    assert overview == ExportScope("overview", filters)
    indicators = export_scope(
        ViewState(page="indicators", indicator="sege2022_score", filters=filters),
        registry,
        year=2022,
    )
    assert (indicators.indicator, indicators.year, indicators.filters) == (
        "sege2022_score",
        2022,
        filters,
    )
    text = scope_text(registry, indicators, "en", indicator_label="SEGE score")
    assert text == "Indicator: SEGE score (2022); Province: İstanbul; Deliverable status: Completed"
    assert len({overview.key, indicators.key}) == 2
    assert scope_from_key(indicators.key) == indicators  # caches rebuild it from the key


# --------------------------------------------------------------------------- app x formats


def screen_units(at: AppTest) -> set[str]:
    """Units of the page's map as sent to the browser (the map frame's configuration)."""
    return config_units(page_map_config(at))


SCENARIOS = {
    "overview": ({}, "pilot-atlas-overview", 42, "Tüm projeler"),  # 43 sites, Erzurum twice
    "overview-filtered": (
        {"province": "TUR034,TUR063", "status": "completed"},
        "pilot-atlas-overview",
        None,
        "İl: İstanbul, Şanlıurfa",
    ),
    "project-ekosep": ({"page": "project", "p": "ekosep"}, "pilot-atlas-ekosep", 4, "EKOSEP"),
    "project-civil-phase": (
        {"page": "project", "p": "civil_oversight", "phase": "II", "lang": "en"},
        "pilot-atlas-civil_oversight",
        9,
        "Project: Civilian Oversight; Phase: Phase II",
    ),
}


@pytest.fixture(scope="module")
def runs() -> dict:
    """Each scenario run once; the files are built lazily per format."""
    return {}


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("scenario", list(SCENARIOS))
def test_export_units_equal_the_screen(monkeypatch, runs, scenario: str, fmt: str) -> None:
    params, stem, expected, words = SCENARIOS[scenario]
    if scenario not in runs:
        runs[scenario] = run_with_downloads(monkeypatch, params)
    at, files = runs[scenario]
    on_screen = screen_units(at)
    if expected is not None:
        assert len(on_screen) == expected
    assert on_screen, "the scenario shows no units"
    payload = files[f"{stem}.{fmt}"]()
    assert file_units(fmt, payload) == on_screen
    # The file says what it holds: title and filter line.
    if fmt == "png":
        info = Image.open(io.BytesIO(payload)).text
        assert words in info["Description"] or words == info["Title"]
    if fmt == "pdf":
        first = page_texts(payload)[0]
        subject = str(PdfReader(io.BytesIO(payload)).metadata["/Subject"])
        assert words in first.replace("\n", " ") or words in subject
