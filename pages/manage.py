"""Data management: editor sign-in, user indicators, registry round trip, statuses, log.

Viewers see the user indicators and the change log; only a signed-in editor gets the
upload, apply, delete, status and undo controls. Every write goes through
``geo.store`` with the session's role, which checks it again: hiding a button is not
a permission check. Nothing here writes files: everything lives in the store. Each tab
is its own module under ``pages/ui/manage_*``.
"""

from __future__ import annotations

import streamlit as st

from geo.cache import store
from geo.i18n import t
from pages.ui.context import Context
from pages.ui.manage_indicators import indicators_tab
from pages.ui.manage_log import log_tab
from pages.ui.manage_registry import registry_tab
from pages.ui.manage_session import login, show_flash
from pages.ui.manage_status import status_tab


def render(ctx: Context) -> None:
    """The page: sign-in, then the tabs this session's role may see."""
    lang = ctx.lang
    st.title(t("page_manage", lang))
    st.caption(t("manage_caption", lang))
    show_flash()
    editor = login(lang)
    atlas = store()
    names = ["manage_tab_indicators"]
    if editor:
        names += ["manage_tab_registry", "manage_tab_status"]
    else:
        st.caption(t("manage_viewer_note", lang))
    names.append("manage_tab_log")
    tabs = dict(zip(names, st.tabs([t(n, lang) for n in names]), strict=True))
    with tabs["manage_tab_indicators"]:
        indicators_tab(ctx, atlas, editor)
    if editor:
        with tabs["manage_tab_registry"]:
            registry_tab(ctx, atlas)
        with tabs["manage_tab_status"]:
            status_tab(ctx, atlas)
    with tabs["manage_tab_log"]:
        log_tab(ctx, atlas, editor)
