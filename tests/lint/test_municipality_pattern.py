"""C001's lookup of names finds what a pattern of every name but the own one found."""

from __future__ import annotations

import re

from socstrat.lint.municipalities import municipality_register
from socstrat.lint.rules.carryover import _instead_of_own, municipalities_named


def _per_own(own: str) -> re.Pattern[str]:
    """The pattern C001 compiled for each strategy before."""
    others = sorted(municipality_register().names() - {own}, key=len, reverse=True)
    return re.compile(r"(?<!\w)[Оо]бщин(?:а|и|ите)\s+(" + "|".join(map(re.escape, others)) + r")(?!\w)")


def _shared(own: str, text: str) -> set[str]:
    found = municipalities_named(text)
    if own in found:
        found.discard(own)
        instead = _instead_of_own(own)
        if instead is not None:
            found.add(instead)
    return found


def test_name_lookup_agrees_with_a_pattern_per_municipality() -> None:
    names = sorted(municipality_register().names())
    assert not any("бщин" in name for name in names)
    for own in [*names, "Несъществуваща"]:
        texts = [f"в община {own} и общините {name}, Община {name}." for name in (own, "Бяла", "Бяла Слатина", "Хасково")]
        texts.append("".join(f"община {n}; " for n in names))
        texts.append("".join(f"общините {n}ски, община {n}_1, община {n}2 и община  {n}" for n in names[:40]))
        for text in texts:
            assert _shared(own, text) == {m.group(1) for m in _per_own(own).finditer(text)}, (own, text)
