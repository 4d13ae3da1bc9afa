"""Tables and bulleted lists on PDF pages, measured so that nothing is cut.

A table fills one or two panels side by side between a top and a bottom; the caller
gets back how many rows were drawn and continues the rest on a further page, so every
row is printed.
"""

from __future__ import annotations

from collections.abc import Sequence
from numbers import Real

import pandas as pd

from geo.figures.sheet import MUTED, Sheet, clip, width_in, wrap
from geo.i18n import t
from geo.style import number_text

#: (view column, label key, alignment); the deliverable column takes the spare width.
DELIVERABLE_COLUMNS = (
    ("province", "col_province", "left"),
    ("district", "col_district", "left"),
    ("deliverable_label", "col_deliverable", "left"),
    ("quantity", "col_quantity", "right"),
    ("status_label", "col_status", "left"),
)
_FLEXIBLE_COLUMN = 2
CELL_PAD = 0.012  # figure fraction between columns
PANEL_GAP = 0.03
#: Two panels side by side once a table is longer than this many rows.
TWO_PANELS_FROM = 12


def cell_text(value: object, lang: str) -> str:
    """A cell as printed: numbers in the language's format (whole numbers without
    decimals), missing values empty."""
    if value is None or (isinstance(value, Real) and pd.isna(value)):
        return ""
    if isinstance(value, Real) and not isinstance(value, bool):
        return number_text(value, lang)
    return str(value)


def _column_widths(
    sheet: Sheet, rows: pd.DataFrame, lang: str, size: float, width: float
) -> list[float]:
    """Column widths (figure fractions) fitting in ``width``, measured from the text."""
    natural = []
    for column, key, _ in DELIVERABLE_COLUMNS:
        widest = max(
            [width_in(t(key, lang), size, "bold")]
            + [width_in(cell_text(v, lang), size) for v in rows[column]]
        )
        natural.append(widest / sheet.width + CELL_PAD + 0.001)  # + rounding slack
    fixed = sum(natural) - natural[_FLEXIBLE_COLUMN]
    if fixed > 0.8 * width:  # very long names: scale every column down (cells clip)
        return [w * width / sum(natural) for w in natural]
    # the deliverable column shrinks (its cells clip) but never grows past its text
    natural[_FLEXIBLE_COLUMN] = min(natural[_FLEXIBLE_COLUMN], width - fixed)
    return natural


def table_capacity(sheet: Sheet, top: float, bottom: float, size: float = 8.0) -> int:
    """Rows that fit in one panel between ``top`` and ``bottom`` (header excluded)."""
    return max(0, int((top - bottom) / sheet.line_height(size, 1.5)) - 1)


def draw_table(
    sheet: Sheet,
    rows: pd.DataFrame,
    lang: str,
    *,
    top: float,
    bottom: float,
    x0: float = 0.04,
    x1: float = 0.96,
    size: float = 8.0,
) -> tuple[int, float]:
    """Draw as many deliverable rows as fit, in one panel or two side by side.

    Returns
    -------
    (int, float)
        Rows drawn (the first ones of ``rows``) and the ``y`` below the table.
    """
    step = sheet.line_height(size, 1.5)
    capacity = table_capacity(sheet, top, bottom, size)
    panels = 1 if len(rows) <= min(capacity, TWO_PANELS_FROM) else 2
    panel_width = (x1 - x0 - PANEL_GAP * (panels - 1)) / panels
    shown = rows.iloc[: capacity * panels]
    widths = _column_widths(sheet, shown, lang, size, panel_width)
    lowest = top
    for panel in range(panels):
        chunk = shown.iloc[panel * capacity : (panel + 1) * capacity]
        if chunk.empty:
            break
        left = x0 + panel * (panel_width + PANEL_GAP)
        x = left
        for (column, key, align), width in zip(DELIVERABLE_COLUMNS, widths, strict=True):
            room = (width - CELL_PAD) * sheet.width
            anchor = x + width - CELL_PAD if align == "right" else x
            header = clip(t(key, lang), size, room, "bold")
            sheet.text(anchor, top, header, size, weight="bold", ha=align)
            y = top - step
            for value in chunk[column]:
                sheet.text(anchor, y, clip(cell_text(value, lang), size, room), size, ha=align)
                y -= step
            lowest = min(lowest, y)
            x += width
        sheet.rule(top - step + 0.004, left, left + sum(widths) - CELL_PAD)
    return len(shown), lowest


def draw_bullets(
    sheet: Sheet,
    items: Sequence[str],
    lang: str,
    *,
    top: float,
    bottom: float,
    x0: float = 0.04,
    width: float = 0.92,
    size: float = 10.0,
) -> float:
    """A bulleted list; items that do not fit above ``bottom`` become "+N more"."""
    indent = 0.018
    step = sheet.line_height(size)
    y = top
    if not items:
        return sheet.lines(x0, y, [t("briefing_none_stated", lang)], size, colour=MUTED)
    for i, item in enumerate(items):
        wrapped = wrap(item, size, (width - indent) * sheet.width)
        reserve = step if i < len(items) - 1 else 0.0  # room for a "+N more" line
        if y - step * len(wrapped) - reserve < bottom:
            more = t("briefing_more_items", lang, n=len(items) - i)
            return sheet.lines(x0, y, [more], size, colour=MUTED)
        sheet.text(x0, y, "•", size)
        y = sheet.lines(x0 + indent, y, wrapped, size) - 0.005
    return y
