"""The store on SQLite and PostgreSQL: indicators, statuses, registry edits, undo, log."""

from __future__ import annotations

import io
import json
import threading
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from geo import DATA_DIR
from geo.registry import RegistryError, load_registry
from geo.registry_edit import (
    diff_tables,
    read_csv_bytes,
    read_registry_xlsx,
    registry_template_xlsx,
)
from geo.store import Store, changelog_frame, require_editor
from geo.store.indicators import (
    UserIndicatorMeta,
    delete_indicator,
    indicator_table,
    indicator_values,
    list_indicators,
    save_indicator,
    slugify,
)
from geo.store.registry_ops import (
    apply_registry,
    current_files,
    snapshot,
    status_overrides_frame,
    update_deliverable_status,
)
from geo.store.undo import UndoRefusedError, undo_change, undoable

EDITOR = {"user": "ayse", "role": "editor"}
FILES = ("sites.csv", "deliverables.csv")


def changelog(store: Store) -> pd.DataFrame:
    """The log without the initial version (change #1), newest first."""
    log = changelog_frame(store)
    return log[log["action"] != "init"].reset_index(drop=True)


def _meta(**changes: object) -> UserIndicatorMeta:
    base = {
        "id": "goc_orani",
        "label_tr": "Göç oranı",
        "label_en": "Migration rate",
        "unit": "%",
        "level": "province",
        "year": 2024,
        "source": "TÜİK",
        "higher_is_better": None,
    }
    return UserIndicatorMeta(**{**base, **changes})


def _values(**values: float) -> pd.Series:
    return pd.Series(values, dtype=float)


def _snapshot(store: Store) -> dict[str, bytes]:
    files = current_files(store)
    return {name: files[name] for name in FILES}


def _tables(store: Store) -> dict[str, pd.DataFrame]:
    files = current_files(store)
    return {name.removesuffix(".csv"): read_csv_bytes(files[name]) for name in FILES}


def _first_key(store: Store, n: int = 0) -> tuple[str, str, str, str]:
    row = _tables(store)["deliverables"].iloc[n]
    return (row["project"], row["phase"], row["pcode"], row["deliverable"])


def _details(store: Store, action: str) -> list[str]:
    from sqlalchemy import select

    from geo.store.schema import changelog as log

    with store.engine.connect() as conn:
        query = select(log.c.detail).where(log.c.action == action).order_by(log.c.id)
        return list(conn.execute(query).scalars())


def _last_undoable(store: Store) -> dict | None:
    found = undoable(store, 1)
    return found[0] if found else None


def undo_last(store: Store, **who: str) -> int:
    """Undo the newest change that can be undone (LookupError when none)."""
    last = _last_undoable(store)
    if last is None:
        raise LookupError("nothing to undo")
    return undo_change(store, last["id"], **who)


# --------------------------------------------------------------------------- initial version


def test_empty_store_starts_from_the_bundled_registry(store: Store, registry_dir: Path) -> None:
    log = changelog_frame(store)
    assert log["action"].tolist() == ["init"]
    assert current_files(store) == {
        n: (registry_dir / n).read_bytes()
        for n in ("projects.yaml", "sites.csv", "deliverables.csv", "vocabulary.yaml")
    }
    assert str(registry_dir) in log.loc[0, "what"]
    found = snapshot(store)
    assert found.version == store.version() == 1
    assert len(found.registry.sites) == len(load_registry(registry_dir).sites)
    with pytest.raises(UndoRefusedError, match="cannot be undone"):
        undo_change(store, 1, **EDITOR)


# --------------------------------------------------------------------------- indicators


