"""Plotly figures: deliverable status, project timeline, need versus coverage.

Figures are built from tables with labels already in the chosen language; tests inspect
``fig.to_dict()``. Colours follow the colour-blind-safe palettes of :mod:`geo.maps`.
"""

from __future__ import annotations

from datetime import date

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

from geo.maps import CATEGORICAL

STATUS_COLOURS = {
    "completed": "#009E73",
    "in_progress": "#E69F00",
    "planned": "#56B4E9",
    "not_reported": "#999999",
}
STATUS_ORDER = ("completed", "in_progress", "planned", "not_reported")
#: Every figure of the app uses this template. As the default, plotly applies it when a
#: figure is created without validating it again; passing ``template=`` to each figure
#: validated the whole template every time (~20 ms a figure, most of a page's rerun).
pio.templates.default = "plotly_white"


def _layout(fig: go.Figure, title: str, height: int) -> go.Figure:
    fig.update_layout(
        title={"text": title, "x": 0, "font": {"size": 15}},
        height=height,
        margin={"l": 10, "r": 10, "t": 40, "b": 10},
        legend={"orientation": "h", "y": -0.15},
    )
    return fig


def status_chart(deliverables: pd.DataFrame, title: str, axis_label: str) -> go.Figure:
    """Stacked horizontal bars: quantity of each deliverable type by status.

    Parameters
    ----------
    deliverables : DataFrame
        :func:`geo.views.deliverable_view` rows (``deliverable_label, status,
        status_label, quantity``).
    """
    fig = go.Figure()
    totals = deliverables.groupby("deliverable_label")["quantity"].sum().sort_values()
    for status in STATUS_ORDER:
        rows = deliverables[deliverables["status"] == status]
        if rows.empty:
            continue
        sums = rows.groupby("deliverable_label")["quantity"].sum().reindex(totals.index)
        fig.add_bar(
            y=list(sums.index),
            x=sums.fillna(0).tolist(),
            name=str(rows["status_label"].iloc[0]),
            orientation="h",
            marker_color=STATUS_COLOURS[status],
            hovertemplate="%{y}: %{x}<extra>%{fullData.name}</extra>",
        )
    fig.update_layout(barmode="stack", xaxis_title=axis_label)
    return _layout(fig, title, max(260, 60 + 34 * len(totals)))


def _as_date(text: str | None, *, end: bool = False) -> date | None:
    """ISO ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` as a date (start or end of the period)."""
    if not text:
        return None
    parts = [int(p) for p in str(text).split("-")]
    if len(parts) == 3:
        return date(parts[0], parts[1], parts[2])
    if len(parts) == 2:
        if not end:
            return date(parts[0], parts[1], 1)
        next_month = date(parts[0] + parts[1] // 12, parts[1] % 12 + 1, 1)
        return date.fromordinal(next_month.toordinal() - 1)
    return date(parts[0], 12, 31) if end else date(parts[0], 1, 1)


def timeline_chart(
    phases: list[dict], activities: list[dict], title: str, open_end_label: str
) -> go.Figure | None:
    """Gantt-style chart of phases (bars) and dated activities (bars or diamonds).

    ``phases``/``activities`` are dicts with ``label``, ``start``, ``end`` (ISO text or
    ``None``) and, for activities, ``status_label``. Items without any date are left out
    (the page lists them); a missing end or start draws a marker only. Returns ``None``
    when nothing is dated.
    """
    traces = [
        _phase_trace(item, CATEGORICAL[i % len(CATEGORICAL)], open_end_label)
        for i, item in enumerate(phases)
    ]
    traces += [_activity_trace(item) for item in activities]
    drawn = [trace for trace in traces if trace is not None]
    if not drawn:
        return None
    fig = go.Figure(drawn)
    fig.update_yaxes(autorange="reversed")
    fig.update_layout(showlegend=False)
    return _layout(fig, title, max(220, 70 + 30 * len(drawn)))


def _span(x: list[date], label: str, width: int, colour: str, hover: str) -> go.Scatter:
    """A bar from ``x[0]`` to ``x[1]`` on the row ``label``."""
    return go.Scatter(
        x=x,
        y=[label, label],
        mode="lines",
        line={"width": width, "color": colour},
        name=label,
        hovertemplate=hover,
    )


def _mark(when: date, label: str, marker: dict, hover: str) -> go.Scatter:
    """A single marker on the row ``label`` (an open-ended phase, a one-day activity)."""
    return go.Scatter(
        x=[when], y=[label], mode="markers", marker=marker, name=label, hovertemplate=hover
    )


def _phase_trace(item: dict, colour: str, open_end_label: str) -> go.Scatter | None:
    """A phase's bar, or a triangle at its only stated date; None when undated."""
    start, end = _as_date(item.get("start")), _as_date(item.get("end"), end=True)
    label = item["label"]
    if start and end:
        hover = f"{label}: {item.get('start')} – {item.get('end')}<extra></extra>"
        return _span([start, end], label, 18, colour, hover)
    if not (start or end):
        return None
    text = item.get("start") or f"{open_end_label} {item.get('end')}"
    symbol = "triangle-left" if end else "triangle-right"
    marker = {"size": 14, "symbol": symbol, "color": colour}
    return _mark(start or end, label, marker, f"{label}: {text}<extra></extra>")


def _activity_trace(item: dict) -> go.Scatter | None:
    """An activity's bar (a period) or diamond (a day); None without a start date."""
    start, end = _as_date(item.get("start")), _as_date(item.get("end"), end=True)
    if not start:
        return None
    hover = (
        f"{item['label']}: {item.get('date_text', '')}<extra>{item.get('status_label', '')}</extra>"
    )
    label = item["label"] if len(item["label"]) <= 60 else item["label"][:57] + "…"
    if end and end > start:
        return _span([start, end], label, 10, "#555555", hover)
    return _mark(start, label, {"size": 12, "symbol": "diamond", "color": "#555555"}, hover)


def need_chart(
    values: pd.Series,
    pilot: pd.Series,
    labels: pd.Series,
    *,
    title: str,
    axis_label: str,
    pilot_name: str,
    other_name: str,
) -> go.Figure:
    """Box plots with all points: the indicator for pilot units versus all other units."""
    fig = go.Figure()
    for flag, name, colour in ((True, pilot_name, "#D55E00"), (False, other_name, "#0072B2")):
        subset = values[pilot.reindex(values.index).fillna(False) == flag].dropna()
        fig.add_trace(
            go.Box(
                x=subset.tolist(),
                name=f"{name} (n={len(subset)})",
                boxpoints="all",
                jitter=0.4,
                pointpos=0,
                marker={"color": colour, "size": 5, "opacity": 0.6},
                line={"color": colour},
                text=labels.reindex(subset.index).tolist(),
                hovertemplate="%{text}: %{x}<extra></extra>",
                orientation="h",
            )
        )
    fig.update_layout(xaxis_title=axis_label, showlegend=False)
    return _layout(fig, title, 300)
