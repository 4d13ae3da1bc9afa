"""Turkish-aware names and the name → P-code resolver."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from geo import DATA_DIR
from geo.names import name_key, tr_lower, tr_title, tr_upper
from geo.resolver import ResolveError, default_resolver


def test_turkish_case_rules() -> None:
    assert tr_upper("ığdır") == "IĞDIR"
    assert tr_upper("izmir") == "İZMİR"
    assert tr_upper("istanbul") == "İSTANBUL"
    assert tr_lower("IĞDIR") == "ığdır"
    assert tr_title("ŞEHİTKAMİL") == "Şehitkamil"
    assert tr_title("İSKENDERUN") == "İskenderun"


@pytest.mark.parametrize(
    ("a", "b"),
    [("Iğdır", "IGDIR"), ("iğdır", "Iğdır"), ("ŞAHİNBEY", "sahinbey"), ("Lâpseki", "Lapseki")],
)
def test_name_key_folds_spellings(a: str, b: str) -> None:
    assert name_key(a) == name_key(b)


def test_name_key_keeps_different_names_apart() -> None:
    assert name_key("Buca") != name_key("Bucak")


@given(st.text(max_size=40))
def test_name_key_is_idempotent_ascii(text: str) -> None:
    key = name_key(text)
    assert key == name_key(key)
    assert key.isascii()


@pytest.mark.parametrize(
    ("province", "district", "pcode"),
    [
        ("İstanbul", "Beşiktaş", "TUR034010"),
        ("ISTANBUL", "BESIKTAS", "TUR034010"),
        ("istanbul", "beşiktaş", "TUR034010"),
        ("Malatya", "Yeşilyurt", "TUR044013"),
        ("Tokat", "Yeşilyurt", "TUR060011"),
        ("İzmir", "Buca", "TUR035008"),
        ("Bartın", "Merkez", "TUR074002"),
        ("Bartın", "BARTIN", "TUR074002"),
        ("Ankara", "Kazan", "TUR006015"),
        ("İstanbul", "Eyüp", "TUR034019"),
    ],
)
def test_resolver_hard_cases(province: str, district: str, pcode: str) -> None:
    assert default_resolver().district(district, province) == pcode


def test_buca_does_not_match_bucak() -> None:
    resolver = default_resolver()
    assert resolver.district("Bucak", "Burdur") == "TUR015003"
    with pytest.raises(ResolveError) as err:
        resolver.district("Bucak", "İzmir")
    assert "Bucak, Burdur" in str(err.value)
    assert "Buca, İzmir" in err.value.suggestions


def test_same_named_district_needs_its_province() -> None:
    with pytest.raises(ResolveError, match="Yeşilyurt, Malatya"):
        default_resolver().district("Yeşilyurt", "Sivas")


def test_unknown_province_has_suggestions() -> None:
    with pytest.raises(ResolveError) as err:
        default_resolver().province("Istambul")
    assert "İstanbul" in err.value.suggestions


def test_province_aliases_and_pcodes() -> None:
    resolver = default_resolver()
    assert resolver.province("Afyon") == resolver.province("Afyonkarahisar") == "TUR003"
    assert resolver.province("TUR034") == "TUR034"


def test_resolver_resolves_every_sege2022_district() -> None:
    sege = pd.read_csv(DATA_DIR / "indicators" / "sege2022_ilce.csv", dtype=str)
    resolver = default_resolver()
    pcodes = [resolver.district(d, p) for p, d in zip(sege["il"], sege["ilce"], strict=True)]
    assert len(set(pcodes)) == 973


def test_search_is_turkish_aware_and_exact_first() -> None:
    resolver = default_resolver()
    hits = resolver.search("buca")
    assert hits[0].label == "Buca, İzmir"
    labels = [h.label for h in resolver.search("YESILYURT")]
    assert {"Yeşilyurt, Malatya", "Yeşilyurt, Tokat"} <= set(labels)
    assert resolver.search("ığdır")[0].pcode == "TUR076"
    assert resolver.search("   ") == []
