"""Who does what where: projects x provinces (or the reverse) under the sidebar filters."""

from __future__ import annotations

import streamlit as st

from geo.assets import page_style
from geo.cache import cached_last_change
from geo.i18n import t
from geo.matrix import build_matrix, matrix_html, matrix_table
from geo.tables import labelled
from geo.viewtext import changed_text, filters_line, log_changed, tables_bytes
from pages.ui.context import Context
from pages.ui.mapview import key_figures as show_key_figures
from pages.ui.places import place_href, place_table
from pages.ui.tables import download

TABLE_COLUMNS = {
    "project_name": "col_project",
    "province": "col_province",
    "province_pcode": "col_province_pcode",
    "units": "col_units",
    "sites": "col_sites",
    "districts": "col_districts_n",
    "items_completed": "col_items_completed",
    "items_total": "col_items_total",
    "quantity_completed": "col_quantity_completed",
    "quantity_total": "col_quantity_total",
    "units_list": "col_units_list",
}


def render(ctx: Context) -> None:
    lang, registry, filters = ctx.lang, ctx.registry, ctx.state.filters
    st.title(t("matrix_title", lang))
    changed = changed_text(None, log_changed(cached_last_change(ctx.version)), lang)
    line = filters_line(registry, filters, lang)
    st.caption(f"{t('filter_line', lang, filters=line)} · {changed}")
    matrix = build_matrix(registry, filters, lang)
    show_key_figures(ctx, matrix.totals())
    controls = st.columns([2, 2, 1], vertical_alignment="bottom")
    controls[0].segmented_control(
        t("matrix_rows", lang),
        ["project", "province"],
        format_func=lambda v: t(f"matrix_rows_{v}", lang),
        key="matrix_rows",
        required=True,
    )
    sort_by = controls[1].segmented_control(
        t("matrix_sort", lang),
        ["name", "total"],
        format_func=lambda v: t(f"matrix_sort_{v}", lang),
        key="matrix_sort",
        default="name",
        required=True,
    )
    table = labelled(matrix_table(matrix, lang), TABLE_COLUMNS, lang)
    heading = f"{t('matrix_title', lang)} — {t('filter_line', lang, filters=line)} — {changed}"
    with controls[2].popover(t("export", lang), icon=":material/download:"):
        for fmt, label in (("csv", "export_table_csv"), ("xlsx", "export_table_xlsx")):
            download(
                t(label, lang),
                lambda fmt=fmt: tables_bytes({"matrix": table}, fmt, heading),
                f"pilot-atlas-matrix-{lang}.{fmt}",
                key=f"matrix_{fmt}",
            )
    if matrix.cells.empty:
        st.warning(t("matrix_empty", lang))
    else:
        st.caption(t("matrix_caption", lang))
        st.html(page_style("matrix"))
        st.html(
            matrix_html(
                matrix,
                registry,
                lang,
                rows=st.session_state.get("matrix_rows") or "project",
                sort_by=sort_by or "name",
                link=place_href,
            )
        )
    unmapped = [p for p in matrix.projects if p not in set(matrix.cells["project"])]
    if unmapped:
        names = ", ".join(registry.projects[p].short(lang) for p in unmapped)
        st.caption(t("matrix_unmapped", lang, names=names))
    st.subheader(t("matrix_table", lang))
    st.caption(t("matrix_table_help", lang))
    place_table(table, matrix.cells["province_pcode"], key="matrix_cells")
