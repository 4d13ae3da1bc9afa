"""Uploaded indicator tables: bad files, encodings, delimiters, numbers and key matching."""

from __future__ import annotations

import io
import random
import zipfile
from datetime import date

import openpyxl
import openpyxl.xml
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from geo import DATA_DIR
from geo.names import name_key, tr_lower, tr_upper
from geo.upload import (
    ParsedTable,
    UploadError,
    cell_text,
    guess_columns,
    infer_decimal,
    match_keys,
    parse_number,
    read_table,
)

UNITS = pd.read_csv(DATA_DIR / "units.csv", dtype=str, keep_default_na=False)
PAYLOAD = "<img src=x onerror=alert(1)>"


def _csv(text: str, encoding: str = "utf-8") -> bytes:
    return text.encode(encoding)


def _xlsx(rows: list[list[object]], title: str = "Sheet") -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = title
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# --------------------------------------------------------------------------- bad files


@pytest.mark.parametrize("data", [b"", b"   \r\n\n  "])
def test_empty_file_is_refused(data: bytes) -> None:
    with pytest.raises(UploadError, match=r"^bos\.csv: the file is empty$"):
        read_table(data, "bos.csv")


def test_binary_garbage_with_nul_bytes_is_refused() -> None:
    with pytest.raises(UploadError, match=r"veri\.csv: .*binary data \(NUL bytes\)"):
        read_table(bytes(range(256)) * 20, "veri.csv")


def test_binary_garbage_without_nul_bytes_is_refused() -> None:
    noise = random.Random(7).randbytes(4096).replace(b"\x00", b"\x01")
    with pytest.raises(UploadError, match=r"^veri\.csv.*(binary|neither UTF-8)"):
        read_table(noise, "veri.csv")


def test_workbook_named_csv_gets_a_hint() -> None:
    with pytest.raises(UploadError, match="looks like an Excel workbook"):
        read_table(_xlsx([["il", "değer"], ["Ankara", 1]]), "tablo.csv")


def test_utf16_file_gets_a_specific_message() -> None:
    data = "il;değer\nAnkara;1\n".encode("utf-16")
    with pytest.raises(UploadError, match="UTF-16"):
        read_table(data, "unicode.txt")


def test_one_column_file_is_refused() -> None:
    with pytest.raises(UploadError, match=r"^iller\.csv: only one column found"):
        read_table(_csv("il\nAnkara\nİzmir\nIğdır\n"), "iller.csv")


def test_header_without_data_rows_is_refused() -> None:
    with pytest.raises(UploadError, match=r"baslik\.csv: the header \(row 1\) is not followed"):
        read_table(_csv("il;değer\n\n"), "baslik.csv")


def test_too_large_file_names_the_limit_in_mb() -> None:
    data = b"il,deger\n" + b"Ankara,1\n" * 600_000
    assert len(data) > 5_000_000
    with pytest.raises(UploadError, match=r"^buyuk\.csv: the file is 5\.4 MB; the limit is 5 MB$"):
        read_table(data, "buyuk.csv")
    with pytest.raises(UploadError, match=r"limit is 0\.5 MB"):
        read_table(data[:600_000], "buyuk.csv", max_bytes=500_000)


def test_ten_thousand_rows_parse_and_max_rows_is_enforced() -> None:
    lines = ["pcode;değer"] + [f"{UNITS.pcode[i % 973]};{i},5" for i in range(10_000)]
    data = _csv("\n".join(lines) + "\n")
    table = read_table(data, "on_bin.csv")
    assert table.frame.shape == (10_000, 2)
    assert table.frame.index[0] == 2 and table.frame.index[-1] == 10_001
    assert table.frame.iloc[-1].tolist() == [UNITS.pcode[9_999 % 973], "9999,5"]
    with pytest.raises(UploadError, match=r"^on_bin\.csv: more than 5,000 data rows") as err:
        read_table(data, "on_bin.csv", max_rows=5_000)
    assert err.value.row == 5_002


@pytest.mark.parametrize(
    ("filename", "message"),
    [
        ("rapor.pdf", r"^rapor\.pdf: unsupported file type '\.pdf'"),
        ("eski.xls", r"save old \.xls workbooks as \.xlsx"),
        ("adsiz", r"unsupported file type '\(none\)'"),
    ],
)
def test_unknown_extension_is_refused(filename: str, message: str) -> None:
    with pytest.raises(UploadError, match=message):
        read_table(b"il,deger\nAnkara,1\n", filename)


