"""The SpreadsheetML (XLSX) writer of tidy tables: sheets of cells, written as XML text.

Every workbook of tables (``export``, ``deltas``, ``compare``, ``plan``) is a few sheets
of plain cells with a handful of styles: a header row, bold labels, number formats,
internal links, Excel's quote prefix. openpyxl, the project's spreadsheet library,
builds an object per cell and an element tree per cell when it saves; over a national
site of 265 strategies that was a third of the build's CPU (a strategy's workbook holds
about 7 000 cells, one per language). This module writes the same parts (worksheets,
styles, workbook, package relations, and a table of shared strings, each text once) as
text in one pass, about eight times faster, and with fixed times in the package (:mod:`socstrat.io.archive`), so the same tables give the same bytes.

openpyxl stays the library that reads workbooks and writes the monitoring workbook
(drop-downs, locked cells); the tests read every workbook written here with it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cache, lru_cache
from typing import Any

from socstrat.io.archive import zip_bytes
from socstrat.io.terminal import visible_controls
from socstrat.render.text import neutralise_formula

A4 = 9
"""Excel's paper size code of A4."""


@dataclass(frozen=True)
class Style:
    """What a cell looks like; each distinct one becomes one ``cellXfs`` entry of the workbook."""

    number_format: str | None = None
    bold: bool = False
    head: bool = False
    """A header cell: bold, wrapped at the top, shaded, with a thin line below."""
    link: bool = False
    """Excel's built-in Hyperlink style."""
    quote: bool = False
    """Excel's quote prefix: the text stays text even after an edit."""


PLAIN = Style()
QUOTED = Style(quote=True)
Cell = tuple[Any, Style]
"""A value (text, number or date) and its style."""


@dataclass
class Sheet:
    """One worksheet: rows of ``(value, style)`` cells (``None`` leaves a cell empty), column widths and its print and view settings."""

    name: str
    rows: list[list[Cell | None]] = field(default_factory=list)
    widths: Sequence[float] = ()
    header: bool = False
    """The first row is a header: frozen, filtered over ``filter_rows`` rows, and repeated on every printed page."""
    filter_rows: int = 0
    links: list[tuple[str, str]] = field(default_factory=list)
    """``(cell reference, location)`` of links to places in the workbook, such as ``'Sheet'!A1``."""
    paper: int | None = None

    @property
    def filter_end(self) -> tuple[str, int]:
        """The last column and row of the filtered range: the header's columns over at least one row below it."""
        return column_letter(max(len(self.rows[0]) if self.rows else 1, 1)), max(self.filter_rows, 1) + 1


@lru_cache(maxsize=4096)
def text(value: str) -> Cell:
    """A text cell as the tables write it: controls made visible, and a text that a spreadsheet would take for a formula
    quote-prefixed. Cached: the same codes and names recur in every sheet and language."""
    value = visible_controls(value)
    return value, (QUOTED if neutralise_formula(value) != value else PLAIN)


def workbook(sheets: Sequence[Sheet], created: date) -> bytes:
    """The XLSX file of ``sheets``, the first one selected; ``created`` is the date in its properties."""
    styles = _Styles()
    strings: dict[str, int] = {}
    parts = [(f"xl/worksheets/sheet{i}.xml", _sheet_xml(sheet, styles, strings, selected=i == 1)) for i, sheet in enumerate(sheets, start=1)]
    stamp = f"{created.isoformat()}T00:00:00Z"
    files = [
        ("[Content_Types].xml", _content_types(len(sheets))),
        ("_rels/.rels", _ROOT_RELS),
        ("docProps/app.xml", _APP),
        ("docProps/core.xml", _CORE.format(stamp=stamp)),
        ("xl/workbook.xml", _workbook_xml(sheets)),
        ("xl/_rels/workbook.xml.rels", _workbook_rels(len(sheets))),
        ("xl/styles.xml", styles.xml()),
        ("xl/sharedStrings.xml", _shared_strings(strings)),
        *parts,
    ]
    return zip_bytes((name, content.encode("utf-8")) for name, content in files)


# --- worksheets ---------------------------------------------------------------------------------------


@cache
def column_letter(index: int) -> str:
    """``1`` → ``A``, ``27`` → ``AA``."""
    letters = ""
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


_ATTRIBUTE_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "\r": "&#13;", "\n": "&#10;", "\t": "&#9;"})
EXCEL_EPOCH = date(1899, 12, 30)


def _escape(value: str) -> str:
    """Text for an XML element; chained ``replace`` scans Cyrillic text several times faster than ``str.translate``."""
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")


def _attribute(value: str) -> str:
    return value.translate(_ATTRIBUTE_ESCAPES)


