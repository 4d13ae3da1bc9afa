"""User-facing labels in Turkish (default) and English.

Every label, legend, tooltip and table header of the dashboard comes from here, so the
language switch changes all of them at once. ``t(key, lang)`` falls back to the key
itself only for a key that is missing, which ``tests/test_i18n.py`` forbids.
"""

from __future__ import annotations

LANGS = ("tr", "en")

LABELS: dict[str, tuple[str, str]] = {
    # app and navigation
    "app_title": ("Pilot Atlas", "Pilot Atlas"),
    "app_subtitle": (
        "İçişleri Bakanlığı projelerinin pilot il ve ilçeleri",
        "Pilot provinces and districts of Ministry of Interior projects",
    ),
    "page_overview": ("Genel bakış", "Overview"),
    "page_project": ("Proje haritası", "Project map"),
    "page_indicators": ("Göstergeler", "Indicators"),
    "page_data": ("Veri ve kaynaklar", "Data and sources"),
    "navigation": ("Sayfa", "Page"),
    "language": ("Dil", "Language"),
    # filters
    "filters": ("Filtreler", "Filters"),
    "filter_project": ("Proje", "Project"),
    "filter_phase": ("Aşama", "Phase"),
    "filter_province": ("İl", "Province"),
    "filter_status": ("Çıktı durumu", "Deliverable status"),
    "all": ("Tümü", "All"),
    "clear_filters": ("Filtreleri temizle", "Clear filters"),
    # presentation mode and sharing
    "present": ("Sunum modu", "Presentation mode"),
    "present_help": (
        "Projeksiyon için sade görünüm; sahneler arasında ← → tuşlarıyla geçin, Esc ile çıkın.",
        "A clean view for a projector; step through scenes with ← →, leave with Esc.",
    ),
    "scene_start": ("Başlangıç görünümü", "Starting view"),
    "scene_prev": ("Önceki", "Previous"),
    "scene_next": ("Sonraki", "Next"),
    "scene_exit": ("Sunumdan çık", "Leave presentation"),
    "scene_counter": ("Sahne {i} / {n}", "Scene {i} of {n}"),
    "copy_link": ("Bağlantıyı kopyala", "Copy link"),
    "copy_link_help": (
        "Sağ üstteki kopyala simgesiyle bu görünümün bağlantısını kopyalayın.",
        "Use the copy icon at the top right to copy the link to this view.",
    ),
    "export": ("Dışa aktar", "Export"),
    "export_caption": (
        "Ekranda görünen veriler (geçerli filtrelerle).",
        "Exactly what is on screen (current filters).",
    ),
    "export_table_csv": ("Tablo (CSV, Excel uyumlu)", "Table (CSV, Excel-ready)"),
    "export_table_xlsx": ("Tablo (XLSX)", "Table (XLSX)"),
    "export_geojson": ("Pilot birimler (GeoJSON)", "Pilot units (GeoJSON)"),
    "export_png": ("Harita (PNG)", "Map (PNG)"),
    "export_html": ("Çevrimdışı harita (HTML)", "Offline map (HTML)"),
    "export_pdf": ("Brifing (PDF)", "Briefing (PDF)"),
    "search_place": ("İl veya ilçe ara", "Search a province or district"),
    "search_help": (
        "Türkçe karakterli ya da karaktersiz yazabilirsiniz (ör. Şahinbey, sahinbey).",
        "Type with or without Turkish letters (e.g. Şahinbey, sahinbey).",
    ),
    "search_none": ("Eşleşen yer yok", "No matching place"),
    "basemap": ("Çevrimiçi altlık harita", "Online basemap"),
    "basemap_help": (
        "İnternet gerektirir; varsayılan harita çevrimdışı çalışır.",
        "Needs internet; the default map works offline.",
    ),
    "share_link": ("Bu görünümün bağlantısı", "Link to this view"),
    "share_help": (
        "Adres çubuğundaki bağlantı bu görünümü (sayfa, filtreler, seçili birim) yeniden açar.",
        "The link in the address bar reopens this view (page, filters, selected unit).",
    ),
    # key figures
    "kf_projects": ("Proje", "Projects"),
    "kf_provinces": ("İl", "Provinces"),
    "kf_districts": ("Pilot ilçe", "Pilot districts"),
    "kf_sites": ("Pilot birim", "Pilot units"),
    "kf_deliverables": ("Tamamlanan / toplam çıktı", "Deliverables completed / total"),
    # overview
    "overview_title": ("Proje portföyü bir bakışta", "The project portfolio at a glance"),
    "overview_caption": (
        "Her ilçe çizilir; pilot birimler kaç projenin ve aşamanın kapsadığına göre renklenir. "
        "İl düzeyindeki pilotlar il sınırı olarak gösterilir.",
        "Every district is drawn; pilot units are coloured by how many projects and phases "
        "cover them. Province-level pilots are drawn as province outlines.",
    ),
    "legend_coverage": ("Kapsayan proje-aşama sayısı", "Project-phases covering the unit"),
    "legend_not_pilot": ("Pilot değil", "Not a pilot"),
    "legend_province_site": ("İl düzeyinde pilot (sınır)", "Province-level pilot (outline)"),
    "units_table": ("Pilot birimler", "Pilot units"),
    # columns
    "col_project": ("Proje", "Project"),
    "col_phase": ("Aşama", "Phase"),
    "col_level": ("Düzey", "Level"),
    "col_province": ("İl", "Province"),
    "col_district": ("İlçe", "District"),
    "col_pcode": ("P-kodu", "P-code"),
    "col_n_projects": ("Proje sayısı", "Projects"),
    "col_n_phases": ("Proje-aşama sayısı", "Project-phases"),
    "col_projects": ("Projeler", "Projects"),
    "col_phases": ("Proje · aşama", "Project · phase"),
    "col_deliverables_total": ("Çıktı (toplam)", "Deliverables (total)"),
    "col_deliverables_completed": ("Çıktı (tamamlanan)", "Deliverables (completed)"),
    "col_deliverable": ("Çıktı", "Deliverable"),
    "col_quantity": ("Adet", "Quantity"),
    "col_status": ("Durum", "Status"),
    "col_source": ("Kaynak", "Source"),
    "col_note": ("Not", "Note"),
    "col_sege_score": ("SEGE skoru", "SEGE score"),
    "col_sege_tier": ("SEGE kademesi", "SEGE tier"),
    "col_sege_rank": ("SEGE sırası", "SEGE rank"),
    "col_population": ("Nüfus 2025", "Population 2025"),
    "col_value": ("Değer", "Value"),
    "col_unit": ("Birim", "Unit"),
    "col_rank_range": ("Sıra (eşitlik aralığı)", "Rank (tie range)"),
    "level_province": ("İl", "Province"),
    "level_district": ("İlçe", "District"),
    # unit detail
    "detail_title": ("Seçili birim", "Selected unit"),
    "detail_hint": (
        "Ayrıntı için haritada bir birime tıklayın ya da yukarıdan arayın.",
        "Click a unit on the map or search above for its details.",
    ),
    "detail_no_sites": (
        "Bu birim seçili projelerde pilot değil.",
        "This unit is not a pilot of the selected projects.",
    ),
    "detail_province_sites": ("İl düzeyindeki pilotlar", "Province-level pilots"),
    "detail_deliverables": ("Çıktılar", "Deliverables"),
    "detail_no_deliverables": (
        "Kaynaklarda bu birim için çıktı bildirilmemiş.",
        "The sources report no deliverables for this unit.",
    ),
    "detail_indicators": ("Göstergeler", "Indicators"),
    "clear_selection": ("Seçimi kaldır", "Clear selection"),
    # project page
    "choose_project": ("Proje seçin", "Choose a project"),
    "project_facts": ("Proje künyesi", "Project facts"),
    "beneficiary": ("Faydalanıcı", "Beneficiary"),
    "co_beneficiary": ("Eş faydalanıcı", "Co-beneficiary"),
    "implementer": ("Uygulayıcı / konsorsiyum", "Implementer / consortium"),
    "partners": ("Ortaklar ve paydaşlar", "Partners and stakeholders"),
    "funders": ("Finansman", "Funding"),
    "budget": ("Bütçe", "Budget"),
    "period": ("Dönem", "Period"),
    "reference": ("Referans", "Reference"),
    "not_stated": ("Kaynakta belirtilmemiş", "Not stated in the source"),
    "components": ("Bileşenler", "Components"),
    "outputs": ("Kaynaklarda belirtilen çıktılar", "Outputs as stated in the sources"),
    "gaps": ("Kaynakların açık bıraktıkları", "What the sources leave open"),
    "phase_map": ("Aşamalara göre pilot birimler", "Pilot units by phase"),
    "no_mapped_units": (
        "Bu projenin kaynaklarda adı geçen pilot il veya ilçesi yok; aşağıda künyesi, "
        "çıktıları ve zaman çizelgesi yer alıyor.",
        "The sources name no pilot provinces or districts for this project; its facts, "
        "outputs and timeline are below.",
    ),
    "status_chart": ("Çıktıların durumu", "Deliverable status"),
    "status_chart_empty": (
        "Filtrelenen birimler için kaynaklarda çıktı bildirilmemiş.",
        "The sources report no deliverables for the filtered units.",
    ),
    "timeline": ("Zaman çizelgesi", "Timeline"),
    "timeline_undated": (
        "Yılı kaynakta belirtilmeyen faaliyetler",
        "Activities whose year the sources do not state",
    ),
    "activity": ("Faaliyet", "Activity"),
    "date_text": ("Kaynaktaki tarih", "Date in the source"),
    "phase_legend": ("Aşama", "Phase"),
    "source_document": ("Kaynak belge", "Source document"),
    # indicators page
    "indicator": ("Gösterge", "Indicator"),
    "classification": ("Sınıflandırma", "Classification"),
    "class_tiers": ("SEGE kademeleri", "SEGE tiers"),
    "class_quantiles": ("Eşit sayılı (çeyreklik/beşlik)", "Quantiles"),
    "class_natural": ("Doğal kırılmalar (Jenks)", "Natural breaks (Jenks)"),
    "classes": ("Sınıf sayısı", "Number of classes"),
    "overlay_project": ("Üstte gösterilecek pilotlar", "Pilots outlined on top"),
    "overlay_none": ("Hiçbiri", "None"),
    "overlay_all": ("Tüm projeler", "All projects"),
    "need_vs_coverage": ("İhtiyaç ve kapsama", "Need versus coverage"),
    "need_caption": (
        "Pilot birimlerin göstergesi, pilot olmayanlarla karşılaştırılıyor.",
        "How pilot units compare with all other units on this indicator.",
    ),
    "pilot": ("Pilot", "Pilot"),
    "tier_best": ("en gelişmiş", "most developed"),
    "tier_worst": ("en az gelişmiş", "least developed"),
    "tier_label": ("Kademe", "Tier"),
    "col_province_pilots": ("İl düzeyindeki pilotlar", "Province-level pilots"),
    "not_pilot": ("Pilot değil", "Not a pilot"),
    "highest_need": (
        "Hiçbir projenin pilotu olmayan en yüksek ihtiyaçlı birimler",
        "Highest-need units with no pilot of any project",
    ),
    "need_direction_none": (
        "Bu gösterge için 'ihtiyaç' yönü tanımlı değil (nüfus gibi); "
        "en yüksek değerler listelenir.",
        "This indicator has no 'need' direction (like population); the highest values are listed.",
    ),
    "source_line": ("Kaynak", "Source"),
    "caveat": ("Uyarı", "Caveat"),
    "poverty_partial_title": (
        "TÜİK bölgesel yoksulluk oranları (KISMİ tablo)",
        "TurkStat regional poverty rates (PARTIAL table)",
    ),
    "poverty_partial_note": (
        "Basında aktarılan uç bölgelerin değerleri; 26 bölgenin tamamı değildir, bu yüzden "
        "haritada gösterilmez.",
        "Values of extreme regions as quoted in the press; not all 26 regions, so it is never "
        "drawn as a map.",
    ),
    "missing_value": ("veri yok", "no data"),
    # data page
    "downloads": ("İndirmeler", "Downloads"),
    "downloads_caption": (
        "Tablolar seçili filtrelere göre; komut satırındaki `python -m geo.export` ile aynı kod.",
        "Tables follow the selected filters; same code as `python -m geo.export` "
        "on the command line.",
    ),
    "table_projects": ("Projeler", "Projects"),
    "table_sites": ("Pilot birimler", "Pilot units"),
    "table_deliverables": ("Çıktılar", "Deliverables"),
    "table_indicators": ("Göstergeler (ilçe)", "Indicators (district)"),
    "table_indicators_province": ("Göstergeler (il)", "Indicators (province)"),
    "data_sources": ("Veri kaynakları", "Data sources"),
    "seed_documents": ("Proje kaynak belgeleri", "Project source documents"),
    "boundary_disclaimer": ("Sınır uyarısı", "Boundary disclaimer"),
    "validation_report": ("Kayıt doğrulama raporu", "Registry validation report"),
    "validation_ok": (
        "Proje kaydı doğrulandı: {projects} proje, {sites} pilot birim, "
        "{deliverables} çıktı satırı.",
        "Registry validated: {projects} projects, {sites} pilot units, "
        "{deliverables} deliverable rows.",
    ),
    "validation_failed": (
        "Kayıt dosyalarında sorun var; son geçerli kayıt kullanılıyor.",
        "The registry files have problems; the last valid registry stays in use.",
    ),
    "registry_unavailable": (
        "Proje kaydı yüklenemedi. Sorunlar aşağıda; düzeltildiğinde sayfa yeniden yükler.",
        "The project registry could not be loaded. Problems are listed below; reload once fixed.",
    ),
    "loading_map": ("Harita hazırlanıyor…", "Preparing the map…"),
    "error_generic": (
        "Bu bölüm gösterilemedi. Lütfen filtreleri değiştirin ya da sayfayı yenileyin.",
        "This section could not be shown. Change the filters or reload the page.",
    ),
    "empty_filters": (
        "Bu filtrelerle eşleşen pilot birim yok.",
        "No pilot units match these filters.",
    ),
    # briefing exports (geo.briefing)
    "briefing_subtitle": (
        "İçişleri Bakanlığı projelerinin pilot il ve ilçeleri: brifing",
        "Pilot provinces and districts of Ministry of Interior projects: briefing",
    ),
    "briefing_all_projects": ("Tüm projeler", "All projects"),
    "briefing_filters": ("Filtreler: {text}", "Filters: {text}"),
    "briefing_date": ("Tarih: {date}", "Date: {date}"),
    "briefing_page": ("Sayfa {page} / {pages}", "Page {page} of {pages}"),
    "briefing_sources": ("Kaynaklar", "Sources"),
    "briefing_key_figures": ("Temel rakamlar", "Key figures"),
    "briefing_coverage_map": ("Pilot birimler", "Pilot units"),
    "briefing_more_rows": (
        "+{n} satır daha (tam liste: Veri ve kaynaklar sayfası)",
        "+{n} more rows (full list: Data and sources page)",
    ),
    "briefing_more_items": ("+{n} madde daha", "+{n} more"),
    "briefing_no_units": (
        "Kaynaklar bu proje için pilot il veya ilçe adı vermiyor; bu yüzden harita yok.",
        "The sources name no pilot provinces or districts for this project, so there is no map.",
    ),
    "briefing_none_stated": ("Kaynakta belirtilmemiş.", "Not stated in the source."),
    # data management: uploads (geo.upload) and the change log (geo.userdata)
    "upload_key_kind": ("Anahtar türü", "Key type"),
    "upload_key_pcode": ("P-kodu (TUR…)", "P-code (TUR…)"),
    "upload_key_ilce_kodu": ("TÜİK ilçe kodu", "TurkStat district code"),
    "upload_key_il_kodu": ("İl (plaka) kodu", "Province (plate) code"),
    "upload_key_nuts2": ("İBBS 2. düzey bölge kodu (ör. TR82)", "NUTS-2 region code (e.g. TR82)"),
    "upload_key_names": ("İl ve ilçe adları", "Province and district names"),
    "upload_issue_unmatched": ("Eşleşmedi", "Not matched"),
    "upload_issue_ambiguous": ("Belirsiz (il adı gerekli)", "Ambiguous (province needed)"),
    "upload_issue_duplicate": ("Yinelenen satır (yok sayıldı)", "Duplicate row (ignored)"),
    "upload_issue_non_numeric": ("Sayı değil", "Not a number"),
    "upload_issue_mixed_level": (
        "Diğer düzey (il ve ilçe satırları karışık)",
        "Other level (province and district rows mixed)",
    ),
    "changelog_action_apply": ("Kayıt güncellendi", "Registry updated"),
    "changelog_action_status": ("Durum değişti", "Status changed"),
    "changelog_action_undo": ("Geri alındı", "Undone"),
    "changelog_action_indicator_save": ("Gösterge kaydedildi", "Indicator saved"),
    "changelog_action_indicator_delete": ("Gösterge silindi", "Indicator deleted"),
}


def t(key: str, lang: str = "tr", **values: object) -> str:
    """The label ``key`` in ``lang`` (``"tr"`` or ``"en"``), formatted with ``values``."""
    pair = LABELS.get(key)
    if pair is None:
        return key
    text = pair[1] if lang == "en" else pair[0]
    return text.format(**values) if values else text


def fmt_number(value: float, lang: str, decimals: int = 0) -> str:
    """Number in the language's convention: ``1.234,5`` in Turkish, ``1,234.5`` in English."""
    text = f"{value:,.{decimals}f}"
    if lang == "en":
        return text
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def level_label(level: str, lang: str) -> str:
    return t(f"level_{level}", lang)
