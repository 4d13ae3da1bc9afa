"""The management page's indicator tab: the user indicators, delete, and upload."""

from __future__ import annotations

import streamlit as st

from geo.i18n import t
from geo.manage import indicator_rows
from geo.store import Store
from geo.store.indicators import UserIndicatorMeta, delete_indicator, list_indicators
from pages.ui.context import Context
from pages.ui.manage_session import flash, role, user
from pages.ui.manage_upload import upload_indicator
from pages.ui.tables import escape_md


def indicators_tab(ctx: Context, atlas: Store, editor: bool) -> None:
    """Everyone sees the user indicators; an editor can also delete and upload."""
    lang = ctx.lang
    st.subheader(t("manage_user_indicators", lang))
    metas = list_indicators(atlas)
    if not metas:
        st.caption(t("manage_no_user_indicators", lang))
    else:
        st.caption(t("manage_user_indicators_caption", lang))
        st.dataframe(indicator_rows(metas, lang), hide_index=True, width="stretch")
    if not editor:
        return
    if metas:
        _delete_indicator(ctx, metas, atlas)
    st.subheader(t("manage_upload_title", lang))
    upload_indicator(ctx, metas, atlas)


def _delete_indicator(ctx: Context, metas: list[UserIndicatorMeta], atlas: Store) -> None:
    lang = ctx.lang
    labels = {m.id: f"{m.label(lang)} ({m.id})" for m in metas}
    with st.expander(t("manage_delete_title", lang)):
        chosen = st.selectbox(
            t("indicator", lang), list(labels), format_func=labels.get, key="delete_indicator"
        )
        sure = st.checkbox(t("manage_delete_confirm", lang), key=f"delete_sure_{chosen}")
        if st.button(t("manage_delete", lang), disabled=not sure, key="delete_button"):
            try:
                delete_indicator(atlas, chosen, user=user(), role=role())
            except (PermissionError, KeyError) as exc:
                st.error(escape_md(str(exc)))
                return
            flash("success", t("manage_deleted", lang, name=escape_md(labels[chosen])))
            st.rerun()
