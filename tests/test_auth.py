"""Editor sign-in: password hashes, malformed secrets, and the throttle kept in the store."""

from __future__ import annotations

import io
import threading
import tomllib

import pytest

from geo import DATA_DIR
from geo.auth import (
    Throttle,
    check_credentials,
    hash_password,
    main,
    sign_in,
    verify_password,
)
from geo.store import Store, open_store

SECRETS = {"editors": {"ayse": hash_password("doğru", 1_000)}}


def test_password_hash_format_and_check() -> None:
    encoded = hash_password("gizli şifre", iterations=1_000)
    scheme, iterations, salt, digest = encoded.split("$")
    assert (scheme, iterations, len(salt), len(digest)) == ("pbkdf2_sha256", "1000", 32, 64)
    assert hash_password("x", 1_000) != hash_password("x", 1_000)  # random salt
    assert verify_password("gizli şifre", encoded)
    assert not verify_password("gizli sifre", encoded)
    secrets = {"editors": {"ayse": encoded}}
    assert check_credentials("ayse", "gizli şifre", secrets) == "editor"
    assert check_credentials("ayse", "wrong", secrets) is None
    assert check_credentials("mehmet", "gizli şifre", secrets) is None
    assert check_credentials("ayse", "", secrets) is None


@pytest.mark.parametrize(
    "secrets",
    [
        {},
        {"editors": "nope"},
        {"editors": {"ayse": 5}},
        {"editors": {"ayse": "md5$1$00$00"}},
        {"editors": {"ayse": "pbkdf2_sha256$x$zz$00"}},
    ],
)
def test_malformed_secrets_never_grant_editing(secrets: dict) -> None:
    assert check_credentials("ayse", "anything", secrets) is None


def test_secrets_example_works_with_change_me() -> None:
    path = DATA_DIR.parent / ".streamlit" / "secrets.toml.example"
    secrets = tomllib.loads(path.read_text(encoding="utf-8"))
    assert "python -m geo.auth hash-password" in path.read_text(encoding="utf-8")
    assert check_credentials("editor", "change-me", secrets) == "editor"
    assert check_credentials("editor", "change-me ", secrets) is None


def test_hash_password_cli(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("s3cret\n"))
    assert main(["hash-password", "--stdin", "--iterations", "1000"]) == 0
    encoded = capsys.readouterr().out.strip()
    assert encoded.startswith("pbkdf2_sha256$1000$")
    assert verify_password("s3cret", encoded)
    monkeypatch.setattr("getpass.getpass", lambda prompt: "a" if "Again" not in prompt else "b")
    assert main(["hash-password"]) == 1


def test_throttle_locks_a_name_after_repeated_failures(store_url: str) -> None:
    now = [1000.0]
    throttle = Throttle(open_store(store_url, initialise=False), 3, 60, lambda: now[0])
    for _ in range(3):
        assert sign_in("Ayse", "wrong", SECRETS, throttle).wait == 0
    assert sign_in("AYSE", "doğru", SECRETS, throttle).wait == pytest.approx(60)
    assert sign_in("someone-else", "x", SECRETS, throttle).wait == 0
    now[0] += 61
    assert sign_in("ayse", "doğru", SECRETS, throttle).role == "editor"
    # A success forgets the failures; a new throttle object (another server, a restart)
    # sees the same counts because they live in the store.
    other = Throttle(Store(store_url), 3, 60, lambda: now[0])
    for _ in range(3):
        assert sign_in("ayse", "wrong", SECRETS, other).wait == 0
    assert sign_in("ayse", "doğru", SECRETS, throttle).wait > 0


def test_parallel_attempts_cannot_all_pass_the_limit(store_url: str) -> None:
    """12 sessions submit at once against a limit of 5: only 5 get a password check."""
    store = open_store(store_url, initialise=False)
    barrier = threading.Barrier(12)
    results: list[float] = []

    def attempt() -> None:
        throttle = Throttle(store, limit=5, window=300)
        barrier.wait()
        results.append(sign_in("ayse", "wrong", SECRETS, throttle).wait)

    threads = [threading.Thread(target=attempt) for _ in range(12)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(r == 0 for r in results) == [False] * 7 + [True] * 5
