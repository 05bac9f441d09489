"""Issue 28 on the command line: the repository configuration (`socstrat config`, each setting as commands obey
it), folders of strategies, and acknowledged findings counted rather than listed."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from socstrat.cli import app

ROOT = Path(__file__).resolve().parents[2]
MONITORING = ROOT / "examples" / "haskovo-monitoring"


def run(*args: str, cwd: Path | None = None):
    return CliRunner().invoke(app, list(args))


@pytest.fixture
def repo(tmp_path: Path, strategy_dir) -> Path:
    """A repository with one strategy (the minimal fixture) in ``data/one``, and no configuration yet."""
    strategy = strategy_dir()
    target = tmp_path / "repo" / "data" / "one"
    target.parent.mkdir(parents=True)
    shutil.copytree(strategy, target)
    return tmp_path / "repo"


def configure(repo: Path, text: str) -> None:
    (repo / "socstrat.toml").write_text(text, encoding="utf-8")


def test_config_shows_each_value_and_where_it_came_from(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(repo)
    configure(repo, '# ours\nlang = "en"\n[thresholds]\nrollup_coverage = 0.6\n')
    lines = run("config", "data/one").output.splitlines()
    assert lines[0] == "# configuration: socstrat.toml"
    assert [line.split("  # ")[1] for line in lines if line.startswith(("lang ", "strict ", "thresholds.rollup_coverage "))] == [
        "socstrat.toml:2", "default", "socstrat.toml:4",
    ]
    assert 'lang = "en"' in lines[1] and any(line.startswith("thresholds.rollup_coverage = 0.6 ") for line in lines)
    overridden = run("config", "data/one", "--lang", "bg").output.splitlines()
    assert overridden[1].endswith("# от командния ред, --lang") and overridden[1].startswith('lang = "bg"')


def test_config_json_is_the_same_in_every_language(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(repo)
    configure(repo, "strict = true\n")
    outputs = {lang: run("config", "-f", "json", "--lang", lang).output for lang in ("bg", "en")}
    payload = json.loads(outputs["en"])
    assert payload["settings"]["strict"] == {"value": True, "origin": {"kind": "file", "file": "socstrat.toml", "line": 1}}
    assert payload["settings"]["lang"]["origin"] == {"kind": "option", "option": "--lang"}
    assert json.loads(outputs["bg"])["settings"]["strict"] == payload["settings"]["strict"]


def test_without_a_file_config_says_so_and_gives_the_defaults(tmp_path: Path) -> None:
    output = run("config", str(tmp_path)).output
    assert output.startswith("# няма конфигурационен файл")
    assert 'lang = "bg"' in output and "thresholds.unknown_share = 0.25" in output


def test_the_configured_language_is_every_commands_default(repo: Path) -> None:
    strategy = str(repo / "data" / "one")
    assert ": валидна (" in run("validate", strategy).output
    configure(repo, 'lang = "en"\n')
    assert ": valid (" in run("validate", strategy).output
    assert "Capacity" in run("deltas", strategy).output
    assert ": валидна (" in run("validate", "--lang", "bg", strategy).output  # the option wins


def test_strict_from_the_configuration_and_no_strict_over_it(repo: Path) -> None:
    strategy = repo / "data" / "one"
    (strategy / "notes.yaml").write_text("a: 1\n", encoding="utf-8")  # S007, a warning
    assert run("validate", str(strategy)).exit_code == 0
    configure(repo, "strict = true\n")
    assert run("validate", str(strategy)).exit_code == 1
    assert run("validate", "--no-strict", str(strategy)).exit_code == 0


def test_rule_selection_and_severity_from_the_configuration(repo: Path) -> None:
    strategy = str(repo / "data" / "one")
    assert "Q003" in run("validate", strategy).output
    configure(repo, '[rules]\nignore = ["Q003"]\n')
    assert "Q003" not in run("validate", strategy).output
    assert "Q003" in run("validate", "--ignore", "X", strategy).output  # the option replaces the list
    configure(repo, '[rules.severity]\nQ003 = "error"\n')
    result = run("validate", "--lang", "en", strategy)
    assert result.exit_code == 1 and ": error: Q003 " in result.output
    assert run("export", strategy).exit_code == 1  # the same verdict in every command


def test_the_monitoring_directory_from_the_configuration(repo: Path) -> None:
    haskovo = repo / "data" / "haskovo"
    shutil.copytree(ROOT / "data" / "haskovo-2016-2020", haskovo)
    shutil.copytree(MONITORING, haskovo / "reports")
    without = run("progress", "--lang", "en", str(haskovo), "--year", "2017")
    assert "no monitoring" in without.output.lower()  # no monitoring/ by default
    configure(repo, 'monitoring = "reports"\n')
    result = run("progress", "--lang", "en", str(haskovo), "--year", "2017")
    assert result.exit_code == 0, result.output
    assert "no monitoring" not in result.output.lower() and "2017" in result.output


def test_a_bad_configuration_is_a_located_usage_error_in_the_language_asked(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(repo)
    configure(repo, '[rules]\nselect = ["R", "Z9"]\n')
    result = run("validate", "data/one")
    assert result.exit_code == 2
    assert result.stderr == "socstrat validate: socstrat.toml:2:1: грешка: 'rules.select': нито едно правило няма код или префикс 'Z9'; `socstrat rules` ги изброява\n"
    english = run("report", "--lang", "en", "data/one")
    assert english.exit_code == 2
    assert english.stderr.startswith("socstrat report: socstrat.toml:2:1: error: 'rules.select': no rule has the code or prefix 'Z9'")


def test_pyproject_tool_table_is_read(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(repo)
    (repo / "pyproject.toml").write_text('[project]\nname = "strategies"\n\n[tool.socstrat]\nlang = "en"\n', encoding="utf-8")
    assert ": valid (" in run("validate", "data/one").output
    assert "# configuration: pyproject.toml" in run("config").output


def test_a_folder_of_strategies_is_validated_in_path_order(repo: Path) -> None:
    shutil.copytree(repo / "data" / "one", repo / "data" / "a-first")
    shutil.copytree(repo / "data" / "one", repo / "data" / ".hidden" / "skipped")
    result = run("validate", "--lang", "en", str(repo / "data"))
    summaries = [line.split(":")[0] for line in result.output.splitlines() if ": valid (" in line]
    assert summaries == [str(repo / "data" / "a-first"), str(repo / "data" / "one")]
    assert result.exit_code == 0


def test_acknowledged_findings_are_counted_not_listed_unless_asked() -> None:
    kazanlak = str(ROOT / "data" / "kazanlak-2007-2009")
    quiet = run("validate", "--lang", "en", kazanlak).output.splitlines()
    assert not any("[acknowledged:" in line for line in quiet)
    assert quiet[-1].startswith(f"{kazanlak}: valid (0 errors, 0 warnings, 29 infos; 29 of them acknowledged, not listed (--show-acknowledged))")
    shown = run("validate", "--lang", "en", "--show-acknowledged", kazanlak).output.splitlines()
    assert len([line for line in shown if "[acknowledged:" in line]) == 29  # kazanlak's acknowledgements.yaml has 29 entries
    assert shown[-1].startswith(f"{kazanlak}: valid (0 errors, 0 warnings, 29 infos) — ")
    sarif = json.loads(run("validate", "-f", "sarif", kazanlak).output)
    assert len([r for r in sarif["runs"][0]["results"] if r.get("suppressions")]) == 29
    github = run("validate", "-f", "github", kazanlak).output
    assert github.count("::notice ") == 29


def test_a_folder_of_strategies_is_exported_one_file_each(repo: Path, tmp_path: Path) -> None:
    shutil.copytree(repo / "data" / "one", repo / "data" / "two")
    (repo / "data" / "two" / "strategy.yaml").write_text(
        (repo / "data" / "two" / "strategy.yaml").read_text(encoding="utf-8").replace("id: ", "id: second-", 1), encoding="utf-8"
    )
    out = tmp_path / "out"
    out.mkdir()
    result = run("export", "--lang", "en", str(repo / "data"), "-o", str(out))
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == ["minimal.json", "second-minimal.json"]  # named after each id
    assert result.stderr.splitlines() == [f"socstrat export: wrote {out / 'minimal.json'}", f"socstrat export: wrote {out / 'second-minimal.json'}"]
    assert json.loads((out / "second-minimal.json").read_text(encoding="utf-8"))["strategy"]["id"] == "second-minimal"


def test_fmt_knows_a_monitoring_directory_kept_apart(tmp_path: Path) -> None:
    """`fmt` on examples/haskovo-monitoring warned S007 about 2016.yaml: a file named after a year is a monitoring file."""
    copy = tmp_path / "haskovo-monitoring"
    shutil.copytree(MONITORING, copy)
    result = run("fmt", "--lang", "en", "--check", str(copy))
    assert "S007" not in result.stderr
    assert result.stderr.strip().endswith("3 already formatted")  # 2016, 2017 and 2018.yaml
    assert result.exit_code == 0


def test_a_plan_that_is_a_file_is_named_by_its_format(monkeypatch: pytest.MonkeyPatch) -> None:
    """The message said 'a xlsx plan'; now every format that is a file says so by its name, in the run's language."""
    from socstrat.cli import common

    monkeypatch.setattr(common, "stdout_is_terminal", lambda: True)
    result = run("plan", "--lang", "en", str(ROOT / "data" / "haskovo-2016-2020"), "--year", "2017", "-f", "html")
    assert result.exit_code == 2
    assert result.stderr.startswith("socstrat plan: --format html writes a file, not terminal output")
    bulgarian = run("plan", str(ROOT / "data" / "haskovo-2016-2020"), "--year", "2017", "-f", "html")
    assert bulgarian.stderr.startswith("socstrat plan: --format html записва файл, а не изход за терминал")


