"""Browser measurements: first visits (fresh context, optionally throttled) and actions.

A *first visit* is a page load in a new browser context (empty HTTP cache, no cookies)
against a server that has already run the page once (warm server), timed from
navigation to the national map drawn (the map frame sets ``data-atlas-drawn``) — or,
for the empty Streamlit page, to its one line of text. Throttled visits use Chromium's
DevTools network emulation (``Network.emulateNetworkConditions``) for the page target,
which same-origin component frames share.

Recorded visits also keep the request waterfall from DevTools ``Network`` events: start
and end of every request relative to the document request, bytes on the wire
(``encodedDataLength``, headers included, compressed as served), decoded body bytes and
``Content-Encoding``.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from tests.support.js import probe

#: The benchmarks' browser-side code, linted with the map's (scripts/lint_web.sh).
JS = Path(__file__).resolve().parent / "js"
#: A map has marked itself drawn (shared with the browser tests: tests/js/map_drawn.js).
ATLAS_DRAWN = probe("map_drawn")
EMPTY_SHOWN = probe("empty_shown", JS)
#: Download 1.6 Mbit/s, upload 0.75 Mbit/s, 150 ms added latency (DevTools "Fast 3G").
THROTTLE = {
    "offline": False,
    "latency": 150,
    "downloadThroughput": 1_600_000 / 8,
    "uploadThroughput": 750_000 / 8,
}
VIEWPORT = {"width": 1500, "height": 1000}
_STRIP_DRAWN = probe("strip_drawn", JS)


def wait_drawn(page, condition: str, timeout: float = 120, poll: float = 0.02) -> None:
    """Poll every frame of ``page`` until ``condition`` (a JS function) is true."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for frame in page.frames:
            try:
                if frame.evaluate(condition):
                    return
            except Exception:  # frames are replaced while Streamlit renders
                continue
        time.sleep(poll)
    msg = "the page was not drawn in time"
    raise TimeoutError(msg)


@dataclass
class Request:
    """One HTTP request of a recorded visit (seconds from the document request)."""

    url: str
    start: float
    end: float | None = None
    wire_bytes: int = 0
    body_bytes: int = 0
    encoding: str = ""
    status: int = 0


@dataclass
class Visit:
    """One first visit: seconds to drawn, and for recorded visits bytes and waterfall."""

    seconds: float
    http_bytes: int = 0
    ws_bytes: int = 0
    requests: list[Request] = field(default_factory=list)


class _Recorder:
    """Collects DevTools ``Network`` events into :class:`Request` rows."""

    def __init__(self, cdp) -> None:
        self.rows: dict[str, Request] = {}
        self.origin: float | None = None
        self.ws_bytes = 0
        cdp.on("Network.requestWillBeSent", self._sent)
        cdp.on("Network.responseReceived", self._response)
        cdp.on("Network.dataReceived", self._data)
        cdp.on("Network.loadingFinished", self._finished)
        cdp.on("Network.webSocketFrameReceived", self._ws)

    def _sent(self, event: dict) -> None:
        if self.origin is None:
            self.origin = event["timestamp"]
        self.rows[event["requestId"]] = Request(
            event["request"]["url"], event["timestamp"] - self.origin
        )

    def _response(self, event: dict) -> None:
        row = self.rows.get(event["requestId"])
        if row is not None:
            headers = {k.lower(): v for k, v in event["response"].get("headers", {}).items()}
            row.encoding = headers.get("content-encoding", "")
            row.status = int(event["response"].get("status", 0))

    def _data(self, event: dict) -> None:
        row = self.rows.get(event["requestId"])
        if row is not None:
            row.body_bytes += int(event.get("dataLength", 0))

    def _finished(self, event: dict) -> None:
        row = self.rows.get(event["requestId"])
        if row is not None and self.origin is not None:
            row.end = event["timestamp"] - self.origin
            row.wire_bytes = int(event.get("encodedDataLength", 0))

    def _ws(self, event: dict) -> None:
        payload = event.get("response", {}).get("payloadData", "")
        # Binary frames arrive base64-encoded: four characters per three bytes.
        self.ws_bytes += len(payload) * 3 // 4


