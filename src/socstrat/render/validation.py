"""How ``socstrat validate`` writes its results: text, JSON, GitHub annotations, SARIF.

Each renderer takes the validation reports and returns a string; the CLI only picks one
and prints it. ``auto`` is resolved here too, from the environment the CLI passes in.
"""

from __future__ import annotations

import json
import re
import sys
import textwrap
from collections.abc import Mapping, Sequence
from io import StringIO
from pathlib import Path
from typing import Literal

from socstrat.i18n.catalog import labels_for
from socstrat.io.terminal import json_safe
from socstrat.lint.diagnostics import SEVERITY_ORDER, Diagnostic
from socstrat.lint.engine import StrategyReport
from socstrat.render.registry import Options, renderer
from socstrat.render.text import inline_markdown, markdown_code, one_line

ValidationFormat = Literal["text", "json", "github", "sarif"]

SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
SARIF_LEVEL = {"error": "error", "warning": "warning", "info": "note"}
GITHUB_COMMAND = {"error": "error", "warning": "warning", "info": "notice"}
COLOUR = {"error": "bold red", "warning": "yellow", "info": "cyan"}


def resolve_format(requested: str, environ: Mapping[str, str], isatty: bool) -> tuple[ValidationFormat, bool]:
    """The concrete format and whether to colour it: ``auto`` means github under
    GitHub Actions and text otherwise; colour only on a terminal and without NO_COLOR."""
    fmt: ValidationFormat = "github" if requested == "auto" and environ.get("GITHUB_ACTIONS") == "true" else (
        "text" if requested == "auto" else requested  # type: ignore[assignment]
    )
    colour = fmt == "text" and isatty and not environ.get("NO_COLOR") and environ.get("TERM") != "dumb"
    return fmt, colour


def exit_code(reports: Sequence[StrategyReport], *, strict: bool, exit_zero: bool, unreadable: bool) -> int:
    """0 clean, 1 findings that fail (errors; warnings too with ``strict``), 2 unreadable input."""
    if unreadable:
        return 2
    failing = {"error", "warning"} if strict else {"error"}
    failed = any(not r.valid or any(d.severity in failing for d in r.diagnostics) for r in reports)
    return 1 if failed and not exit_zero else 0


# --- text ----------------------------------------------------------------------------


@renderer("validation", "text")
def _text(reports: Sequence[StrategyReport], options: Options) -> str:
    return render_text(reports, options.colour, options.lang, options.min_severity, options.show_acknowledged)


CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
"""Characters rich transforms (tabs, carriage returns, escapes …); text without them it prints as it is."""


def render_text(
    reports: Sequence[StrategyReport], colour: bool = False, lang: str = "en", min_severity: str = "info", acknowledged: bool = True
) -> str:
    """``file:line:col: severity: CODE message`` per finding, errors first, then a summary line per strategy.

    ``min_severity`` leaves out less severe findings, and ``acknowledged=False`` the acknowledged
    ones (known and accepted, they are noise in a CI log); the summary line still counts them all.
    Colour is rich's. Without colour rich prints printable text unchanged (no wrapping at
    this width, no markup in Text), so that text is joined here without importing rich
    (~40 ms of every validate); text with control characters still goes through rich.
    """
    if not colour:
        lines = [
            line
            for report in reports
            for line in (*(d.as_text(lang) for d in shown(report, min_severity, acknowledged)), summary_line(report, lang, not acknowledged))
        ]
        if not any(CONTROL.search(line) or len(line) >= 10_000 for line in lines):
            return "".join(line + "\n" for line in lines)
    return _render_text_rich(reports, colour, lang, min_severity, acknowledged)


def shown(report: StrategyReport, min_severity: str = "info", acknowledged: bool = True) -> list[Diagnostic]:
    """The findings a person reads: errors first, then warnings, then notes, each in file order."""
    limit = SEVERITY_ORDER[min_severity]
    kept = [d for d in report.diagnostics if SEVERITY_ORDER[d.severity] <= limit and (acknowledged or d.acknowledged is None)]
    return sorted(kept, key=lambda d: (SEVERITY_ORDER[d.severity], *d.sort_key()))


def _render_text_rich(reports: Sequence[StrategyReport], colour: bool, lang: str, min_severity: str = "info", acknowledged: bool = True) -> str:
    from rich.console import Console
    from rich.text import Text

    buffer = StringIO()
    console = Console(file=buffer, force_terminal=colour, no_color=not colour, width=10_000, highlight=False, soft_wrap=True)
    for report in reports:
        for d in shown(report, min_severity, acknowledged):
            line = Text(f"{d.location_text()} ")
            line.append(f"{d.severity_word(lang)}: {d.code}", style=COLOUR[d.severity])
            line.append(f" {one_line(d.text(lang))}")
            console.print(line)
        console.print(Text(one_line(summary_line(report, lang, not acknowledged)), style="bold" if colour else ""))
    return buffer.getvalue()


