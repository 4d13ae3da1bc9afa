"""The one-page PDF of a place: opens, one A4 page, names the place and every project."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from geo.place_pdf import place_pdf
from geo.profile import place_profile
from geo.registry import Registry
from geo.targets import load_targets, targets_view
from geo.views import Filters, deliverable_view, site_view, unit_coverage
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
    text = reader.pages[0].extract_text()
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
