"""Word output of the plan and the report (issue 14), reopened with python-docx; one converted by LibreOffice.

The conversion skips when soffice is missing, unless SOCSTRAT_REQUIRE_OFFICE=1 (set by
.ci/run after installing LibreOffice): then a missing soffice fails.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
from pathlib import Path

import docx
import pytest
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn
from docx.shared import Mm

from conftest import bundled
from socstrat.analysis.plan import compute_plan
from socstrat.render import registry
from socstrat.render.plan import PlanInput
from socstrat.render.report.context import build_context
from socstrat.render.report.formats import ReportInput


def plan_docx(lang: str = "bg") -> bytes:
    strategy = bundled("haskovo-2016-2020").strategy
    assert strategy is not None
    return registry.render_bytes("plan", "docx", PlanInput(compute_plan(strategy, 2017)), registry.Options(lang=lang))


def report_docx() -> bytes:
    opened = bundled("kazanlak-2007-2009")
    assert opened.strategy is not None
    return registry.render_bytes("report", "docx", ReportInput(build_context(opened.strategy, opened.report, lang="bg")))


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
