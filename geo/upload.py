"""Read uploaded indicator tables (CSV or XLSX) and match their rows to COD-AB P-codes.

Uploads come from Turkish offices as much as from machines, so this module expects:

* CSV in UTF-8 (with or without BOM) or Windows-1254 / ISO-8859-9. It never falls
  back to Latin-1, which would silently turn ``Iğdır`` into ``Iðdýr``.
* Comma, semicolon or tab delimiters (Excel in a Turkish locale writes semicolons).
* Decimal commas and thousands dots (``1.234,5``) as well as the English convention.
* Turkish or English headers (``İl``, ``İlçe``, ``Değer`` / ``province``, ``value``).

Nothing uploaded is ever evaluated: a CSV cell ``=1+1`` stays that text, and an XLSX
formula contributes only the value Excel cached for it. XLSX is parsed by openpyxl
with ``defusedxml`` (guarding against entity-expansion attacks); uploads are refused
outright if ``defusedxml`` is missing.

Every frame returned is all text, indexed by spreadsheet row number (header = row 1),
so problems can be reported the way a user finds them in Excel.
"""

from __future__ import annotations

import contextlib
import csv
import difflib
import io
import math
import re
import zipfile
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import PurePath
from typing import Any

import pandas as pd

from geo.boundaries import Level, provinces_table, units
from geo.i18n import Message
from geo.names import name_key
from geo.resolver import ResolveError, default_resolver

CSV_EXTENSIONS = (".csv", ".txt", ".tsv")
XLSX_EXTENSIONS = (".xlsx", ".xlsm")
DELIMITERS = (",", ";", "\t")
KEY_KINDS = ("pcode", "ilce_kodu", "il_kodu", "nuts2", "names")
#: Unpacked size allowed per uploaded byte of XLSX: guards against zip bombs.
MAX_XLSX_EXPANSION = 40
MAX_COLUMNS = 200
#: Rows scanned above the data for the header (a title line often sits above it).
HEADER_SEARCH_ROWS = 10

_DELIMITER_NAMES = {",": "comma", ";": "semicolon", "\t": "tab"}
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# UTF-8 text that was once decoded as Latin-1/cp1254 and saved again ("Ä±" for "ı").
# Latin-1 letters that Turkish never uses ("Iðdýr") betray a cp1254 → Latin-1 mix-up.
_MOJIBAKE = re.compile(r"Ä[±°Ÿž]|Å[Ÿž]|Ã[¼¶§œ–‡]|[ÝÞðýþ]")
_SEP_DIRECTIVE = re.compile(r"^\ufeff?sep=(.)\s*$", re.IGNORECASE)


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


# --------------------------------------------------------------------------- reading


def read_table(
    data: bytes,
    filename: str,
    *,
    max_bytes: int = 5_000_000,
    max_rows: int = 20_000,
    sheet: str | None = None,
) -> ParsedTable:
    """Parse an uploaded CSV or XLSX file into an all-text table.

    Parameters
    ----------
    data : bytes
        The file's content.
    filename : str
        The name it was uploaded under; its extension picks the parser.
    max_bytes : int
        Largest accepted file size.
    max_rows : int
        Largest accepted number of data rows (blank rows are not counted).
    sheet : str, optional
        XLSX worksheet to read; by default the first one that has cells.

    Returns
    -------
    ParsedTable

    Raises
    ------
    UploadError
        Empty, binary, undecodable, one-column, too large or too long files, unknown
        extensions and workbooks that fail to parse.
    """
    name = PurePath(filename or "upload").name
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
    if suffix in XLSX_EXTENSIONS:
        rows, sheet_names, warnings = _xlsx_rows(data, name, sheet, max_rows)
        frame = _frame_from_rows(rows, name, max_rows, warnings)
        return ParsedTable(frame, "xlsx", None, warnings, sheet_names)
    text, encoding, warnings = _decode(data, name)
    delimiter, text = _delimiter(text, name)
    rows = _csv_rows(text, delimiter, name, max_rows)
    # A CSV row longer than its header is nearly always an unquoted delimiter.
    frame = _frame_from_rows(rows, name, max_rows, warnings, strict_width=True)
    formulas = sum(int(frame[c].str.startswith("=").sum()) for c in frame.columns)
    if formulas:
        warnings.append(
            Message(
                f"{formulas} cell(s) start with '='; they were kept as text and not calculated",
                f"{formulas} hücre '=' ile başlıyor; metin olarak tutuldu, hesaplanmadı",
            )
        )
    return ParsedTable(frame, encoding, delimiter, warnings)


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


