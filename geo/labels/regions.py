"""Labels of region-level uploads, region outlines on every map, and the project page's
indicator section (GDP per capita, regional poverty and inequality of its pilot units)."""

from __future__ import annotations

LABELS: dict[str, tuple[str, str]] = {
    "profile_containing_value": ("{level} değeri: {place}", "{level} value: {place}"),
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
        "TÜİK kişi başına GSYH'yi il, yoksulluk ve Gini'yi İBBS Düzey 2 bölgesi için "
        "yayımlar: bir ilçe ilinin, her birim bölgesinin değerini gösterir.",
        "TurkStat publishes GDP per capita by province and poverty and Gini by NUTS-2 "
        "region: a district shows its province's value, every unit its region's.",
    ),
    "pind_unit": ("Pilot birim", "Pilot unit"),
    "pind_gdp_whose": ("GSYH kimin değeri", "Whose GDP value"),
    "pind_own_value": ("İlin kendi değeri", "The province's own"),
    "pind_province_value": ("İl değeri: {place}", "Province value: {place}"),
    "pind_gdp_try": ("Kişi başına GSYH {year} (TL)", "GDP per capita {year} (TL)"),
    "pind_gdp_usd": ("Kişi başına GSYH {year} (ABD doları)", "GDP per capita {year} (US$)"),
    "pind_poverty": (
        "Göreli yoksulluk oranı {year} (%, bölge değeri)",
        "Relative poverty rate {year} (%, region value)",
    ),
    "pind_gini": ("Gini katsayısı {year} (bölge değeri)", "Gini coefficient {year} (region value)"),
    "pind_none": (
        "Bu seçimde projenin pilot birimi yok.",
        "The project has no pilot units in this selection.",
    ),
    "pind_sources": ("Kaynaklar", "Sources"),
}
