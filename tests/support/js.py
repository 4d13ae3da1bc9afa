"""Browser-side probes of the Chromium tests: JavaScript kept as files in ``tests/js/``
(linted by ESLint with the map's code, ``scripts/lint_js.sh``), each one function that
Playwright's ``evaluate`` or ``wait_for_function`` calls, with its argument if any."""

from __future__ import annotations

from functools import cache
from pathlib import Path

JS_DIR = Path(__file__).resolve().parent.parent / "js"


@cache
def probe(name: str) -> str:
    """The function in ``tests/js/<name>.js``, as text for Playwright."""
    return (JS_DIR / f"{name}.js").read_text(encoding="utf-8").strip()
