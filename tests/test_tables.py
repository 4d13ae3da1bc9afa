"""Tables as the pages show them (geo.tables): labels and numbers in the user's language."""

from __future__ import annotations

import math

import pandas as pd

from geo.i18n import t
from geo.tables import labelled, site_columns


def _units() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "project_name": ["EKOSEP", "EKOSEP"],
            "phase_label": ["Faz 1", "Faz 2"],
            "level": ["district", "province"],
            "province": ["Ankara", "İzmir"],
            "district": ["Çankaya", ""],
            "pcode": ["TUR006008", "TUR035"],
            "items_completed": [1204, 0],
            "items_total": [2310, 3],
            "deliverables_completed": [5, 1],
            "deliverables_total": [7, 2],
            "sege2022_score": [2.51234, math.nan],
            "sege2022_tier": [1, math.nan],
            "sege2017_score": [1.5, 0.25],
            "sege2017_tier": [1, 2],
            "population": [943123, 4479525],
        }
    )


def test_site_columns_label_and_format_for_the_language() -> None:
    tr = site_columns(_units(), "tr")
    en = site_columns(_units(), "en")
    assert list(tr.columns)[:3] == [t(k, "tr") for k in ("col_project", "col_phase", "col_level")]
    assert list(en.columns)[:3] == [t(k, "en") for k in ("col_project", "col_phase", "col_level")]
    assert tr[t("count_items_done", "tr")].tolist() == ["1.204 / 2.310", "0 / 3"]
    assert en[t("count_items_done", "en")].tolist() == ["1,204 / 2,310", "0 / 3"]
    assert en[t("col_population", "en")].tolist() == ["943,123", "4,479,525"]
    assert tr[t("col_sege2022_score", "tr")].iloc[0] == "2,512"
    assert en[t("col_level", "en")].tolist() == [
        t("level_district", "en"),
        t("level_province", "en"),
    ]


def test_labelled_keeps_only_the_named_columns_in_their_order() -> None:
    out = labelled(_units(), {"pcode": "col_pcode", "province": "col_province"}, "en")
    assert list(out.columns) == [t("col_pcode", "en"), t("col_province", "en")]
    assert out.iloc[1].tolist() == ["TUR035", "İzmir"]
