"""First visits of Pilot Atlas against an empty Streamlit page, measured in one run.

Both servers run at once and loads alternate between them (empty page, overview,
project, indicators, empty page, …), so load from other processes on this shared
machine falls on both sides of each ratio alike. Each server is warmed by one untimed
visit per page first. See :mod:`benchmarks.browser` for what one visit measures.
"""

from __future__ import annotations

import contextlib
import statistics
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from benchmarks.browser import ATLAS_DRAWN, EMPTY_SHOWN, Visit, fresh_visit, waterfall
from geo.assets import STATIC_DIR
from tests.support.live_app import launch, live_app

ROOT = Path(__file__).resolve().parent.parent
EMPTY_APP = ROOT / "benchmarks" / "empty_app.py"
PAGES = {"overview": "/", "project": "/?page=project", "indicators": "/?page=indicators"}
BUDGET_FRESH = 1.3
BUDGET_THROTTLED = 1.5


@dataclass
class PageVisits:
    """Samples for one page: fresh and throttled seconds, and the last recorded visit."""

    fresh: list[float] = field(default_factory=list)
    throttled: list[float] = field(default_factory=list)
    recorded: Visit | None = None
    recorded_fresh: Visit | None = None

    def median(self, kind: str) -> float:
        samples = getattr(self, kind)
        return statistics.median(samples) if samples else float("nan")


def measure(loads: int, throttled_loads: int, *, nginx: bool = False) -> dict[str, PageVisits]:
    """Fresh and throttled first visits of the empty page and the three map pages.

    With ``nginx``, both servers are reached through the benchmark's nginx front (gzip
    on, as a deployment would have it), and only the overview is compared.
    """
    from playwright.sync_api import sync_playwright

    from benchmarks.loadtest import nginx_front

    pages = {"overview": "/"} if nginx else PAGES
    results = {name: PageVisits() for name in ("empty", *pages)}
    with contextlib.ExitStack() as stack:
        playwright = stack.enter_context(sync_playwright())
        empty_url = stack.enter_context(live_app(script=EMPTY_APP))
        atlas_url = stack.enter_context(live_app())
        if nginx:
            empty_url = stack.enter_context(nginx_front([empty_url]))[0]
            atlas_url = stack.enter_context(nginx_front([atlas_url]))[0]
        browser = launch(playwright)
        targets = {"empty": (empty_url + "/", EMPTY_SHOWN)}
        targets |= {name: (atlas_url + path, ATLAS_DRAWN) for name, path in pages.items()}
        for url, condition in targets.values():
            fresh_visit(browser, url, condition)  # warm server, untimed
        for _ in range(loads):
            for name, (url, condition) in targets.items():
                results[name].fresh.append(fresh_visit(browser, url, condition).seconds)
        for name, (url, condition) in targets.items():
            # Recording goes through DevTools events, so this visit is not one of the timed.
            results[name].recorded_fresh = fresh_visit(browser, url, condition, record=True)
        for _ in range(throttled_loads):
            for name, (url, condition) in targets.items():
                visit = fresh_visit(browser, url, condition, throttle=True, record=True)
                results[name].throttled.append(visit.seconds)
                results[name].recorded = visit
        browser.close()
    return results


def _path(url: str) -> str:
    """The URL's path: units.js's query names the geometry folder, which is not geometry."""
    return urlsplit(url).path


def _geometry(visit: Visit) -> list:
    return [r for r in visit.requests if "/app/static/geo/" in _path(r.url)]


def _decoded(row) -> int:
    """Bytes of a response once decoded. A gzipped file (``.json.gz``, unpacked by the
    map itself) travels without an HTTP encoding: its decoded size is that of its plain
    twin in ``static/``."""
    if _path(row.url).endswith(".json.gz"):
        plain = STATIC_DIR / _path(row.url).split("/app/static/", 1)[-1].removesuffix(".gz")
        if plain.is_file():
            return plain.stat().st_size
    return row.body_bytes


def _encoding(row) -> str:
    if _path(row.url).endswith(".gz") and not row.encoding:
        return "gzip file"
    return row.encoding or "none"


def _geometry_cell(rows: list) -> str:
    """KB as served / KB decoded, and how it was compressed."""
    served = sum(r.wire_bytes for r in rows)
    decoded = sum(_decoded(r) for r in rows)
    encodings = ", ".join(sorted({_encoding(r) for r in rows}))
    return f"{served / 1e3:.0f} / {decoded / 1e3:.0f} ({encodings})"


