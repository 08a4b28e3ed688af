"""A real browser (Debian's chromium, headless, driven by playwright) on a real `ledger serve`:
the chart page and the claims table load with no JavaScript error, the chart has its points,
a point leads to its quote. Screenshots are kept in test-artifacts/.

Skipped only when /usr/bin/chromium is absent; .ci/run installs it and sets
LEDGER_REQUIRE_BROWSER=1, which turns that skip into a failure.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest

from conftest import ROOT
from scenario import KEY, project, story

CHROMIUM = Path("/usr/bin/chromium")
FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip
ARTIFACTS = ROOT / "test-artifacts"

if not CHROMIUM.exists():
    if os.environ.get("LEDGER_REQUIRE_BROWSER"):
        pytest.fail("LEDGER_REQUIRE_BROWSER is set but /usr/bin/chromium is missing")
    pytest.skip(
        "no /usr/bin/chromium (apt-get install chromium; .ci/run does)", allow_module_level=True
    )


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def server(app, home) -> Iterator[str]:
    """`ledger serve` as a real process on a free port, over the story's views."""
    ids = story(app)
    project(home, app)
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "ledger", "serve", "--port", str(port)],
        env={**os.environ, "LEDGER_HOME": str(home)},
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(url + "/-/versions.json", timeout=1)
                break
            except OSError:
                assert proc.poll() is None, proc.stdout.read().decode() if proc.stdout else ""
                time.sleep(0.2)
        yield url, ids
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_chart_and_claims_table_in_a_real_browser(server):
    from playwright.sync_api import sync_playwright

    url, ids = server
    ARTIFACTS.mkdir(exist_ok=True)
    errors: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS)
        page = browser.new_page(viewport={"width": 1200, "height": 1000})
        page.on("pageerror", lambda e: errors.append(f"page error: {e}"))
        page.on(
            "console", lambda m: errors.append(f"console: {m.text}") if m.type == "error" else None
        )

        page.goto(f"{url}/-/growth?metric={quote(KEY)}")
        points = page.locator("svg.growth-chart a.point circle")
        assert points.count() == 11, "the chart has no points"
        assert page.locator("svg.growth-chart path.step").get_attribute("d")
        page.screenshot(path=ARTIFACTS / "growth-chart.png", full_page=True)

        page.locator("svg.growth-chart a.point").first.click()
        page.wait_for_url(f"**/projections/claims/{ids['kirby']}")
        assert page.locator("mark", has_text="1,000").count() >= 1

        page.goto(f"{url}/projections/claims")
        assert page.locator("table.rows-and-columns tbody tr").count() > 10
        page.screenshot(path=ARTIFACTS / "claims-table.png", full_page=True)
        browser.close()
    assert errors == []
