"""Render a :class:`~socstrat.analysis.diff.SemanticDiff` as text, a pull-request comment or JSON."""

from __future__ import annotations

import difflib
import json
from collections.abc import Callable, Iterator, Sequence
from typing import Union

from socstrat.analysis.diff import (
    FOLD_AFTER,
    AcknowledgementChange,
    AcknowledgementRef,
    FigureChange,
    HeadlinePart,
    IndicatorChange,
    MeasureDeltaPart,
    MeasureFiguresPart,
    NodeEntry,
    NodeMove,
    NodeRenumber,
    NodeReword,
    NodesPart,
    PlacedIndicator,
    PlacedNode,
    SemanticDiff,
    ServiceName,
    ServiceRename,
)
from socstrat.i18n.catalog import label
from socstrat.io.terminal import json_safe
from socstrat.render.registry import Options, renderer
from socstrat.render.text import inline_markdown as _md
from socstrat.render.text import markdown_code, one_line

MINUS = "\u2212"


def _plural(name: str, count: int) -> str:
    """'activity' → 'activities'; each part of 'activity or measure' is made plural."""
    if count == 1:
        return name
    parts = []
    for part in name.split(" or "):
        words = part.split(" ")
        last = words[-1]
        if last.endswith("y") and last[-2:-1] not in set("aeiou"):
            last = last[:-1] + "ies"
        elif last.endswith(("s", "x", "ch", "sh")):
            last += "es"
        else:
            last += "s"
        parts.append(" ".join([*words[:-1], last]))
    return " or ".join(parts)


def signed(number: int) -> str:
    """A delta with its sign: +40, −3 (a true minus sign), ±0."""
    if number > 0:
        return f"+{number}"
    if number < 0:
        return f"{MINUS}{-number}"
    return "±0"


_COUNT_NOUN: dict[str, str] = {
    "services_added": "service",
    "services_removed": "service",
    "services_renamed": "service",
    "indicators_added": "indicator",
    "indicators_removed": "indicator",
    "indicator_targets_changed": "indicator_target",
    "indicators_reworded": "indicator",
    "indicators_relinked": "indicator",
    "indicators_moved": "indicator",
    "acknowledgements_added": "acknowledgement",
    "acknowledgements_removed": "acknowledgement",
    "acknowledgement_reasons_changed": "acknowledgement_reason",
    "actuals_changed": "actual",
}
"""What each count part counts: its noun in the catalog (``diff.noun.*``)."""


def _noun(key: str, count: int, lang: str) -> str:
    """A noun of the catalog for ``count`` things: English singular made plural; Bulgarian as is,
    because its forms (``услуги: +1``) do not depend on the count."""
    return _plural(key, count) if lang == "en" else key


def headline_text(parts: Sequence[HeadlinePart], lang: str) -> str:
    """The one-line headline in ``lang``, every word from the catalog; ``No semantic changes`` in English when empty.

    Parts come from the analysis as codes and numbers; this is the one place that words them."""
    if not parts:
        return label("diff.no_changes", lang)
    texts: list[str] = []
    previous: HeadlinePart | None = None
    for part in parts:
        if isinstance(part, MeasureDeltaPart):
            values = {"delta": signed(part.delta), "year": part.year, "measure": label(f"diff.measure.{part.measure}", lang)}
            if isinstance(previous, MeasureDeltaPart) and previous.measure == part.measure:
                more = label("diff.headline.measure_delta_more", lang).format(**values)
                texts[-1] += label("diff.headline.year_separator", lang) + more
            else:
                texts.append(label("diff.headline.measure_delta", lang).format(**values))
        elif isinstance(part, MeasureFiguresPart):
            texts.append(label("diff.headline.measure_figures_changed", lang).format(
                count=part.count, measure=label(f"diff.measure.{part.measure}", lang),
                noun=_noun(label("diff.noun.figure", lang), part.count, lang),
            ))
        elif isinstance(part, NodesPart):
            name = part.level_name if lang == "en" else part.level_name_bg
            texts.append(label(f"diff.headline.{part.kind}", lang).format(count=part.count, noun=_noun(name, part.count, lang)))
        else:
            noun = label(f"diff.noun.{_COUNT_NOUN[part.kind]}", lang)
            texts.append(label(f"diff.headline.{part.kind}", lang).format(count=part.count, noun=_noun(noun, part.count, lang)))
        previous = part
    return label("diff.headline.separator", lang).join(texts)



@renderer("diff", "text")
def _text(diff: SemanticDiff, options: Options) -> str:
    return render_text(diff, options.lang)


@renderer("diff", "md")
def _md_format(diff: SemanticDiff, options: Options) -> str:
    return render_markdown(diff, options.lang)


@renderer("diff", "json")
def _json(diff: SemanticDiff, options: Options) -> str:
    return render_json(diff)


