"""Run the real app on a free localhost port and drive it with Debian's Chromium.

Shared by the browser test and the benchmark. Playwright is used only as a driver: the
browser is the system ``chromium`` (``apt-get install chromium``); no browser download.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-features=PreloadTopChromeWebUI,WebUIOmniboxPopup,WebUIOmniboxAimPopup,WebUIOmniboxFullPopup",
]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def chromium_path() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


#: Servers kept for the whole test session once :func:`share_servers` was called, keyed
#: by script and the ``PILOT_ATLAS_*`` environment they were started with.
_SHARED: dict[tuple, tuple[str, subprocess.Popen, IO[bytes]]] = {}
_SHARING: dict[str, bool] = {"on": False}


def share_servers() -> None:
    """Let plain ``live_app()`` calls reuse one running server per script and settings.

    Called by the test suite (each browser test file used to boot its own server: about
    10 s of CPU each, for the same app with the same settings). Every test still opens its
    own browser context, so its Streamlit session starts fresh. Calls that pass ``env`` or
    ``on_start`` (replicas, benchmarks) always get a server of their own.
    """
    _SHARING["on"] = True


def stop_shared_servers() -> None:
    """Stop every shared server (end of the test session)."""
    while _SHARED:
        _, (_, process, log) = _SHARED.popitem()
        stop(process)
        log.close()


def _settings_key(script: Path) -> tuple:
    atlas = sorted((k, v) for k, v in os.environ.items() if k.startswith("PILOT_ATLAS_"))
    return (str(script), tuple(atlas))


@contextmanager
def live_app(
    env: dict[str, str] | None = None,
    timeout: float = 90,
    script: Path = ROOT / "app.py",
    on_start: list | None = None,
) -> Iterator[str]:
    """Start ``streamlit run <script>`` on a free port; yield its base URL; stop it after.

    ``on_start``, if given, receives the server's ``Popen`` (for PID and memory readings).
    After :func:`share_servers`, a call without ``env`` and ``on_start`` yields a server
    shared with earlier such calls in the same environment, left running afterwards.
    """
    if _SHARING["on"] and env is None and on_start is None:
        yield _shared_url(script, timeout)
        return
    process, url = _start(script, env, subprocess.PIPE)
    if on_start is not None:
        on_start.append(process)
    try:
        wait_healthy(url, process, timeout, "app", lambda: stderr_tail(process, 2000))
        yield url
    finally:
        stop(process)


def _shared_url(script: Path, timeout: float) -> str:
    key = _settings_key(script)
    if key in _SHARED:
        url, process, log = _SHARED[key]
        if process.poll() is None:
            return url
        del _SHARED[key]  # it died: start another
        log.close()
    # A log file, not a pipe: nobody reads a long-lived server's pipe, and a full pipe
    # would block the server.
    log = tempfile.TemporaryFile()  # noqa: SIM115 - closed by stop_shared_servers()
    process, url = _start(script, None, log)

    def details() -> str:
        log.seek(0)
        return log.read().decode(errors="replace")[-2000:]

    try:
        wait_healthy(url, process, timeout, "app", details)
    except RuntimeError:
        stop(process)
        log.close()
        raise
    _SHARED[key] = (url, process, log)
    return url


def _start(script: Path, env: dict[str, str] | None, stderr) -> tuple[subprocess.Popen, str]:
    """``streamlit run <script>`` on a free loopback port: the process and its URL."""
    port = free_port()
    command = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(script),
        "--server.port",
        str(port),
        "--server.address",
        "127.0.0.1",
        "--server.headless",
        "true",
        "--browser.gatherUsageStats",
        "false",
        "--server.fileWatcherType",
        "none",
    ]
    process = subprocess.Popen(
        command,
        cwd=ROOT,
        env={**os.environ, **(env or {})},
        stdout=subprocess.DEVNULL,
        stderr=stderr,
    )
    return process, f"http://127.0.0.1:{port}"


def stderr_tail(process: subprocess.Popen, chars: int) -> str:
    """The end of a stopped process's standard error (for start-up failures)."""
    return process.stderr.read().decode(errors="replace")[-chars:] if process.stderr else ""


def wait_healthy(
    url: str,
    process: subprocess.Popen,
    timeout: float,
    what: str,
    details: Callable[[], str],
) -> None:
    """Poll ``url``'s Streamlit health endpoint (direct or through nginx) until it answers.

    Raises ``RuntimeError`` naming ``what`` and ``details()`` when ``process`` exits or
    ``timeout`` seconds pass first.
    """
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            msg = f"{what} did not start on {url}: {details()}"
            raise RuntimeError(msg)
        time.sleep(0.2)


def stop(process: subprocess.Popen) -> None:
    """Terminate ``process``; kill it if it has not ended 10 s later."""
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def launch(playwright):
    """Headless Debian Chromium through Playwright (never a downloaded browser)."""
    path = chromium_path()
    if path is None:
        msg = "chromium is not installed (apt-get install chromium chromium-driver)"
        raise RuntimeError(msg)
    return playwright.chromium.launch(executable_path=path, headless=True, args=CHROMIUM_ARGS)


def wait_for_map(page, timeout: float = 60):
    """The frame whose Leaflet map reports ``data-atlas-drawn``; raises on timeout."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for frame in page.frames:
            try:
                if frame.query_selector("[data-atlas-drawn]"):
                    return frame
            except Exception:  # frames come and go while Streamlit renders
                continue
        time.sleep(0.05)
    msg = "the map did not report drawn polygons in time"
    raise TimeoutError(msg)
