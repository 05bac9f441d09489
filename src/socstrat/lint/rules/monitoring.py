"""Monitoring: the yearly actuals (``monitoring/<YEAR>.yaml``) against the plan, and target readings.

References from monitoring files to services, activities, indicators and figures are
declared as references in the model, so R002 checks them like every other reference.
"""

from __future__ import annotations

import datetime
import os
import re
from collections.abc import Iterator

from socstrat.io.loading import monitoring_stem
from socstrat.lint.registry import Finding, declare, rule
from socstrat.lint.texts import number
from socstrat.model import Indicator, KeyIndicator, Strategy, TargetReading
from socstrat.model.monitoring import RUNNING
from socstrat.model.plan import activity_timing, closes, service_places, start_year
from socstrat.model.queries import index_of, key_indicators


def today() -> datetime.date:
    """Today, or the date of ``SOURCE_DATE_EPOCH`` so that a run can be reproduced."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return datetime.datetime.fromtimestamp(int(epoch), tz=datetime.UTC).date()
    return datetime.date.today()


@rule("P001", "monitoring-year", "error",
      "A monitoring file is not named after a year, names another year than it reports, or reports a year outside the period.")
def check_years(strategy: Strategy) -> Iterator[Finding]:
    """Each year's actuals live in ``monitoring/<YEAR>.yaml``; a file for a year the strategy does not
    cover belongs to another strategy or is a typo. (The loader reports the file-name problems.)"""
    period = strategy.strategy.period
    for year in strategy.monitoring:
        if not period.start <= year <= period.end:
            yield Finding(code="P001", file=monitoring_stem(year), loc=("year",), message="P001",
                          args={"year": year, "start": period.start, "end": period.end})


@rule("P002", "reported-early", "error", "A monitoring report is dated before the year it reports has ended.")
def check_report_dates(strategy: Strategy) -> Iterator[Finding]:
    """A year's actuals can only be reported once the year is over (Haskovo §6.3: in the first quarter
    of the next year); an earlier date is a typo in the date or in the year."""
    for year, report in strategy.monitoring.items():
        if report.reported < datetime.date(year, 12, 31):
            yield Finding(code="P002", file=monitoring_stem(year), loc=("reported",), message="P002",
                          args={"date": report.reported.isoformat(), "year": year})


@rule("P003", "service-state-vs-plan", "warning",
      "A service is reported operating in a year before the plan opens it, or after the plan has closed it.")
def check_service_states(strategy: Strategy) -> Iterator[Finding]:
    """The register says when a service starts (its start year, or 0 places) and when it closes; an actual
    that contradicts it is either news the plan should record or a mistaken id."""
    services = {s.id: s for s in strategy.services.services}
    for year, report in strategy.monitoring.items():
        for i, actual in enumerate(report.services):
            service = services.get(actual.service)
            if service is None or actual.status not in RUNNING:
                continue
            planned, _ = service_places(service, year, services)
            if planned.value != 0:
                continue
            opening = start_year(service)
            key = "P003.closed" if closes(service) and (opening is None or year >= opening) else "P003.early"
            yield Finding(code="P003", file=monitoring_stem(year), loc=("services", i, "status"), message=key,
                          args={"service": service.id, "year": year})


@rule("P004", "done-before-stage", "warning", "An activity is reported done in a year before its stage starts.")
def check_activity_timing(strategy: Strategy) -> Iterator[Finding]:
    """An activity belongs to an implementation stage (``stage`` on the node or an ancestor); done before
    the stage begins means the wrong activity id or the wrong year."""
    stages = {st.id: st.years for st in strategy.implementation.stages if st.years is not None}
    timing = activity_timing(strategy.framework.nodes, stages, strategy.strategy.period)
    for year, report in strategy.monitoring.items():
        for i, actual in enumerate(report.activities):
            span = timing.get(actual.activity)
            if actual.status == "done" and span is not None and year < span[0].start:
                yield Finding(code="P004", file=monitoring_stem(year), loc=("activities", i, "status"), message="P004",
                              args={"activity": actual.activity, "year": year, "start": span[0].start})


REPORTED_ONCE = (("services", "service"), ("activities", "activity"), ("indicators", "indicator"), ("figures", "figure"))
"""The lists of a monitoring file and the key that names what each entry reports."""


@rule("P012", "reported-twice", "error",
      "A monitoring file reports the same service, activity, indicator or figure in two entries.")
def check_repeated_entries(strategy: Strategy) -> Iterator[Finding]:
    """A year has one actual per service, activity, indicator and figure; with two entries, which one counts
    would be a silent choice of the program (and its readers did not agree on it), so the second entry is an
    error until the commission says which figure is right."""
    for year, report in strategy.monitoring.items():
        for section, key in REPORTED_ONCE:
            first: dict[str, int] = {}
            for i, entry in enumerate(getattr(report, section)):
                ref = getattr(entry, key)
                if ref in first:
                    yield Finding(code="P012", file=monitoring_stem(year), loc=(section, i, key), message="P012",
                                  args={"ref": ref, "first": f"{section}[{first[ref]}]"})
                else:
                    first[ref] = i


def indicator_unit(indicator: Indicator | KeyIndicator) -> str | None:
    """The unit of an indicator: its reading's, else '%' when the printed target is a percentage."""
    if indicator.target_reading is not None and indicator.target_reading.unit is not None:
        return indicator.target_reading.unit
    if indicator.target and "%" in indicator.target:
        return "%"
    return None