def _cell(ref: str, value: Any, style: int, strings: dict[str, int]) -> str:
    s = f' s="{style}"' if style else ""
    if value.__class__ is not str:
        if isinstance(value, bool):
            value = str(value)
        elif isinstance(value, (int, float)):
            return f'<c r="{ref}"{s}><v>{value!r}</v></c>'
        elif isinstance(value, date):
            return f'<c r="{ref}"{s}><v>{(value - EXCEL_EPOCH).days}</v></c>'
        else:
            value = str(value)
    number = strings.get(value)
    if number is None:
        number = strings[value] = len(strings)
    return f'<c r="{ref}"{s} t="s"><v>{number}</v></c>'


def _shared_strings(strings: dict[str, int]) -> str:
    """The workbook's table of texts, each once: a tidy table repeats its codes, names and labels in every row."""
    items = "".join(f'<si><t xml:space="preserve">{_escape(text)}</t></si>' for text in strings)
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" uniqueCount="{len(strings)}">{items}</sst>'
    )


def _sheet_xml(sheet: Sheet, styles: _Styles, strings: dict[str, int], *, selected: bool) -> str:
    width = max((len(row) for row in sheet.rows if row), default=1)
    last = f"{column_letter(max(width, 1))}{max(len(sheet.rows), 1)}"
    out = [
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">',
        f'<dimension ref="A1:{last}"/>',
        '<sheetViews><sheetView tabSelected="1" workbookViewId="0">' if selected else '<sheetViews><sheetView workbookViewId="0">',
        '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A2" sqref="A2"/>'
        if sheet.header else '<selection activeCell="A1" sqref="A1"/>',
        '</sheetView></sheetViews><sheetFormatPr defaultRowHeight="15"/>',
    ]
    if sheet.widths:
        out.append("<cols>")
        out += [f'<col min="{i}" max="{i}" width="{w:g}" customWidth="1"/>' for i, w in enumerate(sheet.widths, start=1)]
        out.append("</cols>")
    out.append("<sheetData>")
    letters = [column_letter(i) for i in range(1, width + 1)]
    index: dict[int, int] = {}  # a style's number by the object's identity: a sheet reuses a few style objects
    for r, row in enumerate(sheet.rows, start=1):
        cells = []
        for c, item in enumerate(row):
            if item is None or item[0] is None:
                continue
            style = item[1]
            number = index.get(id(style))
            if number is None:
                number = index[id(style)] = styles.index(style)
            cells.append(_cell(f"{letters[c]}{r}", item[0], number, strings))
        out.append(f'<row r="{r}">{"".join(cells)}</row>' if cells else f'<row r="{r}"/>')
    out.append("</sheetData>")
    if sheet.header:
        column, end = sheet.filter_end
        out.append(f'<autoFilter ref="A1:{column}{end}"/>')
    if sheet.links:
        out.append("<hyperlinks>")
        out += [f'<hyperlink ref="{ref}" location="{_attribute(location)}"/>' for ref, location in sheet.links]
        out.append("</hyperlinks>")
    out.append('<pageMargins left="0.75" right="0.75" top="1" bottom="1" header="0.5" footer="0.5"/>')
    if sheet.paper:
        out.append(f'<pageSetup paperSize="{sheet.paper}"/>')
    out.append("</worksheet>")
    return "".join(out)


def _quoted(name: str) -> str:
    return "'" + name.replace("'", "''") + "'"


def _workbook_xml(sheets: Sequence[Sheet]) -> str:
    listed = "".join(f'<sheet name="{_attribute(s.name)}" sheetId="{i}" r:id="rId{i}"/>' for i, s in enumerate(sheets, start=1))
    names = []
    for i, s in enumerate(sheets):
        if s.header:
            column, row = s.filter_end
            names.append(f'<definedName name="_xlnm._FilterDatabase" localSheetId="{i}" hidden="1">{_escape(_quoted(s.name))}!$A$1:${column}${row}</definedName>')
            names.append(f'<definedName name="_xlnm.Print_Titles" localSheetId="{i}">{_escape(_quoted(s.name))}!$1:$1</definedName>')
    defined = f"<definedNames>{''.join(names)}</definedNames>" if names else ""
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        f'<workbookPr/><bookViews><workbookView activeTab="0"/></bookViews><sheets>{listed}</sheets>{defined}'
        '<calcPr calcId="124519" fullCalcOnLoad="1"/></workbook>'
    )


# --- styles ------------------------------------------------------------------------------------------

