"""The data-management page's logic, kept out of Streamlit so it can be tested plainly.

* Upload of an indicator: counts of a :class:`~geo.upload.MatchReport`, the values to
  preview on a map, and the :class:`~geo.store.indicators.UserIndicatorMeta` to save.
* Registry round trip: :func:`preview_registry` validates an edited workbook against the
  registry in service and lists what would change, without writing anything; the page
  offers "apply" only when :attr:`RegistryPreview.can_apply`.
* Status updates: the (phase, unit) and deliverable choices of a project.
* Texts the page shows: the user-indicator table, the match report's notes and issue
  rows, the preview map (units, legend and tooltips as on every other map).

Writing is left to :mod:`geo.store`, which re-checks the caller's role itself.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field

import pandas as pd

from geo.boundaries import provinces_table, region_name, regions_table, units
from geo.classify import classify
from geo.i18n import fmt_number, level_label, t
from geo.indicators import level_index
from geo.maps import AtlasMap, choropleth_map
from geo.numbers import format_number
from geo.registry import Issue, Registry, RegistryError
from geo.registry_edit import (
    REGISTRY_TABLES,
    diff_tables,
    line_ending,
    read_csv_bytes,
    registry_csv_bytes,
    unknown_registry_columns,
    validate_candidate,
)
from geo.store.indicators import UserIndicatorMeta, slugify
from geo.style import SEQUENTIAL, Legend
from geo.upload import MAX_SUGGESTED_ROWS, MatchReport, NumberReading

#: Direction choices of an uploaded indicator → ``higher_is_better``.
DIRECTIONS: dict[str, bool | None] = {"higher": True, "lower": False, "neutral": None}
#: Counts shown above an upload's issue table, in this order.
COUNT_NAMES = ("matched", "unmatched", "ambiguous", "duplicates", "non_numeric")
#: Issue rows shown under an upload's match report: 20,000 unmatched rows are not read
#: one by one, the first ones show the pattern.
MAX_SHOWN_ISSUES = 500
#: Issue-table columns and their label keys.
ISSUE_COLUMNS = {
    "row": "manage_row",
    "issue": "manage_issue",
    "key": "manage_key",
    "detail": "manage_detail",
}


# --------------------------------------------------------------------------- indicators


def report_counts(report: MatchReport) -> dict[str, int]:
    """Rows matched, unmatched, ambiguous, duplicated, non-numeric, empty and mixed-level."""
    return {
        "matched": report.matched,
        "unmatched": len(report.unmatched),
        "ambiguous": len(report.ambiguous),
        "duplicates": len(report.duplicates),
        "non_numeric": len(report.non_numeric),
        "missing": len(report.missing),
        "mixed_levels": len(report.mixed_levels),
    }


def preview_values(report: MatchReport) -> pd.Series:
    """The matched values over every unit of the report's level (NaN where none)."""
    if report.level is None:
        return pd.Series(dtype=float)
    return report.values.reindex(level_index(report.level)).astype(float)


def unit_names(level: str) -> pd.Series:
    """Display names by key: ``"District, Province"``, the province's name, or
    ``"TR21 Tekirdağ, Edirne, Kırklareli"`` for a NUTS-2 region."""
    if level == "district":
        table = units()
        return table["district"] + ", " + table["province"]
    if level == "region":
        return pd.Series({code: region_name(code) for code in regions_table().index})
    return provinces_table()["province"]


def indicator_meta(
    *,
    label_tr: str,
    label_en: str,
    level: str,
    unit: str = "",
    year: int | None = None,
    source: str = "",
    direction: str = "neutral",
    indicator_id: str = "",
) -> UserIndicatorMeta:
    """What :func:`geo.store.indicators.save_indicator` stores; the id defaults to a slug.

    Texts are stripped; validation (id pattern, bundled ids, labels, year) is
    :func:`~geo.store.indicators.save_indicator`'s job.
    """
    label_tr, label_en = label_tr.strip(), label_en.strip()
    return UserIndicatorMeta(
        id=indicator_id.strip() or (slugify(label_tr) if label_tr else ""),
        label_tr=label_tr,
        label_en=label_en or label_tr,
        unit=unit.strip(),
        level=level,
        year=None if year is None else int(year),
        source=source.strip(),
        higher_is_better=DIRECTIONS[direction],
    )


