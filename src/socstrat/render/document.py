"""A document as headings, paragraphs and tables, and its writers: Markdown and Word (.docx).

The annual plan and the Word form of the strategy report are first laid out as a
:class:`Document` (already worded in one language), so that every format shows the
same parts in the same order. HTML goes through a Jinja template (``plan.html.j2``)
that lays the same blocks out, so users can restyle it like the report templates.

Word files are written with python-docx: Word's own heading styles (the navigation
pane and the table-of-contents field use them), headings numbered by a multilevel
list bound to those styles, table header rows repeated on every page, A4 portrait
pages with a landscape section around each wide table, a PAGE field in the footer,
and the document's language (``w:lang``) on the default run properties and every
style. python-docx is imported only when a file is written. Workbooks are written by the one
XLSX writer, :func:`socstrat.render.tables.xlsx_bytes`, from tidy tables.
"""

from __future__ import annotations

import dataclasses
import io
from dataclasses import dataclass, field
from typing import Any, Literal

from socstrat.io.terminal import visible_controls
from socstrat.render.text import escape_markdown

WORD_LANG = {"bg": "bg-BG", "en": "en-GB"}


@dataclass
class DocumentHeading:
    level: int
    text: str
    id: str | None = None
    numbered: bool = True
    """Word numbers the heading from the document's structure; a heading that carries the source's own
    code (``2.1 Демографско развитие``) is not numbered again."""
    kind: Literal["heading"] = "heading"


@dataclass
class Paragraph:
    text: str
    style: Literal["body", "bullet", "note", "facts"] = "body"
    kind: Literal["paragraph"] = "paragraph"


@dataclass
class DocumentTable:
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


Block = DocumentHeading | Paragraph | DocumentTable


@dataclass
class Document:
    title: str
    lang: str
    blocks: list[Block]
    subtitle: list[str] = field(default_factory=list)
    contents_label: str = "Contents"
    page_label: str = "Page"
    toc_hint: str = ""
    running_header: str = ""
    """The line at the top of every page (what the document is, for which strategy and year)."""
    banner: list[str] = field(default_factory=list)
    """Lines that must be on every page, above the running header: the illustrative-data warning."""


# --- Markdown --------------------------------------------------------------------------


def to_markdown(doc: Document) -> str:
    """GitHub-flavoured Markdown; every value is escaped, so data text can neither inject HTML nor break a table."""
    out = [f"# {escape_markdown(doc.title)}", ""]
    out += [f"{escape_markdown(line)}  " for line in doc.subtitle]
    out.append("")
    for block in doc.blocks:
        if isinstance(block, DocumentHeading):
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


