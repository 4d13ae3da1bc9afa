"""National-scope projects, source documents in words and the change log in words."""

from __future__ import annotations

import re
from pathlib import Path

from geo.changelog_text import describe
from geo.maps import map_config
from geo.national import national_map, national_scope, office_point
from geo.sources import source_line, source_rows

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"  # beside the checkout, as in CI
SNAKE = re.compile(r"\b[a-z]+_[a-z0-9_]+\b")


def _seed(source_id: str) -> str | None:
    path = SEEDS / f"{source_id}.txt"
    return path.read_text(encoding="utf-8") if path.is_file() else None


def test_the_two_projects_without_places_are_national(registry) -> None:
    national = {p for p in registry.projects if national_scope(registry, p) is not None}
    assert national == {"public_ngo_cooperation", "migration_ngo"}


def test_national_figures_and_office_trace_to_the_seed(registry) -> None:
    for pid in ("public_ngo_cooperation", "migration_ngo"):
        scope = national_scope(registry, pid)
        assert scope is not None and scope.figures
        text = _seed(scope.source)
        if text is None:  # seeds live outside the repository (CI may not have them)
            continue
        digits = re.sub(r"(?<=\d)\.(?=\d{3})", "", text)
        for figure in scope.figures:
            assert str(int(figure.value)) in digits, (pid, figure)
        if scope.office is not None:
            street = scope.office.address.split(",")[0]
            assert street.split()[0] in text and "Çankaya" in text
    public = national_scope(registry, "public_ngo_cooperation")
    assert public is not None and public.office is None  # its sources name no office
    values = {f.value for f in public.figures}
    assert {600, 1500, 2000} <= values


def test_national_figures_are_written_in_the_language(registry) -> None:
    scope = national_scope(registry, "public_ngo_cooperation")
    texts = {f.value_text("tr") for f in scope.figures} | {
        f.value_text("en") for f in scope.figures
    }
    assert "1.500 kamu personeli" in texts and "1,500 public staff" in texts


def test_office_point_lies_in_cankaya(registry) -> None:
    from geo.geometry import unit_at

    lat, lon = office_point("TUR006007")
    assert unit_at(lat, lon) == "TUR006007"
    fmap = national_map(national_scope(registry, "migration_ngo"), "en")
    html = fmap.get_root().render()
    assert "Project office" in html and "National scope" in html
    # The office is a marker map.js draws, on screen and in standalone files alike.
    (marker,) = map_config(fmap)["markers"]
    assert marker["at"] == [lat, lon] and marker["tip"].startswith("Project office")


def test_sources_have_title_publisher_and_date_in_words(registry) -> None:
    for lang in ("tr", "en"):
        rows = source_rows(registry, lang)
        assert len(rows) == len(registry.sources)
        for row in rows:
            assert all(row[k] and row[k] != "None" for k in ("title", "publisher", "date"))
            assert not any(sid in " ".join(row.values()) for sid in registry.sources)
    assert "UNDP" in source_line(registry, "000_e34fb78942855664", "en")
    assert "Yayımlayan belirtilmemiş" in source_line(registry, "002_28fa444201e0e288", "tr")


def _status_row(registry) -> dict:
    d = registry.deliverables.iloc[0]
    what = f"{d['project']}/{d['phase']}/{d['pcode']}/{d['deliverable']}: planned → completed"
    return {
        "id": 7,
        "at": "2026-12-01T19:30:05+00:00",
        "user": "ayse",
        "role": "editor",
        "action": "status",
        "what": what,
        "undone_by": float("nan"),
    }


def test_changelog_rows_read_as_sentences(registry) -> None:
    row = _status_row(registry)
    d = registry.deliverables.iloc[0]
    for lang, when in (("tr", "1 Aralık 2026 19:30 UTC"), ("en", "1 December 2026 19:30 UTC")):
        text = describe(row, lang, registry)
        assert text["when"] == when
        assert text["who"].startswith("ayse (")
        assert registry.deliverable_label(d["deliverable"], lang) in text["what"]
        assert registry.status_label("completed", lang) in text["what"]
        joined = " ".join(text.values())
        assert "None" not in joined and "nan" not in joined
        assert d["pcode"] not in joined and d["project"] not in joined
        assert not SNAKE.search(joined), joined


def test_changelog_undo_apply_and_missing_fields(registry) -> None:
    rows = [
        {
            "id": 9,
            "at": "2026-12-01T19:31:00",
            "user": None,
            "role": None,
            "action": "undo",
            "what": "undo #8 (apply: deliverables.csv: +1 added, −0 removed, ~2 changed (status))",
            "undone_by": None,
        },
        {**_status_row(registry), "undone_by": 12},
    ]
    tr = [describe(r, "tr", registry) for r in rows]
    en = [describe(r, "en", registry) for r in rows]
    assert "#8" in tr[0]["what"] and "çıktı kalemleri" in tr[0]["what"]
    assert "Undid #8" in en[0]["what"] and "deliverable items" in en[0]["what"]
    assert tr[0]["who"] == "Bilinmeyen kullanıcı" and en[1]["state"] == "Undone by #12"
    for text in tr + en:
        assert "None" not in " ".join(text.values())