@pytest.mark.parametrize(
    "data",
    [
        b"PK\x03\x04 this is not really a zip",
        b"il,deger\nAnkara,1\n",
        _xlsx([["a", "b"]])[:400],
    ],
)
def test_broken_xlsx_is_refused(data: bytes) -> None:
    with pytest.raises(UploadError, match=r"^bozuk\.xlsx: (not a valid|the workbook could not)"):
        read_table(data, "bozuk.xlsx")


def test_zip_that_is_not_a_workbook_is_refused() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "merhaba")
    with pytest.raises(UploadError, match=r"^arsiv\.xlsx: the workbook could not be read"):
        read_table(buffer.getvalue(), "arsiv.xlsx")


def test_openpyxl_uses_defusedxml() -> None:
    assert openpyxl.xml.DEFUSEDXML is True


def test_xml_entity_bomb_in_xlsx_is_refused() -> None:
    good = _xlsx([["il", "değer"], ["Ankara", 1]])
    bomb = (
        '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol2;</t></is></c></row>'
        "</sheetData></worksheet>"
    )
    source, target = io.BytesIO(good), io.BytesIO()
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = bomb.encode()
            zout.writestr(item, data)
    with pytest.raises(UploadError, match=r"^lol\.xlsx: the workbook could not be read"):
        read_table(target.getvalue(), "lol.xlsx")


def test_row_with_more_values_than_header_names_the_row() -> None:
    data = _csv("il,değer\nAnkara,12\nİzmir,12,5\n")
    with pytest.raises(UploadError, match=r"^virgul\.csv, row 3: 3 values but the header has 2"):
        read_table(data, "virgul.csv")


def test_csv_formulas_stay_text_and_are_not_numbers() -> None:
    data = _csv('il;değer\nAnkara;=1+1\nİzmir;"=HYPERLINK(""http://x"",""y"")"\nBursa;+5\n')
    table = read_table(data, "formul.csv")
    assert table.frame["değer"].tolist() == ["=1+1", '=HYPERLINK("http://x","y")', "+5"]
    assert any("kept as text" in w for w in table.warnings)
    report = match_keys(table.frame, "names", ["il"], "değer")
    assert report.non_numeric == [
        {"row": 2, "value": "=1+1"},
        {"row": 3, "value": '=HYPERLINK("http://x","y")'},
    ]
    assert report.values.to_dict() == {"TUR016": 5.0}


def test_xlsx_formula_is_never_calculated() -> None:
    # openpyxl stores no cached result, so a reader that evaluated formulas would give 2.
    data = _xlsx([["il", "değer"], ["Ankara", "=1+1"], ["İzmir", 3]])
    table = read_table(data, "formul.xlsx")
    assert table.frame["değer"].tolist() == ["", "3"]


def test_html_payload_names_are_unmatched_plain_text() -> None:
    data = _csv(f"il;ilçe;değer\nMalatya;{PAYLOAD};1\n{PAYLOAD};Merkez;2\nİzmir;Buca;3\n")
    table = read_table(data, "xss.csv")
    report = match_keys(table.frame, "names", ["il", "ilçe"], "değer")
    assert report.values.to_dict() == {"TUR035008": 3.0}
    keys = [item["key"] for item in report.unmatched]
    assert keys == [f"{PAYLOAD}, Malatya", f"Merkez, {PAYLOAD}"]
    assert PAYLOAD in report.unmatched[0]["message"]
    issues = report.issues_frame()
    assert issues["key"].tolist() == keys
    assert all(isinstance(v, str) for v in issues["key"])


# --------------------------------------------------------------------------- encodings


@pytest.mark.parametrize(
    ("encoding", "expected"),
    [
        ("utf-8", "utf-8"),
        ("utf-8-sig", "utf-8-sig"),
        ("cp1254", "cp1254"),
        ("iso-8859-9", "cp1254"),
    ],
)
def test_turkish_encodings_decode_turkish_letters(encoding: str, expected: str) -> None:
    text = "İl,Değer\nIğdır,1\nŞanlıurfa,2\nÇanakkale,3\nMuğla,4\n"
    table = read_table(_csv(text, encoding), "iller.csv")
    assert table.encoding == expected
    assert list(table.frame.columns) == ["İl", "Değer"]
    assert table.frame["İl"].tolist() == ["Iğdır", "Şanlıurfa", "Çanakkale", "Muğla"]
    report = match_keys(table.frame, "names", ["İl"], "Değer")
    assert report.values.to_dict() == {"TUR076": 1.0, "TUR063": 2.0, "TUR017": 3.0, "TUR048": 4.0}


