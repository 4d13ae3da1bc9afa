"""Choropleth classification: official SEGE tiers, quantiles, natural breaks.

Each scheme returns a class index per unit (0 = lowest values, NaN = missing) and the
class bounds for the legend. SEGE tiers are the published kademe (1 most developed to 6
least developed), used as they are, never recomputed from scores.
"""

from __future__ import annotations

from dataclasses import dataclass

import mapclassify
import numpy as np
import pandas as pd

SCHEMES = ("tiers", "quantiles", "natural")


@dataclass(frozen=True, slots=True)
class Classes:
    """Class index per P-code and a legend label per class (lowest class first)."""

    index: pd.Series
    labels: tuple[str, ...]


def _fmt(value: float, decimals: int) -> str:
    return f"{value:,.{decimals}f}"


def _decimals(values: pd.Series) -> int:
    span = float(values.max() - values.min()) if len(values) else 0.0
    if span >= 1000:
        return 0
    if span >= 10:
        return 1
    return 2 if span >= 1 else 3


def classify(values: pd.Series, scheme: str, k: int = 5, tiers: pd.Series | None = None) -> Classes:
    """Classify indicator ``values`` (indexed by P-code).

    Parameters
    ----------
    scheme : {"tiers", "quantiles", "natural"}
        ``tiers`` needs ``tiers`` (SEGE kademe 1–6 by P-code); classes then run from
        tier 1 (index 0) to tier 6.
    k : int
        Number of classes for quantiles and natural breaks (reduced when there are fewer
        distinct values).
    """
    valid = values.dropna()
    if scheme == "tiers":
        if tiers is None:
            msg = "the 'tiers' scheme needs SEGE tiers"
            raise ValueError(msg)
        tier = tiers.reindex(values.index)
        present = sorted(int(t) for t in tier.dropna().unique())
        index = tier.map(lambda t: present.index(int(t)) if pd.notna(t) else np.nan)
        return Classes(index.astype(float), tuple(str(t) for t in present))
    if scheme not in SCHEMES:
        msg = f"unknown scheme {scheme!r}; expected one of {SCHEMES}"
        raise ValueError(msg)
    k = max(1, min(k, valid.nunique()))
    if k == 1:
        return Classes(values.where(values.isna(), 0.0).astype(float), (_fmt(valid.min(), 2),))
    if scheme == "quantiles":
        result = mapclassify.Quantiles(valid.to_numpy(), k=k)
    else:
        result = mapclassify.FisherJenks(valid.to_numpy(), k=k)
    bins = list(result.bins)
    decimals = _decimals(valid)
    lows = [float(valid.min()), *bins[:-1]]
    labels = tuple(
        f"{_fmt(lo, decimals)} – {_fmt(hi, decimals)}" for lo, hi in zip(lows, bins, strict=True)
    )
    index = pd.Series(np.nan, index=values.index)
    index.loc[valid.index] = result.yb.astype(float)
    return Classes(index, labels)
