"""One language at a time: every page, both languages, no label of the other language.

AppTest walks every page through app.py; the browser pass does the same in Chromium and
also reads the map frames (legends, tooltips' text sent with the map). A text fails when
it contains a label that exists only in the other language's table, and a table fails on
any snake_case header.
"""

from __future__ import annotations

import functools
import re

import pytest
from streamlit.testing.v1 import AppTest

from geo.i18n import LABELS
from tests.test_app import assert_healthy, run_app

SNAKE = re.compile(r"^[a-z0-9]+(_[a-z0-9]+)+$")
#: The language switch names both languages on purpose: a reader of either must find it.
BILINGUAL = {"Dil / Language", "Türkçe", "English"}
#: Each page with the parameters that reach its variants (national project, indicators).
WALK = (
    {"page": "overview"},
    {"page": "overview", "province": "TUR025"},
    {"page": "project", "p": "civil_oversight"},
    {"page": "project", "p": "ekosep"},
    {"page": "project", "p": "public_ngo_cooperation"},
    {"page": "project", "p": "migration_ngo"},
    {"page": "indicators"},
    {"page": "indicators", "ind": "pop_change_2021_2025_district", "scheme": "natural"},
    {"page": "indicators", "ind": "density_2025_province"},
    {"page": "data"},
    {"page": "manage"},
    {"present": "1", "scene": "12"},
)


def _pairs() -> list[tuple[str, str]]:
    """(Turkish, English) of every label, indicator text and registry name shown."""
    from geo import indicators
    from geo.registry import load_registry

    pairs = list(LABELS.values())
    for ind in indicators.catalog().values():
        pairs += [
            (ind.label_tr, ind.label_en),
            (ind.unit_tr, ind.unit_en),
            (ind.publisher_tr, ind.publisher_en),
            (ind.edition, ind.edition_text("en")),
        ]
    registry = load_registry()
    for project in registry.projects.values():
        pairs += [(project.short_tr, project.short_en), (project.name_tr, project.name_en)]
        pairs += [(p.label_tr, p.label_en) for p in project.phases]
        for key in ("outputs", "components", "gaps", "activities", "beneficiary", "partners"):
            for item in project.info.get(key) or []:
                pairs.append((item.get("tr", ""), item.get("en", "")))
                if item.get("date_text_en"):
                    pairs.append((item["date_text"], item["date_text_en"]))
    for table in registry.vocabulary.values():
        pairs += [(v["tr"], v["en"]) for v in table.values() if "tr" in v and "en" in v]
    for source in registry.sources.values():
        pairs += [(source.get("title_tr", ""), source.get("title_en", ""))]
    return pairs


def foreign_labels(lang: str) -> list[str]:
    """Texts of the other language that the chosen one never uses (placeholders cut)."""
    pairs = _pairs()
    mine = {pair[1 if lang == "en" else 0] for pair in pairs}
    found = set()
    for pair in pairs:
        other = pair[0 if lang == "en" else 1]
        for raw in re.split(r"\{[^}]*\}", other):
            piece = raw.strip(" .,:;()«»“”\"'·—-")
            if len(piece) >= 6 and piece not in mine and not any(piece in m for m in mine):
                found.add(piece)
    return sorted(found, key=len, reverse=True)


def texts_of(at: AppTest) -> tuple[list[str], list[str]]:
    """(every visible text, every table header) of an AppTest run."""
    texts: list[str] = []
    headers: list[str] = []
    for kind in ("title", "header", "subheader", "markdown", "caption", "info", "warning"):
        texts += [str(e.value) for e in at.get(kind)]
    texts += [str(e.value) for e in at.success] + [str(e.value) for e in at.error]
    for metric in at.metric:
        texts += [str(metric.label), str(metric.value)]
    for kind in ("button", "toggle", "text_input", "slider", "checkbox"):
        texts += [str(getattr(e, "label", "")) for e in at.get(kind)]
    for kind in ("selectbox", "multiselect", "radio"):
        for widget in at.get(kind):
            texts.append(str(widget.label))
            texts += [str(o) for o in widget.options]
    texts += [str(e.proto.label) for e in at.get("expander")]
    texts += [str(e.proto.label) for e in at.get("tab")]
    for frame in [*at.dataframe, *at.table]:
        value = frame.value
        headers += [str(c) for c in value.columns]
        for column in value.columns:
            if value[column].dtype == object:
                texts += [str(v) for v in value[column].dropna().unique()]
    return texts + headers, headers


@functools.cache
def _foreign_patterns(lang: str) -> tuple[re.Pattern, tuple[tuple[str, re.Pattern], ...]]:
    """One pattern matching any foreign label, and one pattern per label, compiled once.

    Whole words only: "national" is a label, "VNG International" a proper name. The
    labels and the registry do not change during a test session. (Compiling ~670 patterns
    for every text made one page's check cost 20-60 s of CPU: more patterns than ``re``
    caches.)
    """
    foreign = foreign_labels(lang)
    each = tuple((label, re.compile(rf"(?<!\w){re.escape(label)}(?!\w)")) for label in foreign)
    alternatives = "|".join(re.escape(label) for label in foreign) or "(?!)"
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)"), each


def problems(texts: list[str], headers: list[str], lang: str) -> list[str]:
    any_label, each = _foreign_patterns(lang)
    found = [
        f"other-language label {label!r} in {text[:80]!r}"
        for text in texts
        # The combined pattern only picks the texts worth checking label by label:
        # regex alternation backtracks, so it matches exactly when some label does.
        if text not in BILINGUAL and any_label.search(text)
        for label, pattern in each
        if pattern.search(text)
    ]
    found += [f"snake_case header {h!r}" for h in headers if SNAKE.match(h)]
    return found


@pytest.mark.parametrize("lang", ["tr", "en"])
@pytest.mark.parametrize("params", WALK, ids=lambda p: "-".join(p.values()))
def test_every_page_speaks_one_language(params: dict[str, str], lang: str) -> None:
    at = run_app(**params, lang=lang)
    assert_healthy(at)
    texts, headers = texts_of(at)
    assert texts, "nothing collected"
    assert not problems(texts, headers, lang)


def test_the_check_catches_the_other_language() -> None:
    assert problems(["province_pilots"], ["province_pilots"], "tr")
    assert problems(["Filtreleri temizle"], [], "en")
    assert problems(["Selected unit: Çankaya"], [], "tr")
    assert problems(["Source: TurkStat — ADNKS 2021 ve 2025 (2025)"], [], "en")
    assert problems(["Kaynak: Civilian Oversight"], [], "tr")
    assert not problems(["Clear filters"], [], "en")
