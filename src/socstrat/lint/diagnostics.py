"""Diagnostics: what validation tells the user, located in a file."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

Severity = Literal["error", "warning", "info"]
SEVERITY_ORDER: dict[str, int] = {"error": 0, "warning": 1, "info": 2}


class Location(BaseModel):
    """A place in a strategy file: 1-based line and column plus the path inside the document."""

    model_config = ConfigDict(frozen=True)

    file: str
    line: int = 1
    column: int = 1
    path: str = ""


class Diagnostic(BaseModel):
    """One finding, in the shape of the JSON contract of ``socstrat validate``.

    ``message`` is the English text the JSON contract carries. A diagnostic made from
    a catalog message also keeps its key and arguments (not part of the JSON), so that
    :meth:`text` can tell it in Bulgarian too.
    """

    model_config = ConfigDict(frozen=True)

    code: str
    severity: Severity
    file: str
    line: int
    column: int
    path: str
    message: str
    acknowledged: str | None = None
    """The reason of the acknowledgement that turned this finding into ``info``."""
    acknowledged_bg: str | None = Field(default=None, exclude=True)
    """The same reason in Bulgarian, when the acknowledgement gives it (not part of the JSON)."""
    message_id: str | None = Field(default=None, exclude=True)
    args: dict[str, Any] = Field(default_factory=dict, exclude=True)

    @classmethod
    def at(
        cls, location: Location, code: str, severity: Severity, message: str, acknowledged: str | None = None,
        message_id: str | None = None, args: dict[str, Any] | None = None,
    ) -> Diagnostic:
        return cls(
            code=code,
            severity=severity,
            file=location.file,
            line=location.line,
            column=location.column,
            path=location.path,
            message=message,
            acknowledged=acknowledged,
            message_id=message_id,
            args=args or {},
        )

    @classmethod
    def found(
        cls, location: Location, code: str, severity: Severity, key: str, args: dict[str, Any], acknowledged: str | None = None,
        acknowledged_bg: str | None = None,
    ) -> Diagnostic:
        """A diagnostic whose message comes from the catalog: ``key`` with ``args``."""
        found = cls.at(location, code, severity, _told(key, args, acknowledged, "en"), acknowledged, message_id=key, args=args)
        return found.model_copy(update={"acknowledged_bg": acknowledged_bg}) if acknowledged_bg else found

    def text(self, lang: str = "en") -> str:
        """The message in ``lang``, with the acknowledgement's reason appended (in Bulgarian under bg, when given)."""
        reason = self.acknowledged_bg if lang == "bg" and self.acknowledged_bg else self.acknowledged
        if self.message_id:
            return _told(self.message_id, self.args, reason, lang)
        return _told(None, {}, reason, lang, self.message)

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.file, self.line, self.column, self.code)

    def as_text(self, lang: str = "en") -> str:
        """``file:line:col: severity: CODE message`` on one line, whatever the file name or the data in the message hold.

        The severity is a word, as compilers print it, so that it reads in a CI log without colour.
        """
        from socstrat.io.terminal import one_line

        message = self.text(lang) if lang != "en" else self.message
        return f"{self.location_text()} {self.severity_word(lang)}: {self.code} {one_line(message)}"

    def location_text(self) -> str:
        from socstrat.io.terminal import one_line

        return f"{one_line(self.file)}:{self.line}:{self.column}:"

    def severity_word(self, lang: str = "en") -> str:
        from socstrat.i18n.catalog import label

        return label(f"severity.{self.severity}", lang)


def _told(key: str | None, args: dict[str, Any], acknowledged: str | None, lang: str, text: str = "") -> str:
    """Catalog message ``key`` with ``args`` (or ``text`` as it is) in ``lang``, and the acknowledgement's reason."""
    from socstrat.i18n.catalog import message

    body = message(key, args, lang) if key else text
    if acknowledged is not None:
        body += " " + message("acknowledged", {"reason": acknowledged}, lang)
    return body
