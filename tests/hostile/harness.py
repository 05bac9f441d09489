"""Run every command and format of socstrat on one strategy directory and check what must always hold.

What must hold whatever a strategy holds (docs/security.md): no traceback, an exit code in
{0, 1, 2}, a located finding (``file:line:col: CODE``) when the exit code is 1, no raw
control character in what reaches a terminal, and no input changed by a read-only
command. Commands run in-process through typer's runner, so a case costs milliseconds.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import traceback
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from typer.testing import CliRunner

from socstrat.cli import app

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
MINIMAL = FIXTURES / "minimal"

LOCATED = re.compile(r"^.+:\d+:\d+: (?:error|warning|info|грешка|предупреждение|бележка): [A-Z]+\d+ ", re.MULTILINE)
"""A located finding in text output, in either language (Bulgarian is the default)."""
LOCATED_CELL = re.compile(r"^.+![A-Z]+\d+: (?:error|warning|info): [A-Z]+\d+ ", re.MULTILINE)
"""A finding of `monitoring import`, located at a workbook's sheet and cell (Услуги!E7)."""
LOCATED_ELSEWHERE = re.compile(r'^::(?:error|warning|notice) file=[^,]+,line=\d+,col=\d+|"(?:line|startLine)": \d+|^--- ', re.MULTILINE)
"""A finding located in GitHub, JSON and SARIF output, or (``fmt --check``) the diff of a file that would change."""
RAW_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")
"""Characters that must never reach a terminal raw: C0 (except tab and LF), DEL, C1, line and paragraph separators."""


YEAR = "2016"
"""The year asked of ``plan``, ``progress`` and ``report --year``; monitoring cases report it."""


def commands(strategy: Path, old: Path) -> Iterator[tuple[str, list[str]]]:
    """(name, argv) of every read-only command and format on ``strategy``; ``old`` is the other side of ``diff`` and ``compare``.

    Formats that write files write them to ``outputs/`` beside ``old``, outside the strategy.
    """
    s = str(strategy)
    out = old.parent / "outputs"
    for fmt in ("text", "json", "github", "sarif"):
        yield f"validate-{fmt}", ["validate", "-f", fmt, s]
    yield "validate-changed", ["validate-changed", str(strategy / "strategy.yaml")]
    yield "export", ["export", s]
    for fmt in ("table", "md", "csv", "json"):
        yield f"deltas-{fmt}", ["deltas", "-f", fmt, s]
    for fmt in ("text", "md", "json"):
        yield f"diff-{fmt}", ["diff", "-f", fmt, str(old), s]
    for fmt in ("html", "md"):
        yield f"report-{fmt}", ["report", "-f", fmt, s]
    yield "report-docx", ["report", "-f", "docx", "-o", str(out / "report.docx"), s]
    yield "fmt-check", ["fmt", "--check", s]
    yield "export-json", ["export", "-f", "json", s]
    yield "export-csv", ["export", "-f", "csv", "-o", str(out / "csv"), s]
    yield "export-xlsx", ["export", "-f", "xlsx", "-o", str(out / "export.xlsx"), s]
    yield "export-datapackage", ["export", "-f", "datapackage", "-o", str(out / "datapackage"), s]
    for fmt in ("md", "html", "json"):
        yield f"plan-{fmt}", ["plan", "--year", YEAR, "-f", fmt, s]
    for fmt in ("docx", "xlsx"):
        yield f"plan-{fmt}", ["plan", "--year", YEAR, "-f", fmt, "-o", str(out / f"plan.{fmt}"), s]
    for fmt in ("table", "md", "csv", "json"):
        yield f"progress-{fmt}", ["progress", "-f", fmt, s]
    for fmt in ("table", "md", "json", "csv", "html"):
        yield f"compare-{fmt}", ["compare", "-f", fmt, str(old), s]
    yield "compare-xlsx", ["compare", "-f", "xlsx", "-o", str(out / "compare.xlsx"), str(old), s]
    for fmt in ("md", "html"):
        yield f"report-year-{fmt}", ["report", "--year", YEAR, "-f", fmt, s]
    yield "report-year-docx", ["report", "--year", YEAR, "-f", "docx", "-o", str(out / "report-year.docx"), s]
    yield "site", ["site", s, "-o", str(old.parent / "site-out"), "--jobs", "1", "--no-word", "--no-history"]
    yield "monitoring-template", ["monitoring", "template", s, "--year", YEAR, "-o", str(out / "monitoring.xlsx")]
    yield "monitoring-import-dry-run", ["monitoring", "import", str(out / "monitoring.xlsx"), s, "--dry-run"]


SUMMARY = re.compile(r"^.+: (?:valid|INVALID|валидна|НЕВАЛИДНА) \(")
TEXT_COMMANDS = {"validate-text", "validate-changed", "deltas-table", "diff-text", "fmt-check", "progress-table", "compare-table"}
"""Commands whose standard output is meant for a terminal."""


