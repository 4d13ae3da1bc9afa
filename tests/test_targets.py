"""Targets and results: every figure traced to the seed document's own words."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pandas as pd
import pytest

from geo import DATA_DIR
from geo.registry import Registry
from geo.targets import TargetsError, load_targets, targets_view

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"  # beside the checkout, as in CI


def test_every_figure_is_in_its_quote_and_the_quote_on_its_line(registry: Registry) -> None:
    targets = load_targets(registry)
    assert len(targets) >= 15
    for _, row in targets.iterrows():
        stated = [v for v in (row["target"], row["achieved"]) if pd.notna(v)]
        assert stated, f"{row['id']}: neither a target nor an achieved figure"
        numbers = {int(n) for n in re.findall(r"\d+", row["quote"])}
        assert all(int(v) in numbers for v in stated), row["id"]
        if SEEDS.is_dir():  # the seeds are not part of the repository
            lines = (SEEDS / f"{row['source']}.txt").read_text(encoding="utf-8").splitlines()
            assert row["quote"] in lines[int(row["line"]) - 1], row["id"]


def test_unstated_figures_read_not_stated_and_have_no_progress(registry: Registry) -> None:
    view = targets_view(load_targets(registry), registry, "en", projects=["ekosep"])
    row = view[view["output"].str.startswith("Pre-designed")].iloc[0]
    assert (row["target"], row["achieved"]) == ("18", "not stated")
    assert pd.isna(row["progress"])  # no progress without both figures
    assert "003_0ca15d0ed5d6090e.txt, line 13" in row["source"]
    gaziantep = targets_view(
        load_targets(registry), registry, "tr", projects=["ekosep"], province="TUR027"
    )
    assert any(gaziantep["output"].str.startswith("Gaziantep"))
    assert not any(gaziantep["output"].str.startswith("Erzurum"))
    assert "belirtilmemiş" in set(gaziantep["achieved"])


def test_a_bad_entry_is_named(registry: Registry, tmp_path: Path) -> None:
    shutil.copy(DATA_DIR / "targets.yaml", tmp_path / "targets.yaml")
    path = tmp_path / "targets.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("achieved: 33", "achieved: 33.5", 1),
        encoding="utf-8",
    )
    with pytest.raises(TargetsError, match=r"outputs\[3\]: 'achieved'"):
        load_targets(registry, tmp_path)
