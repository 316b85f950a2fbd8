"""Check the book's data package before anything reads it.

Frictionless checks every cell against the Table Schema in `datapackage.json` (types, required cells,
allowed values, patterns, primary and foreign keys). Around it, this module adds what Frictionless
lets pass or reports poorly: the file's bytes (empty file, byte-order mark, encodings other than
UTF-8), the header (missing or unexpected columns), and list cells ("a;b") whose items must come from
a fixed list or name a row of another table. Every problem becomes one line that names the file,
the line and the column, and says what to fix.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import math
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from unsigned_peace.addresses import address_problem
from unsigned_peace.escape import starts_like_formula

if TYPE_CHECKING:
    import frictionless

UTF8_BOM = b"\xef\xbb\xbf"
MAX_PROBLEMS_SHOWN = 20
HEADER_LINE = 1


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the data, located as precisely as the file allows."""

    file: str
    line: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        where = [self.file]
        if self.line is not None:
            where.append(f"line {self.line}")
        if self.column is not None:
            where.append(f'column "{self.column}"')
        return f"{', '.join(where)}: {self.message}"


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


VALIDATED_ENV = "UNSIGNED_PEACE_VALIDATED"
# Digests of data this process found valid (and of this validator: see data_digest): the same bytes
# are not checked twice. Invalid data is checked again every time.
_VALID_IN_THIS_PROCESS: set[str] = set()


def validate_package(data_dir: Path, *, display_root: Path | None = None) -> None:
    """Raise `DataValidationError` unless every resource of `data_dir/datapackage.json` is valid.

    A build validates once, then exports the data's digest in `UNSIGNED_PEACE_VALIDATED`; notebooks
    it runs skip validating the very same bytes again. Any other bytes are validated in full.
    """
    digest = data_digest(data_dir)
    if os.environ.get(VALIDATED_ENV) == digest or digest in _VALID_IN_THIS_PROCESS:
        return
    problems = list(find_problems(data_dir, display_root=display_root))
    if problems:
        raise DataValidationError(problems)
    _VALID_IN_THIS_PROCESS.add(digest)


