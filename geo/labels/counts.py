"""The two deliverable counts, one word each, used the same way on every page and file.

* **Deliverable items** (*çıktı kalemi*): rows of ``data/deliverables.csv``: one named
  deliverable of one project-phase at one unit (e.g. "2 × Survey, completed" is one item).
* **Deliverable quantity** (*çıktı adedi*): the sum of those rows' quantities (that item
  counts 2).

Pages, exports (CSV/XLSX headers, PNG, PDF) and the key figures use these keys; the
older ``kf_deliverables`` / ``col_deliverables_*`` labels meant either and are retired.
"""

from __future__ import annotations

LABELS: dict[str, tuple[str, str]] = {
    "count_items": ("Çıktı kalemi", "Deliverable items"),
    "count_quantity": ("Çıktı adedi", "Deliverable quantity"),
    "count_items_done": (
        "Çıktı kalemi (tamamlanan / toplam)",
        "Deliverable items (completed / total)",
    ),
    "count_quantity_done": (
        "Çıktı adedi (tamamlanan / toplam)",
        "Deliverable quantity (completed / total)",
    ),
    "col_items_total": ("Çıktı kalemi (toplam)", "Deliverable items (total)"),
    "col_items_completed": ("Çıktı kalemi (tamamlanan)", "Deliverable items (completed)"),
    "col_quantity_total": ("Çıktı adedi (toplam)", "Deliverable quantity (total)"),
    "col_quantity_completed": ("Çıktı adedi (tamamlanan)", "Deliverable quantity (completed)"),
    "table_deliverable_items": ("Çıktı kalemleri", "Deliverable items"),
    "validation_ok_items": (
        "Proje kaydı doğrulandı: {projects} proje, {sites} pilot birim, {items} çıktı kalemi.",
        "Registry validated: {projects} projects, {sites} pilot units, {items} deliverable items.",
    ),
    "count_items_n": ("{n} çıktı kalemi", "{n} deliverable items"),
    "count_help": (
        "Tamamlanan / toplam. Çıktı kalemi: kaynakta bir birim için adı geçen bir çıktı "
        "(ör. «2 × anket» bir kalemdir). Çıktı adedi: kalemlerin adetlerinin toplamı (aynı "
        "örnekte 2).",
        "Completed / total. Deliverable item: one deliverable the sources name for one unit "
        "(e.g. “2 × survey” is one item). Deliverable quantity: the items' quantities added "
        "up (2 in that example).",
    ),
}
