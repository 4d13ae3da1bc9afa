"""Browser-side probes of the Chromium tests: JavaScript kept as files in ``tests/js/``
(linted by ESLint with the map's code, ``scripts/lint_web.sh``), each one function that
Playwright's ``evaluate`` or ``wait_for_function`` calls, with its argument if any, or a
script that runs itself, for ``BrowserContext.add_init_script`` (``order_clock.js``)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

JS_DIR = Path(__file__).resolve().parent.parent / "js"


@cache
def probe(name: str, folder: Path = JS_DIR) -> str:
    """The function in ``<folder>/<name>.js`` (``tests/js`` unless given), as text for
    Playwright; the benchmarks keep theirs in ``benchmarks/js``."""
    return (folder / f"{name}.js").read_text(encoding="utf-8").strip()
