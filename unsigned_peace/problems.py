"""What the data check reports: each problem one line, naming the file, the line and the column."""

from __future__ import annotations

from dataclasses import dataclass

from unsigned_peace.escape import clipped, for_terminal

MAX_PROBLEMS_SHOWN = 20
MAX_NAME_SHOWN = 60
MAX_MESSAGE_SHOWN = 600


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the data, located as precisely as the file allows."""

    file: str
    line: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        # File and column names come from the data too: like every value, they are shown escaped, so
        # one problem is one line, and nothing in the data can write to the terminal.
        where = [for_terminal(self.file)]
        if self.line is not None:
            where.append(f"line {self.line}")
        if self.column is not None:
            where.append(f'column "{clipped(self.column, MAX_NAME_SHOWN)}"')
        message = clipped(self.message, MAX_MESSAGE_SHOWN)
        return f"{', '.join(where)}: {message}"


class DataValidationError(Exception):
    """The data package breaks its schema; `problems` lists every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems, key=lambda p: (p.file, p.line or 0, p.column or ""))
        lines = [str(problem) for problem in self.problems[:MAX_PROBLEMS_SHOWN]]
        hidden = len(self.problems) - MAX_PROBLEMS_SHOWN
        if hidden > 0:
            lines.append(f"... and {hidden} more problems")
        super().__init__("\n".join(lines))


class DataFolderError(DataValidationError):
    """`UNSIGNED_PEACE_DATA_DIR` names no data package."""

    def __init__(self, folder: str, descriptor_name: str):
        super().__init__([Problem(folder, None, None,
                                  f"UNSIGNED_PEACE_DATA_DIR names this folder, which holds no {descriptor_name}: "
                                  "point it at a copy of the book's data folder, or unset it")])


class BookNotFoundError(DataValidationError):
    """No folder at or above the current one is a book's root."""

    def __init__(self, folder: str, marker: str):
        super().__init__([Problem(folder, None, None,
                                  f"neither this folder nor any above it holds {marker}, so there is no book here "
                                  "to read the data of: run the command inside a copy of the book")])
