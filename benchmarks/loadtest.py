"""Many viewers at once: N Streamlit sessions driven over the websocket, no browser each.

Each simulated viewer does what the browser's Streamlit client does on the overview:
it opens ``/_stcore/stream`` (subprotocol ``streamlit``), sends a ``BackMsg``
``rerun_script`` with the page's query string and empty widget state, reads the
``ForwardMsg`` stream up to ``script_finished``, reruns once more with the map frame's
"drawn" value (as the browser's frame reports it; the page then renders what stands
below the map, and the load counts both runs), and then every ``interval`` seconds
changes the project filter by sending ``rerun_script`` again with the multiselect's new
value in ``widget_states`` (the widget id and its options are read from the
``multiselect`` delta, exactly as the browser learns them), echoing the query string
the app last wrote. A fresh visitor also downloads the two national geometry files over
HTTP (gzip accepted), so the load includes the static serving a real first visit costs.

Rerun latency is the time from sending ``rerun_script`` to its ``script_finished``.
Errors are failed connections, timeouts (no ``script_finished`` within ``timeout``),
scripts that did not finish successfully, and ``exception`` or error ``alert`` elements.
Server CPU is read from ``/proc/<pid>/stat`` (user + system time of the server
processes, including nginx when it is in front) over the measured window, as a share
of one core.

Two servers: the same app started twice behind Debian's nginx on loopback. The server
part of the configuration is the team's ``deploy/nginx`` template when this checkout has
it (rendered with ``deploy/render_nginx.py``), otherwise a benchmark-local one; both
upgrade the websocket and keep a browser on one server by a cookie that nginx sets on
the first response (``hash … consistent``), since Streamlit keeps a session, its uploads
and its download files in one server's memory. Each simulated viewer carries its own
cookie. The benchmark wraps the server part in a minimal ``http`` block with gzip on.
"""

from __future__ import annotations

import asyncio
import contextlib
import importlib.util
import os
import random
import shutil
import statistics
import subprocess
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from tests.support.live_app import free_port, live_app, stderr_tail, stop, wait_healthy

ROOT = Path(__file__).resolve().parent.parent
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
GEOMETRY = ("district.json", "province.json")
FILTER_KEY = "-f_project"
BUDGETS = {1: (25, 1.0), 2: (50, 1.0)}  # servers: (viewers, p95 seconds)


@dataclass
class Stats:
    """What the simulated viewers observed."""

    loads: list[float] = field(default_factory=list)
    reruns: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    ws_bytes: int = 0


def _cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _with_children(pid: int) -> list[int]:
    pids = [pid]
    with contextlib.suppress(OSError):
        for task in Path(f"/proc/{pid}/task").iterdir():
            pids += [int(p) for p in (task / "children").read_text().split()]
    return pids


def _total_cpu(pids: list[int]) -> float:
    total = 0.0
    for pid in pids:
        for one in _with_children(pid):
            with contextlib.suppress(OSError):
                total += _cpu_seconds(one)
    return total


