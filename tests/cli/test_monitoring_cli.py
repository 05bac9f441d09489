"""``socstrat monitoring template|import``: a workbook filled the way a person fills it, imported back.

The strategy is Haskovo with a copy of the illustrative monitoring set, so that imports
write into a temporary directory.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl
import pytest
import yaml
from typer.testing import CliRunner

from conftest import DATA, ROOT
from socstrat.cli import app

HASKOVO = DATA / "haskovo-2016-2020"
EXAMPLES = ROOT / "examples" / "haskovo-monitoring"


def run(*args: str | Path):
    return CliRunner().invoke(app, [str(a) for a in args])


@pytest.fixture
def monitoring(tmp_path: Path) -> Path:
    target = tmp_path / "monitoring"
    shutil.copytree(EXAMPLES, target)
    return target


def template(monitoring: Path, year: int, target: Path) -> Path:
    result = run("monitoring", "template", HASKOVO, "--monitoring", monitoring, "--year", str(year), "-o", target)
    assert result.exit_code == 0, result.output
    return target


def rows(sheet) -> dict[str, int]:
    """Id → row number of an entry sheet."""
    return {str(row[0].value): row[0].row for row in sheet.iter_rows(min_row=4) if row[0].value}


def column(sheet, key: str) -> str:
    """The letter of the column whose hidden key (row 3) is ``key``."""
    return next(cell.column_letter for cell in sheet[3] if cell.value == key)


def cell(sheet, ident: str, key: str):
    return sheet[f"{column(sheet, key)}{rows(sheet)[ident]}"]


def problems(output: str) -> list[str]:
    """'Sheet!Cell: CODE' of each problem line."""
    found = []
    for line in output.splitlines():
        where, _, rest = line.partition(": ")
        if "!" in where or where in {"Услуги", "Дейности", "Индикатори", "Указания", "Бележки"}:
            found.append(f"{where}: {rest.split(': ', 1)[1].split()[0]}")
    return found


def test_a_person_fills_the_2019_workbook(monitoring: Path, tmp_path: Path) -> None:
    book_path = template(monitoring, 2019, tmp_path / "2019.xlsx")
    book = openpyxl.load_workbook(book_path)
    services, activities, indicators, meta = book["Услуги"], book["Дейности"], book["Индикатори"], book["Указания"]
    meta["B6"] = "16.03.2020"  # a date typed as text, the Bulgarian way
    meta["B7"] = "Доставчик на услуги (тест)"
    cell(services, "foster-care", "places").value = 52
    cell(services, "foster-care", "users").value = 61
    cell(services, "foster-care", "status").value = "работи"
    cell(services, "foster-care", "spending:ДДД").value = 350000
    cell(services, "foster-care", "remarks").value = "Нови приемни семейства.\n=HYPERLINK(\"x\")"
    cell(activities, "d1-a1.1.1.1", "status").value = "в изпълнение"
    typed = cell(indicators, "ki-c1", "value")
    typed.value, typed.number_format = 0.24, "0%"  # typed as 24% in a spreadsheet
    cell(indicators, "ki-c1", "unit").value = "%"
    # the mistakes
    services[f"A{rows(services)['cop-haskovo']}"] = "cop-hask"  # a changed id
    cell(services, "dcdvu-marina", "users").value = "МД"  # text in a number cell
    cell(services, "dmsgd", "places").value = "=10+2"  # a formula
    services.delete_rows(rows(services)["health-mediators"])  # a deleted row
    book.create_sheet("Бележки")["A1"] = "моите бележки"  # an extra sheet
    book.save(book_path)

    refused = run("monitoring", "import", book_path, HASKOVO, "--monitoring", monitoring, "--lang", "en")
    assert refused.exit_code == 1
    found = problems(refused.output)
    fixed = openpyxl.load_workbook(book_path)
    services = fixed["Услуги"]
    cop_row = rows(services)["cop-hask"]
    assert f"Услуги!A{cop_row}: P102" in found  # cop-haskovo is row 5 of the template: services start on row 4
    assert cop_row == 5
    assert f"Услуги!{column(services, 'users')}{rows(services)['dcdvu-marina']}: P104" in found
    assert f"Услуги!{column(services, 'places')}{rows(services)['dmsgd']}: P103" in found
    assert "Услуги: P105" in found and "Бележки: P106" in found
    assert "nothing written" in refused.output
    assert not (monitoring / "2019.yaml").exists()

    # The person corrects the three errors; the deleted row and the extra sheet stay.
    services[f"A{cop_row}"] = "cop-haskovo"
    cell(services, "dcdvu-marina", "users").value = 70
    cell(services, "dmsgd", "places").value = 12
    fixed.save(book_path)
    written = run("monitoring", "import", book_path, HASKOVO, "--monitoring", monitoring, "--lang", "en")
    assert written.exit_code == 1, written.output  # the deleted row is a warning
    assert "Услуги: P105" in problems(written.output) and "Бележки: P106" in problems(written.output)
    text = (monitoring / "2019.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    assert data["year"] == 2019 and str(data["reported"]) == "2020-03-16" and data["reported_by"] == "Доставчик на услуги (тест)"
    entries = {s["service"]: s for s in data["services"]}
    assert entries["foster-care"] == {
        "service": "foster-care", "status": "operating", "places": 52, "users": 61, "spending": {"ДДД": 350000},
        "remarks": ["Нови приемни семейства.", '=HYPERLINK("x")'],
    }
    assert entries["dcdvu-marina"] == {"service": "dcdvu-marina", "users": 70}
    assert entries["dmsgd"] == {"service": "dmsgd", "places": 12}
    assert "health-mediators" not in entries
    assert data["activities"] == [{"activity": "d1-a1.1.1.1", "status": "in_progress"}]
    assert data["indicators"] == [{"indicator": "ki-c1", "value": 24, "unit": "%"}]

    # A second import of the same workbook changes nothing.
    again = run("monitoring", "import", book_path, HASKOVO, "--monitoring", monitoring, "--lang", "en")
    assert f"{monitoring / '2019.yaml'} is unchanged" in again.output
    assert (monitoring / "2019.yaml").read_text(encoding="utf-8") == text

    # Round trip: the template of 2019 now shows what was imported, cell for cell.
    back = openpyxl.load_workbook(template(monitoring, 2019, tmp_path / "again.xlsx"))
    s = back["Услуги"]
    assert [cell(s, "foster-care", k).value for k in ("places", "users", "status", "spending:ДДД")] == [52, 61, "работи", 350000]
    assert cell(s, "foster-care", "remarks").value == 'Нови приемни семейства.\n=HYPERLINK("x")'
    assert cell(s, "foster-care", "remarks").data_type == "s"  # text from the data stays text
    assert cell(back["Индикатори"], "ki-c1", "value").value == 24
    assert back["Указания"]["B7"].value == "Доставчик на услуги (тест)"
    reimport = run("monitoring", "import", tmp_path / "again.xlsx", HASKOVO, "--monitoring", monitoring, "--lang", "en")
    assert "is unchanged" in reimport.output and (monitoring / "2019.yaml").read_text(encoding="utf-8") == text


@pytest.mark.parametrize("year", [2016, 2017, 2018])
def test_an_unchanged_workbook_leaves_the_hand_written_file_as_it_is(monitoring: Path, tmp_path: Path, year: int) -> None:
    """The illustrative files carry what the workbook does not (baselines, dates, successors, due years,
    evidence, the modeline comment, the illustrative note): an import keeps every byte."""
    book = template(monitoring, year, tmp_path / f"{year}.xlsx")
    result = run("monitoring", "import", book, HASKOVO, "--monitoring", monitoring, "--lang", "en")
    assert "is unchanged" in result.output, result.output
    assert (monitoring / f"{year}.yaml").read_bytes() == (EXAMPLES / f"{year}.yaml").read_bytes()


def test_a_change_keeps_everything_the_workbook_does_not_carry(monitoring: Path, tmp_path: Path) -> None:
    book_path = template(monitoring, 2016, tmp_path / "2016.xlsx")
    book = openpyxl.load_workbook(book_path)
    cell(book["Индикатори"], "ki-c1", "value").value = 15
    cell(book["Индикатори"], "lf-d1-go2-i1", "value").value = 15
    cell(book["Услуги"], "health-mediators", "users").value = None  # an emptied cell removes the value
    book.save(book_path)
    dry = run("monitoring", "import", book_path, HASKOVO, "--monitoring", monitoring, "--dry-run")
    assert "(проба: нищо не е записано)" in dry.output
    assert "Индикатори ki-c1 Стойност: 14 → 15" in dry.output and "Услуги health-mediators Потребители през годината: 610 → —" in dry.output
    assert (monitoring / "2016.yaml").read_bytes() == (EXAMPLES / "2016.yaml").read_bytes()
    run("monitoring", "import", book_path, HASKOVO, "--monitoring", monitoring)
    before = yaml.safe_load((EXAMPLES / "2016.yaml").read_text(encoding="utf-8"))
    after_text = (monitoring / "2016.yaml").read_text(encoding="utf-8")
    after = yaml.safe_load(after_text)
    assert after_text.startswith("# yaml-language-server: $schema=../../schema/monitoring.schema.json\n")
    ki = next(i for i in after["indicators"] if i["indicator"] == "ki-c1")
    # value changed; date, source and baseline (not in the workbook) kept
    assert ki == {**next(i for i in before["indicators"] if i["indicator"] == "ki-c1"), "value": 15}
    mediators = next(s for s in after["services"] if s["service"] == "health-mediators")
    assert mediators == {"service": "health-mediators", "status": "operating", "places": 2}
    for key in ("illustrative", "illustrative_note", "figures", "reported", "reported_by"):
        assert after[key] == before[key]
    assert [a for a in after["activities"]] == before["activities"]


def test_a_workbook_of_another_strategy_or_year_is_refused(monitoring: Path, tmp_path: Path) -> None:
    book = template(monitoring, 2018, tmp_path / "2018.xlsx")
    (tmp_path / "k").mkdir()
    other = run("monitoring", "import", book, DATA / "kazanlak-2007-2009", "--monitoring", tmp_path / "k", "--lang", "en")
    assert other.exit_code == 1 and "Указания!B3: P101" in problems(other.output)
    assert "is for strategy 'haskovo-2016-2020', not 'kazanlak-2007-2009'" in other.output
    assert list((tmp_path / "k").iterdir()) == []
    year = run("monitoring", "import", book, HASKOVO, "--monitoring", monitoring, "--year", "2019", "--lang", "en")
    assert year.exit_code == 1 and "Указания!B4: P101" in problems(year.output)
    not_ours = tmp_path / "plain.xlsx"
    openpyxl.Workbook().save(not_ours)
    plain = run("monitoring", "import", not_ours, HASKOVO, "--monitoring", monitoring, "--lang", "en")
    assert plain.exit_code == 1 and "not a socstrat monitoring workbook" in plain.output
    garbage = tmp_path / "garbage.xlsx"
    garbage.write_text("not a zip", encoding="utf-8")
    unreadable = run("monitoring", "import", garbage, HASKOVO, "--monitoring", monitoring)
    assert unreadable.exit_code == 2 and "Traceback" not in unreadable.output


def test_findings_of_the_rules_are_located_at_their_cells(monitoring: Path, tmp_path: Path) -> None:
    """The same rules as a hand-written file: P009 (a continuing activity not started while its home has users)
    and P008 (one measure, two values) point at the cells that hold them."""
    book_path = template(monitoring, 2018, tmp_path / "2018.xlsx")
    book = openpyxl.load_workbook(book_path)
    status = cell(book["Дейности"], "d3-a2.2.1.1", "status")
    status.value = "незапочната"
    value = cell(book["Индикатори"], "lf-d1-go2-i1", "value")
    value.value = 19
    book.save(book_path)
    result = run("monitoring", "import", book_path, HASKOVO, "--monitoring", monitoring, "--lang", "en", "--dry-run")
    found = problems(result.output)
    assert f"Дейности!{status.coordinate}: P009" in found
    assert f"Индикатори!{value.coordinate}: P008" in found
    assert "dsh-kenana" in result.output


def test_a_hostile_file_is_one_line_and_exit_2(monitoring: Path, tmp_path: Path) -> None:
    import zipfile

    bomb = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"0" * (201 * 1024 * 1024))
    assert bomb.stat().st_size < 1024 * 1024
    for path in (bomb, tmp_path, tmp_path / "missing.xlsx"):
        result = run("monitoring", "import", path, HASKOVO, "--monitoring", monitoring)
        assert result.exit_code == 2 and "Traceback" not in result.output
        assert len(result.output.strip().splitlines()) == 1, result.output


def test_a_comment_the_rewrite_cannot_keep_refuses_the_import(monitoring: Path, tmp_path: Path) -> None:
    """Comments on lines of their own and after an entry are kept; one inside a flow entry cannot be, so nothing is written."""
    original = (monitoring / "2018.yaml").read_text(encoding="utf-8")
    entry = "  - {service: foster-care, status: operating, places: 50, users: 57, staff: 7, spending: {ДДД: 340000}}\n"
    kept = original.replace(entry, "  # checked by phone\n" + entry.rstrip("\n") + "  # with the provider\n")
    (monitoring / "2018.yaml").write_text(kept, encoding="utf-8")
    book_path = template(monitoring, 2018, tmp_path / "2018.xlsx")
    book = openpyxl.load_workbook(book_path)
    cell(book["Услуги"], "foster-care", "places").value = 51
    book.save(book_path)
    assert run("monitoring", "import", book_path, HASKOVO, "--monitoring", monitoring).exit_code == 0
    assert (monitoring / "2018.yaml").read_text(encoding="utf-8") == kept.replace("places: 50, users: 57", "places: 51, users: 57")
    inside = original.replace(entry, entry.replace("places: 50, ", "places: 50,  # by phone\n     "))
    (monitoring / "2018.yaml").write_text(inside, encoding="utf-8")
    refused = run("monitoring", "import", book_path, HASKOVO, "--monitoring", monitoring, "--lang", "en")
    assert refused.exit_code == 1 and "S009" in refused.output and "nothing written" in refused.output
    assert (monitoring / "2018.yaml").read_text(encoding="utf-8") == inside


def test_the_illustrative_set_passes_validate_strict_with_its_monitoring_files() -> None:
    """The set once disagreed with itself (ki-c1 against lf-d1-go2-i1, ki-c5 against lf-d3-so2.2-e2, the Kenana home
    with 148 users and its 'continue' activity not started); the data-quality rules now find nothing but infos."""
    result = run("validate", "--strict", "-q", "--lang", "en", HASKOVO, "--monitoring", EXAMPLES)
    assert result.exit_code == 0, result.output
    assert "0 errors, 0 warnings" in result.output
    for year in (2016, 2017, 2018):
        data = yaml.safe_load((EXAMPLES / f"{year}.yaml").read_text(encoding="utf-8"))
        assert data["illustrative"] is True and "Илюстративни данни" in data["illustrative_note"]
