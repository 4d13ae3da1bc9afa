"""The benchmark's own logic, without running a benchmark (no server, no browser)."""

from __future__ import annotations

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from benchmarks import firstvisit, loadtest
from benchmarks.browser import Request, Visit, waterfall
from benchmarks.firstvisit import PageVisits, byte_groups, critical_path, table


def _viewer() -> loadtest.Viewer:
    return loadtest.Viewer("http://127.0.0.1:1", loadtest.Stats(), timeout=1)


def _delta(fill) -> bytes:
    msg = ForwardMsg()
    fill(msg.delta.new_element)
    return msg.SerializeToString()


def test_viewer_learns_the_filter_widget_and_query_like_a_browser() -> None:
    viewer = _viewer()
    session = ForwardMsg()
    session.new_session.page_script_hash = "abc"
    assert not viewer.read(session.SerializeToString())

    def multiselect(element) -> None:
        element.multiselect.id = "$$ID-1234-f_project"
        element.multiselect.options.extend(["Sivil Gözetim", "EKOSEP"])

    assert not viewer.read(_delta(multiselect))
    info = ForwardMsg()
    info.page_info_changed.query_string = "project=ekosep"
    viewer.read(info.SerializeToString())
    finished = ForwardMsg()
    finished.script_finished = ForwardMsg.FINISHED_SUCCESSFULLY
    assert viewer.read(finished.SerializeToString())

    sent = BackMsg()
    sent.ParseFromString(viewer.rerun_message(["EKOSEP"]))
    state = sent.rerun_script
    assert state.page_script_hash == "abc"
    assert state.query_string == "project=ekosep"
    (widget,) = state.widget_states.widgets
    assert widget.id == "$$ID-1234-f_project"
    assert list(widget.string_array_value.data) == ["EKOSEP"]
    assert viewer.stats.errors == []


def test_viewer_counts_exceptions_error_messages_and_failed_runs() -> None:
    viewer = _viewer()

    def exception(element) -> None:
        element.exception.message = "KeyError: 'x'"

    def error(element) -> None:
        element.alert.body = "Kayıt okunamadı"
        element.alert.format = 1

    def warning(element) -> None:
        element.alert.body = "Seçime uyan birim yok"
        element.alert.format = 2

    for fill in (exception, error, warning):
        viewer.read(_delta(fill))
    failed = ForwardMsg()
    failed.script_finished = ForwardMsg.FINISHED_WITH_COMPILE_ERROR
    assert viewer.read(failed.SerializeToString())
    assert len(viewer.stats.errors) == 3
    assert "KeyError" in viewer.stats.errors[0]


def testpercentile_and_load_table_verdicts() -> None:
    samples = [i / 100 for i in range(1, 101)]
    assert loadtest.percentile(samples, 50) == 0.505
    assert loadtest.percentile(samples, 95) == 0.9505
    row = loadtest.LoadResult(1, 25, 700, 0.2, 1.2, 0.3, 0, 1.5, 0.1, [])
    assert "| NO |" in loadtest.table([row], 60)
    row.p95 = 0.8
    assert "| yes |" in loadtest.table([row], 60)
    row.errors = 2
    assert "| NO |" in loadtest.table([row], 60)


def _visit(seconds: float, *rows: Request) -> Visit:
    return Visit(seconds, http_bytes=sum(r.wire_bytes for r in rows), requests=list(rows))


def test_first_visit_table_ratios_and_geometry_encoding(tmp_path, monkeypatch) -> None:
    doc = Request("http://h/", 0.0, 0.1, 8_000, 8_000)
    core = Request("http://h/static/js/index.js", 0.1, 1.0, 500_000, 500_000)
    extra = Request("http://h/static/js/DataFrame.js", 1.2, 2.0, 400_000, 400_000)
    geo = Request("http://h/app/static/geo/v6/district.json", 2.1, 2.5, 110_000, 320_000, "gzip")
    empty = PageVisits([1.0, 1.2, 1.1], [10.0], _visit(10.0, doc, core))
    overview = PageVisits([1.5, 1.4, 1.6], [16.0], _visit(16.0, doc, core, extra, geo))
    text = table({"empty": empty, "overview": overview}, 3, 1)
    assert "| Pilot Atlas overview | 1.50 | 1.36× | NO | 16.00 | 1.60× | NO |" in text
    assert "110 / 320 (gzip)" in text
    # A gzipped file travels as it is and is unpacked by the map: its decoded size is
    # its plain twin's in static/.
    plain = tmp_path / "geo" / "v8" / "district.json"
    plain.parent.mkdir(parents=True)
    plain.write_bytes(b"x" * 349_000)
    monkeypatch.setattr(firstvisit, "STATIC_DIR", tmp_path)
    packed = Request("http://h/app/static/geo/v8/district.json.gz", 2.1, 2.5, 116_000, 116_000)
    # units.js's query names the geometry folder; the script is not geometry.
    script = Request(
        "http://h/app/static/atlas/units.js?v=1&geo=/app/static/geo/v8",
        2.0,
        2.1,
        9_000,
        26_000,
        "gzip",
    )
    packed_visit = PageVisits([1.4], [15.0], _visit(15.0, doc, core, script, packed))
    text = table({"empty": empty, "overview": packed_visit}, 1, 1)
    assert "116 / 349 (gzip file)" in text
    groups = byte_groups(packed_visit.recorded, empty.recorded)
    assert "| geometry | 1 | 116 | 349 | gzip file |" in groups
    groups = byte_groups(overview.recorded, empty.recorded)
    assert "| Streamlit files the empty page does not load | 1 | 400 |" in groups
    assert "district geometry" in critical_path(overview.recorded)
    assert "/app/static/geo/v6/district.json" in waterfall(overview.recorded, 16.0)


def test_warm_figures_against_the_empty_page_give_ratios_and_skip_missing() -> None:
    from benchmarks.run import Figures, empty_table

    empty = Figures("empty", {"load_s": 0.5, "cold_s": 2.0, "rss_mb": 100.0})
    atlas = Figures("atlas", {"load_s": 0.75, "cold_s": 5.0})
    lines = empty_table(empty, atlas).splitlines()
    assert lines[2] == "| warm page load to drawn (s, median) | 0.50 | 0.75 | 1.50× |"
    assert lines[3] == "| cold start to first page drawn (s) | 2.00 | 5.00 | 2.50× |"
    assert len(lines) == 4  # no RSS reading for the atlas: no row
