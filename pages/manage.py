"""Data management: editor sign-in, user indicators, registry round trip, statuses, log.

Viewers see the user indicators and the change log; only a signed-in editor gets the
upload, apply, delete, status and undo controls. Every write goes through
``geo.store`` with the session's role, which checks it again: hiding a button is not
a permission check. Nothing here writes files: everything lives in the store.
"""

from __future__ import annotations

import os
from dataclasses import replace
from functools import partial

import pandas as pd
import streamlit as st

from geo.auth import Throttle, sign_in
from geo.cache import base_registry, store
from geo.changelog_text import describe
from geo.classify import classify
from geo.i18n import level_label, t
from geo.manage import (
    COUNT_NAMES,
    DIRECTIONS,
    RegistryPreview,
    deliverable_units,
    deliverables_at,
    indicator_meta,
    preview_registry,
    preview_values,
    reading_note,
    reading_text,
    report_counts,
    unit_names,
)
from geo.maps import SEQUENTIAL, Legend, choropleth_map
from geo.numbers import format_number
from geo.registry import RegistryError
from geo.registry_edit import read_registry_xlsx, registry_template_xlsx
from geo.store import EDITOR, Store, changelog_frame
from geo.store.indicators import (
    UserIndicatorMeta,
    delete_indicator,
    list_indicators,
    save_indicator,
)
from geo.store.registry_ops import (
    StaleEditError,
    apply_registry,
    current_files,
    status_overrides_frame,
    update_deliverable_status,
)
from geo.store.undo import UndoRefusedError, undo_change, undoable
from geo.store.undo import describe as describe_change
from geo.upload import KEY_KINDS, MAX_SUGGESTED_ROWS, MatchReport, Message, UploadError
from geo.upload_service import MatchChoice, ParsedUpload, UploadService
from pages.ui.context import Context, show_issues
from pages.ui.mapview import show_map
from pages.ui.tables import MIME, escape_md, labelled

#: Issue rows shown under an upload's match report.
MAX_SHOWN_ISSUES = 500

# --------------------------------------------------------------------------- session


def _role() -> str:
    """The session's role as every write call passes it (``"viewer"`` unless signed in)."""
    return str(st.session_state.get("role", "viewer"))


def _user() -> str:
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


def _flash(kind: str, text: str) -> None:
    """A message shown once, after the rerun that follows a write."""
    st.session_state["manage_flash"] = (kind, text)


def _show_flash() -> None:
    flash = st.session_state.pop("manage_flash", None)
    if flash:
        kind, text = flash
        {"success": st.success, "warning": st.warning, "error": st.error}.get(kind, st.info)(text)


def _bump(name: str) -> None:
    """New key for an uploader, which empties it after its file was used."""
    st.session_state[name] = int(st.session_state.get(name, 0)) + 1


def _logout() -> None:
    for key in ("role", "editor_user"):
        st.session_state.pop(key, None)


def _login(lang: str) -> bool:
    """Sign-in box (or the signed-in line); True for an editor session."""
    ss = st.session_state
    editors = _editors()
    if ss.get("role") == EDITOR and (editors is None or _user() not in editors):
        _logout()  # the account was removed from the secrets meanwhile
    if ss.get("role") == EDITOR:
        left, right = st.columns([5, 1], vertical_alignment="center")
        left.success(t("manage_signed_in", lang, user=escape_md(_user())))
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
            # The throttle is in the store: shared by every server, atomic per attempt.
            result = sign_in(username, password, st.secrets, Throttle(store()))
            if result.wait:
                st.error(t("manage_login_locked", lang, seconds=int(result.wait) + 1))
                return False
            if result.role == EDITOR:
                ss["role"] = EDITOR
                ss["editor_user"] = username.strip()
                st.rerun()
            st.error(t("manage_login_failed", lang))
    return False


# --------------------------------------------------------------------------- page


def render(ctx: Context) -> None:
    lang = ctx.lang
    st.title(t("page_manage", lang))
    st.caption(t("manage_caption", lang))
    _show_flash()
    editor = _login(lang)
    atlas = store()
    names = ["manage_tab_indicators"]
    if editor:
        names += ["manage_tab_registry", "manage_tab_status"]
    else:
        st.caption(t("manage_viewer_note", lang))
    names.append("manage_tab_log")
    tabs = dict(zip(names, st.tabs([t(n, lang) for n in names]), strict=True))
    with tabs["manage_tab_indicators"]:
        _indicators_tab(ctx, atlas, editor)
    if editor:
        with tabs["manage_tab_registry"]:
            _registry_tab(ctx, atlas)
        with tabs["manage_tab_status"]:
            _status_tab(ctx, atlas)
    with tabs["manage_tab_log"]:
        _log_tab(ctx, atlas, editor)


