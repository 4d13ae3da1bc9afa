"""Labels of the partial TÜİK poverty table (``geo.poverty_view``): headers and the coded
values of its CSV, so the table reads in one language."""

from __future__ import annotations

LABELS: dict[str, tuple[str, str]] = {
    "pov_col_survey_year": ("Anket yılı", "Survey year"),
    "pov_col_income_year": ("Gelir referans yılı", "Income reference year"),
    "pov_col_level": ("Düzey", "Level"),
    "pov_col_region_code": ("Bölge kodu", "Region code"),
    "pov_col_region_name": ("Bölge", "Region"),
    "pov_col_indicator": ("Gösterge", "Indicator"),
    "pov_col_value": ("Değer", "Value"),
    "pov_col_position": ("Bültendeki yeri", "Place in the release"),
    "pov_col_confidence": ("Güven", "Confidence"),
    "pov_col_source": ("Kaynak (basın)", "Source (press)"),
    "pov_level_nuts2": ("İBBS 2. düzey", "NUTS-2"),
    "pov_level_nuts1": ("İBBS 1. düzey", "NUTS-1"),
    "pov_level_country": ("Türkiye", "Türkiye"),
    "pov_ind_relative_poverty_rate_60pct_regional_median": (
        "Göreli yoksulluk oranı (bölge medyanının %60'ı)",
        "Relative poverty rate (60% of the regional median)",
    ),
    "pov_ind_relative_poverty_rate_50pct_regional_median": (
        "Göreli yoksulluk oranı (bölge medyanının %50'si)",
        "Relative poverty rate (50% of the regional median)",
    ),
    "pov_ind_relative_poverty_rate_any": (
        "Göreli yoksulluk oranı (eşik belirtilmemiş)",
        "Relative poverty rate (threshold not stated)",
    ),
    "pov_ind_relative_poverty_rate_regional_median_threshold_unstated": (
        "Göreli yoksulluk oranı (bölge medyanı; oran belirtilmemiş)",
        "Relative poverty rate (regional median; share not stated)",
    ),
    "pov_ind_mean_equivalised_household_disposable_income_per_person": (
        "Fert başı ortalama eşdeğer hanehalkı kullanılabilir geliri",
        "Mean equivalised household disposable income per person",
    ),
    "pov_ind_gini_coefficient": ("Gini katsayısı", "Gini coefficient"),
    "pov_unit_percent": ("%", "%"),
    "pov_unit_TRY per year": ("TL/yıl", "TRY per year"),
    "pov_unit_ratio": ("oran", "ratio"),
    # Units and thresholds of the partial rows of tuik_poverty_nuts2.csv.
    "pov_unit_TRY per year (equivalised)": ("TL/yıl (eşdeğer)", "TRY per year (equivalised)"),
    "pov_unit_TRY per person per year": ("TL/kişi/yıl", "TRY per person per year"),
    "pov_unit_thousand persons": ("bin kişi", "thousand persons"),
    "pov_ind_poverty_line_50pct_regional_median": (
        "Yoksulluk sınırı (bölge medyanının %50'si)",
        "Poverty line (50% of the regional median)",
    ),
    "pov_ind_poverty_line_60pct_regional_median": (
        "Yoksulluk sınırı (bölge medyanının %60'ı)",
        "Poverty line (60% of the regional median)",
    ),
    "pov_ind_poor_persons_50pct_regional_median": (
        "Yoksul sayısı (bölge medyanının %50'si)",
        "Poor persons (50% of the regional median)",
    ),
    "pov_ind_poor_persons_60pct_regional_median": (
        "Yoksul sayısı (bölge medyanının %60'ı)",
        "Poor persons (60% of the regional median)",
    ),
    "pov_ind_mean_equivalised_disposable_income": (
        "Ortalama eşdeğer kullanılabilir gelir",
        "Mean equivalised disposable income",
    ),
    "pov_ind_gini_coefficient_equivalised household disposable income": (
        "Gini katsayısı",
        "Gini coefficient",
    ),
    "pov_pos_highest": ("en yüksek {n}.", "highest #{n}"),
    "pov_pos_lowest": ("en düşük {n}.", "lowest #{n}"),
    "pov_pos_not published": ("yayımlanmamış", "not published"),
    "pov_pos_national": ("ülke geneli", "national"),
    "pov_conf_high": ("yüksek", "high"),
    "pov_conf_medium": ("orta", "medium"),
    "pov_conf_low": ("düşük", "low"),
}
