"""Labels of the exports: PDF continuation pages, unit lists, export file headers."""

from __future__ import annotations

LABELS: dict[str, tuple[str, str]] = {
    "briefing_continued": ("{name} (devam)", "{name} (continued)"),
    "briefing_units": ("Pilot birimler ({n})", "Pilot units ({n})"),
    "html_sources": ("Kaynaklar", "Sources"),
    "html_date": ("Tarih", "Date"),
}
