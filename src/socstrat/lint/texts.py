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


def texts(strategy: Strategy, *, skip_history: bool = False) -> Iterator[Text]:
    """Every string in entities with an id.

    Figures are left out: their ``text`` quotes a sentence that is already scanned where
    it stands, and scanning it twice would report one problem twice. With
    ``skip_history`` the context and the introduction and conclusion are left out too.
    The list is gathered once per strategy index and shared by the rules that scan it.
    """
    index = index_of(strategy)
    key = ("texts", skip_history)
    if key not in index.derived:
        index.derived[key] = list(_texts(strategy, index.owners, skip_history))
    return iter(index.derived[key])


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
        for name in type(model).model_fields:
            value = getattr(model, name)
            if isinstance(value, str):
                yield ident, value, (name,)
            elif isinstance(value, list):
                for i, item in enumerate(value):
                    if isinstance(item, str):
                        yield ident, item, (name, i)
        if isinstance(model, Service) and model.status and model.status.text:
            yield ident, model.status.text, ("status", "text")


def plan_texts(strategy: Strategy) -> Iterator[Text]:
    """The texts outside context and history that speak of plans, periods or stages."""
    return ((ident, text, loc) for ident, text, loc in texts(strategy, skip_history=True) if PLAN_WORDS.search(text))


def number(value: float | int) -> str:
    """A number as the source would print it, for messages: no trailing '.0'."""
    return str(int(value)) if float(value).is_integer() else f"{value:g}"
