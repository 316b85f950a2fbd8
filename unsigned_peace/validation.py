"""Check the book's data package before anything reads it.

Frictionless checks every cell against the Table Schema in `datapackage.json` (types, required cells,
allowed values, patterns, primary and foreign keys). Around it, this module adds what Frictionless
lets pass or reports poorly: the descriptor itself (`descriptor_check`: every name it uses resolves),
each file (a regular file, its bytes, UTF-8, its line ends, its header, at least one row), every
typed cell read by the loader's own reader (`cells`: what validates loads, and the other way round),
and list cells ("a;b") whose items must come from a fixed list or name a row of another table. Every
problem becomes one line that names the file, the line and the column, and says what to fix.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from unsigned_peace import cells, language, translations
from unsigned_peace.addresses import address_noise, address_problem
from unsigned_peace.cache_keys import inputs_digest
from unsigned_peace.descriptor_check import TRANSLATIONS_FOLDER
from unsigned_peace.descriptor_check import descriptor_problems as check_descriptor
from unsigned_peace.escape import clipped, for_terminal, starts_like_formula
from unsigned_peace.language import translated_languages
from unsigned_peace.messages import catalog_path, catalog_problems
from unsigned_peace.paths import DESCRIPTOR_NAME
from unsigned_peace.problems import DataValidationError, Problem
from unsigned_peace.schema import descriptor as read_descriptor

if TYPE_CHECKING:
    import frictionless

UTF8_BOM = b"\xef\xbb\xbf"
HEADER_LINE = 1


VALIDATED_ENV = "UNSIGNED_PEACE_VALIDATED"
# Digests of data this process found valid (and of this validator: see data_digest): the same bytes
# are not checked twice. Invalid data is checked again every time.
_VALID_IN_THIS_PROCESS: set[str] = set()
# Digests of each table Frictionless found clean in this process: of the package's descriptor less its
# resources, the table's resource as given to Frictionless, and its bytes (see find_problems). Frictionless
# checks each table on its own (the book checks the foreign keys itself), so the same three give the same
# findings; a test that damages one table of a copy, or its schema, has Frictionless read that table alone.
_CLEAN_TABLES: set[str] = set()


def _canonical(part: Any) -> str:
    return json.dumps(part, sort_keys=True, ensure_ascii=False)


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


# The check's own code: a change to any of it checks the same data again.
VALIDATOR_MODULES = ("validation.py", "problems.py", "descriptor_check.py", "cells.py", "escape.py", "addresses.py",
                     "frictionless_rules.py", "schema.py", "translations.py", "language.py", "messages.py")


def data_digest(data_dir: Path) -> str:
    """A digest of the data (the descriptor, the tables and the translation tables), of the catalogs of the
    domain's words, which the check reads too, and of the check's own code."""
    validator = [Path(__file__).parent / module for module in VALIDATOR_MODULES]
    if not Path(data_dir).is_dir():  # nothing to have validated: the check says what is missing, every time
        return os.urandom(16).hex()
    try:
        entries = sorted(Path(data_dir).iterdir())
        translations = Path(data_dir) / TRANSLATIONS_FOLDER
        translated = sorted(translations.rglob("*")) if translations.is_dir() else []
        catalogs = [catalog_path(language) for language in translated_languages()]
        files = [*validator, *(path for path in entries if path.is_file()),
                 *(path for path in translated if path.is_file()), *(path for path in catalogs if path.is_file())]
        # A file's path as well as its bytes: the same translation table in another language's folder is
        # another input.
        return inputs_digest(files, *(path.relative_to(data_dir).as_posix() for path in translated),
                             *(f"{path.name} (not a file)" for path in entries
                               if not path.is_file() and path != translations),
                             f"published: {','.join(language.PUBLISHED_EDITIONS)}")
    except OSError:  # unreadable: the check says so, every time
        return os.urandom(16).hex()


def find_problems(data_dir: Path, *, display_root: Path | None = None) -> Iterator[Problem]:
    data_dir = Path(data_dir)
    root = display_root or data_dir.parent
    descriptor_path = data_dir / DESCRIPTOR_NAME
    unreadable = cells.file_problem(descriptor_path)
    if unreadable:
        yield Problem(_shown(descriptor_path, root), None, None, f"the data package descriptor: {unreadable}")
        return
    try:
        descriptor = read_descriptor(data_dir)
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as error:
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

    descriptor_problems = list(check_descriptor(descriptor, _shown(descriptor_path, root)))
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
    given = {r["name"]: _without_keys_into(r, readable_names) for r in readable}
    package_descriptor = {**descriptor, "resources": list(given.values())}
    # Here, not at the top: a build whose data is already validated never loads Frictionless.
    import frictionless

    from unsigned_peace.frictionless_rules import RepeatedKey

    # A table Frictionless found clean in this process, described the same way in a package described the
    # same way, is not given to it again while its bytes are the same (`_CLEAN_TABLES`): most of its time
    # goes to reading the descriptor.
    package_digest = inputs_digest((), _canonical({k: v for k, v in descriptor.items() if k != "resources"}))
    keys = {name: inputs_digest([data_dir / given[name]["path"]], package_digest, _canonical(given[name]))
            for name in given}
    unchecked = [given[name] for name in given if keys[name] not in _CLEAN_TABLES]
    tasks: dict[str, frictionless.ReportTask] = {}
    package = None
    if unchecked:
        try:
            package = frictionless.Package({**package_descriptor, "resources": unchecked}, basepath=str(data_dir))
            report = package.validate(checklist=frictionless.Checklist(checks=[RepeatedKey()]))
        except Exception as error:  # frictionless raises its own errors, and plain ones, on a descriptor it rejects
            yield from _frictionless_refusal(package_descriptor, error, _shown(descriptor_path, root))
            return
        tasks = {task.name: task for task in report.tasks}
        if not report.errors:
            _CLEAN_TABLES.update(keys[name] for name, task in tasks.items() if task.valid)
    checked_resources: set[str] = set()
    shown_paths = {r["name"]: _shown(data_dir / r["path"], root) for r in readable}
    for resource_descriptor in readable:
        name = resource_descriptor["name"]
        task_errors = tasks[name].errors if name in tasks else []
        path = data_dir / resource_descriptor["path"]
        shown = _shown(path, root)
        lines = _row_start_lines(path)
        blank_rows = {error.row_number for error in task_errors if error.type == "blank-row"}
        repeated_keys = {error.row_number for error in task_errors if error.type == "repeated-key"}
        typed = {f["name"] for f in resource_descriptor["schema"]["fields"] if f.get("type") in cells.READERS}
        # The book's own reader decides what a typed cell holds, not Frictionless's wider one (which reads
        # "６４０９" as 6409, which pandas cannot); a cell it refuses is reported once, by it.
        unreadable = _type_problems(path, resource_descriptor["schema"]["fields"], blank_rows)
        cell_problems = [
            _describe(error, shown, package.get_resource(name).schema, lines, shown_paths)
            for error in task_errors
            if not (error.type == "primary-key" and error.row_number in blank_rows | repeated_keys)
            and not (error.type == "type-error" and getattr(error, "field_name", None) in typed)
            and (getattr(error, "row_number", None), getattr(error, "field_name", None)) not in unreadable
        ]
        cell_problems += [Problem(shown, lines.get(row, row), column, message)
                          for (row, column), message in unreadable.items()]
        yield from cell_problems
        if not cell_problems:
            checked_resources.add(name)

    yield from _check_foreign_keys(descriptor, checked_resources, data_dir, root)
    yield from _check_list_cells(descriptor, checked_resources, data_dir, root)
    yield from _check_values(descriptor, checked_resources, data_dir, root)
    yield from _check_source_strength(descriptor, checked_resources, data_dir, root)
    yield from _check_translations(descriptor, checked_resources, data_dir, root)
    for code in translated_languages():
        for problem in catalog_problems(code):
            yield Problem(_shown(problem.path, root), problem.line, None, problem.message)


def _check_translations(descriptor: dict, resources: dict[str, frictionless.Resource],
                        data_dir: Path, root: Path) -> Iterator[Problem]:
    """The translation tables (unsigned_peace.translations): each declared as the book translates its table,
    and each row translating a cell that exists, with the English it has now (and, for a published edition,
    every cell translated). A table is checked once it and the table it translates are well formed."""
    declared = list(translations.declaration_problems(descriptor, _shown(data_dir / DESCRIPTOR_NAME, root)))
    yield from declared
    if declared:
        return
    for resource_descriptor in descriptor.get("resources", []):
        target = translations.translates(resource_descriptor)
        if target is None or resource_descriptor["name"] not in resources:
            continue
        subject, language = target
        needed = {subject} if subject not in translations.DESCRIPTOR_SUBJECTS else set()
        if subject == "positions":
            needed.add(translations.POSITION_RENDERINGS)
        if not needed <= set(resources):
            continue
        path = data_dir / resource_descriptor["path"]
        yield from translations.table_problems(subject, language, descriptor, data_dir, _raw_rows(path),
                                               _shown(path, root), _row_start_lines(path))


def _frictionless_refusal(descriptor: dict, error: Exception, shown: str) -> Iterator[Problem]:
    """What Frictionless found wrong with a descriptor the book's own check let through: each resource it
    rejects, with each reason it gives (not only "descriptor is not valid")."""
    import frictionless

    found = False
    for resource in descriptor["resources"]:
        try:
            report = frictionless.Resource.validate_descriptor(resource)
            reasons = [reason.message for reason in report.errors]
        except Exception as refusal:
            reasons = _reasons(refusal)
        for reason in reasons:
            found = True
            yield Problem(shown, None, None, f'resource "{resource["name"]}": Frictionless cannot read it: {reason}')
    if not found:
        yield Problem(shown, None, None, f"Frictionless cannot read the descriptor: {'; '.join(_reasons(error))}")


def _reasons(error: Exception) -> list[str]:
    reasons = [getattr(reason, "message", str(reason)) for reason in getattr(error, "reasons", None) or []]
    if reasons:
        return reasons
    message = getattr(getattr(error, "error", None), "message", None) or str(error) or type(error).__name__
    return [" ".join(message.split())]


def _type_problems(path: Path, fields: list[dict], blank_rows: set[int]) -> dict[tuple[int, str], str]:
    """Each cell of a typed column that the loader's reader (unsigned_peace.cells) cannot read, by its row
    number and column: what is wrong with it."""
    typed = [f for f in fields if f.get("type") in cells.READERS]
    problems = {}
    for number, row in _raw_rows(path):
        if number in blank_rows:
            continue
        for field in typed:
            value = row.get(field["name"]) or ""
            problem = cells.type_problem(value, field["type"]) if value else None
            if problem:
                problems[(number, field["name"])] = f'"{clipped(value)}" {problem}'
    return problems


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
    unreadable = cells.file_problem(path)
    if unreadable:
        yield Problem(shown, None, None, unreadable)
        return
    raw = path.read_bytes()
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

    line_break = _line_break_problem(text, shown)
    if line_break:
        yield line_break
        return
    rows = list(csv.reader(io.StringIO(text)))
    header = rows[0] if rows else []
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
    if not any(rows[1:]):
        yield Problem(shown, None, None, "the file has a header but no rows; the book's chapters need the table's "
                                         "rows: add them, or remove the resource and what reads it")


def _line_break_problem(text: str, shown: str) -> Problem | None:
    """A carriage return that is not part of a Windows line break (CR LF): old Mac line endings, or one
    inside a line, which some readers take for a line break and others for text."""
    at = text.find("\r")
    while at != -1 and text[at + 1: at + 2] == "\n":
        at = text.find("\r", at + 1)
    if at == -1:
        return None
    if "\n" not in text:
        return Problem(shown, None, None, "the lines end in a carriage return alone (old Mac line endings); save the "
                                          "file with Unix (LF) or Windows (CR LF) line endings")
    return Problem(shown, text.count("\n", 0, at) + 1, None,
                   "the line holds a carriage return (\\r) that does not end it; remove it, or save the file with "
                   "Unix (LF) or Windows (CR LF) line endings")


def _encoding_problem(raw: bytes, error: UnicodeDecodeError, shown: str) -> Problem:
    bad_byte = raw[error.start]
    line = raw.count(b"\n", 0, error.start) + 1
    column = None
    text = raw.decode("utf-8", errors="replace")
    try:
        rows = list(csv.reader(io.StringIO(text)))
        line_of_row = _start_lines_of(text)
    except csv.Error:  # a stray carriage return too: the byte's line alone is named (its column is not known)
        rows, line_of_row = [], {}
    header = rows[0] if rows else []
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


def _describe(error: frictionless.Error, shown: str, schema: frictionless.Schema, lines: dict[int, int],
              shown_paths: dict[str, str]) -> Problem:
    """One line for an error Frictionless reports, from the error's own fields (never its note's English)."""
    from unsigned_peace.frictionless_rules import broken_constraints

    fields = schema.to_descriptor()["fields"]
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
        return Problem(shown, line, column, f'"{clipped(cell)}" {hint}')
    if kind == "constraint-error":
        constraints = broken_constraints(schema.get_field(column), cell)
        return Problem(shown, line, column, _constraint_message(constraints[0] if constraints else "", cell, field))
    if kind in ("primary-key", "repeated-key"):
        key = list(schema.primary_key)
        names = [f["name"] for f in fields]
        row_cells = error.cells
        cells = ", ".join(f'"{row_cells[names.index(k)]}"' for k in key if names.index(k) < len(row_cells))
        if kind == "repeated-key":
            first_line = lines.get(error.first_row_number, error.first_row_number)
            message = f"{cells or 'this key'} is used again; it first appears on line {first_line}; ids must be unique"
        else:
            message = f"the key {cells or '(blank)'} is missing or not unique"
        return Problem(shown, line, ",".join(key) or None, message)
    if kind == "foreign-key":
        table = shown_paths.get(error.reference_name, error.reference_name)
        return Problem(shown, line, ", ".join(error.field_names),
                       f'"{clipped(", ".join(error.field_cells))}" is not a {", ".join(error.reference_field_names)} '
                       f"in {table}")
    if kind == "blank-row":
        return Problem(shown, line, None, "the line is blank; remove it")
    if kind == "extra-cell":
        return Problem(shown, line, None,
                       f'the line has more values than the header has columns (extra value "{clipped(cell)}"); '
                       "quote any cell that contains a comma")
    if kind == "missing-cell":
        return Problem(shown, line, column,
                       f"the line ends before this column; every line needs {len(fields)} values")
    return Problem(shown, line, column, error.message)


NOT_FINITE = re.compile(r"[+-]?(nan|inf|infinity)", re.I)


def _constraint_message(constraint: str, cell: Any, field: dict) -> str:
    rules = field.get("constraints", {})
    if field.get("type") in ("number", "integer") and NOT_FINITE.fullmatch(str(cell)):
        return f'"{clipped(cell)}" is not a finite number; write the figure itself'
    if constraint == "required":
        return "the cell is empty, but this column is required"
    if constraint == "enum":
        return f'"{clipped(cell)}" is not an allowed value; use one of: ' + ", ".join(map(str, rules["enum"]))
    if constraint == "pattern":
        return f'"{clipped(cell)}" does not have the expected form ({field.get("description", rules["pattern"])})'
    if constraint == "unique":
        return f'"{clipped(cell)}" appears more than once, but this column must be unique'
    if constraint in ("minLength", "maxLength", "minimum", "maximum"):
        return f'"{clipped(cell)}" breaks the rule {constraint} = {rules[constraint]}'
    return f'"{clipped(cell)}" breaks the rule {constraint or "of its column"}'


def _check_foreign_keys(descriptor: dict, resources: set[str],
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
                                  f'"{clipped(value)}" is not a {target_field} in {shown_paths[target]}')


def _check_list_cells(descriptor: dict, resources: set[str],
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
                          f'"{clipped(item)}" is not a clean list item; '
                          f'separate items with "{field.get("delimiter", ",")}" and no spaces')
            continue
        if item in seen:
            yield Problem(shown, line, column, f'"{clipped(item)}" is listed twice')
        seen.add(item)
        if allowed is not None and item not in allowed:
            yield Problem(shown, line, column,
                          f'"{clipped(item)}" is not an allowed value; use one of: ' + ", ".join(allowed))
        if reference is not None:
            known = keys_of(reference["resource"], reference["field"])
            if known is not None and item not in known:
                target = shown_paths.get(reference["resource"], reference["resource"])
                yield Problem(shown, line, column,
                              f'"{clipped(item)}" is not a {reference["field"]} in {target}')


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
    for index in _csv_syntax_and_first_of_each_run(text):
        char = text[index]
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


CSV_SYNTAX = re.compile(r'[",\n]')


def _csv_syntax_and_first_of_each_run(text: str) -> Iterator[int]:
    """Where `text` has a quote, a comma or a line break, and the first character of each run of other
    characters: the only places `_check_quotes` can change its state (once a run's first character is
    read, the state is "quoted" or "unquoted", which the rest of the run leaves as it is)."""
    position = 0
    for match in CSV_SYNTAX.finditer(text):
        if match.start() > position:
            yield position
        yield match.start()
        position = match.start() + 1
    if position < len(text):
        yield position


def _column_name(header: list[str], index: int) -> str:
    return header[index] if index < len(header) else f"position {index + 1}"


def _clip(text: str, limit: int = 40) -> str:
    return clipped(text, limit)


def _check_values(descriptor: dict, resources: set[str],
                  data_dir: Path, root: Path) -> Iterator[Problem]:
    """Values a schema type lets through but that cannot be true: a cell of spaces only, a calendar date
    that does not exist, a date more precise than its precision, text a spreadsheet would run as a formula,
    and a link (`format: uri`) that is not a web address, or not the page's own (`address_noise`)."""
    for resource_descriptor in descriptor.get("resources", []):
        name = resource_descriptor["name"]
        if name not in resources:
            continue
        fields = resource_descriptor["schema"]["fields"]
        path = data_dir / resource_descriptor["path"]
        shown, lines = _shown(path, root), _row_start_lines(path)
        texts = [f["name"] for f in fields if f.get("type", "string") == "string"]
        text_cells = [f["name"] for f in fields if f.get("type", "string") in ("string", "list")]
        addresses = [f["name"] for f in fields if f.get("format") == "uri"]
        partial_dates = [f["name"] for f in fields if f.get("dateParts")]
        precisions = [(f["name"], f["precisionOf"]) for f in fields if f.get("precisionOf")]
        for number, row in _raw_rows(path):
            line = lines.get(number, number)
            for column in texts:
                value = row[column]
                if isinstance(value, str) and value and not value.strip():
                    yield Problem(shown, line, column, "the cell holds only spaces; write the text or leave it empty")
            for column in text_cells:
                value = row[column]
                hidden = _hidden_character(value)
                if starts_like_formula(value):
                    yield Problem(shown, line, column,
                                  f'"{_clip(value)}" begins with "{clipped(value[0])}", so a spreadsheet would run '
                                  "the cell as a formula; begin it with a letter, a digit or a quotation mark")
                elif hidden is not None:
                    yield Problem(shown, line, column,
                                  f'"{clipped(value)}" holds the control character {for_terminal(value[hidden])} '
                                  f"(character {hidden + 1}), which a reader does not see but which changes the "
                                  "text; remove it")
            for column in addresses:
                value = row[column]
                if value and address_problem(value):
                    yield Problem(shown, line, column, _address_message(value))
                elif value and (noise := address_noise(value)):
                    yield Problem(shown, line, column, f'"{_clip(value)}" is not the page\'s own address: {noise}')
            for column in partial_dates:
                value = row[column]
                if value and not _real_partial_date(str(value)):
                    yield Problem(shown, line, column,
                                  f'"{clipped(value)}" is not a date that exists; write YYYY, YYYY-MM or YYYY-MM-DD')
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


