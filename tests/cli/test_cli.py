"""The command line: exit codes, the JSON contract, help, and import cost."""

from __future__ import annotations

import doctest
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import FIXTURES, ROOT, heavy_imports_after
from socstrat import __version__
from socstrat.cli import app

runner = CliRunner()
DIAGNOSTIC_KEYS = {"code", "severity", "file", "line", "column", "path", "message", "acknowledged"}
SUMMARY_KEYS = {"levels", "directions", "general_objectives", "specific_objectives", "measures", "activities", "indicators", "services"}


def run(*args: str):
    return runner.invoke(app, list(args))


def test_version() -> None:
    result = run("--version")
    assert result.exit_code == 0
    assert result.output.strip() == f"socstrat {__version__}"


@pytest.mark.parametrize("command", [[], ["validate"], ["export"], ["rules"], ["diff"]])
def test_help_on_every_command(command: list[str]) -> None:
    result = run(*command, "--help")
    assert result.exit_code == 0
    assert "Usage" in result.output


def test_valid_strategy_exits_0(strategy_dir) -> None:
    result = run("validate", "--lang", "en", str(strategy_dir()))
    assert result.exit_code == 0
    assert result.output.splitlines()[-1].startswith(f"{strategy_dir()}: valid")


def test_invalid_strategy_exits_1_with_located_lines(strategy_dir) -> None:
    path = strategy_dir("wrong-type")
    result = run("validate", "--lang", "en", str(path))
    assert result.exit_code == 1
    assert f"{path}/services.yaml:7:13: error: S101 the value 'много'" in result.output


def test_missing_path_exits_2(strategy_dir) -> None:
    result = run("validate", "--lang", "en", str(strategy_dir()), "no/such/dir")
    assert result.exit_code == 2
    assert "socstrat validate: no/such/dir: no such directory" in result.stderr


def test_unknown_option_exits_2() -> None:
    assert run("validate", "--frobnicate", ".").exit_code == 2


def test_json_contract(strategy_dir) -> None:
    valid, broken = strategy_dir(), None
    result = run("validate", "--format", "json", str(valid))
    payload = json.loads(result.output)
    assert list(payload) == ["strategies"]
    (report,) = payload["strategies"]
    assert set(report) == {"path", "valid", "summary", "diagnostics"}
    assert report["valid"] is True
    assert report["summary"].pop("levels")[-1] == {"key": "activity", "name": "Дейност", "name_en": None, "count": 1}
    assert report["summary"] == {
        "directions": 1, "general_objectives": 1, "specific_objectives": 1,
        "measures": 1, "activities": 1, "indicators": 3, "services": 2,
    }
    broken = strategy_dir("unknown-key")
    report = json.loads(run("validate", "-f", "json", str(broken)).output)["strategies"][0]
    assert report["valid"] is False
    (diagnostic,) = report["diagnostics"]
    assert set(diagnostic) == DIAGNOSTIC_KEYS
    assert diagnostic == {
        "code": "S103", "severity": "error", "file": f"{broken}/services.yaml", "line": 5, "column": 5,
        "path": "services[0].capacty", "message": "unknown key 'capacty'; did you mean 'capacity'?", "acknowledged": None,
    }
    assert set(report["summary"]) == SUMMARY_KEYS


def test_export_is_lossless_utf8_json(strategy_dir) -> None:
    result = run("export", str(strategy_dir()), "--format", "json")
    assert result.exit_code == 0
    assert "Център за обществена подкрепа" in result.output
    data = json.loads(result.output)
    assert data["services"]["services"][1]["capacity"]["2015"] == [
        {"value": 25, "financing": "НП АХУ", "label": None},
        {"value": 92, "financing": "ОП РЧР", "label": None},
    ]
    assert data["services"]["services"][1]["capacity"]["2020"] == "МД"


def test_export_of_invalid_strategy_fails(strategy_dir) -> None:
    result = run("export", str(strategy_dir("missing-key")))
    assert result.exit_code == 1


def test_rules_lists_every_code() -> None:
    result = run("rules")
    assert result.exit_code == 0
    for code in ("S001", "S103", "R001", "A001", "X001", "M001"):
        assert code in result.output


@pytest.mark.parametrize("args", [["--help"], ["validate", "data/kazanlak-2007-2009"]])
def test_help_and_validate_do_not_import_heavy_libraries(args: list[str]) -> None:
    assert heavy_imports_after(args) == set()


