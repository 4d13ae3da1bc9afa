"""Presentation mode: sidebar hidden, everything larger, a scene bar with shortcuts."""

from __future__ import annotations

from dataclasses import replace

import streamlit as st

from geo.i18n import t
from pages.ui.context import Context
from pages.ui.tables import escape_md

PRESENTATION_CSS = """
<style>
section[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"],
[data-testid="stExpandSidebarButton"], header[data-testid="stHeader"] { display: none !important; }
.block-container { max-width: 100% !important; padding: 0.8rem 2rem !important; }
[data-testid="stMarkdownContainer"] p, [data-testid="stMarkdownContainer"] li {
  font-size: 1.25rem; }
[data-testid="stMetricValue"] p { font-size: 3rem !important; line-height: 1.15 !important; }
[data-testid="stMetricLabel"] p { font-size: 1.2rem !important; }
h1 { font-size: 2.8rem !important; }
</style>
"""


def _step_scene(delta: int, count: int) -> None:
    current = int(st.session_state.get("scene", 0))
    st.session_state["scene"] = min(count - 1, max(0, current + delta))


def _leave_presentation() -> None:
    st.session_state["present"] = False
    st.session_state["scene"] = 0


def presentation(ctx: Context) -> Context:
    """In presentation mode: hide the sidebar, enlarge, show the scene bar, apply the scene.

    The widgets' own filters are untouched, so leaving restores the previous view.
    """
    if not ctx.present:
        return ctx
    from geo.scenes import build_scenes

    lang = ctx.lang
    st.html(PRESENTATION_CSS)
    scenes = build_scenes(ctx.registry, ctx.state.filters, ctx.state.page)
    index = min(max(int(st.session_state.get("scene", 0)), 0), len(scenes) - 1)
    st.session_state["scene"] = index
    scene = scenes[index]
    cols = st.columns([1, 4, 1, 1])
    cols[0].button(
        f"◀ {t('scene_prev', lang)}",
        on_click=_step_scene,
        args=(-1, len(scenes)),
        shortcut="Left",
        disabled=index == 0,
        key="scene_prev",
        width="stretch",
    )
    counter = t("scene_counter", lang, i=index + 1, n=len(scenes))
    cols[1].markdown(f"**{escape_md(scene.title(lang))}** · {counter}")
    cols[2].button(
        f"{t('scene_next', lang)} ▶",
        on_click=_step_scene,
        args=(1, len(scenes)),
        shortcut="Right",
        disabled=index == len(scenes) - 1,
        key="scene_next",
        width="stretch",
    )
    cols[3].button(
        t("scene_exit", lang),
        on_click=_leave_presentation,
        shortcut="Esc",
        key="scene_exit",
        width="stretch",
    )
    state = replace(
        ctx.state,
        page=scene.page,
        filters=scene.filters,
        project=scene.project or ctx.state.project,
    )
    return replace(ctx, state=state)