def _same_unit(a: str, b: str) -> bool:
    def norm(unit: str) -> str:
        unit = unit.strip().lower().rstrip(".")
        return "%" if unit in {"%", "процент", "процента", "percent"} else unit

    return norm(a) == norm(b)


@rule("P005", "unit-mismatch", "warning", "A reported value's unit differs from its indicator's unit.")
def check_units(strategy: Strategy) -> Iterator[Finding]:
    """A count reported against a percentage target (or the reverse) cannot be compared with it;
    progress is not computed for such a value."""
    known: dict[str, Indicator | KeyIndicator] = {**index_of(strategy).indicators, **key_indicators(strategy)}
    for year, report in strategy.monitoring.items():
        for i, actual in enumerate(report.indicators):
            indicator = known.get(actual.indicator)
            unit = indicator_unit(indicator) if indicator is not None else None
            if unit is not None and actual.value is not None and not _same_unit(actual.unit or "", unit):
                yield Finding(code="P005", file=monitoring_stem(year), loc=("indicators", i, "unit" if actual.unit else "value"),
                              message="P005", args={"indicator": actual.indicator, "unit": actual.unit or "—", "expected": unit})


@rule("P006", "year-not-reported", "info", "A year of the period has ended but has no monitoring file.")
def check_missing_years(strategy: Strategy) -> Iterator[Finding]:
    """Once monitoring has started, each ended year of the period should have its annual report;
    a strategy with no monitoring files at all is a plan only and gets no such note."""
    if not strategy.monitoring:
        return
    period = strategy.strategy.period
    ended = today().year - 1
    missing = [y for y in range(period.start, min(period.end, ended) + 1) if y not in strategy.monitoring]
    if missing:
        yield Finding(code="P006", file="strategy", loc=("period",), message="P006",
                      args={"years": ", ".join(map(str, missing))})


NUMBER = re.compile(r"\d+(?:[.,]\d+)?")
QUALIFIERS = (
    (re.compile(r"(?<!\w)(?:поне|най-малко|не по-малко от)\s*$", re.IGNORECASE), "at_least"),
    (re.compile(r"(?<!\w)(?:около|приблизително)\s*$", re.IGNORECASE), "about"),
    (re.compile(r"(?<!\w)(?:не повече от|максимум)\s*$", re.IGNORECASE), "at_most"),
)


def _qualifier(text: str, value: float) -> tuple[str, str] | None:
    """The qualifier ('поне', 'около' …) printed right before ``value`` in ``text``, with its comparison."""
    for match in NUMBER.finditer(text):
        if float(match.group().replace(",", ".")) == value:
            for pattern, comparison in QUALIFIERS:
                word = pattern.search(text[: match.start()])
                if word:
                    return word.group().strip(), comparison
            return None
    return None


def reading_problem(reading: TargetReading, target: str | None, text: str) -> tuple[str, dict[str, str]] | None:
    """Why ``reading`` contradicts the printed target (or, without one, the text); None when it agrees."""
    printed = target or text
    values = [float(m.group().replace(",", ".")) for m in NUMBER.finditer(printed)]
    if reading.comparison == "range":
        assert reading.low is not None and reading.high is not None
        if not any(a == reading.low and b == reading.high for a, b in zip(values, values[1:])):
            return "P007.range", {"low": number(reading.low), "high": number(reading.high)}
    else:
        assert reading.value is not None
        if reading.value not in values:
            return "P007.value", {"value": number(reading.value)}
        found = _qualifier(printed, reading.value) or (_qualifier(text, reading.value) if target else None)
        if found is not None and found[1] != reading.comparison:
            return "P007.comparison", {"comparison": reading.comparison, "word": found[0]}
    if "%" in printed and reading.unit != "%":
        return "P007.unit", {"unit": reading.unit or "—"}
    if reading.unit == "%" and "%" not in printed:
        return "P007.unit", {"unit": "%"}
    return None


