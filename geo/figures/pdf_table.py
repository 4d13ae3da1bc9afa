"""Tables and bulleted lists on PDF pages, measured so that nothing is cut.

A table fills one or two panels side by side between a top and a bottom (or, with
wrapped cells, one panel across the width); the caller gets back how many rows were
drawn and continues the rest on a further page, so every row is printed. The briefing
and the place one-pager both draw their tables here.
"""

from __future__ import annotations

from collections.abc import Sequence
from numbers import Real

import pandas as pd

from geo.figures.sheet import MUTED, Sheet, clip, width_in, wrap
from geo.i18n import t
from geo.style import number_text

#: A table column: (frame column, label key, alignment "left" or "right").
Column = tuple[str, str, str]
#: The briefing's deliverable table; the deliverable column takes the spare width.
DELIVERABLE_COLUMNS: tuple[Column, ...] = (
    ("province", "col_province", "left"),
    ("district", "col_district", "left"),
    ("deliverable_label", "col_deliverable", "left"),
    ("quantity", "col_quantity", "right"),
    ("status_label", "col_status", "left"),
)
CELL_PAD = 0.012  # figure fraction between columns
PANEL_GAP = 0.03
#: Two panels side by side once a table is longer than this many rows.
TWO_PANELS_FROM = 12
#: Line spacing inside a wrapped cell, and the gap between wrapped rows (in ems).
WRAP_SPACING = 1.2
ROW_GAP = 0.35


def cell_text(value: object, lang: str) -> str:
    """A cell as printed: numbers in the language's format (whole numbers without
    decimals), missing values empty."""
    if value is None or (isinstance(value, Real) and pd.isna(value)):
        return ""
    if isinstance(value, Real) and not isinstance(value, bool):
        return number_text(value, lang)
    return str(value)


def _natural_widths(
    sheet: Sheet, rows: pd.DataFrame, lang: str, size: float, columns: Sequence[Column]
) -> list[float]:
    """Width (figure fraction) of each column's widest cell or header, on one line."""
    natural = []
    for column, key, _ in columns:
        widest = max(
            [width_in(t(key, lang), size, "bold")]
            + [width_in(cell_text(v, lang), size) for v in rows[column]]
        )
        natural.append(widest / sheet.width + CELL_PAD + 0.001)  # + rounding slack
    return natural


def _column_widths(
    sheet: Sheet,
    rows: pd.DataFrame,
    lang: str,
    size: float,
    *,
    width: float,
    columns: Sequence[Column],
    flexible: int,
) -> list[float]:
    """Column widths (figure fractions) fitting in ``width`` for one-line cells."""
    natural = _natural_widths(sheet, rows, lang, size, columns)
    fixed = sum(natural) - natural[flexible]
    if fixed > 0.8 * width:  # very long names: scale every column down (cells clip)
        return [w * width / sum(natural) for w in natural]
    # the flexible column shrinks (its cells clip) but never grows past its text
    natural[flexible] = min(natural[flexible], width - fixed)
    return natural


def _longest_word(text: str, size: float, weight: str = "normal") -> float:
    return max((width_in(word, size, weight) for word in text.split()), default=0.0)


