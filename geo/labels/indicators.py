"""Labels of the indicators page: years, change view, regions, need versus coverage."""

from __future__ import annotations

LABELS: dict[str, tuple[str, str]] = {
    "level_region": ("Bölge (İBBS Düzey 2)", "Region (NUTS-2)"),
    "ind_year": ("Yıl", "Year"),
    "ind_mode": ("Gösterim", "Show"),
    "ind_mode_values": ("Bir yılın değerleri", "Values of one year"),
    "ind_mode_change": ("İki yıl arasındaki değişim", "Change between two years"),
    "ind_from_year": ("Başlangıç yılı", "From year"),
    "ind_to_year": ("Bitiş yılı", "To year"),
    "ind_same_year": (
        "Değişim için iki farklı yıl seçin.",
        "Choose two different years to see a change.",
    ),
    "ind_change_title": ("{label}: değişim {first}→{last}", "{label}: change {first}→{last}"),
    "ind_change_unit": ("% değişim", "% change"),
    "ind_change_note": (
        "Mor: düşüş, turuncu: artış; renkler 0'da (değişim yok) ayrılır.",
        "Purple: fall, orange: rise; colours split at 0 (no change).",
    ),
    "ind_change_nominal": (
        "Cari fiyatlarla: değişim enflasyonu ve kur hareketlerini de içerir.",
        "At current prices: the change includes inflation and exchange-rate movements.",
    ),
    "ind_regions_overlay": ("Bölge sınırları (İBBS-2)", "Region outlines (NUTS-2)"),
    "ind_legend_region": ("İBBS-2 bölge sınırı", "NUTS-2 region border"),
    "ind_poverty_meaning_title": ("Bu oran neyi gösterir?", "What this rate shows"),
    "ind_need_choose": (
        "Bu gösterge için ihtiyaç yönünü siz seçin",
        "You decide how this indicator reads as need",
    ),
    "ind_need_choose_higher": (
        "Yüksek değer = daha çok ihtiyaç (bölge içi eşitsizlik)",
        "Higher value = more need (inequality within the region)",
    ),
    "ind_need_choose_none": (
        "İhtiyaç sıralaması yapma",
        "Do not rank by need",
    ),
    "ind_need_direction": ("İhtiyaç yönü", "Need direction"),
    "ind_need_lower": (
        "Düşük değer = daha çok ihtiyaç",
        "Lower value = more need",
    ),
    "ind_need_higher": (
        "Yüksek değer = daha çok ihtiyaç",
        "Higher value = more need",
    ),
    "ind_need_none": (
        "Bu göstergenin ihtiyaç yönü yok (nüfus, yoğunluk, değişim gibi): "
        "ihtiyaç ve kapsama tablosu gösterilmez.",
        "This indicator has no need direction (like population, density or change): "
        "no need-versus-coverage table is shown.",
    ),
    "ind_need_unranked": (
        "İhtiyaç yönü seçilmedi: ihtiyaç sıralaması gösterilmez.",
        "No need direction chosen: no need ranking is shown.",
    ),
    "ind_highest_need": (
        "En yüksek ihtiyaçlı birimler ve kapsamaları",
        "Highest-need units and how they are covered",
    ),
    "ind_only_uncovered": (
        "Yalnızca hiçbir pilotu olmayanlar (kendisi, ili veya bölgesindeki birimler)",
        "Only units with no pilot at all (themselves, their province or their units)",
    ),
    "ind_coverage_rule": (
        "Kapsama kuralı: bir ilçe, kendisi veya ili pilotsa kapsanmış sayılır; bir il, "
        "kendisi veya ilçelerinden biri pilotsa; bir bölge, il veya ilçelerinden biri "
        "pilotsa. Tablodaki 'Kapsama' sütunu hangisi olduğunu söyler.",
        "Coverage rule: a district counts as covered when it or its province is a pilot; a "
        "province when it or any of its districts is; a region when any of its provinces or "
        "districts is. The 'Coverage' column says which.",
    ),
    "ind_col_coverage": ("Kapsama", "Coverage"),
    "ind_col_projects": ("Projeler", "Projects"),
    "ind_col_region": ("Bölge", "Region"),
    "ind_col_nuts2": ("İBBS-2 kodu", "NUTS-2 code"),
    "ind_col_region_name": ("Bölge adı", "Region name"),
    "ind_cov_own": ("Kendisi pilot", "Itself a pilot"),
    "ind_cov_province": ("İli pilot", "Its province is a pilot"),
    "ind_cov_districts": ("İlçelerinden biri pilot", "One of its districts is a pilot"),
    "ind_cov_members": ("İl veya ilçelerinden biri pilot", "One of its provinces/districts"),
    "ind_cov_none": ("Pilot yok", "No pilot"),
    "ind_strip_title": ("Yıllara göre", "Over the years"),
    "ind_strip_selected": (
        "Seçili birim ({name}); kesikli çizgi: tüm birimlerin medyanı.",
        "The selected unit ({name}); dashed line: median of all units.",
    ),
    "ind_strip_pilots": (
        "Pilot birimler (en fazla {n}); kesikli çizgi: tüm birimlerin medyanı.",
        "Pilot units (up to {n}); dashed line: median of all units.",
    ),
    "ind_strip_median": ("Medyan", "Median"),
    "ind_partial_title": (
        "TÜİK bölgesel yoksulluk ve gelir: KISMİ tablolar (haritada gösterilmez)",
        "TurkStat regional poverty and income: PARTIAL tables (never mapped)",
    ),
    "ind_partial_note": (
        "Yalnızca bazı bölgeler ve yıllar; her satır güvenilirlik derecesi ve kaynak "
        "bağlantısıyla. Tam olmadığı için harita yapılmaz.",
        "Only some regions and years; each row with its confidence rating and source link. "
        "Not complete, so never drawn as a map.",
    ),
    "ind_col_year": ("Anket yılı", "Survey year"),
    "ind_col_income_year": ("Gelir yılı", "Income year"),
    "ind_col_indicator": ("Gösterge", "Indicator"),
    "ind_col_threshold": ("Eşik", "Threshold"),
    "ind_col_confidence": ("Güvenilirlik", "Confidence"),
    "ind_col_note": ("Not", "Note"),
    "ind_export_values": ("Gösterge değerleri", "Indicator values"),
    "ind_png_footer": ("Sınırlar", "Boundaries"),
    "ind_value_label": ("Değer", "Value"),
    "table_indicators_region": (
        "Göstergeler (İBBS-2 bölgesi)",
        "Indicators (NUTS-2 region)",
    ),
}
