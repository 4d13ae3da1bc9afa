"""Briefing exports: the map PNG, the standalone map HTML file and the PDF briefing."""

from __future__ import annotations

import dataclasses
import io
import re
from datetime import date

import numpy as np
import pytest
from PIL import Image
from pypdf import PdfReader

from geo.briefing import (
    Scene,
    briefing_pdf,
    briefing_scenes,
    filters_text,
    map_png,
    source_titles,
    standalone_map_html,
)
from geo.maps import BASE_FILL, CATEGORICAL, COVERAGE_COLOURS, coverage_map, phase_colours
from geo.numbers import format_date
from geo.views import Filters, site_view, unit_coverage
from tests.support.pdf import page_texts

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
LEGEND_TEXT = {"title": "Project-phases", "none": "Not a pilot", "province": "Province"}
PAYLOAD = "<img src=x onerror=alert(1)>"


def _rgb(colour: str) -> np.ndarray:
    return np.array([int(colour[i : i + 2], 16) for i in (1, 3, 5)])


def _pixels(png: bytes) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(png)).convert("RGB"), dtype=int)


def _count_near(pixels: np.ndarray, colour: str, tolerance: int = 6) -> int:
    return int((np.abs(pixels - _rgb(colour)).max(axis=2) <= tolerance).sum())


# --------------------------------------------------------------------------- PNG


@pytest.fixture(scope="module")
def coverage_png(registry) -> bytes:
    view = site_view(registry, Filters(), "en")
    return map_png(
        view,
        "Pilot units",
        filters_text(registry, Filters(), "en"),
        "en",
        sources=source_titles(registry, registry.projects, "en"),
    )


def test_map_png_is_a_large_drawn_image(coverage_png) -> None:
    assert coverage_png.startswith(PNG_SIGNATURE)
    image = Image.open(io.BytesIO(coverage_png))
    assert image.size[0] >= 1600 and image.size[1] >= 1000
    assert image.size == (1800, 1200)
    colours = image.convert("RGB").getcolors(maxcolors=1 << 24)
    assert colours is not None and len(colours) > 10


def test_map_png_fills_pilot_districts(registry, coverage_png) -> None:
    # The legend swatch "1" is COVERAGE_COLOURS[0] in both images; only the map differs.
    empty = map_png(site_view(registry, Filters(), "en").iloc[0:0], "None", "-", "en")
    filled = _count_near(_pixels(coverage_png), COVERAGE_COLOURS[0])
    assert filled > _count_near(_pixels(empty), COVERAGE_COLOURS[0]) + 2000
    # every district is drawn in the base grey, pilots or not
    assert _count_near(_pixels(empty), BASE_FILL, 2) > 300_000


def test_map_png_keeps_turkiye_proportions(coverage_png) -> None:
    """Width / height of the drawn country is about 2.4 with the 1/cos(39°) correction
    (Türkiye spans 19.1° of longitude and 6.3° of latitude); about 3.0 if squashed."""
    pixels = _pixels(coverage_png)
    top, bottom = int(0.15 * len(pixels)), int(0.8 * len(pixels))  # between text and legend
    grey = np.abs(pixels[top:bottom] - _rgb(BASE_FILL)).max(axis=2) <= 2
    rows = np.nonzero(grey.sum(axis=1) >= 3)[0]
    cols = np.nonzero(grey.sum(axis=0) >= 3)[0]
    ratio = (cols.max() - cols.min()) / (rows.max() - rows.min())
    assert 2.2 < ratio < 2.7


def test_map_png_phase_colours(registry) -> None:
    view = site_view(registry, Filters(projects=("civil_oversight",)), "tr")
    colours = phase_colours(["I", "II", "III"])
    png = map_png(
        view, "Sivil Gözetim", "Proje: Sivil Gözetim", "tr", kind="phase", colours=colours, dpi=100
    )
    pixels = _pixels(png)
    assert pixels.shape[:2] == (800, 1200)
    assert colours["II"] == CATEGORICAL[1] and colours["III"] == CATEGORICAL[2]
    # phase II and III districts are filled (well beyond their legend swatches)
    assert _count_near(pixels, colours["II"]) > 600
    assert _count_near(pixels, colours["III"]) > 600
    # phase I has no sites, so it is neither drawn nor in the legend
    assert _count_near(pixels, colours["I"]) == 0


def test_map_png_draws_text_literally(registry) -> None:
    """``$x^$`` would make matplotlib's mathtext raise; the briefing never parses it."""
    view = site_view(registry, Filters(), "en")
    png = map_png(
        view,
        "Cost $x^$ and <img src=x>",
        "Project: $5 $\\frac{1}{0}$",
        "en",
        legend=[("#ff0000", "$x^$ <b>bold</b>"), ("outline:#0000ff", "100$")],
        legend_title="$$",
        sources=["Doc $x^$"],
        dpi=100,
    )
    assert png.startswith(PNG_SIGNATURE)
    assert _count_near(_pixels(png), "#ff0000", 2) > 50  # the custom legend is drawn


