"""Real-browser exports: download every file from a project page and compare its units
with the units the map in the browser draws.

The drawn set is read from Leaflet itself (polygons the page's map added, minus the grey
base districts), so this checks the whole path a user takes: page, Export menu, deferred
download, file.
"""

from __future__ import annotations

import os

import pytest

from geo.maps import BASE_FILL
from tests.support.export_units import file_units
from tests.support.js import probe
from tests.support.live_app import ROOT, chromium_path, launch, live_app, wait_for_map

ARTIFACTS = ROOT / "test-artifacts"

pytestmark = pytest.mark.browser

if chromium_path() is None:
    if os.environ.get("PILOT_ATLAS_REQUIRE_BROWSER"):
        pytest.fail("chromium is required here (PILOT_ATLAS_REQUIRE_BROWSER is set)")
    pytest.skip("chromium not installed (apt-get install chromium)", allow_module_level=True)

LABELS = {
    "csv": "Tablo (CSV",
    "xlsx": "Tablo (XLSX)",
    "geojson": "(GeoJSON)",
    "png": "Harita (PNG)",
    "html": "(HTML)",
    "pdf": "(PDF)",
}


def test_project_page_downloads_hold_the_units_the_map_draws(tmp_path) -> None:
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(exist_ok=True)
    with live_app() as url, sync_playwright() as playwright:
        browser = launch(playwright)
        page = browser.new_page(viewport={"width": 1440, "height": 900}, accept_downloads=True)
        page.goto(f"{url}/?page=project&p=ekosep")
        frame = wait_for_map(page)
        drawn = set(frame.evaluate(probe("drawn_units"), BASE_FILL))
        assert len(drawn) == 4, drawn  # EKOSEP's four provinces, nothing of other projects
        for fmt, label in LABELS.items():
            page.get_by_role("button", name="Dışa aktar").click()
            button = page.get_by_role("button", name=label)
            button.wait_for(timeout=30_000)
            with page.expect_download(timeout=120_000) as info:
                button.click()
                if fmt == "pdf":
                    # A file that takes a while shows progress: the button spins, disabled.
                    spinning = page.locator("[data-testid=stDownloadButton] button:disabled")
                    spinning.filter(has_text="(PDF)").wait_for(timeout=5_000)
            download = info.value
            assert download.suggested_filename == f"pilot-atlas-ekosep.{fmt}"
            path = tmp_path / download.suggested_filename
            download.save_as(path)
            assert file_units(fmt, path.read_bytes()) == drawn, fmt
            page.keyboard.press("Escape")
        page.screenshot(path=str(ARTIFACTS / "project-exports.png"), full_page=True)
        browser.close()
