"""A document as headings, paragraphs and tables, and its writers: Markdown, Word (.docx) and Excel (.xlsx).

The annual plan and the Word form of the strategy report are first laid out as a
:class:`Document` (already worded in one language), so that every format shows the
same parts in the same order. HTML goes through a Jinja template (``plan.html.j2``)
that lays the same blocks out, so users can restyle it like the report templates.

Word files are written with python-docx: Word's own heading styles (the navigation
pane and the table-of-contents field use them), headings numbered by a multilevel
list bound to those styles, table header rows repeated on every page, A4 portrait
pages with a landscape section around each wide table, a PAGE field in the footer,
and the document's language (``w:lang``) on the default run properties and every
style. python-docx and openpyxl are imported only when a file is written.
"""

from __future__ import annotations

import dataclasses
import io
import re
from dataclasses import dataclass, field
from typing import Any, Literal

from socstrat.io.terminal import escape_char
from socstrat.render.text import escape_markdown

WORD_LANG = {"bg": "bg-BG", "en": "en-GB"}


@dataclass
class Heading:
    level: int
    text: str
    id: str | None = None
    kind: Literal["heading"] = "heading"


@dataclass
class Paragraph:
    text: str
    style: Literal["body", "bullet", "note", "facts"] = "body"
    kind: Literal["paragraph"] = "paragraph"


@dataclass
class Table:
    headers: list[str]
    rows: list[list[str]]
    caption: str | None = None
    numeric: list[bool] = field(default_factory=list)
    wide: bool = False
    strong_rows: set[int] = field(default_factory=set)
    """Indexes of rows to print bold (group headings, totals)."""
    sheet: str | None = None
    """Name of its worksheet in .xlsx (at most 31 characters)."""
    id: str | None = None
    kind: Literal["table"] = "table"

    def is_numeric(self, column: int) -> bool:
        return column < len(self.numeric) and self.numeric[column]


Block = Heading | Paragraph | Table


@dataclass
class Document:
    title: str
    lang: str
    blocks: list[Block]
    subtitle: list[str] = field(default_factory=list)
    contents_label: str = "Contents"
    page_label: str = "Page"
    toc_hint: str = ""


# --- Markdown --------------------------------------------------------------------------


def to_markdown(doc: Document) -> str:
    """GitHub-flavoured Markdown; every value is escaped, so data text can neither inject HTML nor break a table."""
    out = [f"# {escape_markdown(doc.title)}", ""]
    out += [f"{escape_markdown(line)}  " for line in doc.subtitle]
    out.append("")
    for block in doc.blocks:
        if isinstance(block, Heading):
            out += [f"{'#' * (block.level + 1)} {escape_markdown(block.text)}", ""]
        elif isinstance(block, Paragraph):
            prefix = "- " if block.style == "bullet" else ""
            text = escape_markdown(block.text)
            out += [f"{prefix}_{text}_" if block.style == "note" else f"{prefix}{text}"]
            if block.style != "bullet":
                out.append("")
        else:
            if block.caption:
                out += [f"**{escape_markdown(block.caption)}**", ""]
            out.append("| " + " | ".join(escape_markdown(h) for h in block.headers) + " |")
            out.append("| " + " | ".join("--:" if block.is_numeric(i) else ":--" for i in range(len(block.headers))) + " |")
            for n, row in enumerate(block.rows):
                cells = ["<br>".join(escape_markdown(line) for line in c.split("\n")) for c in row]
                if n in block.strong_rows:
                    cells = [f"**{c}**" if c else c for c in cells]
                out.append("| " + " | ".join(cells) + " |")
            out.append("")
    return "\n".join(out).rstrip() + "\n"


# --- Word ------------------------------------------------------------------------------


_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069\ufffe\uffff]")
"""Characters a Word or Excel file cannot hold (C0 controls other than tab and line feed are not XML) or should not
(C1 controls, line and paragraph separators, bidirectional controls that reorder what a reader sees)."""


