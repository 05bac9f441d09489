"""The yearly monitoring workbook: its layout, and reading a filled one into ``monitoring/<YEAR>.yaml``.

``socstrat monitoring template`` writes the workbook (:mod:`socstrat.render.workbook`);
the people who have the figures fill it in; ``socstrat monitoring import`` reads it
back here. Both sides share the layout below, so that the reader never guesses:

- a sheet per kind of entry (services, activities, indicators) and an instructions
  sheet that holds the strategy, the year and the socstrat version under defined names
  (``socstrat_strategy`` …), and the report's date and author as input cells;
- on each entry sheet row 1 says what made the workbook, row 2 holds the column labels,
  row 3 (hidden) the column keys, and the entries start on row 4, one per row, keyed by
  the id in column A.

Reading refuses what it cannot take as the person meant it: another strategy or year,
a changed or unknown id, a formula or an error value, text in a number cell. Each
problem is a :class:`Diagnostic` located by sheet and cell (``path`` = ``Услуги!E7``).

The new file is written by editing the existing one in place (ruamel.yaml's round
trip), so that what the workbook does not carry (comments, dates, baselines,
successors, evidence) stays as it was, and then put in the canonical ``fmt`` layout.
"""

from __future__ import annotations

import datetime
import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from pydantic import ValidationError

from socstrat.i18n.catalog import LANGUAGES, label
from socstrat.lint.diagnostics import Diagnostic, Location, Severity
from socstrat.model import MONITORING_DIR, MonitoringFile, Strategy
from socstrat.model.monitoring import ActivityState, ServiceState
from socstrat.model.queries import indicators, iter_nodes, key_indicators

EntrySheet = Literal["services", "activities", "indicators"]
CellKind = Literal["id", "ref", "count", "number", "service_state", "activity_state", "text", "lines"]
SECTIONS: tuple[EntrySheet, ...] = ("services", "activities", "indicators")
ID_KEY: dict[EntrySheet, str] = {"services": "service", "activities": "activity", "indicators": "indicator"}
TITLE_ROW, LABEL_ROW, KEY_ROW, FIRST_ROW = 1, 2, 3, 4
SPENDING = "spending:"
SERVICE_STATES: tuple[ServiceState, ...] = ServiceState.__args__  # type: ignore[attr-defined]
ACTIVITY_STATES: tuple[ActivityState, ...] = ActivityState.__args__  # type: ignore[attr-defined]
STATE_LABELS: dict[str, str] = {"service_state": "wb.service_state.", "activity_state": "act."}
"""Catalog key prefix of the drop-down labels of a state column."""


@dataclass(frozen=True)
class SheetColumn:
    """A column of an entry sheet: its key (a field of the monitoring file, or a reference), what it holds, whether people fill it."""

    key: str
    kind: CellKind
    input: bool = False
    width: int = 12


SERVICE_COLUMNS = (
    SheetColumn("service", "id", width=22), SheetColumn("name", "ref", width=42),
    SheetColumn("planned_places", "ref"), SheetColumn("planned_places_basis", "ref", width=18),
    SheetColumn("planned_staff", "ref"), SheetColumn("planned_staff_basis", "ref", width=18),
    SheetColumn("last_places", "ref"), SheetColumn("last_users", "ref"), SheetColumn("last_staff", "ref"),
    SheetColumn("places", "count", True), SheetColumn("staff", "number", True), SheetColumn("users", "count", True),
)
"""The services sheet up to the spending columns (one per financing source, ``spending:<source>``)."""
SERVICE_TAIL = (SheetColumn("status", "service_state", True, 16), SheetColumn("remarks", "lines", True, 40))
ACTIVITY_COLUMNS = (
    SheetColumn("activity", "id", width=18), SheetColumn("code", "ref", width=10), SheetColumn("title", "ref", width=60),
    SheetColumn("end", "ref", width=8), SheetColumn("last_status", "ref", width=14),
    SheetColumn("status", "activity_state", True, 16), SheetColumn("merged_into", "text", True, 18),
    SheetColumn("account", "text", True, 40), SheetColumn("evidence", "lines", True, 30),
)
INDICATOR_COLUMNS = (
    SheetColumn("indicator", "id", width=20), SheetColumn("text", "ref", width=60), SheetColumn("target", "ref", width=14),
    SheetColumn("baseline", "ref", width=12), SheetColumn("last_value", "ref"),
    SheetColumn("value", "number", True), SheetColumn("unit", "text", True, 8), SheetColumn("source", "text", True, 30),
    SheetColumn("assessment", "text", True, 40),
)
META_CELLS = {"strategy": "B3", "year": "B4", "version": "B5", "reported": "B6", "reported_by": "B7"}
"""Where the instructions sheet holds the workbook's identity and the report's date and author; each is a defined name ``socstrat_<key>``."""
META_INPUT = ("reported", "reported_by")


