"""Numbers and dates in the chosen language (Babel/CLDR), and the two deliverable counts."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from geo.i18n import LABELS, fmt_number, t
from geo.numbers import (
    MISSING,
    format_date,
    format_int,
    format_number,
    format_percent,
    format_quantity,
    format_ratio,
    localise_frame,
)


@pytest.mark.parametrize(
    ("value", "decimals", "tr", "en"),
    [
        (1234567, None, "1.234.567", "1,234,567"),
        (1.839, 3, "1,839", "1.839"),
        (54.0, None, "54", "54"),
        (425216, 0, "425.216", "425,216"),
        (40888.4615, 1, "40.888,5", "40,888.5"),
        (-3.25, None, "-3,25", "-3.25"),
        (0.5, 3, "0,500", "0.500"),
    ],
)
def test_format_number_per_language(value, decimals, tr, en) -> None:
    assert format_number(value, "tr", decimals) == tr
    assert format_number(value, "en", decimals) == en


def test_old_signature_still_works() -> None:
    assert fmt_number(1234.5, "tr", 1) == "1.234,5"
    assert fmt_number(1234.5, "en", 1) == "1,234.5"
    assert fmt_number(1234.0, "en") == "1,234"


def test_integers_never_get_a_decimal_part() -> None:
    assert format_int(54.0, "tr") == "54"
    assert format_int(1500.0, "en") == "1,500"
    assert format_ratio(54.0, 62.0, "tr") == "54 / 62"


def test_missing_values() -> None:
    assert format_number(float("nan"), "tr") == MISSING
    assert format_int(None, "en") == MISSING


def test_percent_follows_the_locale_pattern() -> None:
    assert format_percent(0.125, "tr", 1) == "%12,5"
    assert format_percent(0.125, "en", 1) == "12.5%"


def test_quantity_states_its_unit() -> None:
    assert format_quantity(1500, "kamu personeli", "tr") == "1.500 kamu personeli"
    assert format_quantity(2000, "participants", "en") == "2,000 participants"


def test_dates() -> None:
    assert format_date(dt.date(2019, 7, 9), "tr") == "9 Temmuz 2019"
    assert format_date("2019-07-09", "en") == "9 July 2019"


def test_localise_frame_formats_only_named_columns() -> None:
    frame = pd.DataFrame({"population": [425216.0, float("nan")], "name": ["A", "B"]})
    shown = localise_frame(frame, {"population": 0, "absent": 1}, "tr")
    assert list(shown["population"]) == ["425.216", MISSING]
    assert list(frame["population"].isna()) == [False, True]  # input unchanged


def test_the_two_counts_have_distinct_words() -> None:
    for lang in ("tr", "en"):
        assert t("count_items", lang) != t("count_quantity", lang)
    assert "count_items_done" in LABELS and "count_quantity_done" in LABELS
