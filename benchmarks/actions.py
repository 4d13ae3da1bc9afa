"""Slow actions as seen in the browser, and the export builders on their own.

In the browser (warm server, warm page, Turkish interface): presentation mode on and
off, the language switch, and a project filter change are each timed from the click or
key press in the page to the map drawn again, and also from the driver's call, which
adds Playwright's own work (see :func:`benchmarks.browser.timed_action`); the GeoJSON, PNG and
PDF exports from the click on the download button to the browser's download event.
Each action is repeated and the median reported. The builders behind the exports are
also timed in-process (no browser, no server), so a slow export can be told apart from
a slow round trip.
"""

from __future__ import annotations

import math
import statistics
import time
from collections.abc import Callable

from benchmarks.browser import ACTION_CLOCK, ATLAS_DRAWN, VIEWPORT, timed_action, wait_drawn
from tests.support.live_app import launch, live_app

BUDGET_ACTION = 0.5
BUDGET_EXPORT = 1.5
#: Suffix of the same action timed from the driver's call (Playwright's locating,
#: scrolling and clicking included), reported beside the time from the input event.
DRIVEN = " [from the driver's call]"


def _sidebar(page):
    return page.locator('[data-testid="stSidebar"]')


def _browser_actions(page, repeats: int) -> dict[str, list[float]]:
    from geo.i18n import t

    times: dict[str, list[float]] = {}

    def record(name: str, act: Callable[[], None]) -> None:
        try:
            took = timed_action(page, act)
            seconds, driven = took.from_input, took.from_call
        except TimeoutError:
            # Reported as a failed sample (inf), so one stuck action neither hides the
            # others nor looks fast in the median.
            seconds = driven = math.inf
        times.setdefault(name, []).append(seconds)
        times.setdefault(f"{name}{DRIVEN}", []).append(driven)
        page.wait_for_timeout(300)  # let trailing messages settle before the next action

    for i in range(2 * (repeats // 2 + 1)):  # even: add, odd: remove
        record("presentation on", lambda: _sidebar(page).get_by_text(t("present", "tr")).click())
        record("presentation off", lambda: page.keyboard.press("Escape"))
        record("language → English", lambda: _sidebar(page).get_by_text("English").click())
        record("language → Türkçe", lambda: _sidebar(page).get_by_text("Türkçe").click())
        box = _sidebar(page).locator('[data-testid="stMultiSelect"]').first

        def pick(box=box, n=i) -> None:
            # Add the first project (it has pilot places, so the map changes), then take it
            # away again with Backspace: every step changes the map. A project without
            # places would leave the map as it was and never count as redrawn.
            box.click()
            if n % 2 == 0:
                page.locator('[role="option"]').nth(1).click()  # 0 is "Select all"
            else:
                page.keyboard.press("Backspace")

        record("filter change (project)", pick)
        page.keyboard.press("Escape")  # close the option list
    return times


def _exports(page, repeats: int) -> dict[str, list[float]]:
    from geo.i18n import t

    times: dict[str, list[float]] = {}
    for _ in range(repeats):
        for key in ("export_geojson", "export_png", "export_pdf"):
            page.get_by_role("button", name=t("export", "tr")).first.click()
            button = page.get_by_role("button", name=t(key, "tr"))
            button.wait_for(timeout=30_000)
            start = time.perf_counter()
            with page.expect_download(timeout=120_000):
                button.click()
            times.setdefault(key.removeprefix("export_"), []).append(time.perf_counter() - start)
            page.keyboard.press("Escape")
            page.wait_for_timeout(300)
    return times


def _open_whole(page, url: str) -> None:
    """Open ``url`` and wait for the whole page: a first visit comes in stages (the map,
    the widgets, then the table; pages/ui/mapframe.py), and a click during the last
    stage's rerun would hit an element that rerun replaces."""
    page.goto(url)
    wait_drawn(page, ATLAS_DRAWN)
    page.wait_for_selector("[data-testid=stDataFrame]", timeout=60_000)
    page.wait_for_timeout(500)


def measure_browser(repeats: int) -> dict[str, float]:
    """Median seconds per action, in the browser, on the overview."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright, live_app() as url:
        browser = launch(playwright)
        context = browser.new_context(viewport=VIEWPORT, accept_downloads=True)
        context.add_init_script(ACTION_CLOCK)
        page = context.new_page()
        _open_whole(page, url + "/")
        times = _browser_actions(page, repeats)
        _open_whole(page, url + "/")
        times |= {f"export {k} (click → download)": v for k, v in _exports(page, repeats).items()}
        browser.close()
    return {name: statistics.median(samples) for name, samples in times.items()}


def measure_builders(repeats: int) -> dict[str, float]:
    """Median seconds of the export builders for the overview, in this process."""
    from geo import briefing
    from geo.export import sites_table, to_bytes
    from geo.registry import load_registry
    from geo.views import Filters, site_view

    registry = load_registry()
    filters = Filters()
    lang = "tr"
    view = site_view(registry, filters, lang)
    text = briefing.filters_text(registry, filters, lang)
    builders = {
        "GeoJSON": lambda: to_bytes(sites_table(registry, filters, lang), "geojson"),
        "PNG": lambda: briefing.map_png(view, "Pilot Atlas", text, lang),
        "PDF": lambda: briefing.briefing_pdf(registry, filters, lang),
    }
    result: dict[str, float] = {}
    for name, build in builders.items():
        samples = []
        for _ in range(repeats + 1):  # the first build fills caches; it is reported apart
            start = time.perf_counter()
            build()
            samples.append(time.perf_counter() - start)
        result[f"{name} builder, first in process"] = samples[0]
        result[f"{name} builder, median after"] = statistics.median(samples[1:])
    return result


def table(browser_times: dict[str, float], builder_times: dict[str, float]) -> str:
    """Markdown table of action medians with the budget verdicts."""
    lines = [
        "| action (warm page, median) | seconds | budget | within |",
        "| --- | --- | --- | --- |",
    ]
    for name, seconds in browser_times.items():
        shown = f"{seconds:.2f}" if math.isfinite(seconds) else "timed out (30 s)"
        if name.endswith(DRIVEN):  # the driver's overhead included: no budget verdict
            lines.append(f"| {name} | {shown} | — | — |")
            continue
        budget = BUDGET_EXPORT if name.startswith("export") else BUDGET_ACTION
        within = "yes" if seconds <= budget else "NO"
        lines.append(f"| {name} | {shown} | ≤ {budget} s | {within} |")
    for name, seconds in builder_times.items():
        lines.append(f"| {name} (in process) | {seconds:.2f} | — | — |")
    return "\n".join(lines)
