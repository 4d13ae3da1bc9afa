"""What an indicator map shows: values, classes, colours, legend and the lines citing it.

One :class:`IndicatorMap` feeds the web map, the PNG export, the table exports and the
legend, so they cannot disagree. A change between two years of a series (and any
``change`` indicator) is classified around 0 with a diverging palette; other indicators
use a sequential ramp that darkens towards more need (or towards higher values when the
indicator has no need direction).

Also here: the units of the small-multiples strip, the strip figure itself, and the
coverage labels of the need table. All pure; geometry in EPSG:4326.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from geo import indicators, user_catalog
from geo.boundaries import Level, provinces_table, region_name, region_of, units
from geo.classify import Classes, classify, classify_diverging
from geo.i18n import t
from geo.indicators import Indicator
from geo.maps import REGION_LINE, SEQUENTIAL
from geo.numbers import format_number, plotly_separators
from geo.views import coverage_of

#: Colour of pilot outlines on indicator maps (web and PNG) and of region borders.
PILOT_OUTLINE = "#d00000"
REGION_OUTLINE = REGION_LINE
#: Legend colour code of an outline entry (see :class:`geo.maps.Legend`).
OUTLINE_PREFIX = "outline:"
STRIP_LIMIT = 12


def decimals_of(indicator: Indicator, *, change: bool = False) -> int:
    """Decimals a value of ``indicator`` is shown with (a change always with one)."""
    if change:
        return 1
    return {"score": 3, "change": 1, "density": 1, "rate": 1, "ratio": 3}.get(indicator.kind, 0)


def series_label(indicator: Indicator, lang: str) -> str:
    """The indicator's label without its year: ``"GDP per capita (TL)"``."""
    label = indicator.label(lang)
    if indicator.series and indicator.year:
        label = label.replace(f" {indicator.year}", "")
    return label


@dataclass(frozen=True)
class IndicatorMap:
    """Everything drawn and cited for one indicator (or one change) on one map.

    ``values`` covers every unit of ``level`` (NaN where missing); ``classes.index`` gives
    each unit's class, ``colours`` one colour per class, lowest class first.
    """

    indicator: Indicator
    first: Indicator | None
    level: Level
    values: pd.Series
    classes: Classes
    colours: list[str]
    title: str
    unit_text: str
    source: str
    caveat: str
    decimals: int
    #: What the legend must say besides the source (meaning of the rate, of a change).
    legend_caveat: str = ""

    @property
    def is_change(self) -> bool:
        return self.first is not None or self.indicator.kind == "change"

    def shown_values(self, lang: str) -> dict[str, str]:
        """Formatted value per unit in ``lang`` (``"veri yok"`` / ``"no data"`` if missing)."""
        suffix = " %" if self.first is not None else ""
        return {
            str(p): format_number(v, lang, self.decimals) + suffix
            if pd.notna(v)
            else t("missing_value", lang)
            for p, v in self.values.items()
        }

    def legend_items(
        self, lang: str, *, pilots: bool = True, regions: bool = False
    ) -> list[tuple[str, str]]:
        """(colour, label) per class, then "no data", pilots and region borders if drawn."""
        items = list(zip(self.colours, self.classes.labels, strict=True))
        if self.values.isna().any():
            items.append(("#ffffff", t("missing_value", self.lang_of(lang))))
        if pilots:
            items.append((f"{OUTLINE_PREFIX}{PILOT_OUTLINE}", t("pilot", lang)))
        if regions:
            items.append((f"{OUTLINE_PREFIX}{REGION_OUTLINE}", t("ind_legend_region", lang)))
        return items

    @staticmethod
    def lang_of(lang: str) -> str:
        return "en" if lang == "en" else "tr"

    def note(self, lang: str) -> str:
        """Source line, then the full caveat: under the PNG map and in every export."""
        text = f"{t('source_line', lang)}: {self.source}"
        return f"{text}. {t('caveat', lang)}: {self.caveat}" if self.caveat else text

    def legend_note(self, lang: str) -> str:
        """Source line and the short caveat: what the web map's legend holds."""
        text = f"{t('source_line', lang)}: {self.source}"
        return f"{text}. {self.legend_caveat}" if self.legend_caveat else text


def change_citation(first: Indicator, last: Indicator, lang: str) -> str:
    """Both years' source in one line: the publisher once, the edition once when shared.

    ``"TurkStat, … — Provincial GDP 2024 bulletin (…) (2020, 2024)"`` or
    ``"TurkStat, ADNKS — ADNKS 2021 (31 December) (2021); ADNKS 2025 (31 December) (2025)"``.
    """
    if first.citation(lang).split(" — ")[0] != last.citation(lang).split(" — ")[0]:
        return f"{first.citation(lang)}; {last.citation(lang)}"
    publisher = last.citation(lang).split(" — ")[0]
    a, b = first.edition_text(lang), last.edition_text(lang)
    if a == b:
        return f"{publisher} — {b} ({first.year}, {last.year})"
    return f"{publisher} — {a} ({first.year}); {b} ({last.year})"


