"""Where a rerun spends its time: pyinstrument on the script thread of an AppTest run.

Usage: ``.venv/bin/python -m benchmarks.profile [scenario ...] [--html DIR]``.

Scenarios (each on a warm app: the first run, which fills the caches, is not shown):

* ``repeat`` — overview rerun with nothing changed (every cache warm: the steady
  cost of a rerun, e.g. a viewer flipping between filters already seen);
* ``filter`` — overview, project filter changed;
* ``language`` — overview, Turkish → English;
* ``present`` — overview, presentation mode switched on;
* ``project`` / ``indicators`` — a rerun of that page after a status filter change.

AppTest runs the script in its own thread, so the profiler is started inside that
thread (``LocalScriptRunner._run_script_thread``); what the server does after the
script (serialising and sending messages) is not in these profiles.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _profiled_run(app, holder: list) -> None:
    from pyinstrument import Profiler
    from streamlit.testing.v1.local_script_runner import LocalScriptRunner

    original = LocalScriptRunner._run_script_thread

    def wrapped(self) -> None:
        profiler = Profiler(interval=0.001)
        profiler.start()
        try:
            original(self)
        finally:
            profiler.stop()
            holder.append(profiler)

    LocalScriptRunner._run_script_thread = wrapped  # type: ignore[method-assign]
    try:
        app.run()
    finally:
        LocalScriptRunner._run_script_thread = original  # type: ignore[method-assign]


def _scenarios() -> dict[str, tuple[str | None, Callable]]:
    def filter_change(app) -> None:
        app.multiselect(key="f_project").set_value(_project_ids()[:1])

    return {
        "repeat": (None, lambda app: None),
        "filter": (None, filter_change),
        "language": (None, lambda app: app.radio(key="lang").set_value("en")),
        "present": (None, lambda app: app.toggle(key="present").set_value(True)),
        "project-repeat": ("project", lambda app: None),
        "indicators-repeat": ("indicators", lambda app: None),
        "project": ("project", lambda app: app.multiselect(key="f_status").set_value(["planned"])),
        "indicators": (
            "indicators",
            lambda app: app.multiselect(key="f_status").set_value(["planned"]),
        ),
    }


def _project_ids() -> list[str]:
    from geo.registry import load_registry

    return list(load_registry().projects)


def profile(name: str, html_dir: Path | None) -> str:
    """Text profile of one scenario's rerun (and its wall time)."""
    from streamlit.testing.v1 import AppTest

    page, change = _scenarios()[name]
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    if page:
        app.query_params["page"] = page
    app.run()
    app.run()  # second run: module-level and cache warm-up done
    change(app)
    holder: list = []
    _profiled_run(app, holder)
    if app.exception:
        return f"{name}: rerun failed: {app.exception[0].value}"
    profiler = holder[-1]
    if html_dir is not None:
        html_dir.mkdir(parents=True, exist_ok=True)
        (html_dir / f"{name}.html").write_text(profiler.output_html(), encoding="utf-8")
    return profiler.output_text(unicode=True, color=False, show_all=False)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("scenarios", nargs="*", default=list(_scenarios()))
    parser.add_argument("--html", type=Path, help="also write pyinstrument HTML here")
    args = parser.parse_args(argv)
    for name in args.scenarios:
        print(f"===== {name} =====")
        print(profile(name, args.html))
    return 0


if __name__ == "__main__":
    sys.exit(main())
