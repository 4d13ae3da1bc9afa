"""The partial TÜİK poverty table as shown on screen: headers and coded values in words.

The CSV keeps machine codes (``relative_poverty_rate_60pct_regional_median``,
``highest #1``); :func:`poverty_table` puts them in the chosen language and formats the
numbers with Babel, so the table reads in one language.
"""

from __future__ import annotations

import re

import pandas as pd

from geo.i18n import LABELS, t
from geo.numbers import format_number

_POSITION = re.compile(r"^(highest|lowest) #(\d+)$")
COLUMNS = {
    "survey_year": "pov_col_survey_year",
    "income_reference_year": "pov_col_income_year",
    "level": "pov_col_level",
    "region_code": "pov_col_region_code",
    "region_name": "pov_col_region_name",
    "indicator": "pov_col_indicator",
    "value": "pov_col_value",
    "position_in_release": "pov_col_position",
    "confidence": "pov_col_confidence",
    "source_url": "pov_col_source",
}


def _coded(prefix: str, value: object, lang: str) -> str:
    key = f"{prefix}{value}"
    return t(key, lang) if key in LABELS else str(value)


def _position(value: object, lang: str) -> str:
    match = _POSITION.match(str(value))
    if match:
        return t(f"pov_pos_{match[1]}", lang, n=match[2])
    return _coded("pov_pos_", value, lang)


def poverty_table(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """``frame`` (``geo.indicators.poverty_partial()``) with labelled columns and values.

    The value carries its unit (``%22`` / ``22%``, ``TL/yıl``); the English-only notes
    column is left out.
    """
    shown = pd.DataFrame(index=frame.index)
    shown["survey_year"] = frame["survey_year"].astype(str)
    shown["income_reference_year"] = frame["income_reference_year"].astype(str)
    shown["level"] = frame["level"].map(lambda v: _coded("pov_level_", v, lang))
    shown["region_code"] = frame["region_code"].fillna("")
    shown["region_name"] = frame["region_name"].fillna("")
    shown["indicator"] = frame["indicator"].map(lambda v: _coded("pov_ind_", v, lang))
    shown["value"] = [
        _value(v, u, lang) for v, u in zip(frame["value"], frame["unit"], strict=True)
    ]
    shown["position_in_release"] = frame["position_in_release"].map(lambda v: _position(v, lang))
    shown["confidence"] = frame["confidence"].map(lambda v: _coded("pov_conf_", v, lang))
    shown["source_url"] = frame["source_url"].fillna("")
    return shown.rename(columns={c: t(k, lang) for c, k in COLUMNS.items()})


def _value(value: object, unit: object, lang: str) -> str:
    if unit == "percent":
        number = format_number(value, lang, 1)
        return f"%{number}" if lang != "en" else f"{number}%"
    if unit == "ratio":  # a Gini coefficient has no unit
        return format_number(value, lang)
    return f"{format_number(value, lang)} {_coded('pov_unit_', unit, lang)}"
