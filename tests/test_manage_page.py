"""Data management: the manage page through app.py (AppTest) and its pure helpers."""

from __future__ import annotations

import io
import re
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from geo import indicators, user_catalog
from geo.auth import hash_password
from geo.manage import indicator_meta, preview_registry, preview_values, report_counts
from geo.registry import load_registry
from geo.registry_edit import read_csv_bytes, read_registry_xlsx, registry_template_xlsx
from geo.store import Store, changelog_frame
from geo.store.indicators import (
    UserIndicatorMeta,
    delete_indicator,
    list_indicators,
    save_indicator,
)
from geo.store.registry_ops import (
    current_files,
    snapshot,
    update_deliverable_status,
)
from geo.upload import match_keys, read_table
from geo.views import unit_detail
from tests.test_app import APP, metrics

PASSWORD = "doğru-parola"
EDITORS = {"ayse": hash_password(PASSWORD, 1000)}
WRITE = {"user": "ayse", "role": "editor"}
XSS = "<img src=x onerror=alert(1)>"


@pytest.fixture
def stores(app_store: Store) -> Store:
    """A fresh store initialised from the bundled registry, used by the app."""
    return app_store


def changelog(store: Store) -> pd.DataFrame:
    """The log without the initial version, newest first."""
    log = changelog_frame(store)
    return log[log["action"] != "init"].reset_index(drop=True)


def deliverables_bytes(store: Store) -> bytes:
    return current_files(store)["deliverables.csv"]


def done_deliverable(store: Store) -> tuple[str, str, str, str]:
    """A completed single (quantity 1) deliverable of the store's registry."""
    frame = read_csv_bytes(deliverables_bytes(store))
    row = frame[(frame["status"] == "completed") & (frame["quantity"] == "1")].iloc[-1]
    return (row["project"], row["phase"], row["pcode"], row["deliverable"])


def app(*, editors: dict | None = None, secrets: bool = True, **params: str) -> AppTest:
    """The app; ``secrets=False`` leaves st.secrets to the (usually absent) secrets file."""
    at = AppTest.from_file(APP, default_timeout=60)
    if editors is not None:
        at.secrets["editors"] = editors
    elif secrets:
        at.secrets["general"] = {"placeholder": "no editors table"}
    for key, value in params.items():
        at.query_params[key] = value
    return at.run()


def healthy(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]


def login(at: AppTest, user: str = "ayse", password: str = PASSWORD) -> AppTest:
    at.text_input(key="login_user").input(user)
    at.text_input(key="login_password").input(password)
    return at.button(key="login_submit").click().run()


def editor_app(**params: str) -> AppTest:
    at = login(app(editors=EDITORS, page="manage", **params))
    healthy(at)
    assert at.session_state["role"] == "editor"
    return at


def save_sample_indicator(var: Store, **changes: object) -> UserIndicatorMeta:
    meta = {
        "id": "goc_orani",
        "label_tr": "Göç oranı",
        "label_en": "Migration rate",
        "unit": "‰",
        "level": "province",
        "year": 2024,
        "source": "Valilik",
        "higher_is_better": False,
        **changes,
    }
    values = pd.Series({"TUR006": 1.5, "TUR034": -2.0, "TUR027": 3.25})
    return save_indicator(var, UserIndicatorMeta(**meta), values, **WRITE)  # type: ignore[arg-type]


def button_labels(at: AppTest) -> list[str]:
    return [b.label for b in at.button]


def markdown_bodies(at: AppTest) -> list[tuple[str, bool]]:
    """(text, raw HTML allowed) of every element whose text is rendered as markdown."""
    bodies = []
    for kind in ("markdown", "caption", "success", "info", "warning", "error", "subheader"):
        for element in at.get(kind):
            allow = bool(getattr(element.proto, "allow_html", False))
            bodies.append((str(element.value), allow))
    bodies += [(str(h.proto.body), True) for h in at.get("html")]
    return bodies


# --------------------------------------------------------------------------- viewers


