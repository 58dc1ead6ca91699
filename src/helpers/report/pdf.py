"""Print the half-year reports as A4 PDFs with Debian's Chromium (headless).

    python -m helpers.report.pdf                      # every report in reports/ (make pdf)
    python -m helpers.report.pdf --period 2013H2      # one half-year
    python -m helpers.report.pdf --from 2012H1 --to 2013H2 --out build/pdf

Each ``reports/<half-year>/evaluation_report.html`` becomes
``evaluation_report.pdf`` beside it (or in ``--out/<half-year>/``): A4, the report's
title and data cut-off in the page header, "Side X af Y" in the footer, the
report's own print stylesheet (tables kept whole where they fit, headings kept
with what follows). PDFs are build products: they are not committed and not
part of the stale check (``make report`` replaces a report folder, PDF included).

The browser is the system's ``/usr/bin/chromium`` (``apt-get install chromium``),
the same one the browser test drives, through Playwright's DevTools connection;
nothing is downloaded. One browser prints all reports. Without it (or without the
font Liberation Sans, or the Playwright package) the command says what to install
and exits with status 2.
"""

from __future__ import annotations

import argparse
import html
import re
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from helpers.core import atomic
from helpers.core.errors import BarometerError
from helpers.core.paths import Workspace
from helpers.core.periods import REPORT_FIRST, REPORT_LAST, HalfYear
from helpers.report.layout import REPORT_STEM

if TYPE_CHECKING:
    from playwright.sync_api import Browser

CHROMIUM = Path("/usr/bin/chromium")
#: Headless, and none of Chromium's background services (the network may be closed).
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",  # containers often have a 64 MB /dev/shm
]
INSTALL_HINT = (
    "install Debian's Chromium and the report font with "
    "'sudo apt-get install chromium fonts-liberation' (no browser is downloaded)"
)
#: The print stylesheet's font. Without it Chromium falls back to DejaVu Sans, which is
#: wider: the scorecard no longer fits the page width and page counts differ.
FONT_FILE = "LiberationSans-Regular.ttf"
FONT_DIRS = (Path("/usr/share/fonts"), Path("/usr/local/share/fonts"))
REPORT_HTML = f"{REPORT_STEM}.html"
REPORT_PDF = f"{REPORT_STEM}.pdf"
#: Page margins: the header and footer are drawn inside the top and bottom margins.
MARGIN = {"top": "18mm", "bottom": "15mm", "left": "15mm", "right": "15mm"}
TIMEOUT_MS = 60_000

_TITLE = re.compile(r"<title>(.*?)</title>", re.DOTALL)
_CUTOFF = re.compile(r"data til og med (\d{2}\.\d{2}\.\d{4})")


class PdfSetupError(BarometerError):
    """Something printing needs is not installed: Debian's Chromium, the Playwright
    package that drives it, or the report font."""


@dataclass(frozen=True)
class ReportHeading:
    """What the page header shows: the report's title and its data cut-off."""

    title: str
    half_year: HalfYear
    cutoff: str  # dd.mm.yyyy, as the report's own "data til og med" heading says


def find_chromium(path: Path | None = None) -> Path:
    """Debian's Chromium, or :class:`PdfSetupError` saying how to install what is missing
    (Chromium, the report font, the Playwright package)."""
    path = path or CHROMIUM
    if not path.is_file():
        raise PdfSetupError(f"{path} does not exist: {INSTALL_HINT}")
    if not any(next(d.rglob(FONT_FILE), None) for d in FONT_DIRS if d.is_dir()):
        raise PdfSetupError(f"the font Liberation Sans is not installed: {INSTALL_HINT}")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError as exc:
        raise PdfSetupError(
            "the Python package 'playwright' (which drives Chromium) is not installed: "
            "run 'make pdf', which installs the project's dependencies into .venv"
        ) from exc
    return path


def report_heading(html_path: Path) -> ReportHeading:
    """The title (``<title>``), half-year (the folder name) and data cut-off (the
    report's "data til og med dd.mm.yyyy" heading) of one rendered report."""
    text = html_path.read_text(encoding="utf-8")
    half_year = HalfYear.parse(html_path.parent.name)
    title = _TITLE.search(text)
    cutoff = _CUTOFF.search(text)
    if title is None or cutoff is None:
        raise BarometerError(
            f"{html_path} has no <title> or no 'data til og med dd.mm.yyyy' heading: "
            "regenerate the reports with 'make report'"
        )
    return ReportHeading(html.unescape(title.group(1)).strip(), half_year, cutoff.group(1))


_STYLE = "font-family: 'Liberation Sans', Arial, sans-serif; font-size: 8pt; color: #57606a;"


