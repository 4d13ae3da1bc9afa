"""Labels of the data page: source documents by title, publisher and date, and the
change log in words (``geo.sources``, ``geo.changelog_text``)."""

from __future__ import annotations

LABELS: dict[str, tuple[str, str]] = {
    "col_title": ("Başlık", "Title"),
    "col_publisher": ("Yayımlayan", "Publisher"),
    "col_date": ("Tarih", "Date"),
    "col_cited_by": ("Dayanan projeler", "Projects citing it"),
    "source_publisher_unknown": ("Yayımlayan belirtilmemiş", "Publisher not stated"),
    "sources_md_download": (
        "Gösterge kaynak notları (SOURCES.md, İngilizce)",
        "Indicator source notes (SOURCES.md)",
    ),
    # change log in words
    "recent_changes": ("Son değişiklikler", "Recent changes"),
    "recent_changes_caption": (
        "Düzenleyicilerin uygulamada yaptığı değişiklikler, en yenisi üstte. Tamamı Veri "
        "yönetimi sayfasında.",
        "Changes editors made in the app, newest first. All of them on the Data management page.",
    ),
    "changelog_no": ("No", "No."),
    "changelog_when": ("Ne zaman", "When"),
    "changelog_who": ("Kim", "Who"),
    "changelog_what": ("Ne yaptı", "What"),
    "changelog_state": ("Durum", "State"),
    "changelog_state_active": ("Geçerli", "In effect"),
    "changelog_state_undone": ("#{n} ile geri alındı", "Undone by #{n}"),
    "changelog_role_editor": ("düzenleyici", "editor"),
    "changelog_role_viewer": ("izleyici", "viewer"),
    "changelog_unknown_user": ("Bilinmeyen kullanıcı", "Unknown user"),
    "changelog_unknown_project": ("Kayıtta olmayan proje", "A project no longer registered"),
    "changelog_unknown_place": ("bilinmeyen yer", "an unknown place"),
    "changelog_status_sentence": (
        "{where}, {place}: «{deliverable}» çıktısının durumu «{old}» iken «{new}» yapıldı.",
        "{where}, {place}: status of “{deliverable}” changed from “{old}” to “{new}”.",
    ),
    "changelog_apply_sentence": (
        "Kayıt tabloları Excel ile güncellendi: {parts}.",
        "Registry tables updated via Excel: {parts}.",
    ),
    "changelog_apply_part": (
        "{file} {added} eklenen, {removed} silinen, {changed} değişen kayıt",
        "{file} {added} added, {removed} removed, {changed} changed records",
    ),
    "changelog_file_sites": ("pilot birimler tablosunda", "pilot units table:"),
    "changelog_file_deliverables": ("çıktı kalemleri tablosunda", "deliverable items table:"),
    "changelog_file_other": ("bir kayıt tablosunda", "a registry table:"),
    "changelog_undo_sentence": ("#{n} geri alındı: {what}", "Undid #{n}: {what}"),
    "changelog_undo_generic": ("Bir değişiklik geri alındı.", "A change was undone."),
    "changelog_indicator_saved": (
        "«{name}» göstergesi kaydedildi ({n} {level}).",
        "Indicator “{name}” saved ({n} {level}).",
    ),
    "changelog_indicator_replaced": (
        "«{name}» göstergesi yenisiyle değiştirildi ({n} {level}).",
        "Indicator “{name}” replaced ({n} {level}).",
    ),
    "changelog_indicator_deleted": (
        "«{name}» göstergesi silindi.",
        "Indicator “{name}” deleted.",
    ),
    "changelog_values_province": ("il değeri", "province values"),
    "changelog_values_district": ("ilçe değeri", "district values"),
}
