"""The map as users see it, in headless Debian Chromium against one live app per module.

Checked at the four window sizes the team reviews (1440×900, 1920×1080, 1366×768,
390×844): the map is the largest element and above the fold, the legend box does not
cover the drawn country, place names are present and never overlap, the arrow keys
change presentation scenes whatever has the focus (page, map, scene list), and a share link restores
the map view in a fresh browser. Screenshots go to ``test-artifacts/``.
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Iterator

import pytest

from pages.ui.mapframe import FRAME_TITLE
from tests.support.js import probe
from tests.support.live_app import ROOT, chromium_path, launch, live_app, wait_for_map

ARTIFACTS = ROOT / "test-artifacts"
SIZES = {"1440x900": (1440, 900), "1920x1080": (1920, 1080), "1366x768": (1366, 768)}
PHONE = (390, 844)

pytestmark = pytest.mark.browser

if chromium_path() is None:
    if os.environ.get("PILOT_ATLAS_REQUIRE_BROWSER"):
        pytest.fail("chromium is required here (PILOT_ATLAS_REQUIRE_BROWSER is set)")
    pytest.skip("chromium not installed (apt-get install chromium)", allow_module_level=True)


def _overlap(a: list[float], b: list[float]) -> bool:
    return a[0] < b[2] and a[2] > b[0] and a[1] < b[3] and a[3] > b[1]


@pytest.fixture(scope="module")
def app() -> Iterator[tuple[str, object]]:
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(exist_ok=True)
    with live_app() as url, sync_playwright() as playwright:
        browser = launch(playwright)
        yield url, browser
        browser.close()


def _open(browser, url: str, size: tuple[int, int]):
    context = browser.new_context(viewport={"width": size[0], "height": size[1]})
    page = context.new_page()
    page.goto(url)
    frame = wait_for_map(page, timeout=120)
    frame.wait_for_selector("[data-atlas-fit][data-atlas-labels]", timeout=30_000)
    time.sleep(0.5)  # the last resize and label pass
    return context, page, frame


def _check_map(page, frame, size: tuple[int, int], name: str, *, national: bool = True) -> dict:
    shot = ARTIFACTS / f"map-{name}-{size[0]}x{size[1]}.png"
    page.screenshot(path=str(shot))
    info = frame.evaluate(probe("map_geometry"))
    # The legend never hides data: below/beside the drawn country (national maps) or the
    # page's scope (a project's units), or folded.
    if info["legend"] and not info["folded"]:
        assert not _overlap(info["legend"], info["scope"]), (name, size, info["legend"])
        if national:
            assert not _overlap(info["legend"], info["country"]), (name, size, info["legend"])
    # Place names are present and none overlaps another.
    labels = info["labels"]
    assert len(labels) >= 8, (name, size, len(labels))
    for i, a in enumerate(labels):
        for b in labels[i + 1 :]:
            assert not _overlap(a, b), (name, size, a, b)
    assert re.fullmatch(r"\d+ k?m", info["scale"].strip()), info["scale"]  # metric only
    return info


@pytest.mark.parametrize("size_name", list(SIZES))
def test_overview_map_is_the_largest_element_above_the_fold(app, size_name: str) -> None:
    url, browser = app
    size = SIZES[size_name]
    context, page, frame = _open(browser, url, size)
    try:
        box = frame.frame_element().bounding_box()
        content = page.evaluate(probe("content_width"))
        assert box["width"] >= 0.70 * content, (box, content)
        assert box["height"] >= 560
        assert box["y"] + box["height"] <= size[1], "the map must be above the fold"
        info = _check_map(page, frame, size, "overview")
        # The whole country is framed: its box lies inside the map.
        left, top, right, bottom = info["country"]
        width, height = info["size"]
        assert left >= -2 and top >= -2 and right <= width + 2 and bottom <= height + 2
        assert right - left >= 0.8 * width or bottom - top >= 0.5 * height  # and fills it
    finally:
        context.close()


#: The four map pages; the place is a district (its page has one more row above the map).
MAP_PAGES = {
    "overview": "?page=overview",
    "project": "?page=project&p=ekosep",
    "indicators": "?page=indicators&ind=gdp_pc_try_2024",  # a series: mode and year too
    "place": "?page=place&u=TUR063001",
}


@pytest.mark.parametrize("size", [(1440, 900), (1366, 768), PHONE], ids=lambda s: f"{s[0]}x{s[1]}")
def test_every_map_page_is_map_first(app, size: tuple[int, int]) -> None:
    """Map first on all four map pages: on a desktop at least 70% of the content width,
    560 px tall and starting within the top 230 px (controls beside the map or folded into
    a popover); on a phone the map is in the first screen."""
    url, browser = app
    context = browser.new_context(viewport={"width": size[0], "height": size[1]})
    page = context.new_page()
    try:
        for name, query in MAP_PAGES.items():
            page.goto(f"{url}/{query}&lang=en")
            frame = wait_for_map(page, timeout=120)
            frame.wait_for_selector("[data-atlas-fit]", timeout=30_000)
            time.sleep(0.5)
            box = frame.frame_element().bounding_box()
            content = page.evaluate(probe("content_width"))
            page.screenshot(path=str(ARTIFACTS / f"mapfirst-{name}-{size[0]}x{size[1]}.png"))
            where = (name, size, box, content)
            if size == PHONE:
                assert box["y"] + 0.5 * box["height"] <= size[1], where
                assert box["width"] >= size[0] - 40, where
            else:
                assert box["width"] >= 0.70 * content, where
                assert box["height"] >= 560, where
                assert box["y"] <= 230, where
    finally:
        context.close()


@pytest.mark.parametrize(
    ("query", "size"),
    [("", (1440, 900)), ("?page=project&p=ekosep", (1366, 768)), ("?lang=en", PHONE)],
    ids=["overview-1440x900", "project-1366x768", "overview-390x844"],
)
def test_a_first_visit_frames_the_map_once(app, query: str, size: tuple[int, int]) -> None:
    """The map is fitted to its scope once, however the page arrives around it: a second
    fit re-projects and redraws every unit. (Leaflet recomputes its centre from rounded
    pixels after a resize check, and the first visit's map was fitted twice for that.)"""
    url, browser = app
    context, page, _frame = _open(browser, f"{url}/{query}", size)
    try:
        time.sleep(1.0)  # the rest of the page arrives after the map is drawn
        assert wait_for_map(page, timeout=60).evaluate(probe("map_fits")) == 1
    finally:
        context.close()


def test_phone_shows_the_map_in_the_first_screen(app) -> None:
    url, browser = app
    context, page, frame = _open(browser, url, PHONE)
    try:
        box = frame.frame_element().bounding_box()
        assert box["y"] < 0.5 * PHONE[1] and box["y"] + 0.6 * box["height"] <= PHONE[1]
        assert box["width"] >= PHONE[0] - 40
        _check_map(page, frame, PHONE, "overview")
    finally:
        context.close()


def test_indicator_legend_and_project_frame(app) -> None:
    url, browser = app
    size = SIZES["1440x900"]
    context, page, frame = _open(browser, f"{url}/?page=indicators&lang=en", size)
    try:
        _check_map(page, frame, size, "indicators")
        page.goto(f"{url}/?page=project&p=ekosep&lang=en")
        frame = wait_for_map(page, timeout=120)
        frame.wait_for_selector("[data-atlas-fit]", timeout=30_000)
        time.sleep(0.5)
        info = _check_map(page, frame, size, "project-ekosep", national=False)
        # EKOSEP's four eastern provinces fill the map, not the whole country.
        assert info["zoom"] >= 6.75, info["zoom"]
        bounds = frame.evaluate(probe("map_bounds"))
        assert bounds[1] > 30.0  # the Aegean coast is out of view
        for lat, lon in ((39.9, 41.27), (37.91, 40.23), (37.16, 38.79), (37.07, 37.38)):
            assert bounds[0] < lat < bounds[2] and bounds[1] < lon < bounds[3]
    finally:
        context.close()


def _scene_in_link(page, expected: int | None, timeout: float = 60) -> None:
    """Wait until the link names scene ``expected`` (None: the first scene, no ``scene=``).

    Reads ``location.search`` in the page: Playwright's ``page.url`` is not refreshed while
    a synchronous test sleeps, so it can miss a link the app already rewrote.
    """
    deadline = time.monotonic() + timeout
    while True:
        found = re.search(r"[?&]scene=(\d+)", page.evaluate(probe("link_query")))
        if (int(found.group(1)) if found else None) == expected:
            return
        assert time.monotonic() < deadline, (expected, page.evaluate(probe("link_query")))
        time.sleep(0.2)


def _press(page, key: str, expected: int | None) -> None:
    """Press ``key``; the scene becomes ``expected`` and stays there (one step per key)."""
    page.keyboard.press(key)
    _scene_in_link(page, expected)
    time.sleep(1.5)
    _scene_in_link(page, expected, timeout=0)


def _click_the_sea(page) -> None:
    """Click the map above the country: a click on a unit would select it and rerun."""
    box = wait_for_map(page, timeout=120).frame_element().bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + 14)
    time.sleep(0.5)
    assert page.evaluate(probe("focused_tag")) == "IFRAME"


