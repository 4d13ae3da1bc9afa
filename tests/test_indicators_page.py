"""The indicators page through app.py: years, change view, regions, poverty caveat, need."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from tests.test_app import assert_healthy, run_app

POVERTY_CAVEAT_EN = "it shows inequality within a region, not which region is poorer"
POVERTY_CAVEAT_TR = "hangi bölgenin daha yoksul olduğunu göstermez"


def _texts(at: AppTest) -> str:
    parts = [c.value for c in at.caption] + [w.value for w in at.warning]
    return "\n".join(parts)


def test_gdp_by_year_with_citation_and_need_table() -> None:
    at = run_app(page="indicators", ind="gdp_pc_try_2024")
    assert_healthy(at)
    assert at.selectbox(key="ind_series").value == "gdp_pc_try"
    assert at.select_slider(key="ind_year").value == 2024
    texts = _texts(at)
    assert "TÜİK, İl Bazında Gayrisafi Yurt İçi Hasıla" in texts and "53930" in texts
    assert "(2024)" in texts
    assert "Düşük değer = daha çok ihtiyaç" in texts
    table = at.dataframe[-1].value
    assert "Kapsama" in table.columns and (table["Kapsama"] == "Pilot yok").all()
    at.select_slider(key="ind_year").set_value(2021).run()
    assert_healthy(at)
    assert at.session_state["indicator"] == "gdp_pc_try_2021"
    assert at.query_params["ind"] == "gdp_pc_try_2021"


def test_change_view_from_the_link_is_diverging_and_has_no_need_table() -> None:
    at = run_app(page="indicators", ind="gdp_pc_usd_2024", cmp="gdp_pc_usd_2020", lang="en")
    assert_healthy(at)
    assert at.radio(key="ind_mode").value == "change"
    assert at.slider(key="ind_range").value == (2020, 2024)
    texts = _texts(at)
    assert "Purple: fall, orange: rise" in texts
    assert "no need-versus-coverage table is shown" in texts
    assert at.query_params["cmp"] == "gdp_pc_usd_2020"


def test_poverty_map_states_its_meaning_and_lets_the_user_decide() -> None:
    at = run_app(page="indicators", ind="poverty_rate_2018_region", regions="1", lang="en")
    assert_healthy(at)
    assert at.toggle(key="ind_regions").value is True
    assert any(POVERTY_CAVEAT_EN in w.value for w in at.warning)
    assert "No need direction chosen" in _texts(at)
    at.radio(key="ind_need_choice").set_value("higher").run()
    assert_healthy(at)
    table = at.dataframe[-2].value  # the need table, before the partial-figures table
    assert "Region" in table.columns and "Coverage" in table.columns
    assert table.iloc[0]["Region"].startswith("TR")
    partial = at.dataframe[-1].value
    assert "Confidence" in partial.columns and len(partial) > 26


def test_language_switch_keeps_the_indicator_and_year() -> None:
    at = run_app(page="indicators", ind="poverty_rate_2018_region")
    assert any(POVERTY_CAVEAT_TR in w.value for w in at.warning)
    at.sidebar.radio(key="lang").set_value("en").run()
    assert_healthy(at)
    assert at.session_state["indicator"] == "poverty_rate_2018_region"
    assert any(POVERTY_CAVEAT_EN in w.value for w in at.warning)


def test_population_has_no_need_direction() -> None:
    at = run_app(page="indicators", ind="pop_2023_province", lang="en")
    assert_healthy(at)
    assert at.select_slider(key="ind_year").value == 2023
    assert "no need-versus-coverage table is shown" in _texts(at)
