"""One source for the colours, legends and number formats of every map.

The web map (:mod:`geo.maps`), the PNG and the PDF (:mod:`geo.figures`) and the
standalone HTML read their palettes, legend entries and number formats from here, so a
colour or a legend label changes everywhere at once.
"""

from __future__ import annotations

from dataclasses import dataclass
from numbers import Integral

from geo.i18n import t
from geo.numbers import format_number

#: Okabe–Ito palette: distinguishable with the common colour-vision deficiencies.
CATEGORICAL = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442")
#: Viridis steps (colour-blind safe, prints in greyscale), light to dark.
SEQUENTIAL = {
    2: ("#7ad151", "#2a788e"),
    3: ("#a5db36", "#22a884", "#414487"),
    4: ("#bddf26", "#2ab07f", "#2e6f8e", "#482475"),
    5: ("#d2e21b", "#52c569", "#1f988b", "#355f8d", "#471164"),
    6: ("#dde318", "#7ad151", "#22a884", "#2a788e", "#414487", "#440154"),
    7: ("#e5e419", "#90d743", "#35b779", "#21918c", "#31688e", "#443983", "#440154"),
}
#: 1, 2, 3+ project-phases: viridis steps dark enough to stand out from the grey base.
COVERAGE_COLOURS = ("#35b779", "#31688e", "#440154")
#: Units that are not pilots, and their borders.
BASE_FILL = "#e9ecef"
BASE_LINE = "#adb5bd"
#: Units with no value on an indicator map.
MISSING_FILL = "#ffffff"
#: Pilot units outlined on an indicator map.
PILOT_OUTLINE = "#d00000"
#: The selected unit's outline on the web map (Leaflet path options).
SELECTION_STYLE = {"color": PILOT_OUTLINE, "weight": 4, "dashArray": "6 4"}
#: Province borders over the districts, and the border of a pilot district (print).
PROVINCE_LINE = "#868e96"
PILOT_LINE = "#343a40"
#: Place-name labels: dark text with a white halo, readable on every fill.
LABEL_INK = "#212529"
LABEL_HALO = "#ffffff"
#: Prefix of a legend colour drawn as a ring (an outlined unit) instead of a swatch.
OUTLINE = "outline:"
#: NUTS-2 region borders drawn over any map (web, PNG, PDF, HTML).
REGION_LINE = "#212529"
#: Decimals shown per indicator kind; counts and ranks are whole numbers.
DECIMALS = {"score": 3, "change": 1, "density": 1}


@dataclass
class Legend:
    """A map legend: title, (colour, label) items and an optional note (sources)."""

    title: str
    items: list[tuple[str, str]]  # (colour, label); colour "outline:#hex" draws a ring
    note: str = ""


def phase_colours(phase_ids: list[str]) -> dict[str, str]:
    """A colour-blind-safe colour per phase id, stable in the given order."""
    return {pid: CATEGORICAL[i % len(CATEGORICAL)] for i, pid in enumerate(phase_ids)}


def coverage_colour(n_phases: int) -> str:
    """Fill of a unit covered by ``n_phases`` project-phases (1, 2, 3 or more)."""
    return COVERAGE_COLOURS[min(max(int(n_phases), 1), 3) - 1]


def coverage_legend(lang: str, *, province_sites: bool, note: str = "") -> Legend:
    """Legend of the coverage map: not a pilot, 1, 2, 3+, and the province outline
    when province-level pilots are drawn."""
    province = t("legend_province_site", lang) if province_sites else None
    return Legend(
        t("legend_coverage", lang), coverage_items(t("legend_not_pilot", lang), province), note
    )


def coverage_items(none_label: str, province_label: str | None) -> list[tuple[str, str]]:
    """Items of the coverage legend with the given labels (no province entry if None)."""
    items = [(BASE_FILL, none_label)]
    items += [(COVERAGE_COLOURS[i], label) for i, label in enumerate(("1", "2", "3+"))]
    if province_label is not None:
        items.append((OUTLINE + COVERAGE_COLOURS[0], province_label))
    return items


def phase_legend(
    phases: list[tuple[str, str]],
    colours: dict[str, str],
    lang: str,
    *,
    province_sites: bool = False,
    note: str = "",
) -> Legend:
    """Legend of a project map: one entry per ``(phase id, label)`` drawn, then the
    province outline when province-level pilots are drawn."""
    items = [(BASE_FILL, t("legend_not_pilot", lang))]
    items += [(colours.get(pid, CATEGORICAL[0]), label) for pid, label in phases]
    if province_sites:
        items.append((OUTLINE + PILOT_LINE, t("legend_province_site", lang)))
    return Legend(t("phase_legend", lang), items, note)


def number_text(value: float | int | None, lang: str, decimals: int | None = None) -> str:
    """A number for people to read: :func:`geo.numbers.format_number` (Babel/CLDR).

    Whole numbers never get decimals (``54``, not ``54.0``); integer types never do,
    even with ``decimals``. Missing values give :data:`geo.numbers.MISSING`.
    """
    if isinstance(value, Integral) and not isinstance(value, bool):
        decimals = None
    return format_number(value, lang, decimals)


def region_legend_item(lang: str) -> tuple[str, str]:
    """The legend entry of the NUTS-2 region borders (a ring in :data:`REGION_LINE`)."""
    return (f"{OUTLINE}{REGION_LINE}", t("ind_legend_region", lang))
