"""Export the registry and indicators as CSV, XLSX or GeoJSON.

Command line::

    python -m geo.export {projects,sites,deliverables,indicators,sources} \
        [--format csv|xlsx|geojson] [--out FILE] [--lang tr|en] \
        [--level district|province|region]

CSV goes to standard output by default (UTF-8). The dashboard's download buttons call
the same functions (:func:`export_table`, :func:`to_bytes`), so a file downloaded from
the app equals the one this command writes for the same filters.

``indicators`` has one row per unit of ``--level`` (``region``: one per NUTS-2 code) and
one column per indicator, named by its id, which carries the edition or year
(``sege2017_score``, ``gdp_pc_usd_2024``). ``sources`` lists, per indicator of the level,
its publisher, edition, data year and caveat; XLSX files of ``indicators`` carry it as a
second sheet and GeoJSON files as a top-level ``sources`` member.
"""

from __future__ import annotations

import argparse
import io
import json
import sys
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

import geopandas as gpd
import numpy as np
import pandas as pd

from geo import indicators, user_catalog
from geo.boundaries import provinces_table, regions_table, units
from geo.geometry import DETAILED, display_layer
from geo.i18n import t
from geo.registry import Registry, load_registry
from geo.views import Filters, deliverable_view, site_view

TableName = Literal["projects", "sites", "deliverables", "indicators", "sources"]
TABLES: tuple[TableName, ...] = ("projects", "sites", "deliverables", "indicators", "sources")
FORMATS = ("csv", "xlsx", "geojson")
#: Geometry tolerance of GeoJSON exports, in degrees (about 150 m): small files, no gaps.
EXPORT_TOLERANCE = DETAILED.tolerance
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def projects_table(
    registry: Registry, filters: Filters = Filters(), lang: str = "tr"
) -> pd.DataFrame:
    """One row per project with its main metadata (names in both languages)."""
    rows = []
    view = site_view(registry, filters, lang)
    for pid, project in registry.projects.items():
        if filters.projects and pid not in filters.projects:
            continue
        info = project.info

        def names(key: str, info: dict = info) -> str:
            return "; ".join(item[lang] for item in info.get(key) or [])

        budget = info.get("budget") or {}
        own = view[view["project"] == pid]
        rows.append(
            {
                "project": pid,
                "project_name": project.name(lang),
                "short_name": project.short(lang),
                "beneficiary": names("beneficiary"),
                "co_beneficiary": names("co_beneficiary"),
                "implementer": names("implementer"),
                "partners": names("partners"),
                "funders": names("funders"),
                "budget_amount": budget.get("amount"),
                "budget_currency": budget.get("currency"),
                "start": info.get("start"),
                "end": info.get("end"),
                "phases": "; ".join(
                    f"{p.label(lang)} ({p.start or '?'}–{p.end or '?'})" for p in project.phases
                ),
                "mapped_sites": len(own),
                "provinces": own["province_pcode"].nunique(),
                "districts": int((own["level"] == "district").sum()),
                "source": project.source,
            }
        )
    return pd.DataFrame(rows)


def sites_table(registry: Registry, filters: Filters = Filters(), lang: str = "tr") -> pd.DataFrame:
    """The ``sites`` export: unit names, P-code, deliverable counts (items and quantity,
    see ``geo/labels/counts.py``) and key indicators."""
    view = site_view(registry, filters, lang)
    return view[
        [
            "project",
            "project_name",
            "phase",
            "phase_label",
            "level",
            "province",
            "district",
            "pcode",
            "items_total",
            "items_completed",
            "deliverables_total",
            "deliverables_completed",
            "sege2022_score",
            "sege2022_tier",
            "sege2022_rank",
            "sege2017_score",
            "sege2017_tier",
            "sege2017_rank",
            "population",
            "note",
        ]
    ]


def deliverables_table(
    registry: Registry, filters: Filters = Filters(), lang: str = "tr"
) -> pd.DataFrame:
    """The ``deliverables`` export with labels beside the internal codes."""
    return deliverable_view(registry, filters, lang)