def fresh_visit(
    browser, url: str, condition: str, *, throttle: bool = False, record: bool = False
) -> Visit:
    """One load in a new browser context; seconds from navigation to ``condition``."""
    context = browser.new_context(viewport=VIEWPORT)
    try:
        page = context.new_page()
        recorder = None
        if throttle or record:
            cdp = context.new_cdp_session(page)
            if record:
                recorder = _Recorder(cdp)
            cdp.send("Network.enable")
            if throttle:
                cdp.send("Network.emulateNetworkConditions", THROTTLE)
        start = time.perf_counter()
        page.goto(url, wait_until="commit", timeout=180_000)
        wait_drawn(page, condition, timeout=180)
        visit = Visit(time.perf_counter() - start)
        if recorder is not None:
            page.wait_for_timeout(500)  # responses still streaming when the map drew
            visit.requests = sorted(recorder.rows.values(), key=lambda r: r.start)
            visit.http_bytes = sum(r.wire_bytes for r in visit.requests)
            visit.ws_bytes = recorder.ws_bytes
        return visit
    finally:
        context.close()


def median_visit(
    browser, url: str, condition: str, loads: int, *, throttle: bool = False
) -> tuple[float, list[float]]:
    """Median seconds of ``loads`` fresh visits, and every sample."""
    samples = [
        fresh_visit(browser, url, condition, throttle=throttle).seconds for _ in range(loads)
    ]
    return statistics.median(samples), samples


def waterfall(visit: Visit, drawn: float | None = None, limit: int = 60) -> str:
    """The recorded requests as text: start, end, wire and body KB, encoding, path."""
    lines = ["   start     end   wire KB   body KB  enc   path"]
    rows = visit.requests
    # Streamlit's many small JS chunks are folded into one line per burst.
    for row in rows[:limit]:
        path = row.url.split("/", 3)[-1][:80] if "://" in row.url else row.url[:80]
        end = f"{row.end:7.3f}" if row.end is not None else "      —"
        lines.append(
            f"{row.start:8.3f} {end} {row.wire_bytes / 1e3:9.1f} {row.body_bytes / 1e3:9.1f}"
            f"  {row.encoding or '-':4}  /{path}"
        )
    if len(rows) > limit:
        lines.append(f"… {len(rows) - limit} more requests")
    if drawn is not None:
        lines.append(f"map drawn at {drawn:.3f} s after navigation")
    return "\n".join(lines)


#: Run in every document of a context (``BrowserContext.add_init_script``): notes the
#: last pointer or key press and the last map drawn on the top page's clock.
ACTION_CLOCK = probe("action_clock", JS)


@dataclass
class ActionTime:
    """One action: seconds from the user's input in the page (the last pointer or key
    press) to the map drawn again, and from the driver's call (which adds Playwright's
    own locating, scrolling and clicking) to the same moment."""

    from_input: float
    from_call: float


def timed_action(page, act: Callable[[], None], timeout: float = 30) -> ActionTime:
    """Time ``act()`` until a map frame reports ``data-atlas-drawn`` again (the page's
    context needs :data:`ACTION_CLOCK` for the time from the input).

    The attribute is removed from every frame first, so only a redraw after the action
    counts (a new configuration is redrawn on the frame's map; a frame whose place in
    the page changed is created anew).
    """
    for frame in page.frames:
        try:
            frame.evaluate(_STRIP_DRAWN)
        except Exception:  # a frame that is going away has nothing to strip
            continue
    page.evaluate(probe("action_reset", JS))
    start = time.perf_counter()
    act()
    wait_drawn(page, ATLAS_DRAWN, timeout=timeout)
    from_call = time.perf_counter() - start
    noted, drawn = page.evaluate(probe("action_times", JS))
    # Without the clock script (a context made elsewhere) only the driver's time is known.
    from_input = (drawn - noted) / 1000 if noted and drawn else from_call
    return ActionTime(from_input=from_input, from_call=from_call)