def printable(doc: Document) -> Document:
    """``doc`` with every character of :data:`_CONTROL` in its text written visibly (``\\x1b``, ``\\u202e``), as
    :func:`~socstrat.io.terminal.one_line` writes it; line breaks and tabs are kept.

    The Word and Excel writers take their text from here: lxml and openpyxl raise on a control
    character, and the data can hold one through a YAML escape (``"\\e"``).
    """

    def clean(text: str) -> str:
        return _CONTROL.sub(escape_char, text)

    blocks: list[Block] = []
    for block in doc.blocks:
        if isinstance(block, Table):
            blocks.append(dataclasses.replace(
                block,
                headers=[clean(h) for h in block.headers],
                rows=[[clean(c) for c in row] for row in block.rows],
                caption=clean(block.caption) if block.caption is not None else None,
                sheet=clean(block.sheet) if block.sheet is not None else None,
            ))
        else:
            blocks.append(dataclasses.replace(block, text=clean(block.text)))
    return dataclasses.replace(doc, title=clean(doc.title), subtitle=[clean(line) for line in doc.subtitle], blocks=blocks)


def to_docx(doc: Document) -> bytes:
    """A .docx that opens in Word and LibreOffice (see the module's docstring for what it holds)."""
    import docx
    from docx.enum.section import WD_SECTION
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.shared import Pt

    doc = printable(doc)
    word = docx.Document()
    _language(word, WORD_LANG.get(doc.lang, doc.lang))
    _heading_numbering(word)
    word.styles["Normal"].font.size = Pt(10)
    section = word.sections[0]
    _page(section, landscape=False)
    _footer(section, doc.page_label)
    word.core_properties.title = doc.title
    word.core_properties.language = WORD_LANG.get(doc.lang, doc.lang)

    word.add_paragraph(doc.title, style="Title")
    for line in doc.subtitle:
        word.add_paragraph(line, style="Subtitle")
    word.add_paragraph(doc.contents_label, style="TOC Heading")
    _toc(word.add_paragraph(), doc.toc_hint)

    landscape = False
    for index, block in enumerate(doc.blocks):
        following = doc.blocks[index + 1] if index + 1 < len(doc.blocks) else None
        wanted = landscape
        if isinstance(block, Table):
            wanted = block.wide
        elif isinstance(block, Heading):
            wanted = isinstance(following, Table) and following.wide
        if wanted != landscape:
            landscape = wanted
            _page(word.add_section(WD_SECTION.NEW_PAGE), landscape=landscape)
        if isinstance(block, Heading):
            word.add_heading(block.text, level=min(block.level, 9))
        elif isinstance(block, Paragraph):
            style = {"bullet": "List Bullet", "note": "Quote"}.get(block.style, "Normal")
            word.add_paragraph(block.text, style=style)
        else:
            if block.caption:
                word.add_paragraph(block.caption, style="Caption")
            table = word.add_table(rows=1, cols=len(block.headers))
            table.style = "Table Grid"
            table.alignment = WD_TABLE_ALIGNMENT.CENTER
            table.autofit = False
            section = word.sections[-1]
            widths = _widths(block, int(section.page_width or 0) - int(section.left_margin or 0) - int(section.right_margin or 0))
            header = table.rows[0]
            _repeat_header(header)
            for cell, text in zip(header.cells, block.headers):
                cell.text = ""
                run = cell.paragraphs[0].add_run(text)
                run.bold = True
            size = Pt(8) if block.wide else Pt(9)
            for n, values in enumerate(block.rows):
                row = table.add_row()
                _cant_split(row)
                for i, (cell, text) in enumerate(zip(row.cells, values)):
                    paragraph = cell.paragraphs[0]
                    run = paragraph.add_run(text)
                    run.font.size = size
                    run.bold = n in block.strong_rows or None
                    if block.is_numeric(i):
                        paragraph.alignment = 2  # right
            for cell in header.cells:
                for run in cell.paragraphs[0].runs:
                    run.font.size = size
            for column, width in zip(table.columns, widths):
                column.width = width
                for cell in column.cells:
                    cell.width = width
    buffer = io.BytesIO()
    word.save(buffer)
    return buffer.getvalue()


