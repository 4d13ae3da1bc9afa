"""The view in words and files: the filter line, when the data last changed, and tables
as CSV/XLSX with that line above them.

Shared by the place profile, the matrix and their exports, so a file says what the
screen says.
"""

from __future__ import annotations

import io
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd

from geo.export import neutralise_formulas
from geo.i18n import t
from geo.numbers import format_datetime_utc
from geo.registry import Registry
from geo.scope import filters_text
from geo.views import Filters

REGISTRY_FILES = ("projects.yaml", "sites.csv", "deliverables.csv", "vocabulary.yaml")


def filters_line(registry: Registry, filters: Filters, lang: str) -> str:
    """The active filters in words, including the year and institution filters (the
    same line the Export menu's files print)."""
    return filters_text(registry, filters, lang)


def files_changed(data_dir: Path | str, names: tuple[str, ...] = REGISTRY_FILES) -> datetime | None:
    """Latest modification time (UTC) of the named files in ``data_dir``."""
    stamps = [
        (Path(data_dir) / name).stat().st_mtime
        for name in names
        if (Path(data_dir) / name).exists()
    ]
    return datetime.fromtimestamp(max(stamps), tz=UTC) if stamps else None


def log_changed(at: str | None) -> datetime | None:
    """The newest change-log time (UTC ISO text from the store) as an aware datetime."""
    if not at:
        return None
    stamp = datetime.fromisoformat(str(at))
    return stamp if stamp.tzinfo else stamp.replace(tzinfo=UTC)


def changed_text(files: datetime | None, log: datetime | None, lang: str) -> str:
    """ "Data last changed: ..." from a bundled file's time and/or the change log's."""

    def when(stamp: datetime | None) -> str:
        return format_datetime_utc(stamp, lang) if stamp else t("not_stated_short", lang)

    if files is not None and log is not None:
        both = t("data_changed_both", lang, files=when(files), log=when(log))
        return t("data_changed", lang, when=both)
    return t("data_changed", lang, when=when(log or files))


def tables_bytes(tables: dict[str, pd.DataFrame], fmt: str, heading: str) -> bytes:
    """Tables as CSV (one after another, UTF-8 with BOM) or XLSX (one sheet each), the
    ``heading`` (filter line, data date) above each table. Formula-like text is neutralised."""
    if fmt == "csv":
        parts = [heading]
        for name, frame in tables.items():
            if len(tables) > 1:
                parts.append(f"\n{name}")
            parts.append(neutralise_formulas(frame).to_csv(index=False, lineterminator="\n"))
        return ("\ufeff" + "\n".join(parts)).encode("utf-8")
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        for name, frame in tables.items():
            sheet = name[:31]
            pd.DataFrame({heading: []}).to_excel(writer, index=False, sheet_name=sheet)
            neutralise_formulas(frame).to_excel(writer, index=False, sheet_name=sheet, startrow=2)
    return buffer.getvalue()
