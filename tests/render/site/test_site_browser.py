"""The site in a real browser (headless Chromium through Playwright) and in the Nu HTML Checker.

Each kind of page is opened at 1280 and 390 px: no console error, no horizontal overflow, no
request that leaves the site; axe-core finds no violation of any of its rules; vnu reports no
error. Skipped when Chromium, Playwright, axe-core or Java is missing, unless
SOCSTRAT_REQUIRE_BROWSER=1 (set by .ci/run). Screenshots of the kinds go to build/screenshots/site/.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from site_links import built_site

from chromium import sealed_context, unavailable
from conftest import ROOT

pytestmark = pytest.mark.browser

AXE = ROOT / "tests" / "render" / "report" / "axe" / "node_modules" / "axe-core" / "axe.min.js"
VNU = ROOT / "tests" / "render" / "site" / "vnu" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
SCREENSHOTS = ROOT / "build" / "screenshots" / "site"
KINDS = {
    "home": "index.html",
    "coverage": "coverage.html",
    "services": "services.html",
    "search": "search.html",
    "strategy": "s/haskovo-2016-2020/index.html",
    "progress": "s/haskovo-2016-2020/progress.html",
    "indicator": "s/haskovo-2016-2020/indicators/ki-c1.html",
    "service": "s/haskovo-2016-2020/services/foster-care.html",
    "report": "s/haskovo-2016-2020/report.html",
    "plan": "s/haskovo-2016-2020/plan-2017.html",
    "monitoring": "s/haskovo-2016-2020/monitoring-2018.html",
    "history": "s/haskovo-2016-2020/history.html",
    "home-en": "en/index.html",
    "strategy-en": "en/s/kazanlak-2007-2009/index.html",
    "service-en": "en/s/kazanlak-2007-2009/services/" + "{kazanlak_service}",
}


def kinds(site: Path) -> dict[str, Path]:
    first = sorted((site / "en" / "s" / "kazanlak-2007-2009" / "services").glob("*.html"))[0].name
    found = {kind: site / rel.format(kazanlak_service=first) for kind, rel in KINDS.items()}
    if not found["history"].exists():  # not a git checkout
        del found["history"]
    return found


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:
    with sealed_context(tmp_path_factory.mktemp("chromium-profile"), built_site().resolve().as_uri()) as context:
        yield context


@pytest.mark.parametrize("kind", list(KINDS))
@pytest.mark.parametrize("width", [1280, 390])
def test_page_kind_loads_without_errors_overflow_or_outside_requests(browser: object, kind: str, width: int) -> None:
    site = built_site()
    file = kinds(site).get(kind)
    if file is None:
        pytest.skip(f"no {kind} page in this build")
    page = browser.new_page()  # type: ignore[attr-defined]
    page.set_viewport_size({"width": width, "height": 900})
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(file.resolve().as_uri(), wait_until="load")
    assert errors == []
    assert browser.outside == []  # type: ignore[attr-defined]
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{kind}-{width}.png"))
    page.close()


@pytest.mark.parametrize("kind", list(KINDS))
def test_axe_finds_no_violation(browser: object, kind: str) -> None:
    if not AXE.exists():
        unavailable(f"axe-core is not installed (npm ci --prefix {AXE.parents[2].relative_to(ROOT)})")
    file = kinds(built_site()).get(kind)
    if file is None:
        pytest.skip(f"no {kind} page in this build")
    page = browser.new_page()  # type: ignore[attr-defined]
    page.goto(file.resolve().as_uri(), wait_until="load")
    page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("axe.run(document)")
    violations = [(v["id"], node["target"], node["failureSummary"][:160]) for v in result["violations"] for node in v["nodes"]]
    assert violations == [], violations[:10]
    page.close()


def test_search_sort_and_filter_work_and_pages_read_without_javascript(browser: object, tmp_path: Path) -> None:
    site = built_site()
    page = browser.new_page()  # type: ignore[attr-defined]
    page.goto((site / "search.html").resolve().as_uri())
    page.fill("#q", "приемна")
    results = page.locator("#search-results li a")
    assert results.count() >= 1
    results.first.click()
    page.wait_for_load_state("load")
    assert "/s/haskovo-2016-2020/services/" in page.url or "/s/kazanlak-2007-2009/services/" in page.url

    page.goto((site / "index.html").resolve().as_uri())
    page.fill("#filter", "Казанлък")
    visible = page.evaluate("[...document.querySelectorAll('#strategies tbody tr')].filter(r => !r.hidden).map(r => r.cells[0].textContent.trim())")
    assert visible == ["Казанлък"]
    page.fill("#filter", "")
    page.locator("#strategies thead th").nth(2).locator("button").click()  # period, ascending
    order = page.evaluate("[...document.querySelectorAll('#strategies tbody tr')].map(r => r.cells[2].textContent.trim())")
    assert order == ["2007–2009", "2016–2020"]
    page.close()

    static = browser.browser.new_context(java_script_enabled=False) if browser.browser else None  # type: ignore[attr-defined]
    if static is not None:
        plain = static.new_page()
        plain.goto((site / "index.html").resolve().as_uri())
        assert plain.locator("#strategies tbody tr").count() == 2
        assert not plain.locator("#filter").is_visible()  # the filter needs JavaScript, so it is not offered
        static.close()


def test_vnu_reports_no_error_on_any_page_kind() -> None:
    java = shutil.which("java")
    if java is None or not VNU.exists():
        unavailable(f"vnu needs Java and {VNU.relative_to(ROOT)} (npm ci --prefix {VNU.parents[4].relative_to(ROOT)})")
    files = [str(f) for f in kinds(built_site()).values()]
    run = subprocess.run([java, "-jar", str(VNU), "--errors-only", "--format", "gnu", *files], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr[:3000]


def test_print_drops_the_navigation_and_keeps_the_data_labels(browser: object) -> None:
    page = browser.new_page()  # type: ignore[attr-defined]
    page.goto((built_site() / "s" / "haskovo-2016-2020" / "progress.html").resolve().as_uri())
    page.emulate_media(media="print")
    assert page.evaluate("getComputedStyle(document.querySelector('.site-head nav')).display") == "none"
    assert page.locator(".banner.illustrative").is_visible()  # illustrative data says so on paper too
    assert page.evaluate("getComputedStyle(document.querySelector('.table-wrap')).overflowX") == "visible"
    page.close()
