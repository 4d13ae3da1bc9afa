"""Uploads never freeze the server: hard limits, linear delimiter guess, clear messages.

Each case of issue 10 has its own test: crafted quote/comma rows (once 30 s in
``csv.Sniffer``), a 20,000-column CSV, an XLSX value column beyond the column limit, an
unterminated quote, over-long cells, and a property test over random CSV shapes.
"""

from __future__ import annotations

import csv
import io
import time

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from geo.upload import (
    MAX_CELL_CHARS,
    MAX_COLUMNS,
    Limits,
    UploadError,
    guess_dialect,
    read_table,
)
from geo.upload_limits import column_letter

#: Generous wall-clock ceiling for one read on a loaded 2-core CI machine; the
#: pathological inputs below took 28–60 s before the fix.
SECONDS = 8.0


def _timed(data: bytes, name: str = "x.csv", **kwargs) -> tuple[float, object]:
    start = time.perf_counter()
    try:
        result: object = read_table(data, name, **kwargs)
    except UploadError as exc:
        result = exc
    return time.perf_counter() - start, result


def _xlsx(rows: list[list[object]]) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_sniffer_is_never_used(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args, **kwargs):
        raise AssertionError("csv.Sniffer must not run on uploads")

    monkeypatch.setattr(csv.Sniffer, "sniff", refuse)
    parsed = read_table("il;değer\nAnkara;1\n".encode(), "a.csv")
    assert parsed.delimiter == ";"


@pytest.mark.parametrize(
    "line",
    ['"' * 60, "," * 60, '","' * 20, '"a,b' * 15, ";" * 60 + '"'],
    ids=["quotes", "commas", "quoted-commas", "open-quotes", "semicolons-quote"],
)
def test_crafted_rows_are_read_or_refused_quickly(line: str) -> None:
    data = ((line + "\n") * 80_000).encode()[:4_900_000]
    seconds, _ = _timed(data)
    assert seconds < SECONDS


def test_guess_dialect_reads_a_bounded_sample() -> None:
    header = "il;ilçe;değer\n"
    text = header + "Ankara;Çankaya;1,5\n" * 100_000
    start = time.perf_counter()
    assert guess_dialect(text) == (";", '"')
    assert time.perf_counter() - start < 1.0


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("il,değer\nAnkara,12\n", (",", '"')),
        ("il;değer\nAnkara;12,5\nİzmir;3,25\n", (";", '"')),
        ("il\tdeğer\nAnkara\t12\n", ("\t", '"')),
        ('il,değer\nAnkara,"12,5"\nİzmir,"1.234,5"\n', (",", '"')),
        ("il,değer\n'Ankara, Merkez',12\n'İzmir',3\n", (",", "'")),
        ("just one column\nvalues\n", None),
    ],
)
def test_guess_dialect(text: str, expected: tuple[str, str] | None) -> None:
    assert guess_dialect(text) == expected


def test_wide_csv_is_refused_at_the_column_limit_before_any_guessing() -> None:
    data = (("a," * 20_000 + "\n") + ("1," * 20_000 + "\n") * 120).encode()
    seconds, result = _timed(data, "genis.csv")
    assert isinstance(result, UploadError)
    assert seconds < SECONDS
    assert f"limit of {MAX_COLUMNS} columns" in str(result)
    assert "column GS (column 201)" in str(result) and "row 1" in str(result)
    assert f"{MAX_COLUMNS} sütun sınırının" in result.text("tr")


def test_empty_trailing_columns_beyond_the_limit_are_harmless() -> None:
    data = ("il;değer" + ";" * 300 + "\nAnkara;1" + ";" * 300 + "\n").encode()
    parsed = read_table(data, "bos-sutunlar.csv")
    assert list(parsed.frame.columns) == ["il", "değer"]


def test_xlsx_value_column_beyond_the_limit_is_named() -> None:
    header = ["il"] + [""] * (MAX_COLUMNS + 4) + ["değer"]
    row = ["Ankara"] + [""] * (MAX_COLUMNS + 4) + [12]
    with pytest.raises(UploadError) as err:
        read_table(_xlsx([header, row]), "genis.xlsx")
    message = str(err.value)
    assert f"column {column_letter(MAX_COLUMNS + 6)} (column {MAX_COLUMNS + 6})" in message
    assert f"limit of {MAX_COLUMNS} columns" in message
    assert "only one column" not in message


