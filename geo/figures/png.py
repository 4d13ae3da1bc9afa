"""The map PNG: title, filter line, date, the pilot map with place names and a metric
scale, a complete legend, the sources and the boundary disclaimer."""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import replace
from datetime import date

import pandas as pd
from matplotlib.figure import Figure

from geo.boundaries import BOUNDARY_SOURCE
from geo.figures.mapdraw import (
    Bounds,
    MapKind,
    draw_legend,
    draw_units,
    legend_grid,
    map_layers,
    scale_bar,
)
from geo.figures.sheet import MUTED, PAPER, Sheet, clip, width_in
from geo.i18n import t
from geo.numbers import format_date

#: 12 x 8 inches: 1800 x 1200 pixels at the default 150 dpi.
PNG_SIZE_IN = (12.0, 8.0)
#: zlib level of the PNG: level 1 writes about ten times faster than the default 6 for
#: a file about a third larger (flat map colours compress well either way).
PNG_COMPRESSION = 1


def map_png(
    view: pd.DataFrame,
    title: str,
    filters_text: str,
    lang: str,
    *,
    kind: MapKind = "coverage",
    colours: dict[str, str] | None = None,
    legend: Sequence[tuple[str, str]] | None = None,
    legend_title: str | None = None,
    sources: Sequence[str] = (),
    dpi: int = 150,
    focus: Bounds | None = None,
    labels: bool = True,
    regions: bool = False,
) -> bytes:
    """A print-ready PNG of the pilot map, drawn without a browser.

    Parameters
    ----------
    view : DataFrame
        :func:`geo.views.site_view` rows of the export's scope.
    title : str
        Heading printed above the map.
    filters_text : str
        The scope in words (see :func:`geo.scope.scope_text`).
    lang : {"tr", "en"}
        Language of the fixed labels.
    kind : {"coverage", "phase"}
        ``"coverage"`` colours units by the number of project-phases covering them;
        ``"phase"`` colours them by phase (:func:`geo.figures.mapdraw.map_layers`).
    colours : dict, optional
        Phase id → colour for ``kind="phase"``; default :func:`geo.style.phase_colours`.
    legend, legend_title : optional
        Replace the legend built from the view (:mod:`geo.style`); a colour
        ``"outline:#hex"`` draws a ring.
    sources : sequence of str
        Titles of the seed documents, printed after the boundary source.
    dpi : int
        Resolution; the figure is 12 x 8 inches (1800 x 1200 pixels at 150 dpi).
    focus : ((south, west), (north, east)), optional
        Degrees to frame; default the whole country.
    labels : bool
        Write place names (provinces; districts too on a close frame).
    regions : bool
        Draw the NUTS-2 region borders on top (with a legend entry).

    Returns
    -------
    bytes
        The PNG file. Its text chunks hold ``Title``, ``Description`` (the filter line)
        and ``Units`` (the P-codes drawn as pilots, space-separated).
    """
    fig = Figure(figsize=PNG_SIZE_IN, dpi=dpi, facecolor=PAPER)
    sheet = Sheet(fig)
    layers = map_layers(view, kind, colours, lang, regions=regions)
    shown = layers.legend
    if legend is not None:
        shown = replace(shown, items=list(legend))
    if legend_title is not None:
        shown = replace(shown, title=legend_title)
    footer_top = _frame_texts(sheet, title, filters_text, lang, sources)
    ncols, rows = legend_grid(shown.items, size=10.0, room_in=0.94 * sheet.width)
    legend_top = footer_top + 0.03 + (rows + 1) * sheet.line_height(10, 1.75)
    ax = fig.add_axes((0.02, legend_top + 0.01, 0.96, 0.84 - legend_top - 0.01))
    draw_units(ax, layers, focus, labels=labels)
    scale_bar(ax, lang=lang)
    draw_legend(fig, shown, anchor=(0.03, legend_top), ncols=ncols)
    buffer = io.BytesIO()
    metadata = {
        "Title": title,
        "Description": filters_text,
        # Which units the map shows, so a reader (or a test) can check the file's scope.
        "Units": " ".join(layers.units),
    }
    fig.savefig(
        buffer,
        format="png",
        dpi=dpi,
        facecolor=PAPER,
        metadata=metadata,
        pil_kwargs={"compress_level": PNG_COMPRESSION},
    )
    return buffer.getvalue()


def _frame_texts(
    sheet: Sheet, title: str, filters_text: str, lang: str, sources: Sequence[str]
) -> float:
    """Title, date and filter line at the top, sources and disclaimer at the foot;
    return the top of the footer."""
    stamp = t("briefing_date", lang, date=format_date(date.today(), lang))
    stamp_width = width_in(stamp, 11) / sheet.width
    sheet.text(0.97, 0.955, stamp, 11, colour=MUTED, ha="right")
    heading = clip(title, 19, (0.91 - stamp_width) * sheet.width, "bold")
    sheet.text(0.03, 0.955, heading, 19, weight="bold")
    line = t("briefing_filters", lang, text=filters_text)
    sheet.paragraph(0.03, 0.905, line, 11, 0.94, max_lines=2, colour=MUTED)
    return sheet.footer(
        [f"{t('briefing_sources', lang)}: " + "; ".join([BOUNDARY_SOURCE["name"], *sources])],
        BOUNDARY_SOURCE[f"disclaimer_{'en' if lang == 'en' else 'tr'}"],
        x0=0.03,
        x1=0.97,
        size=8.5,
    )
