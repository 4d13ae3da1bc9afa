"""Persistence of user indicators, status updates and registry edits; roles and passwords."""

from __future__ import annotations

import io
import json
import os
import sqlite3
import threading
import tomllib
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from geo import DATA_DIR
from geo.registry import RegistryError, load_registry
from geo.userdata import (
    DB_NAME,
    JOURNAL_NAME,
    UndoConflictError,
    UserIndicatorMeta,
    apply_registry,
    changelog,
    check_credentials,
    delete_indicator,
    diff_tables,
    hash_password,
    indicator_table,
    indicator_values,
    last_undoable,
    list_indicators,
    main,
    read_registry_xlsx,
    registry_template_xlsx,
    require_editor,
    save_indicator,
    slugify,
    status_overrides,
    undo_last,
    update_deliverable_status,
    verify_password,
    with_status_overrides,
)

EDITOR = {"user": "ayse", "role": "editor"}
FILES = ("sites.csv", "deliverables.csv")


@pytest.fixture
def store(tmp_path: Path) -> Path:
    return tmp_path / "var"


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


def _snapshot(data_dir: Path) -> dict[str, bytes]:
    return {name: (data_dir / name).read_bytes() for name in FILES}


def _tables(data_dir: Path) -> dict[str, pd.DataFrame]:
    return {
        name.removesuffix(".csv"): pd.read_csv(data_dir / name, dtype=str, keep_default_na=False)
        for name in FILES
    }


def _first_key(data_dir: Path, n: int = 0) -> tuple[str, str, str, str]:
    row = _tables(data_dir)["deliverables"].iloc[n]
    return (row["project"], row["phase"], row["pcode"], row["deliverable"])


# --------------------------------------------------------------------------- indicators


def test_save_list_replace_delete_user_indicator(store: Path) -> None:
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
def test_bundled_indicator_id_is_refused(store: Path, bundled: str) -> None:
    with pytest.raises(ValueError, match=f"'{bundled}' is a bundled indicator id"):
        save_indicator(store, _meta(id=bundled), _values(TUR034=1.0), **EDITOR)
    assert list_indicators(store) == []