class Viewer:
    """One simulated browser tab on the overview."""

    def __init__(self, base: str, stats: Stats, timeout: float) -> None:
        self.base = base
        self.stats = stats
        self.timeout = timeout
        self.query = ""
        self.page_hash = ""
        self.filter_id: str | None = None
        self.map_id: str | None = None
        self.map_value = ""  # the map frame's value, as a browser's frame reports it
        self.options: list[str] = []
        # A browser's affinity cookie, so nginx spreads viewers over the servers.
        self.cookie = f"atlas_route={random.getrandbits(64):016x}"

    def _fetch_geometry(self, version_url: str) -> None:
        for name in GEOMETRY:
            request = urllib.request.Request(
                f"{version_url}/{name}",
                headers={"Accept-Encoding": "gzip", "Cookie": self.cookie},
            )
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                response.read()

    def rerun_message(self, values: list[str] | None) -> bytes:
        from streamlit.proto.BackMsg_pb2 import BackMsg

        msg = BackMsg()
        state = msg.rerun_script
        state.query_string = self.query
        state.page_script_hash = self.page_hash
        state.context_info.timezone = "Europe/Istanbul"
        state.context_info.locale = "tr-TR"
        state.context_info.url = self.base + "/"
        if values is not None and self.filter_id:
            widget = state.widget_states.widgets.add()
            widget.id = self.filter_id
            widget.string_array_value.data.extend(values)
        if self.map_value and self.map_id:
            # What the browser's map frame reports (pages/ui/mapframe.py).
            widget = state.widget_states.widgets.add()
            widget.id = self.map_id
            widget.json_value = self.map_value
        return msg.SerializeToString()

    def read(self, data: bytes) -> bool:
        """Take in one ForwardMsg; True when it ends the script run."""
        from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

        msg = ForwardMsg()
        msg.ParseFromString(data)
        kind = msg.WhichOneof("type")
        if kind == "new_session":
            self.page_hash = msg.new_session.page_script_hash
        elif kind == "page_info_changed":
            self.query = msg.page_info_changed.query_string
        elif kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
            element = msg.delta.new_element
            which = element.WhichOneof("type")
            if which == "component_instance" and element.component_instance.component_name.endswith(
                "atlas_map"
            ):
                self.map_id = element.component_instance.id
            elif which == "multiselect" and element.multiselect.id.endswith(FILTER_KEY):
                self.filter_id = element.multiselect.id
                self.options = list(element.multiselect.options)
            elif which == "exception":
                self.stats.errors.append(f"exception: {element.exception.message[:120]}")
            elif which == "alert" and element.alert.format == 1:  # ERROR
                self.stats.errors.append(f"error message: {element.alert.body[:120]}")
        elif kind == "script_finished":
            if msg.script_finished not in (0, 3):  # successfully / fragment successfully
                self.stats.errors.append(f"script finished with status {msg.script_finished}")
            return True
        return False

    async def _run_once(self, ws, values: list[str] | None) -> float:
        start = time.perf_counter()
        await ws.send(self.rerun_message(values))
        async with asyncio.timeout(self.timeout):
            while True:
                data = await ws.recv()
                self.stats.ws_bytes += len(data)
                if self.read(data):
                    return time.perf_counter() - start

    async def visit(self, until: float, interval: float, version_url: str) -> None:
        from websockets.asyncio.client import connect

        ws_url = self.base.replace("http://", "ws://") + "/_stcore/stream"
        try:
            async with connect(
                ws_url,
                subprotocols=["streamlit"],
                origin=self.base,
                additional_headers={"Cookie": self.cookie},
                max_size=None,
                compression=None,
                open_timeout=self.timeout,
            ) as ws:
                started = time.perf_counter()
                await asyncio.to_thread(self._fetch_geometry, version_url)
                load = await self._run_once(ws, None)
                # A browser's map frame then reports the map drawn (the widgets follow),
                # then that page rendered (the charts and tables follow).
                for value in ('{"drawn": true}', '{"drawn": true, "settled": true}'):
                    self.map_value = value
                    load += await self._run_once(ws, None)
                self.stats.loads.append(load)
                step = 0
                while True:
                    step += 1
                    due = started + step * interval
                    if due >= until:
                        break
                    await asyncio.sleep(max(0.0, due - time.perf_counter()))
                    choice = [self.options[:1], self.options[:2], []][step % 3]
                    self.stats.reruns.append(await self._run_once(ws, choice))
        except TimeoutError:
            self.stats.errors.append("timeout waiting for script_finished")
        except Exception as exc:  # every failure mode of a viewer is one error, named
            self.stats.errors.append(f"{type(exc).__name__}: {exc}"[:160])


