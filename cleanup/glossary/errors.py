"""Problems found in glossary files, located by file, line and column."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..config import ConfigError

__all__ = ["GlossaryError", "Problem"]


@dataclass(frozen=True, slots=True)
class Problem:
    """One problem in a glossary file. ``line`` and ``col`` are 1-based (0 = unknown)."""

    file: str
    line: int
    col: int
    code: str
    message: str

    def __str__(self) -> str:
        where = self.file
        if self.line:
            where += f":{self.line}"
            if self.col:
                where += f":{self.col}"
        return f"{where}: {self.code} {self.message}"

    def to_json(self) -> dict[str, object]:
        return {
            "file": self.file,
            "line": self.line,
            "col": self.col,
            "code": self.code,
            "message": self.message,
        }


class GlossaryError(ConfigError):
    """A glossary file cannot be read or does not follow the schema.

    ``file`` and ``line`` locate the first problem (``line`` is None when unknown);
    ``problems`` holds every problem found.
    """

    def __init__(
        self,
        file: str,
        line: int | None,
        message: str,
        problems: Sequence[Problem] = (),
        col: int = 0,
    ) -> None:
        where = f"{file}:{line}" if line else file
        extra = f" (and {len(problems) - 1} more problems)" if len(problems) > 1 else ""
        super().__init__(f"{where}: {message}{extra}")
        self.file = file
        self.line = line
        self.col = col
        self.message = message
        self.problems: tuple[Problem, ...] = tuple(problems) or (
            Problem(file, line or 0, col, "GLL002", message),
        )

    @classmethod
    def from_problems(cls, problems: Sequence[Problem]) -> GlossaryError:
        p = problems[0]
        return cls(p.file, p.line or None, p.message, problems, p.col)
