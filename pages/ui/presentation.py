"""Presentation mode: sidebar hidden, everything larger, a scene bar with shortcuts."""

from __future__ import annotations

from dataclasses import replace

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from geo.assets import PRESENT_JS_URL, page_style
from geo.i18n import t
from pages.ui.context import Context
from pages.ui.mapframe import ask_widgets_after_map
from pages.ui.tables import escape_md

#: Sidebar hidden, everything larger, the map's frame as tall as the scene leaves room
#: for (``static/page/present.css``, which reads ``--atlas-chrome``).
PRESENTATION_STYLE = page_style("present")
#: ← / → / Esc press the scene bar's buttons whatever holds the focus
#: (static/atlas/present.js); present.css hides the element holding the script.
KEYS_HTML = '<script src="{url}"></script>'
#: Height (px) of what stands above and around the map, per scene kind.
#: Measured in Chromium at 1920x1080 and 1366x768 (the frame's top plus a margin of ~20 px
#: for a title that wraps); see tests/test_browser_present.py.
CHROME = {"start": 250, "project": 290, "phase": 290, "province": 345}


def _step_scene(delta: int, count: int) -> None:
    current = int(st.session_state.get("scene", 0))
    st.session_state["scene"] = min(count - 1, max(0, current + delta))


def _leave_presentation() -> None:
    st.session_state["present"] = False
    st.session_state["scene"] = 0
    ask_widgets_after_map()  # the map first, then the sidebar's widgets


def presentation(ctx: Context, bar: DeltaGenerator) -> Context:
    """In presentation mode: hide the sidebar, enlarge, show the scene bar in ``bar``,
    apply the scene.

    The widgets' own filters are untouched, so leaving restores the previous view.
    """
    if not ctx.present:
        return ctx
    from geo.cache import cached_scenes

    lang = ctx.lang
    scenes = cached_scenes(ctx.version, ctx.filters_key, ctx.state.page)
    index = min(max(int(st.session_state.get("scene", 0)), 0), len(scenes) - 1)
    st.session_state["scene"] = index
    scene = scenes[index]
    chrome = CHROME.get(scene.kind, 330)
    if scene.kind == "project" and scene.project and _is_national(ctx, scene.project):
        chrome += 60  # the scope note and the source line around the figures
    bar.html(PRESENTATION_STYLE + f"<style>:root {{ --atlas-chrome: {chrome}px; }}</style>")
    bar.html(KEYS_HTML.format(url=PRESENT_JS_URL), unsafe_allow_javascript=True)
    cols = bar.columns([1, 4, 1, 1.3], vertical_alignment="center")
    cols[0].button(
        f"◀ {t('scene_prev', lang)}",
        on_click=_step_scene,
        args=(-1, len(scenes)),
        shortcut="Left",
        disabled=index == 0,
        key="scene_prev",
        width="stretch",
    )
    cols[1].selectbox(
        t("scene_list", lang),
        range(len(scenes)),
        format_func=lambda i: f"{scenes[i].label(i, lang)}  ·  {i + 1} / {len(scenes)}",
        key="scene",
        label_visibility="collapsed",
        help=t("scene_list_help", lang),
    )
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
    return replace(ctx, state=state, scene=scene)


def _is_national(ctx: Context, project: str) -> bool:
    from geo.national import is_national

    return is_national(ctx.registry, project)


def scene_summary(ctx: Context) -> None:
    """Under a province scene's title: the project-phases there and key indicators."""
    scene = ctx.scene
    if scene is None or scene.province is None:
        return
    from geo.scenes import province_summary

    lang = ctx.lang
    summary = province_summary(ctx.registry, scene.province, lang)
    if summary.pairs:
        pairs = "; ".join(f"**{escape_md(p)}**" for p in summary.pairs)
        st.markdown(f"{t('scene_projects_here', lang)}: {pairs}")
    cols = st.columns(max(len(summary.figures), 1))
    for col, (label, value) in zip(cols, summary.figures, strict=False):
        col.metric(label, value)
    if summary.citations:
        st.caption(f"{t('source_line', lang)}: " + "; ".join(summary.citations))
