"""Real-browser paths into the place profile, and the year control redrawing the map."""

from __future__ import annotations

import os
import time

import pytest

from tests.support.js import probe
from tests.support.live_app import ROOT, chromium_path, launch, live_app, wait_for_map

ARTIFACTS = ROOT / "test-artifacts"

pytestmark = pytest.mark.browser

if chromium_path() is None:
    if os.environ.get("PILOT_ATLAS_REQUIRE_BROWSER"):
        pytest.fail("chromium is required here (PILOT_ATLAS_REQUIRE_BROWSER is set)")
    pytest.skip("chromium not installed (apt-get install chromium)", allow_module_level=True)


def _click_at(page, frame, lat: float, lng: float) -> None:
    """Click the map at a geographic point (EPSG:4326 degrees)."""
    x, y = frame.evaluate(probe("map_point"), [lat, lng])
    box = frame.query_selector("[data-atlas-drawn]").bounding_box()
    page.mouse.click(box["x"] + x, box["y"] + y)


def _wait_for_query(page, *parts: str, timeout: float = 30_000) -> None:
    """Wait until the address bar's query holds every one of ``parts``."""
    page.wait_for_function(probe("link_has_all"), arg=list(parts), timeout=timeout)


def _provinces_drawn(page, previous: str | None = None, timeout: float = 60) -> str:
    """The map's count of drawn province outlines, waiting until it differs from
    ``previous`` (a redrawn map)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        frame = wait_for_map(page, timeout)
        node = frame.query_selector("[data-atlas-drawn]")
        value = node.get_attribute("data-atlas-province") if node else None
        if value is not None and value != previous:
            return value
        time.sleep(0.3)
    msg = f"the map still shows {previous} province outlines"
    raise TimeoutError(msg)


def test_map_click_matrix_cell_and_year_control() -> None:
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(exist_ok=True)
    with live_app() as url, sync_playwright() as playwright:
        browser = launch(playwright)
        page = browser.new_page(viewport={"width": 1440, "height": 1000})
        # Overview: click Sincan (Ankara) on the map, then open its profile.
        page.goto(url)
        frame = wait_for_map(page, 120)  # the first map waits for the geometry to load
        _click_at(page, frame, 39.884, 32.471)
        page.get_by_role("button", name="Yer profilini aç").click(timeout=30_000)
        page.get_by_role("heading", name="Sincan, Ankara").wait_for(timeout=30_000)
        # The address bar follows once the run ends (write_url comes after the page).
        _wait_for_query(page, "page=place", "u=TUR006023")
        page.get_by_text("Buradaki proje aşaması").first.wait_for(timeout=30_000)

        # Matrix: a cell opens the province's profile filtered to that project.
        page.goto(f"{url}/?page=matrix&lang=en")
        cell = page.locator('.atlas-matrix a[href*="u=TUR006"][href*="project=civil_oversight"]')
        cell.first.click(timeout=60_000)
        page.get_by_role("heading", name="Ankara", exact=True).wait_for(timeout=60_000)
        assert "project=civil_oversight" in page.url
        page.get_by_text("Sidebar filters apply").first.wait_for(timeout=30_000)

        # Year control: moving to the last year (2021) redraws the overview map.
        page.goto(f"{url}/?lang=en")
        before = _provinces_drawn(page)
        assert int(before) >= 20
        slider = page.get_by_role("slider").first
        slider.focus()
        slider.press("End")
        page.get_by_text("Running in 2021").first.wait_for(timeout=60_000)
        after = _provinces_drawn(page, previous=before)
        assert int(after) < int(before)
        _wait_for_query(page, "year=2021")
        page.screenshot(path=str(ARTIFACTS / "overview-2021.png"))
        browser.close()
