"""``python -m geo.store``: init (with migration of an old installation), info,
import-bundled, export and restore, undo, on SQLite and PostgreSQL."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from geo.registry_edit import read_csv_bytes, registry_csv_bytes
from geo.store import Store, changelog_frame, open_store
from geo.store.__main__ import main
from geo.store.indicators import (
    UserIndicatorMeta,
    indicator_values,
    list_indicators,
    save_indicator,
)
from geo.store.registry_ops import (
    StaleEditError,
    apply_registry,
    current_files,
    snapshot,
    status_overrides_frame,
    update_deliverable_status,
)

EDITOR = {"user": "ayse", "role": "editor"}
LEGACY = Path(__file__).parent / "fixtures" / "legacy-main"


def cli(url: str, *args: str) -> int:
    return main(["--url", url, *args])


def _set_cell(folder: Path, file: str, row: int, column: str, value: str) -> None:
    frame = read_csv_bytes((folder / file).read_bytes())
    frame.loc[row, column] = value
    (folder / file).write_bytes(registry_csv_bytes(frame))


def test_init_and_info(store_url: str, registry_dir: Path, monkeypatch, capsys) -> None:
    monkeypatch.setenv("PILOT_ATLAS_DATA_DIR", str(registry_dir))
    monkeypatch.setenv("PILOT_ATLAS_VAR_DIR", str(registry_dir.parent / "var"))
    assert cli(store_url, "init") == 0
    out = capsys.readouterr().out
    assert "migrations applied: 1" in out and "initialised from" in out
    assert cli(store_url, "init") == 0
    assert "already initialised" in capsys.readouterr().out
    assert cli(store_url, "info") == 0
    info = capsys.readouterr().out
    backend = "sqlite" if store_url.startswith("sqlite") else "postgresql"
    for line in (
        f"backend: {backend}",
        "schema version: 1",
        "registry sites: 43 rows",
        "changelog: 1 rows",
        "last change: #1",
    ):
        assert line in info
    assert "password" not in info.lower() or "***" in info


def test_legacy_installation_is_migrated_without_loss(
    store_url: str, tmp_path: Path, monkeypatch, capsys
) -> None:
    """A var/ and edited CSVs produced by the version before the store (see fixtures)."""
    data = tmp_path / "old-data"
    shutil.copytree(LEGACY / "data", data)
    monkeypatch.setenv("PILOT_ATLAS_DATA_DIR", str(data))
    before = {p.name: p.read_bytes() for p in data.iterdir()}
    legacy_db = (LEGACY / "legacy-var" / "pilot_atlas.sqlite").read_bytes()
    assert cli(store_url, "init", "--legacy-var", str(LEGACY / "legacy-var")) == 0
    store = Store(store_url)
    assert current_files(store) == before  # the edited CSVs are the registry
    assert snapshot(store).base.sites.loc[0, "note_en"] == "Edited on the old version"
    assert [m.id for m in list_indicators(store)] == ["goc_orani"]
    assert indicator_values(store, "goc_orani").to_dict() == {"TUR006": 1.5, "TUR034": -2.0}
    overrides = status_overrides_frame(store)
    assert overrides[["pcode", "status"]].to_numpy().tolist() == [["TUR007003", "planned"]]
    log = changelog_frame(store)
    assert log["action"].tolist() == ["init", *["legacy"] * 5]
    assert "[#1 indicator_save]" in log.iloc[-1]["what"]
    # The old file is only read; it stays as a backup.
    assert (LEGACY / "legacy-var" / "pilot_atlas.sqlite").read_bytes() == legacy_db


def test_import_bundled_merges_a_release_onto_editors_work(
    store: Store, registry_dir: Path, capsys
) -> None:
    url = store.url
    # Editors change row 0's note and row 1's note; the release changes rows 1 and 2.
    sites = read_csv_bytes(current_files(store)["sites.csv"])
    sites.loc[0, "note_en"] = "editor"
    sites.loc[1, "note_en"] = "editor"
    apply_registry(store, {"sites": sites}, **EDITOR)
    _set_cell(registry_dir, "sites.csv", 1, "note_en", "release")
    _set_cell(registry_dir, "sites.csv", 2, "note_en", "release")
    before = current_files(store)
    assert cli(url, "import-bundled", "--dry-run") == 0
    out = capsys.readouterr().out
    assert out.startswith("dry run: release changed sites.csv")
    assert "1 conflict(s) kept as edited" in out
    assert current_files(store) == before  # a dry run writes nothing
    assert cli(url, "import-bundled") == 0
    out = capsys.readouterr().out
    change = int(out.split("applied as change #")[1].split()[0])
    merged = snapshot(store).base.sites["note_en"].tolist()
    assert merged[:3] == ["editor", "editor", "release"]
    assert cli(url, "info") == 0
    assert "bundled data changed" not in capsys.readouterr().out
    assert cli(url, "import-bundled", "--dry-run") == 0
    assert "nothing to import" in capsys.readouterr().out
    assert cli(url, "undo", str(change)) == 0  # one undoable change
    assert current_files(store) == before


def test_export_restore_round_trip(store: Store, tmp_path: Path, capsys) -> None:
    url = store.url
    key = tuple(
        read_csv_bytes(current_files(store)["deliverables.csv"]).iloc[3][
            ["project", "phase", "pcode", "deliverable"]
        ]
    )
    update_deliverable_status(store, key, "planned", **EDITOR)
    meta = UserIndicatorMeta("goc", "Göç", "Migration", "%", "province", 2024, "TÜİK", True)
    save_indicator(store, meta, pd.Series({"TUR006": 1.25, "TUR034": 2.0}), **EDITOR)
    exported = tmp_path / "backup"
    assert cli(url, "export", str(exported)) == 0
    names = {p.name for p in exported.iterdir()}
    assert {
        "sites.csv",
        "deliverables.csv",
        "projects.yaml",
        "vocabulary.yaml",
        "status_overrides.csv",
        "user_indicators.csv",
        "user_indicator_values.csv",
        "changelog.csv",
        "manifest.json",
    } <= names
    assert cli(url, "export", str(exported)) == 1  # never into a non-empty folder
    saved = (current_files(store), status_overrides_frame(store).to_csv(), list_indicators(store))
    # Everything changes after the backup...
    update_deliverable_status(store, key, "completed", **EDITOR)
    save_indicator(store, meta, pd.Series({"TUR006": 9.0}), replace=True, **EDITOR)
    sites = read_csv_bytes(current_files(store)["sites.csv"])
    sites.loc[0, "note_en"] = "after the backup"
    apply_registry(store, {"sites": sites}, **EDITOR)
    # ...and restore brings the backup back as one change.
    capsys.readouterr()
    assert cli(url, "restore", str(exported)) == 0
    change = int(capsys.readouterr().out.split("as change #")[1].split()[0])
    assert current_files(store) == saved[0]
    assert status_overrides_frame(store).to_csv() == saved[1]
    assert list_indicators(store) == saved[2]
    assert indicator_values(store, "goc").to_dict() == {"TUR006": 1.25, "TUR034": 2.0}
    assert cli(url, "undo", str(change)) == 0
    assert snapshot(store).base.sites.loc[0, "note_en"] == "after the backup"
    assert indicator_values(store, "goc").to_dict() == {"TUR006": 9.0}


def test_restore_validates_like_an_upload(store: Store, tmp_path: Path, capsys) -> None:
    exported = tmp_path / "backup"
    assert cli(store.url, "export", str(exported)) == 0
    _set_cell(exported, "sites.csv", 1, "pcode", "TUR999999")
    (exported / "status_overrides.csv").write_text(
        "project,phase,pcode,deliverable,status,updated_at,updated_by\nx,I,TUR006,y,done,,\n",
        encoding="utf-8",
    )
    before = store.version()
    capsys.readouterr()
    assert cli(store.url, "restore", str(exported)) == 2
    err = capsys.readouterr().err
    assert "nothing was written" in err and "sites.csv, row 3, field 'pcode'" in err
    assert store.version() == before


def test_an_edit_prepared_on_an_old_registry_is_refused(store: Store) -> None:
    import hashlib

    files = current_files(store)
    base = {n: hashlib.sha256(d).hexdigest() for n, d in files.items()}
    mine = read_csv_bytes(files["sites.csv"])
    mine.loc[0, "note_en"] = "mine"
    theirs = mine.copy()
    theirs.loc[1, "note_en"] = "theirs"
    apply_registry(store, {"sites": theirs}, **EDITOR)
    with pytest.raises(StaleEditError, match=r"sites\.csv changed since"):
        apply_registry(store, {"sites": mine}, base=base, **EDITOR)
    assert snapshot(store).base.sites.loc[1, "note_en"] == "theirs"


def test_open_store_is_idempotent_across_servers(store_url: str, registry_dir, monkeypatch) -> None:
    """Two servers starting at once: one initialises, the other finds it done."""
    monkeypatch.setenv("PILOT_ATLAS_DATA_DIR", str(registry_dir))
    from tests.support.forks import run_parallel

    codes = run_parallel([lambda: open_store(store_url) and None] * 3)
    assert codes == [0, 0, 0]
    assert changelog_frame(Store(store_url))["action"].tolist() == ["init"]
