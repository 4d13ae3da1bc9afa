"""The management page's session: editor sign-in, the role every write passes, flashes.

Hiding a button is not a permission check: every write in :mod:`geo.store` receives
:func:`role` and checks it again. The sign-in throttle lives in the store, so it holds
across servers.
"""

from __future__ import annotations

import streamlit as st

from geo.auth import Throttle, sign_in
from geo.cache import store
from geo.i18n import t
from geo.store import EDITOR
from pages.ui.tables import escape_md


def role() -> str:
    """The session's role as every write call passes it (``"viewer"`` unless signed in)."""
    return str(st.session_state.get("role", "viewer"))


def user() -> str:
    """The signed-in editor's name (empty for a viewer)."""
    return str(st.session_state.get("editor_user", ""))


def _editors() -> dict | None:
    """The ``[editors]`` table of the secrets, or None when there is none.

    ``st.secrets`` raises when no secrets file exists (or it does not parse); that is
    the normal state of a viewer-only deployment, not an error.
    """
    try:
        if "editors" not in st.secrets:
            return None
        return dict(st.secrets["editors"])
    except Exception:  # StreamlitSecretNotFoundError, TOML errors, a non-table value
        return None


def flash(kind: str, text: str) -> None:
    """A message shown once, after the rerun that follows a write."""
    st.session_state["manage_flash"] = (kind, text)


def show_flash() -> None:
    """Show (and forget) the message :func:`flash` left for this rerun."""
    pending = st.session_state.pop("manage_flash", None)
    if pending:
        kind, text = pending
        {"success": st.success, "warning": st.warning, "error": st.error}.get(kind, st.info)(text)


def bump(name: str) -> None:
    """New key for an uploader, which empties it after its file was used."""
    st.session_state[name] = int(st.session_state.get(name, 0)) + 1


def _logout() -> None:
    for key in ("role", "editor_user"):
        st.session_state.pop(key, None)


def login(lang: str) -> bool:
    """Sign-in box (or the signed-in line); True for an editor session."""
    ss = st.session_state
    editors = _editors()
    if ss.get("role") == EDITOR and (editors is None or user() not in editors):
        _logout()  # the account was removed from the secrets meanwhile
    if ss.get("role") == EDITOR:
        left, right = st.columns([5, 1], vertical_alignment="center")
        left.success(t("manage_signed_in", lang, user=escape_md(user())))
        right.button(t("manage_logout", lang), on_click=_logout, key="logout", width="stretch")
        return True
    if editors is None:
        st.info(t("manage_no_editors", lang))
        return False
    box, _ = st.columns([2, 3])
    with box.expander(t("manage_login_title", lang), expanded=True):
        with st.form("login", clear_on_submit=True, border=False):
            username = st.text_input(t("manage_username", lang), key="login_user")
            password = st.text_input(
                t("manage_password", lang), type="password", key="login_password"
            )
            submitted = st.form_submit_button(t("manage_login", lang), key="login_submit")
        if submitted:
            _sign_in(username, password, lang)
    return False


def _sign_in(username: str, password: str, lang: str) -> None:
    # The throttle is in the store: shared by every server, atomic per attempt.
    result = sign_in(username, password, st.secrets, Throttle(store()))
    if result.wait:
        st.error(t("manage_login_locked", lang, seconds=int(result.wait) + 1))
        return
    if result.role == EDITOR:
        st.session_state["role"] = EDITOR
        st.session_state["editor_user"] = username.strip()
        st.rerun()
    st.error(t("manage_login_failed", lang))
