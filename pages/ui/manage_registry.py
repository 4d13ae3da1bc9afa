"""The management page's registry tab: template, upload, validation, diff, apply.

:func:`geo.manage.preview_registry` checks and diffs the workbook without writing;
:func:`geo.store.registry_ops.apply_registry` checks again before it writes, so a
crafted apply that skips the preview is refused the same way.
"""

from __future__ import annotations

from functools import partial

import streamlit as st

from geo.cache import base_registry
from geo.i18n import t
from geo.manage import RegistryPreview, preview_registry
from geo.registry import RegistryError
from geo.registry_edit import read_registry_xlsx, registry_template_xlsx
from geo.store import Store
from geo.store.registry_ops import StaleEditError, apply_registry, current_files
from geo.upload import UploadError
from pages.ui.context import Context, show_issues
from pages.ui.manage_session import bump, flash, role, user
from pages.ui.tables import MIME, escape_md


def registry_tab(ctx: Context, atlas: Store) -> None:
    """Template download, workbook upload, its validation and diff, and the apply button."""
    lang = ctx.lang
    st.subheader(t("manage_registry_title", lang))
    st.caption(t("manage_registry_caption", lang))
    registry = base_registry() or ctx.registry
    st.download_button(
        t("manage_template_download", lang),
        partial(registry_template_xlsx, registry),
        "pilot-atlas-registry.xlsx",
        MIME["xlsx"],
        key="registry_template",
        on_click="ignore",
        icon=":material/download:",
    )
    uploaded = st.file_uploader(
        t("manage_registry_upload", lang),
        type=["xlsx"],
        key=f"registry_upload_{st.session_state.get('registry_upload_n', 0)}",
    )
    if uploaded is None:
        return
    try:
        tables = read_registry_xlsx(uploaded.getvalue(), uploaded.name)
    except UploadError as exc:
        st.error(escape_md(exc.text(lang)))
        return
    preview = preview_registry(current_files(atlas), tables)
    _registry_report(preview, lang)
    if st.button(
        t("manage_apply", lang),
        type="primary",
        disabled=not preview.can_apply,
        key="registry_apply",
        help=None if preview.can_apply else t("manage_apply_disabled", lang),
    ):
        _apply(atlas, preview, lang)


def _apply(atlas: Store, preview: RegistryPreview, lang: str) -> None:
    try:
        result = apply_registry(atlas, preview.tables, user=user(), role=role(), base=preview.base)
    except RegistryError as exc:
        st.error(t("manage_registry_invalid", lang, n=len(exc.issues)))
        show_issues(exc.issues)
        return
    except StaleEditError as exc:
        st.error(t("manage_apply_stale", lang, files=", ".join(exc.files)))
        return
    except (PermissionError, ValueError, OSError) as exc:
        st.error(f"{t('manage_apply_failed', lang)}: {escape_md(str(exc))}")
        return
    if result.change_id is None:
        flash("info", t("manage_no_changes", lang))
    else:
        flash("success", t("manage_applied", lang, summary=escape_md(result.summary)))
    bump("registry_upload_n")
    st.rerun()


def _registry_report(preview: RegistryPreview, lang: str) -> None:
    st.markdown(f"##### {t('manage_validation', lang)}")
    if preview.issues:
        st.error(t("manage_registry_invalid", lang, n=len(preview.issues)))
        show_issues(preview.issues)
    else:
        st.success(t("manage_registry_valid", lang))
    st.markdown(f"##### {t('manage_changes', lang)}")
    if not preview.changed:
        st.info(t("manage_no_changes", lang))
    for name, diff in preview.diffs.items():
        if diff.empty:
            continue
        counts = preview.counts(name)
        st.markdown(
            f"**{name}.csv** · "
            + t("manage_diff_counts", lang, **counts)  # numbers only: no escaping needed
        )
        shown = diff.copy()
        shown["change"] = shown["change"].map(lambda c: t(f"manage_change_{c}", lang))
        st.dataframe(
            shown.rename(
                columns={
                    "change": t("manage_change", lang),
                    "field": t("manage_field", lang),
                    "old": t("manage_old", lang),
                    "new": t("manage_new", lang),
                }
            ),
            hide_index=True,
            width="stretch",
        )
