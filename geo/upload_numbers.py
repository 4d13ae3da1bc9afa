"""Numbers in uploaded tables, read the way a Turkish official or a machine writes them.

``1.234,5`` (Turkish), ``1,234.5`` (English) and ``12.5`` (machine output) all read as
expected. The hard case is a dot or comma followed by exactly three digits: ``467.919``
is a district's population (467,919 people) in a Turkish table but 467.919 in a machine
export. :func:`number_reading` decides per column, says when the decision was a guess
and which other reading exists, so the page can offer it before anything is saved.

Values beyond :data:`MAX_ABS_VALUE` are refused: no indicator of a province or
district is that large, and such values break classification and exports.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from geo.i18n import Message
from geo.names import name_key

#: Largest magnitude accepted for an uploaded value.
MAX_ABS_VALUE = 1e15

_MISSING = {"", "-", "–", "—", "n/a", "na", "n.a.", "nan", "null", "none", "yok", "..", "…"}
_NUMBER = re.compile(r"^(?P<sign>[+\-−]?)(?P<body>\d[\d.,]*|[.,]\d+)(?P<exp>[eE][+\-]?\d+)?$")
_GROUPED = {
    ".": re.compile(r"^[1-9]\d{0,2}(\.\d{3})+$"),
    ",": re.compile(r"^[1-9]\d{0,2}(,\d{3})+$"),
}
_ONE_GROUP = re.compile(r"^[+\-−]?[1-9]\d{0,2}(?P<sep>[.,])\d{3}$")
_INTEGER = re.compile(r"^[+\-−]?\d+$")
# Headers of shares, rates and indices: their values are decimals, not counts.
_DECIMAL_HEADER = re.compile(
    r"(^| )(ORAN|ORANI|RATE|RATIO|YUZDE|YUZDESI|PERCENT|PERCENTAGE|PAY|SHARE|ORTALAMA|"
    r"AVERAGE|MEAN|ENDEKS|ENDEKSI|INDEX|SKOR|SCORE|PUAN|KATSAYI|COEFFICIENT)( |$)"
)


class OutOfRangeError(ValueError):
    """A number was read but its magnitude exceeds :data:`MAX_ABS_VALUE`."""


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
    OutOfRangeError
        A number whose magnitude exceeds :data:`MAX_ABS_VALUE` (a ``ValueError``).
    ValueError
        Text that is not a number, or infinite values.
    """
    if text is None:
        return None
    if isinstance(text, bool):
        raise ValueError(f"not a number: {text!r}")
    if isinstance(text, int | float):
        return None if isinstance(text, float) and math.isnan(text) else _checked(text, text)
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
    return _checked(float(sign + body + (match.group("exp") or "")), raw)


def _checked(value: float, raw: object) -> float:
    try:
        number = float(value)
    except OverflowError:  # an int beyond the float range
        number = math.inf
    if math.isnan(number) or (math.isinf(number) and not isinstance(raw, int)):
        raise ValueError(f"not a finite number: {raw!r}")
    if abs(number) > MAX_ABS_VALUE:
        raise OutOfRangeError(f"out of range: {raw!r} (the limit is ±{MAX_ABS_VALUE:.0e})")
    return number


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
    return bool(_GROUPED[sep].match(text))


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


# --------------------------------------------------------------------------- column reading


@dataclass(frozen=True, slots=True)
class NumberReading:
    """How the values of one column are read.

    Attributes
    ----------
    decimal : {",", "."} or None
        Decimal mark used (``None``: every value reads the same either way).
    ambiguous : bool
        The column's values fit two readings (``467.919`` = 467919 or 467.919) and
        nothing in it proves one; :attr:`decimal` is then a guess.
    alternative : {",", "."} or None
        The other decimal mark, offered to the user when :attr:`ambiguous`.
    example : str
        A value that reads differently under the two marks (``""`` if none).
    """

    decimal: str | None
    ambiguous: bool = False
    alternative: str | None = None
    example: str = ""

    def value_of(self, decimal: str | None) -> float | None:
        """:attr:`example` read with ``decimal`` (``None`` when there is no example)."""
        if not self.example:
            return None
        return parse_number(self.example, decimal)


def number_reading(texts: Iterable[object], header: str = "") -> NumberReading:
    """Decide how a column's numbers are read; linear in the number of values.

    A dot followed by exactly three digits, in a column where every value has that
    shape (or is a plain integer), is a thousands separator: Turkish tables write
    ``467.919`` for 467,919 people. A header naming a rate, share or index
    (``Oran``, ``%``, ``Endeks`` …) makes the decimal reading the guess instead. A
    lone comma followed by three digits is read as a Turkish decimal comma. Either
    way the reading is marked ambiguous and the other one is named.

    Parameters
    ----------
    texts : iterable
        The column's cells.
    header : str
        The column's header, as written in the file.

    Returns
    -------
    NumberReading
    """
    values = [v.strip() for v in texts if isinstance(v, str) and v.strip()]
    decided = infer_decimal(values)
    if decided is not None:
        return NumberReading(decided)
    example = ""
    seps: set[str] = set()
    for value in values:
        body = value.strip("%").strip()
        shaped = _ONE_GROUP.match(body)
        if shaped:
            seps.add(shaped.group("sep"))
            example = example or value
        elif not _INTEGER.match(body) and body.lower() not in _MISSING:
            return NumberReading(None)  # other values: no column-wide reading to offer
    if not example or len(seps) != 1:
        return NumberReading(None)
    sep = seps.pop()
    decimal_header = "%" in header or bool(_DECIMAL_HEADER.search(name_key(header)))
    # "467,919" keeps the Turkish decimal comma; "467.919" is a thousands group unless
    # the header names a rate or index.
    chosen = "." if sep == "." and decimal_header else ","
    other = "." if chosen == "," else ","
    return NumberReading(chosen, ambiguous=True, alternative=other, example=example)


def out_of_range_message(value: str) -> Message:
    """Why a value beyond :data:`MAX_ABS_VALUE` is refused (shown per row)."""
    return Message(
        f"{value}: beyond ±{MAX_ABS_VALUE:.0e}, the largest value accepted",
        f"{value}: kabul edilen en büyük değer olan ±{MAX_ABS_VALUE:.0e} sınırının dışında",
    )
