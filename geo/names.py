"""Turkish-aware name normalisation.

Python's ``str.upper`` maps ``i`` to ``I`` and ``ı`` to ``I``, losing the dotted/dotless
distinction, and ``str.lower`` maps ``I`` to ``i``. Turkish needs ``i↔İ`` and ``ı↔I``.
Keys are folded to ASCII upper case so that ``Şahinbey``, ``SAHINBEY`` and ``şahinbey``
meet, while whole-name comparison keeps ``Buca`` apart from ``Bucak``.
"""

from __future__ import annotations

import re
import unicodedata

_TR_UPPER = str.maketrans({"i": "İ", "ı": "I"})
_TR_LOWER = str.maketrans({"İ": "i", "I": "ı"})
_ASCII = str.maketrans(
    {
        "İ": "I",
        "I": "I",
        "Ş": "S",
        "Ğ": "G",
        "Ü": "U",
        "Ö": "O",
        "Ç": "C",
        "Â": "A",
        "Î": "I",
        "Û": "U",
    }
)
_NOT_WORD = re.compile(r"[^0-9A-Z]+")


def tr_upper(text: str) -> str:
    """Upper-case ``text`` by Turkish rules (``i`` → ``İ``, ``ı`` → ``I``)."""
    return text.translate(_TR_UPPER).upper()


def tr_lower(text: str) -> str:
    """Lower-case ``text`` by Turkish rules (``İ`` → ``i``, ``I`` → ``ı``)."""
    return text.translate(_TR_LOWER).lower()


def tr_title(text: str) -> str:
    """Title-case each word by Turkish rules: ``ŞEHİTKAMİL`` → ``Şehitkamil``."""
    words = tr_lower(text.strip()).split()
    return " ".join(tr_upper(w[0]) + w[1:] for w in words if w)


def name_key(text: object) -> str:
    """Fold a place name to an ASCII upper-case comparison key.

    Handles Turkish case (``İ/ı``), decomposed accents, circumflexes (``Lâpseki``),
    apostrophes and hyphens, and runs of white space.

    >>> name_key("  şehit-kamil ")
    'SEHIT KAMIL'
    >>> name_key("IĞDIR") == name_key("Iğdır") == name_key("igdir")
    True
    """
    raw = unicodedata.normalize("NFC", str(text)).strip()
    upper = tr_upper(raw).translate(_ASCII)
    decomposed = unicodedata.normalize("NFKD", upper)
    ascii_text = decomposed.encode("ascii", "ignore").decode("ascii")
    # "I" may come from a plain ASCII "i" typed without Turkish case rules; both fold to I.
    return _NOT_WORD.sub(" ", ascii_text).strip()


def search_key(text: object) -> str:
    """Like :func:`name_key` but without spaces, for prefix search while typing."""
    return name_key(text).replace(" ", "")
