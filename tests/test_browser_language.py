"""Real-browser language checks: each page in both languages shows no other-language
text (page and map frames), and switching language keeps page, indicator and scheme."""

from __future__ import annotations

import os
import time

import pytest

from tests.support.js import probe
from tests.support.live_app import chromium_path, launch, live_app
from tests.test_language_walk import problems

pytestmark = pytest.mark.browser

if chromium_path() is None:
    if os.environ.get("PILOT_ATLAS_REQUIRE_BROWSER"):
        pytest.fail("chromium is required here (PILOT_ATLAS_REQUIRE_BROWSER is set)")
    pytest.skip("chromium not installed (apt-get install chromium)", allow_module_level=True)

PAGES = (
    "page=overview",
    "page=project&p=ekosep",
    "page=project&p=migration_ngo",
    "page=indicators&ind=pop_change_2021_2025_district",
    "page=data",
    "present=1&scene=12",
)
TIMEOUT = 120_000


def _settled(page, marker: str | None = None) -> None:
    if marker:
        page.get_by_text(marker, exact=False).first.wait_for(timeout=TIMEOUT)
    else:
        page.wait_for_selector("h1", timeout=TIMEOUT)
    page.wait_for_function(probe("page_idle"), timeout=TIMEOUT)
    time.sleep(1.5)


def _all_text(page) -> list[str]:
    texts = []
    for frame in page.frames:  # the page and the map frames (legend, scale, labels)
        try:
            texts.append(frame.evaluate(probe("body_text")))
        except Exception:  # frames come and go while Streamlit renders
            continue
    return [line for text in texts for line in text.splitlines() if line.strip()]


def test_pages_in_both_languages_and_the_switch_keeps_choices() -> None:
    from playwright.sync_api import sync_playwright

    found: list[str] = []
    with live_app() as url, sync_playwright() as playwright:
        browser = launch(playwright)
        page = browser.new_page(viewport={"width": 1440, "height": 900})
        for lang in ("tr", "en"):
            for query in PAGES:
                page.goto(f"{url}/?{query}&lang={lang}")
                _settled(page)
                found += [f"{query} [{lang}]: {p}" for p in problems(_all_text(page), [], lang)]
        assert not found, found

        # The switch: page radio, indicator and classification keep their choice.
        page.goto(f"{url}/?page=indicators&ind=pop_2025_district&scheme=natural&lang=tr")
        _settled(page, "İhtiyaç ve kapsama")
        page.get_by_text("English", exact=True).click(timeout=TIMEOUT)
        _settled(page, "Need versus coverage")
        sidebar = page.locator("section[data-testid='stSidebar']")
        assert sidebar.get_by_role("radio", name="Indicators").is_checked()
        # The classification sits in a popover whose button names the scheme in use.
        assert page.get_by_text("Classification: Natural breaks (Jenks)").count() == 1
        indicator = page.locator("[data-testid='stSelectbox']").first.evaluate(probe("field_text"))
        # The selectbox names the series; the year (2025) is kept by the year selector.
        assert "Population (district)" in indicator, indicator
        assert "lang=en" in page.url and "ind=pop_2025_district" in page.url
        browser.close()


def test_a_first_map_page_reached_from_a_page_without_a_map_keeps_the_language() -> None:
    """A session that starts on the data page and then opens the overview: the first map
    page's first run draws only the sidebar's title while the map loads
    (pages/ui/mapframe.map_first), and its widgets' values must survive that run."""
    from playwright.sync_api import sync_playwright

    with live_app() as url, sync_playwright() as playwright:
        browser = launch(playwright)
        page = browser.new_page(viewport={"width": 1440, "height": 900})
        page.goto(f"{url}/?lang=en&page=data&basemap=1")
        sidebar = page.locator("section[data-testid='stSidebar']")
        sidebar.get_by_text("Overview").wait_for(timeout=TIMEOUT)
        _settled(page)
        sidebar.get_by_text("Overview").click()
        _settled(page, "The project portfolio at a glance")
        sidebar.get_by_text("Filters", exact=True).wait_for(timeout=TIMEOUT)
        _settled(page)
        assert page.wait_for_function(probe("link_has"), arg="lang=en", timeout=30_000)
        assert page.wait_for_function(probe("link_has"), arg="basemap=1", timeout=30_000)
        assert page.get_by_role("heading", name="The project portfolio at a glance").is_visible()
        browser.close()
