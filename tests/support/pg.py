"""A throwaway PostgreSQL cluster for tests: initdb in a temporary folder, loopback only.

PostgreSQL refuses to run as root, so as root the server runs as the ``postgres`` system
user. Nothing outside the temporary folder and 127.0.0.1 is touched; the cluster is
stopped and deleted afterwards. ``PILOT_ATLAS_REQUIRE_POSTGRES=1`` (set in CI) turns
"PostgreSQL is not installed" from a skip into a failure.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

REQUIRE_ENV = "PILOT_ATLAS_REQUIRE_POSTGRES"
_COUNTER = itertools.count(1)


def pg_bin() -> Path | None:
    """The newest installed PostgreSQL server's ``bin`` folder."""
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"), key=lambda p: p.parts[-3])
    return found[-1].parent if found else None


def missing_postgres() -> None:
    """Skip (or fail when PostgreSQL is required) because no server is installed."""
    if os.environ.get(REQUIRE_ENV):
        pytest.fail(f"PostgreSQL is required here ({REQUIRE_ENV} is set) but not installed")
    pytest.skip("PostgreSQL server binaries not installed (/usr/lib/postgresql/*/bin)")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _as_postgres(args: list[str]) -> list[str]:
    if os.geteuid() != 0:
        return args
    return ["runuser", "-u", "postgres", "--", *args]


class Cluster:
    """A running throwaway cluster; :meth:`new_database` gives each test its own database."""

    def __init__(self, root: Path, port: int) -> None:
        self.root, self.port = root, port

    def url(self, database: str = "postgres") -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{database}"

    def new_database(self) -> str:
        import psycopg

        name = f"atlas_{os.getpid()}_{next(_COUNTER)}"
        with psycopg.connect(
            f"host=127.0.0.1 port={self.port} user=postgres dbname=postgres", autocommit=True
        ) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)


@contextlib.contextmanager
def cluster() -> Iterator[Cluster]:
    """Start a cluster in a temporary folder; stop and delete it on exit."""
    bin_dir = pg_bin()
    if bin_dir is None:
        missing_postgres()
    root = Path(tempfile.mkdtemp(prefix="atlas-pg-"))
    data, port = root / "data", free_port()
    if os.geteuid() == 0:
        shutil.chown(root, "postgres", "postgres")
    ctl = str(bin_dir / "pg_ctl")
    try:
        subprocess.run(
            _as_postgres(
                [
                    str(bin_dir / "initdb"),
                    "-D",
                    str(data),
                    "-U",
                    "postgres",
                    "-A",
                    "trust",
                    "--no-sync",
                    "-E",
                    "UTF8",
                    "--locale=C.UTF-8",
                ]
            ),
            check=True,
            capture_output=True,
            timeout=120,
        )
        options = (
            f"-c listen_addresses=127.0.0.1 -p {port} -k {root} -c fsync=off "
            "-c full_page_writes=off -c max_connections=200"
        )
        subprocess.run(
            _as_postgres(
                [ctl, "-D", str(data), "-l", str(root / "log"), "-o", options, "-w", "start"]
            ),
            check=True,
            capture_output=True,
            timeout=120,
        )
        yield Cluster(root, port)
    finally:
        subprocess.run(
            _as_postgres([ctl, "-D", str(data), "-m", "immediate", "-w", "stop"]),
            capture_output=True,
            timeout=60,
            check=False,
        )
        shutil.rmtree(root, ignore_errors=True)
