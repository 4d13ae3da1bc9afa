"""Upload of a user indicator: file → columns → match report → description → map → save.

Reading and matching run in the upload worker (:class:`geo.upload_service.UploadService`),
once per file (cached on its hash), so a rerun or another session never repeats them.
"""

from __future__ import annotations

import os
from dataclasses import replace

import pandas as pd
import streamlit as st

from geo.i18n import t
from geo.manage import (
    COUNT_NAMES,
    DIRECTIONS,
    ISSUE_COLUMNS,
    indicator_meta,
    preview_map,
    reading_note,
    reading_text,
    report_counts,
    report_notes,
    shown_issues,
)
from geo.store import Store
from geo.store.indicators import UserIndicatorMeta, save_indicator
from geo.tables import labelled
from geo.upload import KEY_KINDS, MatchReport, Message, UploadError
from geo.upload_service import MatchChoice, ParsedUpload, UploadService
from pages.ui.context import Context
from pages.ui.manage_session import bump, flash, role, user
from pages.ui.mapview import show_map
from pages.ui.tables import escape_md


def upload_indicator(ctx: Context, metas: list[UserIndicatorMeta], atlas: Store) -> None:
    """The whole upload flow; the save button is live only for a complete, named match."""
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
    # Widget keys per file: a new file gets fresh defaults from guess_columns.
    tag = parsed.digest[:12]
    with st.expander(t("manage_upload_rows", lang, n=parsed.rows)):
        st.dataframe(parsed.table.frame, width="stretch")  # the first rows, from the worker
    choice = _column_choice(parsed, tag, lang)
    if choice is None:
        st.warning(t("manage_pick_key", lang))
        return
    report = _matched((data, uploaded.name), choice, tag, lang)
    if report is None:
        return
    _match_report(report, lang)
    if report.level is None or report.values.empty:
        st.warning(t("manage_nothing_matched", lang))
        return
    meta, replace_id = _indicator_form(report, metas, tag, lang)
    st.markdown(f"##### {t('manage_preview_map', lang)}")
    show_map(preview_map(report, meta, lang), f"upload_preview_{tag}", ctx)
    _save_button(atlas, report, meta, replace_id, lang)


def _column_choice(parsed: ParsedUpload, tag: str, lang: str) -> MatchChoice | None:
    """Key kind, key column(s) and value column, defaulting to the worker's guess."""
    assert parsed.table is not None
    frame, guess = parsed.table.frame, parsed.guess
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
        return None
    return MatchChoice(kind, tuple(key_columns), value_column)


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
    left, right = st.columns(2)
    province = left.selectbox(
        t("manage_province_column", lang),
        options,
        index=options.index(guessed[0] if guessed else ""),
        format_func=lambda c: c or "—",
        key=f"up_province_{tag}",
    )
    district = right.selectbox(
        t("manage_district_column", lang),
        options,
        index=options.index(guessed[1] if len(guessed) > 1 else ""),
        format_func=lambda c: c or "—",
        key=f"up_district_{tag}",
    )
    if not province and not district:
        return []
    return [province or None, district] if district else [province]


def _save_button(
    atlas: Store, report: MatchReport, meta: UserIndicatorMeta, replace_id: bool, lang: str
) -> None:
    ready = report.ok and bool(meta.label_tr)
    if not report.ok:
        st.warning(t("manage_mixed_levels", lang))
    elif not meta.label_tr:
        st.caption(t("manage_need_label", lang))
    if not st.button(
        t("manage_save", lang), type="primary", disabled=not ready, key="save_indicator"
    ):
        return
    try:
        saved = save_indicator(
            atlas, meta, report.values, user=user(), role=role(), replace=replace_id
        )
    except FileExistsError:
        st.error(t("manage_exists", lang, id=escape_md(meta.id)))
        return
    except (PermissionError, ValueError) as exc:
        st.error(f"{t('manage_save_failed', lang)}: {escape_md(str(exc))}")
        return
    name = escape_md(saved.label(lang))
    flash("success", t("manage_saved", lang, name=name, n=len(report.values)))
    bump("indicator_upload_n")
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
    notes = report_notes(report, lang)
    if notes:
        st.caption(" · ".join(notes))
    issues, total = shown_issues(report, lang)
    if issues.empty:
        st.success(t("manage_no_issues", lang))
        return
    if total > len(issues):
        st.caption(t("upload_issues_truncated", lang, shown=len(issues), total=total))
    st.dataframe(labelled(issues, ISSUE_COLUMNS, lang), hide_index=True, width="stretch")


def _indicator_form(
    report: MatchReport, metas: list[UserIndicatorMeta], tag: str, lang: str
) -> tuple[UserIndicatorMeta, bool]:
    """Label, unit, year, source, direction, id and replace: what gets saved."""
    st.markdown(f"##### {t('manage_describe', lang)}")
    fields = _description(tag, lang)
    left, right = st.columns(2)
    indicator_id = left.text_input(
        t("manage_id", lang),
        key=f"up_id_{tag}",
        help=t("manage_id_help", lang),
        placeholder=indicator_meta(label_tr=fields["label_tr"], label_en="", level="province").id,
    )
    meta = indicator_meta(**fields, level=report.level or "province", indicator_id=indicator_id)
    replace_id = right.checkbox(
        t("manage_replace", lang),
        key=f"up_replace_{tag}",
        value=False,
        help=t("manage_replace_help", lang),
    )
    if meta.id in {m.id for m in metas} and not replace_id:
        st.warning(t("manage_exists", lang, id=escape_md(meta.id)))
    return meta, replace_id


def _description(tag: str, lang: str) -> dict:
    """The labels, unit, year, source and direction the editor typed."""
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
    return {
        "label_tr": label_tr,
        "label_en": label_en,
        "unit": unit,
        "year": None if year is None else int(year),
        "source": source,
        "direction": direction,
    }
