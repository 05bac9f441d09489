"""Carry-over: text copied from another municipality's, region's or period's document."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache, lru_cache

from socstrat.lint.registry import Finding, rule
from socstrat.lint.texts import YEAR, YEAR_RANGE, plan_texts, texts
from socstrat.model import Indicator, KeyIndicator, Strategy
from socstrat.model.queries import index_of


@rule("C001", "other-municipality", "warning", "Text names another municipality ('община X') than the strategy's own.")
def check_other_municipalities(strategy: Strategy) -> Iterator[Finding]:
    """Strategies are often drafted from a neighbour's; a plan that promises something 'в община Димитровград'
    is residue of that copy. The list of the 265 municipalities ships with socstrat (НСИ, ЕКАТТЕ)."""
    own = strategy.strategy.municipality
    instead = _instead_of_own(own)
    for ident, text, loc in texts(strategy):
        found = municipalities_named(text)
        if own in found:
            found.discard(own)
            if instead is not None:
                found.add(instead)
        names = sorted(found)
        if names:
            yield Finding(code="C001", entity=ident, loc=loc, message="C001",
                          args={"names": ", ".join("община " + n for n in names), "own": own})


_MUNICIPALITY = re.compile(r"(?<!\w)[Оо]бщин(?:а|и|ите)\s+")
_WORD = re.compile(r"\w+")


def municipalities_named(text: str) -> set[str]:
    """The municipalities that ``text`` names as 'община X' (or 'общини X', 'общините X').

    At each 'община' the longest name of the register that follows and ends where a
    word does is taken, as one regular expression of every name (longest first) would;
    names are looked up by their first word, which costs a dictionary lookup instead
    of compiling and running an alternation of 265 names.
    """
    found: set[str] = set()
    if "бщин" not in text:
        return found
    by_first_word = _names_by_first_word()
    for match in _MUNICIPALITY.finditer(text):
        start = match.end()
        word = _WORD.match(text, start)
        for name in by_first_word.get(word.group(), ()) if word else ():
            end = start + len(name)
            if text.startswith(name, start) and not (end < len(text) and (text[end].isalnum() or text[end] == "_")):
                found.add(name)
                break
    return found


@cache
def _names_by_first_word() -> dict[str, list[str]]:
    """The register's names under their first word, longest first; built once per process."""
    from socstrat.lint.municipalities import municipality_names

    names: dict[str, list[str]] = {}
    for name in sorted(municipality_names(), key=len, reverse=True):
        first = _WORD.match(name)
        names.setdefault(first.group() if first else name, []).append(name)
    return names


@lru_cache(maxsize=64)
def _instead_of_own(own: str) -> str | None:
    """What a pattern of every name but ``own`` finds where the full pattern finds ``own``.

    That pattern tries the shorter names next, so it finds the longest other name that
    ``own`` starts with and that ends where a word does ('община Бяла Слатина' names
    'Бяла' there); None when there is none. (No name contains 'бщин', so no match starts
    inside the own name and the scans agree everywhere else.)
    """
    from socstrat.lint.municipalities import municipality_names

    prefixes = [n for n in municipality_names() - {own} if own.startswith(n) and not re.match(r"\w", own[len(n):])]
    return max(prefixes, key=len) if prefixes else None


@rule("C002", "years-before-period", "warning", "Planning text names years before the strategy's period.")
def check_years_before_period(strategy: Strategy) -> Iterator[Finding]:
    """Plans dated before the strategy starts are the usual trace of text carried over from an earlier strategy."""
    period = strategy.strategy.period
    for ident, text, loc in plan_texts(strategy, dated=True):
        # A range that reaches into the period (a programme "2014-2020") is not a plan for the past;
        # one written backwards is L004's business.
        kept = YEAR_RANGE.sub(lambda m: "" if max(int(m.group(1)), int(m.group(2))) >= period.start else m.group(0), text)
        early = sorted({int(y) for y in YEAR.findall(kept) if int(y) < period.start - 1})
        if early:
            yield Finding(code="C002", entity=ident, loc=loc, message="C002",
                          args={"years": ", ".join(str(y) for y in early), "start": period.start, "end": period.end})


@rule("C003", "region-as-scope", "warning",
      "An indicator of the municipal strategy measures the whole region ('област X', 'в областта') or 'общините'.")
def check_region_as_scope(strategy: Strategy) -> Iterator[Finding]:
    """Municipal strategies derive from the regional one; an indicator still scoped to the region ('област
    Хасково', 'в областта') or to its municipalities ('общините') cannot be measured by the one municipality
    that adopts it. 'В областта на …' (in the field of) is no scope."""
    from socstrat.lint.municipalities import region_names

    regions = sorted({name.split(" (")[0] for name in region_names()}, key=len, reverse=True)
    named = r"[Оо]бласт(?:та)?\s+(?:" + "|".join(map(re.escape, regions)) + r")"
    pattern = re.compile(r"(?<!\w)(?:" + named + r"|[Вв]\s+областта(?!\s+на\b)|общините)(?!\w)")
    candidates: list[Indicator | KeyIndicator] = [*index_of(strategy).indicators.values(), *strategy.strategy.key_indicators]
    for model in candidates:
        match = pattern.search(model.text)
        if match:
            yield Finding(code="C003", entity=model.id, loc=("text",), message="C003",
                          args={"scope": match.group(0), "own": strategy.strategy.municipality})
