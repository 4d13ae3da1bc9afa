"""Export speed: how long each file of the Export menu takes to build.

Usage: ``.venv/bin/python -m benchmarks.exports [--runs 3]``.

Every format is built for the overview (all projects) and for a project page (EKOSEP,
and Civilian Oversight, the project with most deliverables), warm (caches filled by a
first build, as in a running server). Both wall-clock and process CPU seconds are
reported, median of ``--runs``: on a shared machine the wall clock measures the other
processes too, while CPU time is what the build itself costs. The baseline, measured in
the same run, is the CSV of the same scope (the cheapest file): a format's ratio says
how many CSVs it costs. Budget: 1.5 s per file (issue 14); above it the download button
shows a spinner while the file is built.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
import warnings
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from geo.briefing import scope_html, scope_pdf, scope_png, scope_table  # noqa: E402
from geo.maps import coverage_map, phase_map  # noqa: E402
from geo.registry import load_registry  # noqa: E402
from geo.scope import ExportScope  # noqa: E402
from geo.style import phase_colours, phase_legend  # noqa: E402
from geo.views import Filters, site_view, unit_coverage  # noqa: E402

BUDGET_S = 1.5


def _measure(build: Callable[[], bytes], runs: int) -> tuple[float, float, int]:
    walls, cpus, size = [], [], 0
    for _ in range(runs):
        wall, cpu = time.perf_counter(), time.process_time()
        size = len(build())
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return statistics.median(walls), statistics.median(cpus), size


def _builders(registry, scope: ExportScope, title: str) -> dict[str, Callable[[], bytes]]:
    lang = "tr"
    view = site_view(registry, scope.filters, lang)
    if scope.project:
        colours = phase_colours([p.id for p in registry.projects[scope.project].phases])
        drawn = list(dict.fromkeys(zip(view["phase"], view["phase_label"], strict=True)))
        legend = phase_legend(drawn, colours, lang)

        def fmap():
            return phase_map(view, colours, legend, inline=True)
    else:
        texts = {"title": "Kapsam", "none": "Pilot değil", "province": "İl"}

        def fmap():
            return coverage_map(unit_coverage(view), texts, inline=True)

    return {
        "csv": lambda: scope_table(registry, scope, lang, "csv"),
        "xlsx": lambda: scope_table(registry, scope, lang, "xlsx"),
        "geojson": lambda: scope_table(registry, scope, lang, "geojson"),
        "png": lambda: scope_png(registry, scope, lang, title),
        "html": lambda: scope_html(registry, scope, lang, title, fmap()),
        "pdf": lambda: scope_pdf(registry, scope, lang),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.exports")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    warnings.filterwarnings("ignore")
    registry = load_registry()
    scopes = {
        "overview": (ExportScope("overview", Filters()), "Genel bakış"),
        "ekosep": (ExportScope("project", Filters(projects=("ekosep",)), "ekosep"), "EKOSEP"),
        "civil_oversight": (
            ExportScope("project", Filters(projects=("civil_oversight",)), "civil_oversight"),
            "Sivil Gözetim",
        ),
    }
    print("| scope | file | wall s | CPU s | × CSV (CPU) | size kB | within 1.5 s CPU |")
    print("|---|---|---|---|---|---|---|")
    for name, (scope, title) in scopes.items():
        builders = _builders(registry, scope, title)
        cold = {fmt: _measure(build, 1) for fmt, build in builders.items()}  # fill caches
        baseline = _measure(builders["csv"], args.runs)[1] or 1e-9
        for fmt, build in builders.items():
            wall, cpu, size = _measure(build, args.runs)
            ok = "yes" if cpu <= BUDGET_S else "no (spinner)"
            print(
                f"| {name} | {fmt} | {wall:.2f} | {cpu:.2f} | {cpu / baseline:.0f} "
                f"| {size / 1024:.0f} | {ok} |"
            )
        first = ", ".join(f"{fmt} {c[1]:.2f}" for fmt, c in cold.items())
        print(f"|  | first build CPU s: {first} | | | | | |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