def test_viewer_without_editor_accounts_gets_setup_help(stores) -> None:
    at = app(page="manage")
    healthy(at)
    assert at.radio(key="page").value == "manage"
    assert any("secrets.toml.example" in i.value for i in at.info)
    assert not at.file_uploader
    assert not at.get("download_button")
    assert "Değişiklikleri uygula" not in button_labels(at)


def test_page_without_a_secrets_file_does_not_crash(stores) -> None:
    at = app(secrets=False, page="manage")
    healthy(at)
    assert not at.file_uploader


def test_viewer_sees_lists_but_no_controls(stores) -> None:
    var = stores
    save_sample_indicator(var)
    at = app(editors=EDITORS, page="manage")
    healthy(at)
    assert at.text_input(key="login_user") is not None  # the sign-in form
    assert not at.file_uploader
    for label in ("Değişiklikleri uygula", "Sil", "Son değişikliği geri al", "Durumu güncelle"):
        assert label not in button_labels(at)
    shown = [str(df.value.to_dict()) for df in at.dataframe]
    assert any("goc_orani" in s for s in shown)  # the user indicator list
    # the log, in words: "«Göç oranı» göstergesi kaydedildi (… il değeri)."
    assert any("göstergesi kaydedildi" in s for s in shown)
    assert not any("indicator_save" in s or "None" in s for s in shown)


def test_editor_login_needs_the_right_password(stores) -> None:
    at = login(app(editors=EDITORS, page="manage"), password="yanlış")
    assert not at.exception
    assert any("hatalı" in e.value for e in at.error)
    assert "role" not in at.session_state
    assert not at.file_uploader
    at = login(at)
    healthy(at)
    assert at.session_state["role"] == "editor"
    assert len(at.file_uploader) == 2  # indicator upload and registry workbook
    at.button(key="logout").click().run()
    healthy(at)
    assert "role" not in at.session_state
    assert not at.file_uploader


def test_unknown_user_is_refused(stores) -> None:
    at = login(app(editors=EDITORS, page="manage"), user="mehmet")
    assert any("hatalı" in e.value for e in at.error)
    assert "role" not in at.session_state


# --------------------------------------------------------------------------- user indicators


def test_saved_user_indicator_is_offered_on_the_indicators_page(stores) -> None:
    var = stores
    save_sample_indicator(var)
    at = app(page="indicators")
    healthy(at)
    box = at.selectbox(key="ind_series")
    assert box.options[-1] == "Göç oranı (kullanıcı)"
    assert box.value == "sege2022_score"  # bundled default unchanged
    box.set_value("goc_orani").run()
    healthy(at)
    captions = " ".join(c.value for c in at.caption)
    assert "Valilik" in captions and "Kullanıcı verisi" in captions
    at.radio(key="lang").set_value("en").run()
    healthy(at)
    assert "Migration rate (user)" in at.selectbox(key="ind_series").options


def test_user_indicator_link_restores_it(stores) -> None:
    var = stores
    save_sample_indicator(var)
    at = app(page="indicators", ind="goc_orani")
    healthy(at)
    assert at.selectbox(key="ind_series").value == "goc_orani"


def test_deleted_user_indicator_falls_back_to_the_default(stores) -> None:
    var = stores
    save_sample_indicator(var)
    at = app(page="indicators")
    at.selectbox(key="ind_series").set_value("goc_orani").run()
    delete_indicator(var, "goc_orani", **WRITE)
    at.run()
    healthy(at)
    assert at.selectbox(key="ind_series").value == "sege2022_score"


def _upload_csv(at: AppTest, text: str, name: str = "goc.csv") -> AppTest:
    return at.file_uploader(key="indicator_upload_0").set_value((name, text.encode(), "text/csv"))


def _text_key(at: AppTest, prefix: str) -> str:
    return next(w.key for w in at.text_input if w.key and w.key.startswith(prefix))