def sheet_names(lang: str) -> dict[str, str]:
    return {kind: label(f"wb.sheet.{kind}", lang) for kind in ("meta", *SECTIONS)}


def column_kind(key: str, section: EntrySheet) -> SheetColumn | None:
    """The column of ``section`` with ``key`` (a spending column for ``spending:<source>``)."""
    if section == "services" and key.startswith(SPENDING):
        return SheetColumn(key, "number", True)
    columns = {"services": SERVICE_COLUMNS + SERVICE_TAIL, "activities": ACTIVITY_COLUMNS, "indicators": INDICATOR_COLUMNS}[section]
    return next((c for c in columns if c.key == key), None)


class WorkbookError(Exception):
    """The file is not a workbook openpyxl can read (a usage error, exit 2)."""


# --- reading ------------------------------------------------------------------------------


@dataclass
class Row:
    """One entry row: the id, the parsed input values by key, and the cell of each key."""

    row: int
    ident: str
    values: dict[str, Any]
    cells: dict[str, str]


@dataclass
class Filled:
    """What a filled workbook says, before it is merged into a monitoring file."""

    path: str
    sheets: dict[str, str]
    strategy: str | None = None
    year: int | None = None
    version: str | None = None
    reported: datetime.date | None = None
    reported_by: str | None = None
    meta_cells: dict[str, str] = field(default_factory=dict)
    rows: dict[EntrySheet, list[Row]] = field(default_factory=dict)
    problems: list[Diagnostic] = field(default_factory=list)

    def problem(self, sheet: str, cell: str | None, code: str, severity: Severity, key: str, /, **args: Any) -> None:
        self.problems.append(located(self.path, sheet, cell, code, severity, key, args))

    @property
    def refused(self) -> bool:
        return any(p.severity == "error" for p in self.problems)


def located(path: str, sheet: str, cell: str | None, code: str, severity: Severity, key: str, args: dict[str, Any]) -> Diagnostic:
    """A diagnostic at ``sheet!cell`` (or the whole sheet); ``line`` and ``column`` are the cell's row and column."""
    from openpyxl.utils.cell import column_index_from_string, coordinate_from_string

    line = column = 1
    if cell:
        letters, line = coordinate_from_string(cell)
        column = column_index_from_string(letters)
    where = f"{sheet}!{cell}" if cell else sheet
    return Diagnostic.found(Location(file=path, line=line, column=column, path=where), code, severity, key, args)


MAX_WORKBOOK_BYTES = 20 * 1024 * 1024
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
"""A yearly workbook is some hundred kilobytes; anything far larger (or a zip that unpacks to far more) is refused unread."""


