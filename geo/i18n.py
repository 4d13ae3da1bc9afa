"""User-facing labels in Turkish (default) and English.

Every label, legend, tooltip and table header of the dashboard comes from here, so the
language switch changes all of them at once. ``t(key, lang)`` falls back to the key
itself only for a key that is missing. Labels of newer areas live in ``geo/labels/``
(one module per area), merged here.
"""

from __future__ import annotations

from geo.labels import all_tables
from geo.numbers import format_number

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
    "table_truncated": (
        "İlk {shown} / {total} satır gösteriliyor; tamamı Dışa aktar menüsünde ve Veri sayfasında.",
        "Showing the first {shown} of {total} rows; all of them via Export and the Data page.",
    ),
    "manage_log_id": ("No", "No."),
    "manage_login_locked": (
        "Çok sayıda hatalı deneme. {seconds} saniye sonra yeniden deneyin.",
        "Too many failed attempts. Try again in {seconds} seconds.",
    ),
    "col_file": ("Dosya", "File"),
    "col_row": ("Satır", "Row"),
    "col_field": ("Alan", "Field"),
    "col_problem": ("Sorun", "Problem"),
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
    # data management: uploads (geo.upload) and the change log (geo.store)
    "upload_key_kind": ("Anahtar türü", "Key type"),
    "upload_key_pcode": ("P-kodu (TUR…)", "P-code (TUR…)"),
    "upload_key_ilce_kodu": ("TÜİK ilçe kodu", "TurkStat district code"),
    "upload_key_il_kodu": ("İl (plaka) kodu", "Province (plate) code"),
    "upload_key_nuts2": (
        "İBBS 2. düzey bölge kodu ya da adı (ör. TR82)",
        "NUTS-2 region code or name (e.g. TR82)",
    ),
    "upload_key_names": ("İl ve ilçe adları", "Province and district names"),
    "upload_issue_unmatched": ("Eşleşmedi", "Not matched"),
    "upload_issue_ambiguous": ("Belirsiz (il adı gerekli)", "Ambiguous (province needed)"),
    "upload_issue_duplicate": ("Yinelenen satır (yok sayıldı)", "Duplicate row (ignored)"),
    "upload_issue_non_numeric": ("Sayı değil", "Not a number"),
    "upload_issue_mixed_level": (
        "Diğer düzey (bölge, il ve ilçe satırları karışık)",
        "Other level (region, province and district rows mixed)",
    ),
    "changelog_action_apply": ("Kayıt güncellendi", "Registry updated"),
    "changelog_action_status": ("Durum değişti", "Status changed"),
    "changelog_action_undo": ("Geri alındı", "Undone"),
    "changelog_action_indicator_save": ("Gösterge kaydedildi", "Indicator saved"),
    "changelog_action_indicator_delete": ("Gösterge silindi", "Indicator deleted"),
    # data management page (pages/manage.py) and user indicators (geo.indicators)
    "page_manage": ("Veri yönetimi", "Data management"),
    "manage_caption": (
        "Kendi göstergelerinizi yükleyin, kayıt tablolarını Excel ile güncelleyin ve çıktı "
        "durumlarını değiştirin. Her değişiklik numarasıyla günlüğe yazılır ve geri "
        "alınabilir; sonraki bir değişiklik ona dayanıyorsa önce o geri alınır.",
        "Upload your own indicators, update the registry tables through Excel and change "
        "deliverable statuses. Every change is logged with its number and can be undone; "
        "when a later change builds on it, that one is undone first.",
    ),
    "manage_viewer_note": (
        "Görüntüleme modundasınız: yükleme, uygulama, silme ve geri alma yalnızca "
        "düzenleyicilere açıktır.",
        "You are viewing: uploading, applying, deleting and undoing are open to editors only.",
    ),
    "manage_no_editors": (
        "Düzenleyici hesabı tanımlı değil, bu yüzden sayfa salt okunurdur. Düzenlemeyi açmak "
        "için `.streamlit/secrets.toml.example` dosyasını `.streamlit/secrets.toml` olarak "
        "kopyalayın, örnek hesabı silin ve `python -m geo.auth hash-password` komutuyla "
        'ürettiğiniz parola özetini `[editors]` bölümüne `kullanıcı = "özet"` biçiminde '
        "yazın; sonra sayfayı yenileyin.",
        "No editor account is configured, so this page is read-only. To enable editing, copy "
        "`.streamlit/secrets.toml.example` to `.streamlit/secrets.toml`, remove the example "
        'account and add `user = "hash"` lines to its `[editors]` section with hashes made '
        "by `python -m geo.auth hash-password`; then reload the page.",
    ),
    "manage_login_title": ("Düzenleyici girişi", "Editor sign-in"),
    "manage_username": ("Kullanıcı adı", "User name"),
    "manage_password": ("Parola", "Password"),
    "manage_login": ("Giriş yap", "Sign in"),
    "manage_login_failed": (
        "Kullanıcı adı veya parola hatalı.",
        "Wrong user name or password.",
    ),
    "manage_signed_in": (
        "Düzenleyici olarak giriş yapıldı: **{user}**",
        "Signed in as editor: **{user}**",
    ),
    "manage_logout": ("Çıkış yap", "Sign out"),
    "manage_tab_indicators": ("Kullanıcı göstergeleri", "User indicators"),
    "manage_tab_registry": ("Kayıt (Excel)", "Registry (Excel)"),
    "manage_tab_status": ("Çıktı durumu", "Deliverable status"),
    "manage_tab_log": ("Değişiklik günlüğü", "Change log"),
    "manage_user_indicators": ("Yüklenen göstergeler", "Uploaded indicators"),
    "manage_user_indicators_caption": (
        'Bu göstergeler Göstergeler sayfasında resmi göstergelerin ardından "(kullanıcı)" '
        "ekiyle listelenir.",
        "These indicators are listed on the Indicators page after the official ones, marked "
        '"(user)".',
    ),
    "manage_no_user_indicators": (
        "Henüz yüklenmiş gösterge yok.",
        "No indicator has been uploaded yet.",
    ),
    "manage_year": ("Yıl", "Year"),
    "manage_source": ("Kaynak", "Source"),
    "manage_direction": ("Yön", "Direction"),
    "manage_direction_higher": ("Yüksek değer iyi", "Higher is better"),
    "manage_direction_lower": ("Düşük değer iyi", "Lower is better"),
    "manage_direction_neutral": ("Yön yok", "Neutral"),
    "manage_created": ("Yükleyen", "Uploaded"),
    "manage_delete_title": ("Gösterge sil", "Delete an indicator"),
    "manage_delete_confirm": (
        "Bu göstergeyi ve tüm değerlerini silmek istiyorum",
        "I want to delete this indicator and all its values",
    ),
    "manage_delete": ("Sil", "Delete"),
    "manage_deleted": ("Silindi: {name}", "Deleted: {name}"),
    "manage_upload_title": ("Gösterge yükle", "Upload an indicator"),
    "manage_upload_file": ("CSV veya Excel dosyası", "CSV or Excel file"),
    "manage_upload_help": (
        "Bir satır bir birim: anahtar sütunu (P-kodu, TÜİK ilçe kodu, il kodu, İBBS-2 kodu "
        "ya da il/ilçe adı) ve bir değer sütunu. Türkçe ondalık virgül ve Windows-1254 "
        "kodlaması desteklenir.",
        "One row per unit: a key column (P-code, TurkStat district code, province code, "
        "NUTS-2 code or province/district name) and a value column. Turkish decimal commas "
        "and Windows-1254 encoding are supported.",
    ),
    "manage_upload_hint": (
        "Dosya yüklenince eşleşme raporu ve önizleme haritası kaydetmeden önce gösterilir.",
        "After uploading, a match report and a preview map are shown before anything is saved.",
    ),
    "manage_upload_rows": ("Yüklenen tablo ({n} satır)", "Uploaded table ({n} rows)"),
    "manage_key_column": ("Anahtar sütunu", "Key column"),
    "manage_province_column": ("İl sütunu", "Province column"),
    "manage_district_column": ("İlçe sütunu", "District column"),
    "manage_value_column": ("Değer sütunu", "Value column"),
    "manage_pick_key": (
        "Bir il veya ilçe sütunu seçin.",
        "Choose a province or district column.",
    ),
    "manage_match_report": ("Eşleşme raporu", "Match report"),
    "manage_count_matched": ("Eşleşen", "Matched"),
    "manage_count_unmatched": ("Eşleşmeyen", "Unmatched"),
    "manage_count_ambiguous": ("Belirsiz", "Ambiguous"),
    "manage_count_duplicates": ("Yinelenen", "Duplicates"),
    "manage_count_non_numeric": ("Sayı değil", "Not a number"),
    "manage_count_missing": ("{n} boş değer", "{n} empty values"),
    "manage_level_found": ("Düzey: {level}", "Level: {level}"),
    "manage_decimal": ("Ondalık işareti: `{mark}`", "Decimal mark: `{mark}`"),
    "manage_no_issues": ("Her satır eşleşti.", "Every row matched."),
    "manage_row": ("Satır", "Row"),
    "manage_issue": ("Sorun", "Problem"),
    "manage_key": ("Anahtar", "Key"),
    "manage_detail": ("Ayrıntı / öneri", "Detail / suggestion"),
    "manage_nothing_matched": (
        "Hiçbir satır bir birimle eşleşmedi; anahtar türünü ve sütunları kontrol edin.",
        "No row matched a unit; check the key type and the columns.",
    ),
    "manage_mixed_levels": (
        "Dosyada farklı düzeylerin (bölge, il, ilçe) satırları karışık. Bir gösterge tek "
        "düzeyde saklanır ve hiçbir değer başka düzeye dağıtılmaz: her düzey için ayrı bir "
        "dosya yükleyin.",
        "The file mixes rows of different levels (region, province, district). An "
        "indicator is stored at one level and no value is spread onto another: upload one "
        "file per level.",
    ),
    "manage_describe": ("Gösterge bilgileri", "About the indicator"),
    "manage_label_tr": ("Ad (Türkçe)", "Name (Turkish)"),
    "manage_label_en": ("Ad (İngilizce)", "Name (English)"),
    "manage_id": ("Kimlik (isteğe bağlı)", "Id (optional)"),
    "manage_id_help": (
        "Küçük harf, rakam ve _; boş bırakılırsa Türkçe addan üretilir. Resmi göstergelerin "
        "kimlikleri kullanılamaz.",
        "Lower-case letters, digits and _; made from the Turkish name when left empty. "
        "Official indicators' ids cannot be used.",
    ),
    "manage_replace": ("Aynı kimlikli göstergeyi değiştir", "Replace the indicator with this id"),
    "manage_replace_help": (
        "Yalnızca kullanıcı göstergeleri değiştirilebilir; resmi göstergeler değiştirilemez.",
        "Only user indicators can be replaced; official indicators never.",
    ),
    "manage_exists": (
        "`{id}` kimlikli bir kullanıcı göstergesi zaten var; değiştirmek için kutuyu işaretleyin.",
        "A user indicator with id `{id}` exists; tick the box to replace it.",
    ),
    "manage_need_label": (
        "Kaydetmek için Türkçe bir ad girin.",
        "Enter a Turkish name to save.",
    ),
    "manage_preview_map": ("Eşleşenlerin önizlemesi", "Preview of what matched"),
    "manage_preview_unnamed": ("Yeni gösterge", "New indicator"),
    "manage_preview_note": (
        "{total} birimden {n} tanesinin değeri var (beyaz: değer yok).",
        "{n} of {total} units have a value (white: no value).",
    ),
    "manage_save": ("Göstergeyi kaydet", "Save the indicator"),
    "manage_save_failed": ("Kaydedilemedi", "Not saved"),
    "manage_saved": ("Kaydedildi: {name} ({n} değer)", "Saved: {name} ({n} values)"),
    "manage_registry_title": (
        "Kayıt tablolarını Excel ile güncelle",
        "Update the registry via Excel",
    ),
    "manage_registry_caption": (
        "Şablonu indirin, sites ve deliverables sayfalarını düzenleyin, sonra yükleyin. "
        "Doğrulama ve değişiklik listesi uygulamadan önce gösterilir; yalnızca hatasız dosya "
        "uygulanabilir. Şablon dosyalardaki durumları içerir; uygulamada değiştirilen durumlar, "
        "dosyada o çıktının durumunu değiştirmediğiniz sürece korunur.",
        "Download the template, edit its sites and deliverables sheets, then upload it. The "
        "validation and the list of changes are shown before applying; only a file without "
        "problems can be applied. The template holds the files' statuses; statuses set in the "
        "app stay unless your file changes that deliverable's status.",
    ),
    "manage_template_download": ("Excel şablonunu indir", "Download the Excel template"),
    "manage_registry_upload": ("Düzenlenmiş şablon (.xlsx)", "Edited template (.xlsx)"),
    "manage_validation": ("Doğrulama", "Validation"),
    "manage_registry_valid": (
        "Dosya geçerli: kayıt bu haliyle yüklenebilir.",
        "The file is valid: the registry loads as it is.",
    ),
    "manage_registry_invalid": (
        "{n} sorun bulundu; düzeltilene kadar uygulanamaz.",
        "{n} problem(s) found; it cannot be applied until they are fixed.",
    ),
    "manage_changes": ("Değişiklikler", "Changes"),
    "manage_no_changes": (
        "Dosyalarla aynı: değişiklik yok.",
        "Same as the files: nothing changes.",
    ),
    "manage_diff_counts": (
        "{added} eklenen, {removed} silinen, {changed} değişen kayıt",
        "{added} added, {removed} removed, {changed} changed records",
    ),
    "manage_change": ("Değişiklik", "Change"),
    "manage_change_added": ("Eklendi", "Added"),
    "manage_change_removed": ("Silindi", "Removed"),
    "manage_change_changed": ("Değişti", "Changed"),
    "manage_field": ("Alan", "Field"),
    "manage_old": ("Eski", "Old"),
    "manage_new": ("Yeni", "New"),
    "manage_apply": ("Değişiklikleri uygula", "Apply the changes"),
    "manage_apply_disabled": (
        "Yalnızca hatasız ve değişiklik içeren bir dosya uygulanabilir.",
        "Only a valid file with changes can be applied.",
    ),
    "manage_apply_failed": ("Uygulanamadı", "Not applied"),
    "manage_applied": ("Uygulandı: {summary}", "Applied: {summary}"),
    "manage_status_title": ("Çıktı durumunu güncelle", "Update a deliverable's status"),
    "manage_status_caption": (
        "Durum değişiklikleri kayıt dosyalarını değiştirmez, üzerlerine uygulanır ve her "
        "sayfada hemen görünür.",
        "Status changes do not rewrite the registry files; they are applied on top and show "
        "on every page at once.",
    ),
    "manage_status_unit": ("Birim (aşama · yer)", "Unit (phase · place)"),
    "manage_status_none": (
        "Bu projenin kayıtlı çıktısı yok.",
        "This project has no recorded deliverables.",
    ),
    "manage_status_new": ("Yeni durum", "New status"),
    "manage_status_update": ("Durumu güncelle", "Update the status"),
    "manage_status_failed": ("Durum güncellenemedi", "Status not updated"),
    "manage_status_done": ("{deliverable}: {status}", "{deliverable}: {status}"),
    "manage_overrides": ("Uygulamada ayarlanan durumlar", "Statuses set in the app"),
    "manage_overrides_none": ("Yok.", "None."),
    "manage_log_title": ("Değişiklik günlüğü", "Change log"),
    "manage_log_empty": ("Henüz değişiklik yok.", "No changes yet."),
    "manage_log_at": ("Zaman (UTC)", "Time (UTC)"),
    "manage_log_user": ("Kullanıcı", "User"),
    "manage_log_role": ("Rol", "Role"),
    "manage_log_action": ("İşlem", "Action"),
    "manage_log_what": ("Ne değişti", "What changed"),
    "manage_log_undone_by": ("Geri alan kayıt", "Undone by"),
    "manage_undone": ("#{id} geri alındı.", "#{id} undone."),
    "user_indicator_suffix": (" (kullanıcı)", " (user)"),
    "user_indicator_edition": ("Kullanıcı verisi", "User data"),
    "user_indicator_no_source": ("Kaynak belirtilmemiş", "Source not given"),
    "user_indicator_caveat": (
        "Düzenleyici tarafından yüklendi ({user}, {at}); resmi bir istatistik değildir.",
        "Uploaded by an editor ({user}, {at}); not an official statistic.",
    ),
}