# Bidirectional embeddings, overrides and isolates: they reorder the text around them ("Trojan source").
BIDI_CONTROLS = {*map(chr, range(0x202A, 0x202F)), *map(chr, range(0x2066, 0x206A))}
# The characters that act instead of showing: Unicode's control characters (category Cc, U+0000 to
# U+001F and U+007F to U+009F, a set Unicode never changes), the line and paragraph separators (Zl and Zp,
# U+2028 and U+2029) and the bidirectional controls. One pattern, since a character-by-character look-up
# of each cell's category was the slowest part of the data check (tests/test_validation.py checks the
# pattern against the categories, over every code point).
HIDDEN = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029" + "".join(sorted(BIDI_CONTROLS)) + "]")


def _hidden_character(text: str) -> int | None:
    """Where a text cell holds a character that acts instead of showing (`HIDDEN`; a line break within the
    text is allowed, CR LF as well as LF)."""
    for match in HIDDEN.finditer(text):
        index = match.start()
        if text[index] == "\n" or (text[index] == "\r" and text[index + 1: index + 2] == "\n"):
            continue
        return index
    return None


def _address_message(value: Any) -> str:
    return f'"{_clip(str(value))}" is not a web address: {address_problem(str(value)) or "it cannot be read as one"}'


def _check_source_strength(descriptor: dict, resources: set[str],
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
    """Each data row of a CSV whose bytes and header are well formed, as text, with its row number (the
    header is 1; a blank line is skipped, and counted)."""
    header, rows = cells.read_rows(path)
    return [(number, dict(zip(header, row))) for number, row in enumerate(rows, start=2) if row]


def _real_partial_date(text: str) -> bool:
    """YYYY, YYYY-MM or YYYY-MM-DD, in the digits 0 to 9, naming a month or day that exists."""
    if not re.fullmatch(r"[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?", text, re.ASCII):
        return False
    parts = [int(part) for part in text.split("-")] + [1, 1]
    try:
        date(*parts[:3])
    except ValueError:
        return False
    return True