def render_json(diff: SemanticDiff) -> str:
    """The stable JSON form (documented in docs/diff.md); Cyrillic is kept as is. It is the same in every
    language: ``headline`` is the English wording of ``headline_parts``, kept for readers of the JSON."""
    data = diff.model_dump(mode="json")
    ordered = {"old": data.pop("old"), "new": data.pop("new"), "headline": headline_text(diff.headline_parts, "en"), **data}
    return json_safe(json.dumps(ordered, ensure_ascii=False, indent=2)) + "\n"


def render_text(diff: SemanticDiff, lang: str = "en") -> str:
    """Plain text for a terminal: headline, then one line per change; labels in ``lang``.

    Every line passes :func:`one_line` as a whole, so no field (a figure's old value, an
    indicator's unit) reaches the terminal raw, whichever entry it belongs to.
    """
    lines = [f"{one_line(diff.old)} → {one_line(diff.new)}", one_line(headline_text(diff.headline_parts, lang))]
    for title, kind, entries in _sections(diff, lang):
        entry_lines = (line for e in entries for line in _text_entry(kind, _one_line_fields(e), lang).split("\n"))
        lines += ["", one_line(title), *(f"  {one_line(line)}" for line in entry_lines)]
    return "\n".join(lines) + "\n"


def render_markdown(diff: SemanticDiff, lang: str = "en") -> str:
    """A pull-request comment: the headline in bold, then a section per kind of change; labels in ``lang``."""
    headline = headline_text(diff.headline_parts, lang)
    lines = [f"**{_md(headline)}**", "", f"{_code(diff.old)} → {_code(diff.new)}"]
    for title, kind, entries in _sections(diff, lang):
        lines += ["", f"#### {title}", ""]
        if len(entries) > FOLD_AFTER:
            lines += ["<details>", f"<summary>{_t('diff.changes', lang, count=len(entries))}</summary>", ""]
        if isinstance(entries[0], FigureChange):
            header = [label(f"diff.column.{key}", lang) for key in ("service", "figure", "year", "old", "new", "delta", "table")]
            lines += ["| " + " | ".join(header) + " |", "|---|---|--:|--:|--:|--:|---|"]
        lines += [_md_entry(kind, e, lang) for e in entries]
        if len(entries) > FOLD_AFTER:
            lines += ["", "</details>"]
    return "\n".join(lines) + "\n"


Entry = Union[
    ServiceName, ServiceRename, FigureChange, PlacedNode, NodeMove, NodeRenumber, NodeReword,
    PlacedIndicator, IndicatorChange, AcknowledgementRef, AcknowledgementChange,
]


def _t(key: str, lang: str, **values: object) -> str:
    """A label of the catalog in ``lang``, with its placeholders filled."""
    return label(key, lang).format(**values)


def _sections(diff: SemanticDiff, lang: str) -> Iterator[tuple[str, str, Sequence[Entry]]]:
    """(section title, kind, entries) for each non-empty kind of change, in headline order."""
    groups: list[tuple[str, str, Sequence[Entry]]] = [
        ("services_added", "added", diff.services.added),
        ("services_removed", "removed", diff.services.removed),
        ("services_renamed", "renamed", diff.services.renamed),
        ("figures", "figure", diff.figures),
        ("nodes_added", "added", diff.nodes.added),
        ("nodes_removed", "removed", diff.nodes.removed),
        ("nodes_moved", "moved", diff.nodes.moved),
        ("nodes_renumbered", "renumbered", diff.nodes.renumbered),
        ("nodes_reworded", "reworded", diff.nodes.reworded),
        ("indicators_added", "added", diff.indicators.added),
        ("indicators_removed", "removed", diff.indicators.removed),
        ("indicators_changed", "changed", diff.indicators.changed),
        ("acknowledgements_added", "added", diff.acknowledgements.added),
        ("acknowledgements_removed", "removed", diff.acknowledgements.removed),
        ("acknowledgements_changed", "changed", diff.acknowledgements.changed),
    ]
    yield from ((label(f"diff.section.{key}", lang), kind, entries) for key, kind, entries in groups if entries)


MULTILINE_FIELDS = frozenset({"old", "new", "old_reason", "new_reason"})
"""Texts compared line by line: :func:`_text_diff` makes each line safe."""


def _one_line_fields(entry: Entry) -> Entry:
    """The entry with every text field on one line (see :func:`one_line`), for terminal text.

    Only the texts :func:`_text_diff` compares line by line keep their line breaks; an old
    and new value printed as ``old → new`` (a target, a unit, a figure) is escaped here.
    """
    by_line = isinstance(entry, (NodeReword, AcknowledgementChange)) or (isinstance(entry, IndicatorChange) and entry.field == "text")
    kept = MULTILINE_FIELDS if by_line else frozenset()
    update = {name: one_line(value) for name, value in vars(entry).items() if isinstance(value, str) and name not in kept}
    return entry.model_copy(update=update)


