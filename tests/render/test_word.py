"""Word output of the plan and the report (issue 14), reopened with python-docx; one converted by LibreOffice.

The conversion skips when soffice is missing, unless SOCSTRAT_REQUIRE_OFFICE=1 (set by
.ci/run after installing LibreOffice): then a missing soffice fails.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
from pathlib import Path

import docx
import pytest
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn
from docx.shared import Mm

from conftest import DATA, ROOT, bundled
from socstrat.analysis.plan import compute_plan
from socstrat.render import registry
from socstrat.render.plan import PlanInput
from socstrat.render.report.context import build_context
from socstrat.render.report.formats import ReportInput


def plan_docx(lang: str = "bg") -> bytes:
    strategy = bundled("haskovo-2016-2020").strategy
    assert strategy is not None
    return registry.render("plan", "docx", PlanInput(compute_plan(strategy, 2017)), registry.Options(lang=lang))


def report_docx() -> bytes:
    opened = bundled("kazanlak-2007-2009")
    assert opened.strategy is not None
    return registry.render("report", "docx", ReportInput(build_context(opened.strategy, opened.report, lang="bg")))


@pytest.mark.parametrize("make", [plan_docx, report_docx], ids=["plan", "report"])
def test_word_file_structure(make) -> None:
    document = docx.Document(io.BytesIO(make()))
    headings = [p for p in document.paragraphs if p.style is not None and p.style.name.startswith("Heading")]
    assert {p.style.name for p in headings} >= {"Heading 1", "Heading 2"}
    # headings are numbered by a list bound to the Heading styles
    assert document.styles["Heading 1"].element.pPr.find(qn("w:numPr")) is not None
    # a table-of-contents field and a PAGE field in the footer
    body = document.element.body.xml
    assert "TOC \\o" in body
    assert " PAGE " in document.sections[0].footer._element.xml
    # every table repeats its header row
    assert document.tables
    for table in document.tables:
        assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    # A4, portrait first, with a landscape section for the wide tables
    first = document.sections[0]
    a4 = (11906, 16838)  # twips, w:pgSz of an A4 page (210 × 297 mm)
    assert (first.page_width.twips, first.page_height.twips, first.orientation) == (*a4, WD_ORIENT.PORTRAIT)
    assert abs(first.page_width - Mm(210)) < Mm(0.1)
    wide = [s for s in document.sections if s.orientation == WD_ORIENT.LANDSCAPE]
    assert wide and all((s.page_width.twips, s.page_height.twips) == a4[::-1] for s in wide)
    # the document's language is Bulgarian, on the defaults and on the styles
    defaults = document.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    assert defaults.find(qn("w:lang")).get(qn("w:val")) == "bg-BG"
    assert document.styles["Heading 1"].element.rPr.find(qn("w:lang")).get(qn("w:val")) == "bg-BG"


def test_plan_in_english_is_en_gb() -> None:
    document = docx.Document(io.BytesIO(plan_docx("en")))
    assert document.core_properties.language == "en-GB"


def test_libreoffice_converts_the_plan_to_pdf(tmp_path: Path) -> None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        if os.environ.get("SOCSTRAT_REQUIRE_OFFICE") == "1":
            pytest.fail("no soffice, and SOCSTRAT_REQUIRE_OFFICE=1 requires the LibreOffice conversion to run")
        pytest.skip("LibreOffice (soffice) is not installed: apt-get install libreoffice-writer-nogui")
    source = tmp_path / "plan-2017.docx"
    source.write_bytes(plan_docx())
    result = subprocess.run(
        [soffice, "--headless", f"-env:UserInstallation=file://{tmp_path}/profile", "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
        capture_output=True, text=True, timeout=240,
    )
    pdf = tmp_path / "plan-2017.pdf"
    assert result.returncode == 0, result.stderr
    assert pdf.exists() and pdf.read_bytes().startswith(b"%PDF"), result.stdout + result.stderr


def monitoring_docx() -> bytes:
    from socstrat.analysis.progress import compute_progress
    from socstrat.api import open_strategy
    from socstrat.render.report.monitoring import MonitoringInput, build_monitoring_context

    opened = open_strategy(DATA / "haskovo-2016-2020", monitoring=ROOT / "examples" / "haskovo-monitoring")
    assert opened.strategy is not None
    context = build_monitoring_context(compute_progress(opened.strategy, 2018), opened.report, opened.strategy.strategy.title, "bg")
    return registry.render("monitoring", "docx", MonitoringInput(context))


def haskovo_report_docx() -> bytes:
    opened = bundled("haskovo-2016-2020")
    assert opened.strategy is not None
    return registry.render("report", "docx", ReportInput(build_context(opened.strategy, opened.report, lang="bg")))


WORD_OUTPUTS = {"plan": plan_docx, "report": report_docx, "report-haskovo": haskovo_report_docx, "monitoring": monitoring_docx}


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory) -> dict[str, tuple[bytes, Path]]:
    """Every Word output of socstrat, converted to PDF by LibreOffice in one run."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        if os.environ.get("SOCSTRAT_REQUIRE_OFFICE") == "1":
            pytest.fail("no soffice, and SOCSTRAT_REQUIRE_OFFICE=1 requires the LibreOffice conversion to run")
        pytest.skip("LibreOffice (soffice) is not installed")
    folder = tmp_path_factory.mktemp("word")
    made = {name: make() for name, make in WORD_OUTPUTS.items()}
    for name, data in made.items():
        (folder / f"{name}.docx").write_bytes(data)
    subprocess.run(
        [soffice, "--headless", f"-env:UserInstallation=file://{folder}/profile", "--convert-to", "pdf", "--outdir", str(folder),
         *(str(folder / f"{name}.docx") for name in made)],
        capture_output=True, text=True, timeout=600, check=True,
    )
    return {name: (data, folder / f"{name}.pdf") for name, data in made.items()}