def header_template(heading: ReportHeading) -> str:
    """Chromium's page header: title on the left, half-year and cut-off on the right.

    Header and footer templates are separate documents without the report's
    stylesheet, so they carry their own inline styles and a font size.
    """
    left = html.escape(heading.title)
    right = html.escape(f"{heading.half_year.label_da()} · data til og med {heading.cutoff}")
    return (
        f'<div style="{_STYLE} width: 100%; margin: 0 15mm; display: flex; '
        "justify-content: space-between; border-bottom: 0.5pt solid #d0d7de; "
        f'padding-bottom: 1.5mm;"><span>{left}</span><span>{right}</span></div>'
    )


def footer_template() -> str:
    """Chromium's page footer: "Side X af Y", centred."""
    return (
        f'<div style="{_STYLE} width: 100%; margin: 0 15mm; text-align: center;">'
        'Side <span class="pageNumber"></span> af <span class="totalPages"></span></div>'
    )


@contextmanager
def chromium(path: Path | None = None) -> Iterator[Browser]:
    """One headless Debian Chromium for any number of reports; always closed."""
    path = find_chromium(path)
    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        try:
            browser = playwright.chromium.launch(executable_path=str(path), args=CHROMIUM_ARGS)
        except PlaywrightError as exc:
            first = (exc.message or "").strip().splitlines()[:1]
            raise PdfSetupError(
                f"{path} did not start ({' '.join(first)}): {INSTALL_HINT}"
            ) from exc
        try:
            yield browser
        finally:
            browser.close()


def print_report(browser: Browser, html_path: Path, pdf_path: Path) -> int:
    """Print one report to an A4 PDF (written atomically); returns its size in bytes."""
    heading = report_heading(html_path)
    page = browser.new_page(locale="da-DK")
    try:
        page.set_default_timeout(TIMEOUT_MS)
        page.goto(html_path.resolve().as_uri(), wait_until="load")
        data = page.pdf(
            format="A4",
            margin=MARGIN,
            print_background=True,  # the coloured verdict badges
            display_header_footer=True,
            header_template=header_template(heading),
            footer_template=footer_template(),
            outline=True,  # PDF bookmarks from the headings
            tagged=True,  # accessible (tagged) PDF
        )
    finally:
        page.close()
    pdf_path.parent.mkdir(parents=True, exist_ok=True)
    atomic.write_bytes(pdf_path, data)
    return len(data)


def report_folders(reports: Path, periods: list[HalfYear]) -> list[Path]:
    """The report HTML of each half-year, or an error naming the ones missing."""
    paths = [reports / str(p) / REPORT_HTML for p in periods]
    missing = [p for p in paths if not p.is_file()]
    if missing:
        names = ", ".join(p.parent.name for p in missing)
        raise BarometerError(f"no rendered report for {names} in {reports}: run 'make report'")
    return paths


def print_reports(
    html_paths: list[Path],
    out: Path | None = None,
    *,
    chromium_path: Path | None = None,
    progress: Callable[[str], None] | None = None,
) -> list[Path]:
    """Print every report with one browser; PDFs beside the HTML or in ``out/<half-year>/``."""
    written = []
    with chromium(chromium_path) as browser:
        for index, html_path in enumerate(html_paths, start=1):
            target = (out / html_path.parent.name if out else html_path.parent) / REPORT_PDF
            started = time.monotonic()
            size = print_report(browser, html_path, target)
            written.append(target)
            if progress is not None:
                progress(
                    f"[{index:>2}/{len(html_paths)}] {html_path.parent.name} -> {target} "
                    f"({size / 1024:,.0f} kB, {time.monotonic() - started:.1f} s)"
                )
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m helpers.report.pdf",
        description="Print the rendered half-year reports as A4 PDFs with Debian's Chromium.",
    )
    parser.add_argument("--period", help="one half-year, e.g. 2013H2")
    parser.add_argument("--from", dest="first", help="first half-year (default: 2007H1)")
    parser.add_argument("--to", dest="last", help="last half-year (default: 2014H2)")
    parser.add_argument("--reports", type=Path, help="folder of the reports (default: reports/)")
    parser.add_argument("--out", type=Path, help="write <out>/<half-year>/evaluation_report.pdf")
    args = parser.parse_args(argv)
    ws = Workspace.default()
    try:
        if args.period:
            periods = [HalfYear.parse(args.period)]
        else:
            first = HalfYear.parse(args.first) if args.first else REPORT_FIRST
            last = HalfYear.parse(args.last) if args.last else REPORT_LAST
            periods = HalfYear.range(first, last)
        html_paths = report_folders(args.reports or ws.reports, periods)
        started = time.monotonic()
        written = print_reports(html_paths, args.out, progress=print)
    except PdfSetupError as exc:
        print(f"error: cannot print PDFs: {exc}", file=sys.stderr)
        return 2
    except BarometerError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(f"{len(written)} PDFs in {time.monotonic() - started:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
