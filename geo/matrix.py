"""Who does what where: projects x provinces, each cell the units and deliverables there.

Built from the same filtered views as the overview (:func:`geo.views.site_view` and
:func:`geo.views.deliverable_view`), so its totals are the overview's key figures under
the same filters. Pure; the page renders :func:`matrix_html` and the long table.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from geo.i18n import fmt_number, t
from geo.names import name_key
from geo.registry import Registry
from geo.views import Filters, KeyFigures, deliverable_view, selected_projects, site_view

CELL_COLUMNS = [
    "project",
    "project_name",
    "province_pcode",
    "province",
    "sites",
    "units",
    "districts",
    "items_total",
    "items_completed",
    "quantity_total",
    "quantity_completed",
    "units_list",
    "detail",
]
#: Cell shading by number of units (1, 2, 3+), light to dark; text stays readable on each.
CELL_SHADES = ("#e3f2fd", "#90caf9", "#42a5f5")


@dataclass(frozen=True)
class Matrix:
    """Cells of the matrix (long form) and the projects shown as rows.

    ``cells`` has one row per (project, province) with at least one site; ``projects``
    also lists the selected projects without mapped units when no unit-based filter is
    set (the overview counts those too). ``district_pcodes`` are the districts with a
    district-level site, for the district total.
    """

    cells: pd.DataFrame
    projects: list[str]
    district_pcodes: frozenset[str]

    def totals(self) -> KeyFigures:
        """The matrix's totals, named as the overview's key figures."""
        return KeyFigures(
            projects=len(self.projects),
            provinces=int(self.cells["province_pcode"].nunique()),
            districts=len(self.district_pcodes),
            sites=int(self.cells["sites"].sum()),
            quantity_completed=int(self.cells["quantity_completed"].sum()),
            quantity_total=int(self.cells["quantity_total"].sum()),
            items_completed=int(self.cells["items_completed"].sum()),
            items_total=int(self.cells["items_total"].sum()),
        )


def _unit_label(row: pd.Series) -> str:
    return str(row["district"]) if row["level"] == "district" else str(row["province"])


def _cell_detail(sites: pd.DataFrame, items: pd.DataFrame, lang: str) -> str:
    """Hover text of a cell: each unit with its phase, then its deliverables and quantities."""
    lines = []
    for _, site in sites.iterrows():
        lines.append(f"{_unit_label(site)} — {site['phase_label']}")
        own = items[(items["pcode"] == site["pcode"]) & (items["phase"] == site["phase"])]
        for _, item in own.iterrows():
            qty = fmt_number(int(item["quantity"]), lang)
            lines.append(f"  {qty} × {item['deliverable_label']} ({item['status_label']})")
    return "\n".join(lines)


def build_matrix(registry: Registry, filters: Filters, lang: str = "tr") -> Matrix:
    """The who-does-what-where matrix under ``filters`` (cells in registry/name order)."""
    view = site_view(registry, filters, lang)
    items = deliverable_view(registry, filters, lang)
    items = items.assign(province_pcode=items["pcode"].str[:6])
    rows = []
    for (pid, province), sites in view.groupby(["project", "province_pcode"], sort=False):
        own = items[(items["project"] == pid) & (items["province_pcode"] == province)]
        rows.append(
            {
                "project": pid,
                "project_name": registry.projects[str(pid)].short(lang),
                "province_pcode": province,
                "province": sites["province"].iloc[0],
                "sites": len(sites),
                "units": sites["pcode"].nunique(),
                "districts": int(sites.loc[sites["level"] == "district", "pcode"].nunique()),
                "items_total": len(own),
                "items_completed": int((own["status"] == "completed").sum()),
                "quantity_total": int(own["quantity"].sum()),
                "quantity_completed": int(own.loc[own["status"] == "completed", "quantity"].sum()),
                "units_list": ", ".join(dict.fromkeys(_unit_label(r) for _, r in sites.iterrows())),
                "detail": _cell_detail(sites, own, lang),
            }
        )
    cells = pd.DataFrame(rows, columns=CELL_COLUMNS)
    unit_filters = filters.provinces or filters.phases or filters.statuses
    if unit_filters or filters.year is not None:
        projects = list(dict.fromkeys(cells["project"]))
    else:
        projects = selected_projects(registry, filters)
    order = {p: i for i, p in enumerate(registry.projects)}
    projects.sort(key=order.__getitem__)
    districts = frozenset(view.loc[view["level"] == "district", "pcode"])
    return Matrix(cells=cells, projects=projects, district_pcodes=districts)


def _axes(matrix: Matrix, registry: Registry, lang: str, rows: str) -> tuple[list, list]:
    provinces = (
        matrix.cells.drop_duplicates("province_pcode")
        .set_index("province_pcode")["province"]
        .to_dict()
    )
    province_axis = sorted(provinces.items(), key=lambda kv: name_key(kv[1]))
    project_axis = [(p, registry.projects[p].short(lang)) for p in matrix.projects]
    if rows == "province":
        return province_axis, project_axis
    return project_axis, province_axis


def sort_axis(
    axis: list[tuple[str, str]], totals: dict[str, int], by: str
) -> list[tuple[str, str]]:
    """Order an axis by ``"name"`` (as given) or by ``"total"`` (largest first)."""
    if by == "total":
        return sorted(axis, key=lambda kv: -totals.get(kv[0], 0))
    return axis


def matrix_html(
    matrix: Matrix,
    registry: Registry,
    lang: str,
    *,
    rows: str = "project",
    sort_by: str = "name",
    link: Callable[[str, str], str] | None = None,
) -> str:
    """The matrix as an HTML table: units and deliverable items per cell, details on hover.

    ``link(pcode, project)`` gives each cell's target (the place profile filtered to
    that project); without it cells are plain text. Every value is HTML-escaped.
    """
    row_axis, col_axis = _axes(matrix, registry, lang, rows)
    key_row, key_col = (
        ("province_pcode", "project") if rows == "province" else ("project", "province_pcode")
    )
    cells = {(r[key_row], r[key_col]): r for _, r in matrix.cells.iterrows()}
    row_totals = matrix.cells.groupby(key_row)["units"].sum().to_dict()
    col_totals = matrix.cells.groupby(key_col)["units"].sum().to_dict()
    row_axis = sort_axis(row_axis, row_totals, sort_by)
    col_axis = sort_axis(col_axis, col_totals, sort_by)
    esc = html.escape
    head = "".join(f'<th scope="col"><span>{esc(name)}</span></th>' for _, name in col_axis)
    body = []
    for rid, rname in row_axis:
        tds = [_cell_html(cells.get((rid, cid)), lang, link) for cid, _ in col_axis]
        total = fmt_number(int(row_totals.get(rid, 0)), lang)
        body.append(
            f'<tr><th scope="row">{esc(rname)}</th>{"".join(tds)}<td class="tot">{total}</td></tr>'
        )
    foot = "".join(
        f'<td class="tot">{fmt_number(int(col_totals.get(cid, 0)), lang)}</td>'
        for cid, _ in col_axis
    )
    grand = fmt_number(int(matrix.cells["units"].sum()), lang)
    return (
        f'<div class="atlas-matrix"><table><thead><tr><th></th>{head}'
        f'<th scope="col">{esc(t("matrix_total", lang))}</th></tr></thead>'
        f"<tbody>{''.join(body)}</tbody>"
        f'<tfoot><tr><th scope="row">{esc(t("matrix_total", lang))}</th>{foot}'
        f'<td class="tot">{grand}</td></tr></tfoot></table></div>'
    )


def _cell_html(cell: pd.Series | None, lang: str, link: Callable | None) -> str:
    """One ``<td>``: units in bold, items small, shaded by units, details on hover."""
    if cell is None:
        return "<td></td>"
    esc = html.escape
    shade = CELL_SHADES[min(int(cell["units"]), 3) - 1]
    text = (
        f"<b>{fmt_number(int(cell['units']), lang)}</b>"
        f"<small>{fmt_number(int(cell['items_total']), lang)}</small>"
    )
    hover = t(
        "matrix_cell_hover",
        lang,
        units=cell["units"],
        items=cell["items_total"],
        quantity=cell["quantity_total"],
    )
    title = esc(f"{cell['project_name']} · {cell['province']}\n{hover}\n{cell['detail']}")
    if link is not None:
        pcode = cell["province_pcode"]
        text = f'<a href="{esc(link(pcode, cell["project"]))}" target="_self">{text}</a>'
    return f'<td style="background:{shade}" title="{title}">{text}</td>'


def matrix_table(matrix: Matrix, lang: str) -> pd.DataFrame:
    """The cells as a long, sortable table for display and export (CSV/XLSX)."""
    return matrix.cells[
        [
            "project_name",
            "province",
            "province_pcode",
            "units",
            "sites",
            "districts",
            "items_completed",
            "items_total",
            "quantity_completed",
            "quantity_total",
            "units_list",
        ]
    ].reset_index(drop=True)