def test_over_long_cell_names_row_column_and_limit() -> None:
    data = ("il,değer\nAnkara," + "9" * (MAX_CELL_CHARS + 1) + "\n").encode()
    with pytest.raises(UploadError, match=r"row 2, column B: the cell has 2,001 characters"):
        read_table(data, "uzun.csv")


def test_over_long_xlsx_cell_is_refused() -> None:
    data = _xlsx([["il", "değer"], ["x" * (MAX_CELL_CHARS + 5), 1]])
    with pytest.raises(UploadError, match=r"row 2, column A: .* the limit is 2,000"):
        read_table(data, "uzun.xlsx")


def test_row_limit_applies_to_xlsx_and_csv() -> None:
    rows = [["il", "değer"]] + [["Ankara", i] for i in range(30)]
    for data, name in [
        (_xlsx(rows), "satir.xlsx"),
        ("\n".join(f"{a},{b}" for a, b in rows).encode(), "satir.csv"),
    ]:
        with pytest.raises(UploadError, match="more than 20 data rows"):
            read_table(data, name, limits=Limits(rows=20))


def test_byte_limit_applies_to_xlsx_before_the_workbook_is_opened() -> None:
    """An over-large XLSX is refused by its size, not after unzipping and parsing it."""
    data = _xlsx([["il", "değer"]] + [["Ankara", i] for i in range(200)])
    with pytest.raises(UploadError, match=r"^buyuk\.xlsx: the file is .* MB; the limit is"):
        read_table(data, "buyuk.xlsx", max_bytes=len(data) - 1)
    # Garbage of the same size gets the same answer: the size is checked first.
    with pytest.raises(UploadError, match=r"the limit is"):
        read_table(b"PK" + b"\0" * len(data), "buyuk.xlsx", max_bytes=len(data) - 1)


def test_unterminated_quote_names_its_line() -> None:
    data = 'il,değer\nAnkara,1\n"İzmir,2\nBursa,3\n'.encode()
    with pytest.raises(UploadError) as err:
        read_table(data, "tirnak.csv")
    assert str(err.value).startswith('tirnak.csv, line 3: a quotation mark (") opened')
    assert "satır 3" in err.value.text("tr")


def test_unterminated_quote_in_a_long_file_is_refused_not_swallowed() -> None:
    lines = ["il,değer", 'Ankara,"1'] + [f"İl{i},{i}" for i in range(500)]
    with pytest.raises(UploadError, match=r"line 2: a quotation mark"):
        read_table("\n".join(lines).encode(), "tirnak.csv")


def test_quoted_line_break_in_a_header_is_allowed() -> None:
    parsed = read_table('il,"Nüfus\n2023"\nAnkara,5\n'.encode(), "baslik.csv")
    assert list(parsed.frame.columns) == ["il", "Nüfus\n2023"]


# --------------------------------------------------------------------------- property


_CELL = st.text(alphabet=st.sampled_from(list("ab1,;\t\"' .\n")), max_size=12)


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(
    st.integers(min_value=1, max_value=MAX_COLUMNS + 20),
    st.integers(min_value=1, max_value=400),
    st.sampled_from([",", ";", "\t"]),
    st.lists(_CELL, min_size=1, max_size=30),
)
def test_random_shaped_csv_finishes_in_bounded_time(
    width: int, height: int, delimiter: str, cells: list[str]
) -> None:
    """Any shape within (and just past) the limits: a table or a clear UploadError."""
    row = delimiter.join(cells[i % len(cells)] for i in range(width))
    data = "\n".join([row] * height).encode()
    seconds, result = _timed(data, "rastgele.csv")
    assert seconds < SECONDS
    assert isinstance(result, UploadError) or result.frame.shape[1] <= MAX_COLUMNS


@settings(max_examples=5, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(['"', ",", ";", '";', "a,", "\n", '"\n']))
def test_largest_allowed_file_of_one_pattern_is_bounded(pattern: str) -> None:
    data = (pattern * (5_000_000 // len(pattern)))[:4_999_000].encode()
    seconds, _ = _timed(data, "buyuk.csv")
    assert seconds < SECONDS