def printable(doc: Document) -> Document:
    """``doc`` with its text through :func:`~socstrat.io.terminal.visible_controls`, which the Word writer needs."""
    clean = visible_controls

    blocks: list[Block] = []
    for block in doc.blocks:
        if isinstance(block, DocumentTable):
            blocks.append(dataclasses.replace(
                block,
                headers=[clean(h) for h in block.headers],
                rows=[[clean(c) for c in row] for row in block.rows],
                caption=clean(block.caption) if block.caption is not None else None,
                sheet=clean(block.sheet) if block.sheet is not None else None,
            ))
        else:
            blocks.append(dataclasses.replace(block, text=clean(block.text)))
    return dataclasses.replace(
        doc, title=clean(doc.title), subtitle=[clean(line) for line in doc.subtitle], blocks=blocks,
        running_header=clean(doc.running_header), banner=[clean(line) for line in doc.banner],
    )


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
    _font(word)
    word.styles["Normal"].font.size = Pt(10)
    section = word.sections[0]
    _page(section, landscape=False)
    _footer(section, doc.page_label)
    _header(section, doc.running_header, doc.banner)
    word.core_properties.title = doc.title
    word.core_properties.language = WORD_LANG.get(doc.lang, doc.lang)

    for line in doc.banner:
        word.add_paragraph().add_run(line).bold = True
    word.add_paragraph(doc.title, style="Title")
    for line in doc.subtitle:
        word.add_paragraph(line, style="Subtitle")
    word.add_paragraph(doc.contents_label, style="TOC Heading")
    _toc(word.add_paragraph(), doc.toc_hint)

    landscape = False
    for index, block in enumerate(doc.blocks):
        following = doc.blocks[index + 1] if index + 1 < len(doc.blocks) else None
        wanted = landscape
        if isinstance(block, DocumentTable):
            wanted = _needs_landscape(block)
        elif isinstance(block, DocumentHeading):
            wanted = isinstance(following, DocumentTable) and _needs_landscape(following)
        if wanted != landscape:
            landscape = wanted
            _page(word.add_section(WD_SECTION.NEW_PAGE), landscape=landscape)
        if isinstance(block, DocumentHeading):
            heading = word.add_heading(block.text, level=min(block.level, 9))
            if not block.numbered:
                _unnumbered(heading)
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
            available = int(section.page_width or 0) - int(section.left_margin or 0) - int(section.right_margin or 0)
            points = _font_points(block, available)
            widths = _widths(block, available, points)
            header = table.rows[0]
            _repeat_header(header)
            for cell, text in zip(header.cells, block.headers):
                cell.text = ""
                run = cell.paragraphs[0].add_run(text)
                run.bold = True
            size = Pt(points)
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


CELL_PADDING = 2 * 108 * 635 + 2 * 12700
"""EMU a table cell takes besides its text: Word's default left and right cell margins (108 twips each) and borders."""
FONT = "Arial"
"""The body font: on every Windows, and metrically identical to Liberation Sans, which LibreOffice
uses for it, so a column sized for a word here holds it in Word and in LibreOffice alike."""

ARIAL_WIDTHS: dict[str, int] = {
    char: width
    for width, chars in (
        (238, "'"),
        (278, ' ,./I\\ijl‘’'),
        (280, '|'),
        (333, '!()-:;[]`ft·'),
        (350, '•'),
        (389, '*r{}'),
        (417, 'г'),
        (474, '"'),
        (490, 'т'),
        (497, 'з'),
        (500, 'zк„“”'),
        (552, 'э'),
        (556, '#$0123456789J_aceksvxyаесухёѐ–«»§€'),
        (567, 'Г'),
        (581, 'ч'),
        (583, 'я'),
        (584, '+<=>^~−'),
        (604, 'нп'),
        (610, 'К'),
        (611, '?FLTZbdghnopquТор'),
        (615, 'вийцьѝ'),
        (618, 'б'),
        (626, 'З'),
        (635, 'Удл'),
        (667, 'EPSVXYЕРХЀ'),
        (669, 'Ё'),
        (702, 'Л'),
        (703, 'Ч'),
        (709, 'ж'),
        (712, 'Д'),
        (719, 'БИЙПЬЭЍ'),
        (722, '&ABCDHKNRUАВНСЯ'),
        (729, 'ъ'),
        (740, 'Цм'),
        (778, 'GOQwО'),
        (833, 'MМш'),
        (844, 'щ'),
        (854, 'Фыю'),
        (870, 'Ъ'),
        (875, 'ф'),
        (889, '%m'),
        (923, 'Ж'),
        (944, 'W'),
        (979, 'Ы'),
        (1000, '—…'),
        (1005, 'Ш'),
        (1015, '@'),
        (1019, 'Щ'),
        (1031, 'Ю'),
        (1115, '№'),
    )
    for char in chars
}
"""Advance widths in thousandths of an em of the characters socstrat's documents use: the wider of
Arial's (Liberation Sans's) regular and bold glyph, so one table bounds both."""


def text_width(text: str, points: float) -> int:
    """The width of ``text`` in EMU at ``points`` in :data:`FONT` (regular or bold); an unknown character counts one em."""
    return int(sum(ARIAL_WIDTHS.get(c, 1000) for c in text) * points * 12.7) + 1


