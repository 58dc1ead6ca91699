"""End to end: the served explorer (``make app``: Voilà on localhost) in Debian's Chromium,
driven headless by Playwright. Changing the as-of half-year and the indicator must change
the verdict and the chart; a screenshot goes to ``test-artifacts/``.

The browser is the system's ``/usr/bin/chromium`` (``apt-get install chromium``; ``.ci/run``
installs it where it can): nothing is downloaded. The machine's network may be closed, so
Chromium runs without any of its background services.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
from pathlib import Path

import pytest

from helpers.explorer import app

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
START_TIMEOUT = 40.0  # seconds until Voilà listens
PAGE_TIMEOUT = 45_000  # milliseconds until the first chart shows

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        not CHROMIUM.exists(),
        reason="Debian's Chromium is not installed at /usr/bin/chromium "
        "(apt-get install chromium; .ci/run does it where apt-get is available)",
    ),
]


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def listening(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.settimeout(0.5)
        return sock.connect_ex(("127.0.0.1", port)) == 0


@pytest.fixture
def app_url(ws, tmp_path):
    """``make app``'s server on a free localhost port; always stopped afterwards."""
    port = free_port()
    log_path = tmp_path / "voila.log"
    with open(log_path, "wb") as log:
        server = subprocess.Popen(
            app.voila_command(ws, port),
            cwd=ws.root,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its kernels share its process group
        )
        try:
            deadline = time.monotonic() + START_TIMEOUT
            while not listening(port):
                if server.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"Voilà did not start:\n{log_path.read_text(errors='replace')}")
                time.sleep(0.2)
            yield f"http://127.0.0.1:{port}/"
        finally:
            server.terminate()  # Voilà shuts its kernels down on SIGTERM
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)
                server.wait()


def test_the_served_explorer_reacts_to_as_of_and_indicator(app_url, ws):
    sync_api = pytest.importorskip("playwright.sync_api")
    artifacts = ws.root / "test-artifacts"
    artifacts.mkdir(exist_ok=True)
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1100, "height": 1400}, locale="da-DK")
            started = time.monotonic()
            page.goto(app_url)
            chart = page.locator("img.udforsker-graf")
            chart.wait_for(state="visible", timeout=PAGE_TIMEOUT)
            first_chart = time.monotonic() - started
            verdict = page.locator(".udforsker-vurdering")

            def shown() -> tuple[str, str]:
                return verdict.inner_text(), chart.get_attribute("src") or ""

            def wait_for_new_chart(old: str) -> None:
                page.wait_for_function(
                    "old => { const img = document.querySelector('img.udforsker-graf');"
                    " return img !== null && img.getAttribute('src') !== old; }",
                    arg=old,
                    timeout=20_000,
                )

            text, src = shown()
            assert "For få tal" in text and "2 tal, men reglen kræver mindst 3" in text
            assert "2. halvår 2013" in text
            assert src.startswith("data:image/png;base64,")
            content = page.content()
            for hidden in ("explorer_app.App", "from helpers", "Standardvisningen", "Traceback"):
                assert hidden not in content  # no code, no stored default view, no errors

            page.locator(".udforsker-as-of select").select_option(label="1. halvår 2012")
            sync_api.expect(verdict).to_contain_text("Vurderet pr. 1. halvår 2012")
            wait_for_new_chart(src)
            text_2012, src_2012 = shown()
            assert "For få tal" in text_2012 and "1 tal, men reglen kræver mindst 3" in text_2012

            indicator = "Placering i Intercultural Cities-indekset"
            page.locator(".udforsker-indicator select").select_option(label=indicator)
            sync_api.expect(verdict).to_contain_text("bedst integrerende storby")
            wait_for_new_chart(src_2012)
            text_icc, src_icc = shown()
            assert "Mål POL11-OM" in text_icc and text_icc != text_2012
            assert len({src, src_2012, src_icc}) == 3
            page.screenshot(path=str(artifacts / "explorer.png"), full_page=True)
        finally:
            browser.close()
    (artifacts / "explorer_first_chart.txt").write_text(
        f"first chart after {first_chart:.1f} s (navigation to the chart image visible)\n",
        encoding="utf-8",
    )