def test_arrow_keys_change_scenes_whatever_has_the_focus(app) -> None:
    url, browser = app
    context, page, _frame = _open(browser, f"{url}/?present=1&lang=en", SIZES["1920x1080"])
    try:
        # The page itself focused.
        _press(page, "ArrowRight", 1)
        _press(page, "ArrowLeft", None)
        _press(page, "ArrowLeft", None)  # the first scene stays first
        # After a click on the map: the map's frame has the keys and must not pan.
        _click_the_sea(page)
        _press(page, "ArrowRight", 1)
        _click_the_sea(page)
        _press(page, "ArrowLeft", None)
        # After a choice from the scene list, whose search box keeps the focus.
        page.locator(".st-key-scene input").click()
        page.locator("[role=option]").nth(4).click()
        _scene_in_link(page, 4)
        time.sleep(1.5)
        _press(page, "ArrowRight", 5)
        _press(page, "ArrowLeft", 4)
        # Esc leaves presentation mode with nothing left over.
        page.keyboard.press("Escape")
        page.wait_for_function(probe("link_lacks"), arg="present", timeout=60_000)
        wait_for_map(page, timeout=120)
        page.wait_for_function(probe("page_idle"), timeout=120_000)
        assert page.locator("section[data-testid='stSidebar']").is_visible()
        assert page.locator(".st-key-scene_next, .st-key-scene").count() == 0
        frame = page.query_selector(f"iframe[title='{FRAME_TITLE}']").bounding_box()
        assert frame["x"] > 200, frame  # the normal layout, beside the sidebar
    finally:
        context.close()


