"""The repository configuration: where it is found, each setting, and located errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from socstrat.io.config import DEFAULT, ConfigError, Origin, Settings, find_config, load_config
from socstrat.model.thresholds import DEFAULT_THRESHOLDS


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def problems(start: Path) -> list[str]:
    with pytest.raises(ConfigError) as caught:
        load_config(start)
    return [p.as_text("en") for p in caught.value.problems]


def test_no_file_means_the_defaults(tmp_path: Path) -> None:
    config = load_config(tmp_path)
    assert config.file is None
    assert config.settings == Settings()
    assert config.settings.lang == "bg" and config.settings.strict is False and config.settings.monitoring == "monitoring"
    assert config.settings.thresholds == DEFAULT_THRESHOLDS
    assert config.origin("lang") == DEFAULT


def test_the_nearest_file_from_the_path_upwards_wins(tmp_path: Path) -> None:
    write(tmp_path / "socstrat.toml", 'lang = "en"\n')
    inner = write(tmp_path / "data" / "socstrat.toml", "strict = true\n")
    strategy = tmp_path / "data" / "one"
    strategy.mkdir()
    config = load_config(strategy)
    assert config.file == inner.resolve()
    assert config.settings.strict is True and config.settings.lang == "bg"  # files are not merged, as in ruff
    assert load_config(tmp_path / "elsewhere.txt").settings.lang == "en"  # a file's directory is where the search starts


def test_pyproject_counts_only_with_a_tool_socstrat_table(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", '[tool.socstrat]\nlang = "en"\n[tool.socstrat.thresholds]\nrollup_coverage = 0.6\n')
    write(tmp_path / "a" / "pyproject.toml", '[project]\nname = "socstrat-data"\n')
    config = load_config(tmp_path / "a")
    assert config.file == (tmp_path / "pyproject.toml").resolve()
    assert (config.settings.lang, config.settings.thresholds.rollup_coverage) == ("en", 0.6)
    assert config.origin("thresholds.rollup_coverage") == Origin("file", config.origin("lang").file, 4)


def test_socstrat_toml_is_preferred_to_pyproject_in_one_directory(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", '[tool.socstrat]\nlang = "en"\n')
    write(tmp_path / "socstrat.toml", "strict = true\n")
    found = find_config(tmp_path)
    assert found is not None and found[0].name == "socstrat.toml"


@pytest.mark.parametrize(
    ("text", "key", "expected"),
    [
        ('lang = "en"\n', "lang", "en"),
        ("strict = true\n", "strict", True),
        ('monitoring = "reports"\n', "monitoring", "reports"),
        ('[rules]\nselect = ["R", "X001"]\n', "rules.select", ("R", "X001")),
        ('[rules]\nignore = ["Q"]\n', "rules.ignore", ("Q",)),
        ('[rules.severity]\nQ001 = "warning"\n', "rules.severity", {"Q001": "warning"}),
        ("[thresholds]\nunknown_share = 0.1\n", "thresholds.unknown_share", 0.1),
        ("[thresholds]\nrollup_coverage = 0.75\n", "thresholds.rollup_coverage", 0.75),
        ("[thresholds]\nmonitoring_completeness = 1\n", "thresholds.monitoring_completeness", 1.0),
    ],
)
def test_each_setting_is_read_with_its_line(tmp_path: Path, text: str, key: str, expected: object) -> None:
    write(tmp_path / "socstrat.toml", "# settings of this repository\n" + text)
    config = load_config(tmp_path)
    assert config.value(key) == expected
    line = 2 if key == "rules.severity" else text.count("\n") + 1  # a table's origin is its header
    assert config.origin(key) == Origin("file", str(tmp_path / "socstrat.toml"), line)
    untouched = [other for other in ("lang", "strict", "monitoring") if other != key]
    assert all(config.origin(other) == DEFAULT for other in untouched)


def test_command_line_options_win_and_say_so(tmp_path: Path) -> None:
    write(tmp_path / "socstrat.toml", 'lang = "en"\nstrict = true\n[rules]\nselect = ["R"]\n')
    config = load_config(tmp_path).given(lang=("--lang", "bg"), rules_select=("--select", ("X",)), strict=("--strict", None))
    assert (config.settings.lang, config.settings.rules.select, config.settings.strict) == ("bg", ("X",), True)
    assert config.origin("lang") == Origin("option", option="--lang")
    assert config.origin("strict").kind == "file"  # an option not given leaves the file's value


def test_the_monitoring_directory_is_relative_to_each_strategy_and_used_where_it_exists(tmp_path: Path) -> None:
    write(tmp_path / "socstrat.toml", 'monitoring = "reports"\n')
    (tmp_path / "one" / "reports").mkdir(parents=True)
    (tmp_path / "two").mkdir()
    config = load_config(tmp_path)
    assert config.monitoring_dir(tmp_path / "one") == tmp_path / "one" / "reports"
    assert config.monitoring_dir(tmp_path / "two") is None
    assert load_config(tmp_path / "two").monitoring_under == "reports"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('lang = "de"\n', "socstrat.toml:1:1: error: 'lang' must be one of bg, en, not 'de'"),
        ('strict = "yes"\n', "socstrat.toml:1:1: error: 'strict' must be true or false, not 'yes'"),
        ("\n[thresholds]\nunknown_share = 1.5\n", "socstrat.toml:3:1: error: 'thresholds.unknown_share' must lie between 0 and 1, not 1.5"),
        ("[thresholds]\nunknown_shar = 0.3\n", "socstrat.toml:2:1: error: unknown setting 'thresholds.unknown_shar'; did you mean 'unknown_share'?"),
        ('[rules]\nselect = "R"\n', "socstrat.toml:2:1: error: 'rules.select' must be a list of codes, e.g. [\"R\", \"X001\"], not 'R'"),
        ("lang = \n", "socstrat.toml:1:8: error: the configuration is not valid TOML: Invalid value"),
    ],
)
def test_errors_are_located(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str, expected: str) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "socstrat.toml", text)
    assert problems(tmp_path) == [expected]


def test_errors_are_told_in_bulgarian_too(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "socstrat.toml", "[thresholds]\nrollup_coverage = 2\n")
    with pytest.raises(ConfigError) as caught:
        load_config(tmp_path)
    assert caught.value.problems[0].as_text("bg") == "socstrat.toml:2:1: грешка: 'thresholds.rollup_coverage' трябва да е между 0 и 1, а е 2"


def test_rule_codes_are_checked_against_the_registry(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "socstrat.toml", '[rules]\nselect = ["R", "Z9"]\n[rules.severity]\nQ0001 = "info"\nS001 = "warning"\n')
    config = load_config(tmp_path)
    with pytest.raises(ConfigError) as caught:
        config.check_codes(["R001", "Q001", "S001"], ["S001"])
    select, severity, fixed = (p.as_text("en") for p in caught.value.problems)
    assert select == "socstrat.toml:2:1: error: 'rules.select': no rule has the code or prefix 'Z9'; `socstrat rules` lists them"
    assert severity.startswith("socstrat.toml:4:1: error: 'rules.severity': no rule has the code or prefix 'Q0001'; did you mean Q001")
    assert fixed == "socstrat.toml:5:1: error: 'rules.severity': the severity of S001 cannot be changed: a reading error stops the strategy"


def test_thresholds_the_file_gives_win_over_the_strategys_own_then_the_defaults(tmp_path: Path) -> None:
    """A strategy may set its own bounds in strategy.yaml; the repository's file overrides only the bounds it names."""
    from socstrat.model.thresholds import DEFAULT_THRESHOLDS, Thresholds

    write(tmp_path / "repo" / "socstrat.toml", "[thresholds]\nunknown_share = 0.5\n")
    (tmp_path / "bare").mkdir()
    config = load_config(tmp_path / "repo")
    own = Thresholds(unknown_share=0.1, rollup_coverage=0.4)
    assert config.thresholds_for(own) == Thresholds(unknown_share=0.5, rollup_coverage=0.4, monitoring_completeness=0.8)
    assert config.thresholds_for(None) == Thresholds(unknown_share=0.5)
    assert load_config(tmp_path / "bare").thresholds_for(own) == own
    assert load_config(tmp_path / "bare").thresholds_for(None) == DEFAULT_THRESHOLDS
