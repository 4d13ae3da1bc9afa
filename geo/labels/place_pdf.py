"""Labels of the place one-pager (PDF)."""

from __future__ import annotations

LABELS: dict[str, tuple[str, str]] = {
    "place_pdf_this_place": ("Bu yer", "This place"),
}