def summary_line(report: StrategyReport, lang: str = "en", hidden_acknowledged: bool = False) -> str:
    """The verdict, the count of each severity and the levels; with ``hidden_acknowledged``, how many
    acknowledged findings the lines above leave out."""
    t = labels_for(lang)
    by_severity = {s: sum(1 for d in report.diagnostics if d.severity == s) for s in ("error", "warning", "info")}
    if lang == "en":
        findings = ", ".join(f"{n} {s}{'s' if n != 1 else ''}" for s, n in by_severity.items())
    else:
        findings = ", ".join(f"{t['count_' + s]}: {n}" for s, n in by_severity.items())
    acknowledged = sum(1 for d in report.diagnostics if d.acknowledged is not None)
    if hidden_acknowledged and acknowledged:
        findings += t["acknowledged_hidden"].format(count=acknowledged)
    verdict = t["verdict_valid"] if report.valid else t["verdict_invalid"]
    summary = report.summary
    names = [lv.name if lang == "bg" else (lv.name_en or lv.name) for lv in summary.levels]
    levels = ", ".join(f"{name} {lv.count}" for name, lv in zip(names, summary.levels)) or t["no_levels"]
    return f"{report.path}: {verdict} ({findings}) — {levels}; {summary.indicators} {t['indicators_word']}, {summary.services} {t['services_word']}"


# --- json ----------------------------------------------------------------------------


@renderer("validation", "json")
def _json(reports: Sequence[StrategyReport], options: Options) -> str:
    return render_json(reports)


def render_json(reports: Sequence[StrategyReport]) -> str:
    payload = {"strategies": [report.model_dump(mode="json") for report in reports]}
    return json_safe(json.dumps(payload, ensure_ascii=False, indent=2)) + "\n"


# --- GitHub workflow commands --------------------------------------------------------


