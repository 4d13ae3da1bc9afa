"""Real-browser test of the indicator maps: GDP by province, poverty by region, a change.

Headless Debian Chromium against the live app: the polygons of each level are drawn, the
legend names the indicator, its source (publisher, edition, year) and, for the poverty
rate, what the rate means; nothing is fetched from outside localhost. Screenshots go to
``test-artifacts/``.
"""

from __future__ import annotations

import io
import os
from urllib.parse import urlparse

import pytest

from tests.support.live_app import ROOT, chromium_path, launch, live_app, wait_for_map

ARTIFACTS = ROOT / "test-artifacts"
pytestmark = pytest.mark.browser

if chromium_path() is None:
    if os.environ.get("PILOT_ATLAS_REQUIRE_BROWSER"):
        pytest.fail("chromium is required here (PILOT_ATLAS_REQUIRE_BROWSER is set)")
    pytest.skip("chromium not installed (apt-get install chromium)", allow_module_level=True)

CASES = [
    # (name, query, level drawn, count, texts the legend must hold)
    (
        "gdp-2024-tr",
        "page=indicators&ind=gdp_pc_try_2024",
        "province",
        81,
        ("Kişi başına GSYH 2024 (TL)", "TÜİK, İl Bazında Gayrisafi Yurt İçi Hasıla", "53930"),
    ),
    (
        "gdp-2024-en",
        "page=indicators&ind=gdp_pc_usd_2024&lang=en",
        "province",
        81,
        ("GDP per capita 2024 (US dollars)", "TurkStat", "(2024)"),
    ),
    (
        "poverty-2018-tr",
        "page=indicators&ind=poverty_rate_2018_region&regions=1",
        "region",
        26,
        ("Göreli yoksulluk oranı 2018", "(2018)", "hangi bölgenin daha yoksul olduğunu göstermez"),
    ),
    (
        "poverty-2018-en",
        "page=indicators&ind=poverty_rate_2018_region&regions=1&lang=en",
        "region",
        26,
        ("Relative poverty rate 2018", "(2018)", "not which region is poorer", "own median"),
    ),
    (
        "change-usd-2020-2024-en",
        "page=indicators&ind=gdp_pc_usd_2024&cmp=gdp_pc_usd_2020&lang=en",
        "province",
        81,
        ("change 2020→2024", "Purple: fall, orange: rise", "exchange-rate"),
    ),
    (
        "change-pop-2021-2025-tr",
        "page=indicators&ind=pop_2025_district&cmp=pop_2021_district",
        "district",
        973,
        ("değişim 2021→2025", "Mor: düşüş", "ADNKS 2021 (31 Aralık)"),
    ),
]


def _is_local(url: str) -> bool:
    parsed = urlparse(url)
    return parsed.scheme in {"data", "blob", "about"} or parsed.hostname in {"127.0.0.1"}


def test_indicator_maps_render_with_legends_and_caveats() -> None:
    from PIL import Image
    from playwright.sync_api import sync_playwright

    from geo.assets import ensure_assets

    ensure_assets()  # geometry files first (a clean clone builds them once, in ~1 min)
    ARTIFACTS.mkdir(exist_ok=True)
    requests: list[str] = []
    with live_app() as url, sync_playwright() as playwright:
        browser = launch(playwright)
        page = browser.new_page(viewport={"width": 1440, "height": 900})
        page.on("request", lambda request: requests.append(request.url))
        for name, query, level, count, texts in CASES:
            page.goto(f"{url}/?{query}")
            try:
                frame = wait_for_map(page, timeout=240)
            except TimeoutError as exc:
                page.screenshot(path=str(ARTIFACTS / f"indicators-{name}-timeout.png"))
                raise AssertionError(f"{name}: {exc}") from exc
            container = frame.query_selector("[data-atlas-drawn]")
            assert container.get_attribute(f"data-atlas-{level}") == str(count), name
            legend = frame.wait_for_selector(".atlas-legend").inner_text()
            for text in texts:
                assert text in legend, (name, text)
            if "regions=1" in query:
                assert container.get_attribute("data-atlas-region") == "26"
            shot = Image.open(io.BytesIO(container.screenshot())).convert("RGB")
            colours = shot.getcolors(maxcolors=1 << 16) or []
            assert len(colours) > 20, f"{name}: the map looks blank"
            page.wait_for_timeout(500)
            page.screenshot(path=str(ARTIFACTS / f"indicators-{name}.png"), full_page=False)
        browser.close()
    leaked = [r for r in requests if not _is_local(r)]
    assert not leaked, f"requests left localhost: {leaked[:5]}"
    # The gzipped twin, unpacked by the map itself (static/atlas/units.js).
    assert any("/app/static/geo/" in r and r.endswith("region.json.gz") for r in requests)
