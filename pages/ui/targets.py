"""The "targets and results" table: stated figures, progress where both are stated."""

from __future__ import annotations

import streamlit as st

from geo.config import bundled_data_dir
from geo.i18n import t
from geo.targets import TARGETS_FILE, load_targets, targets_view
from geo.viewtext import changed_text, files_changed
from pages.ui.context import Context


def targets_section(ctx: Context, projects: list[str], province: str | None = None) -> None:
    """Outputs of ``projects`` (those tied to another province left out) with sources."""
    lang = ctx.lang
    st.subheader(t("targets_title", lang))
    targets = load_targets(ctx.registry, bundled_data_dir())
    view = targets_view(targets, ctx.registry, lang, projects=projects, province=province)
    changed = changed_text(files_changed(bundled_data_dir(), (TARGETS_FILE,)), None, lang)
    st.caption(f"{t('targets_caption', lang)} · {changed}")
    if view.empty:
        st.caption(t("targets_none", lang))
        return
    st.dataframe(
        view.drop(columns=["project_name"] if len(projects) == 1 else []),
        hide_index=True,
        width="stretch",
        column_config={
            "project_name": t("col_project", lang),
            "output": t("col_output", lang),
            "unit": t("col_unit", lang),
            "target": t("col_target", lang),
            "achieved": t("col_achieved", lang),
            "progress": st.column_config.ProgressColumn(
                t("col_progress", lang), min_value=0.0, max_value=1.0, format="percent"
            ),
            "source": t("col_source", lang),
            "quote": t("col_quote", lang),
        },
    )
