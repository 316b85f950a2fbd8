"""What the data check asks of Frictionless beyond its baseline, through its public interface: checks of its
own kind (`frictionless.Check`), errors with fields of their own, and the constraints a field's reader
names. The check reads these fields, never the English of an error's note, which Frictionless may reword.
"""

from __future__ import annotations

from typing import Any, ClassVar

import attrs
import frictionless
from frictionless import errors


@attrs.define(kw_only=True, repr=False)
class RepeatedKeyError(errors.PrimaryKeyError):
    """A primary key used again, with the row where it first appears."""

    type = "repeated-key"
    title = "Repeated Key"
    description = "The values of the primary key appear in an earlier row"
    template = 'Row at position "{rowNumber}" repeats the primary key of the row at position "{firstRowNumber}"'

    first_row_number: int
    """The row where the key first appears."""

    metadata_profile_patch: ClassVar[dict] = {"properties": {"firstRowNumber": {"type": "integer"}}}


class RepeatedKey(frictionless.Check):
    """Each row whose primary key an earlier row has, and where that one is. Frictionless's baseline reports
    the same row as a `primary-key` error, whose first row is told only in its note's English."""

    type = "repeated-key"
    Errors: ClassVar[list] = [RepeatedKeyError]

    def validate_start(self):
        self.key = list(self.resource.schema.primary_key)
        self.first_rows: dict[tuple, int] = {}
        return []

    def validate_row(self, row):
        if not self.key:
            return
        values = tuple(row[name] for name in self.key)  # typed, as Frictionless compares them
        if set(values) == {None}:
            return  # a key with no value: the baseline's primary-key error
        first = self.first_rows.setdefault(values, row.row_number)
        if first != row.row_number:
            yield RepeatedKeyError(note="", cells=[str(cell) if cell is not None else "" for cell in row.cells],
                                   row_number=row.row_number, first_row_number=first)


def broken_constraints(field: frictionless.Field, cell: Any) -> list[str]:
    """The names of the field's constraints the cell breaks (`required`, `enum`, `pattern`, ...), as the
    field's own reader finds them."""
    _, notes = field.read_cell(cell)
    return [name for name in notes or {} if name != "type"]