@rule("P007", "reading-contradicts-target", "error", "A target's structured reading contradicts the target as printed.")
def check_target_readings(strategy: Strategy) -> Iterator[Finding]:
    """Progress is computed from the reading, the reader sees the printed target; the two must say the
    same thing: its numbers, its unit and its qualifier ('поне', 'около'). Without a printed target the
    reading is checked against the indicator's text."""
    for model in index_of(strategy).models:
        if isinstance(model, (Indicator, KeyIndicator)) and model.target_reading is not None:
            problem = reading_problem(model.target_reading, model.target, model.text)
            if problem is not None:
                key, args = problem
                yield Finding(code="P007", entity=model.id, loc=("target_reading",), message=key,
                              args={**args, "target": model.target or model.text})
        if isinstance(model, Indicator):
            for i, further in enumerate(model.further_targets):
                if further.target_reading is not None:
                    problem = reading_problem(further.target_reading, further.target, model.text)
                    if problem is not None:
                        key, args = problem
                        yield Finding(code="P007", entity=model.id, loc=("further_targets", i, "target_reading"), message=key,
                                      args={**args, "target": further.target})



@rule("P008", "same-indicator-disagrees", "warning",
      "One measure, reported under two ids linked by same_as, has different values in the same year.")
def check_same_indicator(strategy: Strategy) -> Iterator[Finding]:
    """A key indicator and the matrix indicator that restates it (``same_as``) measure one thing; two values
    for it in one year mean one of them is a typo or was measured differently, and every output would show
    both (DHIS2's validation rules compare such pairs)."""
    known: dict[str, Indicator | KeyIndicator] = {**index_of(strategy).indicators, **key_indicators(strategy)}
    for year, report in strategy.monitoring.items():
        first: dict[str, tuple[str, float]] = {}
        for i, actual in enumerate(report.indicators):
            if actual.value is None or actual.indicator not in known:
                continue
            group = getattr(known[actual.indicator], "same_as", None) or actual.indicator
            if group not in first:
                first[group] = (actual.indicator, actual.value)
                continue
            other, value = first[group]
            if value != actual.value:
                yield Finding(code="P008", file=monitoring_stem(year), loc=("indicators", i, "value"), message="P008",
                              args={"indicator": actual.indicator, "value": number(actual.value), "other": other,
                                    "other_value": number(value), "year": year})


@rule("P009", "activity-contradicts-service", "warning",
      "An activity that continues a service is reported not started while the service runs, or in progress while it is closed.")
def check_activity_vs_service(strategy: Strategy) -> Iterator[Finding]:
    """An activity worded 'Продължаване …' of a service is under way exactly while the service runs: not
    started while the service reports users, or in progress while it is reported closed, means one of the
    two rows is wrong. Only strategies written in Bulgarian are checked (the verbs are Bulgarian)."""
    from socstrat.lint.rules.lifecycle import CONTINUING
    from socstrat.model.queries import iter_nodes

    if strategy.strategy.language != "bg":
        return
    nodes = {node.id: node for node in iter_nodes(strategy.framework.nodes) if CONTINUING.search(node.title)}
    for year, report in strategy.monitoring.items():
        services = {s.service: s for s in report.services}
        for i, actual in enumerate(report.activities):
            node = nodes.get(actual.activity)
            if node is None:
                continue
            for service_id in node.services:
                service = services.get(service_id)
                if service is None:
                    continue
                if actual.status == "not_started" and (service.status in RUNNING or (service.users or 0) > 0):
                    yield Finding(code="P009", file=monitoring_stem(year), loc=("activities", i, "status"), message="P009.not_started",
                                  args={"activity": actual.activity, "service": service_id, "users": "—" if service.users is None else service.users})
                elif actual.status == "in_progress" and service.status == "closed":
                    yield Finding(code="P009", file=monitoring_stem(year), loc=("activities", i, "status"), message="P009.closed",
                                  args={"activity": actual.activity, "service": service_id})


@rule("P010", "implausible-actuals", "warning",
      "Reported places are far above the plan's, or a residential service reports far more users than places.")
