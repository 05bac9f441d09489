"""Under Bulgarian every command speaks Bulgarian: a run of every command and format is scanned for English words.

A word of Latin letters is allowed only where it is not a sentence of ours: the data's own
text (every Latin word of the bundled YAML files, acknowledgements excepted: their reasons
are the project's words), paths and file names, rule codes, option names and metavariables,
the program's and the commands' names, identifiers with underscores, HTML markup, and a short
list of names of formats and keys. Plain CSV, JSON, SARIF and GitHub annotations are contracts
with codes the same in every language; the Excel CSV is what a person reads, so it is scanned.
`socstrat rules` is the English reference of the rules (docs/rules.md) and has no --lang.
"""

from __future__ import annotations

import functools
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest

from socstrat.cli import _run

ROOT = Path(__file__).resolve().parents[2]
HASKOVO = str(ROOT / "data" / "haskovo-2016-2020")
KAZANLAK = str(ROOT / "data" / "kazanlak-2007-2009")
MONITORING = str(ROOT / "examples" / "haskovo-monitoring")

NOT_SENTENCES = (
    r"\[tool\.socstrat\]",
    r"\bsocstrat(?: [a-z]+(?:-[a-z]+)?)?",  # the program and a command's name
    r"</?[a-z][a-z0-9]*(?:\s[^<>]*)?/?>",  # markup inside Markdown
    r"\]\([^)]*\)",  # a Markdown link's target
    r"\S*/\S*",  # paths
    r"\S+\.(?:yaml|yml|json|csv|md|html|xlsx|toml|docx|j2|schema\.json)\b",
    r"\b[A-Z]+\d+\b",  # rule codes
    r"--?[a-zA-Z][a-zA-Z-]*",  # options
    r"\b[A-Z][A-Z_.]+\b",  # metavariables, abbreviations
    r"\b[a-z]+(?:_[a-z]+)+\b",  # identifiers and keys
    r"#x[0-9a-f]+|\bU\+[0-9A-F]+",
    r"'[^'\s]+'",  # one word quoted as given: an argument's name, a choice, what the user typed
)
ALLOWED = {"yaml", "json", "csv", "toml", "html", "utf", "mib", "true", "false", "bg", "en", "id", "src", "lang", "strict", "monitoring", "rules",
           "select", "ignore", "severity", "thresholds", "markdown", "git", "fmt", "excel", "word",
           "table"}  # the id of a staffing table's whole-table row
"""Names of formats, tools and the configuration's keys: words of code, the same in every language."""


def data_words() -> set[str]:
    inputs = [*(ROOT / "data").rglob("*.yaml"), *(ROOT / "examples").rglob("*.yaml"), *(ROOT / "tests" / "fixtures" / "loading-demo").glob("*.yaml")]
    files = [f for f in inputs if f.name != "acknowledgements.yaml"]
    return {word.lower() for f in files for word in re.findall(r"[A-Za-z]+", f.read_text(encoding="utf-8"))}


class Visible(HTMLParser):
    """The text a reader of an HTML page sees: its text and the attributes read aloud, not markup, styles or scripts."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.hidden += tag in ("script", "style")
        self.parts += [value for name, value in attrs if name in ("title", "alt", "aria-label", "placeholder") and value]

    def handle_endtag(self, tag: str) -> None:
        self.hidden -= tag in ("script", "style")

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data)


def english_words(text: str, known: set[str], html: bool = False) -> list[str]:
    if html:
        page = Visible()
        page.feed(text)
        text = "\n".join(page.parts)
    for pattern in NOT_SENTENCES:
        text = re.sub(pattern, " ", text)
    return sorted({word for word in re.findall(r"[A-Za-z]{2,}", text) if word.lower() not in known | ALLOWED})


def test_the_scan_finds_english(tmp_path: Path) -> None:
    """The scan itself: a sentence of ours in English is caught, the data's own words and codes are not."""
    known = {"cop", "hotel"}
    assert english_words("data/x.yaml:1:1: грешка: R002 препраща към 'cop'", known) == []
    assert english_words("socstrat validate: cannot write the report", known) == ["cannot", "report", "the", "write"]
    assert english_words("<p title='Expand'>Разгъни</p><style>body {margin: 0}</style>", known, html=True) == ["Expand"]


