"""Limits, errors and framing shared by the CSV and XLSX readers of uploads.

:class:`Limits` are checked record by record while a file is read (see
:func:`check_record`), before any column guessing or key matching; messages name the
limit and the row and column (as spreadsheet letters) where it was hit.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

import pandas as pd

from geo.i18n import Message

MAX_BYTES = 5_000_000
MAX_ROWS = 20_000
MAX_COLUMNS = 200
MAX_CELL_CHARS = 2_000
#: Rows scanned above the data for the header (a title line often sits above it).
HEADER_SEARCH_ROWS = 10


@dataclass(frozen=True, slots=True)
class Limits:
    """Hard limits of one upload, checked before any heavy work.

    Attributes
    ----------
    bytes : int
        Largest file size.
    rows : int
        Largest number of data rows (blank rows are not counted).
    columns : int
        Largest number of columns; a filled cell beyond it is refused, not cut off.
    cell_chars : int
        Longest cell, in characters.
    """

    bytes: int = MAX_BYTES
    rows: int = MAX_ROWS
    columns: int = MAX_COLUMNS
    cell_chars: int = MAX_CELL_CHARS


class UploadError(ValueError):
    """An uploaded file cannot be used; the message names the file (and row if any).

    Attributes
    ----------
    filename : str
        The uploaded file's name.
    row : int or None
        Spreadsheet row number (header = 1) the problem was found in.
    """

    def __init__(self, message: str, *, filename: str = "", row: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.filename = filename
        self.row = row

    def text(self, lang: str) -> str:
        """The message in ``lang`` (Turkish when a translation exists)."""
        if isinstance(self.message, Message):
            return self.message.text(lang)
        return str(self.message)


@dataclass
class ParsedTable:
    """An uploaded table, all cells text, indexed by spreadsheet row number.

    Attributes
    ----------
    frame : DataFrame
        Columns from the header row; cells are stripped strings, empty cells ``""``.
    encoding : str
        ``"utf-8"``, ``"utf-8-sig"`` or ``"cp1254"`` for CSV; ``"xlsx"`` for workbooks.
    delimiter : str or None
        The CSV delimiter; ``None`` for XLSX.
    warnings : list of str
        Things the user should know but that did not stop the import.
    sheet_names : list of str
        Worksheets of an XLSX (empty for CSV); the first non-empty one is read.
    """

    frame: pd.DataFrame
    encoding: str
    delimiter: str | None
    warnings: list[str] = field(default_factory=list)
    sheet_names: list[str] = field(default_factory=list)


def check_size(data: bytes, name: str, max_bytes: int) -> None:
    """Refuse an empty file or one larger than ``max_bytes`` (the message names the limit)."""
    if not data or not data.strip():
        raise UploadError(
            Message(f"{name}: the file is empty", f"{name}: dosya boş"), filename=name
        )
    if len(data) > max_bytes:
        msg = Message(
            f"{name}: the file is {len(data) / 1e6:.1f} MB; the limit is {max_bytes / 1e6:g} MB",
            f"{name}: dosya {len(data) / 1e6:.1f} MB; sınır {max_bytes / 1e6:g} MB",
        )
        raise UploadError(msg, filename=name)


def check_record(
    record: list[str], number: int, name: str, limits: Limits, *, cells: bool = True
) -> None:
    """Refuse a record with a filled cell beyond the column limit or an over-long cell.

    Empty trailing fields beyond the limit are dropped from ``record`` in place.
    ``cells=False`` skips the cell-length check (the caller proved no cell can exceed).
    """
    if len(record) > limits.columns:
        beyond = [i for i, c in enumerate(record[limits.columns :], limits.columns) if c.strip()]
        if beyond:
            raise UploadError(
                too_many_columns(name, number, beyond[0] + 1, limits.columns), filename=name
            )
        del record[limits.columns :]  # trailing empty fields (";;;;") are harmless
    if cells and record and max(map(len, record)) > limits.cell_chars:
        column = next(i for i, cell in enumerate(record, 1) if len(cell) > limits.cell_chars)
        raise UploadError(
            cell_too_long(name, number, column, len(record[column - 1]), limits.cell_chars),
            filename=name,
            row=number,
        )


def too_many_columns(name: str, row: int, column: int, limit: int) -> Message:
    """A filled cell beyond the column limit (CSV or XLSX), named by row and column."""
    letter = column_letter(column)
    return Message(
        f"{name}, row {row}: a value in column {letter} (column {column}) is beyond the "
        f"limit of {limit} columns; move the key and value columns to the left or delete "
        "unused columns",
        f"{name}, satır {row}: {letter} sütunundaki ({column}. sütun) değer {limit} sütun "
        "sınırının dışında; anahtar ve değer sütunlarını sola taşıyın ya da kullanılmayan "
        "sütunları silin",
    )


def cell_too_long(name: str, row: int, column: int, length: int, limit: int) -> Message:
    """A cell longer than the character limit, named by row and column."""
    letter = column_letter(column)
    return Message(
        f"{name}, row {row}, column {letter}: the cell has {length:,} characters; "
        f"the limit is {limit:,}",
        f"{name}, satır {row}, {letter} sütunu: hücrede {length:,} karakter var; sınır {limit:,}",
    )


def column_letter(column: int) -> str:
    """Spreadsheet column letters of a 1-based column number (``28`` → ``"AB"``)."""
    letters = ""
    while column > 0:
        column, rest = divmod(column - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


# --------------------------------------------------------------------------- framing


def frame_from_rows(
    rows: list[tuple[int, list[str]]],
    name: str,
    max_rows: int,
    warnings: list[str],
    *,
    min_columns: int = 2,
    strict_width: bool = False,
    allow_empty: bool = False,
) -> pd.DataFrame:
    """Header detection, padding and limits shared by CSV and XLSX."""
    header_at = _header_index(rows, name, min_columns, warnings)
    header_row, header = rows[header_at]
    data = rows[header_at + 1 :]
    _check_data_rows(data, name, header_row, max_rows, allow_empty=allow_empty)
    width = max(len(header), *(len(cells) for _, cells in data)) if data else len(header)
    if strict_width:
        _check_width(data, len(header), name)
    columns = _column_names(header, width, warnings)
    # C-level map/pad/zip and any() per column: a file at the limits (200 columns x
    # 12,000 rows) must not cost a Python-level call per cell.
    cells = [list(map(str.strip, row)) + [""] * (width - len(row)) for _, row in data]
    by_column = list(zip(*cells, strict=True)) if cells else [()] * width
    keep = [i for i in range(width) if (i < len(header) and header[i].strip()) or any(by_column[i])]
    frame = pd.DataFrame(
        {columns[i]: by_column[i] for i in keep},
        index=pd.Index([n for n, _ in data], name="row", dtype="int64"),
        dtype=object,
    )
    if frame.shape[1] < min_columns:
        msg = Message(
            f"{name}: only one column found; the table needs a key column and a value column",
            f"{name}: yalnızca bir sütun bulundu; tabloda bir anahtar ve bir değer sütunu olmalı",
        )
        raise UploadError(msg, filename=name)
    return frame.astype(str)


def _header_index(
    rows: list[tuple[int, list[str]]], name: str, min_columns: int, warnings: list
) -> int:
    """Index of the header: the first row with two filled cells (title rows above it are
    skipped with a warning), or the first row for a one-column table."""
    if min_columns == 1:
        return 0
    header_at = next(
        (i for i, (_, cells) in enumerate(rows[:HEADER_SEARCH_ROWS]) if _filled(cells) >= 2),
        None,
    )
    if header_at is None:
        msg = Message(
            f"{name}: only one column found; the table needs a key column "
            "(province, district or code) and a value column",
            f"{name}: yalnızca bir sütun bulundu; tabloda bir anahtar (il, ilçe ya da kod) "
            "ve bir değer sütunu olmalı",
        )
        raise UploadError(msg, filename=name)
    if header_at:
        skipped = ", ".join(str(n) for n, _ in rows[:header_at])
        warnings.append(
            Message(
                f"row(s) {skipped} above the header were skipped",
                f"başlığın üstündeki {skipped}. satır(lar) atlandı",
            )
        )
    return header_at


def _check_data_rows(
    data: list[tuple[int, list[str]]],
    name: str,
    header_row: int,
    max_rows: int,
    *,
    allow_empty: bool,
) -> None:
    """Some data rows below the header (unless ``allow_empty``), at most ``max_rows``."""
    if not data and not allow_empty:
        msg = Message(
            f"{name}: the header (row {header_row}) is not followed by any data rows",
            f"{name}: başlıktan ({header_row}. satır) sonra veri satırı yok",
        )
        raise UploadError(msg, filename=name, row=header_row)
    if len(data) > max_rows:
        msg = Message(
            f"{name}: more than {max_rows:,} data rows; split the file or remove rows",
            f"{name}: {max_rows:,} satırdan fazla veri var; dosyayı bölün ya da satır silin",
        )
        raise UploadError(msg, filename=name, row=data[max_rows][0])


def _check_width(data: list[tuple[int, list[str]]], header_width: int, name: str) -> None:
    """A CSV row longer than its header is nearly always an unquoted delimiter."""
    for number, cells in data:
        if len(cells) <= header_width:
            continue
        extra = [c for c in cells[header_width:] if c.strip()]
        if extra:
            msg = Message(
                f"{name}, row {number}: {header_width + len(extra)} values but the header has "
                f"{header_width} columns (a value may contain an unquoted delimiter, such as "
                "a decimal comma in a comma-separated file)",
                f"{name}, satır {number}: {header_width + len(extra)} değer var ama başlıkta "
                f"{header_width} sütun var (bir değer tırnaksız bir ayırıcı içeriyor olabilir, "
                "örneğin virgülle ayrılmış dosyada ondalık virgül)",
            )
            raise UploadError(msg, filename=name, row=number)


def _filled(cells: Sequence[str]) -> int:
    return sum(1 for c in cells if c.strip())


def _column_names(header: Sequence[str], width: int, warnings: list[str]) -> list[str]:
    names: list[str] = []
    seen: Counter[str] = Counter()
    for i in range(width):
        base = header[i].strip() if i < len(header) else ""
        if not base:
            base = f"column_{i + 1}"
        seen[base] += 1
        if seen[base] > 1:
            warnings.append(
                Message(
                    f"duplicate column name {base!r} renamed to '{base} ({seen[base]})'",
                    f"yinelenen sütun adı {base!r}, '{base} ({seen[base]})' olarak değiştirildi",
                )
            )
            base = f"{base} ({seen[base]})"
        names.append(base)
    return names