async def _drive(base: str, viewers: int, duration: float, interval: float, timeout: float):
    from geo.assets import GEOMETRY_URL

    stats = Stats()
    start = time.perf_counter()
    until = start + duration
    tasks = []
    for i in range(viewers):
        viewer = Viewer(base, stats, timeout)

        async def delayed(v: Viewer = viewer, delay: float = interval * i / viewers) -> None:
            # Arrivals spread over one interval, so filter changes do not all coincide.
            await asyncio.sleep(delay)
            await v.visit(until, interval, base + GEOMETRY_URL)

        tasks.append(asyncio.create_task(delayed()))
    await asyncio.gather(*tasks)
    return stats, time.perf_counter() - start


def percentile(samples: list[float], q: float) -> float:
    if not samples:
        return float("nan")
    if len(samples) == 1:
        return samples[0]
    return statistics.quantiles(samples, n=100, method="inclusive")[q - 1]


@dataclass
class LoadResult:
    """One row of the load table."""

    servers: int
    viewers: int
    reruns: int
    p50: float
    p95: float
    load_p50: float
    errors: int
    server_cpu: float  # share of one core over the window (1.0 = one core busy)
    client_cpu: float
    first_errors: list[str]
    cpu_ms_per_run: float = float("nan")  # server CPU per script run (loads + reruns)


def run_load(
    base: str, pids: list[int], viewers: int, duration: float, interval: float = 2.0
) -> LoadResult:
    """Drive ``viewers`` sessions against ``base`` for ``duration`` seconds."""
    cpu0, own0 = _total_cpu(pids), time.process_time()
    stats, wall = asyncio.run(_drive(base, viewers, duration, interval, timeout=30.0))
    cpu_seconds = _total_cpu(pids) - cpu0
    cpu = cpu_seconds / wall
    own = (time.process_time() - own0) / wall
    runs = len(stats.reruns) + len(stats.loads)
    return LoadResult(
        servers=0,
        viewers=viewers,
        reruns=len(stats.reruns),
        p50=percentile(stats.reruns, 50),
        p95=percentile(stats.reruns, 95),
        load_p50=percentile(stats.loads, 50),
        errors=len(stats.errors),
        server_cpu=cpu,
        client_cpu=own,
        first_errors=sorted(set(stats.errors))[:3],
        cpu_ms_per_run=1000 * cpu_seconds / runs if runs else float("nan"),
    )


NGINX_HTTP = """
worker_processes 1;
pid {tmp}/nginx.pid;
error_log {tmp}/error.log warn;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    client_body_temp_path {tmp}/body;
    proxy_temp_path {tmp}/proxy;
    fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi;
    scgi_temp_path {tmp}/scgi;
    # Streamlit 1.67 serves its own JavaScript bundle uncompressed (it leaves that to a
    # proxy); about 2.3 MB of it on every first visit.
    gzip on;
    gzip_comp_level 5;
    gzip_min_length 1024;
    gzip_types text/css application/javascript text/javascript application/json
               image/svg+xml;
{site}
}}
"""
#: Used until the team's deploy/ configuration is in this checkout.
LOCAL_SITE = """
    map $http_upgrade $connection_upgrade {{ default upgrade; "" close; }}
    # One browser stays on one server: Streamlit keeps sessions, uploads and download
    # files in that server's memory. The first response sets the cookie.
    map $cookie_atlas_route $sticky {{ "" $request_id; default $cookie_atlas_route; }}
    upstream atlas {{
        hash $sticky consistent;
{servers}
    }}
    server {{
        listen 127.0.0.1:{port};
        location / {{
            proxy_pass http://atlas;
            proxy_http_version 1.1;
            proxy_set_header Host $host;
            proxy_set_header Upgrade $http_upgrade;
            proxy_set_header Connection $connection_upgrade;
            proxy_read_timeout 86400;
            proxy_buffering off;
            add_header Set-Cookie "atlas_route=$sticky; Path=/; HttpOnly; SameSite=Lax";
        }}
    }}
"""
DEPLOY_RENDER = ROOT / "deploy" / "render_nginx.py"


