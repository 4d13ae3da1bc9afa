"""Shared fixtures: registry copies to break on purpose, and stores on SQLite and PostgreSQL.

No test touches the checkout's ``var/`` or a configured database: before any test, the
default store is pointed at a temporary SQLite file, and tests that write get a fresh
store of their own.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

# Before geo is imported anywhere: the environment wins over secrets.toml.
_TEST_VAR = Path(tempfile.mkdtemp(prefix="atlas-test-var-"))
os.environ["PILOT_ATLAS_VAR_DIR"] = str(_TEST_VAR)
os.environ["PILOT_ATLAS_DATABASE_URL"] = f"sqlite:///{_TEST_VAR / 'atlas.sqlite'}"
os.environ.pop("PILOT_ATLAS_DATA_DIR", None)

from geo import DATA_DIR  # noqa: E402
from geo.registry import Registry, load_registry  # noqa: E402
from geo.store import Store, close_store, open_store  # noqa: E402
from tests.support import live_app, pg  # noqa: E402

REGISTRY_FILES = ("projects.yaml", "sites.csv", "deliverables.csv", "vocabulary.yaml")
BACKENDS = ("sqlite", "postgresql")


def pytest_sessionfinish(session: pytest.Session) -> None:
    shutil.rmtree(_TEST_VAR, ignore_errors=True)


def _checkout_state() -> tuple[str, bool]:
    status = subprocess.run(
        ["git", "status", "--porcelain", "--untracked-files=all"],
        cwd=DATA_DIR.parent,
        capture_output=True,
        text=True,
        check=False,
    ).stdout
    return status, (DATA_DIR.parent / "var" / "atlas.sqlite").exists()


@pytest.fixture(scope="session", autouse=True)
def _checkout_untouched() -> Iterator[None]:
    """``git status`` is the same after the tests, and no store appeared in var/."""
    before = _checkout_state()
    yield
    assert _checkout_state() == before, "the tests changed the checkout"


@pytest.fixture(scope="session", autouse=True)
def _shared_app_servers() -> Iterator[None]:
    """Browser tests that start the plain app share one server; stopped at the end."""
    live_app.share_servers()
    yield
    live_app.stop_shared_servers()


@pytest.fixture(scope="session")
def registry() -> Registry:
    return load_registry()


@pytest.fixture
def registry_dir(tmp_path: Path) -> Path:
    """A temporary copy of the registry files, safe to edit."""
    folder = tmp_path / "bundled"
    folder.mkdir()
    for name in REGISTRY_FILES:
        shutil.copy(DATA_DIR / name, folder / name)
    return folder


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[pg.Cluster]:
    """One throwaway PostgreSQL cluster for the session (started on first use)."""
    with pg.cluster() as running:
        yield running


_SCHEMAS = iter(range(1, 1_000_000))


def fresh_url(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> str:
    """A URL of an empty database: a new SQLite file, or a new PostgreSQL schema."""
    if backend == "sqlite":
        return f"sqlite:///{tmp_path / 'store' / 'atlas.sqlite'}"
    cluster: pg.Cluster = request.getfixturevalue("pg_cluster")
    import psycopg

    schema = f"t{os.getpid()}_{next(_SCHEMAS)}"
    with psycopg.connect(
        f"host=127.0.0.1 port={cluster.port} user=postgres dbname=postgres", autocommit=True
    ) as conn:
        conn.execute(f'CREATE SCHEMA "{schema}"')
    return f"{cluster.url()}?options=-csearch_path%3D{schema}"


@pytest.fixture(params=BACKENDS)
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """An empty store's URL, once on SQLite and once on PostgreSQL."""
    url = fresh_url(request.param, tmp_path, request)
    yield url
    close_store(url)


@pytest.fixture
def store(store_url: str, registry_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Store:
    """A store initialised from a copy of the bundled registry (both backends)."""
    monkeypatch.setenv("PILOT_ATLAS_DATA_DIR", str(registry_dir))
    monkeypatch.setenv("PILOT_ATLAS_VAR_DIR", str(registry_dir.parent / "var"))
    return open_store(store_url)


@pytest.fixture
def app_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Store]:
    """A fresh SQLite store that the app (AppTest) uses for this test only."""
    url = f"sqlite:///{tmp_path / 'app-var' / 'atlas.sqlite'}"
    monkeypatch.setenv("PILOT_ATLAS_DATABASE_URL", url)
    monkeypatch.setenv("PILOT_ATLAS_VAR_DIR", str(tmp_path / "app-var"))
    yield open_store(url)
    close_store(url)