def direction_text(value: bool | None, lang: str) -> str:
    """``higher_is_better`` in words: higher is better, lower is better, or neutral."""
    name = next(k for k, v in DIRECTIONS.items() if v is value)
    return t(f"manage_direction_{name}", lang)


def indicator_rows(metas: list[UserIndicatorMeta], lang: str) -> pd.DataFrame:
    """The user indicators as the page lists them, headed in ``lang``."""
    return pd.DataFrame(
        [
            {
                "id": m.id,
                t("indicator", lang): m.label(lang),
                t("col_level", lang): level_label(m.level, lang),
                t("col_unit", lang): m.unit,
                t("manage_year", lang): m.year,
                t("manage_source", lang): m.source,
                t("manage_direction", lang): direction_text(m.higher_is_better, lang),
                t("manage_created", lang): f"{m.created_at} · {m.created_by}",
            }
            for m in metas
        ]
    )


def report_notes(report: MatchReport, lang: str) -> list[str]:
    """The short notes under the counts: level found, decimal mark, gaps and caps."""
    counts = report_counts(report)
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
    return notes


def shown_issues(report: MatchReport, lang: str) -> tuple[pd.DataFrame, int]:
    """The first :data:`MAX_SHOWN_ISSUES` issue rows, kinds in words; and the total."""
    issues = report.issues_frame()
    total = len(issues)
    issues = issues.head(MAX_SHOWN_ISSUES).copy()
    # A mixed-level row's detail is its level: said in the page's language.
    mixed = issues["issue"] == "mixed_level"
    issues.loc[mixed, "detail"] = issues.loc[mixed, "detail"].map(lambda v: level_label(v, lang))
    issues["issue"] = issues["issue"].map(lambda i: t(f"upload_issue_{i}", lang))
    return issues, total


def preview_map(report: MatchReport, meta: UserIndicatorMeta, lang: str) -> AtlasMap:
    """The upload's values on a map, in quintiles, before anything is saved.

    The palette and legend are those of the bundled indicator maps; darker always means
    more need, so a "higher is better" indicator gets the palette reversed.
    """
    values = preview_values(report)
    classes = classify(values, "quantiles", 5, lang=lang)
    n = len(classes.labels)
    palette = list(SEQUENTIAL[max(n, 2)])[:n]
    if meta.higher_is_better:
        palette.reverse()
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
    return choropleth_map(
        report.level or "province",
        classes.index,
        palette,
        legend,
        tooltips,
        basemap=False,
        lang=lang,
    )


def reading_text(reading: NumberReading, decimal: str | None, lang: str) -> str:
    """The example value read with ``decimal``: ``"467919 (thousands separator)"``.

    Whole numbers are shown without grouping so they cannot be misread again; decimals
    use the language's mark (``467,919`` in Turkish, ``467.919`` in English).
    """
    value = reading.value_of(decimal)
    if value is None:
        return ""
    separator = "," if "," in reading.example else "."
    if decimal != separator:
        return t("upload_reading_thousands", lang, value=f"{value:.0f}")
    digits = len(reading.example.rsplit(separator, 1)[1])
    return t("upload_reading_decimal", lang, value=fmt_number(value, lang, digits))


def reading_note(reading: NumberReading, decimal: str | None, lang: str) -> str:
    """Which reading of the ambiguous values is used, and that the other is on offer."""
    value = reading.value_of(decimal)
    if value is None:
        return ""
    separator = "," if "," in reading.example else "."
    digits = len(reading.example.rsplit(separator, 1)[1])
    if decimal != separator:
        key, shown = "upload_reading_used_thousands", f"{value:.0f}"
    else:
        key, shown = "upload_reading_used_decimal", fmt_number(value, lang, digits)
    return t(key, lang, example=reading.example, value=shown)


# --------------------------------------------------------------------------- registry


