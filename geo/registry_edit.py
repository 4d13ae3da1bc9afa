"""Registry tables as editors exchange them: CSV bytes, diffs, three-way merges, workbooks.

Pure functions (no storage): the store (``geo.store``) and the data-management page use
them to preview, validate and describe a registry edit before anything is written.
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from geo.i18n import Message
from geo.registry import Issue, Registry, RegistryError, registry_from_files

#: Registry tables an editor may replace, with the columns that identify a row.
REGISTRY_TABLES: dict[str, tuple[str, ...]] = {
    "sites": ("project", "phase", "pcode"),
    "deliverables": ("project", "phase", "pcode", "deliverable"),
}
DELIVERABLE_KEY = REGISTRY_TABLES["deliverables"]


def diff_tables(old: pd.DataFrame, new: pd.DataFrame, key_columns: Sequence[str]) -> pd.DataFrame:
    """What changes between two versions of a table, for a preview before saving.

    Parameters
    ----------
    old, new : DataFrame
        The two versions; cells are compared as stripped text.
    key_columns : sequence of str
        Columns identifying a row (e.g. ``project, phase, pcode``). Repeated keys are
        paired in order of appearance.

    Returns
    -------
    DataFrame
        One row per added or removed record (``field`` empty) and per changed field:
        columns ``change`` (``added``/``removed``/``changed``), the key columns,
        ``field``, ``old``, ``new``.
    """
    keys = list(key_columns)
    columns = list(dict.fromkeys([*old.columns, *new.columns]))
    a, b = as_text(old, columns), as_text(new, columns)
    for frame in (a, b):
        frame["_n"] = frame.groupby(keys, sort=False).cumcount()
    index = [*keys, "_n"]
    a, b = a.set_index(index), b.set_index(index)
    records: list[dict[str, Any]] = []

    def key_of(idx: tuple) -> dict[str, Any]:
        return dict(zip(keys, idx[:-1], strict=True))

    for idx in a.index.difference(b.index, sort=False):
        records.append({"change": "removed", **key_of(idx), "field": "", "old": "", "new": ""})
    for idx in b.index.difference(a.index, sort=False):
        records.append({"change": "added", **key_of(idx), "field": "", "old": "", "new": ""})
    common = a.index.intersection(b.index, sort=False)
    fields = [c for c in columns if c not in keys]
    left, right = a.loc[common, fields], b.loc[common, fields]
    changed = left.ne(right)
    for idx in changed.index[changed.any(axis=1)]:
        for field in changed.columns[changed.loc[idx]]:
            records.append(
                {
                    "change": "changed",
                    **key_of(idx),
                    "field": field,
                    "old": left.at[idx, field],
                    "new": right.at[idx, field],
                }
            )
    return pd.DataFrame(records, columns=["change", *keys, "field", "old", "new"])


def as_text(frame: pd.DataFrame, columns: Sequence[str] | None = None) -> pd.DataFrame:
    """Cells as stripped strings, missing values as ``""``."""
    text = frame.reindex(columns=columns) if columns is not None else frame
    text = text.astype(object)
    text = text.where(text.notna(), "").astype(str)
    return text.apply(lambda col: col.str.strip()).reset_index(drop=True)


def diff_summary(diff: pd.DataFrame, columns: Sequence[str]) -> str:
    counts = diff["change"].value_counts()
    touched = set(diff.loc[diff["change"] == "changed", "field"])
    changed = [c for c in columns if c in touched]
    fields = f" ({', '.join(changed[:4])}{', …' if len(changed) > 4 else ''})" if changed else ""
    rows = diff.loc[diff["change"] == "changed"].drop(columns=["field", "old", "new"])
    return (
        f"+{counts.get('added', 0)} added, −{counts.get('removed', 0)} removed, "
        f"~{len(rows.drop_duplicates())} changed{fields}"
    )


def registry_csv_bytes(frame: pd.DataFrame, lineterminator: str = "\n") -> bytes:
    """A registry table as UTF-8 CSV bytes (cells stripped)."""
    return as_text(frame).to_csv(index=False, lineterminator=lineterminator).encode("utf-8")


def line_ending(data: bytes) -> str:
    """``"\\r\\n"`` or ``"\\n"``: a table keeps its own, so a one-row edit is a one-row diff."""
    return "\r\n" if b"\r\n" in data.split(b"\n", 1)[0] + b"\n" else "\n"


def read_csv_bytes(data: bytes) -> pd.DataFrame:
    """A registry CSV as text cells (nothing parsed as a number or NaN)."""
    return pd.read_csv(io.BytesIO(data), dtype=str, keep_default_na=False, encoding="utf-8-sig")


def source_rows(frame: pd.DataFrame) -> list[int] | None:
    """Spreadsheet rows of ``frame`` when its index carries them (:func:`read_registry_xlsx`).

    Such frames mark their index with the name ``row``; any other index is positional.
    """
    index = frame.index
    if index.name != "row" or not pd.api.types.is_integer_dtype(index):
        return None
    return [int(i) for i in index]


def unknown_registry_columns(
    files: Mapping[str, bytes], tables: Mapping[str, pd.DataFrame]
) -> list[Issue]:
    """One issue per workbook column that the registry file does not have.

    A workbook must not add columns to the CSV files: only the file's own header (what
    the template was made from) is accepted. ``files`` maps ``sites.csv`` … to bytes;
    a table with no file here is not an editable table and is refused elsewhere.
    """
    issues: list[Issue] = []
    for name, frame in tables.items():
        if f"{name}.csv" not in files:
            continue
        known = list(read_csv_bytes(files[f"{name}.csv"]).columns)
        for column in frame.columns:
            if str(column) in known:
                continue
            message = Message(
                f"unknown column {column!r}: the workbook may not add columns to {name}.csv "
                f"(accepted: {', '.join(known)}); delete the column",
                f"bilinmeyen sütun {column!r}: çalışma kitabı {name}.csv dosyasına sütun "
                f"ekleyemez (kabul edilenler: {', '.join(known)}); sütunu silin",
            )
            issues.append(Issue(name, 1, str(column), message))
    return issues


def validate_candidate(files: Mapping[str, bytes], frames: Mapping[str, pd.DataFrame]) -> Registry:
    """Validate a whole candidate registry; issues point at the uploaded workbook's rows.

    Raises
    ------
    RegistryError
        Every problem of the candidate.
    """
    try:
        return registry_from_files(files)
    except RegistryError as exc:
        raise RegistryError(remap_rows(exc.issues, frames)) from None


def remap_rows(issues: list[Issue], frames: Mapping[str, pd.DataFrame]) -> list[Issue]:
    """Point CSV row numbers back at the uploaded workbook's rows where they differ."""
    result = []
    for issue in issues:
        frame = frames.get(issue.file.removesuffix(".csv"))
        rows = source_rows(frame) if frame is not None else None
        if rows and issue.row is not None and 2 <= issue.row < len(rows) + 2:
            result.append(Issue(issue.file, rows[issue.row - 2], issue.field, issue.message))
        else:
            result.append(issue)
    return result