def indicators_table(level: str = "district", lang: str = "tr") -> pd.DataFrame:
    """Every bundled and uploaded indicator of ``level`` per unit, with names and codes.

    ``level="region"`` gives one row per NUTS-2 region, keyed ``pcode`` = ``TR10`` …
    """
    values = indicators.table(level)  # type: ignore[arg-type]
    for ind in user_catalog.user_catalog(lang=lang).values():
        if ind.level == level:
            values[ind.id] = user_catalog.values_any(ind.id).reindex(values.index)
    values = round_finite(values, 4)
    if level == "district":
        names = units()[["province", "district", "il_kodu", "ilce_kodu", "nuts2"]]
    elif level == "province":
        names = provinces_table()[["province", "il_kodu", "nuts2"]]
    else:
        regions = regions_table()
        names = pd.DataFrame(
            {"region": regions["name_en" if lang == "en" else "name_tr"]}, index=values.index
        )
    frame = names.join(values)
    # An indicator whose meaning must be read before use (a poverty rate measured against
    # each region's own median) carries its caveat beside its column in every row.
    for ind in indicators.indicators_for(level):  # type: ignore[arg-type]
        if ind.need == "choose" and ind.caveat(lang):
            frame.insert(frame.columns.get_loc(ind.id) + 1, f"{ind.id}_caveat", ind.caveat(lang))
    frame.index.name = "pcode"
    return frame.reset_index()


def sources_table(level: str = "district", lang: str = "tr") -> pd.DataFrame:
    """Per indicator column of :func:`indicators_table`: publisher, edition, year, caveat."""
    rows = []
    catalog = user_catalog.catalog_with_user(lang=lang)
    for ind in catalog.values():
        if ind.level != level:
            continue
        rows.append(
            {
                "column": ind.id,
                "indicator": ind.label(lang),
                "unit": ind.unit(lang),
                "publisher": ind.publisher_en if lang == "en" else ind.publisher_tr,
                "edition": ind.edition_text(lang),
                "data_year": ind.year or None,
                "caveat": ind.caveat(lang),
            }
        )
    return pd.DataFrame(rows)


def indicator_export(
    values: pd.Series,
    indicator: indicators.Indicator,
    lang: str,
    *,
    first: indicators.Indicator | None = None,
    caveat: str = "",
) -> pd.DataFrame:
    """One indicator (or the change since ``first``) per unit, citing it in every row.

    Each row repeats the indicator's label, unit, publisher, edition and data year (and
    ``first``'s year for a change), so CSV, XLSX and GeoJSON files all carry them.
    ``caveat`` is added to the indicator's own (e.g. the meaning of a change).
    """
    level = indicator.level
    keys = values.index
    if level == "district":
        table = units().reindex(keys)
        names = pd.DataFrame({"province": table["province"], "district": table["district"]})
    elif level == "province":
        names = pd.DataFrame({"province": provinces_table().reindex(keys)["province"]})
    else:
        column = "name_en" if lang == "en" else "name_tr"
        names = pd.DataFrame({"region": regions_table().reindex(keys)[column]})
    frame = names.assign(value=values.round(4))
    caveats = " ".join(c for c in (indicator.caveat(lang), caveat) if c)
    frame = frame.assign(
        indicator=indicator.label(lang),
        unit="%" if first is not None else indicator.unit(lang),
        publisher=indicator.publisher_en if lang == "en" else indicator.publisher_tr,
        edition=indicator.edition_text(lang),
        data_year=indicator.year or None,
    )
    if first is not None:
        frame.insert(frame.columns.get_loc("data_year"), "from_year", first.year)
    frame["caveat"] = caveats
    frame.index.name = "pcode"
    return frame.reset_index()


def export_table(
    name: TableName,
    registry: Registry,
    filters: Filters = Filters(),
    lang: str = "tr",
    level: str = "district",
) -> pd.DataFrame:
    """Build one export table by name."""
    if name == "projects":
        return projects_table(registry, filters, lang)
    if name == "sites":
        return sites_table(registry, filters, lang)
    if name == "deliverables":
        return deliverables_table(registry, filters, lang)
    if name == "indicators":
        return indicators_table(level, lang)
    if name == "sources":
        return sources_table(level, lang)
    msg = f"unknown table {name!r}; expected one of {TABLES}"
    raise ValueError(msg)


def neutralise_formulas(frame: pd.DataFrame) -> pd.DataFrame:
    """Prefix text cells that a spreadsheet would run as a formula with an apostrophe.

    Numbers are left alone (a negative score is data, not a formula).
    """
    result = frame.copy()
    for column in result.columns:
        if result[column].dtype == object or pd.api.types.is_string_dtype(result[column]):
            result[column] = result[column].map(
                lambda v: "'" + v if isinstance(v, str) and v.startswith(_FORMULA_START) else v
            )
    return result


