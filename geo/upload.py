"""Uploaded indicator tables: the public face of the upload modules.

* :mod:`geo.upload_limits` — :class:`Limits`, :class:`UploadError`, framing.
* :mod:`geo.upload_read` — CSV decoding, delimiter guess, :func:`read_table`.
* :mod:`geo.upload_xlsx` — safe XLSX reading.
* :mod:`geo.upload_numbers` — Turkish/English numbers, per-column reading.
* :mod:`geo.upload_columns` — key and value column guess.
* :mod:`geo.upload_match` — key matching and suggestions (:func:`match_keys`).

Callers import from here; the split keeps each concern small.
"""

from __future__ import annotations

from geo.i18n import Message
from geo.upload_columns import KEY_KINDS, guess_columns
from geo.upload_limits import (
    MAX_BYTES,
    MAX_CELL_CHARS,
    MAX_COLUMNS,
    MAX_ROWS,
    Limits,
    ParsedTable,
    UploadError,
)
from geo.upload_match import MAX_SUGGESTED_ROWS, MAX_SUGGESTIONS, MatchReport, match_keys
from geo.upload_numbers import (
    MAX_ABS_VALUE,
    NumberReading,
    OutOfRangeError,
    infer_decimal,
    number_reading,
    parse_number,
)
from geo.upload_read import CSV_EXTENSIONS, DELIMITERS, XLSX_EXTENSIONS, guess_dialect, read_table
from geo.upload_xlsx import MAX_XLSX_EXPANSION, cell_text, load_workbook, sheet_frame

# geo.userdata opens registry workbooks through this name.
_load_workbook = load_workbook

__all__ = [
    "CSV_EXTENSIONS",
    "DELIMITERS",
    "KEY_KINDS",
    "MAX_ABS_VALUE",
    "MAX_BYTES",
    "MAX_CELL_CHARS",
    "MAX_COLUMNS",
    "MAX_ROWS",
    "MAX_SUGGESTED_ROWS",
    "MAX_SUGGESTIONS",
    "MAX_XLSX_EXPANSION",
    "XLSX_EXTENSIONS",
    "Limits",
    "MatchReport",
    "Message",
    "NumberReading",
    "OutOfRangeError",
    "ParsedTable",
    "UploadError",
    "cell_text",
    "guess_columns",
    "guess_dialect",
    "infer_decimal",
    "load_workbook",
    "match_keys",
    "number_reading",
    "parse_number",
    "read_table",
    "sheet_frame",
]