def candidate_files(
    current: Mapping[str, bytes], new_tables: Mapping[str, pd.DataFrame]
) -> tuple[dict[str, bytes], dict[str, pd.DataFrame]]:
    """CSV bytes of the tables that really change, and their diffs against ``current``.

    Tables differing only in layout (column order, quoting) count as unchanged.

    Raises
    ------
    ValueError
        A table name other than ``sites`` or ``deliverables``.
    """
    unknown = set(new_tables) - set(REGISTRY_TABLES)
    if unknown:
        raise ValueError(
            f"unknown registry table(s) {sorted(unknown)}; use {list(REGISTRY_TABLES)}"
        )
    contents: dict[str, bytes] = {}
    diffs: dict[str, pd.DataFrame] = {}
    for name, frame in new_tables.items():
        file = f"{name}.csv"
        before = current[file]
        data = registry_csv_bytes(frame, line_ending(before))
        if data == before:
            continue
        diff = diff_tables(read_csv_bytes(before), read_csv_bytes(data), REGISTRY_TABLES[name])
        if not diff.empty:
            contents[file], diffs[name] = data, diff
    return contents, diffs


def merge_table(
    base: bytes, ours: bytes, theirs: bytes, key_columns: Sequence[str]
) -> tuple[bytes, list[tuple[str, ...]]]:
    """Three-way merge of a registry CSV by row key: release changes on top of local edits.

    ``base`` is the bundled table last imported, ``ours`` the table in service (with the
    editors' work), ``theirs`` the new bundled table. A row the release changed and the
    editors did not takes the release's version (added, changed or removed); a row both
    changed differently keeps the editors' version and is reported as a conflict.

    Returns
    -------
    bytes, list of tuple
        The merged CSV (``ours``' line endings, column order of ``theirs``) and the keys
        of conflicting rows.
    """
    keys = list(key_columns)
    frames = [read_csv_bytes(b) for b in (base, ours, theirs)]
    columns = list(dict.fromkeys([*frames[2].columns, *frames[1].columns]))
    rows: list[dict[str, tuple[str, ...]]] = []
    for frame in frames:
        text = as_text(frame, columns)
        text["_n"] = text.groupby(keys, sort=False).cumcount().astype(str)
        rows.append({tuple(r[[*keys, "_n"]]): tuple(r[columns]) for _, r in text.iterrows()})
    old, mine, new = rows
    merged: dict[tuple[str, ...], tuple[str, ...]] = {}
    conflicts: list[tuple[str, ...]] = []
    for key in [*mine, *(k for k in new if k not in mine)]:
        b, o, t = old.get(key), mine.get(key), new.get(key)
        if t == b:
            result = o
        elif o in (b, t):
            result = t
        else:
            conflicts.append(key[:-1])
            result = o
        if result is not None:
            merged[key] = result
    table = pd.DataFrame(list(merged.values()), columns=columns)
    return registry_csv_bytes(table, line_ending(ours)), conflicts


# --------------------------------------------------------------------------- templates


