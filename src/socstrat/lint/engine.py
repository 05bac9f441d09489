"""The lint engine: run the selected rules on a loaded strategy, locate findings, apply acknowledgements."""

from __future__ import annotations

import difflib
from collections import Counter
from collections.abc import Collection, Iterable, Mapping

from pydantic import BaseModel, Field

from socstrat.io.loading import LoadedStrategy, monitoring_stem
from socstrat.lint.diagnostics import Diagnostic, Location, Severity
from socstrat.lint.registry import Finding, Rule, all_rules, rules_by_code
from socstrat.model import MONITORING_DIR, Strategy
from socstrat.model.queries import index_of, indexed, indicator_count

SUMMARY_SLOTS = ("directions", "general_objectives", "specific_objectives", "measures", "activities")


class LevelCount(BaseModel):
    """How many nodes one level of the strategy's own hierarchy has."""

    key: str
    name: str
    name_en: str | None = None
    count: int


class Summary(BaseModel):
    """Counts of a strategy's entities.

    The fixed keys count levels by position (see README) so that tools can compare
    strategies; ``levels`` names each level as the strategy itself does.
    """

    levels: list[LevelCount] = []
    directions: int = 0
    general_objectives: int = 0
    specific_objectives: int = 0
    measures: int = 0
    activities: int = 0
    indicators: int = 0
    services: int = 0


class StrategyReport(BaseModel):
    """The validation result of one strategy directory, as in the JSON contract."""

    path: str
    valid: bool
    summary: Summary
    diagnostics: list[Diagnostic]
    unreadable: bool = Field(default=False, exclude=True)
    """The path named no directory; not part of the JSON contract."""


def summarize(strategy: Strategy) -> Summary:
    per_level = Counter(node.level for node in index_of(strategy).nodes)
    levels = [LevelCount(key=lv.key, name=lv.name, name_en=lv.name_en, count=per_level[lv.key]) for lv in strategy.strategy.levels]
    counts = dict.fromkeys(SUMMARY_SLOTS, 0) | {slot: level.count for slot, level in zip(SUMMARY_SLOTS, levels)}
    return Summary(levels=levels, **counts, indicators=indicator_count(strategy), services=len(strategy.services.services))


def selected_rules(select: Collection[str] = (), ignore: Collection[str] = ()) -> list[Rule]:
    """Rules whose code starts with a selected prefix and with no ignored prefix."""
    rules = all_rules()
    if select:
        rules = tuple(r for r in rules if any(r.code.startswith(prefix) for prefix in select))
    return [r for r in rules if not any(r.code.startswith(prefix) for prefix in ignore)]


def run_checks(strategy: Strategy, rules: Iterable[Rule]) -> list[Finding]:
    """Run each selected check once (a check may report several codes) and keep the findings of selected codes.

    The checks share one index of the strategy (:func:`~socstrat.model.queries.indexed`),
    built here once instead of a walk of the models per check.
    """
    rules = list(rules)
    codes = {r.code for r in rules}
    findings: list[Finding] = []
    done = set()
    with indexed(strategy):
        for rule in rules:
            if rule.check is None or rule.check in done:
                continue
            done.add(rule.check)
            findings.extend(f for f in rule.check(strategy) if f.code in codes)
    return findings


def validate_loaded(
    loaded: LoadedStrategy, select: Collection[str] = (), ignore: Collection[str] = (), severity: Mapping[str, str] | None = None
) -> StrategyReport:
    """Validate an already loaded strategy, so that a command that needs the model loads it once.

    ``severity`` maps rule codes or prefixes to the severity their findings get instead of the
    rule's own (a repository's ``[rules.severity]``); the longest matching prefix wins.
    """
    rules = selected_rules(select, ignore)
    codes = {r.code for r in rules}
    diagnostics = [d for d in loaded.diagnostics if d.code in codes]
    summary = Summary()
    if loaded.strategy is not None:
        with indexed(loaded.strategy):  # the summary and every check share one walk of the models
            summary = summarize(loaded.strategy)
            findings = run_checks(loaded.strategy, rules)
        diagnostics += apply_acknowledgements(loaded, findings, {r.code: r for r in rules}, "M001" in codes, severity or {})
    diagnostics.sort(key=Diagnostic.sort_key)
    valid = loaded.strategy is not None and not any(d.severity == "error" for d in diagnostics)
    return StrategyReport(path=loaded.path, valid=valid, summary=summary, diagnostics=diagnostics, unreadable=loaded.unreadable)


def apply_acknowledgements(
    loaded: LoadedStrategy, findings: list[Finding], rules: dict[str, Rule], report_unused: bool, overrides: Mapping[str, str] | None = None
) -> list[Diagnostic]:
    """Locate findings; acknowledged ones become ``info`` with their reason, never hidden."""
    assert loaded.strategy is not None
    acks = loaded.strategy.acknowledgements.acknowledgements
    used = [False] * len(acks)
    diagnostics = []
    for finding in findings:
        where = _locate(loaded, finding)
        severity = severity_of(rules[finding.code], overrides or {})
        reason = reason_bg = None
        for i, ack in enumerate(acks):
            if ack.rule == finding.code and ack.entity == finding.entity:
                used[i] = True
                severity, reason, reason_bg = "info", ack.reason, ack.reason_bg
        diagnostics.append(Diagnostic.found(where, finding.code, severity, finding.message, finding.args, reason, reason_bg))
    known = rules_by_code()
    for i, ack in enumerate(acks):
        where = loaded.locate("acknowledgements", ("acknowledgements", i, "rule"))
        if ack.rule not in known:
            if "M002" in rules:
                near = difflib.get_close_matches(ack.rule, list(known), n=3, cutoff=0.5)
                args = {"rule": ack.rule, "entity": ack.entity, "hint": ", ".join(near)}
                diagnostics.append(Diagnostic.found(where, "M002", "error", "M002.hint" if near else "M002", args))
        # An acknowledgement of a rule that did not run cannot be judged unused.
        elif report_unused and not used[i] and ack.rule in rules:
            where = loaded.locate("acknowledgements", ("acknowledgements", i))
            diagnostics.append(Diagnostic.found(where, "M001", "warning", "M001.unused", {"rule": ack.rule, "entity": ack.entity}))
    return diagnostics


def severity_of(rule: Rule, overrides: Mapping[str, str]) -> Severity:
    """The severity of ``rule``'s findings: the override of the longest prefix of its code, else its own."""
    prefixes = [prefix for prefix in overrides if rule.code.startswith(prefix)]
    return overrides[max(prefixes, key=len)] if prefixes else rule.severity  # type: ignore[return-value]


def _locate(loaded: LoadedStrategy, finding: Finding) -> Location:
    if finding.entity is not None:
        found = loaded.locate_entity(finding.entity, finding.loc)
        if found is not None:
            return found
    if finding.file is None and len(finding.loc) > 1 and finding.loc[0] == MONITORING_DIR:
        # A reference inside a monitoring file, found by walking the whole strategy (R002).
        return loaded.locate(monitoring_stem(finding.loc[1]), finding.loc[2:])
    return loaded.locate(finding.file or "strategy", finding.loc)
