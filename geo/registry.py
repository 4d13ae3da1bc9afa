"""The project registry: projects, pilot sites and deliverables, validated on load.

Files (in a data directory, ``data/`` by default):

``projects.yaml``
    Sources (seed documents) and per-project metadata: names, institutions, budget,
    dates, phases, components, outputs, dated activities and what the sources leave open.
``sites.csv``
    One row per project x phase x administrative unit, with ``level`` and P-code.
``deliverables.csv``
    Deliverables per site with quantity, status and source.
``vocabulary.yaml``
    Allowed deliverable types and statuses with Turkish and English labels.

Every problem found is reported as an :class:`Issue` naming file, row and field; a
registry with any issue is rejected whole (:class:`RegistryError`), so a broken edit
never replaces a registry that loaded cleanly: the store (``geo.store``) validates every
candidate with :func:`registry_from_files` before writing it.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from geo import DATA_DIR
from geo.registry_check import validate_deliverables, validate_sites
from geo.registry_model import (
    DELIVERABLE_COLUMNS,
    REGISTRY_FILES,
    SITE_COLUMNS,
    Collector,
    Issue,
    Phase,
    Project,
    Registry,
    RegistryError,
)
from geo.registry_parse import parse_projects, read_csv, read_yaml

__all__ = [
    "DELIVERABLE_COLUMNS",
    "REGISTRY_FILES",
    "SITE_COLUMNS",
    "Issue",
    "Phase",
    "Project",
    "Registry",
    "RegistryError",
    "load_registry",
    "registry_from_files",
]


def load_registry(data_dir: Path | str = DATA_DIR) -> Registry:
    """Load and validate the registry files in ``data_dir``.

    Raises
    ------
    RegistryError
        With every problem found, each naming file, row and field.
    """
    data_dir = Path(data_dir)
    files = {
        name: (data_dir / name).read_bytes()
        for name in REGISTRY_FILES
        if (data_dir / name).is_file()
    }
    return registry_from_files(files)


def registry_from_files(files: Mapping[str, bytes]) -> Registry:
    """Validate a registry given as file contents (name → bytes, see :data:`REGISTRY_FILES`).

    The store keeps the registry this way; a missing name is reported as a missing file.

    Raises
    ------
    RegistryError
        With every problem found, each naming file, row and field.
    """
    out = Collector()
    vocabulary = read_yaml("vocabulary.yaml", files.get("vocabulary.yaml"), out) or {}
    projects, sources = parse_projects(
        read_yaml("projects.yaml", files.get("projects.yaml"), out), out
    )
    sites = read_csv("sites.csv", files.get("sites.csv"), SITE_COLUMNS, out)
    deliverables = read_csv(
        "deliverables.csv", files.get("deliverables.csv"), DELIVERABLE_COLUMNS, out
    )
    if sites is not None:
        validate_sites(sites, projects, sources, out)
    if sites is not None and deliverables is not None:
        validate_deliverables(deliverables, sites, vocabulary, sources, out)
    if out.issues:
        raise RegistryError(out.issues)
    assert sites is not None and deliverables is not None  # no issues means both loaded
    for frame in (sites, deliverables):
        for column in ("note_tr", "note_en"):
            if column not in frame.columns:
                frame[column] = ""
    deliverables = deliverables.assign(quantity=deliverables["quantity"].astype(int))
    return Registry(
        projects=projects,
        sources=sources,
        vocabulary=vocabulary,
        sites=sites.reset_index(drop=True),
        deliverables=deliverables.reset_index(drop=True),
    )
