"""Labels of region-level uploads, region outlines on every map, and the project page's
indicator section (GDP per capita, regional poverty and inequality of its pilot units)."""

from __future__ import annotations

LABELS: dict[str, tuple[str, str]] = {
    "profile_containing_value": ("{level} değeri: {place}", "{level} value: {place}"),
    "place_containing_title": (
        "Bulunduğu il ve bölgenin değerleri (TÜİK bu göstergeleri o düzeyde yayımlar)",
        "Values of the province and region it lies in (TurkStat publishes these at that level)",
    ),
    "regions_help": (
        "26 İBBS Düzey 2 bölgesinin sınırlarını her haritada ve PNG, HTML, PDF "
        "çıktılarında gösterir.",
        "Draws the borders of the 26 NUTS-2 regions on every map and in the PNG, HTML and "
        "PDF exports.",
    ),
    # project page: indicators of the pilot units (geo.project_indicators)
    "pind_title": (
        "Pilot birimlerde gelir, yoksulluk ve eşitsizlik",
        "Income, poverty and inequality in the pilot units",
    ),
    "pind_intro": (
        "TÜİK kişi başına GSYH'yi il, göreli yoksulluk oranını ve Gini katsayısını İBBS "
        "Düzey 2 bölgesi için yayımlar: bir ilçe ilinin GSYH'sini, her birim bölgesinin "
        "yoksulluk ve Gini değerini gösterir.",
        "TurkStat publishes GDP per capita by province and the relative poverty rate and "
        "Gini coefficient by NUTS-2 region: a district shows its province's GDP, every "
        "unit its region's poverty rate and Gini.",
    ),
    "pind_unit": ("Pilot birim", "Pilot unit"),
    "pind_gdp_whose": ("GSYH kimin", "GDP value of"),
    "pind_own_value": ("Kendi (il)", "Itself (province)"),
    "pind_province_value": ("İli: {place}", "Its province: {place}"),
    "pind_gdp_try": ("Kişi b. GSYH {year} (TL)", "GDP/capita {year} (TL)"),
    "pind_gdp_usd": ("Kişi b. GSYH {year} (ABD $)", "GDP/capita {year} (US$)"),
    "pind_poverty": ("Yoksulluk {year} (%, bölge)", "Poverty {year} (%, region)"),
    "pind_gini": ("Gini {year} (bölge)", "Gini {year} (region)"),
    "pind_none": (
        "Bu seçimde projenin pilot birimi yok.",
        "The project has no pilot units in this selection.",
    ),
    "pind_sources": ("Kaynaklar", "Sources"),
}
