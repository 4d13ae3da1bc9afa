"""Numbers as a Turkish official writes them; no inf in exports; breaks survive huge values."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from geo.classify import classify, jenks_bins
from geo.export import finite_only, round_finite, to_bytes
from geo.manage import reading_note, reading_text
from geo.upload import (
    MAX_ABS_VALUE,
    OutOfRangeError,
    match_keys,
    number_reading,
    parse_number,
    read_table,
)

POPULATIONS = ["467.919", "12.345", "101.010", "999.999", "100.000"]


def test_thousands_dots_in_a_population_column_are_thousands() -> None:
    reading = number_reading(POPULATIONS, "Nüfus")
    assert reading.decimal == "," and reading.ambiguous and reading.alternative == "."
    assert reading.example == "467.919"
    assert parse_number("467.919", reading.decimal) == 467_919
    assert parse_number("467.919", reading.alternative) == pytest.approx(467.919)


def test_plain_integers_do_not_contradict_the_thousands_reading() -> None:
    reading = number_reading(["467.919", "850", "-", ""], "değer")
    assert reading.decimal == "," and reading.ambiguous


@pytest.mark.parametrize("header", ["Oran (%)", "İşsizlik oranı", "Endeks", "Ortalama puan"])
def test_a_rate_or_index_header_makes_the_decimal_reading_the_guess(header: str) -> None:
    reading = number_reading(POPULATIONS, header)
    assert reading.decimal == "." and reading.ambiguous and reading.alternative == ","


@pytest.mark.parametrize(
    ("values", "decimal"),
    [
        (["467.919", "12.5"], "."),  # 12.5 proves a decimal dot
        (["467.919", "1.234.567"], ","),  # two groups prove thousands
        (["467.919", "12,5"], ","),  # a decimal comma proves dots are thousands
    ],
)
def test_other_values_prove_the_reading(values: list[str], decimal: str) -> None:
    reading = number_reading(values, "Nüfus")
    assert reading.decimal == decimal and not reading.ambiguous


def test_lone_comma_groups_keep_the_turkish_decimal_comma() -> None:
    reading = number_reading(["467,919", "12,345"], "değer")
    assert reading.decimal == "," and reading.ambiguous and reading.alternative == "."
    assert parse_number("467,919", reading.decimal) == pytest.approx(467.919)


def test_match_report_says_which_reading_was_used_and_offers_the_other() -> None:
    frame = pd.DataFrame({"il": ["Ankara", "İzmir"], "Nüfus": ["467.919", "12.345"]})
    report = match_keys(frame, "names", ["il"], "Nüfus")
    assert report.reading is not None and report.reading.ambiguous
    assert report.values.tolist() == [467_919.0, 12_345.0]
    other = match_keys(frame, "names", ["il"], "Nüfus", decimal=report.reading.alternative)
    assert other.values.tolist() == pytest.approx([467.919, 12.345])
    assert other.reading == report.reading  # the other reading stays on offer


def test_reading_texts_in_both_languages() -> None:
    reading = number_reading(POPULATIONS, "Nüfus")
    assert reading_text(reading, ",", "tr") == "467919 (binlik ayırıcı)"
    assert reading_text(reading, ".", "tr") == "467,919 (ondalık)"
    assert reading_text(reading, ".", "en") == "467.919 (decimal)"
    assert "467.919 = 467919" in reading_note(reading, ",", "en")
    assert "binlik ayırıcı olarak okundu" in reading_note(reading, ",", "tr")


def test_csv_of_turkish_populations_reads_thousands() -> None:
    text = "il;ilçe;nüfus\nAnkara;Çankaya;944.609\nAnkara;Keçiören;917.759\n"
    parsed = read_table(text.encode(), "nufus.csv")
    report = match_keys(parsed.frame, "names", ["il", "ilçe"], "nüfus")
    assert sorted(report.values.tolist()) == [917_759.0, 944_609.0]


@pytest.mark.parametrize("text", ["1e16", "-2e15", "1.000.000.000.000.001", "1e308", 10**20])
def test_values_beyond_the_sane_range_are_refused(text: object) -> None:
    with pytest.raises(OutOfRangeError, match="out of range"):
        parse_number(text, ",")


def test_sane_extremes_are_accepted() -> None:
    assert parse_number("1e15") == MAX_ABS_VALUE
    assert parse_number("-999.999.999.999.999", ",") == -999_999_999_999_999.0


def test_out_of_range_rows_are_reported_not_saved() -> None:
    frame = pd.DataFrame({"il": ["Ankara", "İzmir"], "değer": ["1e308", "5"]})
    report = match_keys(frame, "names", ["il"], "değer")
    assert report.out_of_range == [{"row": 2, "value": "1e308"}]
    assert report.values.tolist() == [5.0]
    assert "out_of_range" in report.issues_frame()["issue"].tolist()


@given(st.floats(allow_nan=False))
def test_parse_number_never_returns_a_value_beyond_the_range(value: float) -> None:
    try:
        result = parse_number(repr(value))
    except ValueError:
        return
    assert result is not None and abs(result) <= MAX_ABS_VALUE


# --------------------------------------------------------------------------- exports


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_exports_never_write_inf(fmt: str) -> None:
    frame = pd.DataFrame({"pcode": ["TUR006", "TUR035"], "v": [math.inf, 1.5]})
    data = to_bytes(frame, fmt)
    if fmt == "csv":
        assert b"inf" not in data.lower()
        assert data.decode().splitlines()[1] == "TUR006,"
    else:
        back = pd.read_excel(__import__("io").BytesIO(data))
        assert back["v"].isna().tolist() == [True, False]


def test_finite_only_leaves_finite_frames_alone() -> None:
    frame = pd.DataFrame({"v": [1e308, -1e308, 1.0]})
    assert finite_only(frame) is frame


def test_indicator_export_rounding_does_not_overflow() -> None:
    values = pd.DataFrame({"v": [1e308, 1.23456, np.nan]})
    kept = round_finite(values, 4)
    assert kept["v"].tolist()[:2] == [1e308, 1.2346] and np.isnan(kept["v"].iloc[2])


# --------------------------------------------------------------------------- breaks


def test_natural_breaks_do_not_collapse_with_huge_values() -> None:
    data = np.array([1.0, 2, 3, 10, 11, 12, 50, 51, 1e308, -1e308, 1e300])
    assert len(jenks_bins(data, 5)) == 5
    classes = classify(pd.Series(data), "natural", 5)
    assert len(classes.labels) == 5
    assert all(len(label) < 40 for label in classes.labels)  # no 309-digit legend labels


def test_natural_breaks_isolate_one_huge_outlier() -> None:
    data = np.r_[np.arange(900.0), [1e15]]
    assert jenks_bins(data, 5)[-2:] == [899.0, 1e15]


def test_natural_breaks_unchanged_for_ordinary_values() -> None:
    data = np.array([1.0, 2, 3, 10, 11, 12, 50, 51, 100, 101])
    assert jenks_bins(data, 4) == [3.0, 12.0, 51.0, 101.0]
