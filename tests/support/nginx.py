"""A throwaway nginx in front of local app servers, from deploy/'s template (127.0.0.1)."""

from __future__ import annotations

import contextlib
import importlib.util
import os
import shutil
import subprocess
import tempfile
import urllib.request
from collections.abc import Iterator
from pathlib import Path

from tests.support.live_app import ROOT, stop, wait_healthy

NGINX = Path("/usr/sbin/nginx")


def _render() -> object:
    spec = importlib.util.spec_from_file_location(
        "render_nginx", ROOT / "deploy" / "render_nginx.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@contextlib.contextmanager
def nginx(port: int, servers: list[str], max_upload: str = "12m") -> Iterator[str]:
    """Run nginx on 127.0.0.1:``port`` for ``servers``; yields its base URL."""
    root = Path(tempfile.mkdtemp(prefix="atlas-nginx-"))
    site = _render().render(listen=f"127.0.0.1:{port}", servers=servers, max_upload=max_upload)
    (root / "site.conf").write_text(site, encoding="utf-8")
    user = "user root root;\n" if os.geteuid() == 0 else ""
    (root / "nginx.conf").write_text(
        f"""{user}worker_processes 1;
pid {root}/nginx.pid;
error_log {root}/error.log;
events {{ worker_connections 256; }}
http {{
    access_log off;
    client_body_temp_path {root}/body;
    proxy_temp_path {root}/proxy;
    fastcgi_temp_path {root}/fastcgi;
    uwsgi_temp_path {root}/uwsgi;
    scgi_temp_path {root}/scgi;
    include {root}/site.conf;
}}
""",
        encoding="utf-8",
    )
    process = subprocess.Popen(
        [str(NGINX), "-c", str(root / "nginx.conf"), "-p", str(root), "-g", "daemon off;"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_healthy(
            url, process, 30, "nginx", lambda: (root / "error.log").read_text(errors="replace")
        )
        yield url
    finally:
        stop(process)
        shutil.rmtree(root, ignore_errors=True)


def route_keys(url: str, servers: list[str], tries: int = 200) -> dict[str, str]:
    """A value of the ``atlas_route`` cookie that nginx sends to each server."""
    found: dict[str, str] = {}
    for i in range(tries):
        key = f"k{i}"
        request = urllib.request.Request(
            f"{url}/_stcore/health", headers={"Cookie": f"atlas_route={key}"}
        )
        with urllib.request.urlopen(request, timeout=10) as response:
            upstream = response.headers["X-Atlas-Upstream"]
            assert f"atlas_route={key};" in " ".join(response.headers.get_all("Set-Cookie") or [])
        found.setdefault(upstream, key)
        if len(found) == len(servers):
            return found
    raise AssertionError(f"no cookie routed to each of {servers}: {found}")
