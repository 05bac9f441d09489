"""The yearly monitoring workbook (``socstrat monitoring template``), laid out with openpyxl.

The layout is :mod:`socstrat.io.workbook`'s, which reads the filled workbook back. Every
cell a person does not fill is locked (the sheets are protected without a password, so
protection guards against slips, not against intent: the import checks ids anyway);
number cells accept only non-negative numbers and status cells offer the monitoring
vocabulary as a drop-down, in the workbook's language. Text from the data is written
as text, never as a formula.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from socstrat.analysis.plan import PlanFigure
from socstrat.analysis.workbook import EntryChange, MonitoringTemplate
from socstrat.i18n.catalog import labels_for
from socstrat.io.workbook import (
    ACTIVITY_COLUMNS,
    ACTIVITY_STATES,
    FIRST_ROW,
    INDICATOR_COLUMNS,
    KEY_ROW,
    LABEL_ROW,
    META_CELLS,
    META_INPUT,
    SERVICE_COLUMNS,
    SERVICE_STATES,
    SERVICE_TAIL,
    SPENDING,
    STATE_LABELS,
    TITLE_ROW,
    SheetColumn,
    sheet_names,
)
from socstrat.render.tables import text_cell
from socstrat.render.text import number

INPUT_FILL, REF_FILL, HEAD_FILL = "FFF6D5", "EDEDED", "D9E2F3"


def write_workbook(template: MonitoringTemplate, path: Path, version: str, lang: str = "bg") -> Path:
    """Write the workbook of ``template`` to ``path`` (atomically) and return the path."""
    import io as stdio

    from openpyxl import Workbook
    from openpyxl.workbook.defined_name import DefinedName

    from socstrat.io.writing import write_bytes_atomically

    t = labels_for(lang)
    names = sheet_names(lang)
    book = Workbook()
    meta = book.active
    meta.title = names["meta"]
    title = t["wb.title"].format(version=version, year=template.year, strategy=template.strategy, municipality=template.municipality)
    if template.illustrative:
        title = f"{t['progress.illustrative']} {title}"
    _meta_sheet(meta, template, version, title, t)
    for key, ref in META_CELLS.items():
        book.defined_names[f"socstrat_{key}"] = DefinedName(f"socstrat_{key}", attr_text=f"'{meta.title}'!${ref[0]}${ref[1:]}")

    services = book.create_sheet(names["services"])
    columns = [*SERVICE_COLUMNS, *(SheetColumn(SPENDING + s, "number", True, 14) for s in template.spending_sources), *SERVICE_TAIL]
    rows = []
    for s in template.services:
        now, then = s.current, s.last
        values: dict[str, Any] = {
            "service": s.id, "name": s.name,
            "planned_places": s.places.value, "planned_places_basis": basis_text(s.places, lang),
            "planned_staff": s.staff.value, "planned_staff_basis": basis_text(s.staff, lang),
            "last_places": then.places if then else None, "last_users": then.users if then else None,
            "last_staff": then.staff if then else None,
        }
        if now is not None:
            values.update(places=now.places, staff=now.staff, users=now.users, status=now.status, remarks=now.remarks)
            values.update({SPENDING + k: v for k, v in now.spending.items()})
        rows.append(values)
    _entry_sheet(services, columns, rows, title, t)

    activities = book.create_sheet(names["activities"])
    rows = []
    for a in template.activities:
        values = {"activity": a.id, "code": a.code, "title": a.title, "end": a.end,
                  "last_status": t["act." + a.last.status] if a.last else None}
        if a.current is not None:
            values.update(status=a.current.status, merged_into=a.current.merged_into, account=a.current.account, evidence=a.current.evidence)
        rows.append(values)
    _entry_sheet(activities, list(ACTIVITY_COLUMNS), rows, title, t)

    indicators = book.create_sheet(names["indicators"])
    rows = []
    for i in template.indicators:
        values = {"indicator": i.id, "text": i.text, "target": i.target,
                  "baseline": f"{number(i.baseline.value, lang)} ({i.baseline.year})" if i.baseline else None,
                  "last_value": i.last.value if i.last else None}
        if i.current is not None:
            values.update(value=i.current.value, unit=i.current.unit, source=i.current.source, assessment=i.current.assessment)
        rows.append(values)
    _entry_sheet(indicators, list(INDICATOR_COLUMNS), rows, title, t)

    buffer = stdio.BytesIO()
    book.save(buffer)
    write_bytes_atomically(path, buffer.getvalue())
    return path


def basis_text(figure: PlanFigure, lang: str) -> str:
    """Where a planned figure comes from, in words (the plan's own labels)."""
    t = labels_for(lang)
    if figure.basis == "stated":
        text = t["wb.basis.stated"].format(year=figure.year)
    elif figure.basis == "carried":
        text = t["plan.basis.carried"].format(year=figure.year)
    elif figure.basis == "derived":
        text = t["plan.basis.derived"].format(year=figure.year, start=figure.start_year)
    else:
        text = t["plan.basis.none"]
    if figure.printed and (figure.value is None or figure.printed.strip(".") != str(figure.value)):
        text = f"{figure.printed}; {text}"
    return text


def _put(cell: Any, value: Any, column: SheetColumn, t: Any) -> None:
    if value is None or value == []:
        return
    if column.kind in STATE_LABELS:
        text_cell(cell, t[STATE_LABELS[column.kind] + value])
    elif isinstance(value, list):
        text_cell(cell, "\n".join(value))
    elif isinstance(value, str):
        text_cell(cell, value)
    else:
        cell.value = value


def _styles() -> dict[str, Any]:
    from openpyxl.styles import Alignment, Font, PatternFill, Protection

    return {
        "input": (PatternFill("solid", fgColor=INPUT_FILL), Protection(locked=False)),
        "ref": (PatternFill("solid", fgColor=REF_FILL), Protection(locked=True)),
        "head": (PatternFill("solid", fgColor=HEAD_FILL), Font(bold=True)),
        "wrap": Alignment(wrap_text=True, vertical="top"),
        "top": Alignment(vertical="top"),
    }


def _entry_sheet(sheet: Any, columns: list[SheetColumn], rows: list[dict[str, Any]], title: str, t: Any) -> None:
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    style = _styles()
    text_cell(sheet.cell(TITLE_ROW, 1), title)
    sheet.cell(TITLE_ROW, 1).font = style["head"][1]
    for col, column in enumerate(columns, 1):
        if column.key.startswith(SPENDING):
            heading = t["wb.col.spending"].format(source=column.key[len(SPENDING):])
        else:
            heading = t[f"wb.col.{column.key}"]
        head = sheet.cell(LABEL_ROW, col)
        text_cell(head, heading)
        head.fill, head.font = style["head"]
        head.alignment = style["wrap"]
        text_cell(sheet.cell(KEY_ROW, col), column.key)
        sheet.column_dimensions[get_column_letter(col)].width = column.width
    sheet.row_dimensions[KEY_ROW].hidden = True
    sheet.row_dimensions[LABEL_ROW].height = 45
    last = FIRST_ROW + max(len(rows), 1) - 1
    for r, values in enumerate(rows, FIRST_ROW):
        lines = 1
        for col, column in enumerate(columns, 1):
            cell = sheet.cell(r, col)
            _put(cell, values.get(column.key), column, t)
            cell.fill, cell.protection = style["input" if column.input else "ref"]
            cell.alignment = style["top"]
            if column.kind in ("ref", "text", "lines"):
                cell.alignment = style["wrap"]
                if isinstance(cell.value, str):
                    lines = max(lines, sum(len(part) // column.width + 1 for part in cell.value.split("\n")))
        # Spreadsheets do not grow a row for wrapped text they did not lay out themselves; give it its lines.
        sheet.row_dimensions[r].height = 15 * min(lines, 8)
    for col, column in enumerate(columns, 1):
        if not column.input:
            continue
        letter = get_column_letter(col)
        if column.kind in ("count", "number"):
            rule = DataValidation(type="whole" if column.kind == "count" else "decimal", operator="greaterThanOrEqual", formula1="0",
                                  allow_blank=True, showErrorMessage=True, errorTitle=t["wb.invalid"], error=t[f"wb.invalid.{column.kind}"])
        elif column.kind in STATE_LABELS:
            states = SERVICE_STATES if column.kind == "service_state" else ACTIVITY_STATES
            choices = ",".join(t[STATE_LABELS[column.kind] + s] for s in states)
            rule = DataValidation(type="list", formula1=f'"{choices}"', allow_blank=True, showErrorMessage=True,
                                  errorTitle=t["wb.invalid"], error=t["wb.invalid.state"])
        else:
            continue
        rule.add(f"{letter}{FIRST_ROW}:{letter}{last}")
        sheet.add_data_validation(rule)
    sheet.freeze_panes = sheet.cell(FIRST_ROW, 3)
    sheet.page_setup.orientation = "landscape"
    sheet.print_title_rows = f"{LABEL_ROW}:{LABEL_ROW}"
    sheet.protection.sheet = True
    sheet.protection.formatColumns = False
    sheet.protection.formatRows = False


def _meta_sheet(sheet: Any, template: MonitoringTemplate, version: str, title: str, t: Any) -> None:
    from openpyxl.worksheet.datavalidation import DataValidation

    style = _styles()
    text_cell(sheet["A1"], title)
    sheet["A1"].font = style["head"][1]
    sheet["A1"].alignment = style["wrap"]
    sheet.merge_cells("A1:B1")
    sheet.row_dimensions[1].height = 32
    current = template.current
    values = {
        "strategy": template.strategy, "year": template.year, "version": version,
        "reported": current.reported if current else None, "reported_by": current.reported_by if current else None,
    }
    for key, ref in META_CELLS.items():
        row = int(ref[1:])
        text_cell(sheet.cell(row, 1), t[f"wb.meta.{key}"])
        cell = sheet[ref]
        value = values[key]
        if isinstance(value, str):
            text_cell(cell, value)
        elif value is not None:
            cell.value = value
        if key == "reported":
            cell.number_format = "yyyy-mm-dd"
        cell.fill, cell.protection = style["input" if key in META_INPUT else "ref"]
    rule = DataValidation(type="date", operator="greaterThan", formula1="1", allow_blank=True, showErrorMessage=True,
                          errorTitle=t["wb.invalid"], error=t["wb.invalid.date"])
    rule.add(META_CELLS["reported"])
    sheet.add_data_validation(rule)
    start = max(int(ref[1:]) for ref in META_CELLS.values()) + 2
    for i, line in enumerate(t["wb.instructions"].format(year=template.year).split("\n")):
        cell = sheet.cell(start + i, 1)
        text_cell(cell, line)
        cell.alignment = style["wrap"]
        sheet.merge_cells(start_row=start + i, start_column=1, end_row=start + i, end_column=2)
        sheet.row_dimensions[start + i].height = 15 if i == 0 else 32
    sheet.column_dimensions["A"].width = 45
    sheet.column_dimensions["B"].width = 45
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.protection.sheet = True


def changes_text(changes: list[EntryChange], lang: str) -> str:
    """What an import changes, one line per value: ``Услуги foster-care places: 50 → 52``; '—' for no value."""
    t = labels_for(lang)

    def shown(value: object) -> str:
        if value is None:
            return "—"
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return number(value, lang)
        if isinstance(value, list):
            return "; ".join(map(str, value))
        if isinstance(value, dict):
            return ", ".join(f"{k}: {shown(v)}" for k, v in value.items())
        return str(value)

    def state(section: str, value: object) -> object:
        prefix = {"services": "wb.service_state.", "activities": "act."}.get(section)
        return t.get(f"{prefix}{value}", value) if prefix and isinstance(value, str) else value

    lines = []
    for change in changes:
        where = t["wb.sheet.meta"] if change.section == "file" else t[f"wb.sheet.{change.section}"]
        key = "wb.col.spending_all" if change.field == "spending" else f"wb.col.{change.field}"
        name = t.get(key) or t.get(f"wb.meta.{change.field}") or change.field
        old, new = (state(change.section, v) if change.field == "status" else v for v in (change.old, change.new))
        lines.append(" ".join(filter(None, (where, change.id, f"{name}:"))) + f" {shown(old)} → {shown(new)}")
    return "\n".join(lines) + ("\n" if lines else "")