def escape_data(value: str) -> str:
    """Escape a workflow-command message: ``%``, CR and LF; other control characters as :func:`one_line` does."""
    return one_line(value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def escape_property(value: str) -> str:
    """Escape a workflow-command property: as a message, plus ``:`` and ``,``."""
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


@renderer("validation", "github")
def _github(reports: Sequence[StrategyReport], options: Options) -> str:
    return render_github(reports, options.min_severity)


def render_github(reports: Sequence[StrategyReport], min_severity: str = "info") -> str:
    """One ``::error``/``::warning``/``::notice`` command per finding, errors first."""
    lines = []
    for report in reports:
        for d in shown(report, min_severity):
            props = f"file={escape_property(_relative(d.file))},line={d.line},col={d.column},title={escape_property(d.code)}"
            lines.append(f"::{GITHUB_COMMAND[d.severity]} {props}::{escape_data(d.message)}")
    return "".join(line + "\n" for line in lines)


def render_step_summary(reports: Sequence[StrategyReport]) -> str:
    """Markdown for ``$GITHUB_STEP_SUMMARY``: GitHub shows only ~10 annotations per step."""
    out = ["## socstrat validate", ""]
    for report in reports:
        out += _step_summary_lines(report)
    return "\n".join(out)


def _step_summary_lines(report: StrategyReport) -> list[str]:
    out = [f"### {markdown_code(report.path)}", "", inline_markdown(summary_line(report)), ""]
    if not report.diagnostics:
        return out
    out += ["| severity | location | code | message |", "|---|---|---|---|"]
    for d in report.diagnostics:
        location = markdown_code(f"{_relative(d.file)}:{d.line}:{d.column}")
        out.append(f"| {d.severity} | {location} | {d.code} | {inline_markdown(d.message)} |")
    out.append("")
    return out


def _relative(file: str) -> str:
    """Paths relative to the working directory, as GitHub and SARIF viewers expect."""
    path = Path(file)
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except (ValueError, OSError, RuntimeError):  # outside the working directory, or a link loop
        return path.as_posix()


# --- SARIF 2.1.0 ---------------------------------------------------------------------


@renderer("validation", "sarif")
def _sarif(reports: Sequence[StrategyReport], options: Options) -> str:
    from socstrat import __version__

    return render_sarif(reports, __version__)


def render_sarif(reports: Sequence[StrategyReport], version: str) -> str:
    """A SARIF 2.1.0 log with every rule and every finding; acknowledged findings are
    results with an external suppression that carries the reason."""
    index = sarif_rule_index()
    return sarif_log([_sarif_result(d, index) for report in reports for d in report.diagnostics], version)


def sarif_rule_index() -> dict[str, int]:
    """Rule code → its index in the driver's rules, as results refer to it."""
    from socstrat.lint.registry import all_rules

    return {rule.code: i for i, rule in enumerate(all_rules())}


def sarif_log(results: list[dict[str, object]], version: str) -> str:
    """The SARIF log around results already rendered."""
    from socstrat.lint.registry import all_rules

    rules = list(all_rules())
    driver = {
        "name": "socstrat",
        "version": version,
        "rules": [
            {
                "id": rule.code,
                "name": rule.name,
                "shortDescription": {"text": rule.summary},
                "fullDescription": {"text": rule.rationale},
                "defaultConfiguration": {"level": SARIF_LEVEL[rule.severity]},
            }
            for rule in rules
        ],
    }
    log = {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [{"tool": {"driver": driver}, "results": results}]}
    return json_safe(json.dumps(log, ensure_ascii=False, indent=2)) + "\n"


def _sarif_result(d: Diagnostic, index: Mapping[str, int]) -> dict[str, object]:
    location: dict[str, object] = {
        "physicalLocation": {
            "artifactLocation": {"uri": _relative(d.file)},
            "region": {"startLine": max(d.line, 1), "startColumn": max(d.column, 1)},
        }
    }
    if d.path:
        location["logicalLocations"] = [{"fullyQualifiedName": d.path}]
    result: dict[str, object] = {
        "ruleId": d.code,
        "ruleIndex": index[d.code],
        "level": SARIF_LEVEL[d.severity],
        "message": {"text": d.message},
        "locations": [location],
    }
    if d.acknowledged is not None:
        result["suppressions"] = [{"kind": "external", "justification": d.acknowledged}]
    return result


# --- one report at a time ------------------------------------------------------------


class StreamWriter:
    """Writes the reports of ``validate`` one at a time, as they come, in exactly the
    text the renderers above give for the whole list.

    Text and GitHub output are per report; the JSON document is written around the
    reports as they come; SARIF and the step summary, single documents, keep only what
    they will print (results, Markdown lines), never the reports. Memory is then flat in
    the number of strategies, whatever their number.
    """

    def __init__(self, fmt: ValidationFormat, options: Options, *, step_summary: Mapping[str, str] | None = None) -> None:
        self.fmt = fmt
        self.options = options
        self.stream = options.stream or sys.stdout
        self.written = 0
        self.failed = False
        self.strict_failed = False
        self.unreadable = False
        self._sarif: list[dict[str, object]] = []
        self._sarif_index = sarif_rule_index() if fmt == "sarif" else {}
        self._summary_target = (step_summary or {}).get("GITHUB_STEP_SUMMARY") if fmt == "github" else None
        self._summary: list[str] = ["## socstrat validate", ""]

    def add(self, report: StrategyReport) -> None:
        """Write ``report`` (or keep what the final document needs of it), and note its outcome."""
        from socstrat.render import registry

        self.unreadable |= report.unreadable
        self.failed |= exit_code([report], strict=False, exit_zero=False, unreadable=False) == 1
        self.strict_failed |= exit_code([report], strict=True, exit_zero=False, unreadable=False) == 1
        if self.fmt == "json":
            chunk = textwrap.indent(json_safe(json.dumps(report.model_dump(mode="json"), ensure_ascii=False, indent=2)), "    ")
            self.stream.write(('{\n  "strategies": [\n' if not self.written else ",\n") + chunk)
        elif self.fmt == "sarif":
            self._sarif += [_sarif_result(d, self._sarif_index) for d in report.diagnostics]
        else:
            self.stream.write(registry.render("validation", self.fmt, [report], self.options))
        if self._summary_target:
            self._summary += _step_summary_lines(report)
        self.written += 1
        self.stream.flush()

    def close(self) -> None:
        """Finish the document (JSON, SARIF) and append the step summary under GitHub Actions."""
        if self.fmt == "json":
            self.stream.write('\n  ]\n}\n' if self.written else '{\n  "strategies": []\n}\n')
        elif self.fmt == "sarif":
            from socstrat import __version__

            self.stream.write(sarif_log(self._sarif, __version__))
        if self._summary_target:
            with open(self._summary_target, "a", encoding="utf-8") as handle:
                handle.write("\n".join(self._summary) + "\n")

    def exit_code(self, *, strict: bool, exit_zero: bool) -> int:
        """What :func:`exit_code` gives for every report written."""
        if self.unreadable:
            return 2
        failed = self.strict_failed if strict else self.failed
        return 1 if failed and not exit_zero else 0