def registry_template_xlsx(registry: Registry) -> bytes:
    """An Excel workbook for editing the registry, with dropdowns for coded columns.

    Sheets ``sites`` and ``deliverables`` hold the current rows with the columns of the
    CSV files; a hidden ``lists`` sheet feeds list validations for ``project``,
    ``phase``, ``level``, ``deliverable``, ``status`` and ``source``. Text that starts
    with ``=`` is stored as text, never as a formula.
    """
    from openpyxl import Workbook

    lists = {
        "project": list(registry.projects),
        "phase": list(dict.fromkeys(p.id for pr in registry.projects.values() for p in pr.phases)),
        "level": ["province", "district"],
        "deliverable": list(registry.vocabulary.get("deliverables", {})),
        "status": list(registry.vocabulary.get("statuses", {})),
        "source": list(registry.sources),
    }
    workbook = Workbook()
    workbook.remove(workbook.active)
    refs = _list_sheet(workbook, lists)
    sheets = {"sites": registry.sites, "deliverables": registry.deliverables}
    for index, (title, frame) in enumerate(sheets.items()):
        sheet = workbook.create_sheet(title, index)
        _write_rows(sheet, frame)
        _add_dropdowns(sheet, list(frame.columns), refs, last=len(frame) + 500)
        sheet.freeze_panes = "A2"
    workbook["lists"].sheet_state = "hidden"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _list_sheet(workbook: Any, lists: dict[str, list[str]]) -> dict[str, str]:
    """The ``lists`` sheet, a column per coded field; the cell range of each list."""
    from openpyxl.utils import get_column_letter

    sheet = workbook.create_sheet("lists")
    refs: dict[str, str] = {}
    for col, (name, items) in enumerate(lists.items(), start=1):
        letter = get_column_letter(col)
        sheet.cell(row=1, column=col, value=name)
        for row, item in enumerate(items, start=2):
            _text_cell(sheet.cell(row=row, column=col), item)
        refs[name] = f"lists!${letter}$2:${letter}${max(len(items), 1) + 1}"
    return refs


def _write_rows(sheet: Any, frame: pd.DataFrame) -> None:
    """Bold header, then the rows; quantities as numbers, everything else as text."""
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    columns = list(frame.columns)
    for col, name in enumerate(columns, start=1):
        sheet.cell(row=1, column=col, value=name).font = Font(bold=True)
        sheet.column_dimensions[get_column_letter(col)].width = max(12, min(40, len(name) + 4))
    for row, record in enumerate(frame.itertuples(index=False), start=2):
        for col, value in enumerate(record, start=1):
            cell = sheet.cell(row=row, column=col)
            if columns[col - 1] == "quantity" and str(value).strip().isdigit():
                cell.value = int(value)
            else:
                _text_cell(cell, "" if pd.isna(value) else str(value))


def _add_dropdowns(sheet: Any, columns: list[str], refs: dict[str, str], *, last: int) -> None:
    """A list validation on every coded column, down to row ``last`` (room to add)."""
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    for name, ref in refs.items():
        if name not in columns:
            continue
        letter = get_column_letter(columns.index(name) + 1)
        validation = DataValidation(
            type="list",
            formula1=ref,
            allow_blank=True,
            showErrorMessage=True,
            errorTitle="Pilot Atlas",
            error=f"Listeden seçin / choose from the list ({name})",
        )
        validation.add(f"{letter}2:{letter}{last}")
        sheet.add_data_validation(validation)


def _text_cell(cell: Any, value: str) -> None:
    cell.value = value or None
    if value:
        # openpyxl would store "=..." as a formula; force a plain string.
        cell.data_type = "s"


def read_registry_xlsx(
    data: bytes, filename: str, *, max_bytes: int = 5_000_000
) -> dict[str, pd.DataFrame]:
    """Read the ``sites`` and ``deliverables`` sheets of an edited registry workbook.

    Returns
    -------
    dict
        ``{"sites": frame, "deliverables": frame}``, all text (empty cells ``""``),
        indexed by spreadsheet row so validation problems point at workbook rows.

    Raises
    ------
    UploadError
        Not a readable workbook, too large, or a sheet missing.
    """
    from geo.upload import Message, UploadError, load_workbook, sheet_frame

    name = Path(filename or "registry.xlsx").name
    if not data:
        raise UploadError(
            Message(f"{name}: the file is empty", f"{name}: dosya boş"), filename=name
        )
    if len(data) > max_bytes:
        raise UploadError(
            Message(
                f"{name}: the file is {len(data) / 1e6:.1f} MB; "
                f"the limit is {max_bytes / 1e6:g} MB",
                f"{name}: dosya {len(data) / 1e6:.1f} MB; sınır {max_bytes / 1e6:g} MB",
            ),
            filename=name,
        )
    workbook = load_workbook(data, name)
    try:
        result: dict[str, pd.DataFrame] = {}
        for sheet in REGISTRY_TABLES:
            if sheet not in workbook.sheetnames:
                raise UploadError(
                    Message(
                        f"{name}: worksheet {sheet!r} is missing",
                        f"{name}: {sheet!r} sayfası eksik",
                    ),
                    filename=name,
                )
            result[sheet] = sheet_frame(workbook[sheet], name)
    finally:
        workbook.close()
    return result
