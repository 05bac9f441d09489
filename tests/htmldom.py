"""A small element tree from the standard library's HTML parser, for asserting on reports."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


@dataclass
class Element:
    tag: str
    attrs: dict[str, str | None] = field(default_factory=dict)
    children: list[Element | str] = field(default_factory=list)
    parent: Element | None = None

    def iter(self, tag: str | None = None) -> Iterator[Element]:
        for child in self.children:
            if isinstance(child, Element):
                if tag is None or child.tag == tag:
                    yield child
                yield from child.iter(tag)

    def text(self, skip: frozenset[str] = frozenset()) -> str:
        parts = []
        for child in self.children:
            if isinstance(child, str):
                parts.append(child)
            elif child.tag == "br":
                parts.append("\n")
            elif child.tag not in skip:
                parts.append(child.text(skip))
        return "".join(parts)

    def texts(self, skip: frozenset[str] = frozenset()) -> Iterator[tuple[str, Element]]:
        """Each text node with its parent element, leaving out subtrees whose tag is in ``skip``."""
        for child in self.children:
            if isinstance(child, str):
                yield child, self
            elif child.tag not in skip:
                yield from child.texts(skip)

    def by_id(self, ident: str) -> Element | None:
        return next((e for e in self.iter() if e.attrs.get("id") == ident), None)

    def ancestors(self) -> Iterator[Element]:
        node = self.parent
        while node is not None:
            yield node
            node = node.parent

    def cells(self) -> list[str]:
        """Text of the cells of a table row, whitespace collapsed."""
        return [" ".join(c.text().split()) for c in self.children if isinstance(c, Element) and c.tag in ("td", "th")]


class _Builder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#document")
        self.current = self.root

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, dict(attrs), parent=self.current)
        self.current.children.append(element)
        if tag not in VOID:
            self.current = element

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.current.children.append(Element(tag, dict(attrs), parent=self.current))

    def handle_endtag(self, tag: str) -> None:
        node: Element | None = self.current
        while node is not None and node.tag != tag:
            node = node.parent
        if node is None:
            raise AssertionError(f"closing </{tag}> without an open <{tag}>")
        if node is not self.current:
            raise AssertionError(f"</{tag}> closes <{tag}> while <{self.current.tag}> is still open")
        self.current = node.parent or self.root

    def handle_data(self, data: str) -> None:
        self.current.children.append(data)


def parse(html: str) -> Element:
    """Parse ``html``; badly nested tags fail the test instead of being repaired silently."""
    builder = _Builder()
    builder.feed(html)
    builder.close()
    return builder.root
