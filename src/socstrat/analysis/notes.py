"""A note of a computation as a code and the numbers it states, never words: a renderer words it from the catalog."""

from __future__ import annotations

from typing import Any, Generic, Self, TypeVar

from pydantic import BaseModel, ConfigDict

Code = TypeVar("Code", bound=str)


class CodedNote(BaseModel, Generic[Code]):
    """The base of the deltas' and the plan's notes: ``class PlanNote(CodedNote[PlanNoteCode])`` with its codes as a ``Literal``.

    The numbers are extra fields, so the JSON is ``{"code": ..., <number>: ...}`` and a template
    formats the catalog's text with :attr:`args`.
    """

    model_config = ConfigDict(extra="allow")

    code: Code

    @classmethod
    def of(cls, code: Code, **numbers: Any) -> Self:
        """A note whose numbers are given as keywords, the extra fields a type checker cannot see."""
        return cls.model_validate({"code": code, **numbers})

    @property
    def args(self) -> dict[str, Any]:
        return dict(self.model_extra or {})