def commands(out: Path) -> dict[str, tuple[list[str], list[Path]]]:
    """Every command and human format, with the files it writes; each is run with --lang bg."""
    return {
        "validate": (["validate", str(ROOT / "data")], []),
        "validate-acknowledged": (["validate", "--show-acknowledged", str(ROOT / "data")], []),
        "validate-changed": (["validate-changed", str(ROOT / "tests" / "fixtures" / "loading-demo" / "services.yaml")], []),
        "validate-invalid": (["validate", str(ROOT / "tests" / "fixtures" / "loading-demo")], []),
        "validate-yaml-error": (["validate", str(out / "broken")], []),
        "config": (["config", HASKOVO], []),
        "deltas-table": (["deltas", HASKOVO], []),
        "deltas-md": (["deltas", "-f", "md", HASKOVO], []),
        "deltas-csv-excel": (["deltas", "-f", "csv", "--excel", HASKOVO], []),
        "deltas-xlsx": (["deltas", "-f", "xlsx", HASKOVO, "-o", str(out / "deltas.xlsx")], []),
        "compare-table": (["compare", HASKOVO, KAZANLAK], []),
        "compare-md": (["compare", "-f", "md", HASKOVO, KAZANLAK], []),
        "compare-csv-excel": (["compare", "-f", "csv", "--excel", HASKOVO, KAZANLAK], []),
        "compare-html": (["compare", "-f", "html", HASKOVO, KAZANLAK, "-o", str(out / "compare.html")], [out / "compare.html"]),
        "diff-text": (["diff", KAZANLAK, HASKOVO], []),
        "diff-md": (["diff", "-f", "md", KAZANLAK, HASKOVO], []),
        "progress-table": (["progress", HASKOVO, "--monitoring", MONITORING, "--year", "2017"], []),
        "progress-md": (["progress", "-f", "md", HASKOVO, "--monitoring", MONITORING, "--year", "2017"], []),
        "progress-csv-excel": (["progress", "-f", "csv", "--excel", HASKOVO, "--monitoring", MONITORING, "--year", "2017"], []),
        "progress-none": (["progress", HASKOVO], []),
        "report-md": (["report", "-f", "md", HASKOVO, "-o", str(out / "r.md")], [out / "r.md"]),
        "report-html": (["report", "-f", "html", KAZANLAK, "-o", str(out / "r.html")], [out / "r.html"]),
        "report-summary": (["report", "--summary", HASKOVO, "-o", str(out / "summary.md")], [out / "summary.md"]),
        "report-year": (["report", "-f", "md", HASKOVO, "--monitoring", MONITORING, "--year", "2018", "-o", str(out / "y.md")], [out / "y.md"]),
        "report-year-html": (["report", "-f", "html", HASKOVO, "--monitoring", MONITORING, "--year", "2018", "-o", str(out / "y.html")], [out / "y.html"]),
        "plan-md": (["plan", "-f", "md", HASKOVO, "--year", "2017", "-o", str(out / "p.md")], [out / "p.md"]),
        "plan-html": (["plan", "-f", "html", HASKOVO, "--year", "2017", "-o", str(out / "p.html")], [out / "p.html"]),
        "export-csv-excel": (["export", "-f", "csv", "--excel", HASKOVO, "-o", str(out / "csv")], sorted((out / "csv").glob("*.csv"))),
        "export-folder": (["export", str(ROOT / "data"), "-o", str(out / "json")], []),
        "schema": (["schema", "-o", str(out / "schema")], []),
        "fmt": (["fmt", "--check", HASKOVO, str(out / "broken" / "services.yaml"), str(out / "notes.txt")], []),
        "usage-option": (["validate", "--bogus", HASKOVO], []),
        "usage-argument": (["deltas"], []),
        "usage-choice": (["validate", "-f", "xml", HASKOVO], []),
        "usage-range": (["validate", "-j", "0", HASKOVO], []),
        "usage-extra": (["config", HASKOVO, KAZANLAK], []),
        "usage-command": (["nope"], []),
        "missing-directory": (["validate", str(ROOT / "data" / "haskovo")], []),
        "deltas-no-year": (["deltas", HASKOVO, "--from", "2011"], []),
        "deltas-from-after-to": (["deltas", HASKOVO, "--from", "2020", "--to", "2016"], []),
        "plan-outside-period": (["plan", "-f", "md", HASKOVO, "--year", "2030"], []),
        "progress-not-reported": (["progress", HASKOVO, "--monitoring", MONITORING, "--year", "2020"], []),
        "diff-no-side": (["diff", "no-such-side", HASKOVO], []),
        "excel-not-csv": (["export", "-f", "xlsx", "--excel", HASKOVO], []),
    }


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where the commands write, with a strategy whose services.yaml is not YAML."""
    out = tmp_path_factory.mktemp("bg")
    (out / "broken").mkdir()
    shutil.copy(ROOT / "tests" / "fixtures" / "minimal" / "strategy.yaml", out / "broken" / "strategy.yaml")
    (out / "broken" / "services.yaml").write_text("services: [1\n", encoding="utf-8")
    return out


@functools.cache
def english_reasons() -> frozenset[str]:
    import yaml

    reasons = [a["reason"] for f in (ROOT / "data").rglob("acknowledgements.yaml") for a in yaml.safe_load(f.read_text(encoding="utf-8"))["acknowledgements"]]
    return frozenset(word.lower() for reason in reasons for word in re.findall(r"[A-Za-z]+", reason))


@functools.cache
def known_words() -> frozenset[str]:
    return frozenset(data_words())


@pytest.mark.parametrize("name", list(commands(Path("/unused"))))
def test_no_english_under_bulgarian(name: str, out: Path, capfd: pytest.CaptureFixture[str]) -> None:
    argv, _ = commands(out)[name]
    code = _run([*argv, "--lang", "bg"])
    printed = capfd.readouterr()
    assert code in (0, 1, 2), printed.err
    _, files = commands(out)[name]  # the files the command wrote, now that they exist
    known = set(known_words())
    found = {"output": english_words(printed.out + printed.err, known)}
    for file in files:
        # The export is the data, lossless: acknowledgements.csv carries each reason as written and in Bulgarian.
        allowed = known | english_reasons() if file.name == "acknowledgements.csv" else known
        found[file.name] = english_words(file.read_text(encoding="utf-8-sig"), allowed, html=file.suffix == ".html")
    assert not {where: words for where, words in found.items() if words}, (printed.out[-3000:], printed.err[-3000:])
