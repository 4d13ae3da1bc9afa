"""The management page's logic in geo.manage, tested without Streamlit."""

from __future__ import annotations

from geo.manage import (
    MAX_SHOWN_ISSUES,
    direction_text,
    indicator_meta,
    indicator_rows,
    preview_map,
    report_notes,
    shown_issues,
    status_unit_labels,
)
from geo.maps import map_config
from geo.registry import Registry
from geo.store.indicators import UserIndicatorMeta
from geo.style import SEQUENTIAL
from geo.upload import MatchReport, match_keys, read_table


def _report(body: bytes) -> MatchReport:
    parsed = read_table(body, "a.csv")
    return match_keys(parsed.frame, "il_kodu", ["il_kodu"], "deger")


def test_direction_and_indicator_rows_are_in_words() -> None:
    assert direction_text(False, "en") != direction_text(None, "en")
    assert direction_text(True, "tr") != direction_text(True, "en")
    meta = UserIndicatorMeta(
        id="goc",
        label_tr="Göç",
        label_en="Migration",
        unit="‰",
        level="province",
        year=2024,
        source="Valilik",
        higher_is_better=None,
        created_at="2026-01-01",
        created_by="ayse",
    )
    row = indicator_rows([meta], "en").iloc[0].to_dict()
    assert row["id"] == "goc" and "Migration" in row.values() and "Province" in row.values()
    assert direction_text(None, "en") in row.values()
    assert "2026-01-01 · ayse" in row.values()


def test_report_notes_and_issue_rows() -> None:
    report = _report(b"il_kodu;deger\n6;1,5\n34;x\n99;2\n")
    notes = report_notes(report, "en")
    assert any("Province" in n for n in notes) and any("`,`" in n for n in notes)
    issues, total = shown_issues(report, "en")
    assert total == 2 and list(issues["row"]) == [3, 4]
    assert "unmatched" not in set(issues["issue"])  # kinds are in words, not codes


def test_issue_rows_are_capped_but_counted() -> None:
    rows = "".join(f"{900 + i};1\n" for i in range(MAX_SHOWN_ISSUES + 20))
    report = _report(("il_kodu;deger\n" + rows).encode())
    issues, total = shown_issues(report, "tr")
    assert len(issues) == MAX_SHOWN_ISSUES and total == MAX_SHOWN_ISSUES + 20


def test_preview_map_shades_matched_units_and_reverses_for_higher_is_better() -> None:
    report = _report(b"il_kodu;deger\n6;1,5\n1;4\n34;9\n")
    cfg = {}
    for direction in ("lower", "higher"):
        meta = indicator_meta(
            label_tr="Göç", label_en="Migration", level="province", unit="‰", direction=direction
        )
        cfg[direction] = map_config(preview_map(report, meta, "en"))
    styles = cfg["lower"]["layers"][0]["styles"]
    assert len(styles) == 81 and styles["TUR002"][0] == "#ffffff"  # no value: white
    assert cfg["lower"]["legend"]["title"] == "Migration — ‰"
    assert "3 of 81" in cfg["lower"]["legend"]["note"]
    low = [colour for colour, _ in cfg["lower"]["legend"]["items"]]
    high = [colour for colour, _ in cfg["higher"]["legend"]["items"]]
    assert low == list(SEQUENTIAL[len(low)]) and high == low[::-1]
    assert styles["TUR034"][0] == low[-1]  # the largest value gets the darkest colour


def test_status_unit_labels_name_phase_place_and_code(registry: Registry) -> None:
    project = next(iter(registry.projects))
    labels = status_unit_labels(registry, project, "en")
    assert labels
    for (phase, pcode), text in labels.items():
        assert text.endswith(f"({pcode})")
        assert registry.projects[project].phase(phase).label("en") in text
