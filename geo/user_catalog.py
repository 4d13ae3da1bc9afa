"""Indicators uploaded by editors as catalog entries, beside the bundled catalog.

:func:`geo.indicators.catalog` stays the official set; this module adds the user ones
(from :mod:`geo.store`) for the pages that offer them. What it reads from the store is
cached per store version: a rerun costs one indexed query (none when the version is
pinned for the rerun), and a change on any server is seen at the next version.
"""

from __future__ import annotations

import logging
import threading
from collections import OrderedDict

import pandas as pd
from sqlalchemy.exc import SQLAlchemyError

from geo import indicators
from geo.boundaries import LEVELS, Level
from geo.i18n import t
from geo.indicators import Indicator
from geo.store import Store, current_version, open_store
from geo.store.indicators import UserIndicatorMeta, all_indicators

LOG = logging.getLogger("pilot_atlas")
_CACHE: OrderedDict[tuple[str, int], tuple[list[UserIndicatorMeta], dict[str, pd.Series]]] = (
    OrderedDict()
)
_LOCK = threading.Lock()
_MAX_ENTRIES = 8


def _user_data(store: Store | None) -> tuple[list[UserIndicatorMeta], dict[str, pd.Series]]:
    """User indicators and values at the current store version (empty if unreadable)."""
    try:
        store = store or open_store()
        key = (store.url, current_version(store))
        with _LOCK:
            if key in _CACHE:
                _CACHE.move_to_end(key)
                return _CACHE[key]
        version, metas, values = all_indicators(store)
        with _LOCK:
            # Stored under the version actually read (newer than the key in a race).
            _CACHE[(store.url, version)] = (metas, values)
            while len(_CACHE) > _MAX_ENTRIES:
                _CACHE.popitem(last=False)
    except (SQLAlchemyError, OSError):
        LOG.exception("user indicators could not be read from the store")
        return [], {}
    return metas, values


def _entry(meta: UserIndicatorMeta, values: pd.Series, lang: str) -> Indicator:
    whole = bool(len(values)) and bool((values == values.round()).all())
    source = meta.source.strip()
    created = {"user": meta.created_by, "at": meta.created_at[:10]}
    return Indicator(
        id=meta.id,
        label_tr=f"{meta.label_tr}{t('user_indicator_suffix', 'tr')}",
        label_en=f"{meta.label_en}{t('user_indicator_suffix', 'en')}",
        unit_tr=meta.unit,
        unit_en=meta.unit,
        level=meta.level,  # type: ignore[arg-type]
        year=int(meta.year or 0),
        edition=t("user_indicator_edition", lang),
        publisher_tr=source or t("user_indicator_no_source", "tr"),
        publisher_en=source or t("user_indicator_no_source", "en"),
        kind="count" if whole else "score",
        higher_is_better=meta.higher_is_better,
        caveat_tr=t("user_indicator_caveat", "tr", **created),
        caveat_en=t("user_indicator_caveat", "en", **created),
        user=True,
    )


def user_catalog(lang: str = "tr", store: Store | None = None) -> dict[str, Indicator]:
    """Indicators uploaded by editors, as catalog entries, ordered by Turkish label.

    Labels carry a " (kullanıcı)" / " (user)" suffix, the publisher is the source the
    editor gave, the edition reads "Kullanıcı verisi" / "User data" in ``lang``, and
    ``kind`` is ``"count"`` when every value is a whole number, else ``"score"``. An
    unreadable store is logged and yields no user indicators, never an error.
    """
    bundled = indicators.catalog()
    metas, values = _user_data(store)
    return {
        m.id: _entry(m, values[m.id], lang)
        for m in metas
        if m.id not in bundled and m.level in LEVELS
    }


def catalog_with_user(lang: str = "tr", store: Store | None = None) -> dict[str, Indicator]:
    """The bundled catalog followed by the user indicators (see :func:`user_catalog`)."""
    return {**indicators.catalog(), **user_catalog(lang, store)}


def values_any(indicator_id: str, store: Store | None = None) -> pd.Series:
    """Values of a bundled or user indicator by P-code (``KeyError`` if neither)."""
    if indicator_id in indicators.catalog():
        return indicators.values(indicator_id)
    _, values = _user_data(store)
    return values[indicator_id].copy()


def user_values_at(pcode: str, level: Level, store: Store | None = None) -> dict[str, float]:
    """Every user indicator's value for one unit (indicators without one are left out)."""
    bundled = indicators.catalog()
    metas, values = _user_data(store)
    return {
        m.id: float(values[m.id][pcode])
        for m in metas
        if m.level == level and m.id not in bundled and pcode in values[m.id].index
    }