def data_digest(data_dir: Path) -> str:
    digest = hashlib.sha256(Path(__file__).read_bytes())
    for path in sorted(Path(data_dir).iterdir()):
        if path.is_file():
            digest.update(path.name.encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def find_problems(data_dir: Path, *, display_root: Path | None = None) -> Iterator[Problem]:
    data_dir = Path(data_dir)
    root = display_root or data_dir.parent
    descriptor_path = data_dir / "datapackage.json"
    try:
        descriptor = json.loads(descriptor_path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        yield Problem(_shown(descriptor_path, root), None, None, "the data package descriptor is missing")
        return
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        yield Problem(_shown(descriptor_path, root), getattr(error, "lineno", None), None,
                      f"the data package descriptor is not valid JSON ({error})")
        return

    declared = {(data_dir / r["path"]).resolve()
                for r in (descriptor.get("resources") if isinstance(descriptor, dict) else None) or []
                if isinstance(r, dict) and isinstance(r.get("path"), str)}
    for path in sorted(data_dir.glob("*.csv")):
        if path.resolve() not in declared:
            yield Problem(_shown(path, root), None, None,
                          f"this CSV is not declared in {_shown(descriptor_path, root)}: add a resource for it "
                          "(name, path, schema) or move it out of the data folder")

    descriptor_problems = list(_check_descriptor(descriptor, _shown(descriptor_path, root)))
    if descriptor_problems:
        yield from descriptor_problems
        return

    readable = []
    for resource_descriptor in descriptor.get("resources", []):
        path = data_dir / resource_descriptor["path"]
        file_problems = list(_check_bytes_and_header(path, _shown(path, root),
                                                     resource_descriptor["schema"]["fields"]))
        yield from file_problems
        if not file_problems:
            readable.append(resource_descriptor)

    # Single-column foreign keys are checked here, from each key column read once (Frictionless would read
    # the referenced file again for every table that points into it); a key into an unreadable file was
    # reported already.
    readable_names = {r["name"] for r in readable}
    package_descriptor = {**descriptor, "resources": [_without_keys_into(r, readable_names) for r in readable]}
    import frictionless  # here, not at the top: a build whose data is already validated never loads it

    try:
        package = frictionless.Package(package_descriptor, basepath=str(data_dir))
        report = package.validate()
    except Exception as error:  # frictionless raises its own errors, and plain ones, on a descriptor it rejects
        message = getattr(getattr(error, "error", None), "message", None) or str(error).splitlines()[0]
        yield Problem(_shown(descriptor_path, root), None, None,
                      f"Frictionless cannot read the descriptor: {message}")
        return
    checked_resources: dict[str, frictionless.Resource] = {}
    tasks = {task.name: task for task in report.tasks}
    shown_paths = {r["name"]: _shown(data_dir / r["path"], root) for r in readable}
    for resource_descriptor in readable:
        task = tasks[resource_descriptor["name"]]
        path = data_dir / resource_descriptor["path"]
        shown = _shown(path, root)
        lines = _row_start_lines(path)
        blank_rows = {error.row_number for error in task.errors if error.type == "blank-row"}
        cell_problems = [
            _describe(error, shown, resource_descriptor["schema"], lines, shown_paths)
            for error in task.errors
            if not (error.type == "primary-key" and error.row_number in blank_rows)
        ]
        yield from cell_problems
        if not cell_problems:
            checked_resources[resource_descriptor["name"]] = package.get_resource(resource_descriptor["name"])

    yield from _check_foreign_keys(descriptor, checked_resources, data_dir, root)
    yield from _check_list_cells(descriptor, checked_resources, data_dir, root)
    yield from _check_values(descriptor, checked_resources, data_dir, root)
    yield from _check_source_strength(descriptor, checked_resources, data_dir, root)


FIELD_TYPES = {"string", "number", "integer", "boolean", "object", "array", "list", "date", "time", "datetime",
               "year", "yearmonth", "duration", "geopoint", "geojson", "any"}


def _check_descriptor(descriptor: dict, shown: str) -> Iterator[Problem]:
    """What in the descriptor itself would stop the cells from being checked, one line each."""
    if not isinstance(descriptor, dict) or not isinstance(descriptor.get("resources"), list):
        yield Problem(shown, None, None, 'the descriptor needs a "resources" list')
        return
    codebooks = descriptor.get("codebooks", {})
    if not isinstance(codebooks, dict):
        yield Problem(shown, None, None, '"codebooks" must map each codebook\'s name to its values')
        codebooks = {}
    for index, resource in enumerate(descriptor["resources"]):
        if not isinstance(resource, dict):
            yield Problem(shown, None, None, f"resource number {index + 1} is not an object")
            continue
        where = f'resource "{resource.get("name", f"number {index + 1}")}"'
        for key in ("name", "path"):
            if not isinstance(resource.get(key), str) or not resource.get(key):
                yield Problem(shown, None, None, f'{where} has no "{key}"; give it one')
        fields = (resource.get("schema") or {}).get("fields") if isinstance(resource.get("schema"), dict) else None
        if not isinstance(fields, list) or not fields:
            yield Problem(shown, None, None, f'{where} has no "schema" with a list of "fields"')
            continue
        for field in fields:
            yield from _check_field(field, where, codebooks, shown)
        types = {f.get("name"): f.get("type", "string") for f in fields if isinstance(f, dict)}
        for field in fields:
            target = field.get("precisionOf") if isinstance(field, dict) else None
            if target is not None and types.get(target) not in ("date", *(set(types.values()) - FIELD_TYPES)):
                yield Problem(shown, None, None, f'{where}, field "{field["name"]}": "precisionOf" must name a '
                                                 f'date field of the same resource, not "{target}"')


def _check_field(field: Any, where: str, codebooks: dict, shown: str) -> Iterator[Problem]:
    if not isinstance(field, dict) or not isinstance(field.get("name"), str):
        yield Problem(shown, None, None, f"{where} has a field without a name")
        return
    at = f'{where}, field "{field["name"]}"'
    kind = field.get("type", "string")
    if kind not in FIELD_TYPES:
        yield Problem(shown, None, None,
                      f'{at}: "{kind}" is not a field type; use one of: {", ".join(sorted(FIELD_TYPES))}')
    constraints = field.get("constraints", {})
    if not isinstance(constraints, dict):
        yield Problem(shown, None, None, f'{at}: "constraints" must be an object')
        constraints = {}
    malformed = False
    for key, rules in (("enum", constraints.get("enum")), ("itemEnum", field.get("itemEnum"))):
        if rules is not None and (not isinstance(rules, list) or not rules):
            malformed = True
            yield Problem(shown, None, None, f'{at}: "{key}" must be a list of the allowed values')
    book = field.get("codebook")
    if book is None or malformed:  # a codebook is compared with the enum once the enum is a list
        return
    allowed = constraints.get("enum") or field.get("itemEnum")
    if book not in codebooks:
        yield Problem(shown, None, None, f'{at} names the codebook "{book}", which "codebooks" does not define')
    elif isinstance(allowed, list) and sorted(map(str, allowed)) != sorted(codebooks[book]):
        missing = [value for value in allowed if value not in codebooks[book]]
        extra = [value for value in codebooks[book] if value not in allowed]
        detail = "; ".join(part for part in (
            f"no label for {', '.join(map(str, missing))}" if missing else "",
            f"labels for values the field does not allow: {', '.join(extra)}" if extra else "") if part)
        yield Problem(shown, None, None, f'{at} and the codebook "{book}" list different values ({detail})')
    elif not isinstance(allowed, list):
        yield Problem(shown, None, None, f'{at} names a codebook but allows any value; give it an "enum"')


def _as_list(value: str | list[str]) -> list[str]:
    return value if isinstance(value, list) else [value]


def _single_column(key: dict) -> bool:
    return len(_as_list(key["fields"])) == 1 and len(_as_list(key["reference"]["fields"])) == 1


def _without_keys_into(resource: dict, readable_names: set[str]) -> dict:
    """The resource as Frictionless is given it: without the foreign keys checked here or not checkable."""
    keys = [key for key in resource["schema"].get("foreignKeys", [])
            if key["reference"].get("resource", resource["name"]) in readable_names and not _single_column(key)]
    schema = {**resource["schema"], "foreignKeys": keys}
    if not keys:
        schema.pop("foreignKeys")
    return {**resource, "schema": schema}


def _shown(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return str(path)


def _check_bytes_and_header(path: Path, shown: str, fields: list[dict]) -> Iterator[Problem]:
    expected = [field["name"] for field in fields]
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        yield Problem(shown, None, None, "the file is missing")
        return
    if not raw.strip():
        yield Problem(shown, HEADER_LINE, None,
                      "the file is empty; it must start with the header line " + ",".join(expected))
        return
    if raw.startswith(UTF8_BOM):
        yield Problem(shown, HEADER_LINE, expected[0],
                      "the file starts with a byte-order mark (BOM); save it as UTF-8 without BOM")
        return
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        yield _encoding_problem(raw, error, shown)
        return

    header = next(csv.reader(io.StringIO(text)), [])
    quote_problems = list(_check_quotes(text, shown, header))
    if quote_problems:
        yield from quote_problems
        return
    missing = [name for name in expected if name not in header]
    unexpected = [name for name in header if name not in expected]
    for name in missing:
        yield Problem(shown, HEADER_LINE, name,
                      "the header lacks this column; expected columns: " + ",".join(expected))
    for name in unexpected:
        yield Problem(shown, HEADER_LINE, name or "(blank)",
                      "the schema has no such column; expected columns: " + ",".join(expected))
    if not missing and not unexpected and header != expected:
        yield Problem(shown, HEADER_LINE, None,
                      "the columns are out of order; expected: " + ",".join(expected))


def _encoding_problem(raw: bytes, error: UnicodeDecodeError, shown: str) -> Problem:
    bad_byte = raw[error.start]
    line = raw.count(b"\n", 0, error.start) + 1
    column = None
    text = raw.decode("utf-8", errors="replace")
    rows = list(csv.reader(io.StringIO(text)))
    header = rows[0] if rows else []
    line_of_row = _start_lines_of(text)
    for number, row in enumerate(rows, start=1):
        for index, cell in enumerate(row):
            if "\ufffd" in cell:
                line = line_of_row.get(number, line)
                column = header[index] if index < len(header) else f"position {index + 1}"
                break
        if column:
            break
    return Problem(shown, line, column,
                   f"the file is not valid UTF-8 (byte 0x{bad_byte:02x}); save it as UTF-8 without BOM")


def _row_start_lines(path: Path) -> dict[int, int]:
    return _start_lines_of(path.read_text(encoding="utf-8"))


def _start_lines_of(text: str) -> dict[int, int]:
    """Map each CSV row number (the header is row 1) to the physical line it starts on.

    They differ only when a quoted cell spans several lines.
    """
    reader = csv.reader(io.StringIO(text))
    starts: dict[int, int] = {}
    previous_end = 0
    for number, _ in enumerate(reader, start=1):
        starts[number] = previous_end + 1
        previous_end = reader.line_num
    return starts


TYPE_HINTS = {
    "date": "is not a valid date; write it as YYYY-MM-DD, e.g. 1855-02-07",
    "integer": "is not a whole number",
    "number": "is not a number",
    "boolean": "is not true or false",
    "year": "is not a year (YYYY)",
}


FOREIGN_KEY_NOTE = re.compile(
    r'for "(?P<columns>[^"]+)": values "(?P<values>[^"]*)" not found in the lookup table "(?P<table>[^"]+)" '
    r'as "(?P<target>[^"]+)"')


def _describe(error: Any, shown: str, schema: dict, lines: dict[int, int],
              shown_paths: dict[str, str]) -> Problem:
    fields = schema["fields"]
    row = getattr(error, "row_number", None)
    line = lines.get(row, row) if row is not None else None
    column = getattr(error, "field_name", None) or None
    cell = getattr(error, "cell", None)
    field = next((f for f in fields if f["name"] == column), {})
    kind = error.type

    if kind == "type-error" and field.get("format") == "uri":
        return Problem(shown, line, column, _address_message(cell))
    if kind == "type-error":
        hint = TYPE_HINTS.get(field.get("type", ""), f"is not of type {field.get('type')}")
        return Problem(shown, line, column, f'"{cell}" {hint}')
    if kind == "constraint-error":
        return Problem(shown, line, column, _constraint_message(error.note, cell, field))
    if kind == "primary-key":
        first = re.search(r"position (\d+)", error.note or "")
        key = schema.get("primaryKey", [])
        names = [f["name"] for f in fields]
        row_cells = getattr(error, "cells", None) or []
        cells = ", ".join(f'"{row_cells[names.index(k)]}"' for k in key if names.index(k) < len(row_cells))
        key_column = ",".join(key)
        if first:
            first_line = lines.get(int(first.group(1)), int(first.group(1)))
            message = f"{cells or 'this key'} is used again; it first appears on line {first_line}; ids must be unique"
        else:
            message = f"the key {cells or '(blank)'} is missing or not unique"
        return Problem(shown, line, key_column or None, message)
    if kind == "foreign-key":
        match = FOREIGN_KEY_NOTE.search(error.note or "")
        if match:
            table = shown_paths.get(match["table"], match["table"])
            return Problem(shown, line, match["columns"], f'"{match["values"]}" is not a {match["target"]} in {table}')
        return Problem(shown, line, column, error.message)
    if kind == "blank-row":
        return Problem(shown, line, None, "the line is blank; remove it")
    if kind == "extra-cell":
        return Problem(shown, line, None,
                       f'the line has more values than the header has columns (extra value "{cell}"); '
                       "quote any cell that contains a comma")
    if kind == "missing-cell":
        return Problem(shown, line, column,
                       f"the line ends before this column; every line needs {len(fields)} values")
    return Problem(shown, line, column, error.message)


NOT_FINITE = re.compile(r"[+-]?(nan|inf|infinity)", re.I)


def _constraint_message(note: str, cell: Any, field: dict) -> str:
    match = re.search(r'constraint "(\w+)"', note or "")
    constraint = match.group(1) if match else ""
    rules = field.get("constraints", {})
    if field.get("type") in ("number", "integer") and NOT_FINITE.fullmatch(str(cell)):
        return f'"{cell}" is not a finite number; write the figure itself'
    if constraint == "required":
        return "the cell is empty, but this column is required"
    if constraint == "enum":
        return f'"{cell}" is not an allowed value; use one of: ' + ", ".join(map(str, rules["enum"]))
    if constraint == "pattern":
        return f'"{cell}" does not have the expected form ({field.get("description", rules["pattern"])})'
    if constraint == "unique":
        return f'"{cell}" appears more than once, but this column must be unique'
    if constraint in ("minLength", "maxLength", "minimum", "maximum"):
        return f'"{cell}" breaks the rule {constraint} = {rules[constraint]}'
    return f'"{cell}" breaks the rule {constraint or note}'


def _check_foreign_keys(descriptor: dict, resources: dict[str, frictionless.Resource],
                        data_dir: Path, root: Path) -> Iterator[Problem]:
    """Every value of a single-column foreign key names a row of the table it points into."""
    shown_paths = {r["name"]: _shown(data_dir / r["path"], root) for r in descriptor.get("resources", [])}
    paths = {r["name"]: data_dir / r["path"] for r in descriptor.get("resources", [])}
    key_values: dict[tuple[str, str], set] = {}
    for resource_descriptor in descriptor.get("resources", []):
        name = resource_descriptor["name"]
        keys = [k for k in resource_descriptor["schema"].get("foreignKeys", []) if _single_column(k)]
        if name not in resources or not keys:
            continue
        path = paths[name]
        lines = _row_start_lines(path)
        rows = _raw_rows(path)
        for key in keys:
            column, target_field = _as_list(key["fields"])[0], _as_list(key["reference"]["fields"])[0]
            target = key["reference"].get("resource") or name
            if target not in resources:
                continue
            if (target, target_field) not in key_values:
                key_values[(target, target_field)] = {row[target_field] for _, row in _raw_rows(paths[target])}
            known = key_values[(target, target_field)]
            for number, row in rows:
                value = row.get(column, "")
                if value and value not in known:
                    yield Problem(shown_paths[name], lines.get(number, number), column,
                                  f'"{value}" is not a {target_field} in {shown_paths[target]}')


def _check_list_cells(descriptor: dict, resources: dict[str, frictionless.Resource],
                      data_dir: Path, root: Path) -> Iterator[Problem]:
    """Check the items of list cells ("a;b") against `itemEnum` and `itemReference` in the schema.

    Frictionless types list cells but cannot apply an enum or a foreign key to their items.
    """
    key_values: dict[tuple[str, str], set] = {}
    shown_paths = {r["name"]: _shown(data_dir / r["path"], root) for r in descriptor.get("resources", [])}
    paths = {r["name"]: data_dir / r["path"] for r in descriptor.get("resources", [])}

    def keys_of(resource_name: str, field_name: str) -> set | None:
        if resource_name not in resources:
            return None
        if (resource_name, field_name) not in key_values:
            key_values[(resource_name, field_name)] = {
                row[field_name] for _, row in _raw_rows(paths[resource_name])
            }
        return key_values[(resource_name, field_name)]

    for resource_descriptor in descriptor.get("resources", []):
        name = resource_descriptor["name"]
        if name not in resources:
            continue
        list_fields = [f for f in resource_descriptor["schema"]["fields"] if f.get("type") == "list"]
        if not list_fields:
            continue
        path = data_dir / resource_descriptor["path"]
        shown = _shown(path, root)
        lines = _row_start_lines(path)
        for number, row in _raw_rows(path):
            line = lines.get(number, number)
            for field in list_fields:
                cell = row[field["name"]]
                items = cell.split(field.get("delimiter", ",")) if cell else []
                yield from _check_items(items, field, keys_of, shown_paths, shown, line)


def _check_items(items: Iterable[str], field: dict, keys_of, shown_paths: dict[str, str],
                 shown: str, line: int) -> Iterator[Problem]:
    column = field["name"]
    allowed = field.get("itemEnum")
    reference = field.get("itemReference")
    seen: set[str] = set()
    for item in items:
        if item != item.strip() or not item:
            yield Problem(shown, line, column,
                          f'"{item}" is not a clean list item; '
                          f'separate items with "{field.get("delimiter", ",")}" and no spaces')
            continue
        if item in seen:
            yield Problem(shown, line, column, f'"{item}" is listed twice')
        seen.add(item)
        if allowed is not None and item not in allowed:
            yield Problem(shown, line, column, f'"{item}" is not an allowed value; use one of: ' + ", ".join(allowed))
        if reference is not None:
            known = keys_of(reference["resource"], reference["field"])
            if known is not None and item not in known:
                target = shown_paths.get(reference["resource"], reference["resource"])
                yield Problem(shown, line, column,
                              f'"{item}" is not a {reference["field"]} in {target}')


def _check_quotes(text: str, shown: str, header: list[str]) -> Iterator[Problem]:
    """Quotes a CSV reader would silently drop or let run on: one problem each, at its line and column.

    A quoted cell ends at the quote that closes it; text after that quote (`"Big Three" Soviet ...`)
    is glued on by a CSV reader with the quotes removed. A quote that is never closed swallows every
    following line into one cell. (A quote inside an unquoted cell is read as written: no problem.)
    """
    text = text.replace("\r\n", "\n")
    line, column = 1, 0
    state = "start"  # of a cell; or "unquoted", "quoted", "closing" (just after a quote in a quoted cell)
    opened_line, opened_column, opened_at = 1, 0, 0
    for index, char in enumerate(text):
        if state == "quoted":
            if char == '"':
                state = "closing"
            elif char == "\n":
                line += 1
            continue
        if state == "closing":
            if char == '"':
                state = "quoted"
                continue
            if char not in ",\n" and ("\n" in text[opened_at:index] or "," in text[opened_at:index]):
                # The quote that "closes" the cell is the opening quote of a later cell: this one was never
                # closed, and the cells between would be read as one.
                yield Problem(shown, opened_line, _column_name(header, opened_column),
                              "a quote opens this cell and is not closed where the cell ends (the next quote is "
                              f"on line {line}), so the cells between would be read as one; close the quote, or "
                              "double it if it is part of the text")
                state = "unquoted"
                continue
            if char not in ",\n":
                quoted = text[opened_at + 1: index - 1]
                rest = re.split(r"[,\n]", text[index:], maxsplit=1)[0]
                yield Problem(shown, opened_line, _column_name(header, opened_column),
                              f'the cell starts with a quoted part ("{_clip(quoted)}") and goes on after the closing '
                              f"quote; a CSV reader would drop those quotes and read: {_clip(quoted + rest)}. "
                              "Put the whole cell in quotes and double each quote inside it: "
                              f'"""{_clip(quoted)}""{_clip(rest)}"')
                state = "unquoted"
                continue
        if char == ",":
            column, state = column + 1, "start"
        elif char == "\n":
            line, column, state = line + 1, 0, "start"
        elif state == "start" and char == '"':
            state, opened_line, opened_column, opened_at = "quoted", line, column, index
        else:
            state = "unquoted"
    if state == "quoted":
        yield Problem(shown, opened_line, _column_name(header, opened_column),
                      f"a quote opens this cell and is never closed, so the rest of the file (lines {opened_line} "
                      f"to {line}) would be read as one cell; close the quote, or double it if it is part of the text")


def _column_name(header: list[str], index: int) -> str:
    return header[index] if index < len(header) else f"position {index + 1}"


def _clip(text: str, limit: int = 40) -> str:
    text = text.replace("\n", " ")
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _check_values(descriptor: dict, resources: dict[str, frictionless.Resource],
                  data_dir: Path, root: Path) -> Iterator[Problem]:
    """Values a schema type lets through but that cannot be true: an infinite or not-a-number figure, a
    cell of spaces only, a calendar date that does not exist, a date more precise than its precision, text a
    spreadsheet would run as a formula, and a link (`format: uri`) that is not a web address."""
    for resource_descriptor in descriptor.get("resources", []):
        name = resource_descriptor["name"]
        if name not in resources:
            continue
        fields = resource_descriptor["schema"]["fields"]
        path = data_dir / resource_descriptor["path"]
        shown, lines = _shown(path, root), _row_start_lines(path)
        numbers = [f["name"] for f in fields if f.get("type") in ("number", "integer")]
        texts = [f["name"] for f in fields if f.get("type", "string") == "string"]
        text_cells = [f["name"] for f in fields if f.get("type", "string") in ("string", "list")]
        addresses = [f["name"] for f in fields if f.get("format") == "uri"]
        partial_dates = [f["name"] for f in fields if f.get("dateParts")]
        precisions = [(f["name"], f["precisionOf"]) for f in fields if f.get("precisionOf")]
        for number, row in _raw_rows(path):
            line = lines.get(number, number)
            for column in numbers:
                value = row[column]
                if value and not math.isfinite(float(value)):
                    yield Problem(shown, line, column, f'"{value}" is not a finite number; write the figure itself')
            for column in texts:
                value = row[column]
                if isinstance(value, str) and value and not value.strip():
                    yield Problem(shown, line, column, "the cell holds only spaces; write the text or leave it empty")
            for column in text_cells:
                value = row[column]
                if starts_like_formula(value):
                    yield Problem(shown, line, column,
                                  f'"{_clip(value)}" begins with "{value[0]}", so a spreadsheet would run the cell as '
                                  "a formula; begin it with a letter, a digit or a quotation mark")
            for column in addresses:
                value = row[column]
                if value and address_problem(value):
                    yield Problem(shown, line, column, _address_message(value))
            for column in partial_dates:
                value = row[column]
                if value and not _real_partial_date(str(value)):
                    yield Problem(shown, line, column,
                                  f'"{value}" is not a date that exists; write YYYY, YYYY-MM or YYYY-MM-DD')
            for column, date_column in precisions:
                precision, written = row[column], row[date_column]
                if not written or precision not in ("month", "year"):
                    continue
                day = date.fromisoformat(written)
                if day.day != 1 or (precision == "year" and day.month != 1):
                    first = "the first day of its month" if precision == "month" else "1 January of its year"
                    yield Problem(shown, line, date_column,
                                  f'"{day.isoformat()}" has the precision "{precision}", so it must be {first} '
                                  f'({day.isoformat()[:7 if precision == "month" else 4]}'
                                  f'{"-01" if precision == "month" else "-01-01"})')


def _address_message(value: Any) -> str:
    return f'"{_clip(str(value))}" is not a web address: {address_problem(str(value)) or "it cannot be read as one"}'


def _check_source_strength(descriptor: dict, resources: dict[str, frictionless.Resource],
                           data_dir: Path, root: Path) -> Iterator[Problem]:
    """A row the book states as fact must rest on at least one source that is neither a campaign's own
    page (a weak kind, `sourceRules.weakKinds`) nor a page read only on a copy (`read_at` filled in).

    Which columns of which tables hold such rows is `sourceRules.independentSource` in the descriptor.
    """
    rules = descriptor.get("sourceRules") or {}
    paths = {r["name"]: data_dir / r["path"] for r in descriptor.get("resources", [])}
    if "sources" not in resources or not rules:
        return
    weak_kinds = set(rules.get("weakKinds", []))
    rows = [row for _, row in _raw_rows(paths["sources"])]
    known = {row["source_id"] for row in rows}
    strong = {row["source_id"] for row in rows if row.get("kind") not in weak_kinds and not row.get("read_at")}
    for name, columns in rules.get("independentSource", {}).items():
        if name not in resources:
            continue
        shown, lines = _shown(paths[name], root), _row_start_lines(paths[name])
        for number, row in _raw_rows(paths[name]):
            for column in columns:
                cited = [item for item in row[column].split(";") if item]
                # An id that names no source is reported by the reference check; this one looks at real ones.
                if cited and set(cited) <= known and not any(item in strong for item in cited):
                    yield Problem(shown, lines.get(number, number), column,
                                  f"{', '.join(cited)}: every source of this row is a campaign's own page or a page "
                                  "read only on a copy; cite the original, or a government, archive, scholarly, "
                                  "reference or news source")


def _raw_rows(path: Path) -> list[tuple[int, dict[str, str]]]:
    """Each data row of a CSV already found well formed, as text, with its row number (the header is 1)."""
    with path.open(encoding="utf-8", newline="") as handle:
        return [(number, row) for number, row in enumerate(csv.DictReader(handle), start=2)]


def _real_partial_date(text: str) -> bool:
    parts = text.split("-")
    try:
        year = int(parts[0])
        month = int(parts[1]) if len(parts) > 1 else 1
        day = int(parts[2]) if len(parts) > 2 else 1
        date(year, month, day)
    except ValueError:
        return False
    return True