def test_python_m_socstrat_works() -> None:
    out = subprocess.run([sys.executable, "-m", "socstrat", "--version"], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == f"socstrat {__version__}"


def test_docs_rules_md_is_up_to_date() -> None:
    """docs/rules.md is generated from the registry; regenerate with `socstrat rules -f md`."""
    committed = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert run("rules", "--format", "md").output == committed


def test_docs_validate_example_output_is_real() -> None:
    readme = (ROOT / "docs" / "validate.md").read_text(encoding="utf-8")
    result = run("validate", "tests/fixtures/loading-demo")
    for line in result.output.splitlines():
        assert line in readme


def test_readme_validate_example_is_real() -> None:
    """The README's `socstrat validate` block shows lines the command prints, in order ('…' marks a cut)."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("```console\n$ socstrat validate ", 1)[1].split("```", 1)[0]
    args, *shown = block.rstrip("\n").split("\n")
    shown, status = shown[:-2], shown[-2:]
    result = run("validate", *args.split())
    assert status == ["$ echo $?", str(result.exit_code)]
    printed = iter(result.output.splitlines())
    missing = [line for line in shown if line != "…" and line not in printed]
    assert not missing, "README lines not printed, in this order; regenerate them"


def test_readme_python_example_is_real() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    example = readme.split("```pycon\n", 1)[1].split("```", 1)[0]
    test = doctest.DocTestParser().get_doctest(example, {}, "README.md", "README.md", 0)
    assert doctest.DocTestRunner().run(test).failed == 0


def test_github_format_writes_the_step_summary(strategy_dir, tmp_path: Path, monkeypatch) -> None:
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    result = run("validate", str(strategy_dir()))
    assert result.exit_code == 0
    assert result.output.startswith("::notice file=")
    assert "| info |" in summary.read_text(encoding="utf-8") and "Q003" in summary.read_text(encoding="utf-8")


def test_strict_and_exit_zero(strategy_dir) -> None:
    warned = strategy_dir(acknowledgements="acknowledgements:\n  - rule: X002\n    entity: cop\n    reason: stale\n")
    assert run("validate", "-f", "text", str(warned)).exit_code == 0
    assert run("validate", "-f", "text", "--strict", str(warned)).exit_code == 1
    assert run("validate", "-f", "text", "--strict", "--exit-zero", str(warned)).exit_code == 0
    assert run("validate", "-f", "text", "--exit-zero", str(strategy_dir("syntax-error"))).exit_code == 0
    assert run("validate", "-f", "text", "--exit-zero", "no/such/dir").exit_code == 2


def test_sarif_format_from_the_command_line(strategy_dir) -> None:
    result = run("validate", "-f", "sarif", str(strategy_dir()))
    log = json.loads(result.output)
    assert log["version"] == "2.1.0" and log["runs"][0]["tool"]["driver"]["version"] == __version__


def test_diff_of_two_directories_exits_0(strategy_dir, tmp_path: Path) -> None:
    old = tmp_path / "old"
    shutil.copytree(strategy_dir(), old)
    new = strategy_dir(services=(old / "services.yaml").read_text(encoding="utf-8").replace("2020: 40", "2020: 45"))
    result = run("diff", "--lang", "en", "--format", "md", str(old), str(new))
    assert result.exit_code == 0
    assert result.output.splitlines()[0] == "**capacity +5 in 2020**"
    assert run("diff", "--lang", "en", str(new), str(new)).output.splitlines()[1] == "No semantic changes"
    assert run("diff", str(new), str(new)).exit_code == 0


def test_diff_in_bulgarian_end_to_end(strategy_dir, tmp_path: Path) -> None:
    old = tmp_path / "old"
    shutil.copytree(strategy_dir(), old)
    new = strategy_dir(services=(old / "services.yaml").read_text(encoding="utf-8").replace("2020: 40", "2020: 45"))
    result = run("diff", "--lang", "bg", "--format", "md", str(old), str(new))
    assert result.exit_code == 0
    assert result.output.splitlines()[0] == "**капацитет: +5 през 2020**"
    assert "#### Капацитет и персонал" in result.output
    assert run("diff", "--lang", "bg", str(new), str(new)).output.splitlines()[1] == "Няма промени в съдържанието"
    assert run("diff", "--lang", "bg", str(old), str(new)).output == run("diff", str(old), str(new)).output  # Bulgarian is the default
    jsons = {lang: run("diff", "--lang", lang, "--format", "json", str(old), str(new)).output for lang in ("bg", "en")}
    assert jsons["bg"] == jsons["en"]
    assert json.loads(jsons["bg"])["headline_parts"] == [{"kind": "measure_delta", "measure": "capacity", "year": 2020, "delta": 5}]


def test_diff_prints_the_errors_of_an_invalid_side_in_the_chosen_language(strategy_dir) -> None:
    path = str(strategy_dir(FIXTURES / "rules" / "R002" / "fail"))
    english, bulgarian = (run("diff", "--lang", lang, path, path) for lang in ("en", "bg"))
    assert english.exit_code == bulgarian.exit_code == 1
    assert english.stderr.splitlines()[0] == f"{path}/staffing.yaml:11:18: error: R002 refers to service 'cop-x', which does not exist; did you mean 'cop'?"
    assert bulgarian.stderr.splitlines()[0] == f"{path}/staffing.yaml:11:18: грешка: R002 препраща към услуга 'cop-x', която не съществува; дали не е 'cop'?"
    assert english.stdout == bulgarian.stdout == ""


def test_diff_of_an_unreadable_side_exits_2_with_one_line(strategy_dir, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("diff", "HEAD:data/x", str(strategy_dir()))
    assert result.exit_code == 2
    assert result.stderr == f"socstrat diff: HEAD:data/x: {tmp_path} не е в git хранилище\n"


def test_diff_of_an_invalid_side_exits_1_with_located_errors(strategy_dir) -> None:
    path = strategy_dir("wrong-type")
    result = run("diff", "--lang", "en", str(path), str(path))
    assert result.exit_code == 1
    assert result.stderr.startswith(f"{path}/services.yaml:7:13: error: S101 ")
    assert result.stdout == ""


@pytest.mark.parametrize("command", [["export"], ["deltas"], ["report", "--format", "md"], ["diff", "OTHER"]])
def test_every_command_refuses_a_strategy_with_a_rule_error(strategy_dir, command: list[str]) -> None:
    """R002 (a reference to a service that does not exist) is an error for validate, so for every command too."""
    path = str(strategy_dir(FIXTURES / "rules" / "R002" / "fail"))
    args = [command[0], *(a.replace("OTHER", path) for a in command[1:]), path]
    assert run("validate", path).exit_code == 1
    result = run(*args)
    assert result.exit_code == 1
    assert ": R002 " in result.stderr


def test_validate_tells_findings_in_bulgarian_with_lang_bg(strategy_dir) -> None:
    path = str(strategy_dir(FIXTURES / "rules" / "R002" / "fail"))
    english = run("validate", "--lang", "en", path).output
    bulgarian = run("validate", "--lang", "bg", path).output
    assert run("validate", path).output == bulgarian  # Bulgarian is the default
    assert "which does not exist" in english and "НЕВАЛИДНА" not in english
    assert "която не съществува" in bulgarian
    assert f"{path}: НЕВАЛИДНА (грешки: " in bulgarian


def test_every_message_exists_in_both_languages() -> None:
    from socstrat.i18n.messages import MESSAGES, TERMS

    for key, (bg, en) in {**MESSAGES, **TERMS}.items():
        assert bg.strip() and en.strip(), key
        assert bg != en or en == "{detail}", key  # S101 carries pydantic's detail already told in both languages


@pytest.mark.parametrize(("option", "code", "hint"), [("--select", "Z999", "`socstrat rules` lists them"), ("--ignore", "Q0001", "did you mean Q001"), ("--select", "r002", "did you mean R002")])
def test_an_unknown_rule_code_is_a_usage_error(option: str, code: str, hint: str) -> None:
    """A typo in --select used to select no rule and pass every strategy: the CI gate switched off."""
    result = run("validate", "--lang", "en", option, code, "data/kazanlak-2007-2009")
    assert result.exit_code == 2
    assert result.stderr.startswith(f"socstrat validate: {option} {code}: no rule has this code or prefix")
    assert hint in result.stderr


def test_known_prefixes_are_accepted() -> None:
    assert run("validate", "--select", "X", "--ignore", "X00", "data/kazanlak-2007-2009").exit_code == 0


def test_a_missing_directory_is_named_plainly_with_the_nearest_sibling() -> None:
    result = run("validate", "--lang", "en", "data/haskovo")
    assert result.exit_code == 2
    assert result.stderr == "socstrat validate: data/haskovo: no such directory; did you mean data/haskovo-2016-2020?\n"
    bulgarian = run("validate", "data/haskovo")
    assert bulgarian.stderr == "socstrat validate: data/haskovo: няма такава директория; дали не е data/haskovo-2016-2020?\n"
    assert "S004" not in result.output and "no levels" not in result.output


def test_schema_errors_are_told_in_bulgarian(strategy_dir) -> None:
    """The wrong-type fixture's services.yaml has `2020: много`; the unknown-key fixture has a key `capacty`."""
    output = run("validate", "--lang", "bg", str(strategy_dir("wrong-type"))).output
    assert "S101 стойността 'много' не отговаря на нито една допустима форма: цяло число, 'МД' или '-', списък, съответствие с ключове value, printed" in output
    output = run("validate", "--lang", "bg", str(strategy_dir("unknown-key"))).output
    assert "S103 непознат ключ 'capacty'; дали не е 'capacity'?" in output


def test_report_refuses_to_print_a_report_on_a_terminal(monkeypatch) -> None:
    from socstrat.cli import common

    monkeypatch.setattr(common, "stdout_is_terminal", lambda: True)
    result = run("report", "--lang", "en", "data/kazanlak-2007-2009")
    assert result.exit_code == 2
    assert result.stderr == "socstrat report: --format html writes a file, not terminal output: give -o FILE (e.g. -o kazanlak-2007-2009.html) or redirect standard output\n"
    assert result.stdout == ""


def test_fmt_formats_only_yaml_and_agrees_with_validate_on_unknown_files(tmp_path: Path) -> None:
    readme = tmp_path / "README.md"
    readme.write_text("# Notes\n\n- not: yaml\n", encoding="utf-8")
    result = run("fmt", "--lang", "en", str(readme))
    assert result.exit_code == 2
    assert f"{readme}:1:1: error: S004 not a YAML file (.yaml or .yml): not formatted" in result.stderr
    assert readme.read_text(encoding="utf-8") == "# Notes\n\n- not: yaml\n"
    strategy = tmp_path / "strategy"
    shutil.copytree(FIXTURES / "minimal", strategy)
    (strategy / "notes.yaml").write_text("", encoding="utf-8")
    fmt, validate = run("fmt", "--lang", "en", str(strategy)), run("validate", "--lang", "en", str(strategy))
    assert f"{strategy}/notes.yaml:1:1: warning: S007 unknown file" in fmt.stderr
    assert f"{strategy}/notes.yaml:1:1: warning: S007 unknown file" in validate.output
    assert (fmt.exit_code, validate.exit_code) == (0, 0)


@pytest.mark.parametrize("command", ["validate", "deltas", "report", "fmt", "validate-changed"])
def test_help_shows_values_not_python_types(command: str) -> None:
    """typer printed `{paths}...`, `<list[Path]>`, `<bool>` and `<int>`: read as if `--strict true` were a value."""
    text = run(command, "--help").output
    for artefact in ("<bool>", "<list[", "<int>", "{paths}", "<Path>", "<str>"):
        assert artefact not in text, (command, artefact)
    assert "Example: socstrat " in text


def test_validate_help_names_its_arguments_like_git() -> None:
    text = run("validate", "--help").output
    assert text.startswith("Usage: root validate [OPTIONS] PATH...")  # the test runner names the program "root"
    assert "--select CODE" in text and "--strict / --no-strict" in text


def test_shell_completion_can_be_installed() -> None:
    assert "--install-completion" in run("--help").output


def _mixed(strategy_dir) -> Path:
    """An R002 error (staffing row → missing service) in the R002 fail fixture, plus an unknown file (S007 warning)."""
    path = strategy_dir(FIXTURES / "rules" / "R002" / "fail")
    (path / "notes.yaml").write_text("a: 1\n", encoding="utf-8")
    return path


def test_text_output_names_the_severity_and_lists_errors_first(strategy_dir) -> None:
    lines = run("validate", "--lang", "en", "-f", "text", str(_mixed(strategy_dir))).output.splitlines()
    findings = lines[:-1]
    words = [line.split(": ")[1] for line in findings]
    assert words == sorted(words, key=["error", "warning", "info"].index), findings
    assert words[0] == "error" and "warning" in words
    assert "(1 error, 1 warning, " in lines[-1]


def test_quiet_and_severity_limit_the_list_but_not_the_summary(strategy_dir) -> None:
    path = str(_mixed(strategy_dir))
    errors_only = run("validate", "--lang", "en", "--severity", "error", path).output.splitlines()
    assert [line.split(": ")[1] for line in errors_only[:-1]] == ["error"]
    assert "(1 error, 1 warning, " in errors_only[-1]
    quiet = run("validate", "--lang", "en", "--quiet", "data/haskovo-2016-2020").output.splitlines()
    assert len(quiet) == 1 and quiet[0].startswith("data/haskovo-2016-2020: valid (0 errors, 0 warnings, ")
