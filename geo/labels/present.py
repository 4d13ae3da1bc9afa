"""Labels of the stated-output cards (projects whose places carry no deliverable items)."""

from __future__ import annotations

LABELS: dict[str, tuple[str, str]] = {
    "stated_outputs": ("Kaynakta belirtilen çıktılar", "Outputs the source states"),
    "stated_card": ("{label} (kaynağa göre)", "{label} (per the source)"),
    "stated_outputs_help": ("Kaynakta: {note}", "In the source: {note}"),
    "stated_outputs_note": (
        "Kaynaklar bu projenin pilot yerleri için çıktı kalemi sıralamıyor; rakamlar "
        "kaynağın proje geneli için verdikleridir.",
        "The sources list no deliverable items for this project's pilot places; the "
        "figures are those they give for the project as a whole.",
    ),
    "items_not_stated": (
        "Kaynaklar bu yerler için çıktı kalemi sıralamıyor.",
        "The sources list no deliverable items for these places.",
    ),
}