def test_cp1254_never_becomes_latin1_mojibake() -> None:
    data = "il;değer\nIğdır;1\n".encode("cp1254")
    table = read_table(data, "igdir.csv")
    assert table.frame.iloc[0, 0] == "Iğdır"
    assert "Iðdýr" not in table.frame.to_string()
    assert any("Windows-1254" in w for w in table.warnings)


def test_double_encoded_text_is_warned_about() -> None:
    mangled = "Iğdır".encode().decode("cp1254")
    table = read_table(_csv(f"il;değer\n{mangled};1\n"), "bozuk.csv")
    assert any("double-encoded" in w for w in table.warnings)


def test_semicolon_file_with_decimal_commas() -> None:
    data = _csv("İl;İlçe;Oran\nİstanbul;Kadıköy;12,5\nAnkara;Çankaya;1.234,75\nİzmir;Buca;%3,25\n")
    table = read_table(data, "oran.csv")
    assert table.delimiter == ";"
    guess = guess_columns(table.frame)
    assert guess["key_kind"] == "names"
    assert guess["key_columns"] == ["İl", "İlçe"]
    assert guess["value_column"] == "Oran"
    report = match_keys(
        table.frame, **{k: guess[k] for k in ("key_kind", "key_columns")}, value_column="Oran"
    )
    assert report.decimal == ","
    assert report.values.to_dict() == {"TUR034023": 12.5, "TUR006007": 1234.75, "TUR035008": 3.25}
    assert report.level == "district" and report.ok


def test_tab_delimited_file() -> None:
    data = _csv("pcode\tvalue\nTUR034\t1\nTUR006\t2.5\n")
    table = read_table(data, "tab.tsv")
    assert table.delimiter == "\t"
    assert table.frame.to_dict("list") == {"pcode": ["TUR034", "TUR006"], "value": ["1", "2.5"]}


def test_comma_file_with_quoted_decimal_commas() -> None:
    table = read_table(_csv('il,değer\nAnkara,"12,5"\nİzmir,"3,0"\n'), "q.csv")
    assert table.delimiter == ","
    assert table.frame["değer"].tolist() == ["12,5", "3,0"]


def test_excel_sep_line_and_title_rows_are_handled() -> None:
    data = _csv("sep=;\nNüfus tablosu 2024;;\n;;\nİl;İlçe;Nüfus\nAnkara;Çankaya;100\n")
    table = read_table(data, "sep.csv")
    assert table.delimiter == ";"
    assert list(table.frame.columns) == ["İl", "İlçe", "Nüfus"]
    assert table.frame.index.tolist() == [4]
    assert any("above the header" in w for w in table.warnings)


def test_xlsx_round_trip_with_turkish_headers() -> None:
    rows = [
        ["Başlık: 2024 göstergeleri"],
        ["İl", "İlçe", "Değer", "Tarih", "Not"],
        ["Iğdır", "Merkez", 12.5, date(2024, 12, 31), None],
        ["Şanlıurfa", "Eyyübiye", 1234, None, "metin"],
        [None, None, None, None, None],
        ["Malatya", "Yeşilyurt", 123.456, None, "x"],
    ]
    table = read_table(_xlsx(rows, "Veri"), "veri.xlsx")
    assert table.encoding == "xlsx" and table.delimiter is None
    assert table.sheet_names == ["Veri"]
    assert list(table.frame.columns) == ["İl", "İlçe", "Değer", "Tarih", "Not"]
    assert table.frame.index.tolist() == [3, 4, 6]
    assert table.frame.loc[3].tolist() == ["Iğdır", "Merkez", "12.5", "2024-12-31", ""]
    assert table.frame.loc[6, "Değer"] == "123.4560"
    guess = guess_columns(table.frame)
    assert (guess["key_kind"], guess["key_columns"], guess["value_column"]) == (
        "names",
        ["İl", "İlçe"],
        "Değer",
    )
    report = match_keys(table.frame, "names", ["İl", "İlçe"], "Değer", decimal=",")
    eyyubiye = UNITS.loc[UNITS["district"] == "Eyyübiye", "pcode"].item()
    assert report.values.to_dict() == {"TUR076002": 12.5, eyyubiye: 1234.0, "TUR044013": 123.456}


def test_cell_text_of_spreadsheet_values() -> None:
    assert cell_text(None) == ""
    assert cell_text(3.0) == "3"
    assert cell_text(0.1) == "0.1"
    assert cell_text(-12.345) == "-12.3450"
    assert cell_text(True) == "TRUE"
    assert cell_text(float("nan")) == ""