def test_save_list_replace_delete_user_indicator(store: Store) -> None:
    assert list_indicators(store) == []
    saved = save_indicator(store, _meta(), _values(TUR034=1.5, TUR006=-2.0), **EDITOR)
    assert saved.created_by == "ayse" and saved.created_at.endswith("+00:00")
    assert list_indicators(store) == [saved]
    values = indicator_values(store, "goc_orani")
    assert values.to_dict() == {"TUR006": -2.0, "TUR034": 1.5}
    assert values.name == "goc_orani" and values.index.name == "pcode"

    with pytest.raises(FileExistsError, match="replace it explicitly"):
        save_indicator(store, _meta(), _values(TUR001=9.0), **EDITOR)
    assert indicator_values(store, "goc_orani").to_dict() == {"TUR006": -2.0, "TUR034": 1.5}

    replaced = save_indicator(
        store,
        _meta(label_en="Net migration", higher_is_better=True),
        _values(TUR001=9.0),
        replace=True,
        **EDITOR,
    )
    assert list_indicators(store) == [replaced]
    assert replaced.higher_is_better is True
    assert indicator_values(store, "goc_orani").to_dict() == {"TUR001": 9.0}
    table = indicator_table(store, "province")
    assert table.shape == (81, 1) and table.at["TUR001", "goc_orani"] == 9.0

    delete_indicator(store, "goc_orani", **EDITOR)
    assert list_indicators(store) == []
    with pytest.raises(KeyError):
        indicator_values(store, "goc_orani")
    with pytest.raises(KeyError):
        delete_indicator(store, "goc_orani", **EDITOR)
    actions = changelog(store)["action"].tolist()
    assert actions == ["indicator_delete", "indicator_save", "indicator_save"]


@pytest.mark.parametrize("bundled", ["sege2022_score", "pop_2025_province", "sege2022_rank_max"])
def test_bundled_indicator_id_is_refused(store: Store, bundled: str) -> None:
    with pytest.raises(ValueError, match=f"'{bundled}' is a bundled indicator id"):
        save_indicator(store, _meta(id=bundled), _values(TUR034=1.0), **EDITOR)
    assert list_indicators(store) == []