def test_share_link_restores_the_map_view(app) -> None:
    url, browser = app
    context, page, frame = _open(browser, f"{url}/?lang=en", SIZES["1440x900"])
    try:
        container = frame.query_selector("[data-atlas-drawn]")
        box = container.bounding_box()
        page.mouse.move(box["x"] + box["width"] * 0.3, box["y"] + box["height"] * 0.4)
        page.mouse.wheel(0, -400)  # zoom in on the west
        time.sleep(0.5)
        page.mouse.down()
        page.mouse.move(box["x"] + box["width"] * 0.5, box["y"] + box["height"] * 0.5, steps=8)
        page.mouse.up()
        # The map reports the view after a pause; the app writes it into the link.
        deadline = time.monotonic() + 90
        while True:
            chosen = frame.evaluate(probe("map_view"))
            found = re.search(r"[?&]v=([^&]+)", page.url)
            if found:
                lat, lon, zoom = (float(x) for x in found.group(1).replace("%2C", ",").split(","))
                if zoom == chosen[2] and abs(lat - chosen[0]) + abs(lon - chosen[1]) < 0.01:
                    break
            assert time.monotonic() < deadline, (page.url, chosen)
            time.sleep(0.3)
        link = page.url
    finally:
        context.close()
    assert zoom > 6
    fresh = browser.new_context(viewport={"width": 1440, "height": 900})
    try:
        page = fresh.new_page()
        page.goto(link)
        frame = wait_for_map(page, timeout=120)
        time.sleep(1.0)
        restored = frame.evaluate(probe("map_view"))
        assert restored[2] == zoom
        assert abs(restored[0] - lat) < 0.01 and abs(restored[1] - lon) < 0.01
    finally:
        fresh.close()


def test_a_first_visit_draws_the_map_then_the_widgets_then_the_tables(app) -> None:
    """The frame's reports move a first visit through its stages in a real browser:
    the map alone, then the sidebar's widgets, then the table below the map; another
    map page of the same session is whole at once."""
    url, browser = app
    context = browser.new_context(viewport={"width": 1440, "height": 900})
    page = context.new_page()
    sidebar_radio = "[data-testid=stSidebar] [data-testid=stRadio]"
    try:
        page.goto(f"{url}/?lang=en")
        frame = wait_for_map(page, timeout=120)
        # The frame reports "drawn" only after the map-only run ended: no widgets yet.
        assert page.locator(sidebar_radio).count() == 0
        assert frame.evaluate(probe("map_drawn"))
        page.wait_for_selector(sidebar_radio, timeout=30_000)
        page.wait_for_selector("[data-testid=stDataFrame]", timeout=60_000)
        page.locator("[data-testid=stSidebar]").get_by_text("Indicators").click()
        page.wait_for_selector("[data-testid=stPlotlyChart], .stPlotlyChart", timeout=60_000)
        assert page.locator(sidebar_radio).count() >= 2
    finally:
        context.close()


@pytest.mark.parametrize(
    ("query", "widget"),
    [
        ("page=project&p=ekosep", "stSelectbox"),
        ("page=indicators&ind=gdp_pc_usd_2024", "stSlider"),
    ],
    ids=["project-choice", "indicator-choices"],
)
def test_on_a_phone_the_map_stays_put_when_the_choices_arrive(app, query, widget) -> None:
    """On a phone the choices above the map (the project; the indicator, its mode and
    years) arrive after the map (stage 2): their blocks keep the room meanwhile, so the
    map drawn first is not pushed down."""
    url, browser = app
    context = browser.new_context(viewport={"width": PHONE[0], "height": PHONE[1]})
    page = context.new_page()
    try:
        page.goto(f"{url}/?{query}&lang=en")
        wait_for_map(page, timeout=120)
        drawn_at = page.evaluate(probe("frame_top"), FRAME_TITLE)
        page.wait_for_selector(f"[data-testid={widget}]", timeout=30_000)
        page.wait_for_timeout(300)  # the widgets' own layout settles after they mount
        assert page.evaluate(probe("frame_top"), FRAME_TITLE) == drawn_at
    finally:
        context.close()