def test_map_png_rejects_unknown_kind(registry) -> None:
    with pytest.raises(ValueError, match="unknown map kind"):
        map_png(site_view(registry, Filters()), "x", "y", "tr", kind="bubbles")  # type: ignore[arg-type]


# --------------------------------------------------------------------------- HTML


@pytest.fixture(scope="module")
def standalone(registry) -> str:
    coverage = unit_coverage(site_view(registry, Filters(), "en"))
    district = coverage.index[coverage["level"] == "district"][0]
    coverage.loc[district, "phases"] = PAYLOAD  # tooltip text under the unit's name
    return standalone_map_html(coverage_map(coverage, LEGEND_TEXT, inline=True), title=PAYLOAD)


def test_standalone_html_inlines_leaflet_and_geometry(standalone) -> None:
    assert "L.map(" in standalone and "L.polygon(" in standalone
    assert ".leaflet-container" in standalone  # Leaflet's CSS, inline
    assert '"units":[["TUR' in standalone  # the encoded geometry, inline
    assert "<script src=" not in standalone
    assert len(standalone.encode("utf-8")) < 2_000_000


def test_standalone_html_fetches_nothing(standalone) -> None:
    assert "/app/static" not in standalone
    assert not re.search(r"\bsrc\s*=\s*[\"']?(https?:)?//", standalone, re.IGNORECASE)
    assert not re.search(r"<link\b[^>]*href\s*=\s*[\"']?(https?:)?//", standalone, re.IGNORECASE)
    assert not re.search(r"@import|url\(\s*[\"']?(https?:)?//", standalone, re.IGNORECASE)
    assert "tileLayer(" not in standalone
    # The only absolute href is Leaflet's own attribution hyperlink, a string inside the
    # inlined leaflet.js: a link the reader may click, never a resource the page loads.
    hrefs = re.findall(r"href\s*=\s*[\"']?(https?://[^\"'\s>]*)", standalone, re.IGNORECASE)
    assert set(hrefs) <= {"https://leafletjs.com"}


def test_standalone_html_keeps_names_as_text(standalone) -> None:
    assert "<img" not in standalone
    assert "\\u003cimg src=x onerror=alert(1)\\u003e" in standalone  # tooltip, as JSON text
    assert "<title>&lt;img src=x onerror=alert(1)&gt;</title>" in standalone
    lower = standalone.lower()
    assert lower.count("<script") == lower.count("</script>")  # nothing closes a script early


