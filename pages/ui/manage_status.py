"""The management page's status tab: set one deliverable's status, list the overrides."""

from __future__ import annotations

import streamlit as st

from geo.i18n import t
from geo.manage import deliverables_at, status_unit_labels
from geo.registry import Registry
from geo.store import Store
from geo.store.registry_ops import status_overrides_frame, update_deliverable_status
from pages.ui.context import Context
from pages.ui.manage_session import flash, role, user
from pages.ui.tables import escape_md


def status_tab(ctx: Context, atlas: Store) -> None:
    """Project → unit → deliverable → new status pickers, then the stored overrides."""
    lang, registry = ctx.lang, ctx.registry
    st.subheader(t("manage_status_title", lang))
    st.caption(t("manage_status_caption", lang))
    _status_picker(registry, atlas, lang)
    overrides = status_overrides_frame(atlas)
    st.markdown(f"##### {t('manage_overrides', lang)}")
    if overrides.empty:
        st.caption(t("manage_overrides_none", lang))
    else:
        st.dataframe(overrides, hide_index=True, width="stretch")


def _status_picker(registry: Registry, atlas: Store, lang: str) -> None:
    top, bottom = st.columns(2), st.columns(2)
    project = top[0].selectbox(
        t("col_project", lang),
        list(registry.projects),
        format_func=lambda p: registry.projects[p].short(lang),
        key="status_project",
    )
    labels = status_unit_labels(registry, project, lang)
    if not labels:
        st.info(t("manage_status_none", lang))
        return
    phase, pcode = top[1].selectbox(
        t("manage_status_unit", lang),
        list(labels),
        format_func=labels.get,
        key=f"status_unit_{project}",
    )
    rows = deliverables_at(registry, project, phase, pcode)
    current = dict(zip(rows["deliverable"], rows["status"], strict=True))
    deliverable = bottom[0].selectbox(
        t("col_deliverable", lang),
        list(current),
        format_func=lambda d: (
            f"{registry.deliverable_label(d, lang)} — {registry.status_label(current[d], lang)}"
        ),
        key=f"status_deliverable_{project}_{phase}_{pcode}",
    )
    statuses = list(registry.vocabulary["statuses"])
    new_status = bottom[1].selectbox(
        t("manage_status_new", lang),
        statuses,
        index=statuses.index(current[deliverable]),
        format_func=lambda s: registry.status_label(s, lang),
        key=f"status_new_{project}_{phase}_{pcode}_{deliverable}",
    )
    if st.button(
        t("manage_status_update", lang),
        type="primary",
        disabled=new_status == current[deliverable],
        key="status_update",
    ):
        _update((project, phase, pcode, deliverable), new_status, registry, atlas, lang)


def _update(
    key: tuple[str, str, str, str], new_status: str, registry: Registry, atlas: Store, lang: str
) -> None:
    try:
        update_deliverable_status(atlas, key, new_status, user=user(), role=role())
    except (PermissionError, KeyError, ValueError) as exc:
        st.error(f"{t('manage_status_failed', lang)}: {escape_md(str(exc))}")
        return
    deliverable = registry.deliverable_label(key[3], lang)
    status = registry.status_label(new_status, lang)
    flash("success", t("manage_status_done", lang, deliverable=deliverable, status=status))
    st.rerun()
