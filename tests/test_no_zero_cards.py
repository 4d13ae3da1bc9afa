"""No "0 / 0" cards: places whose sources list no deliverable item show what is stated.

A project with pilot places but no deliverable items (Participatory Strategic Governance,
Civilian Oversight's Phase II) must not read "0 / 0" on its page, its presentation
scenes, the PNG or the PDF: the counts read "not stated" (or are left out of the narrow
cards with a note saying so) and the output figures the source gives stand beside them.
"""

from __future__ import annotations

import re

import pytest

from geo.national import stated_figures
from geo.registry import load_registry
from geo.scenes import build_scenes
from geo.views import Filters, KeyFigures, figure_items, items_stated
from tests.test_app import assert_healthy, metrics, run_app

ZERO_RATIO = re.compile(r"(^|\D)0\s*/\s*0($|\D)")
REGISTRY = load_registry()


def _no_zero_cards(shown: dict[str, str], where: str) -> None:
    bad = {label: value for label, value in shown.items() if ZERO_RATIO.search(value)}
    assert not bad, (where, bad)


def test_counts_read_not_stated_where_places_have_no_items() -> None:
    figures = KeyFigures(1, 20, 2, 20, 0, 0, 0, 0)
    assert not items_stated(figures)
    for lang, word in (("tr", "belirtilmemiş"), ("en", "not stated")):
        values = {key: value for key, _, value in figure_items(figures, lang)}
        assert values["count_items"] == values["count_quantity"] == word
    # No places at all (a filter that matches nothing): zero is the true count.
    empty = KeyFigures(0, 0, 0, 0, 0, 0, 0, 0)
    assert items_stated(empty)
    assert {k: v for k, _, v in figure_items(empty, "en")}["count_items"] == "0 / 0"


def test_stated_figures_come_from_the_project_outputs() -> None:
    (figure,) = stated_figures(REGISTRY, "participatory_governance")
    assert figure.value == 26
    assert figure.label("en") == "Local governments" and figure.label("tr") == "Yerel yönetim"
    assert "26 local governments" in figure.note("en")
    assert "26" in figure.note("tr")


@pytest.mark.parametrize("project", list(REGISTRY.projects))
def test_project_pages_show_no_zero_cards(project: str) -> None:
    at = run_app(page="project", p=project, lang="en")
    assert_healthy(at)
    shown = metrics(at)
    _no_zero_cards(shown, project)
    has_sites = bool((REGISTRY.sites["project"] == project).any())
    has_items = bool((REGISTRY.deliverables["project"] == project).any())
    if has_sites and not has_items:
        # The stated outputs instead, with a note that the sources list no items.
        assert shown.get("Local governments (per the source)") == "26", shown
        assert "Deliverable items" not in shown
        assert any("Outputs the source states" in c.value for c in at.caption)


def test_participatory_governance_in_turkish() -> None:
    at = run_app(page="project", p="participatory_governance")
    assert_healthy(at)
    shown = metrics(at)
    _no_zero_cards(shown, "participatory_governance tr")
    assert shown.get("Yerel yönetim (kaynağa göre)") == "26"


SCENES = [
    (i, scene)
    for i, scene in enumerate(build_scenes(REGISTRY, Filters(), "overview"))
    if scene.kind in ("project", "phase")
]


@pytest.mark.parametrize(("index", "title"), [(i, s.title("en")) for i, s in SCENES])
def test_project_and_phase_scenes_show_no_zero_cards(index: int, title: str) -> None:
    at = run_app(present="1", scene=str(index), lang="en")
    assert_healthy(at)
    assert at.title[0].value == title
    shown = metrics(at)
    assert shown, title
    _no_zero_cards(shown, title)
