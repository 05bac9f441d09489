"""Text that is written to a terminal, a log or any one-line format: the one escaping every text output uses.

It sits in ``io`` because it is about writing, so that every layer above (a diagnostic
telling itself, a renderer, the CLI) can use it.
"""

from __future__ import annotations

import re

UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]")
"""Characters that must not reach a terminal, a log or a one-line format raw: C0 and C1 controls
(ESC starts ANSI and OSC sequences, U+009B is a one-byte CSI), DEL, line and paragraph
separators, and the bidirectional controls that reorder what a reader sees."""
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def one_line(value: object) -> str:
    """Data text that stays on one line and cannot drive a terminal: the one escaping every text output uses.

    A line break becomes ``\\n`` (visibly), an escape character ``\\x1b``, a bidirectional
    control ``\\u202e``; everything else is kept. So one finding is one line whatever the
    data holds, and no value can forge a GitHub workflow command (``::error …``) on a line
    of its own, clear the screen or plant a hyperlink.
    """
    return UNSAFE.sub(escape_char, str(value))


def escape_char(found: re.Match[str]) -> str:
    char = found.group()
    if char in _NAMED:
        return _NAMED[char]
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


DOCUMENT_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069\ufffe\uffff]")
"""Characters a Word or Excel file cannot hold (C0 controls other than tab and line feed are not XML) or should not
(C1 controls, line and paragraph separators, bidirectional controls that reorder what a reader sees)."""


def visible_controls(text: str) -> str:
    """Text for a Word or Excel cell: each character of :data:`DOCUMENT_UNSAFE` written visibly (``\\x1b``,
    ``\\u202e``) as :func:`one_line` writes it; line breaks and tabs are kept. lxml and openpyxl raise on a
    control character, and the data can hold one through a YAML escape (``"\\e"``)."""
    return DOCUMENT_UNSAFE.sub(escape_char, text)


def json_safe(text: str) -> str:
    """JSON text with the characters of :data:`UNSAFE` that JSON leaves raw as ``\\uXXXX`` escapes: the sibling of :func:`one_line` for JSON.

    ``json.dumps`` and pydantic escape C0 controls but write C1 controls (U+009B is a
    one-byte CSI), U+2028/U+2029 and bidirectional controls raw, so a JSON output piped
    to a terminal or a log could still drive it. Outside strings JSON text holds none of
    these characters (its line breaks and indentation are whitespace, and C0 controls
    inside strings are already escaped), so the escaped text decodes to the same values.
    """
    return _JSON_UNSAFE.sub(lambda found: f"\\u{ord(found.group()):04x}", text)


_JSON_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]")