def test_upload_reports_matches_before_saving(stores) -> None:
    var = stores
    at = editor_app()
    csv = "İl;Değer\nAnkara;1,5\nİstanbul;2,5\nGaziantep;abc\nAnkra;4\nİzmir;5\nİzmir;6\n"
    _upload_csv(at, csv).run()
    healthy(at)
    assert metrics(at) == {
        "Eşleşen": "5",
        "Eşleşmeyen": "1",
        "Belirsiz": "0",
        "Yinelenen": "1",
        "Sayı değil": "1",
    }
    issues = next(df.value for df in at.dataframe if "Sorun" in df.value.columns)
    assert set(issues["Sorun"]) >= {"Eşleşmedi", "Sayı değil", "Yinelenen satır (yok sayıldı)"}
    assert "Ankara" in " ".join(issues["Ayrıntı / öneri"])  # suggestion for "Ankra"
    assert list_indicators(var) == []  # nothing saved yet
    save = at.button(key="save_indicator")
    assert save.disabled  # no label yet
    at.text_input(key=_text_key(at, "up_label_tr_")).input("Göç oranı").run()
    at.button(key="save_indicator").click().run()
    healthy(at)
    assert any("Kaydedildi" in s.value for s in at.success)
    (meta,) = list_indicators(var)
    assert (meta.id, meta.level, meta.created_by) == ("goc_orani", "province", "ayse")
    assert at.file_uploader(key="indicator_upload_1").value is None  # emptied after saving


def test_upload_error_is_a_message_not_a_traceback(stores) -> None:
    at = editor_app()
    at.file_uploader(key="indicator_upload_0").set_value(
        ("bozuk.csv", b"\x00\x01\x02PK\x00", "text/csv")
    ).run()
    assert not at.exception
    assert any("bozuk" in e.value and "NUL" in e.value for e in at.error)


def test_bundled_ids_cannot_be_overwritten(stores) -> None:
    var = stores
    at = editor_app()
    _upload_csv(at, "il_kodu,deger\n6,1\n34,2\n").run()
    at.text_input(key=_text_key(at, "up_label_tr_")).input("Sahte SEGE")
    at.text_input(key=_text_key(at, "up_id_")).input("sege2022_score")
    at.checkbox(key=next(c.key for c in at.checkbox if c.key.startswith("up_replace_"))).check()
    at.run()
    at.button(key="save_indicator").click().run()
    assert not at.exception
    assert any("bundled indicator" in e.value for e in at.error)
    assert list_indicators(var) == []


def test_replace_needs_the_box_and_delete_works(stores) -> None:
    var = stores
    save_sample_indicator(var)
    at = editor_app()
    _upload_csv(at, "il_kodu,deger\n6,10\n34,20\n").run()
    at.text_input(key=_text_key(at, "up_label_tr_")).input("Göç oranı").run()
    assert any("goc\\_orani" in w.value for w in at.warning)
    at.button(key="save_indicator").click().run()
    assert any("zaten var" in e.value for e in at.error)
    replace = next(c.key for c in at.checkbox if c.key.startswith("up_replace_"))
    at.checkbox(key=replace).check().run()
    at.button(key="save_indicator").click().run()
    healthy(at)
    assert user_catalog.values_any("goc_orani", var).to_dict() == {"TUR006": 10.0, "TUR034": 20.0}
    at.selectbox(key="delete_indicator").set_value("goc_orani")
    at.checkbox(key="delete_sure_goc_orani").check().run()
    at.button(key="delete_button").click().run()
    healthy(at)
    assert list_indicators(var) == []


def test_user_text_is_never_rendered_as_html(stores) -> None:
    var = stores
    at = editor_app()
    _upload_csv(at, "il_kodu,deger\n6,1\n34,2\n").run()
    at.text_input(key=_text_key(at, "up_label_tr_")).input(XSS)
    at.text_input(key=_text_key(at, "up_source_")).input(f"**{XSS}**")
    at.text_input(key=_text_key(at, "up_id_")).input("xss_test").run()
    at.button(key="save_indicator").click().run()
    healthy(at)
    assert list_indicators(var)[0].label_tr == XSS
    assert any("\\<img" in body for body, _ in markdown_bodies(at))  # shown, escaped
    pages = [at]
    pages.append(app(editors=EDITORS, page="indicators"))
    pages[-1].selectbox(key="ind_series").set_value("xss_test").run()
    pages.append(app(page="data"))
    pages.append(app(page="manage"))
    for page in pages:
        healthy(page)
        for body, allow_html in markdown_bodies(page):
            assert not (allow_html and "<img" in body), body
            assert not re.search(r"(?<!\\)<img", body), body
    # Shown, as text, where the label belongs.
    assert f"{XSS} (kullanıcı)" in pages[1].selectbox(key="ind_series").options
    assert any(XSS in str(df.value.to_dict()) for df in pages[3].dataframe)


