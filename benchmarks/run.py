"""Performance benchmark: every speed figure of Pilot Atlas, in one run.

Usage: ``make bench`` (full, about 15 minutes), ``make bench-quick`` (development, a
few minutes), or ``.venv/bin/python -m benchmarks.run --help`` for the parts.

Four parts, each reported against a baseline measured in the same run:

* **warm** — the warm-browser figures against a naive folium map and at scale (below),
  and against an empty one-line Streamlit page (Streamlit's own share of them);
* **first** — first visits in a fresh browser context, plain and under DevTools network
  throttling, against an empty one-line Streamlit page, with bytes over HTTP and the
  request waterfall (:mod:`benchmarks.firstvisit`);
* **actions** — presentation toggle, language switch, filter change and exports as seen
  in the browser, and the export builders in-process (:mod:`benchmarks.actions`);
* **load** — N viewers driven over Streamlit's websocket protocol on one server and on
  two behind nginx (:mod:`benchmarks.loadtest`).

For the warm part it measures, for each app, with the system Chromium:

* warm page load: from navigation to district polygons drawn, median of N reloads in a
  browser whose HTTP cache is warm (the server is warm too);
* websocket bytes received during one such load, and all bytes received over HTTP;
* cold start: from launching the server to the first page's polygons drawn;
* filter change: server-side rerun time after changing a sidebar filter (AppTest,
  median of N), on the overview and on a project page;
* server memory (RSS) after visiting every page.

The scale run repeats the Pilot Atlas figures on a synthetic registry of 50 projects and
1,000 sites. Results are printed as tables with ratios and saved to
``benchmarks/results/latest.md`` (waterfalls in ``benchmarks/results/waterfall.md``).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.browser import ATLAS_DRAWN, EMPTY_SHOWN, JS, wait_drawn  # noqa: E402
from benchmarks.firstvisit import EMPTY_APP  # noqa: E402
from geo import DATA_DIR  # noqa: E402
from geo.assets import ensure_assets, leaflet_dist  # noqa: E402
from tests.support.js import probe  # noqa: E402
from tests.support.live_app import launch, live_app  # noqa: E402

NAIVE_APP = ROOT / "benchmarks" / "naive_app.py"
RESULTS = ROOT / "benchmarks" / "results"
BUDGET = {
    "load_s": 1.0,
    "ws_mb": 0.6,
    "cold_s": 5.0,
    "rerun_overview_s": 0.3,
    "rerun_project_s": 0.3,
    "rss_mb": 500.0,
}

NAIVE_DRAWN = probe("naive_drawn", JS)


@dataclass
class Figures:
    name: str
    values: dict[str, float] = field(default_factory=dict)
    notes: dict[str, str] = field(default_factory=dict)


def _load(
    context, url: str, condition: str, *, count_bytes: bool = False
) -> tuple[float, int, int]:
    """One page load: seconds to drawn, websocket bytes, HTTP body bytes.

    Reading response bodies goes through the DevTools protocol and slows the page, so
    timed loads do not count bytes and byte-counting loads are not timed.
    """
    page = context.new_page()
    ws_bytes = [0]
    http_bytes = [0]

    def on_ws(ws) -> None:
        ws.on("framereceived", lambda payload: ws_bytes.__setitem__(0, ws_bytes[0] + len(payload)))

    def on_response(response) -> None:
        # Redirects and aborted requests have no body.
        with contextlib.suppress(Exception):
            http_bytes[0] += len(response.body())

    page.on("websocket", on_ws)
    if count_bytes:
        page.on("response", on_response)
    start = time.perf_counter()
    page.goto(url)
    wait_drawn(page, condition, timeout=300)  # a loaded machine: the naive map is slow
    elapsed = time.perf_counter() - start
    page.wait_for_timeout(300)  # let trailing websocket messages arrive
    page.close()
    return elapsed, ws_bytes[0], http_bytes[0]


def _rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def browser_figures(
    figures: Figures,
    script: Path,
    condition: str,
    paths: list[str],
    *,
    loads: int,
    env: dict[str, str] | None = None,
) -> None:
    """Cold start, warm loads, bytes and memory for one app."""
    from playwright.sync_api import sync_playwright

    processes: list = []
    with sync_playwright() as playwright:
        browser = launch(playwright)
        started = time.perf_counter()
        with live_app(env=env, script=script, on_start=processes) as url:
            context = browser.new_context(viewport={"width": 1500, "height": 1000})
            cold, _, _ = _load(context, url + paths[0], condition)
            figures.values["cold_s"] = time.perf_counter() - started
            figures.notes["cold_s"] = f"first draw {cold:.2f} s after the server answered"
            runs = [_load(context, url + paths[0], condition) for _ in range(loads)]
            figures.values["load_s"] = statistics.median(r[0] for r in runs)
            figures.values["ws_mb"] = statistics.median(r[1] for r in runs) / 1e6
            counted = [
                _load(context, url + paths[0], condition, count_bytes=True) for _ in range(3)
            ]
            figures.values["http_mb"] = statistics.median(r[2] for r in counted) / 1e6
            page = context.new_page()
            for path in paths[1:]:
                page.goto(url + path)
                try:
                    wait_drawn(page, condition, timeout=60)
                except TimeoutError:
                    page.wait_for_timeout(2000)  # pages without a map (data)
            figures.values["rss_mb"] = _rss_mb(processes[0].pid)
            context.close()
        browser.close()


def _timed_reruns(make_app: Callable, change: Callable, runs: int) -> float:
    app = make_app()
    app.run()
    times = []
    for i in range(runs):
        change(app, i)
        start = time.perf_counter()
        app.run()
        times.append(time.perf_counter() - start)
        if app.exception:
            msg = f"rerun failed: {app.exception[0].value}"
            raise RuntimeError(msg)
    return statistics.median(times)


def rerun_figures(figures: Figures, script: Path, runs: int, naive: bool) -> None:
    """Server-side rerun time after a filter change (AppTest, no browser)."""
    from streamlit.testing.v1 import AppTest

    def make(page: str | None = None) -> Callable:
        def build() -> AppTest:
            app = AppTest.from_file(str(script), default_timeout=120)
            if page:
                app.query_params["page"] = page
            return app

        return build

    if naive:
        provinces = [["ANKARA"], ["İSTANBUL", "İZMİR"], []]
        figures.values["rerun_overview_s"] = _timed_reruns(
            make(),
            lambda app, i: app.multiselect(key="province").set_value(provinces[i % 3]),
            runs,
        )
        return
    registry_projects = _project_ids()
    choices = [[registry_projects[0]], registry_projects[:2], []]
    figures.values["rerun_overview_s"] = _timed_reruns(
        make(),
        lambda app, i: app.multiselect(key="f_project").set_value(choices[i % 3]),
        runs,
    )
    statuses = [["completed"], ["planned", "completed"], []]
    figures.values["rerun_project_s"] = _timed_reruns(
        make("project"),
        lambda app, i: app.multiselect(key="f_status").set_value(statuses[i % 3]),
        runs,
    )


_DATA_DIR_ENV: dict[str, str] = {}


def _project_ids() -> list[str]:
    data_dir = Path(_DATA_DIR_ENV.get("PILOT_ATLAS_DATA_DIR", DATA_DIR))
    projects = yaml.safe_load((data_dir / "projects.yaml").read_text(encoding="utf-8"))
    return [p["id"] for p in projects["projects"]]


def synthetic_registry(target: Path, n_projects: int = 50, n_sites: int = 1000) -> Path:
    """Write a valid registry of ``n_projects`` projects and ``n_sites`` sites to ``target``."""
    import pandas as pd

    rng = random.Random(42)
    shutil.copy(DATA_DIR / "vocabulary.yaml", target / "vocabulary.yaml")
    base = yaml.safe_load((DATA_DIR / "projects.yaml").read_text(encoding="utf-8"))
    source = base["sources"][0]["id"]
    projects = []
    for i in range(n_projects):
        pid = f"synthetic_{i:02d}"
        projects.append(
            {
                "id": pid,
                "short_tr": f"Sentetik {i}",
                "short_en": f"Synthetic {i}",
                "name_tr": f"Sentetik proje {i}",
                "name_en": f"Synthetic project {i}",
                "source": source,
                "start": "2015",
                "end": "2020",
                "phases": [
                    {
                        "id": ph,
                        "label_tr": f"Aşama {ph}",
                        "label_en": f"Phase {ph}",
                        "start": "2015",
                        "end": "2020",
                    }
                    for ph in ("I", "II", "III")
                ],
                "outputs": [],
                "activities": [],
                "gaps": [],
            }
        )
    (target / "projects.yaml").write_text(
        yaml.safe_dump({"sources": base["sources"], "projects": projects}, allow_unicode=True),
        encoding="utf-8",
    )
    units = pd.read_csv(DATA_DIR / "units.csv", dtype=str)
    provinces = pd.read_csv(DATA_DIR / "provinces.csv", dtype=str)
    seen: set[tuple[str, str, str]] = set()
    sites, deliverables = [], []
    statuses = ["completed", "in_progress", "planned", "not_reported"]
    while len(sites) < n_sites:
        pid = f"synthetic_{rng.randrange(n_projects):02d}"
        phase = rng.choice(["I", "II", "III"])
        if rng.random() < 0.8:
            row = units.iloc[rng.randrange(len(units))]
            unit = ("district", row["province"], row["district"], row["pcode"])
        else:
            row = provinces.iloc[rng.randrange(len(provinces))]
            unit = ("province", row["province"], "", row["pcode"])
        if (pid, phase, unit[3]) in seen:
            continue
        seen.add((pid, phase, unit[3]))
        sites.append([pid, phase, *unit, source, "", ""])
        for kind in rng.sample(["needs_analysis_report", "workshop_2day", "consultation_2day"], 2):
            deliverables.append(
                [
                    pid,
                    phase,
                    unit[3],
                    unit[1],
                    unit[2],
                    kind,
                    rng.randint(1, 3),
                    rng.choice(statuses),
                    source,
                    "",
                    "",
                ]
            )
    pd.DataFrame(
        sites,
        columns=[
            "project",
            "phase",
            "level",
            "province",
            "district",
            "pcode",
            "source",
            "note_tr",
            "note_en",
        ],
    ).to_csv(target / "sites.csv", index=False)
    pd.DataFrame(
        deliverables,
        columns=[
            "project",
            "phase",
            "pcode",
            "province",
            "district",
            "deliverable",
            "quantity",
            "status",
            "source",
            "note_tr",
            "note_en",
        ],
    ).to_csv(target / "deliverables.csv", index=False)
    return target


ROWS = (
    ("warm page load to polygons drawn (s, median)", "load_s", "≤ 1.0 s", ".2f"),
    ("websocket bytes for that load (MB)", "ws_mb", "≤ 0.6 MB", ".3f"),
    ("HTTP response bytes for that load (MB, incl. browser-cache hits)", "http_mb", "—", ".3f"),
    ("cold start to first page drawn (s)", "cold_s", "≤ 5 s", ".2f"),
    ("filter change, overview rerun (s, median)", "rerun_overview_s", "≤ 0.3 s", ".3f"),
    ("filter change, project page rerun (s, median)", "rerun_project_s", "≤ 0.3 s", ".3f"),
    ("server RSS after every page (MB)", "rss_mb", "≤ 500 MB", ".0f"),
)
HEADER = (
    "| figure | budget | naive | Pilot Atlas | naive ÷ atlas | within budget "
    "| atlas at 50 projects × 1,000 sites | scale ÷ atlas | scale within 2× |\n"
    "| --- | --- | --- | --- | --- | --- | --- | --- | --- |"
)


def _row(spec: tuple[str, str, str, str], runs: tuple[Figures, Figures, Figures | None]) -> str:
    label, key, budget, fmt = spec
    naive, atlas, scale = runs

    def cell(fig: Figures | None) -> str:
        if fig is None or key not in fig.values:
            return "—"
        return format(fig.values[key], fmt)

    def ratio(a: Figures | None, b: Figures, digits: int) -> str:
        if a is None or key not in a.values or not b.values.get(key):
            return "—"
        return f"{a.values[key] / b.values[key]:.{digits}f}×"

    in_budget = "—"
    if key in BUDGET and key in atlas.values:
        in_budget = "yes" if atlas.values[key] <= BUDGET[key] else "NO"
    in_scale = "—"
    if scale is not None and key in scale.values and key in atlas.values:
        in_scale = "yes" if scale.values[key] <= 2 * atlas.values[key] else "NO"
    cells = [
        label,
        budget,
        cell(naive),
        cell(atlas),
        ratio(naive, atlas, 1),
        in_budget,
        cell(scale),
        ratio(scale, atlas, 2),
        in_scale,
    ]
    return "| " + " | ".join(cells) + " |"


#: Streamlit's own share of the warm figures: the same measures on an empty page.
EMPTY_ROWS = (
    ("warm page load to drawn (s, median)", "load_s", ".2f"),
    ("cold start to first page drawn (s)", "cold_s", ".2f"),
    ("server RSS after the pages (MB)", "rss_mb", ".0f"),
)


def empty_table(empty: Figures, atlas: Figures) -> str:
    """Pilot Atlas's warm figures against an empty one-line Streamlit page's, same run."""
    lines = [
        "| figure | empty Streamlit page | Pilot Atlas | atlas ÷ empty |",
        "| --- | --- | --- | --- |",
    ]
    for label, key, fmt in EMPTY_ROWS:
        if key not in empty.values or key not in atlas.values:
            continue
        base, value = empty.values[key], atlas.values[key]
        ratio = f"{value / base:.2f}×" if base else "—"
        lines.append(f"| {label} | {base:{fmt}} | {value:{fmt}} | {ratio} |")
    return "\n".join(lines)


def _parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--loads", type=int, default=5, help="page loads per app (median)")
    parser.add_argument("--throttled-loads", type=int, default=3, help="throttled first visits")
    parser.add_argument("--reruns", type=int, default=5, help="filter reruns per page (median)")
    parser.add_argument("--actions", type=int, default=3, help="repeats of each browser action")
    parser.add_argument("--viewers", default="10,25,50", help="load test: viewer counts")
    parser.add_argument("--load-seconds", type=float, default=60, help="load test: seconds per row")
    parser.add_argument("--no-scale", action="store_true", help="skip the 50-project scale run")
    parser.add_argument("--no-naive", action="store_true", help="skip the naive baseline")
    parser.add_argument("--no-two-servers", action="store_true", help="load test: one server only")
    parser.add_argument("--no-nginx", action="store_true", help="first visit: skip the nginx run")
    parser.add_argument(
        "--only",
        default="warm,first,actions,load",
        help="comma-separated parts to run: warm, first, actions, load",
    )
    parser.add_argument(
        "--quick",
        action="store_true",
        help="development run (~4 min): 2 loads, 1 throttled, no naive or scale, "
        "load test 20 s at 10 and 25 viewers on one server",
    )
    args = parser.parse_args(argv)
    if args.quick:
        args.loads, args.throttled_loads, args.reruns, args.actions = 2, 1, 3, 1
        args.no_scale = args.no_naive = args.no_two_servers = args.no_nginx = True
        args.viewers, args.load_seconds = "10,25", 20.0
    return args


def warm_tables(args: argparse.Namespace) -> tuple[str, str]:
    """The warm-browser table against the naive map and at scale (as before)."""
    naive_static = ROOT / "benchmarks" / "static" / "leaflet"
    naive_static.mkdir(parents=True, exist_ok=True)
    for name in ("leaflet.js", "leaflet.css"):
        shutil.copyfile(leaflet_dist() / name, naive_static / name)
    pages = ["/", "/?page=project", "/?page=indicators", "/?page=data"]
    print("measuring an empty Streamlit page, warm browser …", flush=True)
    empty = Figures("empty")
    browser_figures(empty, EMPTY_APP, EMPTY_SHOWN, ["/"], loads=args.loads)
    naive = Figures("naive")
    if not args.no_naive:
        print("measuring the naive baseline …", flush=True)
        browser_figures(naive, NAIVE_APP, NAIVE_DRAWN, ["/"], loads=args.loads)
        rerun_figures(naive, NAIVE_APP, args.reruns, naive=True)
    print("measuring Pilot Atlas, warm browser …", flush=True)
    atlas = Figures("atlas")
    browser_figures(atlas, ROOT / "app.py", ATLAS_DRAWN, pages, loads=args.loads)
    rerun_figures(atlas, ROOT / "app.py", args.reruns, naive=False)
    scale = None
    if not args.no_scale:
        print("measuring Pilot Atlas on 50 projects × 1,000 sites …", flush=True)
        with tempfile.TemporaryDirectory() as tmp:
            env = {"PILOT_ATLAS_DATA_DIR": str(synthetic_registry(Path(tmp)))}
            _DATA_DIR_ENV.update(env)
            os.environ.update(env)
            scale = Figures("scale")
            browser_figures(scale, ROOT / "app.py", ATLAS_DRAWN, pages, loads=args.loads, env=env)
            rerun_figures(scale, ROOT / "app.py", args.reruns, naive=False)
            os.environ.pop("PILOT_ATLAS_DATA_DIR")
            _DATA_DIR_ENV.clear()
    lines = [HEADER] + [_row(spec, (naive, atlas, scale)) for spec in ROWS]
    from benchmarks.quality import measure

    quality = measure()
    lines += [
        "",
        "| display geometry (national view, as drawn) | value |",
        "| --- | --- |",
        f"| largest outline deviation at zoom 6 (screen px) | {quality['px_max']:.2f} |",
        f"| 99th percentile deviation at zoom 6 (screen px) | {quality['px_p99']:.2f} |",
        "| overlaps + gaps between districts (ppm of area) | "
        f"{quality['overlap_or_gap_ppm']:.3f} |",
        f"| vertices drawn nationally / in the province detail files | "
        f"{quality['vertices_national']:,.0f} / {quality['vertices_detailed']:,.0f} |",
    ]
    lines += ["", empty_table(empty, atlas)]
    notes = "\n".join(
        f"- {fig.name} {k}: {v}"
        for fig in (empty, naive, atlas, scale)
        if fig
        for k, v in fig.notes.items()
    )
    return "\n".join(lines), notes


def _part_warm(args: argparse.Namespace, sections: list[str], details: list[str]) -> None:
    table, notes = warm_tables(args)
    sections += ["## Warm browser, against the naive map and at scale", table, notes]


def _part_first(args: argparse.Namespace, sections: list[str], details: list[str]) -> None:
    from benchmarks import firstvisit

    print("measuring first visits (fresh context, plain and throttled) …", flush=True)
    visits = firstvisit.measure(args.loads, args.throttled_loads)
    summary, waterfalls = firstvisit.report(visits, args.loads, args.throttled_loads)
    sections += ["## First visit against an empty Streamlit page", summary]
    details.append(waterfalls)
    print(summary, flush=True)
    if not args.no_nginx:
        print("measuring first visits behind nginx with gzip …", flush=True)
        proxied = firstvisit.measure(args.loads, args.throttled_loads, nginx=True)
        summary, waterfalls = firstvisit.report(proxied, args.loads, args.throttled_loads)
        sections += ["### The same behind nginx (gzip on, as deployed)", summary]
        details.append("# Behind nginx (gzip)\n\n" + waterfalls)
        print(summary, flush=True)


def _part_actions(args: argparse.Namespace, sections: list[str], details: list[str]) -> None:
    from benchmarks import actions

    print("measuring actions in the browser and the export builders …", flush=True)
    seen = actions.measure_browser(args.actions)
    built = actions.measure_builders(args.actions)
    sections += ["## Actions as seen in the browser", actions.table(seen, built)]
    print(sections[-1], flush=True)


def _part_load(args: argparse.Namespace, sections: list[str], details: list[str]) -> None:
    from benchmarks import loadtest

    counts = [int(n) for n in args.viewers.split(",")]
    print(f"load test: {counts} viewers, {args.load_seconds:.0f} s each …", flush=True)
    rows = loadtest.measure(counts, args.load_seconds, two_servers=not args.no_two_servers)
    sections += ["## Many viewers (websocket sessions)", loadtest.table(rows, args.load_seconds)]
    print(sections[-1], flush=True)


#: Parts by name (their own names: a part called ``_load`` once shadowed the page-load
#: helper above it, and the warm part failed).
PARTS = {"warm": _part_warm, "first": _part_first, "actions": _part_actions, "load": _part_load}


def main(argv: list[str] | None = None) -> int:
    args = _parse(argv)
    parts = set(args.only.split(","))
    ensure_assets()
    started = time.perf_counter()
    sections: list[str] = [
        f"Measured {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, "
        f"{os.cpu_count()} cores, load average at start {os.getloadavg()[0]:.1f} "
        "(other processes on this machine make absolute seconds noisy; ratios compare "
        "figures measured in the same run)."
    ]
    details: list[str] = []

    def save() -> None:
        # After every part: a later part that fails must not lose what was measured.
        RESULTS.mkdir(exist_ok=True)
        (RESULTS / "latest.md").write_text("\n\n".join(sections) + "\n", encoding="utf-8")
        if details:
            (RESULTS / "waterfall.md").write_text("\n".join(details) + "\n", encoding="utf-8")

    for part in ("warm", "first", "actions", "load"):
        if part not in parts:
            continue
        try:
            PARTS[part](args, sections, details)
        except Exception as exc:  # one broken part is reported; the others still run
            print(f"part {part!r} failed: {exc!r}", flush=True)
            sections.append(f"## Part {part!r} failed\n\n`{exc!r}`")
        save()
    sections.append(f"Benchmark run took {(time.perf_counter() - started) / 60:.1f} min.")
    save()
    print()
    print("\n\n".join(sections))
    if details:
        print(f"\nrequest waterfalls: {RESULTS / 'waterfall.md'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
