"""The project timeline chart: phases as bars or open-ended markers, activities."""

from __future__ import annotations

from datetime import date

from geo.charts import timeline_chart
from geo.style import CATEGORICAL


def test_timeline_draws_dated_items_and_leaves_out_the_rest() -> None:
    phases = [
        {"label": "Aşama I", "start": "2011", "end": "2013-06"},
        {"label": "Aşama II", "start": None, "end": "2021-07"},
        {"label": "Aşama III", "start": None, "end": None},
    ]
    activities = [
        {"label": "Eğitim", "start": "2012-03-01", "end": "2012-03-05", "status_label": "Bitti"},
        {"label": "Toplantı " + "x" * 70, "start": "2012-05-02", "end": None},
        {"label": "Tarihsiz", "start": None, "end": None},
    ]
    fig = timeline_chart(phases, activities, "Zaman", "→")
    assert fig is not None
    traces = {trace.y[0]: trace for trace in fig.data}
    assert len(fig.data) == 4 and "Aşama III" not in traces and "Tarihsiz" not in traces
    first = traces["Aşama I"]
    assert first.mode == "lines" and first.line.color == CATEGORICAL[0]
    assert list(first.x) == [date(2011, 1, 1), date(2013, 6, 30)]
    open_ended = traces["Aşama II"]
    assert open_ended.mode == "markers" and open_ended.marker.symbol == "triangle-left"
    assert "→ 2021-07" in open_ended.hovertemplate
    assert traces["Eğitim"].mode == "lines" and "Bitti" in traces["Eğitim"].hovertemplate
    short = next(label for label in traces if label.startswith("Toplantı"))
    assert len(short) == 58 and short.endswith("…")
    assert traces[short].marker.symbol == "diamond"
    assert fig.layout.yaxis.autorange == "reversed"


def test_timeline_of_nothing_dated_is_none() -> None:
    undated = [{"label": "Aşama", "start": None, "end": None}]
    assert timeline_chart(undated, [], "Zaman", "→") is None