def read_workbook(path: Path) -> Filled:
    """Read a filled workbook; raises :class:`WorkbookError` when it is not an XLSX file socstrat will open."""
    import stat
    import zipfile

    import openpyxl

    try:
        info = path.stat()
    except OSError as exc:
        raise WorkbookError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    if not stat.S_ISREG(info.st_mode):
        raise WorkbookError(f"{path}: not a regular file")
    if info.st_size > MAX_WORKBOOK_BYTES:
        raise WorkbookError(f"{path}: {info.st_size // 1024 // 1024} MiB is too large for a monitoring workbook")
    try:
        with zipfile.ZipFile(path) as archive:
            if sum(member.file_size for member in archive.infolist()) > MAX_UNPACKED_BYTES:
                raise WorkbookError(f"{path}: unpacks to more than {MAX_UNPACKED_BYTES // 1024 // 1024} MiB")
        book = openpyxl.load_workbook(path, data_only=False)
    except WorkbookError:
        raise
    except Exception as exc:  # openpyxl reports a damaged file with many kinds of exception
        raise WorkbookError(f"{path}: not a workbook socstrat can read ({exc.__class__.__name__})") from None
    names = _identify_sheets(book.sheetnames)
    filled = Filled(path=str(path), sheets=names)
    meta = names.get("meta")
    if meta is None or not all(f"socstrat_{key}" in book.defined_names for key in META_CELLS):
        filled.problem(meta or book.sheetnames[0], None, "P101", "error", "P101.not_template")
        return filled
    for key, cell in META_CELLS.items():
        filled.meta_cells[key] = cell
        _read_meta(filled, book[meta], key, cell)
    known = set(names.values())
    for sheet in book.sheetnames:
        if sheet not in known:
            filled.problem(sheet, None, "P106", "info", "P106", sheet=sheet)
    for section in SECTIONS:
        sheet = names.get(section)
        if sheet is None:
            filled.problem(meta, None, "P101", "error", "P101.sheet_missing", sheet=label(f"wb.sheet.{section}", "bg"))
            continue
        filled.rows[section] = list(_read_rows(filled, book[sheet], section))
    return filled


def _identify_sheets(present: list[str]) -> dict[str, str]:
    """Sheet kind → the sheet's name, in whichever language the template was written."""
    found: dict[str, str] = {}
    for lang in LANGUAGES:
        for kind, name in sheet_names(lang).items():
            if name in present and kind not in found:
                found[kind] = name
    return found


def _cell_problem(filled: Filled, sheet: str, cell: Any) -> bool:
    """Report a formula or an error value; True when the cell holds one."""
    if cell.data_type == "f":
        filled.problem(sheet, cell.coordinate, "P103", "error", "P103.formula", value=str(cell.value)[:40])
        return True
    if cell.data_type == "e":
        filled.problem(sheet, cell.coordinate, "P103", "error", "P103.error", value=str(cell.value))
        return True
    return False


def _read_meta(filled: Filled, sheet: Any, key: str, ref: str) -> None:
    cell = sheet[ref]
    if _cell_problem(filled, sheet.title, cell):
        return
    value = cell.value
    if value is None or value == "":
        return
    if key == "reported":
        if isinstance(value, datetime.datetime):
            filled.reported = value.date()
        elif isinstance(value, datetime.date):
            filled.reported = value
        else:
            text = str(value).strip()
            for form in ("%Y-%m-%d", "%d.%m.%Y"):  # ISO, or as Bulgarian dates are written
                try:
                    filled.reported = datetime.datetime.strptime(text, form).date()
                    break
                except ValueError:
                    continue
            else:
                filled.problem(sheet.title, ref, "P104", "error", "P104.date", value=text[:40])
    elif key == "year":
        try:
            filled.year = int(value)
        except (TypeError, ValueError):
            filled.problem(sheet.title, ref, "P101", "error", "P101.not_template")
    else:
        setattr(filled, key, str(value).strip())


