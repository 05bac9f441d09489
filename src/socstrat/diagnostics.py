"""Diagnostics: what validation tells the user, located in a file."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict

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
    """One finding, in the shape of the JSON contract of ``socstrat validate``."""

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

    @classmethod
    def at(cls, location: Location, code: str, severity: Severity, message: str, acknowledged: str | None = None) -> Diagnostic:
        return cls(
            code=code,
            severity=severity,
            file=location.file,
            line=location.line,
            column=location.column,
            path=location.path,
            message=message,
            acknowledged=acknowledged,
        )

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.file, self.line, self.column, self.code)

    def as_text(self) -> str:
        return f"{self.file}:{self.line}:{self.column}: {self.code} {self.message}"