def _cell_words(data: bytes) -> set[str]:
    words = set()
    for table in docx.Document(io.BytesIO(data)).tables:
        for row in table.rows:
            for cell in row.cells:
                words |= {w.strip(".,;:()[]\"'„“”«»!?") for w in cell.text.replace("\u00ad", "").split()}
    return {w for w in words if len(w) > 1}


def _whole_or_broken_after_a_dash(word: str) -> str:
    """The word, which may break after a hyphen (pdftotext then drops the hyphen), a dash or a slash."""
    return "".join("-?\\s*" if c == "-" else re.escape(c) + "\\s*" if c in "–—/" else re.escape(c) for c in word)


@pytest.mark.parametrize("name", sorted(WORD_OUTPUTS))
def test_no_word_of_a_table_cell_is_split_across_lines(pdfs, name: str) -> None:
    """pdftotext puts each printed line on its own line: a word broken inside a cell ("продъл / жава")
    is then found nowhere whole. A compound may break after its hyphen, as a typesetter breaks it."""
    data, pdf = pdfs[name]
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    split = [w for w in _cell_words(data) if not re.search(_whole_or_broken_after_a_dash(w), text)]
    assert not split, f"{name}: words broken inside table cells: {split[:20]}"


@pytest.mark.parametrize("name", sorted(WORD_OUTPUTS))
def test_word_outputs_print_on_a4(pdfs, name: str) -> None:
    info = subprocess.run(["pdfinfo", str(pdfs[name][1])], capture_output=True, text=True, check=True).stdout
    assert re.search(r"Page size:\s+595\.\d+ x 841\.\d+ pts \(A4\)", info), info


def test_the_monitoring_report_in_word_says_illustrative_on_every_page(pdfs) -> None:
    _, pdf = pdfs["monitoring"]
    pages = int(re.search(r"Pages:\s+(\d+)", subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout).group(1))
    assert pages > 1
    for page in range(1, pages + 1):
        text = subprocess.run(["pdftotext", "-f", str(page), "-l", str(page), str(pdf), "-"], capture_output=True, text=True).stdout
        assert "ИЛЮСТРАТИВНИ" in text.upper(), f"page {page} has no illustrative banner"