@pytest.mark.parametrize(
    ("headers", "kind", "keys", "value"),
    [
        (["İl", "İlçe", "Değer"], "names", ["İl", "İlçe"], "Değer"),
        (["IL ADI", "ORAN (%)"], "names", ["IL ADI"], "ORAN (%)"),
        (["Province", "District", "Value"], "names", ["Province", "District"], "Value"),
        (["P-kodu", "değer"], "pcode", ["P-kodu"], "değer"),
        (["ilce_kodu", "Nüfus 2024"], "ilce_kodu", ["ilce_kodu"], "Nüfus 2024"),
        (["İBBS", "oran"], "nuts2", ["İBBS"], "oran"),
        (["NUTS2", "value"], "nuts2", ["NUTS2"], "value"),
        (["plaka", "sayı"], "il_kodu", ["plaka"], "sayı"),
    ],
)
def test_guess_columns_reads_turkish_and_english_headers(
    headers: list[str], kind: str, keys: list[str], value: str
) -> None:
    samples = {
        "names": ["Ankara", "Çankaya", "1"],
        "pcode": ["TUR006", "1"],
        "ilce_kodu": ["1231", "1"],
        "nuts2": ["TR82", "1"],
        "il_kodu": ["6", "1"],
    }[kind]
    frame = pd.DataFrame([[*samples[: len(headers) - 1], "1,5"]], columns=headers)
    guess = guess_columns(frame)
    assert (guess["key_kind"], guess["key_columns"], guess["value_column"]) == (kind, keys, value)


def test_guess_columns_recognises_codes_by_content() -> None:
    frame = pd.DataFrame({"kod": ["TUR034010", "TUR006"], "x": ["a", "b"], "y": ["1", "2,5"]})
    guess = guess_columns(frame)
    assert guess == {
        "key_kind": "pcode",
        "key_columns": ["kod"],
        "value_column": "y",
        "value_columns": ["y"],
    }


# --------------------------------------------------------------------------- numbers


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1.234,5", 1234.5),
        ("12,5", 12.5),
        ("1,234.5", 1234.5),
        ("1.234.567", 1234567.0),
        ("1,234,567", 1234567.0),
        ("%12,5", 12.5),
        ("12,5 %", 12.5),
        ("% 12,5", 12.5),
        ("-3,25", -3.25),
        ("−3", -3.0),
        ("+7", 7.0),
        ("1 234,5", 1234.5),
        ("1\u00a0234,5", 1234.5),
        ("0.123", 0.123),
        (",5", 0.5),
        ("1,5E+03", 1500.0),
        ("2e-3", 0.002),
        (42, 42.0),
        (2.5, 2.5),
        ("", None),
        ("-", None),
        ("n/a", None),
        ("N/A", None),
        ("yok", None),
        (None, None),
        (float("nan"), None),
    ],
)
def test_parse_number(text: object, expected: float | None) -> None:
    assert parse_number(text) == expected


@pytest.mark.parametrize(
    "text", ["abc", "12a", "1.23.4", "12,34,5", "1..2", "inf", "--1", "%", True]
)
def test_parse_number_rejects_non_numbers(text: object) -> None:
    with pytest.raises(ValueError, match="not a"):
        parse_number(text)


def test_ambiguous_thousands_follow_the_column_decimal() -> None:
    assert parse_number("1.234") == 1.234
    assert parse_number("1.234", decimal=",") == 1234.0
    assert parse_number("1,234", decimal=".") == 1234.0
    assert parse_number("1,5", decimal=".") == 1.5  # not a thousands group: stays decimal
    assert infer_decimal(["1.234", "12,5", ""]) == ","
    assert infer_decimal(["1.234", "12.5"]) == "."
    assert infer_decimal(["1.234", "1,234"]) is None
    assert infer_decimal(["12,5", "12.5"]) is None


def _turkish(value: float, decimals: int) -> str:
    english = f"{value:,.{decimals}f}"
    return english.replace(",", "_").replace(".", ",").replace("_", ".")


finite = st.floats(min_value=-1e12, max_value=1e12, allow_nan=False, allow_infinity=False)


@given(finite, st.integers(min_value=1, max_value=4), st.booleans())
def test_turkish_formatted_numbers_round_trip(value: float, decimals: int, percent: bool) -> None:
    text = _turkish(value, decimals)
    text = f"%{text}" if percent else text
    assert parse_number(text) == float(f"{value:.{decimals}f}")
    assert parse_number(text, decimal=",") == float(f"{value:.{decimals}f}")