def _read_rows(filled: Filled, sheet: Any, section: EntrySheet) -> Iterator[Row]:
    from openpyxl.utils import get_column_letter

    keys = {col: str(cell.value) for col, cell in enumerate(sheet[KEY_ROW], 1) if cell.value}
    id_key = ID_KEY[section]
    if keys.get(1) != id_key:
        filled.problem(sheet.title, f"A{KEY_ROW}", "P101", "error", "P101.layout", sheet=sheet.title)
        return
    seen: dict[str, int] = {}
    for cells in sheet.iter_rows(min_row=FIRST_ROW):
        by_col = {cell.column: cell for cell in cells if hasattr(cell, "column")}
        id_cell = by_col.get(1)
        if id_cell is None:
            continue
        if _cell_problem(filled, sheet.title, id_cell):
            continue
        inputs = {k: by_col.get(col) for col, k in keys.items() if (c := column_kind(k, section)) is not None and c.input}
        if id_cell.value is None or str(id_cell.value).strip() == "":
            if any(c is not None and c.value not in (None, "") for c in inputs.values()):
                filled.problem(sheet.title, id_cell.coordinate, "P102", "error", "P102.no_id")
            continue
        ident = str(id_cell.value).strip()
        if ident in seen:
            filled.problem(sheet.title, id_cell.coordinate, "P102", "error", "P102.duplicate", id=ident, row=seen[ident])
            continue
        seen[ident] = id_cell.row
        row = Row(row=id_cell.row, ident=ident, values={}, cells={})
        for key, cell in inputs.items():
            column = column_kind(key, section)
            assert column is not None
            col = next(c for c, k in keys.items() if k == key)
            row.cells[key] = f"{get_column_letter(col)}{id_cell.row}"
            if cell is None or _cell_problem(filled, sheet.title, cell):
                row.values[key] = None
                continue
            row.values[key] = _parse(filled, sheet.title, cell.coordinate, column, cell.value, "%" in (cell.number_format or ""))
        row.cells[id_key] = id_cell.coordinate
        yield row


def _parse(filled: Filled, sheet: str, ref: str, column: SheetColumn, value: Any, percent: bool = False) -> Any:
    """A cell's value as the monitoring file holds it; None for an empty cell or one whose problem was recorded.

    A number shown as a percentage (a person typed ``14%``, which a spreadsheet stores as
    0.14) is read as the number the person saw, 14.
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if column.kind in ("count", "number"):
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            filled.problem(sheet, ref, "P104", "error", "P104.not_number", value=str(value)[:40])
            return None
        if value < 0:
            filled.problem(sheet, ref, "P104", "error", "P104.negative", value=value)
            return None
        if percent:
            value = round(value * 100, 10)
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if column.kind == "count" and not isinstance(value, int):
            filled.problem(sheet, ref, "P104", "error", "P104.not_whole", value=value)
            return None
        return value
    if column.kind in STATE_LABELS:
        states = SERVICE_STATES if column.kind == "service_state" else ACTIVITY_STATES
        text = str(value).strip()
        for state in states:
            if text == state or text in {label(STATE_LABELS[column.kind] + state, lang) for lang in LANGUAGES}:
                return state
        shown = ", ".join(label(STATE_LABELS[column.kind] + s, "bg") for s in states)
        filled.problem(sheet, ref, "P104", "error", "P104.state", value=text[:40], states=shown)
        return None
    if isinstance(value, datetime.datetime):
        value = value.date()
    text = value.isoformat() if isinstance(value, datetime.date) else str(value)
    if column.kind == "lines":
        return [line.strip() for line in text.splitlines() if line.strip()] or None
    return text.strip()


# --- checking against the strategy ----------------------------------------------------------


def check_identity(filled: Filled, strategy: Strategy, year: int | None) -> None:
    """Refuse a workbook of another strategy or year, and rows whose id the strategy does not have."""
    meta = filled.sheets.get("meta", "")
    if filled.strategy != strategy.strategy.id:
        filled.problem(meta, META_CELLS["strategy"], "P101", "error", "P101.strategy", found=filled.strategy or "—", expected=strategy.strategy.id)
    period = strategy.strategy.period
    if filled.year is None or (year is not None and filled.year != year) or not period.start <= filled.year <= period.end:
        filled.problem(meta, META_CELLS["year"], "P101", "error", "P101.year", found=filled.year or "—",
                       expected=year if year is not None else f"{period.start}–{period.end}")
    known = known_ids(strategy)
    for section, rows in filled.rows.items():
        sheet = filled.sheets[section]
        for row in rows:
            if row.ident not in known[section]:
                filled.problem(sheet, row.cells[ID_KEY[section]], "P102", "error", "P102.unknown", id=row.ident)
        if section == "services":
            present = {row.ident for row in rows}
            for missing in (s.id for s in strategy.services.services if s.id not in present):
                filled.problem(sheet, None, "P105", "warning", "P105.service", id=missing)
        merged = [(row, row.values.get("merged_into")) for row in rows if row.values.get("merged_into")]
        for row, target in merged:
            if target not in known["activities"]:
                filled.problem(sheet, row.cells["merged_into"], "P102", "error", "P102.unknown", id=target)


def known_ids(strategy: Strategy) -> dict[str, set[str]]:
    return {
        "services": {s.id for s in strategy.services.services},
        "activities": {n.id for n in iter_nodes(strategy.framework.nodes)},
        "indicators": {*indicators(strategy), *key_indicators(strategy)},
    }


# --- merging into the monitoring file -------------------------------------------------------


@dataclass
class Merged:
    """The new file's text and model, and where each of its entries came from (section, index → row)."""

    text: str
    report: MonitoringFile | None
    origins: dict[tuple[str, int], Row]
    problems: list[Diagnostic]


