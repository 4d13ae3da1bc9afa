"""Worst-case uploads: time to read and match, and a viewer's page load meanwhile.

Usage: ``make bench`` (section "uploads") or ``.venv/bin/python -m benchmarks.upload
[--loads 5] [--compare]``.

1. Each worst-case file of issue 10 (crafted quotes and commas, 20,000 columns,
   20,000 unknown names, every district with a typo, Turkish populations, the widest
   and longest file within the limits) is read, guessed and matched in this process;
   the slowest is the "worst upload".
2. The real app is started (``tests/support/live_app.py``) with an editor account.
   A viewer's overview load (navigation → district polygons drawn, Debian Chromium)
   is timed idle, then while an editor's browser uploads a fresh copy of the worst
   file (its hash differs each time, so nothing is cached). The ratio of the medians
   must stay ≤ 1.5. ``--compare`` repeats the loaded run with the work kept in the
   server process (``PILOT_ATLAS_UPLOAD_WORKER=0``) to show what the worker buys.
   Idle and loaded loads alternate so both see the same background load.
"""

from __future__ import annotations

import argparse
import random
import statistics
import string
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from geo import DATA_DIR  # noqa: E402
from geo.auth import hash_password  # noqa: E402
from geo.upload_service import MatchChoice, UploadService  # noqa: E402
from tests.support.live_app import launch, live_app, wait_for_map  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results"
MAX_RATIO = 1.5
USER, PASSWORD = "bench", "bench-password-1"


def _names(n: int, seed: int) -> list[str]:
    rnd = random.Random(seed)
    return ["".join(rnd.choice(string.ascii_lowercase) for _ in range(10)) for _ in range(n)]


def unknown_names(seed: int = 1) -> bytes:
    """20,000 rows: a real province and an unknown district name each."""
    units = pd.read_csv(DATA_DIR / "units.csv", dtype=str, keep_default_na=False)
    provinces = units["province"].tolist()
    rows = ["il;ilçe;değer"] + [
        f"{provinces[i % len(provinces)]};{name};{i}" for i, name in enumerate(_names(20_000, seed))
    ]
    return "\n".join(rows).encode()


