"""Text on a printed page: fonts, measured widths, wrapping, and a top-down writer.

Positions are figure fractions (0–1 from the bottom left); widths are measured in
inches from the font's outlines, so wrapping does not depend on a renderer.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

import matplotlib
from matplotlib.backends.backend_pdf import PdfPages
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.lines import Line2D
from matplotlib.textpath import text_to_path

FONT = "DejaVu Sans"
INK = "#212529"
MUTED = "#495057"
FAINT = "#6c757d"
RULE = "#dee2e6"
PAPER = "#ffffff"
#: Height of DejaVu Sans capitals above the baseline, in ems.
ASCENT = 0.76
#: Measured text widths are scaled by this, to stay inside their box once hinted.
WIDTH_MARGIN = 1.03


def font(size: float, weight: str = "normal", style: str = "normal") -> FontProperties:
    """DejaVu Sans at ``size`` points."""
    return FontProperties(family=FONT, size=size, weight=weight, style=style)


@lru_cache(maxsize=65536)
def width_in(text: str, size: float, weight: str = "normal") -> float:
    """Printed width of ``text`` in inches, from the font's unhinted outline metrics.

    Raster output hints glyphs, which makes long lines up to about 2 % wider, so the
    result carries a small margin (:data:`WIDTH_MARGIN`). Remembered: word wrapping
    measures the same prefixes and footers again on every page and every export.
    """
    if not text:
        return 0.0
    width, _, _ = text_to_path.get_text_width_height_descent(text, font(size, weight), ismath=False)
    return width / 72.0 * WIDTH_MARGIN


def clip(
    text: str, size: float, room_in: float, weight: str = "normal", *, more: bool = False
) -> str:
    """``text`` shortened with an ellipsis to fit ``room_in`` inches (always if ``more``)."""
    if not more and width_in(text, size, weight) <= room_in:
        return text
    cut = text
    while cut and width_in(cut.rstrip() + "…", size, weight) > room_in:
        cut = cut[:-1]
    return cut.rstrip() + "…"


def wrap(
    text: str, size: float, room_in: float, weight: str = "normal", max_lines: int = 0
) -> list[str]:
    """Greedy word wrap by measured width; at most ``max_lines`` lines (0: no limit)."""
    lines: list[str] = []
    for paragraph in str(text).splitlines() or [""]:
        current = ""
        for word in paragraph.split():
            trial = f"{current} {word}" if current else word
            if current and width_in(trial, size, weight) > room_in:
                lines.append(current)
                current = word
            else:
                current = trial
        lines.append(current)
    lines = [clip(line, size, room_in, weight) for line in lines]
    if max_lines and len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = clip(lines[-1], size, room_in, weight, more=True)
    return lines


class Sheet:
    """Writes text on a figure in figure fractions, top-down, measured in inches."""

    def __init__(self, fig: Figure) -> None:
        self.fig = fig
        self.width, self.height = (float(v) for v in fig.get_size_inches())

    def line_height(self, size: float, spacing: float = 1.35) -> float:
        return size * spacing / 72.0 / self.height

    def text(
        self,
        x: float,
        y: float,
        text: str,
        size: float,
        *,
        weight: str = "normal",
        style: str = "normal",
        colour: str = INK,
        ha: str = "left",
        va: str = "top",
    ) -> None:
        """Draw one line. ``va="top"`` places the line's ascent at ``y`` and draws on the
        baseline below it, so lines with and without accented capitals (İ, Ç, Ş) align."""
        if va == "top":
            y -= ASCENT * size / 72.0 / self.height
            va = "baseline"
        self.fig.text(
            x,
            y,
            text,
            fontproperties=font(size, weight, style),
            color=colour,
            ha=ha,
            va=va,
            parse_math=False,
            usetex=False,
        )

    def lines(
        self,
        x: float,
        y: float,
        lines: Sequence[str],
        size: float,
        spacing: float = 1.35,
        **style: Any,
    ) -> float:
        """Draw ``lines`` from ``y`` down; return the ``y`` below the block."""
        for line in lines:
            self.text(x, y, line, size, **style)
            y -= self.line_height(size, spacing)
        return y

    def paragraph(
        self,
        x: float,
        y: float,
        text: str,
        size: float,
        width: float,
        *,
        max_lines: int = 0,
        **style: Any,
    ) -> float:
        """Wrap ``text`` to ``width`` (figure fraction) and draw it; return the next ``y``."""
        wrapped = wrap(text, size, width * self.width, style.get("weight", "normal"), max_lines)
        return self.lines(x, y, wrapped, size, **style)

    def rule(self, y: float, x0: float = 0.04, x1: float = 0.96) -> None:
        self.fig.add_artist(Line2D([x0, x1], [y, y], color=RULE, linewidth=0.8, zorder=0))

    def footer(
        self,
        source_lines: Sequence[str],
        disclaimer: str,
        *,
        page: str = "",
        x0: float = 0.04,
        x1: float = 0.96,
        bottom: float = 0.025,
        size: float = 8.0,
        max_lines: int = 3,
    ) -> float:
        """Sources and the boundary disclaimer at the page foot; return the block's top.

        Each source line wraps to at most ``max_lines`` lines.

        ``page`` reserves room at the right for a page label drawn later
        (:meth:`page_label`), once the number of pages is known.
        """
        page_width = width_in(page, size) / self.width + 0.02 if page else 0.0
        room = (x1 - x0 - page_width) * self.width
        wrapped: list[tuple[str, str]] = []
        for line in source_lines:
            wrapped += [(w, "normal") for w in wrap(line, size, room, max_lines=max_lines)]
        # The disclaimer is set apart by colour, not italics: an oblique face would be a
        # third font to embed, about a third more time to write a PDF.
        wrapped += [(w, "disclaimer") for w in wrap(disclaimer, size, room, max_lines=2)]
        step = self.line_height(size, 1.3)
        top = bottom + step * len(wrapped)
        y = top
        for line, style in wrapped:
            self.text(x0, y, line, size, colour=MUTED if style == "normal" else FAINT)
            y -= step
        self.rule(top + 0.012, x0, x1)
        return top + 0.012

    def page_label(
        self, label: str, *, x1: float = 0.96, bottom: float = 0.025, size: float = 8.0
    ) -> None:
        """The page number at the foot's right, where :meth:`footer` left room."""
        self.text(x1, bottom + self.line_height(size, 1.3), label, size, colour=MUTED, ha="right")


def pdf_bytes(sheets: Sequence[Sheet], metadata: dict[str, str]) -> bytes:
    """The sheets as one PDF, a page each, fonts embedded as TrueType (Type 42).

    Type 42 fonts keep a Unicode map, so the text (Turkish letters included) can be
    searched and extracted. The setting is read while pages are written, hence the
    context around the writing.
    """
    buffer = io.BytesIO()
    with matplotlib.rc_context({"pdf.fonttype": 42}), PdfPages(buffer, metadata=metadata) as pdf:
        for sheet in sheets:
            pdf.savefig(sheet.fig)
    return buffer.getvalue()
