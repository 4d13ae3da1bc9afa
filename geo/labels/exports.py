"""Labels of the exports: PDF continuation pages, unit lists, export file headers."""

from __future__ import annotations

LABELS: dict[str, tuple[str, str]] = {
    "briefing_continued": ("{name} (devam)", "{name} (continued)"),
    "briefing_units": ("Pilot birimler ({n})", "Pilot units ({n})"),
    "briefing_province_site": ("il", "province"),
    "xcol_project_id": ("Proje kodu", "Project id"),
    "xcol_phase_id": ("Aşama kodu", "Phase id"),
    "xcol_deliverable_id": ("Çıktı kodu", "Deliverable id"),
    "xcol_status_id": ("Durum kodu", "Status id"),
    "xcol_short_name": ("Kısa ad", "Short name"),
    "xcol_beneficiary": ("Faydalanıcı", "Beneficiary"),
    "xcol_co_beneficiary": ("Eş faydalanıcı", "Co-beneficiary"),
    "xcol_implementer": ("Uygulayıcı", "Implementer"),
    "xcol_partners": ("Ortaklar", "Partners"),
    "xcol_funders": ("Finansörler", "Funders"),
    "xcol_budget_amount": ("Bütçe tutarı", "Budget amount"),
    "xcol_budget_currency": ("Bütçe para birimi", "Budget currency"),
    "xcol_start": ("Başlangıç", "Start"),
    "xcol_end": ("Bitiş", "End"),
    "xcol_phases": ("Aşamalar", "Phases"),
    "xcol_mapped_sites": ("Haritalanan pilot birim", "Mapped pilot units"),
    "xcol_provinces": ("İl sayısı", "Provinces"),
    "xcol_districts": ("İlçe sayısı", "Districts"),
    "xcol_il_kodu": ("İl kodu (TÜİK)", "Province code (TÜİK)"),
    "xcol_ilce_kodu": ("İlçe kodu (TÜİK)", "District code (TÜİK)"),
    "xcol_nuts2": ("İBBS-2 bölgesi", "NUTS-2 region"),
}
