"""Tables as the pages show them: chosen columns under labels in the user's language,
numbers and counts formatted for it (:mod:`geo.numbers`). Pure: frames in, frames out."""

from __future__ import annotations

import pandas as pd

from geo.i18n import level_label, t
from geo.numbers import format_ratio, localise_frame


def labelled(frame: pd.DataFrame, columns: dict[str, str], lang: str) -> pd.DataFrame:
    """The given columns of ``frame``, headed by their labels (``column -> label key``)."""
    return frame[list(columns)].rename(columns={c: t(k, lang) for c, k in columns.items()})


def deliverable_columns(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Deliverable items, one per row, with the quantity as the language writes it."""
    return labelled(
        localise_frame(frame, {"quantity": 0}, lang),
        {
            "project_name": "col_project",
            "province": "col_province",
            "district": "col_district",
            "deliverable_label": "col_deliverable",
            "quantity": "col_quantity",
            "status_label": "col_status",
            "note": "col_note",
        },
        lang,
    )


def site_columns(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Pilot units with both deliverable counts (items and quantity) and key indicators."""
    shown = frame.assign(
        level=frame["level"].map(lambda v: level_label(v, lang)),
        items=[
            format_ratio(d, n, lang)
            for d, n in zip(frame["items_completed"], frame["items_total"], strict=True)
        ],
        quantity=[
            format_ratio(d, n, lang)
            for d, n in zip(
                frame["deliverables_completed"], frame["deliverables_total"], strict=True
            )
        ],
    )
    shown = localise_frame(
        shown,
        {
            "sege2022_score": 3,
            "sege2022_tier": 0,
            "sege2017_score": 3,
            "sege2017_tier": 0,
            "population": 0,
        },
        lang,
    )
    return labelled(
        shown,
        {
            "project_name": "col_project",
            "phase_label": "col_phase",
            "level": "col_level",
            "province": "col_province",
            "district": "col_district",
            "pcode": "col_pcode",
            "items": "count_items_done",
            "quantity": "count_quantity_done",
            "sege2022_score": "col_sege2022_score",
            "sege2022_tier": "col_sege2022_tier",
            "sege2017_score": "col_sege2017_score",
            "sege2017_tier": "col_sege2017_tier",
            "population": "col_population",
        },
        lang,
    )
