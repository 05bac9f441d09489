"""Render a :class:`~socstrat.analysis.diff.SemanticDiff` as text, a pull-request comment or JSON."""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterator, Sequence
from typing import Union

from socstrat.analysis.diff import (
    FOLD_AFTER,
    AcknowledgementChange,
    AcknowledgementRef,
    FigureChange,
    IndicatorChange,
    IndicatorRef,
    NodeEntry,
    NodeMove,
    NodeRef,
    NodeRenumber,
    NodeReword,
    SemanticDiff,
    ServiceRef,
    ServiceRename,
    signed,
)
from socstrat.render.registry import Options, renderer
from socstrat.render.text import inline_markdown as _md
from socstrat.render.text import markdown_code, one_line


@renderer("diff", "text")
def _text(diff: SemanticDiff, options: Options) -> str:
    return render_text(diff)


@renderer("diff", "md")
def _md_format(diff: SemanticDiff, options: Options) -> str:
    return render_markdown(diff)


@renderer("diff", "json")
def _json(diff: SemanticDiff, options: Options) -> str:
    return render_json(diff)


def render_json(diff: SemanticDiff) -> str:
    """The stable JSON form (documented in docs/diff.md); Cyrillic is kept as is."""
    return diff.model_dump_json(indent=2) + "\n"


def render_text(diff: SemanticDiff) -> str:
    """Plain text for a terminal: headline, then one line per change."""
    lines = [f"{one_line(diff.old)} → {one_line(diff.new)}", one_line(diff.headline)]
    for title, kind, entries in _sections(diff):
        lines += ["", title, *(f"  {line}" for e in entries for line in _text_entry(kind, _one_line_fields(e)).split("\n"))]
    return "\n".join(lines) + "\n"


def render_markdown(diff: SemanticDiff) -> str:
    """A pull-request comment: the headline in bold, then a section per kind of change."""
    lines = [f"**{_md(diff.headline)}**", "", f"{_code(diff.old)} → {_code(diff.new)}"]
    for title, kind, entries in _sections(diff):
        lines += ["", f"#### {title}", ""]
        if len(entries) > FOLD_AFTER:
            lines += ["<details>", f"<summary>{len(entries)} changes</summary>", ""]
        if isinstance(entries[0], FigureChange):
            lines += ["| Service | Figure | Year | Old | New | Δ | Table |", "|---|---|--:|--:|--:|--:|---|"]
        lines += [_md_entry(kind, e) for e in entries]
        if len(entries) > FOLD_AFTER:
            lines += ["", "</details>"]
    return "\n".join(lines) + "\n"


Entry = Union[
    ServiceRef, ServiceRename, FigureChange, NodeRef, NodeMove, NodeRenumber, NodeReword,
    IndicatorRef, IndicatorChange, AcknowledgementRef, AcknowledgementChange,
]


def _sections(diff: SemanticDiff) -> Iterator[tuple[str, str, Sequence[Entry]]]:
    """(section title, kind, entries) for each non-empty kind of change, in headline order."""
    groups: list[tuple[str, str, Sequence[Entry]]] = [
        ("Services added", "added", diff.services.added),
        ("Services removed", "removed", diff.services.removed),
        ("Services renamed", "renamed", diff.services.renamed),
        ("Capacity and staff", "figure", diff.figures),
        ("Framework: added", "added", diff.nodes.added),
        ("Framework: removed", "removed", diff.nodes.removed),
        ("Framework: moved", "moved", diff.nodes.moved),
        ("Framework: renumbered", "renumbered", diff.nodes.renumbered),
        ("Framework: reworded", "reworded", diff.nodes.reworded),
        ("Indicators added", "added", diff.indicators.added),
        ("Indicators removed", "removed", diff.indicators.removed),
        ("Indicators changed", "changed", diff.indicators.changed),
        ("Acknowledgements added", "added", diff.acknowledgements.added),
        ("Acknowledgements removed", "removed", diff.acknowledgements.removed),
        ("Acknowledgement reasons changed", "changed", diff.acknowledgements.changed),
    ]
    yield from ((title, kind, entries) for title, kind, entries in groups if entries)


MULTILINE_FIELDS = frozenset({"old", "new", "old_reason", "new_reason"})
"""Texts compared line by line: :func:`_text_diff` makes each line safe."""


def _one_line_fields(entry: Entry) -> Entry:
    """The entry with every text field on one line (see :func:`one_line`), for terminal text."""
    update = {name: one_line(value) for name, value in vars(entry).items() if isinstance(value, str) and name not in MULTILINE_FIELDS}
    return entry.model_copy(update=update)


def _level_title(entry: NodeEntry) -> str:
    return entry.level_name[:1].upper() + entry.level_name[1:]


def _node_label(entry: NodeRef | NodeMove | NodeReword) -> str:
    return f"{_level_title(entry)} {entry.code}" if entry.code else _level_title(entry)


def _cell(value: str | None) -> str:
    if value is None:
        return "—"
    return value if value else "(empty)"


def _figure_line(f: FigureChange) -> str:
    delta = f" ({signed(f.delta)})" if f.delta is not None else ""
    table = "register" if f.table == "register" else f"staffing table {f.entity}"
    return f"{f.measure} {f.year}: {_cell(f.old)} → {_cell(f.new)}{delta} [{table}]"


