"""Regenerate the screenshots in docs/ from the current code: `make screenshots`.

Writes the documents with the socstrat command line, shows the HTML in headless Chromium
(Playwright, /usr/bin/chromium), prints it to PDF, converts the Word files with LibreOffice,
and renders one page of each PDF with poppler's pdftoppm.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
BUILD = ROOT / "build" / "screenshots-src"
HASKOVO = ROOT / "data" / "haskovo-2016-2020"
KAZANLAK = ROOT / "data" / "kazanlak-2007-2009"
MONITORING = ROOT / "examples" / "haskovo-monitoring"
CHROMIUM = os.environ.get("SOCSTRAT_CHROMIUM", "/usr/bin/chromium")


def socstrat(*args: object) -> None:
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1767225600"}
    done = subprocess.run([sys.executable, "-m", "socstrat", *map(str, args)], env=env, capture_output=True, text=True)
    if done.returncode not in (0, 1):
        raise SystemExit(done.stderr)


def page_with(pdf: Path, text: str) -> int:
    """The first page of ``pdf`` whose text holds ``text``."""
    pages = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout.split("\f")
    return next(n for n, page in enumerate(pages, start=1) if text in re.sub(r"\s+", " ", page))


def pdf_page(pdf: Path, page: int, target: Path) -> None:
    subprocess.run(["pdftoppm", "-f", str(page), "-l", str(page), "-r", "80", "-png", "-singlefile", str(pdf), str(target.with_suffix(""))], check=True)


def word_to_pdf(*documents: Path) -> None:
    subprocess.run(
        ["soffice", "--headless", f"-env:UserInstallation=file://{BUILD}/profile", "--convert-to", "pdf", "--outdir", str(BUILD), *map(str, documents)],
        capture_output=True, check=True, timeout=600,
    )


def main() -> None:
    from playwright.sync_api import sync_playwright

    BUILD.mkdir(parents=True, exist_ok=True)
    socstrat("report", HASKOVO, "-o", BUILD / "report.html")
    socstrat("report", HASKOVO, "-f", "docx", "-o", BUILD / "report.docx")
    socstrat("report", HASKOVO, "--monitoring", MONITORING, "--year", 2018, "-o", BUILD / "monitoring.html")
    socstrat("report", HASKOVO, "--monitoring", MONITORING, "--year", 2018, "-f", "docx", "-o", BUILD / "monitoring.docx")
    socstrat("plan", HASKOVO, "--year", 2017, "-o", BUILD / "plan.html")
    socstrat("plan", HASKOVO, "--year", 2017, "-f", "docx", "-o", BUILD / "plan.docx")
    socstrat("compare", HASKOVO, KAZANLAK, "-f", "html", "-o", BUILD / "compare.html")
    word_to_pdf(BUILD / "report.docx", BUILD / "monitoring.docx", BUILD / "plan.docx")

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        for name in ("report", "monitoring", "compare"):
            page.goto((BUILD / f"{name}.html").as_uri())
            page.screenshot(path=str(DOCS / f"{name}-screenshot.png"), full_page=name == "compare")
        page.goto((BUILD / "plan.html").as_uri())
        page.emulate_media(media="print")
        page.pdf(path=str(BUILD / "plan-print.pdf"), prefer_css_page_size=True, print_background=True)
        browser.close()

    pdf_page(BUILD / "plan-print.pdf", page_with(BUILD / "plan-print.pdf", "Дейности през 2017 г."), DOCS / "plan-print-page.png")
    pdf_page(BUILD / "plan.pdf", 2, DOCS / "plan-word-page.png")
    pdf_page(BUILD / "report.pdf", page_with(BUILD / "report.pdf", "Матрица на логическата рамка"), DOCS / "report-word-page.png")
    pdf_page(BUILD / "monitoring.pdf", 2, DOCS / "monitoring-word-page.png")


if __name__ == "__main__":
    main()
