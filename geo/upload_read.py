"""Read uploaded indicator tables (CSV or XLSX) into all-text frames, with hard limits.

Uploads come from Turkish offices as much as from machines, so this module expects:

* CSV in UTF-8 (with or without BOM) or Windows-1254 / ISO-8859-9. It never falls
  back to Latin-1, which would silently turn ``Iğdır`` into ``Iðdýr``.
* Comma, semicolon or tab delimiters (Excel in a Turkish locale writes semicolons).
* Turkish or English headers, title lines above the header, Excel's ``sep=`` line.

Every step is linear in the file's size and bounded by :class:`Limits` (bytes, rows,
columns, characters per cell), checked while reading and before any guessing or
matching; a file over a limit is refused with a message naming the limit. The
delimiter is guessed by counting fields on the first lines (``csv.Sniffer`` is never
used on uploads: its regular expressions take tens of seconds on crafted rows).

Nothing uploaded is ever evaluated: a CSV cell ``=1+1`` stays that text, and an XLSX
formula contributes only the value Excel cached for it. XLSX is parsed by openpyxl
with ``defusedxml`` (guarding against entity-expansion attacks); uploads are refused
outright if ``defusedxml`` is missing.

Every frame returned is all text, indexed by spreadsheet row number (header = row 1),
so problems can be reported the way a user finds them in Excel.
"""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from pathlib import PurePath

from geo.i18n import Message
from geo.upload_limits import (
    HEADER_SEARCH_ROWS,
    MAX_BYTES,
    MAX_ROWS,
    Limits,
    ParsedTable,
    UploadError,
    check_record,
    check_size,
    frame_from_rows,
)
from geo.upload_xlsx import xlsx_rows

CSV_EXTENSIONS = (".csv", ".txt", ".tsv")
XLSX_EXTENSIONS = (".xlsx", ".xlsm")
DELIMITERS = (",", ";", "\t")
QUOTES = ('"', "'")
#: Lines and characters the delimiter guess looks at.
GUESS_LINES = 50
GUESS_CHARS = 65_536
#: Physical lines one quoted cell may span (Excel's Alt+Enter headers need 2–3).
MAX_CELL_LINES = 3

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# UTF-8 text that was once decoded as Latin-1/cp1254 and saved again ("Ä±" for "ı").
# Latin-1 letters that Turkish never uses ("Iðdýr") betray a cp1254 → Latin-1 mix-up.
_MOJIBAKE = re.compile(r"Ä[±°Ÿž]|Å[Ÿž]|Ã[¼¶§œ–‡]|[ÝÞðýþ]")
_SEP_DIRECTIVE = re.compile(r"^\ufeff?sep=(.)\s*$", re.IGNORECASE)


# --------------------------------------------------------------------------- reading


def read_table(
    data: bytes,
    filename: str,
    *,
    max_bytes: int = MAX_BYTES,
    max_rows: int = MAX_ROWS,
    sheet: str | None = None,
    limits: Limits | None = None,
) -> ParsedTable:
    """Parse an uploaded CSV or XLSX file into an all-text table.

    Parameters
    ----------
    data : bytes
        The file's content.
    filename : str
        The name it was uploaded under; its extension picks the parser.
    max_bytes, max_rows : int
        Largest file size and number of data rows (shortcuts for ``limits``).
    sheet : str, optional
        XLSX worksheet to read; by default the first one that has cells.
    limits : Limits, optional
        All limits at once; ``max_bytes`` and ``max_rows`` are ignored when given.

    Returns
    -------
    ParsedTable

    Raises
    ------
    UploadError
        Empty, binary, undecodable, one-column or over-limit files, unknown
        extensions, unterminated quotes and workbooks that fail to parse.
    """
    limits = limits or Limits(bytes=max_bytes, rows=max_rows)
    name = PurePath(filename or "upload").name
    suffix = _suffix(name)
    check_size(data, name, limits.bytes)
    if suffix in XLSX_EXTENSIONS:
        rows, sheet_names, warnings = xlsx_rows(data, name, sheet, limits)
        frame = frame_from_rows(rows, name, limits.rows, warnings)
        return ParsedTable(frame, "xlsx", None, warnings, sheet_names)
    text, encoding, warnings = _decode(data, name)
    delimiter, quote, text = _dialect(text, name)
    rows = _csv_rows(text, (delimiter, quote), name, limits)
    # A CSV row longer than its header is nearly always an unquoted delimiter.
    frame = frame_from_rows(rows, name, limits.rows, warnings, strict_width=True)
    formulas = sum(int(frame[c].str.startswith("=").sum()) for c in frame.columns)
    if formulas:
        warnings.append(
            Message(
                f"{formulas} cell(s) start with '='; they were kept as text and not calculated",
                f"{formulas} hücre '=' ile başlıyor; metin olarak tutuldu, hesaplanmadı",
            )
        )
    return ParsedTable(frame, encoding, delimiter, warnings)


