"""Read uploaded XLSX workbooks safely: defusedxml, unpacked-size cap, cached values only.

Formulas contribute only the value Excel cached for them; nothing is evaluated. Rows
are checked against :class:`~geo.upload_limits.Limits` as they are read.
"""

from __future__ import annotations

import io
import math
import re
import zipfile
from datetime import date, datetime, time
from typing import Any

import pandas as pd

from geo.i18n import Message
from geo.upload_limits import (
    HEADER_SEARCH_ROWS,
    MAX_ROWS,
    Limits,
    UploadError,
    check_record,
    frame_from_rows,
)

#: Unpacked size allowed per uploaded byte of XLSX: guards against zip bombs.
MAX_XLSX_EXPANSION = 40


def load_workbook(data: bytes, name: str) -> Any:
    """Open an XLSX safely (defusedxml, size checks, cached values only)."""
    import openpyxl
    from openpyxl.xml import DEFUSEDXML

    if not DEFUSEDXML:
        msg = Message(
            f"{name}: XLSX uploads need the 'defusedxml' package; upload a CSV instead",
            f"{name}: XLSX yüklemesi 'defusedxml' paketini gerektirir; CSV yükleyin",
        )
        raise UploadError(msg, filename=name)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, ValueError, OSError):
        msg = Message(
            f"{name}: not a valid .xlsx workbook (perhaps a renamed or damaged file)",
            f"{name}: geçerli bir .xlsx çalışma kitabı değil (adı değiştirilmiş ya da bozuk)",
        )
        raise UploadError(msg, filename=name) from None
    if unpacked > MAX_XLSX_EXPANSION * max(len(data), 1_000_000):
        msg = Message(
            f"{name}: the workbook unpacks to {unpacked / 1e6:.0f} MB, which is too large",
            f"{name}: çalışma kitabı açıldığında {unpacked / 1e6:.0f} MB; bu çok büyük",
        )
        raise UploadError(msg, filename=name)
    try:
        return openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:
        # openpyxl raises many types (KeyError, InvalidFileException, XML errors,
        # defusedxml's EntitiesForbidden ...); all mean "this workbook cannot be used".
        msg = Message(
            f"{name}: the workbook could not be read ({type(exc).__name__}: {exc})",
            f"{name}: çalışma kitabı okunamadı ({type(exc).__name__}: {exc})",
        )
        raise UploadError(msg, filename=name) from None


def cell_text(value: Any) -> str:
    """Text of one spreadsheet value, written so :func:`parse_number` reads it back.

    Floats that would look like a thousands group (``123.456``) get a trailing zero
    (``123.4560``) so they are never mistaken for ``123456``.
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            return ""
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        text = repr(value)
        if re.fullmatch(r"-?[1-9]\d{0,2}\.\d{3}", text):
            text += "0"
        return text
    if isinstance(value, datetime):
        if value.time() == time(0):
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, date | time):
        return value.isoformat()
    return str(value).strip()


def xlsx_rows(
    data: bytes, name: str, sheet: str | None, limits: Limits
) -> tuple[list[tuple[int, list[str]]], list[str], list[str]]:
    workbook = load_workbook(data, name)
    warnings: list[str] = []
    try:
        sheet_names = list(workbook.sheetnames)
        if sheet is not None and sheet not in sheet_names:
            msg = Message(
                f"{name}: no worksheet {sheet!r} (sheets: {', '.join(sheet_names)})",
                f"{name}: {sheet!r} adlı sayfa yok (sayfalar: {', '.join(sheet_names)})",
            )
            raise UploadError(msg, filename=name)
        candidates = [sheet] if sheet is not None else sheet_names
        for sheet_name in candidates:
            rows = _sheet_rows(workbook[sheet_name], name, limits)
            if rows:
                if len(sheet_names) > 1:
                    warnings.append(
                        Message(
                            f"read worksheet {sheet_name!r} of {len(sheet_names)}",
                            f"{len(sheet_names)} sayfadan {sheet_name!r} okundu",
                        )
                    )
                return rows, sheet_names, warnings
    except UploadError:
        raise
    except Exception as exc:
        msg = Message(
            f"{name}: the workbook could not be read ({type(exc).__name__}: {exc})",
            f"{name}: çalışma kitabı okunamadı ({type(exc).__name__}: {exc})",
        )
        raise UploadError(msg, filename=name) from None
    finally:
        workbook.close()
    raise UploadError(
        Message(
            f"{name}: the workbook has no filled cells", f"{name}: çalışma kitabında dolu hücre yok"
        ),
        filename=name,
    )


def _sheet_rows(worksheet: Any, name: str, limits: Limits) -> list[tuple[int, list[str]]]:
    rows: list[tuple[int, list[str]]] = []
    for number, values in enumerate(worksheet.iter_rows(values_only=True), start=1):
        cells = [cell_text(v) for v in values]
        check_record(cells, number, name, limits)
        if any(cells):
            rows.append((number, cells))
            if len(rows) > limits.rows + HEADER_SEARCH_ROWS:
                break
    return rows


def sheet_frame(worksheet: Any, name: str, *, max_rows: int = MAX_ROWS) -> pd.DataFrame:
    """All-text frame of one openpyxl worksheet whose first filled row is the header."""
    limits = Limits(rows=max_rows)
    rows = _sheet_rows(worksheet, name, limits)
    if not rows:
        return pd.DataFrame()
    return frame_from_rows(rows, name, max_rows, [], min_columns=1, allow_empty=True)