@given(st.integers(min_value=-(10**12), max_value=10**12))
def test_turkish_integers_round_trip_with_column_decimal(value: int) -> None:
    assert parse_number(_turkish(value, 0), decimal=",") == value


@given(finite, st.integers(min_value=0, max_value=4))
def test_english_formatted_numbers_round_trip(value: float, decimals: int) -> None:
    text = f"{value:,.{decimals}f}"
    assert parse_number(text, decimal=".") == float(f"{value:.{decimals}f}")


@given(finite)
def test_spreadsheet_floats_read_back_exactly(value: float) -> None:
    assert parse_number(cell_text(value), decimal=",") == value


@given(st.text(max_size=20))
def test_parse_number_only_raises_value_error(text: str) -> None:
    try:
        result = parse_number(text)
    except ValueError:
        return
    assert result is None or isinstance(result, float)


# --------------------------------------------------------------------------- key kinds


def _frame(rows: list[list[str]], columns: list[str]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=columns, dtype=str)


def test_match_pcodes() -> None:
    frame = _frame(
        [["TUR034", "1"], ["tur006", "2"], ["TUR999", "3"], ["TUR034", "4"], ["", ""]],
        ["pcode", "v"],
    )
    report = match_keys(frame, "pcode", ["pcode"], "v")
    assert report.level == "province" and report.ok
    assert report.values.to_dict() == {"TUR034": 1.0, "TUR006": 2.0}
    assert report.matched == 3
    assert report.unmatched == [
        {"row": 4, "key": "TUR999", "message": "unknown P-code 'TUR999'", "suggestions": []}
    ]
    assert report.duplicates == [{"row": 5, "pcode": "TUR034", "first_row": 2}]


def test_match_tuik_district_codes() -> None:
    sisli = UNITS.loc[UNITS["district"] == "Şişli", ["pcode", "ilce_kodu"]].iloc[0]
    frame = _frame(
        [[sisli.ilce_kodu, "7"], ["0" + sisli.ilce_kodu, "8"], ["99999", "1"]], ["ilce_kodu", "v"]
    )
    report = match_keys(frame, "ilce_kodu", ["ilce_kodu"], "v")
    assert report.values.to_dict() == {sisli.pcode: 7.0}
    assert report.duplicates == [{"row": 3, "pcode": sisli.pcode, "first_row": 2}]
    assert [u["key"] for u in report.unmatched] == ["99999"]
    assert report.level == "district"


def test_match_province_plate_codes() -> None:
    frame = _frame([["6", "1"], ["034", "2"], ["82", "3"]], ["il_kodu", "v"])
    report = match_keys(frame, "il_kodu", ["il_kodu"], "v")
    assert report.values.to_dict() == {"TUR006": 1.0, "TUR034": 2.0}
    assert [u["row"] for u in report.unmatched] == [4]


def test_match_names_hard_cases() -> None:
    frame = _frame(
        [
            ["Bartın", "Merkez", "1"],
            ["BARTIN", "BARTIN", "2"],
            ["Malatya", "Yeşilyurt", "3"],
            ["Tokat", "YEŞİLYURT", "4"],
            ["İzmir", "Buca", "5"],
            ["Burdur", "Bucak", "6"],
            ["İzmir", "Bucak", "7"],
            ["Istambul", "Kadıköy", "8"],
            ["", "Yeşilyurt", "9"],
            ["", "Çankaya", "10"],
            ["", "Merkez", "11"],
        ],
        ["il", "ilçe", "değer"],
    )
    report = match_keys(frame, "names", ["il", "ilçe"], "değer")
    assert report.values.to_dict() == {
        "TUR074002": 1.0,
        "TUR044013": 3.0,
        "TUR060011": 4.0,
        "TUR035008": 5.0,
        "TUR015003": 6.0,
        "TUR006007": 10.0,
    }
    assert report.duplicates == [{"row": 3, "pcode": "TUR074002", "first_row": 2}]
    unmatched = {u["key"]: u for u in report.unmatched}
    assert set(unmatched) == {"Bucak, İzmir", "Kadıköy, Istambul"}
    assert "Buca, İzmir" in unmatched["Bucak, İzmir"]["suggestions"]
    assert "Bucak, Burdur" in unmatched["Bucak, İzmir"]["message"]
    assert "İstanbul" in unmatched["Kadıköy, Istambul"]["suggestions"]
    assert unmatched["Kadıköy, Istambul"]["row"] == 9
    ambiguous = {a["row"]: a for a in report.ambiguous}
    assert set(ambiguous) == {10, 12}
    assert ambiguous[10]["candidates"] == ["Yeşilyurt, Malatya", "Yeşilyurt, Tokat"]