# --------------------------------------------------------------------------- indicators


def _direction_text(value: bool | None, lang: str) -> str:
    name = next(k for k, v in DIRECTIONS.items() if v is value)
    return t(f"manage_direction_{name}", lang)


def _indicators_tab(ctx: Context, atlas: Store, editor: bool) -> None:
    lang = ctx.lang
    st.subheader(t("manage_user_indicators", lang))
    metas = list_indicators(atlas)
    if not metas:
        st.caption(t("manage_no_user_indicators", lang))
    else:
        st.caption(t("manage_user_indicators_caption", lang))
        st.dataframe(
            pd.DataFrame(
                [
                    {
                        "id": m.id,
                        t("indicator", lang): m.label(lang),
                        t("col_level", lang): level_label(m.level, lang),
                        t("col_unit", lang): m.unit,
                        t("manage_year", lang): m.year,
                        t("manage_source", lang): m.source,
                        t("manage_direction", lang): _direction_text(m.higher_is_better, lang),
                        t("manage_created", lang): f"{m.created_at} · {m.created_by}",
                    }
                    for m in metas
                ]
            ),
            hide_index=True,
            width="stretch",
        )
    if not editor:
        return
    if metas:
        _delete_indicator(ctx, metas, atlas)
    st.subheader(t("manage_upload_title", lang))
    _upload_indicator(ctx, metas, atlas)


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
                delete_indicator(atlas, chosen, user=_user(), role=_role())
            except (PermissionError, KeyError) as exc:
                st.error(escape_md(str(exc)))
                return
            _flash("success", t("manage_deleted", lang, name=escape_md(labels[chosen])))
            st.rerun()


def _key_columns(
    frame: pd.DataFrame, kind: str, guess: dict, tag: str, lang: str
) -> list[str | None]:
    """Key column picker(s): one column, or province (+ district) names."""
    columns = list(frame.columns)
    guessed = guess["key_columns"] if guess["key_kind"] == kind else []
    if kind != "names":
        first = guessed[0] if guessed else columns[0]
        column = st.selectbox(
            t("manage_key_column", lang),
            columns,
            index=columns.index(first),
            key=f"up_key_{kind}_{tag}",
        )
        return [column]
    options = ["", *columns]
    province_default = guessed[0] if guessed else ""
    district_default = guessed[1] if len(guessed) > 1 else ""
    left, right = st.columns(2)
    province = left.selectbox(
        t("manage_province_column", lang),
        options,
        index=options.index(province_default),
        format_func=lambda c: c or "—",
        key=f"up_province_{tag}",
    )
    district = right.selectbox(
        t("manage_district_column", lang),
        options,
        index=options.index(district_default),
        format_func=lambda c: c or "—",
        key=f"up_district_{tag}",
    )
    if not province and not district:
        return []
    return [province or None, district] if district else [province]


