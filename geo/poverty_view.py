"""The partial TÜİK poverty table as shown on screen: headers and coded values in words.

The CSVs keep machine codes (``relative_poverty_rate`` with threshold
``60pct_regional_median``, ``highest #1``); :func:`poverty_table` puts them in the chosen
language and formats the numbers with Babel, so the table reads in one language. Its input
is :func:`geo.indicators.poverty_partial`: the partial rows of both TÜİK regional files in
one schema.
"""

from __future__ import annotations

import re

import pandas as pd

from geo.i18n import LABELS, t
from geo.numbers import format_number

_POSITION = re.compile(r"^(highest|lowest) #(\d+)$")
COLUMNS = {
    "year": "pov_col_survey_year",
    "income_reference_year": "pov_col_income_year",
    "nuts2": "pov_col_region_code",
    "region_name": "pov_col_region_name",
    "indicator": "pov_col_indicator",
    "value": "pov_col_value",
    "confidence": "pov_col_confidence",
    "source": "pov_col_source",
}


def _coded(prefix: str, value: object, lang: str) -> str:
    key = f"{prefix}{value}"
    return t(key, lang) if key in LABELS else str(value)


def _position(value: object, lang: str) -> str:
    match = _POSITION.match(str(value))
    if match:
        return t(f"pov_pos_{match[1]}", lang, n=match[2])
    return _coded("pov_pos_", value, lang)


def _indicator(indicator: object, threshold: object, lang: str) -> str:
    """``relative_poverty_rate`` + ``60pct_regional_median`` in words (older rows carry
    the threshold inside the indicator code)."""
    if isinstance(threshold, str) and threshold and f"pov_ind_{indicator}_{threshold}" in LABELS:
        return t(f"pov_ind_{indicator}_{threshold}", lang)
    return _coded("pov_ind_", indicator, lang)


def poverty_table(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """``frame`` (``geo.indicators.poverty_partial()``) with labelled columns and values.

    The value carries its unit (``%22`` / ``22%``, ``TL/yıl``); the English-only notes
    column is left out; each row keeps its confidence and source link.
    """
    shown = pd.DataFrame(index=frame.index)
    shown["year"] = frame["year"].map(lambda v: str(int(v)) if pd.notna(v) else "")
    shown["income_reference_year"] = frame["income_reference_year"].map(
        lambda v: str(int(v)) if pd.notna(v) else ""
    )
    shown["nuts2"] = frame["nuts2"].fillna("")
    shown["region_name"] = frame["region_name"].fillna("")
    shown["indicator"] = [
        _indicator(i, th, lang)
        for i, th in zip(frame["indicator"], frame["threshold"], strict=True)
    ]
    shown["value"] = [
        _value(v, u, lang) for v, u in zip(frame["value"], frame["unit"], strict=True)
    ]
    shown["confidence"] = frame["confidence"].map(lambda v: _coded("pov_conf_", v, lang))
    shown["source"] = frame["source"].fillna("")
    return shown.rename(columns={c: t(k, lang) for c, k in COLUMNS.items()})


def _value(value: object, unit: object, lang: str) -> str:
    if unit == "percent":
        number = format_number(value, lang, 1)
        return f"%{number}" if lang != "en" else f"{number}%"
    if unit in ("ratio", "ratio 0-1"):  # a Gini coefficient has no unit
        return format_number(value, lang)
    return f"{format_number(value, lang)} {_coded('pov_unit_', unit, lang)}"
