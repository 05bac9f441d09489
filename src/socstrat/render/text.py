"""How values are written in a report: numbers, capacity cells and Markdown-safe text.

Markdown has no autoescaping of its own, so the Markdown environment passes every
value through :func:`escape_markdown`. It writes the characters that could start
HTML or Markdown structure as numeric character references, which GitHub renders
as the characters themselves both in Markdown text and inside the raw HTML blocks
(``<details>``, ``<summary>``) of a report, and which never split a table cell.
"""

from __future__ import annotations

import re
from functools import lru_cache

from markupsafe import Markup

from socstrat.io.terminal import one_line
from socstrat.model import CapacityPart, CapacityValue, PrintedNumber


def _flat(value: object) -> str:
    """Text for Markdown: line breaks as spaces (Markdown joins them anyway), other controls escaped."""
    return one_line(" ".join(str(value).splitlines()))


MENTION_BREAK = "\u200d"
"""Put after every ``@`` in Markdown output, so that ``@someone`` in the data pings nobody in a
pull-request comment or step summary while it still reads as ``@someone``."""


def no_mentions(text: str) -> str:
    return text.replace("@", "@" + MENTION_BREAK)


def markdown_code(value: object) -> str:
    """Data text as a Markdown code span, backticks included: it cannot close the span, start a block or ping anyone."""
    text = no_mentions(_flat(value).replace("`", "'"))
    return f"`{text}`"


_MARKDOWN_ACTIVE = {c: f"&#{ord(c)};" for c in "&<>\"|\\`*_[]~"}
_LINE_START = re.compile(r"^(\s*)([#+=-]+|\d+[.)])(?=\s|$)")


def escape_markdown(value: object) -> str:
    """Text of ``value`` that renders literally in GitHub Markdown and cannot inject HTML.

    :class:`~markupsafe.Markup` values were built by the report code and pass unchanged.
    Newlines become spaces (Markdown joins them anyway, and a table row is one line).
    A leading ``#``, ``-``, ``1.`` and the like is escaped so a value never opens a
    heading or a list.
    """
    if isinstance(value, Markup):
        return str(value)
    if value is None:
        return ""
    text = no_mentions("".join(_MARKDOWN_ACTIVE.get(c, c) for c in _flat(value)))
    return _LINE_START.sub(lambda m: m.group(1) + "".join(f"&#{ord(c)};" for c in m.group(2)), text)


INLINE_MARKDOWN_SPECIAL = frozenset("\\`*_[]<>|~&")


def inline_markdown(text: str) -> str:
    """Data text as one line of plain Markdown (a list item, a table cell), not for HTML blocks.

    Every character that could start Markdown or HTML markup, or split a table cell, is
    backslash-escaped, which GitHub renders as the character itself; a line break
    becomes a space (other whitespace, such as a no-break space, is kept), other control characters
    are escaped as :func:`one_line` does, and ``@`` is followed by :data:`MENTION_BREAK`. Inside the report's ``<details>`` blocks backslashes
    are not interpreted, which is why the report templates use :func:`escape_markdown`.
    """
    return no_mentions("".join(f"\\{char}" if char in INLINE_MARKDOWN_SPECIAL else char for char in _flat(text)))


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise_formula(value: object) -> object:
    """A text cell that a spreadsheet would read as a formula, prefixed with ``'`` so it stays text.

    CSV and spreadsheet outputs carry the data's own text (service names, financing as
    printed), which a file author controls; ``=HYPERLINK(…)`` or ``@SUM(…)`` in a name must
    not run when the output is opened. Numbers and ``None`` pass unchanged, so a negative
    figure stays a number. A lone ``-`` (the tables' printed "no number") passes too: it
    starts no formula, and it is data that an open-data reader should get as printed.
    """
    if isinstance(value, str) and value.startswith(FORMULA_START) and value != "-":
        return "'" + value
    return value


def markdown_lines(items: list[str]) -> Markup:
    """Several values in one table cell, separated by ``<br>``."""
    return Markup("<br>").join(Markup(escape_markdown(item)) for item in items)


def number(value: int | float | None, lang: str = "bg") -> str:
    """A number as the report prints it: no thousands separator; a decimal comma in Bulgarian."""
    if value is None:
        return "—"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value)
    return text.replace(".", ",") if lang == "bg" else text


@lru_cache(maxsize=4096, typed=True)
def grouped(value: int | float | str | None, lang: str = "bg", kind: str | None = None) -> str:
    """A number as a report prints it for people: thousands grouped and a decimal comma in Bulgarian
    ("95 950", "6,33"), "95,950" in English; a year (``kind="year"``) is not grouped, every decimal kept.

    Cached (``typed``, so 1, 1.0 and True stay apart): a site prints the same few numbers thousands of times,
    and Babel parses its locale and pattern on every call."""
    if value is None:
        return "—"
    if kind == "year" or isinstance(value, bool):
        return number(value, lang) if not isinstance(value, str) else value
    from decimal import Decimal, InvalidOperation

    from babel.numbers import format_decimal

    try:
        exact = Decimal(str(value))
    except InvalidOperation:
        return str(value)
    return format_decimal(exact, format="#,##0.##########", locale=lang)