def _wrapped_widths(
    sheet: Sheet, rows: pd.DataFrame, lang: str, size: float, *, width: float, columns
) -> list[float]:
    """Widths filling ``width`` for wrapped cells: every column gets at least its
    longest word; then, cheapest first, columns that can be put on one line with no
    more than an even share of the room left get it (a short tier column should not
    wrap while a long name has room to spare), and the rest is shared in proportion to
    what the remaining columns need on one line."""
    natural = _natural_widths(sheet, rows, lang, size, columns)
    least = []
    for column, key, _ in columns:
        words = [_longest_word(t(key, lang), size, "bold")]
        words += [_longest_word(cell_text(v, lang), size) for v in rows[column]]
        least.append(max(words) / sheet.width + CELL_PAD + 0.001)
    if sum(least) >= width:  # cannot happen with sane texts; words then clip
        return [w * width / sum(least) for w in least]
    extra = [max(n - m, 0.0) for n, m in zip(natural, least, strict=True)]
    if sum(natural) <= width or not sum(extra):  # everything fits: spread the spare room
        return [n * width / sum(natural) for n in natural]
    widths = list(least)
    spare = width - sum(least)
    waiting = sorted((i for i, e in enumerate(extra) if e > 0), key=lambda i: extra[i])
    while waiting and extra[waiting[0]] <= spare / len(waiting):
        i = waiting.pop(0)
        widths[i] += extra[i]
        spare -= extra[i]
    need = sum(extra[i] for i in waiting)
    for i in waiting:
        widths[i] += spare * extra[i] / need
    return widths


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
    columns: Sequence[Column] = DELIVERABLE_COLUMNS,
    flexible: int = 2,
    max_lines: int = 1,
) -> tuple[int, float]:
    """Draw as many rows as fit, in one panel or two side by side.

    ``columns`` name the frame's columns, their header label keys and alignment. With
    ``max_lines`` 1 every cell is one line (clipped with an ellipsis), the column
    ``flexible`` takes the spare width, and a long table uses two panels. With more,
    cells wrap to that many lines in one panel across the full width.

    Returns
    -------
    (int, float)
        Rows drawn (the first ones of ``rows``) and the ``y`` below the table.
    """
    if max_lines > 1:
        widths = _wrapped_widths(sheet, rows, lang, size, width=x1 - x0, columns=columns)
        return _wrapped_panel(
            sheet,
            rows,
            lang,
            widths,
            columns=columns,
            span=(x0, top, bottom),
            size=size,
            max_lines=max_lines,
        )
    return _clipped_panels(
        sheet, rows, lang, columns=columns, flexible=flexible, span=(x0, x1, top, bottom), size=size
    )


def _clipped_panels(
    sheet: Sheet,
    rows: pd.DataFrame,
    lang: str,
    *,
    columns: Sequence[Column],
    flexible: int,
    span: tuple[float, float, float, float],
    size: float,
) -> tuple[int, float]:
    """One-line cells in one panel, or two side by side for a long table; ``span`` is
    (left, right, top, bottom)."""
    x0, x1, top, bottom = span
    step = sheet.line_height(size, 1.5)
    capacity = table_capacity(sheet, top, bottom, size)
    panels = 1 if len(rows) <= min(capacity, TWO_PANELS_FROM) else 2
    panel_width = (x1 - x0 - PANEL_GAP * (panels - 1)) / panels
    shown = rows.iloc[: capacity * panels]
    widths = _column_widths(
        sheet, shown, lang, size, width=panel_width, columns=columns, flexible=flexible
    )
    lowest = top
    for panel in range(panels):
        chunk = shown.iloc[panel * capacity : (panel + 1) * capacity]
        if chunk.empty:
            break
        left = x0 + panel * (panel_width + PANEL_GAP)
        x = left
        for (column, key, align), width in zip(columns, widths, strict=True):
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


def _wrapped_panel(
    sheet: Sheet,
    rows: pd.DataFrame,
    lang: str,
    widths: list[float],
    *,
    columns: Sequence[Column],
    span: tuple[float, float, float],
    size: float,
    max_lines: int,
) -> tuple[int, float]:
    """Header and rows with wrapped cells, each row as tall as its tallest cell; rows
    that would cross the bottom of ``span`` (left, top, bottom) are left for the caller."""
    x0, top, bottom = span
    lead, gap = sheet.line_height(size, WRAP_SPACING), ROW_GAP * size / 72.0 / sheet.height
    rooms = [(w - CELL_PAD) * sheet.width for w in widths]
    lefts = [x0 + sum(widths[:i]) for i in range(len(widths))]

    def draw_row(cells: list[list[str]], y: float, weight: str) -> float:
        for lines, (_, _, align), left, width in zip(cells, columns, lefts, widths, strict=True):
            anchor = left + width - CELL_PAD if align == "right" else left
            sheet.lines(anchor, y, lines, size, WRAP_SPACING, weight=weight, ha=align)
        return y - max(len(c) for c in cells) * lead - gap

    header = [
        wrap(t(k, lang), size, r, "bold", 2) for (_, k, _), r in zip(columns, rooms, strict=True)
    ]
    y = draw_row(header, top, "bold")
    sheet.rule(y + gap / 2, x0, x0 + sum(widths) - CELL_PAD)
    drawn = 0
    for values in rows[[c for c, _, _ in columns]].itertuples(index=False, name=None):
        cells = [
            wrap(cell_text(v, lang), size, r, max_lines=max_lines)
            for v, r in zip(values, rooms, strict=True)
        ]
        if y - max(len(c) for c in cells) * lead < bottom:
            break
        y = draw_row(cells, y, "normal")
        drawn += 1
    return drawn, y


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