def table(results: dict[str, PageVisits], loads: int, throttled_loads: int) -> str:
    """Markdown table of medians and ratios against the empty page in the same run."""
    empty = results["empty"]
    lines = [
        f"| first visit, fresh browser context, warm server | to map drawn (s, median of "
        f"{loads}) | ÷ empty Streamlit page | ≤ {BUDGET_FRESH}× | throttled 1.6 Mbit/s, "
        f"150 ms (s, median of {throttled_loads}) | ÷ empty, throttled | "
        f"≤ {BUDGET_THROTTLED}× | bytes over HTTP (MB, as served) | geometry (KB as served "
        "/ KB decoded, encoding) |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for name, visits in results.items():
        fresh, throttled = visits.median("fresh"), visits.median("throttled")
        ratio = fresh / empty.median("fresh")
        ratio_t = throttled / empty.median("throttled")
        rec = visits.recorded
        geo = _geometry(rec) if rec else []
        geo_cell = _geometry_cell(geo) if geo else "—"
        is_empty = name == "empty"
        cells = [
            "empty one-line Streamlit page" if is_empty else f"Pilot Atlas {name}",
            f"{fresh:.2f}",
            "1.00×" if is_empty else f"{ratio:.2f}×",
            "—" if is_empty else ("yes" if ratio <= BUDGET_FRESH else "NO"),
            f"{throttled:.2f}",
            "1.00×" if is_empty else f"{ratio_t:.2f}×",
            "—" if is_empty else ("yes" if ratio_t <= BUDGET_THROTTLED else "NO"),
            f"{rec.http_bytes / 1e6:.2f}" if rec else "—",
            geo_cell,
        ]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


_GROUPS = (
    ("Streamlit JavaScript", "/static/js/"),
    ("Streamlit CSS", "/static/css/"),
    ("fonts", "/static/media/"),
    ("map frame (the app's component page)", "/component/"),
    ("Leaflet", "/app/static/leaflet/"),
    ("geometry", "/app/static/geo/"),
)


def byte_groups(visit: Visit, baseline: Visit | None) -> str:
    """Bytes on the wire by kind, and how much of the JavaScript the empty page skips."""
    base_urls = {r.url.split("/", 3)[-1] for r in baseline.requests} if baseline else set()
    lines = [
        "| kind | requests | KB as served | KB decoded | compressed |",
        "| --- | ---: | ---: | ---: | --- |",
    ]
    for label, marker in (*_GROUPS, ("other", "")):
        rows = [
            r
            for r in visit.requests
            if (marker and marker in _path(r.url))
            or (not marker and not any(m in _path(r.url) for _, m in _GROUPS))
        ]
        if not rows:
            continue
        encodings = sorted({_encoding(r) for r in rows})
        lines.append(
            f"| {label} | {len(rows)} | {sum(r.wire_bytes for r in rows) / 1e3:.0f} | "
            f"{sum(_decoded(r) for r in rows) / 1e3:.0f} | {', '.join(encodings)} |"
        )
    extra = [
        r
        for r in visit.requests
        if "/static/" in r.url
        and "/app/static/" not in r.url
        and r.url.split("/", 3)[-1] not in base_urls
    ]
    lines.append(
        f"| Streamlit files the empty page does not load | {len(extra)} | "
        f"{sum(r.wire_bytes for r in extra) / 1e3:.0f} | "
        f"{sum(r.body_bytes for r in extra) / 1e3:.0f} | — |"
    )
    return "\n".join(lines)


_MILESTONES = (
    ("document", lambda u: u.rstrip("/").count("/") == 2 or "/?page=" in u),
    ("Streamlit host config (bundle booted)", lambda u: "/_stcore/host-config" in u),
    ("map component frame", lambda u: "/component/" in u and "index.html" in u),
    ("map component script", lambda u: "/component/" in u and u.endswith(".js")),
    ("leaflet.js", lambda u: u.endswith("leaflet.js")),
    ("district geometry", lambda u: u.endswith(("/district.json", "/district.json.gz"))),
    ("province geometry", lambda u: u.endswith(("/province.json", "/province.json.gz"))),
)


def critical_path(visit: Visit) -> str:
    """Start and end of the requests on the way to the first map (seconds)."""
    lines = []
    for label, match in _MILESTONES:
        row = next((r for r in visit.requests if match(r.url)), None)
        if row is None:
            continue
        end = f"{row.end:.2f}" if row.end is not None else "—"
        lines.append(f"  {label:40} {row.start:6.2f} → {end}")
    lines.append(f"  {'map drawn (from navigation)':40} {visit.seconds:6.2f}")
    return "\n".join(lines)


def report(results: dict[str, PageVisits], loads: int, throttled_loads: int) -> tuple[str, str]:
    """(summary markdown for the main table, detailed waterfall text for a results file)."""
    summary = [table(results, loads, throttled_loads)]
    overview = results["overview"].recorded
    if overview is not None:
        summary += [
            "",
            "Bytes of one throttled first visit of the overview, by kind:",
            "",
            byte_groups(overview, results["empty"].recorded),
        ]
    detail = []
    for name, visits in results.items():
        for kind, visit in (("unthrottled", visits.recorded_fresh), ("throttled", visits.recorded)):
            if visit is None:
                continue
            detail += [
                f"## {name}: {kind} first visit, critical path",
                critical_path(visit),
                "",
                waterfall(visit, visit.seconds, limit=400),
                "",
            ]
    return "\n".join(summary), "\n".join(detail)