@dataclass
class Run:
    name: str
    argv: list[str]
    exit_code: int
    stdout: str
    stderr: str
    error: str | None


def invoke(argv: list[str], name: str = "", env: dict[str, str] | None = None) -> Run:
    runner = CliRunner()
    result = runner.invoke(app, argv, env=env, catch_exceptions=True)
    error = None
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        error = "".join(traceback.format_exception(result.exception))
    return Run(name, argv, result.exit_code, result.stdout, result.stderr, error)


def snapshot(root: Path) -> dict[str, str]:
    """What every entry under ``root`` holds: file digests and link targets (not following links)."""
    seen: dict[str, str] = {}
    for dirpath, dirnames, filenames in os.walk(root):
        for name in dirnames + filenames:
            path = Path(dirpath) / name
            rel = str(path.relative_to(root))
            if path.is_symlink():
                seen[rel] = "link:" + os.readlink(path)
            elif path.is_file() and os.access(path, os.R_OK):
                st = path.stat()
                seen[rel] = hashlib.sha256(path.read_bytes()).hexdigest() + f":{st.st_mode:o}"
            else:
                seen[rel] = f"other:{path.lstat().st_mode:o}"
    return seen


def problems(run: Run) -> list[str]:
    """What is wrong with one run; empty when every guarantee holds. A monitoring report asked of a strategy with
    no monitoring files cannot be made: one line and exit 1 (docs/report.md), not a finding."""
    found = []
    if run.error:
        found.append(f"traceback:\n{run.error}")
    if run.exit_code not in (0, 1, 2):
        found.append(f"exit code {run.exit_code}")
    if "Traceback (most recent call last)" in run.stdout + run.stderr:
        found.append("a traceback was printed")
    cannot_be_made = run.name.startswith("report-year") and run.stderr.count("\n") == 1 and not run.stdout
    if (
        run.exit_code == 1 and not cannot_be_made and not LOCATED.search(run.stderr + run.stdout) and not LOCATED_CELL.search(run.stderr)
        and not LOCATED_ELSEWHERE.search(run.stdout)
    ):
        found.append("exit 1 without a located finding")
    terminal = run.stderr + (run.stdout if run.name in TEXT_COMMANDS else "")
    bad = RAW_CONTROL.search(terminal)
    if bad:
        found.append(f"raw control character {bad.group()!r} on the terminal")
    if run.name.endswith("-json") and run.exit_code == 0:
        try:
            json.loads(run.stdout)
        except ValueError as exc:
            found.append(f"not JSON: {exc}: {run.stdout[:200]!r}")
        bad = RAW_CONTROL.search(run.stdout)
        if bad:
            found.append(f"raw control character {bad.group()!r} in JSON")
    if run.name.endswith("-docx") and run.exit_code == 0:
        written = Path(run.argv[run.argv.index("-o") + 1])
        if not zipfile.is_zipfile(written) or "word/document.xml" not in zipfile.ZipFile(written).namelist():
            found.append("exit 0 and the .docx is not a Word document")
    if run.name in ("validate-text", "validate-changed"):
        for line in run.stdout.splitlines():
            if line and not LOCATED.match(line) and not SUMMARY.match(line):
                found.append(f"a text line that is neither a finding nor a summary: {line!r}")
    if run.name in ("validate-github",):
        for line in run.stdout.splitlines():
            if not line.startswith(("::error ", "::warning ", "::notice ")):
                found.append(f"a line that is not a workflow command: {line!r}")
    return found


def run_all(strategy: Path, tmp: Path) -> dict[str, Run]:
    """Every read-only command on ``strategy``; asserts its files are left exactly as they were."""
    old = tmp / "old-side"
    if not old.exists():
        shutil.copytree(MINIMAL, old)
    config = tmp / "socstrat.toml"  # the tests read English messages; a repository says so in its configuration
    if not config.exists():
        config.write_text('lang = "en"\n', encoding="utf-8")
    before = snapshot(strategy)
    runs = {name: invoke(argv, name) for name, argv in commands(strategy, old)}
    assert snapshot(strategy) == before, "a read-only command changed its input"
    return runs


def check_all(strategy: Path, tmp: Path) -> dict[str, Run]:
    runs = run_all(strategy, tmp)
    failures = {name: problems(run) for name, run in runs.items()}
    failures = {name: found for name, found in failures.items() if found}
    assert not failures, "\n".join(f"{name} {runs[name].argv}: {'; '.join(found)}" for name, found in failures.items())
    return runs


def build(tmp: Path, name: str = "strategy", **files: str | bytes) -> Path:
    """The minimal fixture copied to ``tmp/name``, with some files' contents replaced or added."""
    target = tmp / name
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(MINIMAL, target)
    for stem, content in files.items():
        path = target / f"{stem}.yaml"
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8", newline="")
    return target


def minimal_text(stem: str) -> str:
    return (MINIMAL / f"{stem}.yaml").read_text(encoding="utf-8")