def _upload_indicator(ctx: Context, metas: list[UserIndicatorMeta], atlas: Store) -> None:
    lang = ctx.lang
    uploaded = st.file_uploader(
        t("manage_upload_file", lang),
        type=["csv", "xlsx"],
        key=f"indicator_upload_{st.session_state.get('indicator_upload_n', 0)}",
        help=t("manage_upload_help", lang),
    )
    if uploaded is None:
        st.caption(t("manage_upload_hint", lang))
        return
    data = uploaded.getvalue()
    parsed = _parsed(data, uploaded.name, lang)
    if parsed is None or parsed.table is None:
        return
    frame, guess = parsed.table.frame, parsed.guess
    # Widget keys per file: a new file gets fresh defaults from guess_columns.
    tag = parsed.digest[:12]
    with st.expander(t("manage_upload_rows", lang, n=parsed.rows)):
        st.dataframe(frame, width="stretch")  # the first rows, as sent by the worker
    columns = list(frame.columns)
    left, right = st.columns(2)
    with left:
        kind = st.selectbox(
            t("upload_key_kind", lang),
            list(KEY_KINDS),
            index=KEY_KINDS.index(guess["key_kind"]) if guess["key_kind"] else 0,
            format_func=lambda k: t(f"upload_key_{k}", lang),
            key=f"up_kind_{tag}",
        )
        key_columns = _key_columns(frame, kind, guess, tag, lang)
    value_column = right.selectbox(
        t("manage_value_column", lang),
        columns,
        index=columns.index(guess["value_column"] or columns[-1]),
        key=f"up_value_{tag}",
    )
    if not key_columns:
        st.warning(t("manage_pick_key", lang))
        return
    choice = MatchChoice(kind, tuple(key_columns), value_column)
    report = _matched((data, uploaded.name), choice, tag, lang)
    if report is None:
        return
    _match_report(report, lang)
    if report.level is None or report.values.empty:
        st.warning(t("manage_nothing_matched", lang))
        return
    meta, replace_id = _indicator_form(report, metas, tag, lang)
    _preview_map(ctx, report, meta, tag)
    ready = report.ok and bool(meta.label_tr)
    if not report.ok:
        st.warning(t("manage_mixed_levels", lang))
    elif not meta.label_tr:
        st.caption(t("manage_need_label", lang))
    if st.button(t("manage_save", lang), type="primary", disabled=not ready, key="save_indicator"):
        try:
            saved = save_indicator(
                atlas, meta, report.values, user=_user(), role=_role(), replace=replace_id
            )
        except FileExistsError:
            st.error(t("manage_exists", lang, id=escape_md(meta.id)))
            return
        except (PermissionError, ValueError) as exc:
            st.error(f"{t('manage_save_failed', lang)}: {escape_md(str(exc))}")
            return
        _flash(
            "success",
            t("manage_saved", lang, name=escape_md(saved.label(lang)), n=len(report.values)),
        )
        _bump("indicator_upload_n")
        st.rerun()


@st.cache_resource
def _upload_service() -> UploadService:
    # One per server process: its cache and worker are shared by all sessions.
    # PILOT_ATLAS_UPLOAD_WORKER=0 keeps the work in the server (hosts without
    # subprocesses; the upload benchmark's comparison).
    return UploadService(in_process=os.environ.get("PILOT_ATLAS_UPLOAD_WORKER") == "0")


def _parsed(data: bytes, name: str, lang: str) -> ParsedUpload | None:
    """The upload read once per file (cached on its hash, in the worker); errors shown."""
    try:
        with st.spinner(t("upload_working", lang)):
            parsed = _upload_service().parse(data, name)
    except UploadError as exc:  # over the time ceiling
        st.error(escape_md(exc.text(lang)))
        return None
    if parsed.table is None:
        st.error(escape_md(parsed.error.text(lang) if parsed.error else name))
        return None
    for warning in parsed.table.warnings:
        text = warning.text(lang) if isinstance(warning, Message) else str(warning)
        st.warning(escape_md(text))
    return parsed


def _matched(
    upload: tuple[bytes, str], choice: MatchChoice, tag: str, lang: str
) -> MatchReport | None:
    """The match report for ``choice``, with the number reading the editor picked."""
    service = _upload_service()
    try:
        with st.spinner(t("upload_working", lang)):
            report = service.match(*upload, choice)
        decimal = _number_reading(report, tag, lang)
        if decimal != report.decimal:
            with st.spinner(t("upload_working", lang)):
                report = service.match(*upload, replace(choice, decimal=decimal))
    except UploadError as exc:
        st.error(escape_md(exc.text(lang)))
        return None
    except (KeyError, ValueError) as exc:
        st.error(escape_md(str(exc)))
        return None
    return report


def _number_reading(report: MatchReport, tag: str, lang: str) -> str | None:
    """Say how ambiguous numbers were read and offer the other reading; the mark chosen."""
    reading = report.reading
    if reading is None or not reading.ambiguous or reading.alternative is None:
        return report.decimal
    marks = [reading.decimal, reading.alternative]
    texts = {mark: reading_text(reading, mark, lang) for mark in marks}
    st.markdown(f"##### {t('upload_reading_title', lang)}")
    chosen = st.radio(
        t("upload_reading_choice", lang, example=escape_md(reading.example)),
        marks,
        format_func=texts.__getitem__,  # digits and our own words only
        horizontal=True,
        key=f"up_reading_{tag}",
    )
    st.info(escape_md(reading_note(reading, chosen, lang)))
    return chosen


