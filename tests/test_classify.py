"""Choropleth classification schemes."""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd
import pytest

from geo import indicators
from geo.classify import classify, jenks_bins, quantile_bins


def _ssd(groups: list[np.ndarray]) -> float:
    return float(sum(((g - g.mean()) ** 2).sum() for g in groups))


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_jenks_matches_brute_force(seed: int) -> None:
    data = np.random.default_rng(seed).normal(size=12)
    x = np.sort(data)
    best = min(_ssd([x[:a], x[a:b], x[b:]]) for a, b in itertools.combinations(range(1, 12), 2))
    bins = jenks_bins(data, 3)
    groups = [x[x <= bins[0]], x[(x > bins[0]) & (x <= bins[1])], x[x > bins[1]]]
    assert _ssd(groups) == pytest.approx(best)


def test_quantiles_hold_equal_counts() -> None:
    data = np.arange(100, dtype=float)
    assert quantile_bins(data, 4) == [24.75, 49.5, 74.25, 99.0]


def test_classify_natural_breaks_on_sege() -> None:
    values = indicators.values("sege2022_score")
    classes = classify(values, "natural", 5)
    assert len(classes.labels) == 5
    assert classes.index.min() == 0 and classes.index.max() == 4
    assert classes.index[values.idxmax()] == 4 and classes.index[values.idxmin()] == 0


def test_classify_tiers_use_published_kademe() -> None:
    values = indicators.values("sege2022_score")
    classes = classify(values, "tiers", tiers=indicators.tiers_for("sege2022_score"))
    assert classes.labels == ("1", "2", "3", "4", "5", "6")
    assert classes.index["TUR034035"] == 0  # Şişli, tier 1


def test_classify_missing_values_and_few_distinct() -> None:
    values = pd.Series([1.0, 1.0, np.nan, 2.0], index=list("abcd"))
    classes = classify(values, "quantiles", 5)
    assert np.isnan(classes.index["c"])
    assert len(classes.labels) == 2
    with pytest.raises(ValueError, match="tiers"):
        classify(values, "tiers")


def test_large_inputs_stay_bounded() -> None:
    data = np.random.default_rng(3).gamma(2.0, size=20_000)
    assert len(jenks_bins(data, 5)) == 5


def test_diverging_classes_are_centred_on_zero() -> None:
    from geo.classify import DIVERGING_FALL, DIVERGING_RISE, classify_diverging

    values = indicators.values("pop_change_2021_2025_district")
    classes, colours = classify_diverging(values, 6)
    assert len(colours) == len(classes.labels) >= 4
    index = classes.index
    falls = set(index[values < 0].astype(int))
    rises = set(index[values >= 0].astype(int))
    assert falls and rises and max(falls) < min(rises)  # no class holds both signs
    fall_colours = {c for side in DIVERGING_FALL.values() for c in side}
    rise_colours = {c for side in DIVERGING_RISE.values() for c in side}
    assert all(colours[i] in fall_colours for i in falls)
    assert all(colours[i] in rise_colours for i in rises)
    # The steepest fall is the darkest purple, the largest rise the darkest orange.
    assert colours[0] == "#542788" and colours[-1] == "#b35806"
    assert index[values.idxmin()] == 0 and index[values.idxmax()] == len(colours) - 1


def test_diverging_with_only_rises_uses_one_side() -> None:
    from geo.classify import DIVERGING_RISE, classify_diverging

    values = indicators.change_values("gdp_pc_usd_2020", "gdp_pc_usd_2024")
    assert (values > 0).all()
    classes, colours = classify_diverging(values, 6)
    assert tuple(colours) == DIVERGING_RISE[4]
    assert classes.index.notna().all() and classes.index.max() == 3