def _suffix(name: str) -> str:
    """The file's extension, lower case; anything but CSV or XLSX is refused by name."""
    suffix = PurePath(name).suffix.lower()
    if suffix not in CSV_EXTENSIONS + XLSX_EXTENSIONS:
        xls = suffix == ".xls"
        msg = Message(
            f"{name}: unsupported file type {suffix or '(none)'!r}; upload a .csv or .xlsx file"
            + (" (save old .xls workbooks as .xlsx)" if xls else ""),
            f"{name}: desteklenmeyen dosya türü {suffix or '(yok)'!r}; .csv veya .xlsx yükleyin"
            + (" (eski .xls çalışma kitaplarını .xlsx olarak kaydedin)" if xls else ""),
        )
        raise UploadError(msg, filename=name)
    return suffix


def _decode(data: bytes, name: str) -> tuple[str, str, list[str]]:
    warnings: list[str] = []
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        msg = Message(
            f"{name}: the file is UTF-16 ('Unicode text'); save it as 'CSV UTF-8' instead",
            f"{name}: dosya UTF-16 ('Unicode metin'); 'CSV UTF-8' olarak kaydedin",
        )
        raise UploadError(msg, filename=name)
    if b"\x00" in data:
        workbook = data[:2] == b"PK"
        msg = Message(
            f"{name}: the file contains binary data (NUL bytes); it is not a text CSV"
            + ("; it looks like an Excel workbook: upload it as .xlsx" if workbook else ""),
            f"{name}: dosya ikili veri içeriyor (NUL baytları); metin CSV değil"
            + ("; bir Excel çalışma kitabına benziyor: .xlsx olarak yükleyin" if workbook else ""),
        )
        raise UploadError(msg, filename=name)
    try:
        text = data.decode("utf-8-sig")
        encoding = "utf-8-sig" if data.startswith(b"\xef\xbb\xbf") else "utf-8"
    except UnicodeDecodeError:
        # Turkish Excel saves "CSV (comma delimited)" as Windows-1254. ISO-8859-9 puts
        # the Turkish letters at the same bytes, so this decodes it too. Latin-1 is
        # never tried: it accepts every byte and would garble ğ, ı, ş, İ, Ş, Ğ.
        try:
            text = data.decode("cp1254")
        except UnicodeDecodeError as exc:
            row = data[: exc.start].count(b"\n") + 1
            msg = Message(
                f"{name}, row {row}: the file is neither UTF-8 nor Windows-1254 text "
                "(binary or an unknown encoding); save it as 'CSV UTF-8'",
                f"{name}, satır {row}: dosya UTF-8 ya da Windows-1254 metin değil "
                "(ikili ya da bilinmeyen kodlama); 'CSV UTF-8' olarak kaydedin",
            )
            raise UploadError(msg, filename=name, row=row) from None
        encoding = "cp1254"
        warnings.append(
            Message(
                "read as Windows-1254 (Turkish); 'CSV UTF-8' is the safer format",
                "Windows-1254 (Türkçe) olarak okundu; 'CSV UTF-8' daha güvenli biçimdir",
            )
        )
    controls = len(_CONTROL.findall(text))
    if controls > max(2, len(text) // 1000):
        msg = Message(
            f"{name}: the file contains binary data ({controls} control characters)",
            f"{name}: dosya ikili veri içeriyor ({controls} denetim karakteri)",
        )
        raise UploadError(msg, filename=name)
    if _MOJIBAKE.search(text):
        warnings.append(
            Message(
                "some text looks double-encoded (e.g. 'Ä±' for 'ı'); check the Turkish letters",
                "bazı metinler iki kez kodlanmış görünüyor ('ı' yerine 'Ä±' gibi); "
                "Türkçe harfleri denetleyin",
            )
        )
    return text, encoding, warnings


def _dialect(text: str, name: str) -> tuple[str, str, str]:
    """Delimiter and quote character; returns them and the text without a ``sep=`` line."""
    first, _, rest = text.partition("\n")
    directive = _SEP_DIRECTIVE.match(first.rstrip("\r"))
    if directive and directive.group(1) in DELIMITERS:
        # Excel's "sep=;" line: honour it and drop it; Excel does not show it as a row.
        return directive.group(1), '"', rest
    guessed = guess_dialect(text)
    if guessed is None:
        msg = Message(
            f"{name}: only one column found (tried comma, semicolon and tab as delimiters); "
            "the table needs a key column and a value column",
            f"{name}: yalnızca bir sütun bulundu (virgül, noktalı virgül ve sekme denendi); "
            "tabloda bir anahtar ve bir değer sütunu olmalı",
        )
        raise UploadError(msg, filename=name)
    return guessed[0], guessed[1], text


def guess_dialect(text: str) -> tuple[str, str] | None:
    """The delimiter and quote character that give the most consistent field counts.

    Reads at most :data:`GUESS_LINES` non-blank lines within the first
    :data:`GUESS_CHARS` characters, once per candidate (3 delimiters × 2 quotes), with
    the C ``csv`` reader: time is linear in that sample whatever its content. A
    candidate needs ≥ 2 fields in most lines; the delimiter of the first line wins ties,
    and ``'`` is tried as the quote only when the sample has no ``"``.

    Returns
    -------
    tuple of str or None
        ``(delimiter, quotechar)``, or ``None`` when every candidate gives one column.
    """
    sample = text[:GUESS_CHARS]
    if len(text) > len(sample):
        sample = sample[: sample.rfind("\n") + 1] or sample
    lines: list[str] = []
    for line in io.StringIO(sample, newline=""):
        if line.strip():
            lines.append(line)
            if len(lines) >= GUESS_LINES:
                break
    header = lines[0] if lines else ""
    quotes = QUOTES if '"' not in sample else QUOTES[:1]
    best: tuple[tuple[float, int, int, int], tuple[str, str]] | None = None
    for quote in quotes:
        for rank, delimiter in enumerate(DELIMITERS):
            counts = [
                len(record)
                for record in csv.reader(lines, delimiter=delimiter, quotechar=quote, strict=False)
            ]
            mode, hits = Counter(counts).most_common(1)[0] if counts else (0, 0)
            if mode < 2:
                continue
            score = (hits / len(counts), int(delimiter in header), mode, -rank)
            if quote != '"':
                score = (score[0] - 1e-6, *score[1:])  # '"' wins any tie
            if best is None or score > best[0]:
                best = (score, (delimiter, quote))
    return best[1] if best else None


def _csv_rows(
    text: str, dialect: tuple[str, str], name: str, limits: Limits
) -> list[tuple[int, list[str]]]:
    """Records of the CSV with their row numbers; every limit is checked per record."""
    delimiter, quote = dialect
    reader = csv.reader(
        io.StringIO(text, newline=""), delimiter=delimiter, quotechar=quote, strict=False
    )
    # A cell spans at most MAX_CELL_LINES lines, so short lines prove short cells and the
    # per-cell check can be skipped (the usual case).
    longest = max(map(len, io.StringIO(text, newline="")), default=0)
    cells = longest * MAX_CELL_LINES > limits.cell_chars
    rows: list[tuple[int, list[str]]] = []
    number = line = 0
    open_at: tuple[int, int] | None = None  # lines of the last record with a line break
    try:
        for record in reader:
            number += 1
            start, line = line + 1, reader.line_num
            open_at = None
            if line > start and any("\n" in c or "\r" in c for c in record):
                open_at = (start, line)
                if line - start + 1 > MAX_CELL_LINES:
                    raise UploadError(unterminated_quote(name, start, quote), filename=name)
            check_record(record, number, name, limits, cells=cells)
            if any(record) and "".join(record).strip():
                rows.append((number, record))
                # Header plus a few title rows may precede the data.
                if len(rows) > limits.rows + HEADER_SEARCH_ROWS:
                    open_at = None
                    break
    except csv.Error as exc:
        msg = Message(
            f"{name}, row {number + 1}: cannot be read as CSV ({exc})",
            f"{name}, satır {number + 1}: CSV olarak okunamıyor ({exc})",
        )
        raise UploadError(msg, filename=name, row=number + 1) from None
    if open_at is not None:
        _check_closed(text, dialect, open_at, name)
    return rows


def _check_closed(text: str, dialect: tuple[str, str], span: tuple[int, int], name: str) -> None:
    """Refuse a quote still open at the end of the file (the last record only)."""
    start, end = span
    delimiter, quote = dialect
    # At most MAX_CELL_LINES lines, read once: cheap.
    lines = io.StringIO(text, newline="").readlines()[start - 1 : end]
    try:
        list(csv.reader(lines, delimiter=delimiter, quotechar=quote, strict=True))
    except csv.Error:
        raise UploadError(unterminated_quote(name, start, quote), filename=name) from None


def unterminated_quote(name: str, line: int, quote: str) -> Message:
    """A quote opened on ``line`` that swallows the lines after it."""
    return Message(
        f"{name}, line {line}: a quotation mark ({quote}) opened on this line is not "
        "closed, so the lines after it would be read into one cell; close the quote "
        "or remove it",
        f"{name}, satır {line}: bu satırda açılan tırnak işareti ({quote}) kapanmıyor; "
        "sonraki satırlar tek bir hücreye okunurdu; tırnağı kapatın ya da silin",
    )