def _tier_labels(labels: tuple[str, ...], lang: str) -> tuple[str, ...]:
    shown = [f"{t('tier_label', lang)} {c}" for c in labels]
    shown[0] += f" ({t('tier_best', lang)})"
    shown[-1] += f" ({t('tier_worst', lang)})"
    return tuple(shown)


def build_map(
    indicator: Indicator,
    lang: str,
    *,
    scheme: str = "quantiles",
    k: int = 5,
    first: Indicator | None = None,
    values: pd.Series | None = None,
) -> IndicatorMap:
    """Classify one indicator, or its change since ``first`` (an earlier year of its series).

    Parameters
    ----------
    scheme, k
        Classification of a single year (:func:`geo.classify.classify`); a change is
        always split at 0 (:func:`geo.classify.classify_diverging`, ``k`` classes).
    values : Series, optional
        The indicator's values when they do not come from the bundled catalog (a user
        indicator); reindexed to every unit of the level.
    """
    level: Level = indicator.level
    index = indicators.level_index(level)
    citation = indicator.citation(lang)
    caveats = [indicator.caveat(lang)] if indicator.caveat(lang) else []
    if first is not None:
        data = indicators.change_values(first.id, indicator.id).reindex(index)
        classes, colours = classify_diverging(data, k, lang=lang)
        title = t(
            "ind_change_title",
            lang,
            label=series_label(indicator, lang),
            first=first.year,
            last=indicator.year,
        )
        unit_text = t("ind_change_unit", lang)
        citation = change_citation(first, indicator, lang)
        notes = [t("ind_change_note", lang)]
        if indicator.kind == "money":
            notes.append(t("ind_change_nominal", lang))
        return IndicatorMap(
            indicator, first, level, data, classes, colours, title, unit_text, citation,
            " ".join([*caveats, *notes]), decimals_of(indicator, change=True), " ".join(notes),
        )  # fmt: skip
    data = (user_catalog.values_any(indicator.id) if values is None else values).reindex(index)
    notes = [indicator.legend_caveat(lang)] if indicator.legend_caveat(lang) else []
    if indicator.kind == "change":
        classes, colours = classify_diverging(data, k, lang=lang)
        caveats.append(t("ind_change_note", lang))
        notes.append(t("ind_change_note", lang))
    else:
        tiers = None if indicator.user else indicators.tiers_for(indicator.id)
        if scheme == "tiers" and tiers is None:
            scheme = "quantiles"
        classes = classify(data, scheme, k, tiers=tiers, lang=lang)
        n = len(classes.labels)
        # Darker always means more need: low scores, high ranks/tiers (tier 1 is lightest);
        # without a need direction, darker means higher.
        colours = list(SEQUENTIAL[6])[:n] if scheme == "tiers" else list(SEQUENTIAL[max(n, 2)])[:n]
        if scheme != "tiers" and indicators.need_of(indicator) == "lower":
            colours.reverse()
        if scheme == "tiers":
            classes = Classes(classes.index, _tier_labels(classes.labels, lang))
    return IndicatorMap(
        indicator, None, level, data, classes, colours, indicator.label(lang),
        indicator.unit(lang), citation, " ".join(caveats), decimals_of(indicator),
        " ".join(notes),
    )  # fmt: skip


# --------------------------------------------------------------------------- strip


def strip_units(selected: str | None, view: pd.DataFrame, level: Level) -> tuple[list[str], bool]:
    """Units of the small-multiples strip: the selected place at ``level``, else pilots.

    A selected district shows its province on a province indicator and its region on a
    regional one (the level is said in the panel title). Without a selection, the pilot
    units of ``view`` at ``level`` (themselves pilots, or holding pilots), at most
    :data:`STRIP_LIMIT`, in code order.

    Returns
    -------
    (list of str, bool)
        Unit keys, and whether they are the selected place (else the pilots).
    """
    if selected:
        key: str | None = None
        if level == "region":
            key = str(region_of(pd.Series([selected])).iloc[0])
        elif level == "province":
            key = selected[:6]
        elif len(selected) == 9:
            key = selected
        if key and key in indicators.level_index(level):
            return [key], True
    coverage = coverage_of(view, level)
    wanted = ("own", "districts", "members")
    covered = coverage.index[coverage["coverage"].isin(wanted)]
    return [str(p) for p in sorted(covered)[:STRIP_LIMIT]], False