# --------------------------------------------------------------------------- statuses


def test_status_override_changes_key_figures_everywhere(stores) -> None:
    var = stores
    before = deliverables_bytes(var)
    key = done_deliverable(var)
    completed_on_project_page = _completed_on_project_page(key[0])
    at = app()
    assert metrics(at)["Çıktı adedi"] == "75 / 141"
    update_deliverable_status(var, key, "planned", **WRITE)
    at.run()
    healthy(at)
    assert metrics(at)["Çıktı adedi"] == "74 / 141"
    assert _completed_on_project_page(key[0]) == completed_on_project_page - 1
    assert deliverables_bytes(var) == before  # an overlay, not an edit


def _completed_on_project_page(project: str) -> int:
    """Deliverables shown as completed in the project page's tables."""
    at = app(page="project", p=project)
    healthy(at)
    return sum(
        int((df.value["Durum"] == "Tamamlandı").sum())
        for df in at.dataframe
        if "Durum" in df.value.columns and "Çıktı" in df.value.columns
    )


def test_status_form_and_undo_on_the_page(stores) -> None:
    var = stores
    project, phase, pcode, deliverable = done_deliverable(var)
    at = editor_app()
    at.selectbox(key="status_project").set_value(project).run()
    at.selectbox(key=f"status_unit_{project}").set_value((phase, pcode)).run()
    at.selectbox(key=f"status_deliverable_{project}_{phase}_{pcode}").set_value(deliverable).run()
    at.selectbox(key=f"status_new_{project}_{phase}_{pcode}_{deliverable}").set_value(
        "in_progress"
    ).run()
    at.button(key="status_update").click().run()
    healthy(at)
    log = changelog(var)
    assert list(log["action"]) == ["status"] and log.at[0, "user"] == "ayse"
    at.radio(key="page").set_value("overview").run()
    assert metrics(at)["Çıktı adedi"] == "74 / 141"
    at.radio(key="page").set_value("manage").run()
    at.button(key="undo_button").click().run()
    healthy(at)
    at.radio(key="page").set_value("overview").run()
    assert metrics(at)["Çıktı adedi"] == "75 / 141"


# --------------------------------------------------------------------------- registry


def _edited_template(registry, edit) -> bytes:
    workbook = openpyxl.load_workbook(io.BytesIO(registry_template_xlsx(registry)))
    edit(workbook)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _set_status(workbook, value: str = "in_progress") -> None:
    sheet = workbook["deliverables"]
    header = [c.value for c in sheet[1]]
    sheet.cell(row=2, column=header.index("status") + 1, value=value)


def _break_pcode(workbook) -> None:
    sheet = workbook["sites"]
    header = [c.value for c in sheet[1]]
    sheet.cell(row=3, column=header.index("pcode") + 1, value="TUR999999")


def test_registry_round_trip_preview_apply_and_undo(stores) -> None:
    var = stores
    before = deliverables_bytes(var)
    at = editor_app()
    template = at.get("download_button")
    assert any(b.proto.label == "Excel şablonunu indir" for b in template)
    workbook = _edited_template(snapshot(var).base, _set_status)
    at.file_uploader(key="registry_upload_0").set_value(("kayit.xlsx", workbook, "x")).run()
    healthy(at)
    assert any("Dosya geçerli" in s.value for s in at.success)
    diff = next(df.value for df in at.dataframe if "Alan" in df.value.columns)
    assert diff.iloc[0]["Alan"] == "status" and diff.iloc[0]["Yeni"] == "in_progress"
    assert deliverables_bytes(var) == before  # nothing written yet
    apply = at.button(key="registry_apply")
    assert not apply.disabled
    apply.click().run()
    healthy(at)
    assert deliverables_bytes(var) != before
    assert any("Uygulandı" in s.value for s in at.success)
    at.radio(key="page").set_value("overview").run()
    assert metrics(at)["Çıktı adedi"] == "74 / 141"  # registry reloaded
    at.radio(key="page").set_value("manage").run()
    at.button(key="undo_button").click().run()
    healthy(at)
    assert deliverables_bytes(var) == before


