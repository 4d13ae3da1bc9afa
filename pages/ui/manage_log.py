"""The management page's change-log tab: the log in words, and undo for editors."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from geo.changelog_text import describe
from geo.i18n import t
from geo.store import Store, changelog_frame
from geo.store.undo import UndoRefusedError, undo_change, undoable
from geo.store.undo import describe as describe_change
from geo.tables import labelled
from pages.ui.context import Context
from pages.ui.manage_session import flash, role, user
from pages.ui.tables import escape_md

#: Change-log columns shown, with their label keys.
LOG_COLUMNS = {
    "no": "changelog_no",
    "when": "changelog_when",
    "who": "changelog_who",
    "what": "changelog_what",
    "state": "changelog_state",
}


def log_tab(ctx: Context, atlas: Store, editor: bool) -> None:
    """The change log, newest first; an editor also gets the undo box above it."""
    lang = ctx.lang
    st.subheader(t("manage_log_title", lang))
    if editor:
        _undo(lang, atlas, ctx)
    log = changelog_frame(atlas)
    if log.empty:
        st.caption(t("manage_log_empty", lang))
        return
    # Who, when and what in words (geo.changelog_text), never raw ids or "None".
    rows = [describe(row, lang, ctx.registry) for row in log.to_dict("records")]
    st.dataframe(labelled(pd.DataFrame(rows), LOG_COLUMNS, lang), hide_index=True, width="stretch")


def _refusal(exc: UndoRefusedError, lang: str) -> str:
    later = ", ".join(f"#{b}" for b in exc.blockers)
    return t(
        f"manage_undo_refused_{exc.reason}", lang, id=exc.change_id, later=later, by=exc.undone_by
    )


def _undo_choices(atlas: Store) -> dict:
    """Undoable changes by id, keeping the one this editor picked even if now blocked."""
    choices = {c["id"]: c for c in undoable(atlas)}
    # The click must undo what was shown, or be refused, never another change.
    if st.session_state.pop("undo_done", False):
        st.session_state.pop("undo_pick", None)  # done: offer the newest again
    picked = st.session_state.get("undo_pick")
    if picked is not None and picked not in choices:
        shown = describe_change(atlas, int(picked))
        if shown is not None:
            choices = {int(picked): shown, **choices}
    return choices


def _undo(lang: str, atlas: Store, ctx: Context) -> None:
    """Undo by the id the editor picked: a change saved meanwhile cannot take its place."""
    choices = _undo_choices(atlas)
    if not choices:
        st.caption(t("manage_undo_none", lang))
        return
    change_id = st.selectbox(
        t("manage_undo_pick", lang),
        list(choices),
        # The same words as the log below: when, who and what, never machine text.
        format_func=lambda i: t(
            "manage_undo_choice", lang, **describe(choices[i], lang, ctx.registry)
        ),
        help=t("manage_undo_help", lang),
        key="undo_pick",
    )
    if st.button(t("manage_undo", lang), key="undo_button", icon=":material/undo:"):
        try:
            undo_change(atlas, int(change_id), user=user(), role=role())
        except UndoRefusedError as exc:
            st.error(escape_md(_refusal(exc, lang)))
            return
        except PermissionError as exc:
            st.error(escape_md(str(exc)))
            return
        st.session_state["undo_done"] = True
        flash("success", t("manage_undone", lang, id=change_id))
        st.rerun()
