"""Two app servers on one PostgreSQL behind nginx (deploy/), driven by Chromium.

A status changed through server A shows in the overview's figure on server B's next
page load, without a restart; an upload through nginx reaches the session's server
(sticky sessions); everything runs on 127.0.0.1 and is thrown away afterwards.
"""

from __future__ import annotations

import os
import re
import tempfile
import time
from pathlib import Path

import pytest

from geo.auth import hash_password
from geo.store import changelog_frame, close_store, open_store
from geo.store.registry_ops import status_overrides_frame
from tests.support import pg
from tests.support.live_app import chromium_path, free_port, launch, live_app, wait_for_map
from tests.support.nginx import NGINX, nginx, route_keys

pytestmark = pytest.mark.browser

if chromium_path() is None or not NGINX.exists():
    if os.environ.get("PILOT_ATLAS_REQUIRE_BROWSER"):
        pytest.fail("chromium and nginx are required here (PILOT_ATLAS_REQUIRE_BROWSER is set)")
    pytest.skip("chromium or nginx not installed", allow_module_level=True)

FIGURE = "Deliverable quantity"
PASSWORD = "replica-test"


def figure(page) -> str:
    """The overview's completed / total deliverables figure, as shown."""
    metric = page.locator('[data-testid="stMetric"]', has_text=FIGURE).first
    metric.wait_for(timeout=60_000)
    return metric.locator('[data-testid="stMetricValue"]').inner_text().strip()


def wait_for_change(url: str, action: str, timeout: float = 60):
    """The change log once its newest entry is ``action`` (the click went through)."""
    deadline = time.monotonic() + timeout
    while True:
        log = changelog_frame(open_store(url))
        if log.iloc[0]["action"] == action:
            return log
        assert time.monotonic() < deadline, f"no {action} change was saved"
        time.sleep(0.5)


def test_two_servers_one_database_behind_nginx(pg_cluster: pg.Cluster, tmp_path: Path) -> None:
    from playwright.sync_api import sync_playwright

    url = pg_cluster.new_database()
    open_store(url)  # migrated and initialised from data/, as `geo.store init` would
    home = Path(tempfile.mkdtemp(prefix="atlas-home-", dir=tmp_path))
    (home / ".streamlit").mkdir()
    (home / ".streamlit" / "secrets.toml").write_text(
        f'[editors]\nayse = "{hash_password(PASSWORD, 1000)}"\n', encoding="utf-8"
    )
    env = {
        "PILOT_ATLAS_DATABASE_URL": url,
        "HOME": str(home),  # Streamlit reads ~/.streamlit/secrets.toml: the editor account
        "STREAMLIT_SERVER_COOKIE_SECRET": "same-on-every-replica",
    }
    with (
        live_app(env=env, timeout=180) as server_a,
        live_app(env=env, timeout=180) as server_b,
    ):
        servers = [server_a.removeprefix("http://"), server_b.removeprefix("http://")]
        with nginx(free_port(), servers) as proxy, sync_playwright() as playwright:
            keys = route_keys(proxy, servers)
            browser = launch(playwright)
            pages = {}
            for name, server in zip("ab", servers, strict=True):
                context = browser.new_context(viewport={"width": 1440, "height": 900})
                context.add_cookies([{"name": "atlas_route", "value": keys[server], "url": proxy}])
                pages[name] = context.new_page()
            # Server B, through nginx: the overview and its figure.
            page_b = pages["b"]
            page_b.goto(f"{proxy}/?lang=en")
            wait_for_map(page_b, timeout=120)
            before = figure(page_b)
            # Server A, through nginx: sign in, change a deliverable's status.
            page_a = pages["a"]
            page_a.goto(f"{proxy}/?page=manage&lang=en")
            page_a.get_by_role("textbox", name="User name").fill("ayse")
            page_a.get_by_role("textbox", name="Password").fill(PASSWORD)
            page_a.get_by_role("button", name="Sign in").click()
            page_a.get_by_role("tab", name="Deliverable status").click()
            update = page_a.get_by_role("button", name="Update the status")
            for choice in ("Planned", "Completed", "In progress"):
                # The button is enabled once the status differs from the current one.
                page_a.get_by_label("New status").click()
                page_a.get_by_role("option", name=choice, exact=True).click()
                page_a.wait_for_timeout(1500)
                if update.is_enabled():
                    break
            update.click()
            log = wait_for_change(url, "status")
            assert log.iloc[0]["action"] == "status" and log.iloc[0]["user"] == "ayse"
            assert len(status_overrides_frame(open_store(url))) <= 1
            # Server B's next page load shows the new figure: no restart, same database.
            page_b.goto(f"{proxy}/?lang=en")
            wait_for_map(page_b, timeout=120)
            after = figure(page_b)
            assert after != before, (before, after)
            completed = [int(re.sub(r"\D", "", part)) for part in after.split("/")]
            assert completed[1] == int(re.sub(r"\D", "", before.split("/")[1]))
            # An upload through nginx reaches the session's server (sticky) and is read.
            page_a.get_by_role("tab", name="User indicators").click()
            page_a.locator('input[type="file"]').first.set_input_files(
                files=[
                    {
                        "name": "goc.csv",
                        "mimeType": "text/csv",
                        "buffer": b"il_kodu;deger\n6;1,5\n34;2,5\n35;3\n",
                    }
                ]
            )
            report = page_a.locator('[data-testid="stMetric"]', has_text="Matched").first
            report.wait_for(timeout=60_000)  # the match report, after the upload was read
            assert report.locator('[data-testid="stMetricValue"]').inner_text() == "3"
            page_a.screenshot(path=str(tmp_path / "replica-upload.png"))
            browser.close()
    close_store(url)
