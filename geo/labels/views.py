"""Labels of the place profile, the who-does-what-where matrix, time and targets."""

from __future__ import annotations

LABELS: dict[str, tuple[str, str]] = {
    "page_place": ("Yer profili", "Place profile"),
    "page_matrix": ("Kim nerede ne yapıyor", "Who does what where"),
    # institution filters
    "filter_implementer": ("Uygulayıcı", "Implementer"),
    "filter_funder": ("Fon sağlayıcı", "Funder"),
    "filter_beneficiary": ("Yararlanıcı kurum", "Beneficiary institution"),
    # place profile
    "place_choose": ("İl veya ilçe seçin", "Choose a province or district"),
    "place_none": (
        "Bir il ya da ilçe seçin: haritada tıklayın, arayın ya da aşağıdan seçin.",
        "Choose a province or district: click it on a map, search for it or pick it below.",
    ),
    "place_open": ("Yer profilini aç", "Open the place profile"),
    "place_here": ("Bu birimdeki proje aşamaları", "Project phases in this unit"),
    "place_none_here": (
        "Bu birimde kayıtlı proje aşaması yok.",
        "No project phase is recorded in this unit.",
    ),
    "place_in_districts": (
        "İlçelerindeki proje aşamaları",
        "Project phases in its districts",
    ),
    "place_in_province": (
        "İl düzeyindeki proje aşamaları (ilçeyi de kapsar)",
        "Province-level project phases (they cover the district too)",
    ),
    "place_deliverables": ("Çıktılar ve durumları", "Deliverables and their status"),
    "place_no_deliverables": (
        "Bu yer için kaynaklarda çıktı bildirilmemiş.",
        "The sources report no deliverables for this place.",
    ),
    "place_indicators": ("Göstergeler", "Indicators"),
    "place_map": ("Konum ve komşuları", "Location and neighbours"),
    "place_map_help": (
        "Komşu bir birime tıklayınca onun profili açılır.",
        "Click a neighbouring unit to open its profile.",
    ),
    "place_sources": ("Kaynaklar", "Sources"),
    "place_filtered": (
        "Kenar çubuğu filtreleri uygulanıyor: {filters}",
        "Sidebar filters apply: {filters}",
    ),
    "place_province_link": ("İlin profili: {name}", "Province profile: {name}"),
    "place_kf_projects": ("Proje", "Projects"),
    "place_kf_phases": ("Buradaki proje aşaması", "Project phases here"),
    "place_kf_related_province": ("İlçelerindeki aşama", "Phases in its districts"),
    "place_kf_related_district": ("İl düzeyindeki aşama", "Province-level phases"),
    "place_compare": ("Başka bir yerle karşılaştır", "Compare with another place"),
    "place_compare_none": ("Karşılaştırma yok", "No comparison"),
    "place_compare_title": ("Karşılaştırma: {a} ve {b}", "Comparison: {a} and {b}"),
    "place_difference": ("Fark ({a} − {b})", "Difference ({a} − {b})"),
    "place_pdf": ("Tek sayfalık özet (PDF)", "One-page summary (PDF)"),
    "place_export_sites": ("Proje aşamaları (CSV)", "Project phases (CSV)"),
    "place_export_xlsx": ("Profil tabloları (XLSX)", "Profile tables (XLSX)"),
    "place_export_indicators": ("Göstergeler (CSV)", "Indicators (CSV)"),
    "place_where": ("Yer", "Place"),
    "profile_tier_official": ("Kademe {tier} (resmî)", "Tier {tier} (official)"),
    "profile_quintile": ("{q}. beşte birlik dilim", "Quintile {q} of 5"),
    "col_rank_national": ("Ülke sırası", "National rank"),
    "col_tier": ("Kademe / dilim", "Tier / quintile"),
    "col_national_ref": ("Ülke: medyan (en düşük – en yüksek)", "National: median (min – max)"),
    "col_provincial_ref": (
        "İl içi: medyan (en düşük – en yüksek)",
        "Within the province: median (min – max)",
    ),
    "data_changed": ("Veri son değişiklik: {when}", "Data last changed: {when}"),
    "data_changed_both": (
        "Kayıt dosyaları: {files}; uygulamadaki son değişiklik: {log}",
        "Registry files: {files}; last change in the app: {log}",
    ),
    # matrix
    "matrix_title": ("Kim nerede ne yapıyor", "Who does what where"),
    "matrix_caption": (
        "Hücrede üstte birim sayısı, altta çıktı kalemi. Adetler için hücrenin üzerine gelin; "
        "tıklayınca o projeyle süzülmüş yer profili açılır.",
        "Each cell: units on top, deliverable items below. Hover for quantities; click to open "
        "the place profile filtered to that project.",
    ),
    "matrix_rows": ("Satırlar", "Rows"),
    "matrix_rows_project": ("Projeler × iller", "Projects × provinces"),
    "matrix_rows_province": ("İller × projeler", "Provinces × projects"),
    "matrix_sort": ("Sıralama", "Order"),
    "matrix_sort_name": ("Ada göre", "By name"),
    "matrix_sort_total": ("Birim sayısına göre", "By number of units"),
    "matrix_total": ("Toplam", "Total"),
    "matrix_cell_hover": (
        "{units} birim, {items} çıktı kalemi, {quantity} çıktı adedi",
        "{units} units, {items} deliverable items, quantity {quantity}",
    ),
    "matrix_table": ("Hücreler tablo olarak", "The cells as a table"),
    "matrix_table_help": (
        "Sütun başlığına tıklayarak sıralayın; bir satır seçince ilin profili açılır.",
        "Click a header to sort; select a row to open the province's profile.",
    ),
    "matrix_empty": (
        "Bu filtrelerle eşleşen pilot birim yok.",
        "No pilot unit matches these filters.",
    ),
    "matrix_unmapped": (
        "Haritada birimi olmayan projeler (kaynaklar birim adlandırmıyor): {names}",
        "Projects without mapped units (the sources name no units): {names}",
    ),
    "col_units": ("Birim", "Units"),
    "col_sites": ("Proje-aşama-birim", "Project-phase-units"),
    "col_districts_n": ("İlçe", "Districts"),
    "col_units_list": ("Birim adları", "Units named"),
    "col_province_pcode": ("İl P-kodu", "Province P-code"),
    "filter_line": ("Filtreler: {filters}", "Filters: {filters}"),
    # time
    "year_control": ("Yıl", "Year"),
    "year_all": ("Tüm yıllar", "All years"),
    "year_help": (
        "Yalnızca kaynaktaki tarihlerine göre o yıl yürüyen proje aşamalarını gösterir. "
        "Tarihi belirtilmemiş aşamalar hiçbir yıla yerleştirilmez.",
        "Shows only the project phases whose stated dates place them in that year. "
        "Phases with unstated dates are never placed on a year.",
    ),
    "year_running": ("{year} yılında yürüyen: {names}", "Running in {year}: {names}"),
    "year_running_none": (
        "{year} yılına tarihlenmiş proje aşaması yok.",
        "No project phase is dated to {year}.",
    ),
    "year_not_placed": (
        "Tarihi eksik olduğu için tam yerleştirilemeyen aşamalar: {names}",
        "Phases not fully placed because their dates are not stated: {names}",
    ),
    "year_start_unstated": ("başlangıç belirtilmemiş", "start not stated"),
    "year_end_unstated": ("bitiş belirtilmemiş", "end not stated"),
    "year_both_unstated": ("tarih belirtilmemiş", "dates not stated"),
    "scene_year": ("{year} yılı", "The year {year}"),
    # targets
    "targets_title": ("Hedefler ve sonuçlar", "Targets and results"),
    "targets_caption": (
        "Kaynakların belirttiği çıktılar; hedef ya da gerçekleşen rakamı olmayanlar "
        '"belirtilmemiş" kalır.',
        "Outputs as the sources state them; a missing target or achieved figure stays "
        '"not stated".',
    ),
    "col_output": ("Çıktı", "Output"),
    "col_target": ("Hedef", "Target"),
    "col_achieved": ("Gerçekleşen", "Achieved"),
    "col_progress": ("İlerleme", "Progress"),
    "col_quote": ("Kaynaktaki ifade", "Source wording"),
    "not_stated_short": ("belirtilmemiş", "not stated"),
}
LABELS.update(
    {
        "source_line_no": ("satır", "line"),
        "targets_none": (
            "Bu projeler için kaynaklarda rakamla belirtilmiş çıktı yok.",
            "The sources state no output figures for these projects.",
        ),
    }
)
LABELS.update(
    {
        "place_projects_phases": (
            "Projeler ve aşamalar (burada ve ilgili birimlerde)",
            "Projects and phases (here and in related units)",
        ),
        "pdf_truncated": (
            "Sayfaya sığmayan satırlar için ekrandaki profile ve CSV/XLSX dosyalarına bakın.",
            "Rows that did not fit the page are in the on-screen profile and the CSV/XLSX files.",
        ),
    }
)