def _merge_area_tables() -> None:
    clash = LABELS.keys() & (extra := all_tables()).keys()
    if clash:
        msg = f"label keys defined in geo/i18n.py and geo/labels/: {sorted(clash)}"
        raise ValueError(msg)
    LABELS.update(extra)


# New areas add their labels as a module in geo/labels/ rather than to the table above.
_merge_area_tables()


class Message(str):
    """A user-facing message: the English text (the string itself) and its Turkish ``tr``.

    Being a ``str`` keeps callers that log or compare messages working; the UI shows
    :meth:`text` in the chosen language.
    """

    tr: str

    def __new__(cls, en: str, tr: str) -> Message:
        message = super().__new__(cls, en)
        message.tr = tr
        return message

    def text(self, lang: str) -> str:
        return self.tr if lang == "tr" else str(self)

    def __reduce__(self) -> tuple:
        # Both texts survive pickling (uploads are read in a worker process).
        return (Message, (str(self), self.tr))


def t(key: str, lang: str = "tr", **values: object) -> str:
    """The label ``key`` in ``lang`` (``"tr"`` or ``"en"``), formatted with ``values``."""
    pair = LABELS.get(key)
    if pair is None:
        return key
    text = pair[1] if lang == "en" else pair[0]
    return text.format(**values) if values else text


def fmt_number(value: float, lang: str, decimals: int | None = None) -> str:
    """Number in the language's convention (Babel/CLDR): ``1.234,5`` / ``1,234.5``.

    Kept for callers of the old signature; see :func:`geo.numbers.format_number`.
    """
    return format_number(value, lang, decimals)


def level_label(level: str, lang: str) -> str:
    return t(f"level_{level}", lang)