def check_implausible_actuals(strategy: Strategy) -> Iterator[Finding]:
    """A service rarely grows far beyond its plan within a year, and a residential service can only replace
    the residents who leave: places more than ``places_above_plan`` (50 %) above the plan's, or users more
    than ``users_above_places`` (50 %) above the places, are usually a typo or users counted as visits.
    Only a plan figure the source states for the year is compared: an interpolated one is a guess at the path.
    The bounds are ``Thresholds`` a strategy may set (docs/monitoring.md)."""
    from socstrat.model.completeness import thresholds_of

    bounds = thresholds_of(strategy)
    register = {s.id: s for s in strategy.services.services}
    for year, report in strategy.monitoring.items():
        for i, actual in enumerate(report.services):
            service = register.get(actual.service)
            if service is None:
                continue
            planned = service_places(service, year, register)[0]
            if actual.places is not None and planned.basis == "stated" and planned.value and actual.places > planned.value * (1 + bounds.places_above_plan):
                yield Finding(code="P010", file=monitoring_stem(year), loc=("services", i, "places"), message="P010.places",
                              args={"service": service.id, "places": actual.places, "planned": number(planned.value),
                                    "share": round(bounds.places_above_plan * 100)})
            if (service.category == "residential" and actual.places and actual.users is not None
                    and actual.users > actual.places * (1 + bounds.users_above_places)):
                yield Finding(code="P010", file=monitoring_stem(year), loc=("services", i, "users"), message="P010.users",
                              args={"service": service.id, "users": actual.users, "places": actual.places,
                                    "share": round(bounds.users_above_places * 100)})


@rule("P011", "reporting-incomplete", "info",
      "A monitoring year gives a value for less than the threshold's share of its services, activities due or indicators.")
def check_completeness(strategy: Strategy) -> Iterator[Finding]:
    """An annual report that leaves many services, due activities or indicators blank reads as progress on the
    few it names (Kausal's monitoring quality). The shares are those ``progress`` and the annual report show;
    the threshold is ``monitoring_completeness`` (80 %), which a strategy may set (docs/monitoring.md).
    An info, like P006: the numbers are missing, not wrong."""
    from socstrat.model.completeness import completeness

    for year in strategy.monitoring:
        found = completeness(strategy, year)
        for kind in found.below():
            share = getattr(found, kind)
            yield Finding(code="P011", file=monitoring_stem(year), loc=(kind,) if getattr(strategy.monitoring[year], kind) else ("year",),
                          message=f"P011.{kind}",
                          args={"reported": share.reported, "expected": share.expected, "share": round((share.share or 0) * 100),
                                "threshold": round(found.threshold * 100), "year": year})


# --- the yearly workbook (socstrat monitoring import): reported by the import, located by sheet and cell

declare("P101", "workbook-identity", "error",
        "The workbook is not a socstrat monitoring workbook, or is of another strategy or year, or its layout was changed.",
        "The import trusts the workbook's identity (the instructions sheet's strategy id and year) and its hidden row of "
        "column keys; a workbook of another strategy or year would overwrite the wrong file, so it is refused and nothing is written.")
declare("P102", "workbook-id", "error", "A row's id is changed, unknown, missing or repeated.",
        "Rows are matched to services, activities and indicators by id; a changed id would report figures for the wrong "
        "entity or for none, so the workbook is refused.")
declare("P103", "workbook-formula", "error", "A cell holds a formula or an error value.",
        "A monitoring file holds reported figures, not computations: a formula's result depends on the program that last "
        "saved the file and may be stale, and an error value (#DIV/0!) is no figure. The person enters the value.")
declare("P104", "workbook-value", "error",
        "A cell holds a value of the wrong kind: text in a number cell, a negative or fractional count, an unknown status, a missing date.",
        "Unknown is not zero: a number cell holds a non-negative number or stays empty, and 'МД' or 'н.д.' typed into it "
        "is refused rather than guessed; a status comes from the monitoring vocabulary.")
declare("P105", "workbook-row-missing", "warning", "A row of the template is missing from the filled workbook.",
        "A deleted row is not a deletion: the service is reported as not reporting, and an entry of the existing file "
        "without a row is kept as it was, so that nothing hand-written is lost by an import.")
declare("P106", "workbook-extra-sheet", "info", "The workbook has a sheet the template did not have; it is not read.",
        "People add notes or pivot tables on sheets of their own; the import reads the template's sheets only and says so.")
