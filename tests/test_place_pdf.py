"""The one-page PDF of a place: opens, one A4 page, names the place and every project."""

from __future__ import annotations

import io

import pandas as pd
import pytest
from pypdf import PdfReader

from geo.place_pdf import place_pdf
from geo.profile import place_profile
from geo.registry import Registry
from geo.targets import load_targets, targets_view
from geo.views import Filters, deliverable_view, site_view, unit_coverage
from tests.support.pdf import page_texts
from tests.test_views_app import name_of, non_pilot_sample


def _pdf_text(registry: Registry, pcode: str, lang: str, cache: dict) -> str:
    if lang not in cache:
        view = site_view(registry, Filters(), lang)
        cache[lang] = (view, deliverable_view(registry, Filters(), lang), unit_coverage(view))
    view, items, coverage = cache[lang]
    profile = place_profile(registry, pcode, lang, view=view, deliverables=items)
    targets = targets_view(
        load_targets(registry), registry, lang, projects=profile.projects, province=pcode[:6]
    )
    data = place_pdf(
        profile,
        registry,
        lang,
        coverage=coverage["n_phases"],
        targets=targets,
        filter_line="-",
        changed="-",
    )
    reader = PdfReader(io.BytesIO(data))
    assert len(reader.pages) == 1
    width, height = (float(v) for v in reader.pages[0].mediabox.upper_right)
    assert (round(width), round(height)) == (595, 842)  # A4 in points
    (text,) = page_texts(data)
    for pid in profile.projects:
        assert registry.projects[pid].short(lang) in text, (pcode, pid)
    return text


@pytest.mark.parametrize("lang", ["tr", "en"])
def test_every_pilot_and_sampled_place_pdf(registry: Registry, lang: str) -> None:
    places = sorted(set(registry.sites["pcode"])) + non_pilot_sample(registry)
    if lang == "en":
        places = places[::4]  # the layout is the same; every language string is checked
    cache: dict = {}
    for pcode in places:
        text = _pdf_text(registry, pcode, lang, cache)
        assert name_of(pcode) in text, pcode
        assert pcode in text
        assert ("Göstergeler" if lang == "tr" else "Indicators") in text


def _place_pdf(registry: Registry, pcode: str, lang: str, targets=None) -> bytes:
    view = site_view(registry, Filters(), lang)
    items = deliverable_view(registry, Filters(), lang)
    profile = place_profile(registry, pcode, lang, view=view, deliverables=items)
    if targets is None:
        targets = targets_view(
            load_targets(registry), registry, lang, projects=profile.projects, province=pcode[:6]
        )
    return place_pdf(
        profile,
        registry,
        lang,
        coverage=unit_coverage(view)["n_phases"],
        targets=targets,
        filter_line="-",
        changed="-",
    )


def _fonts(data: bytes) -> set[str]:
    """Base font names (subset prefix dropped) and font types of every page."""
    fonts = set()
    for page in PdfReader(io.BytesIO(data)).pages:
        for ref in page["/Resources"]["/Font"].values():
            font = ref.get_object()
            fonts.add((str(font["/BaseFont"]).split("+")[-1], str(font["/Subtype"])))
    return fonts


def test_place_pdf_shares_the_briefings_fonts_and_legend(registry: Registry) -> None:
    from geo.figures.pdf import briefing_pdf
    from geo.i18n import t

    data = _place_pdf(registry, "TUR034019", "en")
    brief = briefing_pdf(registry, Filters(projects=("civil_oversight",)), "en")
    assert _fonts(data) == _fonts(brief)
    assert {name for name, _ in _fonts(data)} == {"DejaVuSans", "DejaVuSans-Bold"}
    text = PdfReader(io.BytesIO(data)).pages[0].extract_text()
    for key in ("legend_coverage", "legend_not_pilot", "place_pdf_this_place"):
        assert t(key, "en") in text


def test_what_does_not_fit_is_left_off_with_a_note(registry: Registry) -> None:
    from geo.i18n import t

    note = t("pdf_truncated", "tr")
    small = PdfReader(io.BytesIO(_place_pdf(registry, "TUR001001", "tr"))).pages[0]
    assert note not in small.extract_text()
    many = pd.DataFrame(
        {"output": [f"Çıktı {i}" for i in range(80)], "target": "10", "achieved": "5"}
    )
    text = PdfReader(io.BytesIO(_place_pdf(registry, "TUR001001", "tr", many))).pages[0]
    text = text.extract_text()
    assert note in text and "Çıktı 0" in text and "Çıktı 79" not in text