@dataclass
class RegistryPreview:
    """What applying an edited registry workbook would do.

    Attributes
    ----------
    tables : dict
        The uploaded tables (``sites``, ``deliverables``) as read from the workbook.
    issues : list of Issue
        Validation problems of the registry the workbook would produce, with workbook
        row numbers; empty when it is valid.
    diffs : dict
        :func:`geo.registry_edit.diff_tables` of each uploaded table against the registry.
    base : dict
        SHA-256 of the registry files compared against: applying passes them on, so the
        edit is refused if another editor saved meanwhile.
    """

    tables: dict[str, pd.DataFrame]
    issues: list[Issue] = field(default_factory=list)
    diffs: dict[str, pd.DataFrame] = field(default_factory=dict)
    base: dict[str, str] = field(default_factory=dict)

    @property
    def changed(self) -> bool:
        """Whether any table differs from its file."""
        return any(not diff.empty for diff in self.diffs.values())

    @property
    def can_apply(self) -> bool:
        """Valid and different from the files: the only case the page may apply."""
        return not self.issues and self.changed

    def counts(self, table: str) -> dict[str, int]:
        """``added``, ``removed`` and ``changed`` records (changed rows, not fields)."""
        diff = self.diffs.get(table)
        if diff is None or diff.empty:
            return {"added": 0, "removed": 0, "changed": 0}
        changed = diff.loc[diff["change"] == "changed", list(REGISTRY_TABLES[table])]
        return {
            "added": int((diff["change"] == "added").sum()),
            "removed": int((diff["change"] == "removed").sum()),
            "changed": len(changed.drop_duplicates()),
        }


def preview_registry(
    current: Mapping[str, bytes], tables: Mapping[str, pd.DataFrame]
) -> RegistryPreview:
    """Validate uploaded registry tables against the registry in service and diff them.

    ``current`` is the registry as file contents (:func:`geo.store.registry_ops.current_files`).
    Nothing is written. The check is the one :func:`geo.store.registry_ops.apply_registry`
    runs before writing, so a preview without issues applies cleanly (unless the
    registry changes in between).
    """
    uploaded = {name: frame for name, frame in tables.items() if name in REGISTRY_TABLES}
    base = {name: hashlib.sha256(data).hexdigest() for name, data in current.items()}
    preview = RegistryPreview(tables=dict(uploaded), base=base)
    preview.issues.extend(unknown_registry_columns(current, uploaded))
    candidate: dict[str, bytes] = {}
    for name, frame in uploaded.items():
        file = f"{name}.csv"
        candidate[file] = registry_csv_bytes(frame, line_ending(current[file]))
        try:
            preview.diffs[name] = diff_tables(
                read_csv_bytes(current[file]), frame, REGISTRY_TABLES[name]
            )
        except (KeyError, ValueError) as exc:
            preview.issues.append(Issue(file, None, "", f"cannot compare with the registry: {exc}"))
    try:
        validate_candidate({**current, **candidate}, dict(uploaded))
    except RegistryError as exc:
        preview.issues.extend(exc.issues)
    except (ValueError, KeyError) as exc:  # e.g. an empty sheet
        preview.issues.append(Issue("registry", None, "", str(exc)))
    return preview


# --------------------------------------------------------------------------- statuses


def deliverable_units(registry: Registry, project: str) -> list[tuple[str, str]]:
    """``(phase, pcode)`` of every unit with deliverables in ``project``, in file order."""
    rows = registry.deliverables[registry.deliverables["project"] == project]
    return list(dict.fromkeys(zip(rows["phase"], rows["pcode"], strict=True)))


def deliverables_at(registry: Registry, project: str, phase: str, pcode: str) -> pd.DataFrame:
    """Deliverable rows of one project-phase at one unit (current statuses)."""
    table = registry.deliverables
    mask = (table["project"] == project) & (table["phase"] == phase) & (table["pcode"] == pcode)
    return table.loc[mask]


def unit_text(rows: pd.DataFrame) -> str:
    """``"District, Province"`` (or the province) of deliverable rows at one unit."""
    first = rows.iloc[0]
    district, province = str(first.get("district") or ""), str(first.get("province") or "")
    return f"{district}, {province}" if district else province


def status_unit_labels(registry: Registry, project: str, lang: str) -> dict[tuple[str, str], str]:
    """``(phase, pcode)`` → ``"Phase · District, Province (pcode)"``, in file order."""
    phases = {ph.id: ph.label(lang) for ph in registry.projects[project].phases}
    return {
        (phase, pcode): f"{phases.get(phase, phase)} · "
        f"{unit_text(deliverables_at(registry, project, phase, pcode))} ({pcode})"
        for phase, pcode in deliverable_units(registry, project)
    }