def widest(seed: int = 1) -> bytes:
    """200 columns of numbers × as many rows as fit under 5 MB (the most cells allowed)."""
    header = "il," + ",".join(f"c{i}" for i in range(199))
    row = "Ankara," + ",".join("1" for _ in range(199))
    rows = [header, f"Ankara,{seed}," + ",".join("1" for _ in range(198))]
    rows += [row] * (4_990_000 // (len(row) + 1) - 1)
    return "\n".join(rows).encode()


#: Files that can be uploaded fresh (a new hash per seed) for the live measurement.
LIVE_FILES: dict[str, Callable[[int], bytes]] = {
    "200 columns × 12,000 rows": widest,
    "20,000 unknown district names": unknown_names,
}


def worst_files() -> dict[str, bytes]:
    """The pathological files of issue 10, each within (or just past) the limits."""
    units = pd.read_csv(DATA_DIR / "units.csv", dtype=str, keep_default_na=False)
    pairs = list(zip(units["province"], units["district"], strict=True))
    typos = ["il;ilçe;değer"] + [f"{p};{d[:-1]}x;1" for p, d in pairs]
    people = ["il;ilçe;nüfus"] + [
        f"{p};{d};{100 + i % 899}.{i % 1000:03d}" for i, (p, d) in enumerate(pairs)
    ]
    return {
        "crafted quotes, 4.9 MB": ((('"' * 60) + "\n") * 80_000).encode()[:4_900_000],
        "crafted commas, 4.9 MB": (("," * 60 + "\n") * 80_000).encode()[:4_900_000],
        "20,000 columns, 4.9 MB": (("a," * 20_000 + "\n") + ("1," * 20_000 + "\n") * 120).encode(),
        "200 columns × 12,000 rows": widest(),
        "20,000 unknown district names": unknown_names(),
        "973 districts with a typo": "\n".join(typos).encode(),
        "973 Turkish populations (467.919)": "\n".join(people).encode(),
    }


def time_files(files: dict[str, bytes]) -> dict[str, tuple[float, float]]:
    """Wall and CPU seconds to read, guess and match each file in this process (uncached).

    CPU time is the steadier figure on a shared machine; wall time is what a user waits.
    """
    seconds: dict[str, tuple[float, float]] = {}
    for name, data in files.items():
        service = UploadService(in_process=True)
        start, cpu = time.perf_counter(), time.process_time()
        parsed = service.parse(data, "worst.csv")
        if parsed.table is not None and parsed.guess["key_kind"]:
            guess = parsed.guess
            value = guess["value_column"] or parsed.table.frame.columns[-1]
            choice = MatchChoice(guess["key_kind"], tuple(guess["key_columns"]), value)
            service.match(data, "worst.csv", choice)
        seconds[name] = (time.perf_counter() - start, time.process_time() - cpu)
    return seconds


# --------------------------------------------------------------------------- browser


def _viewer_load(context, url: str) -> float:
    page = context.new_page()
    start = time.perf_counter()
    page.goto(url)
    wait_for_map(page, timeout=180)
    elapsed = time.perf_counter() - start
    page.close()
    return elapsed


def _editor_page(context, url: str):
    page = context.new_page()
    page.goto(url + "/?page=manage")
    page.get_by_label("Kullanıcı adı", exact=True).fill(USER)
    page.get_by_label("Parola", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Giriş yap").click()
    page.locator("input[type=file]").first.wait_for(state="attached", timeout=120_000)
    return page


def _upload(page, data: bytes, name: str) -> None:
    page.locator("input[type=file]").first.set_input_files(
        files=[{"name": name, "mimeType": "text/csv", "buffer": data}]
    )


def _wait_report(page, timeout: float = 300) -> None:
    page.get_by_text("Eşleşme raporu", exact=True).first.wait_for(timeout=timeout * 1000)


def live_figures(loads: int, make_file: Callable[[int], bytes], env: dict[str, str]) -> dict:
    """Median viewer load idle and during uploads of fresh copies of the worst file."""
    from playwright.sync_api import sync_playwright

    figures: dict[str, float] = {}
    with tempfile.TemporaryDirectory(prefix="pilot-atlas-bench-") as tmp:
        secrets = Path(tmp) / "secrets.toml"
        secrets.write_text(f'[editors]\n{USER} = "{hash_password(PASSWORD, 1000)}"\n')
        env = {
            **env,
            "STREAMLIT_SECRETS_FILES": str(secrets),
            "PILOT_ATLAS_VAR_DIR": str(Path(tmp) / "var"),
            # The store is SQLite in that folder, whatever the environment names.
            "PILOT_ATLAS_DATABASE_URL": f"sqlite:///{Path(tmp) / 'var' / 'atlas.sqlite'}",
        }
        with sync_playwright() as playwright, live_app(env=env, timeout=180) as url:
            browser = launch(playwright)
            viewer = browser.new_context(viewport={"width": 1440, "height": 900})
            editor = browser.new_context(viewport={"width": 1440, "height": 900})
            _viewer_load(viewer, url)  # warm the server and the browser cache
            page = _editor_page(editor, url)
            _upload(page, "il;değer\nAnkara;1\nİzmir;2\n".encode(), "warm.csv")
            _wait_report(page)  # starts the worker: not part of the figures
            # Idle and loaded runs alternate, so both see the same background load.
            idle, during, uploads, overlap = [], [], [], []
            for i in range(loads):
                idle.append(_viewer_load(viewer, url))
                data = make_file(100 + i)
                start = time.perf_counter()
                _upload(page, data, f"worst-{i}.csv")
                page.wait_for_timeout(300)  # the file reaches the server, work starts
                loaded = _viewer_load(viewer, url)
                _wait_report(page)
                uploads.append(time.perf_counter() - start)
                during.append(loaded)
                overlap.append(min(1.0, max(0.0, uploads[-1] - 0.3) / loaded))
            browser.close()
    figures["idle_s"] = statistics.median(idle)
    figures["during_s"] = statistics.median(during)
    figures["upload_s"] = statistics.median(uploads)
    figures["upload_max_s"] = max(uploads)
    figures["ratio"] = figures["during_s"] / figures["idle_s"]
    figures["overlap"] = statistics.median(overlap)
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--loads", type=int, default=5, help="viewer loads per state (median)")
    parser.add_argument(
        "--compare", action="store_true", help="also measure with the work in the server"
    )
    parser.add_argument("--no-browser", action="store_true", help="file timings only")
    args = parser.parse_args(argv)
    print("timing worst-case files in-process …", flush=True)
    seconds = time_files(worst_files())
    worst = max(seconds, key=lambda name: seconds[name][1])
    lines = [
        "| worst-case upload (read + guess + match, in-process) | wall s | CPU s |",
        "| --- | ---: | ---: |",
    ]
    lines += [f"| {name} | {wall:.2f} | {cpu:.2f} |" for name, (wall, cpu) in seconds.items()]
    status = 0
    live = ""
    if not args.no_browser:
        print("measuring a viewer's page load during the worst upload …", flush=True)
        live = max(LIVE_FILES, key=lambda name: seconds[name][1])
        runs = {"worker": live_figures(args.loads, LIVE_FILES[live], {})}
        if args.compare:
            runs["in server"] = live_figures(
                args.loads, LIVE_FILES[live], {"PILOT_ATLAS_UPLOAD_WORKER": "0"}
            )
        lines += [
            "",
            "| viewer overview load (median) | idle s | during upload s | ratio | "
            "upload s (median / max) | overlap |",
            "| --- | ---: | ---: | ---: | ---: | ---: |",
        ]
        for name, fig in runs.items():
            lines.append(
                f"| {name} | {fig['idle_s']:.2f} | {fig['during_s']:.2f} | "
                f"{fig['ratio']:.2f} | {fig['upload_s']:.2f} / {fig['upload_max_s']:.2f} | "
                f"{fig['overlap']:.0%} |"
            )
        if runs["worker"]["ratio"] > MAX_RATIO:
            status = 1
    table = "\n".join(lines)
    note = (
        f"\n- slowest file: {worst} ({seconds[worst][1]:.2f} CPU s)"
        + (f"; live uploads: fresh copies of '{live}'" if live else "")
        + "\n"
        f"- budget: viewer load during an upload ≤ {MAX_RATIO}× idle"
    )
    print()
    print(table + note)
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "uploads.md").write_text(table + "\n" + note + "\n", encoding="utf-8")
    return status


if __name__ == "__main__":
    sys.exit(main())
