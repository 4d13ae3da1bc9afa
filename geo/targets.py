"""Targets and results: stated outputs with their target and achieved figures.

``data/targets.yaml`` records, per project, each output a source gives a figure for:
``target`` (stated as planned or expected) and ``achieved`` (stated as done), each
``None`` where the source gives none. Every entry quotes its source verbatim with file
and line. Nothing is estimated: progress exists only where both figures are stated.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from geo import DATA_DIR, yamlio
from geo.i18n import fmt_number, t
from geo.registry import Registry
from geo.sources import source_line

TARGETS_FILE = "targets.yaml"
REQUIRED = (
    "project",
    "id",
    "label_tr",
    "label_en",
    "unit_tr",
    "unit_en",
    "source",
    "line",
    "quote",
)


class TargetsError(ValueError):
    """``targets.yaml`` has problems; the message names the entry and the field."""


def load_targets(registry: Registry, data_dir: Path | str = DATA_DIR) -> pd.DataFrame:
    """The stated outputs, validated against the registry (projects and sources).

    Returns
    -------
    DataFrame
        One row per output: the YAML fields, ``province`` (P-code or ``None``),
        ``target`` and ``achieved`` (``float``; NaN where not stated).

    Raises
    ------
    TargetsError
        Naming the entry number and field of the first problem found.
    """
    path = Path(data_dir) / TARGETS_FILE
    if not path.exists():
        return pd.DataFrame(columns=[*REQUIRED, "province", "target", "achieved"])
    raw = yamlio.safe_load(path.read_text(encoding="utf-8")) or {}
    rows = []
    for i, item in enumerate(raw.get("outputs") or [], start=1):
        where = f"{TARGETS_FILE}, outputs[{i}]"
        for key in REQUIRED:
            if item.get(key) in (None, ""):
                raise TargetsError(f"{where}: field '{key}' is empty")
        if item["project"] not in registry.projects:
            raise TargetsError(f"{where}: unknown project {item['project']!r}")
        if item["source"] not in registry.sources:
            raise TargetsError(f"{where}: unknown source {item['source']!r}")
        for key in ("target", "achieved"):
            value = item.get(key)
            if value is not None and (not isinstance(value, int) or value < 0):
                raise TargetsError(f"{where}: '{key}' must be a whole number or null")
        rows.append({**item, "province": item.get("province")})
    frame = pd.DataFrame(rows)
    for key in ("target", "achieved"):
        frame[key] = pd.to_numeric(frame.get(key), errors="coerce").astype(float)
    return frame


def targets_view(
    targets: pd.DataFrame,
    registry: Registry,
    lang: str,
    *,
    projects: list[str] | None = None,
    province: str | None = None,
) -> pd.DataFrame:
    """Outputs for display in ``lang``: project, output, unit, target and achieved as text
    (or "not stated"), ``progress`` (achieved / target, only where both are stated),
    the source's title with file and line, and its wording.

    ``projects`` keeps those projects' outputs; ``province`` keeps, of outputs tied to a
    province, only that province's (outputs tied to none stay).
    """
    rows = targets
    if projects is not None:
        rows = rows[rows["project"].isin(projects)]
    if province is not None:
        rows = rows[rows["province"].isna() | (rows["province"] == province)]
    missing = t("not_stated_short", lang)

    def text(value: float) -> str:
        return missing if pd.isna(value) else fmt_number(float(value), lang)

    return pd.DataFrame(
        {
            "project_name": [registry.projects[p].short(lang) for p in rows["project"]],
            "output": rows[f"label_{lang}"].to_numpy(),
            "unit": rows[f"unit_{lang}"].to_numpy(),
            "target": [text(v) for v in rows["target"]],
            "achieved": [text(v) for v in rows["achieved"]],
            "progress": (rows["achieved"] / rows["target"]).to_numpy(),
            "source": [
                f"{source_line(registry, s, lang)} ({s}.txt, {t('source_line_no', lang)} {n})"
                for s, n in zip(rows["source"], rows["line"], strict=True)
            ],
            "quote": rows["quote"].to_numpy(),
        }
    ).reset_index(drop=True)