def test_match_names_province_level_with_aliases() -> None:
    frame = _frame([["Afyon", "1"], ["K.Maraş", "2"], ["ığdır", "3"]], ["il", "v"])
    report = match_keys(frame, "names", ["il"], "v")
    assert report.values.to_dict() == {"TUR003": 1.0, "TUR046": 2.0, "TUR076": 3.0}


def test_non_numeric_and_missing_values() -> None:
    frame = _frame(
        [["TUR001", "abc"], ["TUR002", "-"], ["TUR003", ""], ["TUR004", "1,5"]], ["pcode", "v"]
    )
    report = match_keys(frame, "pcode", ["pcode"], "v")
    assert report.non_numeric == [{"row": 2, "value": "abc"}]
    assert report.missing == [{"row": 3, "pcode": "TUR002"}, {"row": 4, "pcode": "TUR003"}]
    assert report.values.to_dict() == {"TUR004": 1.5}
    assert report.matched == 4


def test_mixed_levels_are_an_issue() -> None:
    frame = _frame([["TUR034", "1"], ["TUR034010", "2"], ["TUR006007", "3"]], ["pcode", "v"])
    report = match_keys(frame, "pcode", ["pcode"], "v")
    assert report.level == "district"
    assert not report.ok
    assert report.mixed_levels == [{"row": 2, "pcode": "TUR034", "level": "province"}]
    assert set(report.values.index) == {"TUR034010", "TUR006007"}
    assert report.issues_frame()["issue"].tolist() == ["mixed_level"]


def test_nothing_matched_is_not_ok() -> None:
    report = match_keys(_frame([["Atlantis", "1"]], ["il", "v"]), "names", ["il"], "v")
    assert not report.ok and report.level is None and report.values.empty


def test_match_keys_checks_its_arguments() -> None:
    frame = _frame([["TUR034", "1"]], ["pcode", "v"])
    with pytest.raises(ValueError, match="unknown key kind"):
        match_keys(frame, "zip", ["pcode"], "v")
    with pytest.raises(ValueError, match="1 key column"):
        match_keys(frame, "pcode", ["pcode", "v"], "v")
    with pytest.raises(KeyError, match="no column 'değer'"):
        match_keys(frame, "pcode", ["pcode"], "değer")


_FORMS = {
    "as is": str,
    "tr upper": tr_upper,
    "tr lower": tr_lower,
    "python upper": str.upper,
    "ascii": name_key,
    "ascii lower": lambda s: name_key(s).lower(),
}


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.integers(min_value=0, max_value=len(UNITS) - 1), min_size=1, max_size=25, unique=True
    ),
    st.sampled_from(sorted(_FORMS)),
    st.sampled_from(sorted(_FORMS)),
)
def test_any_district_name_form_resolves(rows: list[int], province_form: str, form: str) -> None:
    picked = UNITS.iloc[rows]
    frame = pd.DataFrame(
        {
            "il": picked["province"].map(_FORMS[province_form]).to_numpy(),
            "ilçe": picked["district"].map(_FORMS[form]).to_numpy(),
            "değer": [str(i) for i in range(len(picked))],
        }
    )
    report = match_keys(frame, "names", ["il", "ilçe"], "değer")
    assert not report.unmatched and not report.ambiguous
    assert report.values.index.tolist() == picked["pcode"].tolist()


def test_parsed_table_is_a_dataclass_with_defaults() -> None:
    table = ParsedTable(pd.DataFrame(), "utf-8", ",")
    assert table.warnings == [] and table.sheet_names == []


def test_messages_are_bilingual() -> None:
    """Turkish offices get the problem in Turkish; the English text stays the str value."""
    from geo.upload import Message

    with pytest.raises(UploadError) as err:
        read_table(b"", "bos.csv")
    assert err.value.text("tr") == "bos.csv: dosya boş"
    assert err.value.text("en") == str(err.value) == "bos.csv: the file is empty"
    parsed = read_table("il;Değer\nIğdır;1\n".encode("cp1254"), "goc.csv")
    warning = parsed.warnings[0]
    assert isinstance(warning, Message) and "Windows-1254" in warning.text("tr")
    assert warning.text("tr") != warning.text("en")
