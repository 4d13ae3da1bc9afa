"""Registry loading, seed facts and validation errors for deliberately broken files."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from geo.boundaries import boundaries
from geo.registry import RegistryError, load_registry


def _edit(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture text {old!r} not in {path.name}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def _issues(data_dir: Path) -> list[str]:
    with pytest.raises(RegistryError) as err:
        load_registry(data_dir)
    return [str(issue) for issue in err.value.issues]


def test_five_projects_from_the_seeds(registry) -> None:
    assert set(registry.projects) == {
        "civil_oversight",
        "public_ngo_cooperation",
        "participatory_governance",
        "ekosep",
        "migration_ngo",
    }
    assert set(registry.sources) == {p.source for p in registry.projects.values()}


def test_seed_facts(registry) -> None:
    sites = registry.sites
    civil = sites[sites["project"] == "civil_oversight"]
    assert (civil["phase"] == "II").sum() == 9
    assert set(civil.loc[civil["level"] == "province", "province"]) == {"Hatay", "Malatya"}
    assert len(sites[sites["project"] == "participatory_governance"]) == 20
    assert set(sites.loc[sites["project"] == "ekosep", "province"]) == {
        "Diyarbakır",
        "Gaziantep",
        "Erzurum",
        "Şanlıurfa",
    }
    assert (sites["project"] == "public_ngo_cooperation").sum() == 0  # 20 unnamed provinces
    assert registry.projects["civil_oversight"].info["budget"]["amount"] == 5_400_000
    migration = registry.projects["migration_ngo"]
    assert migration.info["start"] == "2019-03-08"
    numbered = [a for a in migration.info["activities"] if re.match(r"\d+\. ", a["tr"])]
    assert len(numbered) == 10


def test_ekosep_pilot_project_counts(registry) -> None:
    d = registry.deliverables
    ekosep = d[d["project"] == "ekosep"].pivot_table(
        index="province", columns="deliverable", values="quantity"
    )
    assert ekosep.loc[
        ["Diyarbakır", "Gaziantep", "Erzurum", "Şanlıurfa"], "pilot_project"
    ].tolist() == [6, 3, 14, 4]
    assert ekosep.loc[
        ["Diyarbakır", "Gaziantep", "Erzurum", "Şanlıurfa"], "pilot_subproject"
    ].tolist() == [11, 6, 14, 8]


def test_public_ngo_outputs(registry) -> None:
    figures = [
        (f["value"], f["unit_en"])
        for o in registry.projects["public_ngo_cooperation"].info["outputs"]
        for f in o["figures"]
    ]
    assert (1500, "public staff") in figures and (15, "trainings") in figures
    assert (2000, "participants") in figures and (6, "EU countries") in figures
    gaps = " ".join(g["en"] for g in registry.projects["public_ngo_cooperation"].info["gaps"])
    assert "20 pilot provinces are not named" in gaps


def test_every_site_has_exactly_one_polygon_of_its_level(registry) -> None:
    for level in ("district", "province"):
        layer = boundaries(level, simplified=True).set_index("pcode")
        pcodes = registry.sites.loc[registry.sites["level"] == level, "pcode"]
        assert pcodes.isin(layer.index).all()
        assert layer.index.is_unique


def test_every_row_names_its_source(registry) -> None:
    assert registry.sites["source"].isin(registry.sources).all()
    assert registry.deliverables["source"].isin(registry.sources).all()


@pytest.mark.parametrize(
    ("file", "old", "new", "expected"),
    [
        ("sites.csv", "TUR034019", "TUR034999", "sites.csv, row 2, field 'pcode': unknown P-code"),
        (
            "sites.csv",
            "İstanbul,Eyüpsultan",
            "İstanbul,Buca",
            "field 'district': unknown district 'Buca' in province İstanbul; a district of that name is in Buca, İzmir",
        ),
        (
            "sites.csv",
            "İstanbul,Eyüpsultan,TUR034019",
            "İstanbul,Fatih,TUR034019",
            "sites.csv, row 2, field 'district': district 'Fatih' is TUR034020, but the row's P-code is TUR034019",
        ),
        (
            "sites.csv",
            "İstanbul,Eyüpsultan",
            "İstanbul,Çankaya",
            "sites.csv, row 2, field 'district': unknown district 'Çankaya' in province İstanbul",
        ),
        (
            "sites.csv",
            "İstanbul,Eyüpsultan,TUR034019",
            "Ankara,Eyüpsultan,TUR034019",
            "sites.csv, row 2, field 'province': TUR034019 (Eyüpsultan, İstanbul) is not in province 'Ankara'",
        ),
        (
            "sites.csv",
            "civil_oversight,II,",
            "civil_oversight,IV,",
            "field 'phase': unknown phase 'IV'",
        ),
        (
            "sites.csv",
            ",000_e34fb78942855664,",
            ",,",
            "sites.csv, row 2, field 'source': missing source",
        ),
        (
            "deliverables.csv",
            ",completed,",
            ",done,",
            "deliverables.csv, row 2, field 'status': bad status 'done'",
        ),
        ("deliverables.csv", ",1,completed", ",two,completed", "field 'quantity'"),
        (
            "projects.yaml",
            'source: "001_3a24fe6c0160bfbb"',
            "source: null",
            "projects.yaml, field 'projects[2].source': missing source",
        ),
        ("projects.yaml", 'start: "2012"', 'start: "2012-13-45x"', "is not YYYY"),
    ],
)
def test_validation_errors_name_file_row_field(
    registry_dir: Path, file: str, old: str, new: str, expected: str
) -> None:
    _edit(registry_dir / file, old, new)
    issues = _issues(registry_dir)
    assert any(expected in issue for issue in issues), issues


def test_duplicate_site_is_reported(registry_dir: Path) -> None:
    path = registry_dir / "sites.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join([*lines, lines[1]]) + "\n", encoding="utf-8")
    issues = _issues(registry_dir)
    assert any(
        f"row {len(lines) + 1}" in i and "duplicate site (same as row 2)" in i for i in issues
    )


def test_level_must_match_pcode(registry_dir: Path) -> None:
    _edit(
        registry_dir / "sites.csv",
        "II,district,İstanbul,Eyüpsultan",
        "II,province,İstanbul,Eyüpsultan",
    )
    assert any("field 'level'" in i for i in _issues(registry_dir))


def test_cp1254_file_is_rejected_with_a_clear_message(registry_dir: Path) -> None:
    path = registry_dir / "sites.csv"
    path.write_bytes(path.read_text(encoding="utf-8").encode("cp1254"))
    issues = _issues(registry_dir)
    assert any("sites.csv" in i and "not valid UTF-8" in i for i in issues)


def test_html_in_a_name_is_an_unknown_name(registry_dir: Path) -> None:
    _edit(
        registry_dir / "sites.csv", "İstanbul,Eyüpsultan", "İstanbul,<img src=x onerror=alert(1)>"
    )
    assert any("unknown district '<img" in i for i in _issues(registry_dir))


def test_missing_column_and_missing_file(registry_dir: Path) -> None:
    _edit(registry_dir / "deliverables.csv", "quantity,", "qty,")
    (registry_dir / "vocabulary.yaml").unlink()
    issues = _issues(registry_dir)
    assert any("deliverables.csv, row 1, field 'quantity'" in i for i in issues)
    assert any("vocabulary.yaml" in i and "missing" in i for i in issues)


def test_validation_messages_are_bilingual(registry_dir: Path) -> None:
    _edit(registry_dir / "sites.csv", "İstanbul,Eyüpsultan", "İstanbul,Bucak")
    with pytest.raises(RegistryError) as err:
        load_registry(registry_dir)
    message = err.value.issues[0].message
    assert "unknown district 'Bucak' in province İstanbul" in str(message)
    assert message.text("tr").startswith("İstanbul ilinde 'Bucak' adlı ilçe yok")
    assert "Bucak, Burdur" in message.text("tr")
