"""Every page through app.py with Streamlit's AppTest: renders, filters, language, links."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from geo import DATA_DIR

APP = str(Path(__file__).resolve().parent.parent / "app.py")
PAGES = ("overview", "project", "indicators", "data", "manage")


def run_app(**params: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=30)
    for key, value in params.items():
        at.query_params[key] = value
    return at.run()


def metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def assert_healthy(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]


@pytest.mark.parametrize("page", PAGES)
def test_every_page_renders_with_the_shared_sidebar(page: str) -> None:
    at = run_app(page=page)
    assert_healthy(at)
    assert at.radio(key="page").value == page
    assert at.sidebar.multiselect(key="f_project") is not None
    assert at.sidebar.radio(key="lang").value == "tr"


def test_overview_key_figures_and_filters() -> None:
    at = run_app()
    assert metrics(at) == {
        "Proje": "5",
        "İl": "25",
        "Pilot ilçe": "19",
        "Pilot birim": "43",
        "Çıktı kalemi": "54 / 62",
        "Çıktı adedi": "75 / 141",
    }
    at.multiselect(key="f_project").set_value(["civil_oversight"]).run()
    at.multiselect(key="f_phase").set_value(["II"]).run()
    assert_healthy(at)
    shown = metrics(at)
    assert shown["Pilot birim"] == "9" and shown["Pilot ilçe"] == "9"
    # Phase II's places have no deliverable item in the sources: no "0 / 0" cards.
    assert "Çıktı adedi" not in shown and "Çıktı kalemi" not in shown
    assert any("çıktı kalemi sıralamıyor" in c.value for c in at.caption)
    table = at.dataframe[0].value
    assert len(table) == 9


def test_province_and_status_filters() -> None:
    at = run_app(province="TUR034")
    assert metrics(at)["Pilot birim"] == "6"
    at.multiselect(key="f_status").set_value(["completed"]).run()
    assert metrics(at)["Pilot birim"] == "1"  # Beşiktaş is İstanbul's only reported pilot
    at.button[0].click().run()  # "Filtreleri temizle" is the first button
    assert metrics(at)["Pilot birim"] == "43"


def test_language_switch_changes_labels() -> None:
    at = run_app()
    assert at.title[0].value == "Proje portföyü bir bakışta"
    at.radio(key="lang").set_value("en").run()
    assert_healthy(at)
    assert at.title[0].value == "The project portfolio at a glance"
    assert "Pilot units" in metrics(at)
    assert "Project" in at.dataframe[0].value.columns
    assert at.query_params["lang"] == "en"


def test_url_restores_a_view() -> None:
    at = run_app(page="project", p="ekosep", lang="en", unit="TUR063")
    assert_healthy(at)
    assert at.title[0].value == "EKOSEP"
    assert at.selectbox(key="project_page").value == "ekosep"
    assert metrics(at)["Pilot units"] == "4"
    assert any("Şanlıurfa" in m.value for m in at.markdown)
    assert at.query_params["p"] == "ekosep" and at.query_params["unit"] == "TUR063"


def test_unknown_url_values_are_dropped() -> None:
    at = run_app(page="nope", project="civil_oversight,<script>", unit="TUR999")
    assert_healthy(at)
    assert at.radio(key="page").value == "overview"
    assert at.multiselect(key="f_project").value == ["civil_oversight"]
    assert "unit" not in at.query_params


def test_project_without_mapped_units_still_has_a_page() -> None:
    at = run_app(page="project", p="migration_ngo")
    assert_healthy(at)
    # A national-scope page: one note, the stated figures, no warning, banners or zeros.
    assert not at.warning and not at.info
    assert any("Ulusal kapsamlı proje" in c.value for c in at.caption)
    assert metrics(at) == {
        "Başlangıç döneminden sonraki faaliyetler": "10 faaliyet",
        "Proje süresi": "24 ay",
    }
    assert "Göreme Caddesi 1/9" in " ".join(m.value for m in at.markdown)
    public = run_app(page="project", p="public_ngo_cooperation", lang="en")
    shown = metrics(public)
    assert shown["Public staff trained"] == "1,500 public staff"
    assert shown["Took part in civil society days"] == "2,000 participants"
    assert not any(v.startswith("0") for v in shown.values())
    assert not any("filtered units" in c.value for c in public.caption)
    texts = " ".join(m.value for m in at.markdown)
    assert "Kapanış etkinliği" in texts or any(
        "Kapanış" in str(df.value.to_dict()) for df in at.dataframe
    )


def test_search_selects_a_unit() -> None:
    at = run_app()
    at.text_input(key="search").input("sahinbey").run()
    at.button(key="hit_TUR027007").click().run()
    assert_healthy(at)
    assert at.session_state["unit"] == "TUR027007"
    assert any("Şahinbey" in m.value for m in at.markdown)
    assert at.query_params["unit"] == "TUR027007"


def test_indicators_page_classifications() -> None:
    at = run_app(page="indicators", ind="sege2017_score", scheme="natural", k="4")
    assert_healthy(at)
    assert at.selectbox(key="ind_series").value == "sege2017_score"
    assert at.radio(key="scheme").value == "natural"
    at.selectbox(key="ind_series").set_value("pop_district").run()
    assert_healthy(at)
    assert at.session_state["indicator"] == "pop_2025_district"  # the latest year first
    assert at.radio(key="scheme").options == [
        "Eşit sayılı (çeyreklik/beşlik)",
        "Doğal kırılmalar (Jenks)",
    ]


def test_data_page_offers_downloads_and_validation_report() -> None:
    at = run_app(page="data", lang="en")
    assert_healthy(at)
    assert any("Registry validated: 5 projects" in s.value for s in at.success)


def test_bundled_data_is_only_the_starting_point(tmp_path: Path, monkeypatch, app_store) -> None:
    """After initialisation the store serves the registry: edits of data/ change nothing."""
    for name in ("projects.yaml", "sites.csv", "deliverables.csv", "vocabulary.yaml"):
        shutil.copy(DATA_DIR / name, tmp_path / name)
    monkeypatch.setenv("PILOT_ATLAS_DATA_DIR", str(tmp_path))
    at = run_app(page="overview", lang="en")
    assert metrics(at)["Pilot units"] == "43"
    sites = tmp_path / "sites.csv"
    sites.write_text(sites.read_text(encoding="utf-8").replace("TUR034019", "TUR034999"), "utf-8")
    at.run()
    assert not at.exception and not at.error
    assert metrics(at)["Pilot units"] == "43"


def test_broken_bundled_registry_in_an_empty_store_is_explained(
    tmp_path: Path, monkeypatch
) -> None:
    for name in ("projects.yaml", "sites.csv", "deliverables.csv", "vocabulary.yaml"):
        shutil.copy(DATA_DIR / name, tmp_path / name)
    sites = tmp_path / "sites.csv"
    sites.write_text(sites.read_text(encoding="utf-8").replace("TUR034019", "TUR034999"), "utf-8")
    monkeypatch.setenv("PILOT_ATLAS_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("PILOT_ATLAS_DATABASE_URL", f"sqlite:///{tmp_path / 'v' / 'a.sqlite'}")
    at = run_app(page="overview", lang="en")
    assert not at.exception
    assert any("Proje kaydı yüklenemedi" in e.value for e in at.error)
    problems = next(df.value for df in at.dataframe)
    assert "TUR034999" in " ".join(problems.astype(str).to_numpy().ravel())