def round_finite(values: pd.DataFrame, decimals: int) -> pd.DataFrame:
    """``values.round(decimals)``, keeping values whose rounding would overflow to inf.

    Rounding multiplies by 10^decimals, so 1e308 would become inf in the export.
    """
    with np.errstate(over="ignore", invalid="ignore"):
        rounded = values.round(decimals)
    return rounded.where(np.isfinite(rounded) | ~np.isfinite(values), values)


def finite_only(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with ±inf in numeric columns replaced by missing values."""
    numeric = [c for c in frame.columns if pd.api.types.is_float_dtype(frame[c])]
    if not numeric or all(np.isfinite(frame[c].dropna()).all() for c in numeric):
        return frame
    result = frame.copy()
    for column in numeric:
        result[column] = result[column].where(~np.isinf(result[column]))
    return result


@lru_cache(maxsize=1)
def _export_shapes() -> gpd.GeoSeries:
    # The map's detailed display band: simplified once and cached on disk by
    # geo.geometry, so an export never simplifies the coverage again.
    return pd.concat(
        [
            display_layer(level, DETAILED).set_index("pcode").geometry  # type: ignore[arg-type]
            for level in ("district", "province", "region")
        ]
    )


def with_geometry(frame: pd.DataFrame) -> gpd.GeoDataFrame:
    """Attach unit polygons (EPSG:4326) to a table with a ``pcode`` column.

    Rows keep their order; province rows get province polygons, district rows district
    ones. Polygons are the map's detailed band (:data:`EXPORT_TOLERANCE`, about 150 m):
    neighbours share their borders exactly, no gaps or overlaps.
    """
    shapes = _export_shapes()
    return gpd.GeoDataFrame(
        frame.copy(), geometry=frame["pcode"].map(shapes).to_numpy(), crs="EPSG:4326"
    )


#: Export column → label key of its header in the chosen language. Columns not listed
#: (indicator ids) keep their names; values such as P-codes and ids stay codes.
HEADER_KEYS = {
    "project": "xcol_project_id",
    "project_name": "col_project",
    "short_name": "xcol_short_name",
    "phase": "xcol_phase_id",
    "phase_label": "col_phase",
    "level": "col_level",
    "province": "col_province",
    "district": "col_district",
    "pcode": "col_pcode",
    "deliverables_total": "col_quantity_total",
    "deliverables_completed": "col_quantity_completed",
    "items_total": "col_items_total",
    "items_completed": "col_items_completed",
    "sege2022_score": "col_sege2022_score",
    "sege2022_tier": "col_sege2022_tier",
    "sege2022_rank": "col_sege2022_rank",
    "sege2017_score": "col_sege2017_score",
    "sege2017_tier": "col_sege2017_tier",
    "sege2017_rank": "col_sege2017_rank",
    "population": "col_population",
    "note": "col_note",
    "deliverable": "xcol_deliverable_id",
    "deliverable_label": "col_deliverable",
    "quantity": "col_quantity",
    "status": "xcol_status_id",
    "status_label": "col_status",
    "source": "col_source",
    "beneficiary": "xcol_beneficiary",
    "co_beneficiary": "xcol_co_beneficiary",
    "implementer": "xcol_implementer",
    "partners": "xcol_partners",
    "funders": "xcol_funders",
    "budget_amount": "xcol_budget_amount",
    "budget_currency": "xcol_budget_currency",
    "start": "xcol_start",
    "end": "xcol_end",
    "phases": "xcol_phases",
    "mapped_sites": "xcol_mapped_sites",
    "provinces": "xcol_provinces",
    "districts": "xcol_districts",
    "il_kodu": "xcol_il_kodu",
    "ilce_kodu": "xcol_ilce_kodu",
    "nuts2": "xcol_nuts2",
}


def localised_headers(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """``frame`` with its column headers in ``lang`` (see :data:`HEADER_KEYS`), and the
    unit level (``province``/``district``) in words: the one code-like value that is not
    an identifier."""
    result = frame.copy()
    if "level" in result:
        result["level"] = result["level"].map(
            lambda v: t(f"level_{v}", lang) if isinstance(v, str) else v
        )
    return result.rename(columns={c: t(HEADER_KEYS[c], lang) for c in result if c in HEADER_KEYS})


def whole_numbers(frame: pd.DataFrame) -> pd.DataFrame:
    """Float columns holding only whole numbers (and gaps) as integers, so a file never
    shows ``54.0``."""
    result = frame.copy()
    for column in result.columns:
        values = result[column]
        if pd.api.types.is_float_dtype(values):
            known = values.dropna()
            if len(known) and (known == known.round()).all() and known.abs().max() < 2**53:
                result[column] = values.astype("Int64")
    return result


def _number_formats(worksheet: Any, frame: pd.DataFrame) -> None:
    """Excel number formats: thousands grouping, decimals only where a column has them.
    Excel shows the separators of the reader's own locale."""
    for i, column in enumerate(frame.columns, start=1):
        values = frame[column]
        if not pd.api.types.is_numeric_dtype(values) or pd.api.types.is_bool_dtype(values):
            continue
        fmt = "#,##0" if pd.api.types.is_integer_dtype(values) else "#,##0.0##"
        for (cell,) in worksheet.iter_rows(min_row=2, min_col=i, max_col=i):
            cell.number_format = fmt


def to_bytes(
    frame: pd.DataFrame,
    fmt: str,
    *,
    sheet: str = "data",
    bom: bool = False,
    lang: str | None = None,
    sources: pd.DataFrame | None = None,
) -> bytes:
    """Serialise a table: CSV (UTF-8, optional BOM for Excel), XLSX, or GeoJSON.

    CSV stays machine-readable: dot decimals, no grouping, whole numbers without
    ``.0``. XLSX numbers are numeric cells with a number format. With ``lang`` the CSV
    and XLSX headers are in that language (:func:`localised_headers`); GeoJSON keeps
    the column names as property keys. Text cells that start like a formula are
    neutralised in CSV and XLSX; infinite numbers are written as empty cells (``null``
    in GeoJSON), never as ``inf``. ``sources`` (e.g. :func:`sources_table`) becomes a
    second XLSX sheet and a top-level ``sources`` member of GeoJSON; CSV stays one table.
    """
    frame = finite_only(frame)
    if fmt in ("csv", "xlsx"):
        table = neutralise_formulas(whole_numbers(frame))
        if lang is not None:
            table = localised_headers(table, lang)
    if fmt == "csv":
        text = table.to_csv(index=False, lineterminator="\n")
        return ("\ufeff" if bom else "").encode("utf-8") + text.encode("utf-8")
    if fmt == "xlsx":
        buffer = io.BytesIO()
        with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
            table.to_excel(writer, index=False, sheet_name=sheet[:31])
            _number_formats(writer.sheets[sheet[:31]], table)
            if sources is not None:
                neutralise_formulas(sources).to_excel(writer, index=False, sheet_name="sources")
        return buffer.getvalue()
    if fmt == "geojson":
        gdf = frame if isinstance(frame, gpd.GeoDataFrame) else with_geometry(frame)
        data = json.loads(gdf.to_json(na="null", drop_id=True))
        if sources is not None:
            data["sources"] = json.loads(sources.to_json(orient="records", force_ascii=False))
        return json.dumps(data, ensure_ascii=False).encode("utf-8")
    msg = f"unknown format {fmt!r}; expected one of {FORMATS}"
    raise ValueError(msg)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m geo.export", description=__doc__.split("\n")[0]
    )
    parser.add_argument("table", choices=TABLES)
    parser.add_argument("--format", choices=FORMATS, default="csv")
    parser.add_argument("--out", type=Path, help="output file (default: standard output)")
    parser.add_argument("--lang", choices=("tr", "en"), default="tr")
    parser.add_argument("--level", choices=("district", "province", "region"), default="district")
    parser.add_argument("--data-dir", type=Path, default=None, help="registry directory")
    args = parser.parse_args(argv)
    registry = load_registry(args.data_dir) if args.data_dir else load_registry()
    frame = export_table(args.table, registry, lang=args.lang, level=args.level)
    sources = sources_table(args.level, args.lang) if args.table == "indicators" else None
    if args.table == "sources" and args.format == "geojson":
        parser.error("sources is a table without geometry: use --format csv or xlsx")
    payload = to_bytes(frame, args.format, sheet=args.table, sources=sources)
    if args.out:
        args.out.write_bytes(payload)
    elif args.format == "xlsx":
        sys.stdout.buffer.write(payload)
    else:
        sys.stdout.buffer.write(payload)
        sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