def unit_label(key: str, level: Level) -> str:
    """Display name of a unit key at ``level``."""
    if level == "region":
        return region_name(key)
    if level == "province":
        return str(provinces_table().at[key, "province"])
    row = units().loc[key]
    return f"{row['district']}, {row['province']}"


def strip_figure(members: list[Indicator], keys: list[str], lang: str) -> go.Figure:
    """Small multiples: one panel per unit, its value in each year of the series.

    Each panel has the same y-axis and a dashed line for the median of all units of the
    level in each year, so panels compare with each other and with the country.
    """
    years = [m.year for m in members]
    table = pd.DataFrame({m.year: indicators.values(m.id) for m in members})
    median = table.median()
    cols = min(4, max(1, len(keys)))
    rows = -(-len(keys) // cols)
    level = members[0].level
    fig = make_subplots(
        rows=rows,
        cols=cols,
        shared_yaxes=True,
        subplot_titles=[unit_label(k, level) for k in keys],
        vertical_spacing=0.12 if rows > 1 else 0.2,
        horizontal_spacing=0.03,
    )
    decimals = decimals_of(members[-1])
    for i, key in enumerate(keys):
        row, col = i // cols + 1, i % cols + 1
        own = table.loc[key] if key in table.index else pd.Series(index=years, dtype=float)
        fig.add_scatter(
            x=years,
            y=median.tolist(),
            mode="lines",
            line={"color": "#868e96", "dash": "dash", "width": 1},
            name=t("ind_strip_median", lang),
            showlegend=i == 0,
            hoverinfo="skip",
            row=row,
            col=col,
        )
        fig.add_scatter(
            x=years,
            y=own.tolist(),
            mode="lines+markers",
            line={"color": "#31688e", "width": 2},
            name=unit_label(key, level),
            text=[format_number(v, lang, decimals) if pd.notna(v) else "" for v in own],
            hovertemplate="%{x}: %{text}<extra></extra>",
            showlegend=False,
            row=row,
            col=col,
        )
    fig.update_xaxes(tickvals=years, tickformat="d")
    fig.update_yaxes(separatethousands=True)
    fig.update_layout(
        height=140 + 170 * rows,
        margin={"l": 10, "r": 10, "t": 60, "b": 10},
        template="plotly_white",
        separators=plotly_separators(lang),
        title={"text": series_label(members[-1], lang), "x": 0, "font": {"size": 15}},
        legend={"orientation": "h", "y": 1.02, "x": 1, "xanchor": "right", "yanchor": "bottom"},
    )
    for annotation in fig.layout.annotations:
        annotation.font = {"size": 12}
    return fig


# --------------------------------------------------------------------------- need table


def need_table(
    spec: IndicatorMap,
    view: pd.DataFrame,
    ascending: bool,
    lang: str,
    *,
    only_uncovered: bool,
    n: int = 15,
) -> pd.DataFrame:
    """The highest-need table in ``lang``: names, value, coverage in words, projects."""
    from geo.views import highest_need

    table = highest_need(
        spec.values,
        coverage_of(view, spec.level),
        ascending,
        spec.level,
        n,
        only_uncovered=only_uncovered,
    )
    table["value"] = [format_number(v, lang, spec.decimals) for v in table["value"]]
    table["coverage"] = [t(f"ind_cov_{c}", lang) for c in table["coverage"]]
    headers = {
        "pcode": t("col_pcode", lang),
        "region": t("ind_col_region", lang),
        "province": t("col_province", lang),
        "district": t("col_district", lang),
        "value": f"{spec.title} ({spec.unit_text})",
        "coverage": t("ind_col_coverage", lang),
        "projects": t("ind_col_projects", lang),
    }
    return table.rename(columns=headers)


# --------------------------------------------------------------------------- unit panel


def related_rows(related: list[tuple[str, str, str, float]], lang: str) -> list[dict[str, str]]:
    """Rows of the unit panel for the values of containing units (``unit_detail["related"]``).

    Each label says whose value it is ("İl: Şanlıurfa", "Region (NUTS-2): TRC2 …"); an
    indicator whose meaning must be read with it (the within-region poverty rate) carries
    its short caveat beside its source.
    """
    catalog = indicators.catalog()
    rows = []
    for level, key, ind_id, value in related:
        ind = catalog[ind_id]
        place = unit_label(key, level)  # type: ignore[arg-type]
        source = f"{ind.edition_text(lang)} ({ind.year})"
        if ind.legend_caveat(lang):
            source += f". {ind.legend_caveat(lang)}"
        rows.append(
            {
                t("indicator", lang): f"{ind.label(lang)} — {t(f'level_{level}', lang)}: {place}",
                t("col_value", lang): format_number(value, lang, decimals_of(ind)),
                t("col_unit", lang): ind.unit(lang),
                t("source_line", lang): source,
            }
        )
    return rows
