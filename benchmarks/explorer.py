"""Benchmark: how long the served explorer (``make app``) takes to show its first chart.

    .venv/bin/python benchmarks/explorer.py [--repeat 3]

Starts Voilà on a free localhost port as ``make app`` does, once with a preheated
kernel (the default) and once without (a cold kernel per visit), and opens the page
``--repeat`` times in Debian's headless Chromium (``/usr/bin/chromium``, driven by
Playwright). Each time: from navigation to the chart image visible. Between visits
it waits until Voilà has preheated its next kernel. Prints each time and the median.
"""

from __future__ import annotations

import argparse
import socket
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

from helpers.core.paths import Workspace
from helpers.explorer import app

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip
POOL_FILLED = "Kernel pool of explore.ipynb is filled"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(condition, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("Voilà did not get ready")
        time.sleep(0.2)


def first_chart_times(ws: Workspace, preheat: bool, repeat: int) -> list[float]:
    from playwright.sync_api import sync_playwright

    port = free_port()
    with tempfile.TemporaryDirectory() as tmp:
        log = Path(tmp) / "voila.log"
        with open(log, "wb") as out:
            server = subprocess.Popen(
                app.voila_command(ws, port, preheat=preheat), cwd=ws.root,
                stdout=out, stderr=subprocess.STDOUT,
            )  # fmt: skip
            try:
                with socket.socket() as probe:
                    wait_for(lambda: probe.connect_ex(("127.0.0.1", port)) == 0)
                times = []

                def pool_fills() -> int:
                    return log.read_text(errors="replace").count(POOL_FILLED)

                if preheat:
                    wait_for(lambda: pool_fills() >= 1)
                with sync_playwright() as p:
                    browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
                    for _ in range(repeat):
                        before = pool_fills()
                        page = browser.new_page()
                        started = time.monotonic()
                        page.goto(f"http://127.0.0.1:{port}/")
                        page.locator("img.udforsker-graf").wait_for(state="visible", timeout=60_000)
                        times.append(time.monotonic() - started)
                        page.close()
                        if preheat:  # the next visitor gets a freshly preheated kernel
                            wait_for(lambda b=before: pool_fills() > b)
                    browser.close()
                return times
            finally:
                server.terminate()
                server.wait(timeout=30)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    ws = Workspace.default()
    for preheat in (True, False):
        times = first_chart_times(ws, preheat, args.repeat)
        label = "preheated kernel (make app)" if preheat else "cold kernel per visit"
        shown = ", ".join(f"{t:.1f}" for t in times)
        print(f"{label}: first chart after {shown} s; median {statistics.median(times):.1f} s")


if __name__ == "__main__":
    main()