def _text_entry(kind: str, e: Entry) -> str:
    if isinstance(e, ServiceRef):
        return f"{'+' if kind == 'added' else '-'} {e.id}  {e.name}"
    if isinstance(e, ServiceRename):
        ids = e.old_id if e.old_id == e.new_id else f"{e.old_id} → {e.new_id}"
        return f"{ids}  {e.old_name}" + (f" → {e.new_name}" if e.old_name != e.new_name else "")
    if isinstance(e, FigureChange):
        return f"{e.service or e.entity}  {_figure_line(e)}"
    if isinstance(e, NodeRef):
        return f"{'+' if kind == 'added' else '-'} {_node_label(e)} {e.id} (under {e.parent or 'the root'}): {e.title}"
    if isinstance(e, NodeMove):
        return f"{_node_label(e)} {e.id}: {_move(e, str)}"
    if isinstance(e, NodeRenumber):
        return f"{_level_title(e)} {e.id} {e.title}: {e.old_code or '—'} → {e.new_code or '—'}"
    if isinstance(e, NodeReword):
        return "\n".join([f"{_node_label(e)} {e.id}, {e.field}:", *(f"  {line}" for line in _text_diff(e.old, e.new))])
    if isinstance(e, IndicatorRef):
        target = f" [target {e.target}]" if e.target else ""
        return f"{'+' if kind == 'added' else '-'} {e.id} ({e.where}): {e.text}{target}"
    if isinstance(e, IndicatorChange):
        if e.field == "text":
            return "\n".join([f"{e.id} ({e.where}), text:", *(f"  {line}" for line in _text_diff(e.old or "", e.new or ""))])
        return f"{e.id} ({e.where}), {e.field}: {e.old or '—'} → {e.new or '—'}"
    if isinstance(e, AcknowledgementRef):
        return f"{'+' if kind == 'added' else '-'} {e.rule} {e.entity}: {e.reason}"
    return "\n".join([f"{e.rule} {e.entity}:", *(f"  {line}" for line in _text_diff(e.old_reason, e.new_reason))])


def _move(e: NodeMove, code: Callable[[str], str]) -> str:
    parts = []
    if e.old_level != e.new_level:
        parts.append(f"level {e.old_level} → {e.new_level}")
    if e.old_parent != e.new_parent:
        old_parent = code(e.old_parent) if e.old_parent else "the root"
        new_parent = code(e.new_parent) if e.new_parent else "the root"
        parts.append(f"from {old_parent} to {new_parent}, position {e.old_position} → {e.new_position}")
    else:
        parts.append(f"position {e.old_position} → {e.new_position}")
    return "; ".join(parts)


def _text_diff(old: str, new: str) -> list[str]:
    """Changed lines of a text, '- ' for old and '+ ' for new; unchanged lines are left out."""
    was, now = old.splitlines(), new.splitlines()
    lines = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, was, now, autojunk=False).get_opcodes():
        if tag != "equal":
            lines += [f"- {one_line(line)}" for line in was[i1:i2]] + [f"+ {one_line(line)}" for line in now[j1:j2]]
    return lines


def _md_entry(kind: str, e: Entry) -> str:
    if isinstance(e, ServiceRef):
        return f"- {_code(e.id)} {_md(e.name)}"
    if isinstance(e, ServiceRename):
        ids = f"{_code(e.old_id)}" if e.old_id == e.new_id else f"{_code(e.old_id)} → {_code(e.new_id)}"
        names = f"{_md(e.old_name)} → {_md(e.new_name)}" if e.old_name != e.new_name else f"{_md(e.new_name)} (id changed)"
        return f"- {ids}: {names}"
    if isinstance(e, FigureChange):
        delta = signed(e.delta) if e.delta is not None else ""
        table = "register" if e.table == "register" else f"staffing {_code(e.entity)}"
        cells = [f"{_md(e.name)} {_code(e.service or e.entity)}", e.measure, str(e.year), _md(_cell(e.old)), _md(_cell(e.new)), delta, table]
        return "| " + " | ".join(cells) + " |"
    if isinstance(e, NodeRef):
        return f"- {_md(_node_label(e))} {_code(e.id)} under {f'{_code(e.parent)}' if e.parent else 'the root'}: {_md(e.title)}"
    if isinstance(e, NodeMove):
        return f"- {_md(_node_label(e))} {_code(e.id)} {_md(e.title)}: {_move(e, _code)}"
    if isinstance(e, NodeRenumber):
        return f"- {_md(_level_title(e))} {_code(e.id)} {_md(e.title)}: {_md(e.old_code or '—')} → {_md(e.new_code or '—')}"
    if isinstance(e, NodeReword):
        return _md_text_change(f"{_md(_node_label(e))} {_code(e.id)}, {e.field}", e.old, e.new)
    if isinstance(e, IndicatorRef):
        target = f" (target {_md(e.target)})" if e.target else ""
        return f"- {_code(e.id)} in {_md(e.where)}: {_md(e.text)}{target}"
    if isinstance(e, IndicatorChange):
        if e.field == "text":
            return _md_text_change(f"{_code(e.id)} in {_md(e.where)}, text", e.old or "", e.new or "")
        return f"- {_code(e.id)} in {_md(e.where)}, {e.field}: {_md(e.old or '—')} → {_md(e.new or '—')}"
    if isinstance(e, AcknowledgementRef):
        return f"- {e.rule} {_code(e.entity)}: {_md(e.reason)}"
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