def test_invalid_workbook_cannot_be_applied(stores) -> None:
    var = stores
    at = editor_app()
    workbook = _edited_template(snapshot(var).base, _break_pcode)
    at.file_uploader(key="registry_upload_0").set_value(("kayit.xlsx", workbook, "x")).run()
    assert not at.exception
    assert any("1 sorun" in e.value for e in at.error)
    report = next(df.value for df in at.dataframe if "Sorun" in df.value.columns)
    assert report.iloc[0].to_dict() == {  # the report speaks the page's language
        "Dosya": "sites.csv",
        "Satır": 3,
        "Alan": "pcode",
        "Sorun": "bilinmeyen P-kodu 'TUR999999'",
    }
    assert at.button(key="registry_apply").disabled


def test_undo_refusal_is_explained(stores) -> None:
    """An editor picks #2; a later change builds on it: the page says so and changes nothing."""
    var = stores
    key = done_deliverable(var)
    first = update_deliverable_status(var, key, "planned", **WRITE)
    at = editor_app()
    assert at.selectbox(key="undo_pick").value == first
    update_deliverable_status(var, key, "in_progress", user="mehmet", role="editor")
    at.button(key="undo_button").click().run()
    assert not at.exception
    assert any(f"#{first} geri alınamadı" in e.value for e in at.error)
    assert list(changelog(var)["action"]) == ["status", "status"]


def test_english_page_renders(stores) -> None:
    at = editor_app(lang="en")
    healthy(at)
    assert at.title[0].value == "Data management"
    assert [t.label for t in at.tabs] == [
        "User indicators",
        "Registry (Excel)",
        "Deliverable status",
        "Change log",
    ]


# --------------------------------------------------------------------------- pure helpers


def test_preview_registry_validates_and_diffs_without_writing(registry_dir: Path) -> None:
    files = {p.name: p.read_bytes() for p in registry_dir.iterdir()}
    registry = load_registry(registry_dir)
    before = (registry_dir / "deliverables.csv").read_bytes()
    tables = read_registry_xlsx(_edited_template(registry, _set_status), "k.xlsx")
    preview = preview_registry(files, tables)
    assert preview.issues == [] and preview.can_apply
    assert preview.counts("deliverables") == {"added": 0, "removed": 0, "changed": 1}
    assert preview.counts("sites") == {"added": 0, "removed": 0, "changed": 0}
    assert (registry_dir / "deliverables.csv").read_bytes() == before
    same = read_registry_xlsx(_edited_template(registry, lambda wb: None), "k.xlsx")
    assert not preview_registry(files, same).can_apply
    broken = read_registry_xlsx(_edited_template(registry, _break_pcode), "k.xlsx")
    result = preview_registry(files, broken)
    assert not result.can_apply and result.issues[0].row == 3
    empty = preview_registry(files, {**same, "sites": pd.DataFrame()})
    assert empty.issues and not empty.can_apply


def test_report_helpers_and_meta() -> None:
    parsed = read_table(b"il_kodu;deger\n6;1,5\n34;x\n99;2\n", "a.csv")
    report = match_keys(parsed.frame, "il_kodu", ["il_kodu"], "deger")
    assert report_counts(report) == {
        "matched": 2,
        "unmatched": 1,
        "ambiguous": 0,
        "duplicates": 0,
        "non_numeric": 1,
        "missing": 0,
        "mixed_levels": 0,
    }
    values = preview_values(report)
    assert len(values) == 81 and values["TUR006"] == 1.5 and values.isna().sum() == 80
    meta = indicator_meta(label_tr=" Göç oranı ", label_en="", level="province", direction="lower")
    assert (meta.id, meta.label_en, meta.higher_is_better) == ("goc_orani", "Göç oranı", False)