def _delimiter(text: str, name: str) -> tuple[str, str]:
    """Pick the delimiter; returns it and the text without an Excel ``sep=`` line."""
    first, _, rest = text.partition("\n")
    directive = _SEP_DIRECTIVE.match(first.rstrip("\r"))
    if directive and directive.group(1) in DELIMITERS:
        # Excel's "sep=;" line: honour it and drop it; Excel does not show it as a row.
        return directive.group(1), rest
    sample = text[:65536]
    if len(text) > len(sample):
        sample = sample[: sample.rfind("\n") + 1] or sample
    header = next((line for line in sample.splitlines() if line.strip()), "")
    try:
        sniffed = csv.Sniffer().sniff(sample, delimiters="".join(DELIMITERS)).delimiter
    except csv.Error:
        sniffed = None
    if sniffed in DELIMITERS and sniffed in header:
        return sniffed, text
    counted = _count_delimiter(sample)
    if counted is None:
        msg = Message(
            f"{name}: only one column found (tried comma, semicolon and tab as delimiters); "
            "the table needs a key column and a value column",
            f"{name}: yalnızca bir sütun bulundu (virgül, noktalı virgül ve sekme denendi); "
            "tabloda bir anahtar ve bir değer sütunu olmalı",
        )
        raise UploadError(msg, filename=name)
    return counted, text


def _count_delimiter(sample: str) -> str | None:
    """The delimiter giving the most rows with the same number (≥ 2) of fields."""
    lines = [line for line in sample.splitlines() if line.strip()][:50]
    best: tuple[float, int, str] | None = None
    for delimiter in DELIMITERS:
        try:
            counts = [len(r) for r in csv.reader(lines, delimiter=delimiter)]
        except csv.Error:
            continue
        mode, hits = Counter(counts).most_common(1)[0] if counts else (0, 0)
        if mode < 2:
            continue
        score = (hits / len(counts), mode, delimiter)
        if best is None or score[:2] > best[:2]:
            best = score
    return best[2] if best else None


def _csv_rows(text: str, delimiter: str, name: str, max_rows: int) -> list[tuple[int, list[str]]]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=False)
    rows: list[tuple[int, list[str]]] = []
    number = 0
    try:
        for record in reader:
            number += 1
            if any(cell.strip() for cell in record):
                rows.append((number, record))
                # Header plus a few title rows may precede the data.
                if len(rows) > max_rows + HEADER_SEARCH_ROWS:
                    break
    except csv.Error as exc:
        msg = Message(
            f"{name}, row {number + 1}: cannot be read as CSV ({exc})",
            f"{name}, satır {number + 1}: CSV olarak okunamıyor ({exc})",
        )
        raise UploadError(msg, filename=name, row=number + 1) from None
    return rows


# --------------------------------------------------------------------------- XLSX


def _load_workbook(data: bytes, name: str) -> Any:
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


def _xlsx_rows(
    data: bytes, name: str, sheet: str | None, max_rows: int
) -> tuple[list[tuple[int, list[str]]], list[str], list[str]]:
    workbook = _load_workbook(data, name)
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
            rows = _sheet_rows(workbook[sheet_name], name, max_rows)
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


