"""Labels of national-scope project pages (``geo.national``)."""

from __future__ import annotations

LABELS: dict[str, tuple[str, str]] = {
    "national_scope_title": ("Kapsam", "Scope"),
    "national_scope_legend": ("Ulusal kapsam (tüm ülke)", "National scope (whole country)"),
    "national_office_legend": (
        "Proje ofisinin bulunduğu ilçe (kaynakta adı geçen)",
        "District of the project office (named in the source)",
    ),
    "national_office": ("Proje ofisi", "Project office"),
    "national_badge": ("Ulusal kapsamlı proje", "National-scope project"),
    "national_note": (
        "Kaynaklar bu proje için belirli pilot il veya ilçe adı vermiyor; harita ülkeyi bir "
        "bütün olarak gösterir.",
        "The sources name no particular pilot province or district for this project; the "
        "map shows the country as a whole.",
    ),
    "national_figures": ("Kaynağa göre ulusal çıktılar", "National outputs as the source states"),
    "national_figures_none": (
        "Kaynak bu proje için sayısal çıktı vermiyor.",
        "The source gives no output figures for this project.",
    ),
    "national_timeline_note": (
        "Faaliyetlerin yeri kaynaklarda belirtilmediği için çıktı durumu grafiği yok.",
        "No deliverable-status chart: the sources do not place the activities.",
    ),
}
