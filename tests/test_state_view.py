"""The share link's map view (``v=lat,lon,zoom``): parsed strictly, written compactly."""

from __future__ import annotations

from geo.state import ViewState, parse, parse_view, to_params, view_text

KNOWN = {
    "projects": ("ekosep",),
    "phases": (),
    "provinces": (),
    "statuses": (),
    "units": frozenset(),
    "indicators": (),
}


def test_view_round_trips_through_the_link() -> None:
    state = ViewState(page="project", project="ekosep", view=(39.91234, 41.27, 7.25))
    params = to_params(state)
    assert params["v"] == "39.9123,41.2700,7.25"
    back = parse(params, **KNOWN)
    assert back.view == (39.9123, 41.27, 7.25)
    assert back.project == "ekosep"


def test_bad_views_are_dropped() -> None:
    for text in ("", "39,35", "39,35,6,1", "x,35,6", "60,35,6", "39,35,30", "nan,35,6"):
        assert parse_view(text) is None, text
    assert parse_view("39,39,6") == (39.0, 39.0, 6.0)  # equal numbers are fine
    assert parse_view(["38.5,27.1,9"]) == (38.5, 27.1, 9.0)


def test_presentation_links_carry_scenes_not_views() -> None:
    params = to_params(ViewState(present=True, scene=2, view=(39.0, 35.0, 6.0)))
    assert "v" not in params and params["scene"] == "2"
    assert view_text((39.0, 35.0, 6.0)) == "39.0000,35.0000,6"
