"""The pages' and exports' stylesheets (static/page, static/export): the names their
selectors use are the ones the Python code gives, and every sheet is used."""

from __future__ import annotations

import re
from pathlib import Path

from geo.assets import EXPORT_CSS_DIR, PAGE_CSS_DIR, export_style, page_style
from pages.ui import mapview
from pages.ui.mapframe import FRAME_TITLE

ROOT = Path(__file__).resolve().parent.parent
FRAME_SELECTOR = re.compile(r'iframe\[title="([^"]+)"\]')
KEY_CLASS = re.compile(r"\.st-key-([A-Za-z0-9_-]+)")


def _sheet(name: str) -> str:
    return (PAGE_CSS_DIR / f"{name}.css").read_text(encoding="utf-8")


def test_the_map_frame_is_named_as_streamlit_titles_it() -> None:
    for name in ("map-page", "present"):
        assert set(FRAME_SELECTOR.findall(_sheet(name))) == {FRAME_TITLE}, name


def test_the_held_room_is_sized_for_the_blocks_the_pages_hold() -> None:
    keys = {
        mapview.CHOICE_KEY,
        mapview.BUTTON_KEY,
        mapview.SERIES_ROW_KEY,
        mapview.SINGLE_ROW_KEY,
    }
    assert set(KEY_CLASS.findall(_sheet("map-page"))) == keys


def test_the_presentation_sheet_names_the_scene_bar_and_the_keys_script() -> None:
    sheet = _sheet("present")
    assert set(KEY_CLASS.findall(sheet)) == {"scene"}  # the scene list's block
    assert '[class*="st-key-scene_"]' in sheet  # its three buttons: scene_prev, _next, _exit
    assert 'script[src*="atlas/present.js"]' in sheet
    assert "var(--atlas-chrome" in sheet


def test_a_style_element_holds_the_whole_sheet() -> None:
    style = page_style("map-page")
    assert style.startswith("<style>") and style.endswith("</style>")
    assert _sheet("map-page") in style
    assert (EXPORT_CSS_DIR / "caption.css").read_text(encoding="utf-8") in export_style("caption")


def test_every_sheet_is_used() -> None:
    source = "\n".join(
        path.read_text(encoding="utf-8")
        for folder in ("geo", "pages")
        for path in (ROOT / folder).rglob("*.py")
    ) + (ROOT / "app.py").read_text(encoding="utf-8")
    for folder, call in ((PAGE_CSS_DIR, "page_style"), (EXPORT_CSS_DIR, "export_style")):
        sheets = sorted(folder.glob("*.css"))
        assert sheets
        for sheet in sheets:
            assert f'{call}("{sheet.stem}")' in source, sheet.name