BUILTIN_FORMATS = {"General": 0, "0": 1, "0.00": 2, "#,##0": 3, "#,##0.00": 4, "0%": 9, "0.00%": 10, "@": 49}
_FONTS = (
    '<font><sz val="11"/><color theme="1"/><name val="Calibri"/><family val="2"/><scheme val="minor"/></font>'
    '<font><b/><sz val="11"/><color theme="1"/><name val="Calibri"/><family val="2"/><scheme val="minor"/></font>'
    '<font><u/><sz val="11"/><color rgb="FF0563C1"/><name val="Calibri"/><family val="2"/><scheme val="minor"/></font>'
)
_FILLS = '<fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill><fill><patternFill patternType="solid"><fgColor rgb="FFDDE5EE"/><bgColor indexed="64"/></patternFill></fill>'
_BORDERS = '<border><left/><right/><top/><bottom/><diagonal/></border><border><left/><right/><top/><bottom style="thin"><color auto="1"/></bottom><diagonal/></border>'


class _Styles:
    """The workbook's cell styles, numbered in the order the cells first use them."""

    def __init__(self) -> None:
        self.indices: dict[Style, int] = {PLAIN: 0}
        self.formats: dict[str, int] = {}

    def index(self, style: Style) -> int:
        found = self.indices.get(style)
        if found is None:
            found = self.indices[style] = len(self.indices)
        return found

    def _format_id(self, code: str | None) -> int:
        if code is None:
            return 0
        if code in BUILTIN_FORMATS:
            return BUILTIN_FORMATS[code]
        return self.formats.setdefault(code, 164 + len(self.formats))

    def _xf(self, style: Style) -> str:
        font = 1 if style.bold or style.head else 2 if style.link else 0
        attributes = f'numFmtId="{self._format_id(style.number_format)}" fontId="{font}" fillId="{2 if style.head else 0}" borderId="{1 if style.head else 0}" xfId="{1 if style.link else 0}"'
        attributes += ' applyNumberFormat="1"' if style.number_format else ""
        attributes += ' applyFont="1"' if font else ""
        attributes += ' applyFill="1" applyBorder="1" applyAlignment="1"' if style.head else ""
        attributes += ' quotePrefix="1"' if style.quote else ""
        inner = '<alignment vertical="top" wrapText="1"/>' if style.head else ""
        return f"<xf {attributes}>{inner}</xf>" if inner else f"<xf {attributes}/>"

    def xml(self) -> str:
        xfs = "".join(self._xf(style) for style in self.indices)
        formats = "".join(f'<numFmt numFmtId="{i}" formatCode="{_attribute(code)}"/>' for code, i in self.formats.items())
        return (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            + (f'<numFmts count="{len(self.formats)}">{formats}</numFmts>' if self.formats else "")
            + f'<fonts count="3">{_FONTS}</fonts><fills count="3">{_FILLS}</fills><borders count="2">{_BORDERS}</borders>'
            '<cellStyleXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/><xf numFmtId="0" fontId="2" fillId="0" borderId="0"/></cellStyleXfs>'
            f'<cellXfs count="{len(self.indices)}">{xfs}</cellXfs>'
            '<cellStyles count="2"><cellStyle name="Normal" xfId="0" builtinId="0"/><cellStyle name="Hyperlink" xfId="1" builtinId="8"/></cellStyles>'
            "</styleSheet>"
        )


# --- the package -------------------------------------------------------------------------------------

_MAIN = "application/vnd.openxmlformats-officedocument.spreadsheetml"
_ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>'
    '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>'
    "</Relationships>"
)
_APP = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>socstrat</Application></Properties>'
)
_CORE = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:creator>socstrat</dc:creator>'
    '<dcterms:created xsi:type="dcterms:W3CDTF">{stamp}</dcterms:created>'
    '<dcterms:modified xsi:type="dcterms:W3CDTF">{stamp}</dcterms:modified></cp:coreProperties>'
)


def _content_types(sheets: int) -> str:
    overrides = "".join(f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="{_MAIN}.worksheet+xml"/>' for i in range(1, sheets + 1))
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/xl/workbook.xml" ContentType="{_MAIN}.sheet.main+xml"/>'
        f'<Override PartName="/xl/styles.xml" ContentType="{_MAIN}.styles+xml"/>'
        f'<Override PartName="/xl/sharedStrings.xml" ContentType="{_MAIN}.sharedStrings+xml"/>{overrides}'
        '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
        '<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>'
        "</Types>"
    )


def _workbook_rels(sheets: int) -> str:
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    listed = "".join(f'<Relationship Id="rId{i}" Type="{rel}/worksheet" Target="worksheets/sheet{i}.xml"/>' for i in range(1, sheets + 1))
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f'{listed}<Relationship Id="rId{sheets + 1}" Type="{rel}/styles" Target="styles.xml"/>'
        f'<Relationship Id="rId{sheets + 2}" Type="{rel}/sharedStrings" Target="sharedStrings.xml"/></Relationships>'
    )
