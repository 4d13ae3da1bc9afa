"""The store's tables and its numbered schema migrations.

``schema_migrations`` lists the steps applied. :func:`migrate` runs the missing ones in
order, each in the same write transaction as its bookkeeping row, so two servers
starting at once cannot both apply a step. A later schema change is a new numbered
step appended to :data:`MIGRATIONS`; applied steps are never edited.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from sqlalchemy import (
    Column,
    Connection,
    Engine,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    inspect,
    select,
)

from geo.store.engine import writing

metadata = MetaData()

schema_migrations = Table(
    "schema_migrations",
    metadata,
    Column("version", Integer, primary_key=True, autoincrement=False),
    Column("name", String(200), nullable=False),
    Column("applied_at", String(40), nullable=False),
)
#: Content-addressed file contents (registry files of every version), never deleted.
blobs = Table(
    "blobs",
    metadata,
    Column("sha256", String(64), primary_key=True),
    Column("content", LargeBinary, nullable=False),
)
#: The registry in service: file name → content.
registry_files = Table(
    "registry_files",
    metadata,
    Column("name", String(100), primary_key=True),
    Column("sha256", String(64), ForeignKey("blobs.sha256"), nullable=False),
)
changelog = Table(
    "changelog",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("at", String(40), nullable=False),
    Column("user", String(200), nullable=False),
    Column("role", String(40), nullable=False),
    Column("action", String(40), nullable=False),
    Column("what", Text, nullable=False),
    Column("detail", Text, nullable=False, default="{}"),
    # JSON lists of what a change wrote and read ("registry:sites.csv", "status:…",
    # "indicator:…"): undo refuses when a later change touched what it would revert.
    Column("writes", Text, nullable=False, default="[]"),
    Column("reads", Text, nullable=False, default="[]"),
    Column("undo_of", Integer, ForeignKey("changelog.id"), nullable=True),
    Column("undone_by", Integer, ForeignKey("changelog.id"), nullable=True),
)
Index("changelog_action", changelog.c.action, changelog.c.undone_by)
status_overrides = Table(
    "status_overrides",
    metadata,
    Column("project", String(100), primary_key=True),
    Column("phase", String(100), primary_key=True),
    Column("pcode", String(20), primary_key=True),
    Column("deliverable", String(100), primary_key=True),
    Column("status", String(100), nullable=False),
    Column("updated_at", String(40), nullable=False),
    Column("updated_by", String(200), nullable=False),
)
user_indicators = Table(
    "user_indicators",
    metadata,
    Column("id", String(63), primary_key=True),
    Column("label_tr", Text, nullable=False),
    Column("label_en", Text, nullable=False),
    Column("unit", Text, nullable=False, default=""),
    Column("level", String(20), nullable=False),
    Column("year", Integer, nullable=True),
    Column("source", Text, nullable=False, default=""),
    Column("higher_is_better", Integer, nullable=True),
    Column("created_at", String(40), nullable=False),
    Column("created_by", String(200), nullable=False),
)
user_indicator_values = Table(
    "user_indicator_values",
    metadata,
    Column(
        "indicator_id",
        String(63),
        ForeignKey("user_indicators.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    Column("pcode", String(20), primary_key=True),
    Column("value", Float, nullable=False),
)
#: Failed sign-ins per user name, shared by every server (see ``geo.auth``).
login_throttle = Table(
    "login_throttle",
    metadata,
    Column("username", String(200), primary_key=True),
    Column("failures", Integer, nullable=False),
    Column("first_at", Float, nullable=False),
    Column("locked_until", Float, nullable=False),
)

#: Tables exported by ``python -m geo.store export`` (besides the registry files).
DATA_TABLES = (status_overrides, user_indicators, user_indicator_values, changelog)


def _step_1_initial(conn: Connection) -> None:
    metadata.create_all(
        conn,
        tables=[
            blobs,
            registry_files,
            changelog,
            status_overrides,
            user_indicators,
            user_indicator_values,
            login_throttle,
        ],
    )


#: Numbered steps: (version, name, function). Append only.
MIGRATIONS: tuple[tuple[int, str, Callable[[Connection], None]], ...] = (
    (1, "initial schema", _step_1_initial),
)
LATEST = MIGRATIONS[-1][0]


def applied_version(conn: Connection) -> int:
    """The highest migration step applied (0 for an empty database)."""
    if not inspect(conn).has_table("schema_migrations"):
        return 0
    value = conn.execute(
        select(schema_migrations.c.version).order_by(schema_migrations.c.version.desc()).limit(1)
    ).scalar()
    return int(value or 0)


def migrate(engine: Engine) -> list[int]:
    """Apply the missing migration steps; returns the numbers applied (may be none)."""
    with writing(engine) as conn:
        metadata.create_all(conn, tables=[schema_migrations])
        current = applied_version(conn)
        if current > LATEST:
            raise RuntimeError(
                f"the store's schema is version {current}, newer than this code ({LATEST}); "
                "upgrade Pilot Atlas"
            )
        done = []
        for version, name, step in MIGRATIONS:
            if version <= current:
                continue
            step(conn)
            conn.execute(
                schema_migrations.insert().values(
                    version=version,
                    name=name,
                    applied_at=datetime.now(UTC).isoformat(timespec="seconds"),
                )
            )
            done.append(version)
    return done