def capacity_cell(value: CapacityValue, lang: str = "bg") -> str:
    """A capacity, users or staff cell of the service register as the source states it.

    ``МД`` and ``-`` are printed as they are; a split cell lists its parts with their
    financing; an oddly printed number shows its number; an empty cell is empty.
    """
    if value is None:
        return ""
    if isinstance(value, PrintedNumber):
        return grouped(value.value, lang) if value.value is not None else value.printed
    if isinstance(value, list):
        return " + ".join(_part(part, lang) for part in value)
    if isinstance(value, int):
        return grouped(value, lang)
    return str(value)


def _part(part: CapacityPart, lang: str) -> str:
    extra = ", ".join(x for x in (part.financing, part.label) if x)
    return f"{grouped(part.value, lang)} ({extra})" if extra else grouped(part.value, lang)


_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


DATE_RULES = {"bg": "{day}.{month}.{year}", "en": "{day}.{month}.{year}"}
"""The one way each language writes a date. Both put the day first, as the strategies print
their dates (a report quotes them), so a date reads the same in the data and around it."""


def human_date(value: object, lang: str = "bg") -> str:
    """A date by the rule of ``lang`` (:data:`DATE_RULES`): 2026-01-02 → 02.01.2026; other text as it is."""
    import datetime

    if value is None:
        return ""
    text = value.isoformat() if isinstance(value, datetime.date) else str(value)
    match = _ISO_DATE.fullmatch(text)
    return DATE_RULES[lang].format(year=match[1], month=match[2], day=match[3]) if match else text


# --- the one number format ---------------------------------------------------------------

MINUS = "\u2212"


def round_half_up(value: float | int, digits: int = 0) -> float | int:
    """``value`` rounded to ``digits`` decimals half away from zero, as the municipality's accounts round (4,5 → 5, 2,5 → 3).

    Python's ``round`` and Babel round half to even (2,5 → 2); every output rounds here
    instead, so a chart label and a table cell never disagree. A whole result is an int.
    """
    from decimal import ROUND_HALF_UP, Decimal

    if isinstance(value, bool):
        return int(value)
    exact = Decimal(str(value)).quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP)
    return int(exact) if exact == exact.to_integral_value() else float(exact)


@lru_cache(maxsize=4096, typed=True)
def format_number(
    value: float | int | None, lang: str = "bg", *, digits: int = 2, signed: bool = False, percent: bool = False,
    year: bool = False, fixed: bool = False,
) -> str:
    """A number for people in every format (HTML, Markdown, Word, text, the Excel CSV): the one rule.

    Unknown → 'н.д.' / 'n/a'. A year is never grouped (1925). Otherwise rounded half up to
    ``digits`` decimals (trailing zeros dropped unless ``fixed``), thousands grouped and a
    decimal comma in Bulgarian ("95 950", "40,37"), "95,950" and "40.37" in English;
    ``percent`` takes a fraction and prints it ×100 with one decimal and '%'; ``signed``
    puts '+' before a positive number and a true minus (U+2212) before a negative one.
    Cached like :func:`grouped`.
    """
    from socstrat.i18n.catalog import label

    if value is None:
        return label("figure.unknown", lang)
    if year:
        return str(int(value))
    if percent:
        value, digits, fixed = value * 100, 1, True
    rounded = round_half_up(value, digits)
    from babel.numbers import format_decimal

    pattern = "#,##0" + ("." + ("0" if fixed else "#") * digits if digits else "")
    text = format_decimal(abs(rounded), format=pattern, locale=lang)
    sign = MINUS if rounded < 0 else "+" if signed and rounded > 0 else ""
    return sign + text + ("%" if percent else "")


def total_text(value: float | int | None, unknown: int, lang: str = "bg", **options: bool) -> str:
    """A sum over rows some of which are unknown: "≥ 270, 6 н.д."; all unknown: "н.д."; complete: the number.

    ``options`` are :func:`format_number`'s; see :func:`socstrat.analysis.figures.total`.
    """
    from socstrat.i18n.catalog import label

    text = format_number(value, lang, **options)
    if value is None or not unknown:
        return text
    return label("total.partial", lang).format(value=text, unknown=unknown)


def withheld_reason(reason: str | None, lang: str, *, rows: int = 0, unknown: int = 0, threshold: float | None = None) -> str:
    """Why a share or ratio is withheld, in words (see :class:`socstrat.analysis.figures.Ratio`)."""
    from socstrat.i18n.catalog import label

    if reason is None:
        return ""
    share = format_number(threshold, lang, percent=True) if threshold is not None else ""
    return label(f"withheld.{reason}", lang).format(rows=rows, unknown=unknown, threshold=share)