def _longest_word(table: DocumentTable, column: int, points: float) -> int:
    """The narrowest a column may be: its longest word fits on one line (headers in bold)."""
    widths = [text_width(w, points) for w in table.headers[column].split()] if column < len(table.headers) else []
    widths += [text_width(w, points) for n, row in enumerate(table.rows) if n in table.strong_rows and column < len(row) for w in row[column].split()]
    widths += [text_width(w, points) for row in table.rows if column < len(row) for w in row[column].split()]
    return max(widths, default=0) + CELL_PADDING


PORTRAIT_TEXT_WIDTH = (210 - 40) * 36000
LANDSCAPE_TEXT_WIDTH = (297 - 30) * 36000


def _needs_landscape(table: DocumentTable) -> bool:
    """A wide table, or one whose longest words do not fit side by side on a portrait page."""
    return table.wide or sum(_longest_word(table, i, 9) for i in range(len(table.headers))) > PORTRAIT_TEXT_WIDTH


def _font_points(table: DocumentTable, available: int) -> float:
    """9 pt, or smaller for a wide table, down to 7 pt, until every column's longest word fits."""
    for points in ((8.0, 7.5, 7.0) if table.wide else (9.0, 8.0, 7.5, 7.0)):
        if sum(_longest_word(table, i, points) for i in range(len(table.headers))) <= available:
            return points
    return 7.0


def _widths(table: DocumentTable, available: int, points: float) -> list[int]:
    """Column widths in EMU: each at least its longest word, the rest of the line shared by how long
    the column's text usually is, so that no word is broken inside a cell."""
    least = [_longest_word(table, i, points) for i in range(len(table.headers))]
    wanted = []
    for i in range(len(table.headers)):
        lengths = sorted(max((len(line) for line in row[i].split("\n")), default=0) for row in table.rows if i < len(row))
        typical = min(lengths[len(lengths) * 3 // 4] if lengths else 0, 60)
        wanted.append(max(least[i], text_width("н" * typical, points) + CELL_PADDING))
    spare = available - sum(least)
    if spare <= 0:
        return least
    growth = [w - m for w, m in zip(wanted, least)]
    if sum(growth) <= spare:
        scale = available / sum(wanted)
        return [int(w * scale) for w in wanted]
    return [int(m + g * spare / sum(growth)) for m, g in zip(least, growth)]


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


def _header(section: Any, running: str, banner: list[str]) -> None:
    """The banner (bold) and the running header on every page; later sections are linked to this one."""
    from docx.shared import Pt

    paragraph = section.header.paragraphs[0]
    for line in banner:
        run = paragraph.add_run(line)
        run.bold = True
        run.font.size = Pt(8)
        paragraph = section.header.add_paragraph()
    if running:
        paragraph.add_run(running).font.size = Pt(8)
    paragraph.alignment = 1  # centre


def _font(word: Any) -> None:
    """:data:`FONT` for the document's defaults and every style, instead of the template's theme fonts."""
    from docx.oxml.ns import qn

    def set_font(rpr: Any) -> None:
        fonts = rpr.find(qn("w:rFonts"))
        if fonts is None:
            fonts = _element("w:rFonts")
            rpr.insert(0, fonts)
        for attribute in list(fonts.attrib):
            if attribute.endswith("Theme"):
                del fonts.attrib[attribute]
        for kind in ("ascii", "hAnsi", "cs", "eastAsia"):
            fonts.set(qn(f"w:{kind}"), FONT)

    set_font(word.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr")))
    for style in word.styles:
        element = style.element.find(qn("w:rPr"))
        if element is not None and element.find(qn("w:rFonts")) is not None:
            set_font(element)


def _unnumbered(paragraph: Any) -> None:
    numbering = _element("w:numPr")
    numbering.append(_element("w:ilvl", val="0"))
    numbering.append(_element("w:numId", val="0"))
    paragraph._p.get_or_add_pPr().insert(0, numbering)


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