@pytest.mark.parametrize(
    ("changes", "values", "message"),
    [
        ({"id": "Göç"}, {"TUR034": 1.0}, "lower-case letters"),
        ({"label_en": " "}, {"TUR034": 1.0}, "Turkish and an English label"),
        ({"level": "region"}, {"TUR034": 1.0}, "not province or district"),
        ({}, {"TUR034010": 1.0}, "not province P-codes: TUR034010"),
        ({"level": "district"}, {"TUR034": 1.0}, "not district P-codes: TUR034"),
        ({}, {"TUR034": float("inf")}, "finite"),
        ({}, {"TUR034": float("nan")}, "no values"),
    ],
)
def test_bad_indicators_are_refused(store: Path, changes: dict, values: dict, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        save_indicator(store, _meta(**changes), pd.Series(values, dtype=float), **EDITOR)


def test_slugify_is_turkish_aware() -> None:
    assert slugify("Göç oranı 2024") == "goc_orani_2024"
    assert slugify("2024 İşsizlik") == "u_2024_issizlik"


# --------------------------------------------------------------------------- roles


def _write_calls(store: Path, data_dir: Path) -> dict[str, Callable[[str | None], object]]:
    tables = _tables(data_dir)
    return {
        "save_indicator": lambda role: save_indicator(
            store, _meta(), _values(TUR034=1.0), user="x", role=role
        ),
        "delete_indicator": lambda role: delete_indicator(store, "goc_orani", user="x", role=role),
        "update_deliverable_status": lambda role: update_deliverable_status(
            store, _first_key(data_dir), "planned", user="x", role=role, data_dir=data_dir
        ),
        "apply_registry": lambda role: apply_registry(store, data_dir, tables, user="x", role=role),
        "undo_last": lambda role: undo_last(store, data_dir, user="x", role=role),
    }


@pytest.mark.parametrize(
    "function",
    [
        "save_indicator",
        "delete_indicator",
        "update_deliverable_status",
        "apply_registry",
        "undo_last",
    ],
)
@pytest.mark.parametrize("role", ["viewer", None, "", "Editor", "admin"])
def test_only_editors_may_write(
    store: Path, registry_dir: Path, function: str, role: str | None
) -> None:
    before = _snapshot(registry_dir)
    with pytest.raises(PermissionError, match="only editors"):
        _write_calls(store, registry_dir)[function](role)
    assert _snapshot(registry_dir) == before
    assert not (store / DB_NAME).exists() or changelog(store).empty


def test_require_editor() -> None:
    require_editor("editor")
    with pytest.raises(PermissionError):
        require_editor("viewer")


# --------------------------------------------------------------------------- statuses


def test_status_update_overlays_the_registry_and_undoes(store: Path, registry_dir: Path) -> None:
    key = _first_key(registry_dir)
    original = _tables(registry_dir)["deliverables"].iloc[0]["status"]
    assert original == "completed"
    before = _snapshot(registry_dir)
    assert update_deliverable_status(store, key, "in_progress", data_dir=registry_dir, **EDITOR)
    assert _snapshot(registry_dir) == before  # statuses never rewrite the CSV files
    registry = with_status_overrides(load_registry(registry_dir), store)
    assert registry.deliverables.loc[0, "status"] == "in_progress"
    assert registry.deliverables.loc[1:, "status"].equals(
        load_registry(registry_dir).deliverables.loc[1:, "status"]
    )
    assert status_overrides(store)["status"].tolist() == ["in_progress"]
    assert last_undoable(store)["action"] == "status"

    undo_last(store, registry_dir, **EDITOR)
    assert status_overrides(store).empty
    log = changelog(store)
    assert log["action"].tolist() == ["undo", "status"]
    assert log.loc[1, "undone_by"] == log.loc[0, "id"]
    assert last_undoable(store) is None
    with pytest.raises(LookupError, match="nothing to undo"):
        undo_last(store, registry_dir, **EDITOR)


def test_status_back_to_the_file_value_drops_the_override(store: Path, registry_dir: Path) -> None:
    key = _first_key(registry_dir)
    update_deliverable_status(store, key, "planned", data_dir=registry_dir, **EDITOR)
    assert update_deliverable_status(store, key, "completed", data_dir=registry_dir, **EDITOR)
    assert status_overrides(store).empty
    assert not update_deliverable_status(store, key, "completed", data_dir=registry_dir, **EDITOR)
    assert len(changelog(store)) == 3


def test_status_update_checks_key_and_status(store: Path, registry_dir: Path) -> None:
    with pytest.raises(KeyError, match="no deliverable"):
        update_deliverable_status(
            store, ("ekosep", "I", "TUR999", "x"), "planned", data_dir=registry_dir, **EDITOR
        )
    with pytest.raises(ValueError, match="unknown status 'done'"):
        update_deliverable_status(
            store, _first_key(registry_dir), "done", data_dir=registry_dir, **EDITOR
        )


def _status_log(store: Path) -> list[dict]:
    with sqlite3.connect(store / DB_NAME) as conn:
        rows = conn.execute(
            "SELECT detail FROM changelog WHERE action = 'status' ORDER BY id"
        ).fetchall()
    return [json.loads(r[0]) for r in rows]


@pytest.mark.parametrize("same_key", [False, True])
def test_concurrent_status_updates_are_all_applied(
    store: Path, registry_dir: Path, same_key: bool
) -> None:
    threads, per_thread = 8, 500
    statuses = ("planned", "in_progress", "completed", "not_reported")
    keys = [_first_key(registry_dir, 0 if same_key else i) for i in range(threads)]
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
                    data_dir=registry_dir,
                )
        except BaseException as exc:
            errors.append(exc)

    workers = [threading.Thread(target=work, args=(i,)) for i in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert errors == []
    log = _status_log(store)
    assert len(log) == threads * per_thread
    assert (changelog(store)["action"] == "status").sum() == threads * per_thread
    # Serialised updates: each one saw the status the previous one on its key left.
    last: dict[tuple, str] = {}
    for entry in log:
        key = tuple(entry["key"])
        if key in last:
            assert entry["old"] == last[key]
        last[key] = entry["new"]
    effective = with_status_overrides(load_registry(registry_dir), store).deliverables
    indexed = effective.set_index(["project", "phase", "pcode", "deliverable"])["status"]
    for key, status in last.items():
        assert indexed.loc[key] == status


# --------------------------------------------------------------------------- registry


def _edited(data_dir: Path) -> dict[str, pd.DataFrame]:
    tables = _tables(data_dir)
    deliverables = tables["deliverables"].copy()
    deliverables.loc[0, "status"] = "in_progress"
    deliverables.loc[1, "quantity"] = "3"
    deliverables = deliverables.drop(index=2)
    sites = tables["sites"].copy()
    sites.loc[0, "note_en"] = "Edited note"
    return {"sites": sites, "deliverables": deliverables}


def test_apply_then_undo_restores_byte_identical_files(store: Path, registry_dir: Path) -> None:
    before = _snapshot(registry_dir)
    result = apply_registry(store, registry_dir, _edited(registry_dir), **EDITOR)
    assert result.change_id == 1
    assert result.summary == (
        "sites.csv: +0 added, −0 removed, ~1 changed (note_en); "
        "deliverables.csv: +0 added, −1 removed, ~2 changed (quantity, status)"
    )
    after = _snapshot(registry_dir)
    assert after != before
    registry = load_registry(registry_dir)
    assert registry.deliverables.loc[0, "status"] == "in_progress"
    assert registry.sites.loc[0, "note_en"] == "Edited note"
    assert not (store / JOURNAL_NAME).exists()
    assert sorted(p.name for p in registry_dir.iterdir() if p.name.startswith(".")) == []

    undo_last(store, registry_dir, **EDITOR)
    assert _snapshot(registry_dir) == before
    load_registry(registry_dir)
    log = changelog(store)
    assert log["action"].tolist() == ["undo", "apply"]
    assert log.loc[0, "what"].startswith("undo #1 (apply: sites.csv")
    assert log.loc[1, "user"] == "ayse" and log.loc[1, "role"] == "editor"
    assert log.loc[1, "at"].endswith("+00:00")


def test_apply_without_changes_writes_nothing(store: Path, registry_dir: Path) -> None:
    before = _snapshot(registry_dir)
    tables = _tables(registry_dir)
    result = apply_registry(store, registry_dir, tables, **EDITOR)
    assert result.change_id is None and result.diffs == {}
    reordered = {name: frame[frame.columns[::-1]] for name, frame in tables.items()}
    assert apply_registry(store, registry_dir, reordered, **EDITOR).change_id is None
    assert changelog(store).empty
    assert _snapshot(registry_dir) == before


def test_invalid_registry_is_refused_whole(store: Path, registry_dir: Path) -> None:
    before = _snapshot(registry_dir)
    tables = _edited(registry_dir)
    tables["deliverables"].loc[3, "status"] = "finished"
    tables["sites"].loc[1, "pcode"] = "TUR999999"
    with pytest.raises(RegistryError) as err:
        apply_registry(store, registry_dir, tables, **EDITOR)
    messages = [str(issue) for issue in err.value.issues]
    assert any(
        "deliverables.csv, row 4, field 'status': bad status 'finished'" in m for m in messages
    )
    assert any("sites.csv, row 3, field 'pcode'" in m for m in messages)
    assert _snapshot(registry_dir) == before
    assert changelog(store).empty


def test_unknown_table_name_is_refused(store: Path, registry_dir: Path) -> None:
    with pytest.raises(ValueError, match="unknown registry table"):
        apply_registry(store, registry_dir, {"projects": pd.DataFrame()}, **EDITOR)


@pytest.mark.parametrize("fail_on", ["sites.csv", "deliverables.csv"])
def test_interrupted_save_leaves_old_files(
    store: Path, registry_dir: Path, monkeypatch: pytest.MonkeyPatch, fail_on: str
) -> None:
    before = _snapshot(registry_dir)
    real_replace = os.replace

    def failing_replace(src: object, dst: object) -> None:
        if Path(dst).name == fail_on and Path(src).name.startswith(f".{fail_on}"):
            raise OSError("disk full")
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", failing_replace)
    with pytest.raises(OSError, match="disk full"):
        apply_registry(store, registry_dir, _edited(registry_dir), **EDITOR)
    assert _snapshot(registry_dir) == before
    load_registry(registry_dir)
    assert changelog(store).empty
    assert not (store / JOURNAL_NAME).exists()
    assert [p.name for p in registry_dir.iterdir() if p.name.endswith(".tmp")] == []


def test_crash_mid_save_is_rolled_back_on_next_write(
    store: Path, registry_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The first file is replaced, then every rename fails (as if the process died)."""
    before = _snapshot(registry_dir)
    real_replace = os.replace
    calls = {"data": 0}

    def dying_replace(src: object, dst: object) -> None:
        if Path(dst).name in FILES:
            calls["data"] += 1
            if calls["data"] > 1:
                raise OSError("power cut")
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", dying_replace)
    with pytest.raises(OSError, match="power cut"):
        apply_registry(store, registry_dir, _edited(registry_dir), **EDITOR)
    monkeypatch.setattr(os, "replace", real_replace)
    assert (registry_dir / "sites.csv").read_bytes() != before["sites.csv"]
    assert (store / JOURNAL_NAME).exists()

    update_deliverable_status(
        store, _first_key(registry_dir), "planned", data_dir=registry_dir, **EDITOR
    )
    assert _snapshot(registry_dir) == before
    assert not (store / JOURNAL_NAME).exists()
    assert changelog(store)["action"].tolist() == ["status"]


def test_undo_refuses_files_changed_outside_the_app(store: Path, registry_dir: Path) -> None:
    original = _snapshot(registry_dir)
    apply_registry(store, registry_dir, _edited(registry_dir), **EDITOR)
    edited = (registry_dir / "sites.csv").read_bytes()
    (registry_dir / "sites.csv").write_bytes(edited.replace(b"Edited note", b"By hand"))
    with pytest.raises(UndoConflictError, match=r"sites\.csv changed since change #1"):
        undo_last(store, registry_dir, **EDITOR)
    assert b"By hand" in (registry_dir / "sites.csv").read_bytes()
    undo_last(store, registry_dir, force=True, **EDITOR)
    assert _snapshot(registry_dir) == original


def test_apply_supersedes_status_overrides_and_undo_restores_them(
    store: Path, registry_dir: Path
) -> None:
    first, second = _first_key(registry_dir, 0), _first_key(registry_dir, 5)
    update_deliverable_status(store, first, "planned", data_dir=registry_dir, **EDITOR)
    update_deliverable_status(store, second, "planned", data_dir=registry_dir, **EDITOR)
    apply_registry(store, registry_dir, _edited(registry_dir), **EDITOR)  # sets row 0's status
    remaining = status_overrides(store)
    assert len(remaining) == 1
    assert tuple(remaining.iloc[0][["project", "phase", "pcode", "deliverable"]]) == second
    undo_last(store, registry_dir, **EDITOR)
    restored = status_overrides(store)
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


def test_template_keeps_formula_like_text_as_text(store: Path, registry_dir: Path) -> None:
    tables = _tables(registry_dir)
    tables["sites"].loc[0, "note_tr"] = '=HYPERLINK("http://x")'
    apply_registry(store, registry_dir, {"sites": tables["sites"]}, **EDITOR)
    data = registry_template_xlsx(load_registry(registry_dir))
    sheet = openpyxl.load_workbook(io.BytesIO(data))["sites"]
    assert sheet["H2"].data_type == "s"
    assert (
        read_registry_xlsx(data, "k.xlsx")["sites"].iloc[0]["note_tr"]
        == tables["sites"].loc[0, "note_tr"]
    )


def test_edited_workbook_applies_and_errors_name_workbook_rows(
    store: Path, registry_dir: Path
) -> None:
    data = registry_template_xlsx(load_registry(registry_dir))
    workbook = openpyxl.load_workbook(io.BytesIO(data))
    sheet = workbook["deliverables"]
    sheet.insert_rows(3)  # a blank row in the middle: later rows keep their Excel numbers
    sheet["H6"] = "bitti"
    buffer = io.BytesIO()
    workbook.save(buffer)
    tables = read_registry_xlsx(buffer.getvalue(), "kayit.xlsx")
    assert tables["deliverables"].index[:3].tolist() == [2, 4, 5]
    with pytest.raises(RegistryError) as err:
        apply_registry(store, registry_dir, tables, **EDITOR)
    assert [str(i) for i in err.value.issues] == [
        "deliverables.csv, row 6, field 'status': bad status 'bitti' "
        "(allowed: completed, in_progress, planned, not_reported)"
    ]
    sheet["H6"] = "planned"
    buffer = io.BytesIO()
    workbook.save(buffer)
    result = apply_registry(
        store, registry_dir, read_registry_xlsx(buffer.getvalue(), "k.xlsx"), **EDITOR
    )
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


# --------------------------------------------------------------------------- passwords


def test_password_hash_format_and_check() -> None:
    encoded = hash_password("gizli şifre", iterations=1_000)
    scheme, iterations, salt, digest = encoded.split("$")
    assert (scheme, iterations, len(salt), len(digest)) == ("pbkdf2_sha256", "1000", 32, 64)
    assert hash_password("x", 1_000) != hash_password("x", 1_000)  # random salt
    assert verify_password("gizli şifre", encoded)
    assert not verify_password("gizli sifre", encoded)
    secrets = {"editors": {"ayse": encoded}}
    assert check_credentials("ayse", "gizli şifre", secrets) == "editor"
    assert check_credentials("ayse", "wrong", secrets) is None
    assert check_credentials("mehmet", "gizli şifre", secrets) is None
    assert check_credentials("ayse", "", secrets) is None


@pytest.mark.parametrize(
    "secrets",
    [
        {},
        {"editors": "nope"},
        {"editors": {"ayse": 5}},
        {"editors": {"ayse": "md5$1$00$00"}},
        {"editors": {"ayse": "pbkdf2_sha256$x$zz$00"}},
    ],
)
def test_malformed_secrets_never_grant_editing(secrets: dict) -> None:
    assert check_credentials("ayse", "anything", secrets) is None


def test_secrets_example_works_with_change_me() -> None:
    path = DATA_DIR.parent / ".streamlit" / "secrets.toml.example"
    secrets = tomllib.loads(path.read_text(encoding="utf-8"))
    assert "python -m geo.userdata hash-password" in path.read_text(encoding="utf-8")
    assert check_credentials("editor", "change-me", secrets) == "editor"
    assert check_credentials("editor", "change-me ", secrets) is None


def test_hash_password_cli(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("s3cret\n"))
    assert main(["hash-password", "--stdin", "--iterations", "1000"]) == 0
    encoded = capsys.readouterr().out.strip()
    assert encoded.startswith("pbkdf2_sha256$1000$")
    assert verify_password("s3cret", encoded)
    monkeypatch.setattr("getpass.getpass", lambda prompt: "a" if "Again" not in prompt else "b")
    assert main(["hash-password"]) == 1


def test_indicator_save_replace_and_delete_can_be_undone(store: Path, registry_dir: Path) -> None:
    """Indicator changes join the same last-in-first-out undo as registry edits."""
    save_indicator(store, _meta(), _values(TUR034=1.0, TUR006=2.0), **EDITOR)
    save_indicator(store, _meta(), _values(TUR034=9.0), **EDITOR, replace=True)
    assert indicator_values(store, _meta().id).to_dict() == {"TUR034": 9.0}
    undo_last(store, registry_dir, **EDITOR)  # the replacement
    assert indicator_values(store, _meta().id).to_dict() == {"TUR006": 2.0, "TUR034": 1.0}
    delete_indicator(store, _meta().id, **EDITOR)
    assert not list_indicators(store)
    undo_last(store, registry_dir, **EDITOR)  # the deletion
    assert [m.id for m in list_indicators(store)] == [_meta().id]
    assert indicator_values(store, _meta().id).to_dict() == {"TUR006": 2.0, "TUR034": 1.0}
    undo_last(store, registry_dir, **EDITOR)  # the first save
    assert not list_indicators(store)
    with pytest.raises(LookupError):
        undo_last(store, registry_dir, **EDITOR)
