"""How the book reads a CSV and its typed cells: one reader for the data check and the loader.

The check accepts a cell only if these functions read it, and the loader reads every cell with
them: what validates loads, with the values a CSV reader reads, and what they cannot read does not
validate. A number is written in the digits 0 to 9 (not `６４０９`, not `٦٤٠٩`), a date as YYYY-MM-DD.
"""

from __future__ import annotations

import csv
import math
import re
import unicodedata
from datetime import date
from pathlib import Path

INTEGER = re.compile(r"-?[0-9]+", re.ASCII)
NUMBER = re.compile(r"-?[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?", re.ASCII)
DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", re.ASCII)
NOT_FINITE = re.compile(r"[+-]?(nan|inf|infinity)", re.IGNORECASE)
# The largest whole number pandas, which holds the tables, can hold (64 bits).
LARGEST_INTEGER = 2**63 - 1
DEFAULT_TRUE = ("true", "True", "TRUE", "1")
DEFAULT_FALSE = ("false", "False", "FALSE", "0")


def read_rows(path: Path) -> tuple[list[str], list[list[str]]]:
    """The header and the data rows of a CSV file, every cell as the text a CSV reader reads."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    return (rows[0] if rows else []), rows[1:]


def file_problem(path: Path) -> str | None:
    """Why a file the package names cannot be read as one (missing, a folder, a pipe, unreadable), or None.

    Looked at before any read: a pipe or a device in place of a file would make a reader wait forever.
    """
    if not path.exists():
        return "the file is missing" + (" (a link to nowhere)" if path.is_symlink() else "")
    if path.is_dir():
        return "this is a folder, where a file should be; put the file itself here"
    if not path.is_file():
        return "this is not a regular file (a pipe or a device); put the file itself here"
    try:
        with path.open("rb"):
            pass
    except OSError as error:
        return f"the file cannot be opened ({error.strerror or error}); check its permissions"
    return None


def integer(text: str) -> int | None:
    """The whole number a cell holds, or None if the book does not read it as one."""
    if not INTEGER.fullmatch(text):
        return None
    value = int(text)
    return value if abs(value) <= LARGEST_INTEGER else None


def number(text: str) -> float | None:
    """The finite number a cell holds, or None if the book does not read it as one."""
    if not NUMBER.fullmatch(text):
        return None
    value = float(text)
    return value if math.isfinite(value) else None


def calendar_date(text: str) -> date | None:
    """The calendar date a cell holds (YYYY-MM-DD, a day that exists), or None."""
    if not DATE.fullmatch(text):
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def truth(text: str, spec: dict) -> bool | None:
    """True or False as the field's trueValues and falseValues read the cell, or None."""
    if text in spec.get("trueValues", DEFAULT_TRUE):
        return True
    if text in spec.get("falseValues", DEFAULT_FALSE):
        return False
    return None


READERS = {"integer": integer, "number": number, "date": calendar_date}


def type_problem(text: str, kind: str) -> str | None:
    """Why the book cannot read a non-empty cell as its field's type (None when it can)."""
    if kind not in READERS or READERS[kind](text) is not None:
        return None
    if kind == "date":
        return "is not a valid date; write it as YYYY-MM-DD, e.g. 1855-02-07"
    if NOT_FINITE.fullmatch(text) or (kind == "number" and NUMBER.fullmatch(text)):
        return "is not a finite number; write the figure itself"
    what = "a whole number" if kind == "integer" else "a number"
    plain = as_ascii_digits(text)
    if plain != text and READERS[kind](plain) is not None:
        return f"is not {what} written in the digits 0 to 9; write {plain}"
    if kind == "integer" and INTEGER.fullmatch(text):
        return f"is too large a whole number for the book to read (at most {LARGEST_INTEGER:,}); check the figure"
    if kind == "number":
        return "is not a number; write it with the digits 0 to 9 and a point, e.g. 182.5 or -3"
    return "is not a whole number; write it with the digits 0 to 9, e.g. 1956 or -3"


def as_ascii_digits(text: str) -> str:
    """The text with every decimal digit of another script (fullwidth, Arabic-Indic, ...) written as 0-9."""
    return "".join(str(unicodedata.decimal(char)) if char.isdecimal() else char for char in text)