def _match_report(report: MatchReport, lang: str) -> None:
    st.markdown(f"##### {t('manage_match_report', lang)}")
    counts = report_counts(report)
    for column, name in zip(st.columns(len(COUNT_NAMES)), COUNT_NAMES, strict=True):
        column.metric(t(f"manage_count_{name}", lang), counts[name])
    notes = []
    if report.level:
        notes.append(t("manage_level_found", lang, level=level_label(report.level, lang)))
    if report.decimal:
        notes.append(t("manage_decimal", lang, mark=report.decimal))
    if counts["missing"]:
        notes.append(t("manage_count_missing", lang, n=counts["missing"]))
    if report.out_of_range:
        notes.append(t("upload_count_out_of_range", lang, n=len(report.out_of_range)))
    if report.suggestions_capped:
        notes.append(t("upload_suggestions_capped", lang, n=MAX_SUGGESTED_ROWS))
    if notes:
        st.caption(" · ".join(notes))
    issues = report.issues_frame()
    if issues.empty:
        st.success(t("manage_no_issues", lang))
        return
    if len(issues) > MAX_SHOWN_ISSUES:
        # 20,000 unmatched rows are not read one by one; the first ones show the pattern.
        st.caption(t("upload_issues_truncated", lang, shown=MAX_SHOWN_ISSUES, total=len(issues)))
        issues = issues.head(MAX_SHOWN_ISSUES).copy()
    issues["issue"] = issues["issue"].map(lambda i: t(f"upload_issue_{i}", lang))
    st.dataframe(
        labelled(
            issues,
            {
                "row": "manage_row",
                "issue": "manage_issue",
                "key": "manage_key",
                "detail": "manage_detail",
            },
            lang,
        ),
        hide_index=True,
        width="stretch",
    )


def _indicator_form(
    report: MatchReport, metas: list[UserIndicatorMeta], tag: str, lang: str
) -> tuple[UserIndicatorMeta, bool]:
    """Label, unit, year, source, direction, id and replace: what gets saved."""
    st.markdown(f"##### {t('manage_describe', lang)}")
    left, right = st.columns(2)
    label_tr = left.text_input(t("manage_label_tr", lang), key=f"up_label_tr_{tag}")
    label_en = right.text_input(
        t("manage_label_en", lang), key=f"up_label_en_{tag}", placeholder=label_tr
    )
    c1, c2, c3 = st.columns(3)
    unit = c1.text_input(t("col_unit", lang), key=f"up_unit_{tag}")
    year = c2.number_input(
        t("manage_year", lang),
        min_value=1900,
        max_value=2100,
        value=None,
        step=1,
        key=f"up_year_{tag}",
    )
    source = c3.text_input(t("manage_source", lang), key=f"up_source_{tag}")
    direction = st.radio(
        t("manage_direction", lang),
        list(DIRECTIONS),
        format_func=lambda d: t(f"manage_direction_{d}", lang),
        index=2,
        horizontal=True,
        key=f"up_direction_{tag}",
    )
    existing = {m.id for m in metas}
    left, right = st.columns(2)
    indicator_id = left.text_input(
        t("manage_id", lang),
        key=f"up_id_{tag}",
        help=t("manage_id_help", lang),
        placeholder=indicator_meta(label_tr=label_tr, label_en="", level="province").id,
    )
    meta = indicator_meta(
        label_tr=label_tr,
        label_en=label_en,
        level=report.level or "province",
        unit=unit,
        year=None if year is None else int(year),
        source=source,
        direction=direction,
        indicator_id=indicator_id,
    )
    replace = right.checkbox(
        t("manage_replace", lang),
        key=f"up_replace_{tag}",
        value=False,
        help=t("manage_replace_help", lang),
    )
    if meta.id in existing and not replace:
        st.warning(t("manage_exists", lang, id=escape_md(meta.id)))
    return meta, replace


def _preview_map(ctx: Context, report: MatchReport, meta: UserIndicatorMeta, tag: str) -> None:
    lang = ctx.lang
    st.markdown(f"##### {t('manage_preview_map', lang)}")
    values = preview_values(report)
    classes = classify(values, "quantiles", 5, lang=lang)
    n = len(classes.labels)
    palette = list(SEQUENTIAL[max(n, 2)])[:n]
    if meta.higher_is_better:
        palette.reverse()  # darker always means more need
    name = meta.label(lang) or t("manage_preview_unnamed", lang)
    names = unit_names(report.level or "province")
    tooltips = {
        str(p): [
            str(names.get(p, p)),
            f"{name}: " + (format_number(v, lang) if pd.notna(v) else t("missing_value", lang)),
        ]
        for p, v in values.items()
    }
    legend = Legend(
        f"{name} — {meta.unit}" if meta.unit else name,
        [(palette[i], label) for i, label in enumerate(classes.labels)],
        note=t("manage_preview_note", lang, n=int(values.notna().sum()), total=len(values)),
    )
    fmap = choropleth_map(
        report.level or "province", classes.index, palette, legend, tooltips, basemap=False
    )
    show_map(fmap, f"upload_preview_{tag}", ctx)