def _site(upstreams: list[str], port: int) -> tuple[str, str]:
    """The server part of the nginx configuration, and where it comes from."""
    hosts = [u.removeprefix("http://") for u in upstreams]
    if DEPLOY_RENDER.is_file():
        spec = importlib.util.spec_from_file_location("render_nginx", DEPLOY_RENDER)
        module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
        spec.loader.exec_module(module)  # type: ignore[union-attr]
        site = module.render(listen=f"127.0.0.1:{port}", servers=hosts)
        return site, "deploy/nginx (team deployment)"
    servers = "\n".join(f"        server {h};" for h in hosts)
    return LOCAL_SITE.format(servers=servers, port=port), "benchmark-local nginx config"


@contextlib.contextmanager
def nginx_front(upstreams: list[str]) -> Iterator[tuple[str, int]]:
    """Debian nginx on a free loopback port in front of ``upstreams``; yields (url, pid)."""
    port = free_port()
    with tempfile.TemporaryDirectory(prefix="atlas-nginx-") as tmp:
        site, _ = _site(upstreams, port)
        conf = Path(tmp) / "nginx.conf"
        conf.write_text(NGINX_HTTP.format(tmp=tmp, site=site))
        process = subprocess.Popen(
            [NGINX, "-p", tmp, "-e", f"{tmp}/error.log", "-c", str(conf), "-g", "daemon off;"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        url = f"http://127.0.0.1:{port}"
        try:
            wait_healthy(url, process, 10, "nginx", lambda: stderr_tail(process, 1000))
            yield url, process.pid
        finally:
            stop(process)


def _warm(url: str) -> None:
    """One session through the overview, so the server's caches are warm."""
    result = asyncio.run(_drive(url, 1, 0.1, 2.0, timeout=120.0))
    if result[0].errors:
        msg = f"warm-up failed: {result[0].errors[0]}"
        raise RuntimeError(msg)


def front_source() -> str:
    """Which nginx configuration the two-server rows use."""
    return _site(["127.0.0.1:1"], 1)[1]


def measure(viewer_counts: list[int], duration: float, two_servers: bool) -> list[LoadResult]:
    """The load table: every viewer count on one server, then (optionally) on two."""
    results: list[LoadResult] = []
    one: list = []
    with live_app(on_start=one) as url:
        _warm(url)
        for n in viewer_counts:
            row = run_load(url, [one[0].pid], n, duration)
            row.servers = 1
            results.append(row)
    if not two_servers:
        return results
    procs: list = []
    with (
        live_app(on_start=procs) as a,
        live_app(on_start=procs) as b,
        nginx_front([a, b]) as (front, nginx_pid),
    ):
        _warm(a)
        _warm(b)
        for n in viewer_counts:
            row = run_load(front, [p.pid for p in procs] + [nginx_pid], n, duration)
            row.servers = 2
            results.append(row)
    return results


def table(results: list[LoadResult], duration: float) -> str:
    """Markdown load table with the budget verdicts."""
    lines = [
        f"| viewers (filter change every 2 s, {duration:.0f} s) | servers | reruns | "
        "rerun p50 (s) | rerun p95 (s) | first load p50 (s) | errors | server CPU "
        "(cores) | server CPU per script run (ms) | load generator CPU (cores) | "
        "budget p95 ≤ 1.0 s |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for r in results:
        budget_n, budget_p95 = BUDGETS[r.servers]
        verdict = "—"
        if r.viewers == budget_n:
            verdict = "yes" if r.p95 <= budget_p95 and r.errors == 0 else "NO"
        lines.append(
            f"| {r.viewers} | {r.servers}{' (nginx)' if r.servers == 2 else ''} | {r.reruns} | "
            f"{r.p50:.3f} | {r.p95:.3f} | {r.load_p50:.3f} | {r.errors} | "
            f"{r.server_cpu:.2f} | {r.cpu_ms_per_run:.0f} | {r.client_cpu:.2f} | {verdict} |"
        )
    notes = [f"- {r.viewers} on {r.servers}: {e}" for r in results for e in r.first_errors]
    if notes:
        lines += ["", "Errors seen (first three kinds per row):", *notes]
    return "\n".join(lines)
