"""Numbers and dates as the chosen language writes them, through Babel (CLDR).

One source for every number the app shows (tables, legends, tooltips, the detail panel,
key figures, PNG and PDF): Turkish ``1.234.567`` and ``1,839``, English ``1,234,567`` and
``1.839``. Whole numbers never carry a decimal part (``54``, not ``54.0``). CSV files are
the exception: they stay machine-readable and do not use these functions.
"""

from __future__ import annotations

import datetime as dt
import math
from functools import lru_cache
from numbers import Real

import pandas as pd
from babel import Locale
from babel.dates import format_date as _babel_date
from babel.numbers import format_decimal as _babel_decimal
from babel.numbers import format_percent as _babel_percent
from babel.numbers import get_decimal_symbol, get_group_symbol

#: CLDR locale per UI language.
LOCALES = {"tr": "tr_TR", "en": "en_GB"}
#: Shown for a missing value (NaN, None) in every language.
MISSING = "–"


def locale_of(lang: str) -> str:
    """The CLDR locale of a UI language (Turkish unless ``"en"``)."""
    return LOCALES.get(lang, LOCALES["tr"])


def _is_missing(value: object) -> bool:
    if value is None:
        return True
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def format_number(value: object, lang: str, decimals: int | None = None) -> str:
    """``value`` with the language's grouping and decimal marks.

    Parameters
    ----------
    value : number
        Any real number (int, float, numpy scalar); NaN and None give :data:`MISSING`.
    lang : str
        ``"tr"`` or ``"en"``.
    decimals : int or None
        Fixed number of decimals. ``None`` (default) shows a whole number without
        decimals and anything else with up to three, dropping trailing zeros.
    """
    if _is_missing(value):
        return MISSING
    number = float(value)  # type: ignore[arg-type]
    if decimals is None:
        pattern = "#,##0" if number.is_integer() else "#,##0.###"
    elif decimals <= 0:
        pattern = "#,##0"
    else:
        pattern = "#,##0." + "0" * decimals
    if math.isinf(number):
        return "∞" if number > 0 else "−∞"
    return _decimal(number, pattern, locale_of(lang))


@lru_cache(maxsize=16384)
def _decimal(number: float, pattern: str, locale: str) -> str:
    # Babel parses the pattern and looks up the locale on every call (~0.1 ms): tables
    # repeat the same counts on every rerun, so the text is remembered. The pattern is
    # used as given, so the locale only supplies the symbols.
    return _babel_decimal(number, format=pattern, locale=locale)


def format_int(value: object, lang: str) -> str:
    """A count or other whole number, grouped (``1.234`` / ``1,234``); never ``54.0``."""
    if _is_missing(value):
        return MISSING
    return format_number(round(float(value)), lang, 0)  # type: ignore[arg-type]


def format_percent(value: object, lang: str, decimals: int = 0) -> str:
    """A share (``0.125``) as a percentage: Turkish ``%12,5``, English ``12.5%``."""
    if _is_missing(value):
        return MISSING
    # The locale's own pattern (Turkish puts the sign first), with the decimals asked for.
    pattern = Locale.parse(locale_of(lang)).percent_formats[None].pattern
    if decimals > 0:
        pattern = pattern.replace("#,##0", "#,##0." + "0" * decimals, 1)
    return _babel_percent(float(value), format=pattern, locale=locale_of(lang))  # type: ignore[arg-type]


def format_quantity(value: object, unit: str, lang: str, decimals: int | None = None) -> str:
    """A number with its unit stated: ``1.500 kamu personeli`` / ``1,500 public staff``."""
    text = format_number(value, lang, decimals)
    return f"{text} {unit}".strip() if unit else text


def format_ratio(done: object, total: object, lang: str) -> str:
    """``completed / total`` counts, both grouped: ``1.204 / 2.310``."""
    return f"{format_int(done, lang)} / {format_int(total, lang)}"


def format_date(value: dt.date | dt.datetime | str, lang: str, form: str = "long") -> str:
    """A date in the language: ``1 Aralık 2026`` / ``1 December 2026``.

    ``value`` may be an ISO string (``2026-12-01``, ``2026-12-01T19:30:00``); ``form`` is a
    CLDR length (``"short"``, ``"medium"``, ``"long"``).
    """
    if isinstance(value, str):
        value = dt.datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    if isinstance(value, dt.datetime):
        value = value.date()
    return _babel_date(value, format=form, locale=locale_of(lang))


def format_datetime_utc(value: dt.datetime | str, lang: str) -> str:
    """A moment as date and ``HH:MM`` UTC: ``1 Aralık 2026 19:30 UTC``."""
    if isinstance(value, str):
        value = dt.datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    if value.tzinfo is not None:
        value = value.astimezone(dt.UTC)
    return f"{format_date(value, lang)} {value:%H:%M} UTC"


def decimals_for(kind: str) -> int | None:
    """Decimals shown for an indicator kind: scores 3, changes and densities 1, counts 0."""
    return {"score": 3, "change": 1, "density": 1, "share": 1}.get(kind, 0)


def format_column(series: pd.Series, lang: str, decimals: int | None = None) -> pd.Series:
    """A numeric column as text in the language (for tables shown on screen)."""
    return series.map(lambda v: format_number(v, lang, decimals))


def is_number(value: object) -> bool:
    """True for a real number that is not a bool (used to pick columns to format)."""
    return isinstance(value, Real) and not isinstance(value, bool)


def localise_frame(frame: pd.DataFrame, decimals: dict[str, int | None], lang: str) -> pd.DataFrame:
    """A copy of ``frame`` with the named numeric columns as text in ``lang``.

    Tables on screen show numbers as the language writes them (the browser's own number
    formatting would follow the browser's locale, not the chosen language). Columns not
    in ``frame`` are skipped; ``decimals`` maps column to :func:`format_number`'s decimals.
    """
    shown = frame.copy()
    for column, places in decimals.items():
        if column in shown.columns:
            shown[column] = format_column(shown[column], lang, places)
    return shown


def plotly_separators(lang: str) -> str:
    """Plotly's ``layout.separators`` (decimal mark, then group mark) for ``lang``."""
    locale = locale_of(lang)
    return get_decimal_symbol(locale) + get_group_symbol(locale)