# --------------------------------------------------------------------------- registry


def _registry_tab(ctx: Context, atlas: Store) -> None:
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
        try:
            result = apply_registry(
                atlas, preview.tables, user=_user(), role=_role(), base=preview.base
            )
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
            _flash("info", t("manage_no_changes", lang))
        else:
            _flash("success", t("manage_applied", lang, summary=escape_md(result.summary)))
        _bump("registry_upload_n")
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


# --------------------------------------------------------------------------- statuses


def _unit_text(rows: pd.DataFrame) -> str:
    first = rows.iloc[0]
    district, province = str(first.get("district") or ""), str(first.get("province") or "")
    return f"{district}, {province}" if district else province


def _status_tab(ctx: Context, atlas: Store) -> None:
    lang, registry = ctx.lang, ctx.registry
    st.subheader(t("manage_status_title", lang))
    st.caption(t("manage_status_caption", lang))
    projects = list(registry.projects)
    top, bottom = st.columns(2), st.columns(2)
    project = top[0].selectbox(
        t("col_project", lang),
        projects,
        format_func=lambda p: registry.projects[p].short(lang),
        key="status_project",
    )
    choices = deliverable_units(registry, project)
    if not choices:
        st.info(t("manage_status_none", lang))
    else:
        phases = {ph.id: ph.label(lang) for ph in registry.projects[project].phases}
        labels = {
            (phase, pcode): f"{phases.get(phase, phase)} · "
            f"{_unit_text(deliverables_at(registry, project, phase, pcode))} ({pcode})"
            for phase, pcode in choices
        }
        phase, pcode = top[1].selectbox(
            t("manage_status_unit", lang),
            choices,
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
            try:
                update_deliverable_status(
                    atlas,
                    (project, phase, pcode, deliverable),
                    new_status,
                    user=_user(),
                    role=_role(),
                )
            except (PermissionError, KeyError, ValueError) as exc:
                st.error(f"{t('manage_status_failed', lang)}: {escape_md(str(exc))}")
                return
            _flash(
                "success",
                t(
                    "manage_status_done",
                    lang,
                    deliverable=registry.deliverable_label(deliverable, lang),
                    status=registry.status_label(new_status, lang),
                ),
            )
            st.rerun()
    overrides = status_overrides_frame(atlas)
    st.markdown(f"##### {t('manage_overrides', lang)}")
    if overrides.empty:
        st.caption(t("manage_overrides_none", lang))
    else:
        st.dataframe(overrides, hide_index=True, width="stretch")


# --------------------------------------------------------------------------- change log


def _log_tab(ctx: Context, atlas: Store, editor: bool) -> None:
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
    columns = {
        "no": "changelog_no",
        "when": "changelog_when",
        "who": "changelog_who",
        "what": "changelog_what",
        "state": "changelog_state",
    }
    st.dataframe(labelled(pd.DataFrame(rows), columns, lang), hide_index=True, width="stretch")


def _refusal(exc: UndoRefusedError, lang: str) -> str:
    later = ", ".join(f"#{b}" for b in exc.blockers)
    return t(
        f"manage_undo_refused_{exc.reason}", lang, id=exc.change_id, later=later, by=exc.undone_by
    )


def _undo(lang: str, atlas: Store, ctx: Context) -> None:
    """Undo by the id the editor picked: a change saved meanwhile cannot take its place."""
    choices = {c["id"]: c for c in undoable(atlas)}
    # The change this editor picked stays the choice even if another editor's change
    # now blocks it: the click must undo what was shown, or be refused, never another.
    if st.session_state.pop("undo_done", False):
        st.session_state.pop("undo_pick", None)  # done: offer the newest again
    picked = st.session_state.get("undo_pick")
    if picked is not None and picked not in choices:
        shown = describe_change(atlas, int(picked))
        if shown is not None:
            choices = {int(picked): shown, **choices}
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
            undo_change(atlas, int(change_id), user=_user(), role=_role())
        except UndoRefusedError as exc:
            st.error(escape_md(_refusal(exc, lang)))
            return
        except PermissionError as exc:
            st.error(escape_md(str(exc)))
            return
        st.session_state["undo_done"] = True
        _flash("success", t("manage_undone", lang, id=change_id))
        st.rerun()
