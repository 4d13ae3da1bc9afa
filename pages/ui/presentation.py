"""Presentation mode: sidebar hidden, everything larger, a scene bar with shortcuts."""

from __future__ import annotations

from dataclasses import replace

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from geo.assets import PRESENT_JS_URL
from geo.i18n import t
from pages.ui.context import Context
from pages.ui.mapframe import FRAME_TITLE
from pages.ui.tables import escape_md

#: Everything on a projector fits the screen (1920×1080 down to 1366×768): the map's frame
#: takes the height the scene bar, title and figures leave (``--atlas-chrome``, set per
#: scene in :func:`presentation`), and the map inside always fills its frame.
PRESENTATION_CSS = """
<style>
section[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"],
[data-testid="stExpandSidebarButton"], header[data-testid="stHeader"] { display: none !important; }
.block-container { max-width: 100% !important; padding: 0.5rem 2rem 0 !important; }
[data-testid="stMarkdownContainer"] p, [data-testid="stMarkdownContainer"] li {
  font-size: 1.2rem; }
[data-testid="stMetricValue"] { font-size: 2.3rem !important; line-height: 1.1 !important; }
[data-testid="stMetricValue"] p { font-size: 2.3rem !important; line-height: 1.1 !important; }
[data-testid="stMetricLabel"] p { font-size: 1.05rem !important; }
h1 { font-size: 2.3rem !important; padding: 0.2rem 0 !important; }
iframe[title="FRAME"] {
  height: calc(100vh - var(--atlas-chrome, 330px)) !important; min-height: 300px;
  width: 100% !important; }
/* Until the switch's run has ended, the row of browsing (map and side column) stays and
   Streamlit keeps the frame's width: with these rules the map takes the whole width at
   once, and is framed once, not again a moment after it is drawn. */
[data-testid="stHorizontalBlock"]:has(iframe[title="FRAME"])
  > [data-testid="stColumn"]:not(:has(iframe[title="FRAME"])) { display: none !important; }
[data-testid="stColumn"]:has(iframe[title="FRAME"]) {
  width: 100% !important; flex: 1 1 100% !important; }
@media (max-width: 640px) {
  /* A shared scene link opened on a phone: three cards to a row and the scene list on a
     row of its own above the three buttons, instead of one column a few screens long. */
  [data-testid="stHorizontalBlock"] { flex-wrap: wrap !important; gap: 0.4rem !important; }
  [data-testid="stHorizontalBlock"] > [data-testid="stColumn"] {
    min-width: calc(33% - 0.4rem) !important; flex: 1 1 calc(33% - 0.4rem) !important; }
  [data-testid="stHorizontalBlock"] > [data-testid="stColumn"]:has(.st-key-scene) {
    min-width: 100% !important; flex-basis: 100% !important; order: -1; }
  [data-testid="stMetricValue"], [data-testid="stMetricValue"] p {
    font-size: 1.4rem !important; }
  [data-testid="stMetricLabel"] p { font-size: 0.8rem !important; white-space: normal !important; }
  h1 { font-size: 1.6rem !important; }
  .block-container { padding: 0.5rem 0.75rem 0 !important; }
  /* No keyboard on a phone: the key hints give their room to the button labels. */
  [class*="st-key-scene_"] button kbd { display: none; }
  [class*="st-key-scene_"] button p { font-size: 0.95rem !important; }
  /* A third of a phone is too narrow for "Leave presentation" on one line. */
  [class*="st-key-scene_"] button p, [class*="st-key-scene_"] button div {
    white-space: normal !important; overflow: visible !important;
    text-overflow: clip !important; }
}
</style>
""".replace("FRAME", FRAME_TITLE)
#: ← / → / Esc press the scene bar's buttons whatever holds the focus (static/atlas/present.js);
#: the element holding the script takes no room.
KEYS_HTML = (
    "<style>[data-testid=stElementContainer]:has(script[src*='atlas/present.js'])"
    " {{ display: none; }}</style>"
    '<script src="{url}"></script>'
)
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
    bar.html(PRESENTATION_CSS + f"<style>:root {{ --atlas-chrome: {chrome}px; }}</style>")
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
