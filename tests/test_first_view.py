"""A browser's first view of a map page: the map first, everything else once it is drawn.

Through ``app.py`` with AppTest, with :func:`pages.ui.mapframe.has_browser` answering
as a browser's run would (AppTest sends no headers, so it normally gets whole pages).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from pages.ui import mapframe
from tests.support.export_units import page_map_args

APP = str(Path(__file__).resolve().parent.parent / "app.py")


@pytest.fixture
def browser_run(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(mapframe, "has_browser", lambda: True)


def _run(**params: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=30)
    for key, value in params.items():
        at.query_params[key] = value
    return at.run()


@pytest.mark.parametrize(
    ("params", "table"),
    [({}, "dataframe"), ({"page": "project", "p": "ekosep"}, "plotly_chart")],
    ids=["overview", "project"],
)
def test_first_view_is_the_map_then_the_rest(browser_run, params: dict, table: str) -> None:
    at = _run(lang="en", **params)
    assert not at.exception, [e.value for e in at.exception]
    # The sidebar holds only the app's name: no widget whose code the browser would fetch.
    assert not at.sidebar.radio and not at.sidebar.multiselect and not at.sidebar.toggle
    assert "Pilot Atlas" in at.sidebar.markdown[0].value
    assert not at.selectbox, "the project choice above the map waits for the map"
    assert not at.metric, "the figures beside the map wait for the map"
    assert not at.get(table), "what stands below the map waits for it"
    # The frame reports the map drawn (its component value): the widgets follow...
    at.session_state[mapframe.DRAWN_KEY] = True
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.sidebar.radio(key="lang").value == "en"
    assert at.sidebar.multiselect(key="f_project") is not None
    assert at.metric
    if params:
        assert at.selectbox(key="project_page").value == "ekosep"
    assert not at.get(table), "charts and tables wait until the widgets are rendered"
    # ... and once it reports them rendered, the charts and tables.
    at.session_state[mapframe.SETTLED_KEY] = True
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.get(table)
    assert at.sidebar.radio(key="lang").value == "en"


def test_the_frame_is_told_what_to_report(browser_run) -> None:
    """Stage 1 and 2 frames report; once the page is whole they send nothing more (no
    extra reruns for every later map)."""
    at = _run(lang="en")
    assert _frame_stage(at) == mapframe.MAP_ONLY
    at.session_state[mapframe.DRAWN_KEY] = True
    assert _frame_stage(at.run()) == mapframe.CONTROLS
    at.session_state[mapframe.SETTLED_KEY] = True
    assert _frame_stage(at.run()) == mapframe.WHOLE


def _frame_stage(at: AppTest) -> int:
    return page_map_args(at)["stage"]


def test_a_page_without_a_map_is_whole_at_once(browser_run) -> None:
    at = _run(page="data", lang="en")
    assert not at.exception, [e.value for e in at.exception]
    assert at.sidebar.radio(key="page").value == "data"
    assert at.sidebar.multiselect(key="f_project") is not None


def test_filters_from_the_link_survive_the_first_view(browser_run) -> None:
    """The link's filters are in session state before any widget exists; the widgets
    drawn after the map must show them, not their defaults."""
    at = _run(project="ekosep", lang="en")
    assert not at.sidebar.multiselect
    at.session_state[mapframe.DRAWN_KEY] = True
    at.run()
    assert at.sidebar.multiselect(key="f_project").value == ["ekosep"]


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"ind": "gdp_pc_usd_2024"},
        {"ind": "pop_2025_district", "cmp": "pop_2021_district"},
        {"ind": "sege2022_score", "scheme": "quantiles", "k": "4"},
        {"ind": "no_such_indicator"},
    ],
    ids=["default", "one-year-of-a-series", "change", "classification", "unknown"],
)
def test_indicators_first_view_maps_what_its_widgets_then_show(browser_run, params) -> None:
    """The indicators page draws its map before its widgets: from the link's choice,
    the same map the widgets then show (no second map once they arrive)."""
    from tests.support.export_units import page_map_config

    at = _run(page="indicators", lang="en", **params)
    assert not at.exception, [e.value for e in at.exception]
    assert not at.selectbox and not at.radio and not at.slider, "widgets wait for the map"
    before = page_map_config(at)
    at.session_state[mapframe.DRAWN_KEY] = True
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.selectbox(key="ind_series") is not None
    assert page_map_config(at) == before