def _sheet_rows(worksheet: Any, name: str, max_rows: int) -> list[tuple[int, list[str]]]:
    rows: list[tuple[int, list[str]]] = []
    for number, values in enumerate(worksheet.iter_rows(values_only=True), start=1):
        cells = [cell_text(v) for v in values[:MAX_COLUMNS]]
        if any(cells):
            rows.append((number, cells))
            if len(rows) > max_rows + HEADER_SEARCH_ROWS:
                break
    return rows


def sheet_frame(worksheet: Any, name: str, *, max_rows: int = 20_000) -> pd.DataFrame:
    """All-text frame of one openpyxl worksheet whose first filled row is the header."""
    rows = _sheet_rows(worksheet, name, max_rows)
    if not rows:
        return pd.DataFrame()
    return _frame_from_rows(rows, name, max_rows, [], min_columns=1, allow_empty=True)


# --------------------------------------------------------------------------- framing


def _frame_from_rows(
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
    if min_columns == 1:
        header_at: int | None = 0
    else:
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
    header_row, header = rows[header_at]
    data = rows[header_at + 1 :]
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
    width = max(len(header), *(len(cells) for _, cells in data)) if data else len(header)
    columns = _column_names(header, width, warnings)
    keep = [
        i
        for i, col in enumerate(columns)
        if (i < len(header) and header[i].strip()) or any(_at(cells, i) for _, cells in data)
    ]
    for number, cells in data:
        extra = [c for c in cells[len(header) :] if c.strip()]
        if extra and strict_width:
            msg = Message(
                f"{name}, row {number}: {len(header) + len(extra)} values but the header has "
                f"{len(header)} columns (a value may contain an unquoted delimiter, such as "
                "a decimal comma in a comma-separated file)",
                f"{name}, satır {number}: {len(header) + len(extra)} değer var ama başlıkta "
                f"{len(header)} sütun var (bir değer tırnaksız bir ayırıcı içeriyor olabilir, "
                "örneğin virgülle ayrılmış dosyada ondalık virgül)",
            )
            raise UploadError(msg, filename=name, row=number)
    frame = pd.DataFrame(
        [[_at(cells, i) for i in keep] for _, cells in data],
        columns=[columns[i] for i in keep],
        index=pd.Index([n for n, _ in data], name="row"),
        dtype=object,
    )
    if frame.shape[1] < min_columns:
        msg = Message(
            f"{name}: only one column found; the table needs a key column and a value column",
            f"{name}: yalnızca bir sütun bulundu; tabloda bir anahtar ve bir değer sütunu olmalı",
        )
        raise UploadError(msg, filename=name)
    return frame.astype(str)


def _filled(cells: Sequence[str]) -> int:
    return sum(1 for c in cells if c.strip())


def _at(cells: Sequence[str], i: int) -> str:
    return cells[i].strip() if i < len(cells) else ""


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


# --------------------------------------------------------------------------- numbers

_MISSING = {"", "-", "–", "—", "n/a", "na", "n.a.", "nan", "null", "none", "yok", "..", "…"}
_NUMBER = re.compile(r"^(?P<sign>[+\-−]?)(?P<body>\d[\d.,]*|[.,]\d+)(?P<exp>[eE][+\-]?\d+)?$")
_GROUPED = re.compile(r"^[1-9]\d{0,2}(\{sep}\d{3})+$")


def parse_number(text: object, decimal: str | None = None) -> float | None:
    """Read a number written in Turkish or English style.

    Parameters
    ----------
    text : object
        The cell: ``"1.234,5"``, ``"1,234.5"``, ``"12,5"``, ``"%12,5"``, ``"12,5 %"`` ...
        Numbers (int/float) pass through.
    decimal : {",", "."}, optional
        The decimal mark of the column, used only where a value is ambiguous: one
        separator followed by exactly three digits (``"1.234"``). Without it a lone
        comma is decimal (Turkish) and a lone dot is decimal too (machine output).

    Returns
    -------
    float or None
        ``None`` for an empty cell or a placeholder such as ``"-"`` or ``"n/a"``.
        Percentages are returned as written (``"%12,5"`` → ``12.5``).

    Raises
    ------
    ValueError
        Text that is not a number, or infinite values.
    """
    if text is None:
        return None
    if isinstance(text, bool):
        raise ValueError(f"not a number: {text!r}")
    if isinstance(text, int | float):
        return None if math.isnan(text) else _finite(float(text), text)
    raw = str(text)
    cleaned = raw.strip().replace("\u00a0", "").replace("\u202f", "").replace(" ", "")
    if cleaned.lower() in _MISSING:
        return None
    if cleaned.startswith("%"):
        cleaned = cleaned[1:]
    elif cleaned.endswith("%"):
        cleaned = cleaned[:-1]
    if cleaned.startswith("'"):
        cleaned = cleaned[1:]  # apostrophe Excel users type to force text
    match = _NUMBER.match(cleaned)
    if not match:
        raise ValueError(f"not a number: {raw!r}")
    body = _plain_digits(match.group("body"), decimal, raw)
    sign = "-" if match.group("sign") in ("-", "−") else ""
    return _finite(float(sign + body + (match.group("exp") or "")), raw)


def _finite(value: float, raw: object) -> float:
    if not math.isfinite(value):
        raise ValueError(f"not a finite number: {raw!r}")
    return value


def _plain_digits(body: str, decimal: str | None, raw: str) -> str:
    """``body`` with thousands separators removed and ``.`` as the decimal mark."""
    commas, dots = body.count(","), body.count(".")
    if commas and dots:
        mark = "," if body.rfind(",") > body.rfind(".") else "."
        thousands = "." if mark == "," else ","
        whole, _, frac = body.rpartition(mark)
        if body.count(mark) != 1 or not _grouped(whole, thousands):
            raise ValueError(f"not a number: {raw!r}")
        return whole.replace(thousands, "") + "." + frac
    sep = "," if commas else "." if dots else ""
    if not sep:
        return body
    if body.count(sep) > 1:
        if not _grouped(body, sep):
            raise ValueError(f"not a number: {raw!r}")
        return body.replace(sep, "")
    if _grouped(body, sep) and decimal is not None and decimal != sep:
        return body.replace(sep, "")  # "1.234" in a decimal-comma column
    return body.replace(",", ".")


def _grouped(text: str, sep: str) -> bool:
    return bool(re.fullmatch(_GROUPED.pattern.replace("{sep}", sep), text))


def infer_decimal(texts: Iterable[object]) -> str | None:
    """The decimal mark a column uses, from its unambiguous values; ``None`` if unknown.

    ``"12,5"`` and ``"1.234,5"`` are evidence for ``","``; ``"12.5"`` and ``"1,234.5"``
    for ``"."``. Values like ``"1.234"`` say nothing. Conflicting evidence gives ``None``.
    """
    votes: Counter[str] = Counter()
    for value in texts:
        if not isinstance(value, str):
            continue
        body = value.strip().strip("%").strip()
        commas, dots = body.count(","), body.count(".")
        if commas and dots:
            votes["," if body.rfind(",") > body.rfind(".") else "."] += 1
        elif commas + dots == 1:
            sep = "," if commas else "."
            digits = body.lstrip("+-−'")
            if not _grouped(digits, sep) and re.fullmatch(r"\d*[.,]\d+", digits):
                votes[sep] += 1
        elif commas > 1:
            votes["."] += 1
        elif dots > 1:
            votes[","] += 1
    if len(votes) == 1:
        return next(iter(votes))
    return None


# --------------------------------------------------------------------------- columns

_HEADER_SYNONYMS: dict[str, tuple[str, ...]] = {
    "pcode": ("PCODE", "P KODU", "P KOD", "P CODE", "ADM1 PCODE", "ADM2 PCODE", "ADM PCODE"),
    "ilce_kodu": ("ILCE KODU", "ILCE KOD", "TUIK ILCE KODU", "DISTRICT CODE", "ILCEKODU"),
    "il_kodu": ("IL KODU", "IL KOD", "PLAKA", "PLAKA KODU", "PROVINCE CODE", "ILKODU"),
    "nuts2": ("NUTS2", "NUTS 2", "IBBS", "IBBS2", "IBBS 2", "IBBS DUZEY 2", "DUZEY 2", "BOLGE"),
    "province": ("IL", "IL ADI", "ILI", "PROVINCE", "PROVINCE NAME", "SEHIR", "CITY", "ADM1"),
    "district": ("ILCE", "ILCE ADI", "ILCESI", "DISTRICT", "DISTRICT NAME", "ADM2"),
    "value": (
        "DEGER",
        "VALUE",
        "ORAN",
        "RATE",
        "SAYI",
        "COUNT",
        "TOPLAM",
        "TOTAL",
        "ADET",
        "NUFUS",
        "POPULATION",
        "SKOR",
        "SCORE",
        "PUAN",
        "ENDEKS",
        "INDEX",
        "YUZDE",
        "PERCENT",
    ),
}
_PCODE = re.compile(r"^TUR\d{3}(\d{3})?$")
_NUTS2 = re.compile(r"^TR[1-9A-C]\d$")


def _header_role(column: str) -> str | None:
    key = name_key(column)
    for role, synonyms in _HEADER_SYNONYMS.items():
        if key in synonyms:
            return role
    for role, synonyms in _HEADER_SYNONYMS.items():
        # "Değer (2023)", "nüfus_2024", "İl adı / Province": a synonym as a whole word.
        if any(re.search(rf"(^| ){re.escape(s)}( |$)", key) for s in synonyms if len(s) > 2):
            return role
    return None


def _as_text(values: pd.Series) -> pd.Series:
    """Stripped strings with ``""`` for missing cells, whatever the column's dtype."""
    objects = values.astype(object)
    return objects.where(objects.notna(), "").map(str).str.strip()


def _numeric_share(values: pd.Series) -> float:
    filled = [v for v in _as_text(values.head(200)) if v]
    if not filled:
        return 0.0
    ok = 0
    for value in filled:
        with contextlib.suppress(ValueError):
            ok += parse_number(value) is not None
    return ok / len(filled)


def guess_columns(frame: pd.DataFrame) -> dict[str, Any]:
    """Suggest the key kind, key columns and value column of an uploaded table.

    Headers are matched in Turkish or English after folding (``İlçe`` = ``ILCE``); a
    column of ``TUR…`` codes or ``TR82``-style codes is recognised by its content.

    Returns
    -------
    dict
        ``key_kind`` (one of :data:`KEY_KINDS` or ``None``), ``key_columns`` (list),
        ``value_column`` (str or ``None``) and ``value_columns`` (every column that
        looks numeric, best first).
    """
    roles: dict[str, str] = {}
    for column in frame.columns:
        role = _header_role(str(column))
        if role is None:
            sample = _as_text(frame[column].head(50)).str.upper()
            sample = sample[sample != ""]
            if len(sample) and sample.map(lambda v: bool(_PCODE.match(v))).all():
                role = "pcode"
            elif len(sample) and sample.map(lambda v: bool(_NUTS2.match(v))).all():
                role = "nuts2"
        if role and role not in roles:
            roles[role] = str(column)
    key_kind: str | None = None
    key_columns: list[str] = []
    if "pcode" in roles:
        key_kind, key_columns = "pcode", [roles["pcode"]]
    elif "ilce_kodu" in roles:
        key_kind, key_columns = "ilce_kodu", [roles["ilce_kodu"]]
    elif "province" in roles:
        key_kind = "names"
        key_columns = [roles["province"]] + ([roles["district"]] if "district" in roles else [])
    elif "il_kodu" in roles:
        key_kind, key_columns = "il_kodu", [roles["il_kodu"]]
    elif "nuts2" in roles:
        key_kind, key_columns = "nuts2", [roles["nuts2"]]
    rest = [c for c in frame.columns if c not in key_columns and c not in roles.values()]
    numeric = [c for c in rest if _numeric_share(frame[c]) >= 0.8]
    if "value" in roles:
        numeric = [roles["value"], *[c for c in numeric if c != roles["value"]]]
    return {
        "key_kind": key_kind,
        "key_columns": key_columns,
        "value_column": numeric[0] if numeric else None,
        "value_columns": numeric,
    }


# --------------------------------------------------------------------------- matching


@dataclass
class MatchReport:
    """How the rows of an uploaded table matched units.

    Row numbers are spreadsheet rows (header = 1). ``matched`` counts rows whose key
    resolved; ``values`` has one entry per unit (a NUTS-2 row fills all its provinces).

    Attributes
    ----------
    level : {"province", "district"}
        Level of the matched units (the majority level when rows mix levels).
    values : Series
        Float values indexed by P-code, in row order, for rows with a number.
    matched : int
        Rows whose key resolved to units.
    unmatched : list of dict
        ``row``, ``key``, ``message``, ``suggestions`` for keys that did not resolve.
    ambiguous : list of dict
        ``row``, ``key``, ``message``, ``candidates`` for keys naming several units.
    duplicates : list of dict
        ``row``, ``pcode``, ``first_row``: later rows for a unit already given (ignored).
    non_numeric : list of dict
        ``row``, ``value``: values that are not numbers.
    missing : list of dict
        ``row``, ``pcode``: matched rows with an empty value (``""``, ``-``, ``n/a``).
    mixed_levels : list of dict
        ``row``, ``pcode``, ``level``: rows at the other level than ``level``.
    decimal : str or None
        Decimal mark inferred for the value column.
    """

    level: Level | None
    values: pd.Series
    matched: int
    unmatched: list[dict[str, Any]] = field(default_factory=list)
    ambiguous: list[dict[str, Any]] = field(default_factory=list)
    duplicates: list[dict[str, Any]] = field(default_factory=list)
    non_numeric: list[dict[str, Any]] = field(default_factory=list)
    missing: list[dict[str, Any]] = field(default_factory=list)
    mixed_levels: list[dict[str, Any]] = field(default_factory=list)
    decimal: str | None = None

    @property
    def ok(self) -> bool:
        """At least one value matched and all matched rows are at one level."""
        return len(self.values) > 0 and not self.mixed_levels

    def issues_frame(self) -> pd.DataFrame:
        """Every problem as one table: ``row, issue, key, detail`` (text, not HTML)."""
        records: list[dict[str, Any]] = []
        for item in self.unmatched:
            detail = ", ".join(item["suggestions"])
            records.append(
                {
                    "row": item["row"],
                    "issue": "unmatched",
                    "key": item["key"],
                    "detail": detail or item["message"],
                }
            )
        for item in self.ambiguous:
            records.append(
                {
                    "row": item["row"],
                    "issue": "ambiguous",
                    "key": item["key"],
                    "detail": ", ".join(item["candidates"]),
                }
            )
        for item in self.duplicates:
            records.append(
                {
                    "row": item["row"],
                    "issue": "duplicate",
                    "key": item["pcode"],
                    "detail": f"row {item['first_row']}",
                }
            )
        for item in self.non_numeric:
            records.append(
                {"row": item["row"], "issue": "non_numeric", "key": "", "detail": item["value"]}
            )
        for item in self.mixed_levels:
            records.append(
                {
                    "row": item["row"],
                    "issue": "mixed_level",
                    "key": item["pcode"],
                    "detail": item["level"],
                }
            )
        frame = pd.DataFrame(records, columns=["row", "issue", "key", "detail"])
        return frame.sort_values("row", kind="stable").reset_index(drop=True)


class _Keys:
    """Cached key → P-code lookups for one :func:`match_keys` call."""

    def __init__(self) -> None:
        self.resolver = default_resolver()
        self.units = units()
        self.provinces = provinces_table()
        self.by_ilce = {int(c): p for p, c in self.units["ilce_kodu"].items()}
        self.by_region: dict[str, list[str]] = {}
        for pcode, region in self.provinces["nuts2"].items():
            self.by_region.setdefault(str(region), []).append(str(pcode))
        self.by_district_name: dict[str, list[str]] = {}
        for pcode, name in self.units["district"].items():
            if name != "Merkez":
                self.by_district_name.setdefault(name_key(name), []).append(str(pcode))
        self.cache: dict[tuple[str, ...], list[str]] = {}


class _UnresolvedError(LookupError):
    def __init__(self, message: str, suggestions: Sequence[str] = (), *, ambiguous=False) -> None:
        super().__init__(message)
        self.suggestions = list(suggestions)
        self.ambiguous = ambiguous


def _resolve(keys: _Keys, kind: str, parts: tuple[str, ...]) -> list[str]:
    cached = keys.cache.get(parts)
    if cached is None:
        try:
            cached = _resolve_uncached(keys, kind, parts)
        except _UnresolvedError as exc:
            keys.cache[parts] = []
            keys.cache[("!error", *parts)] = [str(exc), str(exc.ambiguous), *exc.suggestions]
            raise
        keys.cache[parts] = cached
    if not cached:
        error = keys.cache[("!error", *parts)]
        raise _UnresolvedError(error[0], error[2:], ambiguous=error[1] == "True")
    return cached


def _resolve_uncached(keys: _Keys, kind: str, parts: tuple[str, ...]) -> list[str]:
    text = parts[0]
    if kind == "pcode":
        code = text.upper().replace(" ", "")
        if _PCODE.match(code) and (code in keys.provinces.index or code in keys.units.index):
            return [code]
        raise _UnresolvedError(f"unknown P-code {text!r}")
    if kind in ("ilce_kodu", "il_kodu"):
        digits = text.split(".")[0] if re.fullmatch(r"\d+(\.0+)?", text) else ""
        if kind == "ilce_kodu" and digits and int(digits) in keys.by_ilce:
            return [keys.by_ilce[int(digits)]]
        if kind == "il_kodu" and digits and 1 <= int(digits) <= 81:
            return [f"TUR{int(digits):03d}"]
        raise _UnresolvedError(
            f"unknown {'TÜİK district' if kind == 'ilce_kodu' else 'province'} code {text!r}"
        )
    if kind == "nuts2":
        code = text.upper().replace(" ", "")
        if code in keys.by_region:
            return keys.by_region[code]
        close = difflib.get_close_matches(code, list(keys.by_region), n=3, cutoff=0.5)
        raise _UnresolvedError(f"unknown NUTS-2 region {text!r}", close)
    province, district = parts[0], parts[1] if len(parts) > 1 else ""
    try:
        if province:
            return [keys.resolver.unit(province, district or None)]
    except ResolveError as exc:
        raise _UnresolvedError(
            str(exc), exc.suggestions, ambiguous="ambiguous" in str(exc)
        ) from None
    if not district:
        raise _UnresolvedError("no province or district given")
    hits = keys.by_district_name.get(name_key(district), [])
    if len(hits) == 1:
        return hits
    if hits:
        labels = [keys.resolver.label(p) for p in hits]
        raise _UnresolvedError(
            f"district {district!r} exists in several provinces; give the province",
            labels,
            ambiguous=True,
        )
    if name_key(district) == "MERKEZ":
        raise _UnresolvedError("'Merkez' needs its province", ambiguous=True)
    close = difflib.get_close_matches(name_key(district), list(keys.by_district_name), n=3)
    suggestions = [keys.resolver.label(p) for c in close for p in keys.by_district_name[c]]
    raise _UnresolvedError(f"unknown district {district!r}", suggestions[:5])


def _row_numbers(frame: pd.DataFrame) -> list[int]:
    index = frame.index
    if pd.api.types.is_integer_dtype(index) and not (
        isinstance(index, pd.RangeIndex) and index.start == 0
    ):
        return [int(i) for i in index]
    return list(range(2, len(frame) + 2))


def match_keys(
    frame: pd.DataFrame,
    key_kind: str,
    key_columns: Sequence[str | None],
    value_column: str,
    *,
    decimal: str | None = None,
) -> MatchReport:
    """Match each row's key to P-codes and read its value.

    Parameters
    ----------
    frame : DataFrame
        An uploaded table (see :func:`read_table`); its index gives spreadsheet rows.
    key_kind : {"pcode", "ilce_kodu", "il_kodu", "nuts2", "names"}
        ``pcode``: ``TUR034`` (province) or ``TUR034035`` (district). ``ilce_kodu``:
        TÜİK district code. ``il_kodu``: province (plate) code 1–81. ``nuts2``: a
        region code such as ``TR82``, applied to all its provinces. ``names``: province
        name, optionally with a district name (Turkish-aware, ``Merkez`` allowed).
    key_columns : sequence of str
        One column; for ``names`` ``[province]`` or ``[province, district]`` (the
        province may be ``None`` when district names are unique).
    value_column : str
        Column holding the numbers.
    decimal : {",", "."}, optional
        Decimal mark; inferred from the column when not given.

    Returns
    -------
    MatchReport
    """
    if key_kind not in KEY_KINDS:
        raise ValueError(f"unknown key kind {key_kind!r}; expected one of {KEY_KINDS}")
    columns = list(key_columns)
    if not columns or (key_kind != "names" and len(columns) != 1) or len(columns) > 2:
        raise ValueError(
            f"key kind {key_kind!r} takes {'1–2' if key_kind == 'names' else 1} key column(s)"
        )
    for column in [*[c for c in columns if c is not None], value_column]:
        if column not in frame.columns:
            raise KeyError(f"no column {column!r} in the table")
    text = frame.apply(_as_text)
    raw_values = text[value_column]
    if decimal is None:
        decimal = infer_decimal(raw_values)
    keys = _Keys()
    report = MatchReport(level=None, values=pd.Series(dtype=float), matched=0, decimal=decimal)
    found: dict[str, tuple[int, float]] = {}
    first_row: dict[str, int] = {}
    for row, (_, record) in zip(_row_numbers(frame), text.iterrows(), strict=True):
        parts = tuple(record[c].strip() if c is not None else "" for c in columns)
        if not any(parts):
            continue
        shown = ", ".join(p for p in reversed(parts) if p) if key_kind == "names" else parts[0]
        try:
            pcodes = _resolve(keys, key_kind, parts)
        except _UnresolvedError as exc:
            if exc.ambiguous:
                report.ambiguous.append(
                    {"row": row, "key": shown, "message": str(exc), "candidates": exc.suggestions}
                )
            else:
                report.unmatched.append(
                    {"row": row, "key": shown, "message": str(exc), "suggestions": exc.suggestions}
                )
            continue
        report.matched += 1
        value_text = record[value_column].strip()
        try:
            value = parse_number(value_text, decimal)
        except ValueError:
            report.non_numeric.append({"row": row, "value": value_text})
            continue
        for pcode in pcodes:
            if pcode in first_row:
                report.duplicates.append(
                    {"row": row, "pcode": pcode, "first_row": first_row[pcode]}
                )
                continue
            first_row[pcode] = row
            if value is None:
                report.missing.append({"row": row, "pcode": pcode})
            else:
                found[pcode] = (row, value)
    level_counts = Counter("province" if len(p) == 6 else "district" for p in first_row)
    if level_counts:
        level: Level = (
            "district" if level_counts["district"] > level_counts["province"] else "province"
        )
        report.level = level
        for pcode, row in first_row.items():
            own = "province" if len(pcode) == 6 else "district"
            if own != level:
                report.mixed_levels.append({"row": row, "pcode": pcode, "level": own})
                found.pop(pcode, None)
    report.values = pd.Series(
        {p: v for p, (_, v) in found.items()}, dtype=float, name=value_column
    ).rename_axis("pcode")
    return report