@pytest.mark.browser
def test_standalone_html_draws_offline_in_chromium(standalone, tmp_path) -> None:
    """Opened from disk in headless Chromium, the file draws its map without an error
    and requests nothing but itself (no app, no internet)."""
    from tests.support.live_app import chromium_path, launch

    if chromium_path() is None:
        pytest.skip("chromium not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    path = tmp_path / "map.html"
    path.write_text(standalone, encoding="utf-8")
    requests: list[str] = []
    with sync_playwright() as playwright:
        browser = launch(playwright)
        try:
            page = browser.new_page(viewport={"width": 1200, "height": 800})
            page.on("request", lambda request: requests.append(request.url))
            page.goto(path.as_uri())
            page.wait_for_selector("[data-atlas-drawn]", state="attached", timeout=30_000)
            errors = page.query_selector_all(".atlas-error")
        finally:
            browser.close()
    assert not errors
    assert requests and all(url.startswith(("file:", "data:", "about:")) for url in requests)


def test_standalone_html_refuses_maps_that_need_the_app(registry) -> None:
    coverage = unit_coverage(site_view(registry, Filters()))
    with pytest.raises(ValueError, match="inline=True"):
        standalone_map_html(coverage_map(coverage, LEGEND_TEXT))
    with pytest.raises(ValueError, match="basemap"):
        standalone_map_html(coverage_map(coverage, LEGEND_TEXT, inline=True, basemap=True))


# --------------------------------------------------------------------------- PDF


def _pdf_text(pdf: bytes) -> tuple[PdfReader, list[str]]:
    return PdfReader(io.BytesIO(pdf)), page_texts(pdf)


def test_briefing_scenes(registry) -> None:
    assert briefing_scenes(registry, Filters()) == [
        Scene("civil_oversight", mapped=True),
        Scene("public_ngo_cooperation", mapped=False),
        Scene("participatory_governance", mapped=True),
        Scene("ekosep", mapped=True),
        Scene("migration_ngo", mapped=False),
    ]
    # a unit filter keeps only projects with matching units
    assert briefing_scenes(registry, Filters(provinces=("TUR031",))) == [
        Scene("civil_oversight", mapped=True)
    ]
    assert briefing_scenes(registry, Filters(projects=("migration_ngo",))) == [
        Scene("migration_ngo", mapped=False)
    ]


@pytest.fixture(scope="module")
def english_pdf(registry) -> bytes:
    return briefing_pdf(registry, Filters(), "en")


def test_briefing_pdf_english(registry, english_pdf) -> None:
    assert english_pdf.startswith(b"%PDF")
    reader, pages = _pdf_text(english_pdf)
    assert len(pages) > 1 + len(briefing_scenes(registry, Filters())) == 6  # + continuations
    assert reader.metadata is not None and reader.metadata.title.startswith("Pilot Atlas")
    cover = pages[0]
    assert "Pilot Atlas" in cover and format_date(date.today(), "en") in cover
    assert "All projects" in cover and "43" in cover and "75 / 141" in cover
    assert "Civilian Oversight" in pages[1] and f"Page 2 of {len(pages)}" in pages[1]
    assert "Boundaries from the OCHA COD-AB" in pages[1]
    assert "Şehitkamil" in pages[1] and "Pilot units (19)" in pages[1]
    # Every one of the 54 deliverable rows is printed, continued on further pages.
    civil = [pages[1]] + [p for p in pages if "Civilian Oversight (continued)" in p]
    assert len(civil) >= 2
    assert not any("more rows" in p for p in pages)
    text = "\n".join(civil)
    rows = registry.deliverables[registry.deliverables["project"] == "civil_oversight"]
    assert len(rows) == 54
    assert text.count("Completed") >= (rows["status"] == "completed").sum()
    # a project without mapped units gets its outputs and gaps instead of a map
    ngo = next(p for p in pages if "Outputs as stated in the sources" in p)
    assert "Public Sector–NGO Cooperation" in ngo
    assert "What the sources leave open" in ngo


def test_briefing_pdf_turkish(registry) -> None:
    pdf = briefing_pdf(registry, Filters(projects=("civil_oversight",)), "tr")
    assert pdf.startswith(b"%PDF")
    _, pages = _pdf_text(pdf)
    assert len(briefing_scenes(registry, Filters(projects=("civil_oversight",)))) == 1
    assert len(pages) >= 3  # cover, the project's map page, its deliverables continued
    # Fonts are embedded as TrueType (Type 42) with a Unicode map, so the Turkish letters
    # extract exactly. (With matplotlib's default Type 3 fonts pypdf still copes, but
    # pdftotext and viewers split words at ı and İ, which Type 3 draws as separate objects.)
    assert "Pilot Atlas" in pages[0] and format_date(date.today(), "tr") in pages[0]
    assert "Filtreler: Proje: Sivil Gözetim" in pages[0]
    assert "Sivil Gözetim" in pages[1] and f"Sayfa 2 / {len(pages)}" in pages[1]
    assert "Tamamlandı" in pages[1] and "Kaynak belge" in pages[1]
    assert "Sivil Gözetim (devam)" in pages[2]


def test_briefing_pdf_draws_names_literally(registry) -> None:
    project = registry.projects["ekosep"]
    odd = dataclasses.replace(project, short_en="EKO $x^$ <img src=x>")
    changed = dataclasses.replace(registry, projects={**registry.projects, "ekosep": odd})
    _, pages = _pdf_text(briefing_pdf(changed, Filters(projects=("ekosep",)), "en"))
    assert len(pages) >= 2
    assert "EKO $x^$ <img src=x>" in pages[1]


# --------------------------------------------------------------------------- filters


@pytest.mark.parametrize(("lang", "expected"), [("tr", "Tüm projeler"), ("en", "All projects")])
def test_filters_text_empty(registry, lang, expected) -> None:
    assert filters_text(registry, Filters(), lang) == expected


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        (
            "tr",
            "Proje: Sivil Gözetim; Aşama: Aşama II; İl: İstanbul, Hatay; Çıktı durumu: Tamamlandı",
        ),
        (
            "en",
            "Project: Civilian Oversight; Phase: Phase II; Province: İstanbul, Hatay; "
            "Deliverable status: Completed",
        ),
    ],
)
def test_filters_text_in_words(registry, lang, expected) -> None:
    filters = Filters(
        projects=("civil_oversight",),
        phases=("II",),
        provinces=("TUR034", "TUR031"),
        statuses=("completed",),
    )
    assert filters_text(registry, filters, lang) == expected


def test_filters_text_shared_phase_ids(registry) -> None:
    # "P" is the single phase of four projects: its label is named once
    assert filters_text(registry, Filters(phases=("P",)), "en") == "Phase: Project period"
    assert filters_text(registry, Filters(statuses=("planned",)), "tr") == "Çıktı durumu: Planlandı"


def test_png_frames_the_filtered_province_like_the_screen(registry) -> None:
    """With a province filter the web map frames the province; so does the PNG."""
    from geo.maps import COVERAGE_COLOURS, bounds_of

    view = site_view(registry, Filters(provinces=("TUR034",)), "en")
    whole = map_png(view, "t", "f", "en", dpi=60)
    framed = map_png(view, "t", "f", "en", dpi=60, focus=bounds_of(["TUR034"]))

    def pilot_pixels(png: bytes) -> int:
        image = Image.open(io.BytesIO(png)).convert("RGB")
        target = tuple(int(COVERAGE_COLOURS[0][i : i + 2], 16) for i in (1, 3, 5))
        return sum(
            count
            for count, colour in image.getcolors(1 << 20)
            if all(abs(a - b) <= 12 for a, b in zip(colour, target, strict=True))
        )

    assert pilot_pixels(framed) > 5 * pilot_pixels(whole) > 0