def test_user_catalog_values_and_unit_detail(stores, registry) -> None:
    var = stores
    assert user_catalog.user_catalog(store=var) == {}
    save_sample_indicator(var, year=None, source="")
    save_sample_indicator(var, id="sayim", label_tr="Sayım", level="province", unit="kişi")
    merged = user_catalog.catalog_with_user("en", var)
    assert list(merged)[: len(indicators.catalog())] == list(indicators.catalog())
    user = merged["goc_orani"]
    assert user.user and user.label("en") == "Migration rate (user)"
    assert user.kind == "score" and user.higher_is_better is False
    assert user.citation("en") == "Source not given — User data"  # no year: none shown
    assert user_catalog.values_any("goc_orani", var)["TUR027"] == 3.25
    assert user_catalog.values_any("sege2022_score").equals(indicators.values("sege2022_score"))
    with pytest.raises(KeyError):
        user_catalog.values_any("nope", var)
    assert indicators.catalog()["sege2022_score"].citation("tr").endswith("(2022)")
    detail = unit_detail(registry, "TUR034")  # the app's store (PILOT_ATLAS_DATABASE_URL)
    assert detail["indicators"]["goc_orani"] == -2.0
    assert "goc_orani" not in unit_detail(registry, "TUR034035")["indicators"]


def test_user_catalog_is_read_once_per_store_version(stores, monkeypatch) -> None:
    from geo.store import pin_version

    var = stores
    save_sample_indicator(var)
    calls = []
    real = user_catalog.all_indicators
    monkeypatch.setattr(user_catalog, "all_indicators", lambda s: calls.append(1) or real(s))
    pin_version(var.version())
    try:
        for _ in range(3):
            assert "goc_orani" in user_catalog.user_catalog(store=var)
    finally:
        pin_version(None)
    assert len(calls) <= 1  # none when an earlier test of this process read the version
    delete_indicator(var, "goc_orani", **WRITE)
    assert user_catalog.user_catalog(store=var) == {}  # a new version: read again


def test_unreadable_store_yields_no_user_indicators(tmp_path: Path) -> None:
    from geo.store import Store

    (tmp_path / "atlas.sqlite").write_bytes(b"not a database" * 100)
    broken = Store(f"sqlite:///{tmp_path / 'atlas.sqlite'}")
    assert user_catalog.user_catalog(store=broken) == {}
    assert user_catalog.user_values_at("TUR006", "province", broken) == {}


def test_ambiguous_thousands_are_shown_and_the_other_reading_offered(stores) -> None:
    """467.919 is read as 467919 by default; the editor can switch before saving."""
    var = stores
    at = editor_app()
    _upload_csv(at, "il;Nüfus\nAnkara;467.919\nİzmir;12.345\n", "nufus.csv").run()
    healthy(at)
    radio = next(r for r in at.radio if r.key and r.key.startswith("up_reading_"))
    assert radio.options == ["467919 (binlik ayırıcı)", "467,919 (ondalık)"]

    def shown() -> str:  # the info box's text without Markdown escapes
        return " ".join(i.value.replace("\\", "") for i in at.info)

    assert "467.919 = 467919" in shown()
    radio.set_value(".").run()
    healthy(at)
    assert "467.919 = 467,919" in shown()
    at.text_input(key=_text_key(at, "up_label_tr_")).input("Nüfus").run()
    at.button(key="save_indicator").click().run()
    healthy(at)
    assert user_catalog.values_any("nufus", var).to_dict() == pytest.approx(
        {"TUR006": 467.919, "TUR035": 12.345}
    )


def test_upload_over_a_limit_names_the_limit(stores) -> None:
    at = editor_app()
    wide = "il," + ",".join(f"c{i}" for i in range(250)) + "\nAnkara," + ",".join("1" * 250)
    _upload_csv(at, wide, "genis.csv").run()
    assert not at.exception
    assert any("200 sütun sınırının" in e.value for e in at.error)