def _level_title(entry: NodeEntry, lang: str) -> str:
    """The level's name with a capital: the English name, or the strategy's own name as written."""
    name = entry.level_name if lang == "en" else entry.level_name_bg
    return name[:1].upper() + name[1:]


def _node_label(entry: PlacedNode | NodeMove | NodeReword, lang: str) -> str:
    return f"{_level_title(entry, lang)} {entry.code}" if entry.code else _level_title(entry, lang)


def _cell(value: str | None, lang: str) -> str:
    if value is None:
        return "—"
    return value if value else label("diff.empty_cell", lang)


def _measure(f: FigureChange, lang: str) -> str:
    return label(f"diff.measure.{f.measure}", lang)


def _where(where: str, lang: str) -> str:
    """An indicator's owner (one of the documented forms of ``where``) in ``lang``."""
    if where == "key indicators":
        return label("diff.where.key_indicators", lang)
    kind, _, rest = where.partition(" ")
    if kind == "node":
        return _t("diff.where.node", lang, id=rest)
    if kind == "monitoring":
        return _t("diff.where.monitoring", lang, group=rest)
    if kind == "logframe":
        row, _, part = rest.partition(", ")
        return _t("diff.where.logframe", lang, row=row, kind=label(f"diff.where.logframe.{part.replace(' ', '_')}", lang))
    return where


def _indicator_field(e: IndicatorChange, lang: str) -> str:
    return label(f"diff.indicator_field.{e.field}", lang)


def _figure_line(f: FigureChange, lang: str) -> str:
    delta = f" ({signed(f.delta)})" if f.delta is not None else ""
    table = {
        "register": label("diff.register", lang),
        "monitoring": _t("diff.actual", lang, entity=f.entity),
    }.get(f.table) or _t("diff.staffing_table", lang, entity=f.entity)
    return f"{_measure(f, lang)} {f.year}: {_cell(f.old, lang)} → {_cell(f.new, lang)}{delta} [{table}]"


def _text_entry(kind: str, e: Entry, lang: str) -> str:
    if isinstance(e, ServiceName):
        return f"{'+' if kind == 'added' else '-'} {e.id}  {e.name}"
    if isinstance(e, ServiceRename):
        ids = e.old_id if e.old_id == e.new_id else f"{e.old_id} → {e.new_id}"
        return f"{ids}  {e.old_name}" + (f" → {e.new_name}" if e.old_name != e.new_name else "")
    if isinstance(e, FigureChange):
        return f"{e.service or e.entity}  {_figure_line(e, lang)}"
    if isinstance(e, PlacedNode):
        under = _t("diff.under", lang, parent=e.parent) if e.parent else label("diff.under_root", lang)
        return f"{'+' if kind == 'added' else '-'} {_node_label(e, lang)} {e.id} ({under}): {e.title}"
    if isinstance(e, NodeMove):
        return f"{_node_label(e, lang)} {e.id}: {_move(e, str, lang)}"
    if isinstance(e, NodeRenumber):
        return f"{_level_title(e, lang)} {e.id} {e.title}: {e.old_code or '—'} → {e.new_code or '—'}"
    if isinstance(e, NodeReword):
        field = label(f"diff.field.{e.field}", lang)
        return "\n".join([f"{_node_label(e, lang)} {e.id}, {field}:", *(f"  {line}" for line in _text_diff(e.old, e.new))])
    if isinstance(e, PlacedIndicator):
        target = f" [{_t('diff.target', lang, target=e.target)}]" if e.target else ""
        return f"{'+' if kind == 'added' else '-'} {e.id} ({_where(e.where, lang)}): {e.text}{target}"
    if isinstance(e, IndicatorChange):
        owner = f"{e.id} ({_where(e.where, lang)}), {_indicator_field(e, lang)}"
        if e.field == "text":
            return "\n".join([f"{owner}:", *(f"  {line}" for line in _text_diff(e.old or "", e.new or ""))])
        return f"{owner}: {e.old or '—'} → {e.new or '—'}"
    if isinstance(e, AcknowledgementRef):
        return f"{'+' if kind == 'added' else '-'} {e.rule} {e.entity}: {_reason(e, lang)}"
    return "\n".join([f"{e.rule} {e.entity}:", *(f"  {line}" for line in _text_diff(e.old_reason, e.new_reason))])


def _reason(e: AcknowledgementRef, lang: str) -> str:
    return e.reason_bg if lang == "bg" and e.reason_bg else e.reason