def test_report_tables_are_labelled_in_the_documents_language() -> None:
    opened = bundled("haskovo-2016-2020")
    assert opened.strategy is not None
    data = registry.render("report", "docx", ReportInput(build_context(opened.strategy, opened.report, lang="bg")))
    document = docx.Document(io.BytesIO(data))
    for table in document.tables:
        assert all(cell.text.strip() for cell in table.rows[0].cells), [c.text for c in table.rows[0].cells]
    headers = {tuple(c.text for c in t.rows[0].cells): t for t in document.tables}
    findings = headers[("Тежест", "Правило", "Отнася се до", "Съобщение", "Място")]
    assert {row.cells[0].text for row in findings.rows[1:]} <= {"грешка", "предупреждение", "бележка"}
    matrix = headers[("Цел", "Индикатори", "Източници на информация", "Период на проверка")]
    assert all(row.cells[1].text.strip() for row in matrix.rows[1:]), "a logframe row without indicators"
    assert any(row.cells[2].text.strip() for row in matrix.rows[1:]), "no sources of information"
    assert any("Мерки, дейности" in row.cells[0].text for row in matrix.rows[1:])


def test_a_heading_with_the_sources_code_is_not_numbered_again() -> None:
    data = report_docx()
    document = docx.Document(io.BytesIO(data))
    for paragraph in document.paragraphs:
        if paragraph.style is not None and paragraph.style.name == "Heading 2" and paragraph.text[:1].isdigit():
            number = paragraph._p.pPr.find(qn("w:numPr"))
            assert number is not None and number.find(qn("w:numId")).get(qn("w:val")) == "0", paragraph.text


def test_word_context_figures_use_the_one_number_format() -> None:
    """Haskovo context.yaml: 95950 inhabitants, 40.37 % of the region: "95 950" and "40,37" as in HTML, not "95950" and "40.37"."""
    from conftest import bundled
    from socstrat.render.report.context import build_context
    from socstrat.render.report.document import report_document

    opened = bundled("haskovo-2016-2020")
    assert opened.strategy is not None
    document = report_document(build_context(opened.strategy, opened.report))
    cells = {cell for block in document.blocks for row in getattr(block, "rows", []) for cell in row}
    assert {"95\u00a0950", "40,37"} <= cells
    assert not {"95950", "40.37"} & cells


def test_every_report_section_has_a_word_builder() -> None:
    """A part added to SECTION_IDS (the HTML and Markdown reports' parts) without a Word builder would be missing from Word."""
    from socstrat.render.report.document import SECTIONS
    from socstrat.render.report.views import SECTION_IDS

    assert set(SECTIONS) == set(SECTION_IDS)


def test_a_word_builder_for_no_report_section_is_refused() -> None:
    from socstrat.render.report.document import section

    with pytest.raises(ValueError, match="no-such-part"):
        section("no-such-part")


@pytest.mark.parametrize("lang", ["bg", "en"])
def test_word_report_top_headings_follow_the_section_ids(lang: str) -> None:
    """The Heading 1 paragraphs are the parts' titles from the catalog, in the order of SECTION_IDS, each once."""
    from socstrat.i18n.catalog import labels_for
    from socstrat.render.report.views import SECTION_IDS

    opened = bundled("kazanlak-2007-2009")
    assert opened.strategy is not None
    data = registry.render("report", "docx", ReportInput(build_context(opened.strategy, opened.report, lang=lang)))
    document = docx.Document(io.BytesIO(data))
    top = [p.text for p in document.paragraphs if p.style is not None and p.style.name == "Heading 1"]
    labels = labels_for(lang)
    assert top == [labels[f"section.{sid}"] for sid in SECTION_IDS]
    assert top[0] == ("Обобщение" if lang == "bg" else "Summary") and len(top) == 12
