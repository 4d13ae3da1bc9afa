"""``python -m geo.store``: set up, inspect, back up, restore and update the store.

Commands::

    init [--data DIR] [--legacy-var DIR]   migrate the schema; fill an empty store
    info                                   backend, schema version, row counts, last change
    import-bundled [--dry-run] [--data DIR]  merge a release's data/ as one undoable change
    export DIR                             every table as CSV (a consistent snapshot)
    restore DIR                            validate an export and make it current (undoable)
    undo ID                                undo change ID (refused if later changes need it)

The store is the one the app uses: ``PILOT_ATLAS_DATABASE_URL``, else secrets, else
SQLite in ``var/``; ``--url`` overrides.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path

from sqlalchemy import func, select

from geo import config
from geo.registry import RegistryError


def _user(args: argparse.Namespace) -> str:
    if args.user:
        return str(args.user)
    try:
        return f"cli:{getpass.getuser()}"
    except (KeyError, OSError):
        return "cli"


def _problems(exc: RegistryError) -> int:
    print(f"{len(exc.issues)} problem(s); nothing was written:", file=sys.stderr)
    for issue in exc.issues[:50]:
        print(f"  - {issue}", file=sys.stderr)
    return 2


def _cmd_init(args: argparse.Namespace, url: str) -> int:
    from geo.store import Store, migrate
    from geo.store.bundled import initialise

    store = Store(url)
    applied = migrate(store.engine)
    data = Path(args.data) if args.data else config.bundled_data_dir()
    legacy = Path(args.legacy_var) if args.legacy_var else config.var_dir()
    change = initialise(store, data, legacy_dir=legacy, user=_user(args))
    print(f"store: {config.redacted(url)}")
    print(f"migrations applied: {', '.join(map(str, applied)) or 'none (up to date)'}")
    print(
        f"registry: initialised from {data} (change #{change})"
        if change
        else "registry: already initialised"
    )
    return 0


def _cmd_info(_: argparse.Namespace, url: str) -> int:
    from geo.registry_edit import read_csv_bytes
    from geo.store import open_store
    from geo.store.bundled import pending_release
    from geo.store.core import registry_contents
    from geo.store.engine import reading
    from geo.store.schema import DATA_TABLES, applied_version, changelog

    store = open_store(url)
    with reading(store.engine) as conn:
        schema = applied_version(conn)
        counts = {
            t.name: int(conn.execute(select(func.count()).select_from(t)).scalar() or 0)
            for t in DATA_TABLES
        }
        files = registry_contents(conn)
        last = conn.execute(
            select(
                changelog.c.id,
                changelog.c.at,
                changelog.c.user,
                changelog.c.action,
                changelog.c.what,
            )
            .order_by(changelog.c.id.desc())
            .limit(1)
        ).first()
    print(f"backend: {store.backend} ({config.redacted(url)})")
    print(f"schema version: {schema}")
    print(f"store version: {last[0] if last else 0}")
    for name in ("sites.csv", "deliverables.csv"):
        rows = len(read_csv_bytes(files[name])) if name in files else 0
        print(f"registry {name.removesuffix('.csv')}: {rows} rows")
    for name, count in counts.items():
        print(f"{name}: {count} rows")
    if last:
        print(f"last change: #{last[0]} {last[1]} {last[2]} {last[3]}: {last[4]}")
    pending = pending_release(store, config.bundled_data_dir())
    if pending:
        print(
            f"bundled data changed since last import: {', '.join(pending)} "
            "(see import-bundled --dry-run)"
        )
    return 0


def _cmd_import(args: argparse.Namespace, url: str) -> int:
    from geo.store import open_store
    from geo.store.bundled import import_bundled

    store = open_store(url)
    data = Path(args.data) if args.data else config.bundled_data_dir()
    try:
        plan = import_bundled(store, data, dry_run=args.dry_run, user=_user(args))
    except RegistryError as exc:
        return _problems(exc)
    print(("dry run: " if args.dry_run else "") + plan.summary())
    for name, diff in plan.diffs.items():
        print(f"\n{name}.csv:")
        print(diff.to_string(index=False))
    for file, keys in plan.conflicts.items():
        print(f"\nconflicts in {file} (editors' version kept):")
        for key in keys:
            print("  " + " / ".join(key))
    if plan.change_id:
        print(
            f"\napplied as change #{plan.change_id} "
            f"(undo: python -m geo.store undo {plan.change_id})"
        )
    return 0


def _cmd_export(args: argparse.Namespace, url: str) -> int:
    from geo.store import open_store
    from geo.store.transfer import export_store

    manifest = export_store(open_store(url), args.dir)
    print(
        f"exported store version {manifest['store_version']} to {args.dir}: "
        + ", ".join(manifest["files"])
    )
    return 0


def _cmd_restore(args: argparse.Namespace, url: str) -> int:
    from geo.store import open_store
    from geo.store.transfer import restore_store

    try:
        change = restore_store(open_store(url), args.dir, user=_user(args), role="editor")
    except RegistryError as exc:
        return _problems(exc)
    print(f"restored {args.dir} as change #{change} (undo: python -m geo.store undo {change})")
    return 0


def _cmd_undo(args: argparse.Namespace, url: str) -> int:
    from geo.store import open_store
    from geo.store.undo import UndoRefusedError, undo_change

    try:
        undo = undo_change(open_store(url), args.id, user=_user(args), role="editor")
    except UndoRefusedError as exc:
        print(str(exc), file=sys.stderr)
        return 1
    print(f"change #{args.id} undone by #{undo}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m geo.store", description="Pilot Atlas store")
    parser.add_argument("--url", help="SQLAlchemy URL (default: the app's store)")
    commands = parser.add_subparsers(dest="command", required=True)
    init = commands.add_parser("init", help="migrate the schema and fill an empty store")
    init.add_argument("--data", help="bundled registry folder (default data/)")
    init.add_argument("--legacy-var", help="var/ of a version before the store (default var/)")
    init.add_argument("--user")
    commands.add_parser("info", help="backend, schema version, row counts, last change")
    imp = commands.add_parser("import-bundled", help="merge a release's data/ into the store")
    imp.add_argument("--dry-run", action="store_true", help="show the difference, write nothing")
    imp.add_argument("--data", help="bundled registry folder (default data/)")
    imp.add_argument("--user")
    export = commands.add_parser("export", help="write every table as CSV into DIR")
    export.add_argument("dir")
    restore = commands.add_parser("restore", help="make an export current (one undoable change)")
    restore.add_argument("dir")
    restore.add_argument("--user")
    undo = commands.add_parser("undo", help="undo change ID")
    undo.add_argument("id", type=int)
    undo.add_argument("--user")
    args = parser.parse_args(argv)
    url = args.url or config.database_url()
    handlers = {
        "init": _cmd_init,
        "info": _cmd_info,
        "import-bundled": _cmd_import,
        "export": _cmd_export,
        "restore": _cmd_restore,
        "undo": _cmd_undo,
    }
    try:
        return handlers[args.command](args, url)
    except RegistryError as exc:
        return _problems(exc)
    except (FileExistsError, FileNotFoundError, RuntimeError) as exc:
        print(str(exc), file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
