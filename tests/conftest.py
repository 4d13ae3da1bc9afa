"""Shared fixtures: a writable copy of the bundled registry for breaking on purpose."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from geo import DATA_DIR
from geo.registry import Registry, load_registry

REGISTRY_FILES = ("projects.yaml", "sites.csv", "deliverables.csv", "vocabulary.yaml")


@pytest.fixture(scope="session")
def registry() -> Registry:
    return load_registry()


@pytest.fixture
def registry_dir(tmp_path: Path) -> Path:
    """A temporary copy of the registry files, safe to edit."""
    for name in REGISTRY_FILES:
        shutil.copy(DATA_DIR / name, tmp_path / name)
    return tmp_path
