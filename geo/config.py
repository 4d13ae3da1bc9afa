"""Paths and settings of a Pilot Atlas installation, in one place.

Every setting has a default that works on a fresh clone (``make run`` needs no server):

``PILOT_ATLAS_DATABASE_URL``
    SQLAlchemy URL of the store (``postgresql+psycopg://user:pw@host/db`` for a team).
    Otherwise the ``url`` of ``[connections.atlas]`` in Streamlit's ``secrets.toml``;
    otherwise SQLite in the var directory (``sqlite:///var/atlas.sqlite``).
``PILOT_ATLAS_VAR_DIR``
    Directory of the default SQLite store (``var/`` at the repository root, git-ignored).
``PILOT_ATLAS_DATA_DIR``
    The bundled registry an empty store starts from (``data/``). Read-only at run time.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from geo import DATA_DIR

REPO_DIR = DATA_DIR.parent
DEFAULT_VAR_DIR = REPO_DIR / "var"
#: Name of the default SQLite store inside the var directory.
SQLITE_NAME = "atlas.sqlite"
#: The per-machine SQLite file of versions before the store (migrated by ``geo.store init``).
LEGACY_SQLITE_NAME = "pilot_atlas.sqlite"
DATABASE_URL_ENV = "PILOT_ATLAS_DATABASE_URL"
VAR_DIR_ENV = "PILOT_ATLAS_VAR_DIR"
DATA_DIR_ENV = "PILOT_ATLAS_DATA_DIR"


def var_dir() -> Path:
    """Directory of the default SQLite store and of legacy files (``var/``)."""
    return Path(os.environ.get(VAR_DIR_ENV) or DEFAULT_VAR_DIR)


def bundled_data_dir() -> Path:
    """The bundled registry (``data/`` unless ``PILOT_ATLAS_DATA_DIR`` names another)."""
    return Path(os.environ.get(DATA_DIR_ENV) or DATA_DIR)


def _secrets_files() -> list[Path]:
    # Where Streamlit itself looks: the user's folder, then the working directory's.
    return [
        Path.home() / ".streamlit" / "secrets.toml",
        REPO_DIR / ".streamlit" / "secrets.toml",
        Path.cwd() / ".streamlit" / "secrets.toml",
    ]


def _secrets_url(secrets: Mapping[str, Any] | None) -> str | None:
    tables: list[Mapping[str, Any]] = []
    if secrets is not None:
        tables.append(secrets)
    else:
        for path in dict.fromkeys(_secrets_files()):
            try:
                tables.append(tomllib.loads(path.read_text(encoding="utf-8")))
            except (OSError, tomllib.TOMLDecodeError):
                continue
    url = None
    for table in tables:
        try:
            found = table["connections"]["atlas"]["url"]
        except (KeyError, TypeError):
            continue
        url = str(found) if found else url
    return url


def database_url(secrets: Mapping[str, Any] | None = None) -> str:
    """The store's SQLAlchemy URL: environment, then secrets, then SQLite in :func:`var_dir`.

    Parameters
    ----------
    secrets : Mapping, optional
        A parsed secrets table; by default the ``secrets.toml`` files Streamlit reads.
    """
    url = os.environ.get(DATABASE_URL_ENV) or _secrets_url(secrets)
    if url:
        return url
    return f"sqlite:///{(var_dir() / SQLITE_NAME).resolve()}"


def redacted(url: str) -> str:
    """``url`` with any password replaced by ``***`` (for logs and ``info``)."""
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)