def merge(filled: Filled, existing_text: str | None, year: int) -> Merged:
    """The monitoring file for ``year``: the existing one (or a new one) with the workbook's values.

    A value the workbook carries replaces the file's, and an emptied cell removes it; what
    the workbook does not carry is kept. An entry left with nothing but its id is removed;
    an existing entry with no row in the workbook is kept as it was (P105).
    """
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    from socstrat.io.formatting import FormattingError, _yaml, format_text

    yaml = _yaml()
    document = yaml.load(existing_text) if existing_text else None
    if not isinstance(document, CommentedMap):
        document = CommentedMap([("year", year)])
    if filled.reported is not None:
        document["reported"] = filled.reported
    if filled.reported_by:
        document["reported_by"] = filled.reported_by
    problems: list[Diagnostic] = []
    meta = filled.sheets.get("meta", "")
    for key in META_INPUT:
        if key not in document:
            problems.append(located(filled.path, meta, META_CELLS[key], "P104", "error", "P104.required", {"field": label(f"wb.meta.{key}", "bg")}))
    rows_by_section: dict[str, dict[str, Row]] = {s: {r.ident: r for r in filled.rows.get(s, [])} for s in SECTIONS}
    for section in SECTIONS:
        id_key = ID_KEY[section]
        rows = rows_by_section[section]
        entries = document.get(section)
        if not isinstance(entries, CommentedSeq):
            entries = CommentedSeq()
        present = {str(e.get(id_key)): e for e in entries if isinstance(e, CommentedMap)}
        sheet = filled.sheets.get(section, section)
        for ident in present:
            if ident not in rows and section != "services":
                problems.append(located(filled.path, sheet, None, "P105", "warning", "P105.entry", {"id": ident}))
        for ident, row in rows.items():
            entry = present.get(ident)
            if entry is None:
                entry = CommentedMap([(id_key, ident)])
                entry.fa.set_flow_style()
                _apply(entry, row, section)
                if len(entry) > 1:
                    entries.append(entry)
            else:
                _apply(entry, row, section)
        for entry in [e for e in entries if isinstance(e, CommentedMap) and len(e) == 1 and str(e.get(id_key)) in rows]:
            entries.remove(entry)
        if entries:
            document[section] = entries
        elif section in document:
            del document[section]
    stream = io.StringIO()
    yaml.dump(document, stream)
    try:
        text = format_text(stream.getvalue(), MonitoringFile)
        if existing_text:
            _keeps_comments(existing_text, text)
    except FormattingError as exc:
        name = f"{MONITORING_DIR}/{year}.yaml"
        where = Location(file=name, line=exc.line, column=exc.column, path=f"{name}:{exc.line}:{exc.column}")
        return Merged(text="", report=None, origins={}, problems=[*problems, Diagnostic.at(where, "S009", "error", str(exc))])
    report, origins = _validated(text, rows_by_section, filled, problems)
    return Merged(text=text, report=report, origins=origins, problems=problems)


