"""A4 print of the HTML report and the annual plan (issue 14): Chromium prints to PDF, poppler reads it back.

Checks that every page is A4 (portrait or landscape) and that every column header of the
service register (report) and of the plan's service table appears in the PDF's text, so
no column is lost at the right margin. Skipped without Chromium, Playwright or poppler's
pdftotext/pdfinfo, unless SOCSTRAT_REQUIRE_BROWSER=1 (set by .ci/run after installing them).
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from chromium import CHROMIUM, FLAGS, sync_playwright_or_skip, unavailable
from conftest import DATA, ROOT, bundled, make_report
from socstrat.analysis.plan import compute_plan
from socstrat.i18n.catalog import labels_for
from socstrat.render import registry
from socstrat.render.plan import PlanInput

pytestmark = pytest.mark.browser

A4 = {(595, 842), (842, 595)}  # points, rounded


@contextmanager
def _page(html: str, tmp_path: Path, name: str, **options: Any) -> Iterator[Any]:
    """``html`` written to ``tmp_path``/``name``.html and opened in headless Chromium (a new page with ``options``)."""
    sync_playwright = sync_playwright_or_skip()
    page_file = tmp_path / f"{name}.html"
    page_file.write_text(html, encoding="utf-8")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=FLAGS)
        try:
            page = browser.new_page(**options)
            page.goto(page_file.as_uri())
            yield page
        finally:
            browser.close()


def _print(html: str, tmp_path: Path, name: str) -> Path:
    for tool in ("pdftotext", "pdfinfo"):
        if shutil.which(tool) is None:
            unavailable(f"no {tool} (apt-get install poppler-utils)")
    pdf = tmp_path / f"{name}.pdf"
    with _page(html, tmp_path, name) as page:
        page.emulate_media(media="print")
        page.pdf(path=str(pdf), prefer_css_page_size=True, print_background=True)
    return pdf


def _page_sizes(pdf: Path) -> set[tuple[int, int]]:
    info = subprocess.run(["pdfinfo", "-f", "1", "-l", "999", str(pdf)], capture_output=True, text=True, check=True).stdout
    return {(round(float(w)), round(float(h))) for w, h in re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts", info)}


def _text(pdf: Path, page_with: str) -> str:
    """The text of the first page that holds ``page_with`` (a table's first column header), whitespace collapsed."""
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    pages = [re.sub(r"\s+", " ", page) for page in text.split("\f")]
    found = [page for page in pages if page_with in page]
    assert found, f"{page_with!r} is on no page"
    return found[0]


def _assert_headers(text: str, headers: list[str]) -> None:
    """Every header in the text; a header wrapped over lines inside its cell is found word by word in order."""
    for header in headers:
        words = header.split()
        assert header in text or all(w in text for w in words), f"column header {header!r} is missing from the printed PDF"


def test_report_prints_on_a4_with_every_register_column(tmp_path: Path) -> None:
    result = make_report(DATA / "haskovo-2016-2020", format="html", lang="bg", generated=date(2026, 1, 1))
    assert result.text is not None
    pdf = _print(result.text, tmp_path, "haskovo-report")
    sizes = _page_sizes(pdf)
    assert sizes and sizes <= A4, sizes
    assert (842, 595) in sizes, "the register is printed on a landscape page"
    t = labels_for("bg")
    years = [2015, 2016, 2020]  # services.yaml capacity columns
    _assert_headers(_text(pdf, t["register_caption"]), [t["code"], t["service"], t["category"], *(f"{t['capacity']} {y}" for y in years),
                                 t["status"], t["target_groups"], "Финансиране, доставчик"])


def test_plan_prints_on_a4_with_every_column(tmp_path: Path) -> None:
    strategy = bundled("haskovo-2016-2020").strategy
    assert strategy is not None
    html = registry.render("plan", "html", PlanInput(compute_plan(strategy, 2017)), registry.Options(lang="bg"))
    pdf = _print(html, tmp_path, "haskovo-plan-2017")
    sizes = _page_sizes(pdf)
    assert sizes and sizes <= A4, sizes
    _assert_headers(_text(pdf, "Места 2017"), ["№", "Услуга", "Вид", "Състояние през 2017 г.", "Места 2017", "Места 2016", "Промяна",
                                 "Персонал 2017", "Финансиране", "Доставчик", "Място"])


# --- every printed HTML document (issue 25) ------------------------------------------------


def _monitoring_html() -> str:
    from socstrat.analysis.progress import compute_progress
    from socstrat.api import open_strategy
    from socstrat.render.report.monitoring import MonitoringInput, build_monitoring_context

    opened = open_strategy(DATA / "haskovo-2016-2020", monitoring=ROOT / "examples" / "haskovo-monitoring")
    assert opened.strategy is not None
    context = build_monitoring_context(compute_progress(opened.strategy, 2018), opened.report, opened.strategy.strategy.title, "bg")
    return registry.render("monitoring", "html", MonitoringInput(context))


def _documents() -> dict[str, tuple[str, str]]:
    """Each printed HTML document and the running header its pages must carry."""
    from socstrat.analysis.compare import compare

    haskovo, kazanlak = bundled("haskovo-2016-2020"), bundled("kazanlak-2007-2009")
    assert haskovo.strategy is not None
    report = make_report(DATA / "haskovo-2016-2020", format="html", lang="bg", generated=date(2026, 1, 1)).text
    assert report is not None
    return {
        "report": (report, "Хасково: Стратегия за развитие"),
        "monitoring": (_monitoring_html(), "Хасково: Междинна оценка"),
        "plan": (registry.render("plan", "html", PlanInput(compute_plan(haskovo.strategy, 2017)), registry.Options(lang="bg")),
                 "Хасково: Годишен план за развитие на социалните услуги – 2017 г."),
        "compare": (registry.render("compare", "html", compare([haskovo, kazanlak], None), registry.Options(lang="bg")),
                    "haskovo-2016-2020, kazanlak-2007-2009"),
    }


@pytest.fixture(scope="module")
def printed(tmp_path_factory) -> dict[str, tuple[Path, str]]:
    folder = tmp_path_factory.mktemp("printed")
    return {name: (_print(html, folder, name), header) for name, (html, header) in _documents().items()}


def _pages(pdf: Path) -> list[str]:
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return [re.sub(r"\s+", " ", page) for page in text.split("\f") if page.strip()]


@pytest.mark.parametrize("name", ["report", "monitoring", "plan", "compare"])
def test_every_printed_page_is_a4_numbered_and_headed(printed, name: str) -> None:
    pdf, header = printed[name]
    sizes = _page_sizes(pdf)
    assert sizes and sizes <= A4, sizes
    pages = _pages(pdf)
    for n, page in enumerate(pages, start=1):
        assert re.search(rf"(?<!\d){n} ?/ ?{len(pages)}(?!\d)", page), f"{name}: page {n} has no page number"
        assert header in page, f"{name}: page {n} has no running header"


def test_the_illustrative_banner_is_on_every_printed_page(printed) -> None:
    pages = _pages(printed["monitoring"][0])
    assert len(pages) > 1
    assert all("ИЛЮСТРАТИВНИ ДАННИ" in page for page in pages)


def test_the_monitoring_report_prints_every_column(printed) -> None:
    t = labels_for("bg")
    pdf = printed["monitoring"][0]
    _assert_headers(_text(pdf, t["progress.services"]), [t["col.places"], t["col.status"]])
    _assert_headers(_text(pdf, t["col.baseline"]), [t[f"col.{key}"] for key in ("indicator", "target", "baseline", "actual", "progress", "status", "series")])


def test_the_haskovo_2017_plan_prints_on_at_most_25_pages(printed) -> None:
    pages = _pages(printed["plan"][0])
    assert len(pages) <= 25, len(pages)


# --- screen widths -------------------------------------------------------------------------


def _widths(html: str, tmp_path: Path, name: str, width: int) -> dict:
    with _page(html, tmp_path, name, viewport={"width": width, "height": 900}) as page:
        measured: dict = page.evaluate("""() => ({
            page: document.documentElement.scrollWidth,
            tables: [...document.querySelectorAll("table")].map(t => {
                const wrap = t.closest(".table-wrap");
                return {
                    name: (t.caption ? t.caption.textContent : t.id || "").slice(0, 40),
                    width: t.getBoundingClientRect().width,
                    scrolls: wrap !== null && getComputedStyle(wrap).overflowX === "auto" && wrap.getBoundingClientRect().width <= window.innerWidth,
                };
            }),
            svgs: [...document.querySelectorAll("svg")].map(s => s.getBoundingClientRect().right),
        })""")
    return measured


@pytest.fixture(scope="module")
def documents() -> dict[str, tuple[str, str]]:
    return _documents()


@pytest.mark.parametrize("name", ["report", "monitoring", "plan", "compare"])
def test_no_table_is_wider_than_a_1280_px_window(documents, tmp_path: Path, name: str) -> None:
    measured = _widths(documents[name][0], tmp_path, name, 1280)
    assert measured["page"] <= 1280, measured["page"]
    wide = [t["name"] for t in measured["tables"] if t["width"] > 1280]
    assert not wide, wide
    assert all(right <= 1280 for right in measured["svgs"]), "a chart is wider than the window"


@pytest.mark.parametrize("name", ["report", "monitoring", "plan", "compare"])
def test_wide_tables_scroll_in_their_own_wrapper_at_390_px(documents, tmp_path: Path, name: str) -> None:
    measured = _widths(documents[name][0], tmp_path, name, 390)
    assert measured["page"] <= 390, f"the page itself scrolls sideways: {measured['page']} px"
    cut = [t["name"] for t in measured["tables"] if t["width"] > 390 and not t["scrolls"]]
    assert not cut, cut