def _widths(table: Table, available: int) -> list[int]:
    """Column widths in EMU, shared out by how long each column's text is (between 6 and 40 characters)."""
    weights = []
    for i, header in enumerate(table.headers):
        lengths = sorted(max((len(line) for line in row[i].split("\n")), default=0) for row in table.rows if i < len(row))
        typical = lengths[len(lengths) * 3 // 4] if lengths else 0
        weights.append(min(max(typical, len(max(header.split(), key=len, default="")), 8), 36))
    total = sum(weights)
    return [int(available * w / total) for w in weights]


def _page(section: Any, landscape: bool) -> None:
    from docx.enum.section import WD_ORIENT
    from docx.shared import Mm

    width, height = (Mm(297), Mm(210)) if landscape else (Mm(210), Mm(297))
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = width, height
    section.top_margin = section.bottom_margin = Mm(20)
    section.left_margin = section.right_margin = Mm(20 if not landscape else 15)


def _element(tag: str, **attrs: str) -> Any:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    element = OxmlElement(tag)
    for key, value in attrs.items():
        element.set(qn(f"w:{key}"), value)
    return element


def _field(paragraph: Any, instruction: str, placeholder: str = "") -> None:
    """A complex field (begin, instruction, separate, result, end) that Word and LibreOffice compute."""
    run = paragraph.add_run()
    run._r.append(_element("w:fldChar", fldCharType="begin", dirty="true"))
    run = paragraph.add_run()
    text = _element("w:instrText")
    text.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    text.text = f" {instruction} "
    run._r.append(text)
    paragraph.add_run()._r.append(_element("w:fldChar", fldCharType="separate"))
    paragraph.add_run(placeholder)
    paragraph.add_run()._r.append(_element("w:fldChar", fldCharType="end"))


def _toc(paragraph: Any, hint: str) -> None:
    _field(paragraph, 'TOC \\o "1-3" \\h \\z \\u', hint)
    settings = paragraph.part.document.settings.element
    settings.append(_element("w:updateFields", val="true"))


def _footer(section: Any, label: str) -> None:
    paragraph = section.footer.paragraphs[0]
    paragraph.alignment = 1  # centre
    paragraph.add_run(f"{label} ")
    _field(paragraph, "PAGE", "1")


def _repeat_header(row: Any) -> None:
    properties = row._tr.get_or_add_trPr()
    properties.append(_element("w:tblHeader", val="true"))
    properties.append(_element("w:cantSplit", val="true"))


def _cant_split(row: Any) -> None:
    row._tr.get_or_add_trPr().append(_element("w:cantSplit", val="true"))


def _language(word: Any, tag: str) -> None:
    """``w:lang`` on the document defaults and on every paragraph and character style."""
    from docx.enum.style import WD_STYLE_TYPE
    from docx.oxml.ns import qn

    def set_lang(rpr: Any) -> None:
        for old in rpr.findall(qn("w:lang")):
            rpr.remove(old)
        rpr.append(_element("w:lang", val=tag, eastAsia=tag, bidi="ar-SA"))

    styles = word.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    rpr_default = defaults.find(qn("w:rPrDefault"))
    set_lang(rpr_default.find(qn("w:rPr")))
    for style in word.styles:
        if style.type in (WD_STYLE_TYPE.PARAGRAPH, WD_STYLE_TYPE.CHARACTER):
            set_lang(style.element.get_or_add_rPr())


def _heading_numbering(word: Any) -> None:
    """A multilevel list 1. / 1.1. / 1.1.1. bound to Heading 1–3, so Word numbers the headings itself."""
    from docx.oxml.ns import qn

    numbering = word.part.numbering_part.element
    ids = [int(n.get(qn("w:abstractNumId"))) for n in numbering.findall(qn("w:abstractNum"))]
    abstract_id = str(max(ids, default=0) + 1)
    abstract = _element("w:abstractNum", abstractNumId=abstract_id)
    abstract.append(_element("w:multiLevelType", val="multilevel"))
    for level in range(3):
        lvl = _element("w:lvl", ilvl=str(level))
        lvl.append(_element("w:start", val="1"))
        lvl.append(_element("w:numFmt", val="decimal"))
        lvl.append(_element("w:pStyle", val=f"Heading{level + 1}"))
        lvl.append(_element("w:lvlText", val=".".join(f"%{i + 1}" for i in range(level + 1)) + "."))
        lvl.append(_element("w:lvlJc", val="left"))
        ppr = _element("w:pPr")
        ppr.append(_element("w:ind", left=str(432 + 144 * level), hanging=str(432 + 144 * level)))
        lvl.append(ppr)
        abstract.append(lvl)
    first_num = numbering.find(qn("w:num"))
    if first_num is not None:
        first_num.addprevious(abstract)
    else:
        numbering.append(abstract)
    num_ids = [int(n.get(qn("w:numId"))) for n in numbering.findall(qn("w:num"))]
    num_id = str(max(num_ids, default=0) + 1)
    num = _element("w:num", numId=num_id)
    num.append(_element("w:abstractNumId", val=abstract_id))
    numbering.append(num)
    toc = word.styles["TOC Heading"].element.get_or_add_pPr()
    unnumbered = _element("w:numPr")
    unnumbered.append(_element("w:ilvl", val="0"))
    unnumbered.append(_element("w:numId", val="0"))
    toc.insert(0, unnumbered)
    for level in range(3):
        style = word.styles[f"Heading {level + 1}"]
        ppr = style.element.get_or_add_pPr()
        numpr = _element("w:numPr")
        numpr.append(_element("w:ilvl", val=str(level)))
        numpr.append(_element("w:numId", val=num_id))
        ppr.insert(0, numpr)


# --- Excel -----------------------------------------------------------------------------


def to_xlsx(doc: Document) -> bytes:
    """One worksheet per table: bold header row frozen and repeated when printed, A4, whole numbers as numbers."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    doc = printable(doc)
    book = Workbook()
    book.remove(book.active)
    used: set[str] = set()
    for n, block in enumerate(b for b in doc.blocks if isinstance(b, Table)):
        name = _sheet_name(block.sheet or block.caption or f"{n + 1}", used)
        sheet = book.create_sheet(name)
        sheet.append(block.headers)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        for i, values in enumerate(block.rows):
            sheet.append([_number_or_text(v) for v in values])
            if i in block.strong_rows:
                for cell in sheet[sheet.max_row]:
                    cell.font = Font(bold=True)
        sheet.freeze_panes = "A2"
        sheet.print_title_rows = "1:1"
        sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
        sheet.page_setup.orientation = "landscape" if block.wide else "portrait"
        sheet.page_setup.fitToWidth = 1
        sheet.page_setup.fitToHeight = 0
        sheet.sheet_properties.pageSetUpPr.fitToPage = True
        for column, header in enumerate(block.headers, start=1):
            longest = max([len(header), *(len(r[column - 1]) for r in block.rows if column - 1 < len(r))])
            sheet.column_dimensions[sheet.cell(1, column).column_letter].width = min(max(8, longest + 2), 60)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _sheet_name(text: str, used: set[str]) -> str:
    base = "".join(c for c in text if c not in "[]:*?/\\")[:28].strip() or "Sheet"
    name, n = base, 2
    while name.lower() in used:
        name, n = f"{base[:25]} {n}", n + 1
    used.add(name.lower())
    return name


def _number_or_text(value: str) -> int | str:
    """A cell that is a whole number (optionally signed) becomes a number; any other text stays text, formula marks neutralised."""
    plain = value.replace("\u2212", "-").replace("\u00a0", "")
    if plain.lstrip("+-").isdigit():
        return int(plain)
    if value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value