def _keeps_comments(before: str, after: str) -> None:
    """Raise FormattingError at the first comment of ``before`` that ``after`` lost (one inside a flow collection)."""
    from socstrat.io.formatting import LOST_COMMENT, FormattingError, _comments, _located_comments

    remaining = list(_comments(after))
    for comment, line, column in _located_comments(before):
        if comment in remaining:
            remaining.remove(comment)
        else:
            raise FormattingError(LOST_COMMENT, line, column)


def _apply(entry: Any, row: Row, section: EntrySheet) -> None:
    """Set the entry's carried fields from the row; an empty cell removes the field."""
    from ruamel.yaml.comments import CommentedMap

    spending = {k[len(SPENDING):]: v for k, v in row.values.items() if k.startswith(SPENDING)}
    for key, value in row.values.items():
        if key.startswith(SPENDING):
            continue
        if value is None:
            entry.pop(key, None)
        else:
            entry[key] = value
    if section == "services" and spending:
        current = entry.get("spending")
        if not isinstance(current, CommentedMap):
            current = CommentedMap()
            current.fa.set_flow_style()
        for source, value in spending.items():
            if value is None:
                current.pop(source, None)
            else:
                current[source] = value
        if current:
            entry["spending"] = current
        else:
            entry.pop("spending", None)


def _validated(text: str, rows: dict[str, dict[str, Row]], filled: Filled, problems: list[Diagnostic]) -> tuple[MonitoringFile | None, dict[tuple[str, int], Row]]:
    """The model of the new text, and the row of each entry; the model's own objections located at their cells."""
    import yaml as pyyaml

    from socstrat.io.loading import _one_diagnostic

    data = pyyaml.safe_load(text)
    origins: dict[tuple[str, int], Row] = {}
    for section in SECTIONS:
        for i, entry in enumerate(data.get(section) or []):
            row = rows[section].get(str(entry.get(ID_KEY[section])))
            if row is not None:
                origins[(section, i)] = row
    try:
        return MonitoringFile.model_validate(data), origins
    except ValidationError as exc:
        for error in exc.errors(include_url=False):
            sheet, cell = cell_of(tuple(error["loc"]), origins, filled)
            if any(p.path == f"{sheet}!{cell}" for p in problems):
                continue  # already said in the workbook's words (a missing date or author)
            told = _one_diagnostic(Location(file=filled.path), dict(error))
            problems.append(located(filled.path, sheet, cell, "P104", "error", told.message_id or "S101", told.args))
        return None, origins


def cell_of(loc: tuple[Any, ...], origins: dict[tuple[str, int], Row], filled: Filled) -> tuple[str, str | None]:
    """The sheet and cell a path in the monitoring file came from (the row's id cell for a field the workbook does not carry)."""
    meta = filled.sheets.get("meta", "")
    if not loc:
        return meta, None
    if loc[0] in META_CELLS:
        return meta, META_CELLS[str(loc[0])]
    section = next((s for s in SECTIONS if s == loc[0]), None)
    if section is None:
        return meta, None
    sheet = filled.sheets.get(section, meta)
    if len(loc) < 2 or (section, loc[1]) not in origins:
        return sheet, None
    row = origins[(section, int(loc[1]))]
    id_cell = row.cells[ID_KEY[section]]
    key = str(loc[2]) if len(loc) > 2 else ID_KEY[section]
    if key == "spending" and len(loc) > 3:
        key = SPENDING + str(loc[3])
    return sheet, row.cells.get(key, id_cell)
