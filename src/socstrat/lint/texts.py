"""The texts of a strategy that the text rules (L004, L006, C001, C002) scan, and their year patterns."""

from __future__ import annotations

import re
from collections.abc import Iterator

from pydantic import BaseModel

from socstrat.model import Figure, Service, Strategy
from socstrat.model.queries import index_of, walk_models

Text = tuple[str, str, tuple[int | str, ...]]
"""(owner id, text, loc inside the owner)."""

YEAR_RANGE = re.compile(r"(?<!\d)((?:19|20)\d\d)\s*(?:г\.?)?\s*[-–—]\s*((?:19|20)\d\d)(?!\d)")
YEAR = re.compile(r"(?<![\d.№/])((?:19|20)\d\d)(?![\d])")
PLAN_WORDS = re.compile(r"(?<!\w)(?:план|предвижда|ще(?!\w)|период|срок|етап)", re.IGNORECASE)


def texts(strategy: Strategy, *, skip_history: bool = False, dated: bool = False) -> Iterator[Text]:
    """Every string in entities with an id.

    Figures are left out: their ``text`` quotes a sentence that is already scanned where
    it stands, and scanning it twice would report one problem twice. With
    ``skip_history`` the context and the introduction and conclusion are left out too;
    with ``dated`` only the texts that can hold a year (:data:`YEAR` or
    :data:`YEAR_RANGE`), a twentieth of them, which the year rules need not scan.
    Each list is gathered once per strategy index and shared by the rules that scan it.
    """
    index = index_of(strategy)
    key = ("texts", skip_history, dated)
    if key not in index.derived:
        if dated:
            found = [t for t in texts(strategy, skip_history=skip_history) if _may_hold_year(t[1])]
        else:
            found = list(_texts(strategy, index.owners, skip_history))
        index.derived[key] = found
    return iter(index.derived[key])


def _may_hold_year(text: str) -> bool:
    """False when ``text`` cannot match :data:`YEAR`: every year it matches starts with 19 or 20."""
    return "19" in text or "20" in text


def _texts(strategy: Strategy, owners: list[tuple[str, BaseModel]], skip_history: bool) -> Iterator[Text]:
    skip: set[int] = set()
    if skip_history:
        for model in walk_models(strategy.context):
            skip.add(id(model))
        for block in strategy.strategy.introduction + strategy.strategy.conclusion:
            for model in walk_models(block):
                skip.add(id(model))
    for ident, model in owners:
        if id(model) in skip or isinstance(model, Figure):
            continue
        for name in type(model).__pydantic_fields__:
            value = getattr(model, name)
            if isinstance(value, str):
                yield ident, value, (name,)
            elif isinstance(value, list):
                for i, item in enumerate(value):
                    if isinstance(item, str):
                        yield ident, item, (name, i)
        if isinstance(model, Service) and model.status and model.status.text:
            yield ident, model.status.text, ("status", "text")


def plan_texts(strategy: Strategy, *, dated: bool = False, word: str | None = None) -> Iterator[Text]:
    """The texts outside context and history that speak of plans, periods or stages; gathered once per
    strategy index. With ``dated``, only those that can hold a year; with ``word``, only those that
    contain it in lower case (a rule whose patterns all need a word says so, and the rest are skipped
    before the costlier test for planning words)."""
    index = index_of(strategy)
    key = ("plan_texts", dated, word)
    if key not in index.derived:
        found = texts(strategy, skip_history=True, dated=dated)
        if word is not None:
            found = (t for t in found if word in t[1].lower())
        index.derived[key] = [t for t in found if PLAN_WORDS.search(t[1])]
    return iter(index.derived[key])


def number(value: float | int) -> str:
    """A number as the source would print it, for messages: no trailing '.0'."""
    return str(int(value)) if float(value).is_integer() else f"{value:g}"