def test_help_writes_numbers_as_english_does() -> None:
    text = run("report", "--help").output
    assert "65,536-character" in text and "65 536" not in text


def test_the_readme_names_what_the_whole_suite_needs() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    quick_start = readme.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    assert all(name in quick_start for name in ("Chromium", "Node", "npm", "LibreOffice", "poppler", "`.ci/run` installs"))


@pytest.mark.parametrize("lang", ["bg", "en"])
def test_dates_follow_one_rule_in_every_output(lang: str, tmp_path: Path) -> None:
    """The monitoring report and progress printed 2018-03-22 while the strategy report wrote 02.01.2026: one rule now."""
    haskovo = str(ROOT / "data" / "haskovo-2016-2020")
    progress = run("progress", "--lang", lang, haskovo, "--monitoring", str(MONITORING), "--year", "2017").output
    assert "22.03.2018" in progress and "2018-03-22" not in progress  # examples/haskovo-monitoring/2017.yaml: reported: 2018-03-22
    report = tmp_path / "y.md"
    run("report", "--lang", lang, "-f", "md", haskovo, "--monitoring", str(MONITORING), "--year", "2017", "-o", str(report))
    text = report.read_text(encoding="utf-8")
    assert "22.03.2018" in text and "2018-03-22" not in text
    assert re.search(r"socstrat \S+, \d\d\.\d\d\.\d{4}\.", text)  # the generation date in the footer, day first


def test_a_configured_threshold_reaches_the_figures(tmp_path: Path) -> None:
    """Kazanlak's institutional share rests on 7 rows, 5 of them unknown (5/7 ≈ 0.71): withheld under the
    default bound of 0.25, given under a repository's bound of 0.75 (2 known rows, 201 of 201 places)."""
    strategy = tmp_path / "kazanlak"
    shutil.copytree(ROOT / "data" / "kazanlak-2007-2009", strategy)
    before = json.loads(run("deltas", str(strategy), "-f", "json").stdout)["institutional_share"]
    (tmp_path / "socstrat.toml").write_text("[thresholds]\nunknown_share = 0.75\n", encoding="utf-8")
    after = json.loads(run("deltas", str(strategy), "-f", "json").stdout)["institutional_share"]
    assert before["from"] is None and before["from_basis"]["withheld"] == "unknown_share"
    assert after["from"] == 1.0 and after["from_basis"]["threshold"] is None
