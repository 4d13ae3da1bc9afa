"""One real-browser test of the main map: headless Debian Chromium against the live app.

It checks what no unit test can: that the 973 district polygons are really drawn, that
no request leaves localhost (Leaflet and geometry come from the app itself), and that a
click on the map opens the unit's detail. The screenshot is kept in ``test-artifacts/``.
"""

from __future__ import annotations

import io
import os
from urllib.parse import urlparse

import pytest

from tests.support.js import probe
from tests.support.live_app import ROOT, chromium_path, launch, live_app, wait_for_map

ARTIFACTS = ROOT / "test-artifacts"
LOCAL_HOSTS = {"127.0.0.1", "localhost"}

pytestmark = pytest.mark.browser

if chromium_path() is None:
    if os.environ.get("PILOT_ATLAS_REQUIRE_BROWSER"):
        pytest.fail("chromium is required here (PILOT_ATLAS_REQUIRE_BROWSER is set)")
    pytest.skip("chromium not installed (apt-get install chromium)", allow_module_level=True)


def _is_local(url: str) -> bool:
    parsed = urlparse(url)
    return parsed.scheme in {"data", "blob", "about"} or parsed.hostname in LOCAL_HOSTS


def test_overview_map_draws_districts_offline_and_clicks_open_details() -> None:
    from PIL import Image
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(exist_ok=True)
    requests: list[str] = []
    with live_app() as url, sync_playwright() as playwright:
        browser = launch(playwright)
        page = browser.new_page(viewport={"width": 1500, "height": 1100})
        page.on("request", lambda request: requests.append(request.url))
        page.goto(url)
        frame = wait_for_map(page)
        container = frame.query_selector("[data-atlas-drawn]")
        assert container.get_attribute("data-atlas-district") == "973"
        assert int(container.get_attribute("data-atlas-province")) >= 20

        shot = Image.open(io.BytesIO(container.screenshot())).convert("RGB")
        colours = shot.getcolors(maxcolors=1 << 16) or []
        assert len(colours) > 20, "the map looks blank"
        background = max(colours)[1]
        drawn = sum(count for count, colour in colours if colour != background)
        assert drawn > 0.2 * shot.width * shot.height

        # Click on Çankaya (Ankara): the detail panel must name it.
        x, y = frame.evaluate(probe("map_point"), [39.85, 32.85])
        box = frame.frame_element().bounding_box()
        map_box = container.bounding_box()
        assert box is not None and map_box is not None
        page.mouse.click(map_box["x"] + x, map_box["y"] + y)
        page.get_by_text("Çankaya, Ankara").first.wait_for(timeout=30_000)
        assert frame.query_selector("[data-atlas-drawn]") is not None  # map not reloaded
        page.screenshot(path=str(ARTIFACTS / "overview.png"), full_page=True)
        # Project page: a click on a pilot opens its deliverables popup and its detail.
        page.goto(f"{url}/?page=project&p=civil_oversight")
        frame = wait_for_map(page)
        container = frame.query_selector("[data-atlas-drawn]")
        from geo.geometry import label_points

        sincan = label_points("district").set_index("pcode").loc["TUR006023"]
        x, y = frame.evaluate(
            probe("map_point"), [float(sincan["lat"]), float(sincan["lon"])]
        )  # Sincan's dot sits on its label point (from the geometry file)
        map_box = container.bounding_box()
        page.mouse.click(map_box["x"] + x, map_box["y"] + y)
        popup = frame.wait_for_selector(".leaflet-popup-content", timeout=10_000)
        assert "Sincan, Ankara" in popup.inner_text()
        assert "3 × İki günlük danışma toplantısı — Tamamlandı" in popup.inner_text()
        page.get_by_text("Sincan, Ankara").first.wait_for(timeout=30_000)
        page.screenshot(path=str(ARTIFACTS / "project.png"), full_page=True)
        browser.close()
    leaked = [r for r in requests if not _is_local(r)]
    assert not leaked, f"requests left localhost: {leaked[:5]}"
    assert any("/app/static/leaflet/leaflet.js" in r for r in requests)
    # Geometry comes as gzipped files the map unpacks (no compression per visitor).
    assert any("/app/static/geo/" in r and r.endswith("district.json.gz") for r in requests)
