"""Label tables by area of the app, merged into :data:`geo.i18n.LABELS`.

Each module here defines ``LABELS: dict[str, tuple[str, str]]`` (Turkish, English). One
table per concern keeps parallel work from editing the same file; :func:`all_tables`
refuses a key defined twice so tables cannot silently override each other.
"""

from __future__ import annotations

import importlib
import pkgutil


def all_tables() -> dict[str, tuple[str, str]]:
    """Every ``LABELS`` table of this package, merged; a key defined twice is an error."""
    merged: dict[str, tuple[str, str]] = {}
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        table = importlib.import_module(f"{__name__}.{info.name}").LABELS
        clash = merged.keys() & table.keys()
        if clash:
            msg = f"label keys defined twice (geo.labels.{info.name}): {sorted(clash)}"
            raise ValueError(msg)
        merged.update(table)
    return merged
