"""Editor sign-in: password hashes from the secrets, and a throttle shared by all servers.

Accounts are PBKDF2 hashes in ``.streamlit/secrets.toml`` (``[editors] name = "hash"``,
made by ``python -m geo.auth hash-password``). The throttle lives in the store, so it
survives restarts, is the same on every app server, and counts an attempt in the same
transaction that checks the limit: parallel guesses cannot all pass the check.

Command line::

    python -m geo.auth hash-password [--iterations N] [--stdin]
"""

from __future__ import annotations

import argparse
import getpass
import hashlib
import hmac
import secrets as _secrets
import sys
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select, update

from geo.store import Store
from geo.store.core import EDITOR
from geo.store.engine import writing
from geo.store.schema import login_throttle

PBKDF2_ITERATIONS = 200_000
_MAX_ITERATIONS = 10_000_000
#: Failures of one user name within ``WINDOW`` seconds that lock it for ``WINDOW`` seconds.
LIMIT = 5
WINDOW = 300.0


def hash_password(
    password: str, iterations: int = PBKDF2_ITERATIONS, *, salt: bytes | None = None
) -> str:
    """PBKDF2-SHA256 hash in the form ``pbkdf2_sha256$iterations$salt_hex$hash_hex``."""
    if iterations < 1:
        raise ValueError("iterations must be positive")
    salt = _secrets.token_bytes(16) if salt is None else salt
    digest = hashlib.pbkdf2_hmac("sha256", password.encode("utf-8"), salt, iterations)
    return f"pbkdf2_sha256${iterations}${salt.hex()}${digest.hex()}"


def verify_password(password: str, encoded: str) -> bool:
    """Whether ``password`` matches a :func:`hash_password` string (constant-time)."""
    try:
        scheme, iterations_text, salt_hex, hash_hex = str(encoded).split("$")
        iterations = int(iterations_text)
        salt, expected = bytes.fromhex(salt_hex), bytes.fromhex(hash_hex)
    except ValueError:
        return False
    if scheme != "pbkdf2_sha256" or not 1 <= iterations <= _MAX_ITERATIONS or not expected:
        return False
    digest = hashlib.pbkdf2_hmac("sha256", password.encode("utf-8"), salt, iterations)
    return hmac.compare_digest(digest, expected)


def check_credentials(username: str, password: str, secrets: Mapping[str, Any]) -> str | None:
    """Role of a user whose password matches ``secrets["editors"][username]``.

    Parameters
    ----------
    username, password : str
        What the user typed.
    secrets : Mapping
        ``st.secrets`` or any mapping with an ``editors`` table of password hashes.

    Returns
    -------
    str or None
        ``"editor"`` on a match, otherwise ``None`` (also for malformed secrets).
    """
    try:
        editors = secrets["editors"]
        stored = editors.get(username)
    except (KeyError, TypeError, AttributeError):
        stored = None
    if not isinstance(stored, str) or not username or not password:
        # Same PBKDF2 work as a real check, so timing does not reveal user names.
        hashlib.pbkdf2_hmac("sha256", (password or "").encode(), b"none", PBKDF2_ITERATIONS)
        return None
    return EDITOR if verify_password(password, stored) else None


@dataclass(frozen=True)
class SignIn:
    """Outcome of :func:`sign_in`: the role granted, or seconds to wait when locked."""

    role: str | None
    wait: float = 0.0


class Throttle:
    """Failed sign-ins per user name, kept in the store (see the module docstring).

    ``clock`` returns seconds (wall clock: the servers sharing the store share it).
    """

    def __init__(
        self,
        store: Store,
        limit: int = LIMIT,
        window: float = WINDOW,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.store, self.limit, self.window, self._clock = store, limit, window, clock

    def reserve(self, user: str) -> float:
        """Count one attempt for ``user`` unless locked; returns seconds locked (0: go on).

        The attempt counts as a failure until :meth:`succeeded` clears it, so a burst
        of parallel attempts is cut off at the limit, whatever their passwords.
        """
        name, now = user.casefold(), self._clock()
        with writing(self.store.engine) as conn:
            row = conn.execute(
                select(
                    login_throttle.c.failures,
                    login_throttle.c.first_at,
                    login_throttle.c.locked_until,
                ).where(login_throttle.c.username == name)
            ).first()
            if row is None:
                conn.execute(
                    login_throttle.insert().values(
                        username=name, failures=1, first_at=now, locked_until=0.0
                    )
                )
                return 0.0
            failures, first_at, locked_until = int(row[0]), float(row[1]), float(row[2])
            if locked_until > now:
                return locked_until - now
            if now - first_at >= self.window:
                failures, first_at = 0, now
            failures += 1
            locked = now + self.window if failures > self.limit else 0.0
            conn.execute(
                update(login_throttle)
                .where(login_throttle.c.username == name)
                .values(failures=failures, first_at=first_at, locked_until=locked)
            )
            return self.window if locked else 0.0

    def succeeded(self, user: str) -> None:
        """Forget the failures of ``user`` after a correct password."""
        with writing(self.store.engine) as conn:
            conn.execute(
                login_throttle.delete().where(login_throttle.c.username == user.casefold())
            )


def sign_in(username: str, password: str, secrets: Mapping[str, Any], throttle: Throttle) -> SignIn:
    """Check a sign-in through the throttle: counted, then verified, then cleared on success."""
    username = username.strip()
    wait = throttle.reserve(username)
    if wait:
        return SignIn(None, wait)
    role = check_credentials(username, password, secrets)
    if role == EDITOR:
        throttle.succeeded(username)
    return SignIn(role)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m geo.auth", description="Pilot Atlas sign-in")
    commands = parser.add_subparsers(dest="command", required=True)
    hasher = commands.add_parser(
        "hash-password", help="print a password hash for .streamlit/secrets.toml [editors]"
    )
    hasher.add_argument("--iterations", type=int, default=PBKDF2_ITERATIONS)
    hasher.add_argument("--stdin", action="store_true", help="read the password from stdin")
    args = parser.parse_args(argv)
    if args.stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = getpass.getpass("Password: ")
        if getpass.getpass("Again: ") != password:
            print("The passwords differ.", file=sys.stderr)
            return 1
    if not password:
        print("Empty password refused.", file=sys.stderr)
        return 1
    print(hash_password(password, args.iterations))
    return 0


if __name__ == "__main__":
    sys.exit(main())
