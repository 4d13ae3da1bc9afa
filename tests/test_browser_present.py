"""Presentation mode in Chromium: every kind of scene fits 1920x1080 and 1366x768 without
scrolling (map and legend inside the screen) and its scope fills the map, → changes the
scene, Esc leaves nothing; switching modes keeps the map's frame."""

from __future__ import annotations

import os
import time

import pytest

from pages.ui.mapframe import FRAME_TITLE
from tests.support.js import probe
from tests.support.live_app import chromium_path, launch, live_app, wait_for_map

pytestmark = pytest.mark.browser

if chromium_path() is None:
    if os.environ.get("PILOT_ATLAS_REQUIRE_BROWSER"):
        pytest.fail("chromium is required here (PILOT_ATLAS_REQUIRE_BROWSER is set)")
    pytest.skip("chromium not installed (apt-get install chromium)", allow_module_level=True)

MAP = f"iframe[title='{FRAME_TITLE}']"
#: start, national project, phase, province (Bartın), in the all-projects scene list.
SCENES = (0, 2, 7, 12)
PROVINCE_SCENE = 12


def _settled(page) -> None:
    page.wait_for_selector(MAP, timeout=120_000)
    page.wait_for_function(probe("page_idle"), timeout=120_000)
    time.sleep(2)


def test_scenes_fit_the_screen_and_keys_step_and_esc_leaves() -> None:
    from playwright.sync_api import sync_playwright

    with live_app() as url, sync_playwright() as playwright:
        browser = launch(playwright)
        for width, height in ((1920, 1080), (1366, 768)):
            page = browser.new_page(viewport={"width": width, "height": height})
            for scene in SCENES:
                page.goto(f"{url}/?present=1&lang=en&scene={scene}")
                _settled(page)
                box = page.evaluate(probe("present_layout"), FRAME_TITLE)
                where = f"scene {scene} at {width}x{height}: {box}"
                assert not box["scrolls"], f"scrolls: {where}"
                assert box["bottom"] <= box["inner"], f"map cut off: {where}"
                assert box["height"] >= 0.5 * height - 60, f"map too small: {where}"
                # The scene's scope fills its frame: the legend's room is taken where it
                # costs the map least (a column on a wide, low projector frame).
                # A province is compact: a wide frame leaves room beside it.
                share = wait_for_map(page).evaluate(probe("scope_share"))
                least = 0.18 if scene == PROVINCE_SCENE else 0.35
                assert share >= least, f"scope covers {share:.0%} of the frame: {where}"
            page.keyboard.press("ArrowRight")
            page.wait_for_function(probe("link_has"), arg="scene=13", timeout=60_000)
            page.keyboard.press("Escape")
            page.wait_for_function(probe("link_lacks"), arg="present", timeout=60_000)
            _settled(page)
            # The sidebar's widgets may follow the map by a rerun or two (a session's
            # first map page comes in stages, pages/ui/mapframe.py).
            page.locator("section[data-testid='stSidebar']").wait_for(
                state="visible", timeout=30_000
            )
            assert page.get_by_text("Leave presentation").count() == 0
            page.close()
        browser.close()


def test_a_scene_on_a_phone_shows_the_whole_country_and_whole_labels() -> None:
    """A shared scene link opened on a phone frames the country in either language, and
    no button or figure label is cut off. The English legend, folded, spans the frame's
    width; taking it for a column to keep free left no room, and Leaflet then zoomed in
    as far as it may (zoom 10 on one district)."""
    from playwright.sync_api import sync_playwright

    with live_app() as url, sync_playwright() as playwright:
        browser = launch(playwright)
        for lang in ("en", "tr"):
            page = browser.new_page(viewport={"width": 390, "height": 844})
            page.goto(f"{url}/?present=1&lang={lang}")
            _settled(page)
            frame = wait_for_map(page)
            assert _zoom_when_settled(page, frame) <= 5, lang
            assert page.evaluate(probe("clipped_labels")) == [], lang
            page.close()
        browser.close()