def _move(e: NodeMove, code: Callable[[str], str], lang: str) -> str:
    parts = []
    if e.old_level != e.new_level:
        parts.append(_t("diff.moved_level", lang, old=e.old_level, new=e.new_level))
    positions = {"old_position": e.old_position, "new_position": e.new_position}
    if e.old_parent != e.new_parent:
        root = label("diff.root", lang)
        old_parent = code(e.old_parent) if e.old_parent else root
        new_parent = code(e.new_parent) if e.new_parent else root
        parts.append(_t("diff.moved_parent", lang, old=old_parent, new=new_parent, **positions))
    else:
        parts.append(_t("diff.moved_position", lang, **positions))
    return "; ".join(parts)


def _text_diff(old: str, new: str) -> list[str]:
    """Changed lines of a text, '- ' for old and '+ ' for new; unchanged lines are left out."""
    was, now = old.splitlines(), new.splitlines()
    lines = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, was, now, autojunk=False).get_opcodes():
        if tag != "equal":
            lines += [f"- {one_line(line)}" for line in was[i1:i2]] + [f"+ {one_line(line)}" for line in now[j1:j2]]
    return lines


def _md_entry(kind: str, e: Entry, lang: str) -> str:
    if isinstance(e, ServiceName):
        return f"- {_code(e.id)} {_md(e.name)}"
    if isinstance(e, ServiceRename):
        ids = f"{_code(e.old_id)}" if e.old_id == e.new_id else f"{_code(e.old_id)} → {_code(e.new_id)}"
        id_changed = label("diff.id_changed", lang)
        names = f"{_md(e.old_name)} → {_md(e.new_name)}" if e.old_name != e.new_name else f"{_md(e.new_name)} ({id_changed})"
        return f"- {ids}: {names}"
    if isinstance(e, FigureChange):
        delta = signed(e.delta) if e.delta is not None else ""
        table = {
            "register": label("diff.register", lang),
            "monitoring": _t("diff.actual_short", lang, entity=f"{_code(e.entity)}"),
        }.get(e.table) or _t("diff.staffing_table_short", lang, entity=f"{_code(e.entity)}")
        cells = [
            f"{_md(e.name)} {_code(e.service or e.entity)}", _measure(e, lang), str(e.year),
            _md(_cell(e.old, lang)), _md(_cell(e.new, lang)), delta, table,
        ]
        return "| " + " | ".join(cells) + " |"
    if isinstance(e, PlacedNode):
        under = _t("diff.under", lang, parent=f"{_code(e.parent)}") if e.parent else label("diff.under_root", lang)
        return f"- {_md(_node_label(e, lang))} {_code(e.id)} {under}: {_md(e.title)}"
    if isinstance(e, NodeMove):
        return f"- {_md(_node_label(e, lang))} {_code(e.id)} {_md(e.title)}: {_move(e, lambda parent: f'{_code(parent)}', lang)}"
    if isinstance(e, NodeRenumber):
        return f"- {_md(_level_title(e, lang))} {_code(e.id)} {_md(e.title)}: {_md(e.old_code or '—')} → {_md(e.new_code or '—')}"
    if isinstance(e, NodeReword):
        return _md_text_change(f"{_md(_node_label(e, lang))} {_code(e.id)}, {label(f'diff.field.{e.field}', lang)}", e.old, e.new)
    if isinstance(e, PlacedIndicator):
        target = f" ({_md(_t('diff.target', lang, target=e.target))})" if e.target else ""
        return f"- {_t('diff.indicator_in', lang, id=f'{_code(e.id)}', where=_md(_where(e.where, lang)))}: {_md(e.text)}{target}"
    if isinstance(e, IndicatorChange):
        owner = f"{_t('diff.indicator_in', lang, id=f'{_code(e.id)}', where=_md(_where(e.where, lang)))}, {_indicator_field(e, lang)}"
        if e.field == "text":
            return _md_text_change(owner, e.old or "", e.new or "")
        return f"- {owner}: {_md(e.old or '—')} → {_md(e.new or '—')}"
    if isinstance(e, AcknowledgementRef):
        return f"- {e.rule} {_code(e.entity)}: {_md(_reason(e, lang))}"
    return _md_text_change(f"{e.rule} {_code(e.entity)}", e.old_reason, e.new_reason)


def _md_text_change(label: str, old: str, new: str) -> str:
    """A list item with a ```diff block, so GitHub colours the old and new text."""
    lines = _text_diff(old, new)
    fence = "`" * max(3, _longest_backtick_run("\n".join(lines)) + 1)
    return "\n".join([f"- {label}:", "", f"  {fence}diff", *(f"  {line}" for line in lines), f"  {fence}"])


def _longest_backtick_run(text: str) -> int:
    longest = run = 0
    for char in text:
        run = run + 1 if char == "`" else 0
        longest = max(longest, run)
    return longest


def _code(text: str) -> str:
    return markdown_code(text)