@pytest.mark.parametrize(
    ("changes", "values", "message"),
    [
        ({"id": "Göç"}, {"TUR034": 1.0}, "lower-case letters"),
        ({"label_en": " "}, {"TUR034": 1.0}, "Turkish and an English label"),
        ({"level": "country"}, {"TUR034": 1.0}, "not province, district or region"),
        ({"level": "region"}, {"TUR034": 1.0}, "not NUTS-2 codes: TUR034"),
        ({}, {"TUR034010": 1.0}, "not province P-codes: TUR034010"),
        ({"level": "district"}, {"TUR034": 1.0}, "not district P-codes: TUR034"),
        ({}, {"TUR034": float("inf")}, "finite"),
        ({}, {"TUR034": float("nan")}, "no values"),
    ],
)
def test_bad_indicators_are_refused(
    store: Store, changes: dict, values: dict, message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        save_indicator(store, _meta(**changes), pd.Series(values, dtype=float), **EDITOR)


def test_slugify_is_turkish_aware() -> None:
    assert slugify("Göç oranı 2024") == "goc_orani_2024"
    assert slugify("2024 İşsizlik") == "u_2024_issizlik"


# --------------------------------------------------------------------------- roles


def _write_calls(store: Store) -> dict[str, Callable[[str | None], object]]:
    tables = _tables(store)
    return {
        "save_indicator": lambda role: save_indicator(
            store, _meta(), _values(TUR034=1.0), user="x", role=role
        ),
        "delete_indicator": lambda role: delete_indicator(store, "goc_orani", user="x", role=role),
        "update_deliverable_status": lambda role: update_deliverable_status(
            store, _first_key(store), "planned", user="x", role=role
        ),
        "apply_registry": lambda role: apply_registry(store, tables, user="x", role=role),
        "undo_change": lambda role: undo_change(store, 1, user="x", role=role),
    }


@pytest.mark.parametrize(
    "function",
    [
        "save_indicator",
        "delete_indicator",
        "update_deliverable_status",
        "apply_registry",
        "undo_change",
    ],
)
def test_only_editors_may_write(store: Store, function: str) -> None:
    before = _snapshot(store)
    for role in ("viewer", None, "", "Editor", "admin"):
        with pytest.raises(PermissionError, match="only editors"):
            _write_calls(store)[function](role)
    assert _snapshot(store) == before
    assert changelog(store).empty


def test_require_editor() -> None:
    require_editor("editor")
    with pytest.raises(PermissionError):
        require_editor("viewer")


# --------------------------------------------------------------------------- statuses


def test_status_update_overlays_the_registry_and_undoes(store: Store, registry_dir: Path) -> None:
    key = _first_key(store)
    original = _tables(store)["deliverables"].iloc[0]["status"]
    assert original == "completed"
    before = _snapshot(store)
    assert update_deliverable_status(store, key, "in_progress", **EDITOR)
    assert _snapshot(store) == before  # statuses never rewrite the CSV files
    registry = snapshot(store).registry
    assert registry.deliverables.loc[0, "status"] == "in_progress"
    assert registry.deliverables.loc[1:, "status"].equals(
        load_registry(registry_dir).deliverables.loc[1:, "status"]
    )
    assert status_overrides_frame(store)["status"].tolist() == ["in_progress"]
    assert _last_undoable(store)["action"] == "status"

    undo_last(store, **EDITOR)
    assert status_overrides_frame(store).empty
    log = changelog(store)
    assert log["action"].tolist() == ["undo", "status"]
    assert log.loc[1, "undone_by"] == log.loc[0, "id"]
    assert _last_undoable(store) is None
    with pytest.raises(LookupError, match="nothing to undo"):
        undo_last(store, **EDITOR)


def test_status_back_to_the_file_value_drops_the_override(store: Store, registry_dir: Path) -> None:
    key = _first_key(store)
    update_deliverable_status(store, key, "planned", **EDITOR)
    update_deliverable_status(store, key, "completed", **EDITOR)
    assert status_overrides_frame(store).empty
    update_deliverable_status(store, key, "completed", **EDITOR)
    log = changelog(store)
    assert log["what"].str.endswith(("planned", "completed")).all() and len(log) == 3


def test_status_update_checks_key_and_status(store: Store, registry_dir: Path) -> None:
    with pytest.raises(KeyError, match="no deliverable"):
        update_deliverable_status(store, ("ekosep", "I", "TUR999", "x"), "planned", **EDITOR)
    with pytest.raises(ValueError, match="unknown status 'done'"):
        update_deliverable_status(store, _first_key(store), "done", **EDITOR)


@pytest.mark.parametrize("same_key", [False, True])
def test_concurrent_status_updates_are_all_applied(
    store: Store, registry_dir: Path, same_key: bool
) -> None:
    threads, per_thread = 4, 25
    statuses = ("planned", "in_progress", "completed", "not_reported")
    keys = [_first_key(store, 0 if same_key else i) for i in range(threads)]
    barrier = threading.Barrier(threads)
    errors: list[BaseException] = []

    def work(i: int) -> None:
        try:
            barrier.wait()
            for n in range(per_thread):
                update_deliverable_status(
                    store,
                    keys[i],
                    statuses[(n + i) % 4],
                    user=f"t{i}",
                    role="editor",
                )
        except BaseException as exc:
            errors.append(exc)

    workers = [threading.Thread(target=work, args=(i,)) for i in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert errors == []
    log = [json.loads(d) for d in _details(store, "status")]
    assert len(log) == threads * per_thread
    assert (changelog(store)["action"] == "status").sum() == threads * per_thread
    # Serialised updates: each one saw the status the previous one on its key left.
    last: dict[tuple, str] = {}
    for entry in log:
        key = tuple(entry["key"])
        if key in last:
            assert entry["old"] == last[key]
        last[key] = entry["new"]
    effective = snapshot(store).registry.deliverables
    indexed = effective.set_index(["project", "phase", "pcode", "deliverable"])["status"]
    for key, status in last.items():
        assert indexed.loc[key] == status


# --------------------------------------------------------------------------- registry


def _edited(store: Store) -> dict[str, pd.DataFrame]:
    tables = _tables(store)
    deliverables = tables["deliverables"].copy()
    deliverables.loc[0, "status"] = "in_progress"
    deliverables.loc[1, "quantity"] = "3"
    deliverables = deliverables.drop(index=2)
    sites = tables["sites"].copy()
    sites.loc[0, "note_en"] = "Edited note"
    return {"sites": sites, "deliverables": deliverables}


def test_apply_then_undo_restores_byte_identical_files(store: Store, registry_dir: Path) -> None:
    before = _snapshot(store)
    result = apply_registry(store, _edited(store), **EDITOR)
    assert result.change_id == 2
    assert result.summary == (
        "sites.csv: +0 added, −0 removed, ~1 changed (note_en); "
        "deliverables.csv: +0 added, −1 removed, ~2 changed (quantity, status)"
    )
    after = _snapshot(store)
    assert after != before
    registry = snapshot(store).base
    assert registry.deliverables.loc[0, "status"] == "in_progress"
    assert registry.sites.loc[0, "note_en"] == "Edited note"
    # data/ (here its copy) is never written: it stays the bundled starting point.
    assert {n: (registry_dir / n).read_bytes() for n in FILES} == before

    undo_last(store, **EDITOR)
    assert _snapshot(store) == before
    log = changelog(store)
    assert log["action"].tolist() == ["undo", "apply"]
    assert log.loc[0, "what"].startswith("undo #2 (apply: sites.csv")
    assert log.loc[1, "user"] == "ayse" and log.loc[1, "role"] == "editor"
    assert log.loc[1, "at"].endswith("+00:00")


def test_apply_without_changes_writes_nothing(store: Store, registry_dir: Path) -> None:
    before = _snapshot(store)
    tables = _tables(store)
    result = apply_registry(store, tables, **EDITOR)
    assert result.change_id is None and result.diffs == {}
    reordered = {name: frame[frame.columns[::-1]] for name, frame in tables.items()}
    assert apply_registry(store, reordered, **EDITOR).change_id is None
    assert changelog(store).empty
    assert _snapshot(store) == before


def test_invalid_registry_is_refused_whole(store: Store, registry_dir: Path) -> None:
    before = _snapshot(store)
    tables = _edited(store)
    tables["deliverables"].loc[3, "status"] = "finished"
    tables["sites"].loc[1, "pcode"] = "TUR999999"
    with pytest.raises(RegistryError) as err:
        apply_registry(store, tables, **EDITOR)
    messages = [str(issue) for issue in err.value.issues]
    assert any(
        "deliverables.csv, row 4, field 'status': bad status 'finished'" in m for m in messages
    )
    assert any("sites.csv, row 3, field 'pcode'" in m for m in messages)
    assert _snapshot(store) == before
    assert changelog(store).empty


def test_unknown_table_name_is_refused(store: Store, registry_dir: Path) -> None:
    with pytest.raises(ValueError, match="unknown registry table"):
        apply_registry(store, {"projects": pd.DataFrame()}, **EDITOR)


def test_apply_supersedes_status_overrides_and_undo_restores_them(
    store: Store, registry_dir: Path
) -> None:
    first, second = _first_key(store, 0), _first_key(store, 5)
    update_deliverable_status(store, first, "planned", **EDITOR)
    update_deliverable_status(store, second, "planned", **EDITOR)
    apply_registry(store, _edited(store), **EDITOR)  # sets row 0's status
    remaining = status_overrides_frame(store)
    assert len(remaining) == 1
    assert tuple(remaining.iloc[0][["project", "phase", "pcode", "deliverable"]]) == second
    undo_last(store, **EDITOR)
    restored = status_overrides_frame(store)
    assert {
        tuple(r) for r in restored[["project", "phase", "pcode", "deliverable"]].to_numpy()
    } == {
        first,
        second,
    }


# --------------------------------------------------------------------------- diff


def test_diff_tables_reports_added_removed_changed() -> None:
    old = pd.DataFrame({"k": ["a", "b", "c"], "x": ["1", "2", "3"], "y": ["p", "q", "r"]})
    new = pd.DataFrame(
        {"k": ["a", "c", "d"], "x": ["1", "30", "4"], "y": ["p ", "s", "t"], "z": ["", "", "n"]}
    )
    diff = diff_tables(old, new, ["k"])
    assert diff.to_dict("records") == [
        {"change": "removed", "k": "b", "field": "", "old": "", "new": ""},
        {"change": "added", "k": "d", "field": "", "old": "", "new": ""},
        {"change": "changed", "k": "c", "field": "x", "old": "3", "new": "30"},
        {"change": "changed", "k": "c", "field": "y", "old": "r", "new": "s"},
    ]
    assert diff_tables(old, old, ["k"]).empty
    assert list(diff_tables(old, old, ["k"]).columns) == ["change", "k", "field", "old", "new"]


def test_diff_tables_pairs_repeated_keys() -> None:
    old = pd.DataFrame({"k": ["a", "a"], "v": ["1", "2"]})
    new = pd.DataFrame({"k": ["a", "a", "a"], "v": ["1", "5", "6"]})
    diff = diff_tables(old, new, ["k"])
    assert diff[["change", "field", "old", "new"]].to_dict("records") == [
        {"change": "added", "field": "", "old": "", "new": ""},
        {"change": "changed", "field": "v", "old": "2", "new": "5"},
    ]


# --------------------------------------------------------------------------- templates


def test_registry_template_has_dropdowns_and_round_trips(registry_dir: Path) -> None:
    registry = load_registry(registry_dir)
    data = registry_template_xlsx(registry)
    workbook = openpyxl.load_workbook(io.BytesIO(data))
    assert workbook.sheetnames == ["sites", "deliverables", "lists"]
    assert workbook["lists"].sheet_state == "hidden"
    sites_header = [c.value for c in workbook["sites"][1]]
    assert sites_header == list(pd.read_csv(DATA_DIR / "sites.csv", nrows=0).columns)
    validated = {}
    for title in ("sites", "deliverables"):
        sheet = workbook[title]
        header = [c.value for c in sheet[1]]
        for validation in sheet.data_validations.dataValidation:
            assert validation.type == "list"
            assert validation.formula1.startswith("lists!$")
            column = header[
                openpyxl.utils.column_index_from_string(
                    str(validation.sqref).split(":")[0].rstrip("0123456789")
                )
                - 1
            ]
            validated.setdefault(title, set()).add(column)
    assert {"project", "phase", "level", "source"} <= validated["sites"]
    assert {"project", "phase", "deliverable", "status"} <= validated["deliverables"]
    statuses = [c.value for c in workbook["lists"]["E"][1:] if c.value]
    assert statuses == list(registry.vocabulary["statuses"])

    tables = read_registry_xlsx(data, "kayit.xlsx")
    for name, frame in tables.items():
        expected = pd.read_csv(registry_dir / f"{name}.csv", dtype=str, keep_default_na=False)
        pd.testing.assert_frame_equal(
            frame.reset_index(drop=True).astype(object), expected.astype(object)
        )


def test_template_keeps_formula_like_text_as_text(store: Store, registry_dir: Path) -> None:
    tables = _tables(store)
    tables["sites"].loc[0, "note_tr"] = '=HYPERLINK("http://x")'
    apply_registry(store, {"sites": tables["sites"]}, **EDITOR)
    data = registry_template_xlsx(snapshot(store).base)
    sheet = openpyxl.load_workbook(io.BytesIO(data))["sites"]
    assert sheet["H2"].data_type == "s"
    assert (
        read_registry_xlsx(data, "k.xlsx")["sites"].iloc[0]["note_tr"]
        == tables["sites"].loc[0, "note_tr"]
    )


def test_edited_workbook_applies_and_errors_name_workbook_rows(
    store: Store, registry_dir: Path
) -> None:
    data = registry_template_xlsx(snapshot(store).base)
    workbook = openpyxl.load_workbook(io.BytesIO(data))
    sheet = workbook["deliverables"]
    sheet.insert_rows(3)  # a blank row in the middle: later rows keep their Excel numbers
    sheet["H6"] = "bitti"
    buffer = io.BytesIO()
    workbook.save(buffer)
    tables = read_registry_xlsx(buffer.getvalue(), "kayit.xlsx")
    assert tables["deliverables"].index[:3].tolist() == [2, 4, 5]
    with pytest.raises(RegistryError) as err:
        apply_registry(store, tables, **EDITOR)
    assert [str(i) for i in err.value.issues] == [
        "deliverables.csv, row 6, field 'status': bad status 'bitti' "
        "(allowed: completed, in_progress, planned, not_reported)"
    ]
    sheet["H6"] = "planned"
    buffer = io.BytesIO()
    workbook.save(buffer)
    result = apply_registry(store, read_registry_xlsx(buffer.getvalue(), "k.xlsx"), **EDITOR)
    assert result.summary == "deliverables.csv: +0 added, −0 removed, ~1 changed (status)"


def test_read_registry_xlsx_needs_both_sheets() -> None:
    from geo.upload import UploadError

    workbook = openpyxl.Workbook()
    workbook.active.title = "sites"
    workbook["sites"].append(["project", "phase"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    with pytest.raises(UploadError, match="worksheet 'deliverables' is missing"):
        read_registry_xlsx(buffer.getvalue(), "eksik.xlsx")


def test_indicator_save_replace_and_delete_can_be_undone(store: Store, registry_dir: Path) -> None:
    """Indicator changes join the same last-in-first-out undo as registry edits."""
    save_indicator(store, _meta(), _values(TUR034=1.0, TUR006=2.0), **EDITOR)
    save_indicator(store, _meta(), _values(TUR034=9.0), **EDITOR, replace=True)
    assert indicator_values(store, _meta().id).to_dict() == {"TUR034": 9.0}
    undo_last(store, **EDITOR)  # the replacement
    assert indicator_values(store, _meta().id).to_dict() == {"TUR006": 2.0, "TUR034": 1.0}
    delete_indicator(store, _meta().id, **EDITOR)
    assert not list_indicators(store)
    undo_last(store, **EDITOR)  # the deletion
    assert [m.id for m in list_indicators(store)] == [_meta().id]
    assert indicator_values(store, _meta().id).to_dict() == {"TUR006": 2.0, "TUR034": 1.0}
    undo_last(store, **EDITOR)  # the first save
    assert not list_indicators(store)
    with pytest.raises(LookupError):
        undo_last(store, **EDITOR)


# --------------------------------------------------------------------------- undo by id


def test_undo_takes_the_change_the_editor_saw(store: Store) -> None:
    """Editor A sees #2; editor B saves #3 meanwhile; A's click still undoes #2."""
    first, other = _first_key(store, 0), _first_key(store, 5)
    seen = update_deliverable_status(store, first, "planned", **EDITOR)
    later = update_deliverable_status(store, other, "planned", user="b", role="editor")
    undo_change(store, seen, **EDITOR)
    statuses = status_overrides_frame(store).set_index("deliverable")["status"]
    assert len(statuses) == 1 and statuses.iloc[0] == "planned"
    log = changelog_frame(store).set_index("id")
    assert log.at[seen, "undone_by"] > later and pd.isna(log.at[later, "undone_by"])


def test_undo_refuses_when_a_later_change_depends_on_it(store: Store) -> None:
    key = _first_key(store, 0)
    first = update_deliverable_status(store, key, "planned", **EDITOR)
    second = update_deliverable_status(store, key, "in_progress", user="b", role="editor")
    before = status_overrides_frame(store)
    with pytest.raises(UndoRefusedError) as err:
        undo_change(store, first, **EDITOR)
    assert err.value.reason == "later" and err.value.blockers == (second,)
    assert f"later change(s) #{second}" in str(err.value)
    pd.testing.assert_frame_equal(status_overrides_frame(store), before)
    assert [c["id"] for c in undoable(store)] == [second]
    undo_change(store, second, **EDITOR)
    undo_change(store, first, **EDITOR)  # nothing builds on it any more
    assert status_overrides_frame(store).empty
    with pytest.raises(UndoRefusedError, match="already undone"):
        undo_change(store, first, **EDITOR)
    with pytest.raises(UndoRefusedError, match="no change #999"):
        undo_change(store, 999, **EDITOR)


def test_a_registry_edit_blocks_undoing_earlier_statuses_it_touched(store: Store) -> None:
    status = update_deliverable_status(store, _first_key(store, 0), "planned", **EDITOR)
    applied = apply_registry(store, _edited(store), **EDITOR).change_id  # sets row 0's status
    with pytest.raises(UndoRefusedError) as err:
        undo_change(store, status, **EDITOR)
    assert err.value.blockers == (applied,)
    # A later status change reads the deliverables table: the edit cannot be undone
    # under it, as the status might name a deliverable the edit added.
    later = update_deliverable_status(store, _first_key(store, 5), "planned", **EDITOR)
    with pytest.raises(UndoRefusedError) as err:
        undo_change(store, applied, **EDITOR)
    assert err.value.blockers == (later,)