def _zoom_when_settled(page, frame) -> float:
    """The map's zoom once the page's run has ended and the map stopped moving."""
    wait_for_map(page)
    page.wait_for_function(probe("page_idle"), timeout=60_000)
    zooms = [None]
    for _ in range(40):  # the frame's resize to the new layout, and its refit
        time.sleep(0.25)
        zooms.append(frame.evaluate(probe("map_zoom")))
        if zooms[-1] == zooms[-2] == zooms[-3 if len(zooms) > 3 else -2]:
            break
    return zooms[-1]


def test_switching_modes_keeps_the_map_and_frames_each_mode_afresh() -> None:
    """Presentation on and off redraws the frame's map instead of loading a new frame
    (so the switch costs a redraw, not a map load), framed once; a scene shows the whole
    country even after the user zoomed in, and leaving brings the user's view back."""
    from playwright.sync_api import sync_playwright

    with live_app() as url, sync_playwright() as playwright:
        browser = launch(playwright)
        page = browser.new_page(viewport={"width": 1440, "height": 900})
        page.goto(f"{url}/?lang=en")
        _settled(page)
        page.get_by_text("Presentation mode").wait_for(timeout=30_000)
        frame = wait_for_map(page)
        national = _zoom_when_settled(page, frame)
        box = page.locator(MAP).bounding_box()
        page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        page.mouse.wheel(0, -300)
        # The app records the view the user chose (in the link, too).
        page.wait_for_function(probe("link_has"), arg="v=", timeout=30_000)
        zoomed = _zoom_when_settled(page, frame)
        assert zoomed > national
        frame.evaluate(probe("mark_frame"))

        page.get_by_text("Presentation mode").click()
        page.get_by_text("Leave presentation").wait_for(timeout=30_000)
        assert _zoom_when_settled(page, frame) < zoomed, "the scene kept the user's view"
        assert frame.evaluate(probe("frame_marked")), "the frame was reloaded"
        # The new layout reaches the frame in one step (width with height), so the scene's
        # drawing is framed once, not again a moment after it was drawn.
        assert frame.evaluate(probe("map_fits")) == 1

        page.keyboard.press("Escape")
        page.wait_for_function(probe("link_lacks"), arg="present", timeout=60_000)
        page.get_by_text("Presentation mode").wait_for(timeout=30_000)
        assert _zoom_when_settled(page, frame) == zoomed, "the user's view was lost"
        assert frame.evaluate(probe("frame_marked")), "the frame was reloaded"
        browser.close()


def test_leaving_paints_the_map_before_the_sidebar_widgets_come_back() -> None:
    """Leaving a presentation, the map is painted first: building the sidebar's filter
    boxes would hold its paint back (pages/ui/mapframe.widgets_after_map). The widgets
    follow with the choices made before the presentation."""
    from playwright.sync_api import sync_playwright

    with live_app() as url, sync_playwright() as playwright:
        browser = launch(playwright)
        context = browser.new_context(viewport={"width": 1440, "height": 900})
        context.add_init_script(probe("order_clock"))
        page = context.new_page()
        page.goto(f"{url}/?lang=en&project=ekosep")
        _settled(page)
        page.get_by_text("Presentation mode").click()
        page.get_by_text("Leave presentation").wait_for(timeout=30_000)
        _settled(page)
        assert page.evaluate(probe("order_times"))[1] is None  # no sidebar on a projector
        page.evaluate(probe("order_forget_drawn"))
        page.keyboard.press("Escape")
        page.wait_for_function(probe("order_filters_shown"), timeout=60_000)
        drawn, filters = page.evaluate(probe("order_times"))
        assert drawn is not None and drawn < filters, (drawn, filters)
        sidebar = page.locator("section[data-testid='stSidebar']")
        sidebar.get_by_text("EKOSEP").wait_for(timeout=30_000)
        assert sidebar.get_by_text("English").is_visible()
        assert wait_for_map(page).evaluate(probe("map_fits")) == 1  # the map did not move
        browser.close()
