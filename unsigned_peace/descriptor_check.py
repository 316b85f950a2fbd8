"""Check the data package's descriptor before any cell is checked against it.

A descriptor that names what does not exist (a resource, a column, a codebook), or that holds a
property no check reads (a typo: `itemRefrence`, `foreignkeys`), would switch a check off without a
word. Every name the descriptor uses must resolve, and every property must be one the book reads;
each problem is one line naming `datapackage.json`, the resource and the field.

The descriptor may also only ask for what the book's loader reads the same way as the check: UTF-8
CSV files with commas, ISO dates, numbers with a point, and an empty cell as the only missing value.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterator
from pathlib import PurePosixPath
from typing import Any

from unsigned_peace import cells
from unsigned_peace.problems import Problem

# The types the loader turns into values of their own (anything else it would hand on as text).
FIELD_TYPES = ("boolean", "date", "integer", "list", "number", "string")
STRING_FORMATS = ("default", "uri", "email")
CONSTRAINTS = ("required", "unique", "enum", "pattern", "minimum", "maximum", "minLength", "maxLength")
# The properties each part of the descriptor may have: those of the Data Package and Table Schema
# standards the book reads the same way as Frictionless, and the book's own (codebooks, sourceRules,
# itemEnum, itemReference, precisionOf, dateParts).
PACKAGE_KEYS = ("profile", "name", "id", "title", "description", "version", "licenses", "sources",
                "contributors", "keywords", "homepage", "image", "created", "resources", "codebooks", "sourceRules")
RESOURCE_KEYS = ("name", "path", "title", "description", "profile", "format", "mediatype", "encoding", "schema",
                 "licenses", "sources", "translates")
# A translation table (unsigned_peace.translations) lives in the data folder's translations folder, in the
# folder of its language: translations/<language>/<table>.csv.
TRANSLATIONS_FOLDER = "translations"
SCHEMA_KEYS = ("fields", "primaryKey", "foreignKeys", "missingValues", "title", "description")
FIELD_KEYS = ("name", "type", "format", "title", "description", "example", "constraints", "codebook", "trueValues",
              "falseValues", "delimiter", "itemType", "itemEnum", "itemReference", "precisionOf", "dateParts")
SOURCE_RULE_KEYS = ("weakKinds", "independentSource")
# What the book's CSV files are, and so all a resource may say about its file.
FILE_PROPERTIES = {"format": "csv", "mediatype": "text/csv", "encoding": "utf-8", "profile": "tabular-data-resource"}
PACKAGE_PROFILES = ("data-package", "tabular-data-package")
# The source check reads these columns of the sources table.
SOURCES_RESOURCE = "sources"
SOURCES_COLUMNS = ("source_id", "kind", "read_at")


def descriptor_problems(descriptor: Any, shown: str) -> Iterator[Problem]:
    """Every problem of the descriptor itself, one line each; none means every name it uses resolves."""
    if not isinstance(descriptor, dict) or not isinstance(descriptor.get("resources"), list):
        yield Problem(shown, None, None, 'the descriptor needs a "resources" list')
        return
    say = _Reporter(shown)
    yield from say.unknown_keys(descriptor, PACKAGE_KEYS, "the descriptor")
    if descriptor.get("profile", PACKAGE_PROFILES[0]) not in PACKAGE_PROFILES:
        # Any other profile is a schema Frictionless would fetch from wherever it points.
        yield say(f'"profile" is "{descriptor["profile"]}"; write "{PACKAGE_PROFILES[1]}" or leave it out')
    codebooks = descriptor.get("codebooks", {})
    if not isinstance(codebooks, dict):
        yield say('"codebooks" must map each codebook\'s name to its values')
        codebooks = {}
    yield from _codebook_entries(codebooks, say)
    resources = _named_resources(descriptor["resources"])
    yield from _resource_list_problems(descriptor["resources"], say)
    for index, resource in enumerate(descriptor["resources"]):
        if isinstance(resource, dict):
            yield from _resource_problems(resource, index, resources, codebooks, say)
        else:
            yield say(f"resource {index + 1} is not an object; write it as {{\"name\": ..., \"path\": ..., "
                      "\"schema\": ...}")
    yield from _source_rule_problems(descriptor.get("sourceRules"), resources, say)


class _Reporter:
    """Makes the descriptor's problems, all located at the descriptor's file."""

    def __init__(self, shown: str):
        self.shown = shown

    def __call__(self, message: str) -> Problem:
        return Problem(self.shown, None, None, message)

    def unknown_keys(self, part: dict, known: tuple[str, ...], where: str) -> Iterator[Problem]:
        for key in part:
            if key not in known:
                yield self(f'{where} has the property "{key}", which the book does not read (a misspelling?); '
                           f"the properties it reads: {', '.join(known)}")


def _fields(resource: dict) -> list[dict]:
    schema = resource.get("schema")
    fields = schema.get("fields") if isinstance(schema, dict) else None
    return [f for f in fields if isinstance(f, dict)] if isinstance(fields, list) else []


def _field_names(resource: dict) -> list[str]:
    return [f["name"] for f in _fields(resource) if isinstance(f.get("name"), str)]


def _named_resources(resources: list) -> dict[str, dict]:
    return {r["name"]: r for r in resources if isinstance(r, dict) and isinstance(r.get("name"), str)}


def _resource_list_problems(resources: list, say: _Reporter) -> Iterator[Problem]:
    seen_names: set[str] = set()
    seen_paths: set[str] = set()
    for resource in resources:
        if not isinstance(resource, dict):
            continue
        name, path = resource.get("name"), resource.get("path")
        if isinstance(name, str) and name in seen_names:
            yield say(f'two resources are named "{name}"; give each its own name')
        if isinstance(path, str) and path in seen_paths:
            yield say(f'two resources have the path "{path}"; give each table its own file')
        seen_names.add(name if isinstance(name, str) else None)
        seen_paths.add(path if isinstance(path, str) else None)


def _resource_problems(resource: dict, index: int, resources: dict[str, dict], codebooks: dict,
                       say: _Reporter) -> Iterator[Problem]:
    where = f'resource "{resource["name"]}"' if isinstance(resource.get("name"), str) else f"resource {index + 1}"
    yield from say.unknown_keys(resource, RESOURCE_KEYS, where)
    for key in ("name", "path"):
        if not isinstance(resource.get(key), str) or not resource.get(key):
            yield say(f'{where} has no "{key}"; give it one')
    if isinstance(resource.get("path"), str) and resource["path"]:
        yield from _path_problems(resource["path"], where, say, translation="translates" in resource)
    for key, expected in FILE_PROPERTIES.items():
        if key in resource and str(resource[key]).lower() != expected:
            yield say(f'{where}: "{key}" is "{resource[key]}", but the book reads only "{expected}"; '
                      f'write "{expected}" or leave "{key}" out')
    schema = resource.get("schema")
    fields = schema.get("fields") if isinstance(schema, dict) else None
    if not isinstance(fields, list) or not fields:
        yield say(f'{where} has no "schema" with a list of "fields"')
        return
    yield from say.unknown_keys(schema, SCHEMA_KEYS, f'{where}: its "schema"')
    if "missingValues" in schema and schema["missingValues"] != [""]:
        yield say(f'{where}: "missingValues" must be [""] (an empty cell is the only missing value the book '
                  "reads); leave it out")
    names = [f.get("name") for f in fields if isinstance(f, dict)]
    for name in {n for n in names if isinstance(n, str) and names.count(n) > 1}:
        yield say(f'{where} has two fields named "{name}"; give each column its own name')
    for field in fields:
        yield from _field_problems(field, where, resource, resources, codebooks, say)
    yield from _primary_key_problems(schema.get("primaryKey"), where, resource, say)
    yield from _foreign_key_problems(schema.get("foreignKeys"), where, resource, resources, say)


def _path_problems(path: str, where: str, say: _Reporter, *, translation: bool = False) -> Iterator[Problem]:
    """A table's file must be a CSV inside the data folder: never an address to fetch, or a file elsewhere.
    A translation table's is in the folder of its language, inside the translations folder."""
    parts = PurePosixPath(path)
    if translation:
        if (len(parts.parts) != 3 or parts.parts[0] != TRANSLATIONS_FOLDER or ".." in parts.parts
                or not path.lower().endswith(".csv") or "\\" in path):
            yield say(f'{where}: the path "{path}" is not a translation table\'s; write '
                      f"{TRANSLATIONS_FOLDER}/<language>/<table>.csv")
        return
    if re.match(r"^[a-z][a-z0-9+.-]*:", path, re.I) or parts.is_absolute() or "\\" in path:
        yield say(f'{where}: the path "{path}" is not a file name in the data folder; write the CSV\'s name, '
                  "e.g. events.csv")
    elif ".." in parts.parts or len(parts.parts) != 1:
        yield say(f'{where}: the path "{path}" leads out of the data folder or into a folder of it; keep the '
                  "CSV in the data folder itself and write its name")
    elif not path.lower().endswith(".csv"):
        yield say(f'{where}: the path "{path}" is not a CSV file; the name must end in .csv')


def _field_problems(field: Any, where: str, resource: dict, resources: dict[str, dict], codebooks: dict,
                    say: _Reporter) -> Iterator[Problem]:
    if not isinstance(field, dict) or not isinstance(field.get("name"), str) or not field.get("name"):
        yield say(f"{where} has a field without a name")
        return
    at = f'{where}, field "{field["name"]}"'
    yield from say.unknown_keys(field, FIELD_KEYS, at)
    kind = field.get("type", "string")
    if not isinstance(kind, str):
        yield say(f'{at}: "type" must be one of: {", ".join(FIELD_TYPES)}')
        return
    if kind not in FIELD_TYPES:
        yield say(f'{at}: "{kind}" is not a field type the book reads; use one of: {", ".join(FIELD_TYPES)}')
    yield from _format_problems(field, kind, at, say)
    yield from _constraint_problems(field, kind, at, say)
    yield from _list_problems(field, kind, at, resources, say)
    for key in ("trueValues", "falseValues"):
        if key in field and (kind != "boolean" or not _strings(field[key])):
            yield say(f'{at}: "{key}" belongs to a boolean field and must be a list of texts')
    texts = _strings(field.get("trueValues", [])) and _strings(field.get("falseValues", []))
    both = set(field.get("trueValues", [])) & set(field.get("falseValues", [])) if texts and kind == "boolean" else ()
    if both:
        yield say(f'{at}: {", ".join(sorted(both))} is in both "trueValues" and "falseValues"; keep it in one')
    if "dateParts" in field and (kind != "string" or not isinstance(field["dateParts"], bool)):
        yield say(f'{at}: "dateParts" must be true or false, on a string field (a date written YYYY, YYYY-MM or '
                  "YYYY-MM-DD)")
    if "precisionOf" in field:
        target = field["precisionOf"]
        types = {f["name"]: f.get("type", "string") for f in _fields(resource) if isinstance(f.get("name"), str)}
        other_types = [t for t in FIELD_TYPES if t != "date"]  # a target of an unknown type is reported already
        if not isinstance(target, str) or target not in types or types[target] in other_types:
            yield say(f'{at}: "precisionOf" must name a date field of the same resource, not "{target}"')
    yield from _codebook_problems(field, at, codebooks, say)


def _format_problems(field: dict, kind: str, at: str, say: _Reporter) -> Iterator[Problem]:
    written = field.get("format", "default")
    allowed = STRING_FORMATS if kind == "string" else ("default",)
    if written not in allowed:
        yield say(f'{at}: the format "{written}" is not one the book reads for a {kind} field; use '
                  + " or ".join(f'"{value}"' for value in allowed)
                  + (" (dates are written YYYY-MM-DD)" if kind == "date" else ""))


def _constraint_problems(field: dict, kind: str, at: str, say: _Reporter) -> Iterator[Problem]:
    constraints = field.get("constraints", {})
    if not isinstance(constraints, dict):
        yield say(f'{at}: "constraints" must be an object')
        return
    yield from say.unknown_keys(constraints, CONSTRAINTS, f'{at}: its "constraints"')
    for key in ("required", "unique"):
        if key in constraints and not isinstance(constraints[key], bool):
            yield say(f'{at}: the constraint "{key}" must be true or false')
    for key in ("minLength", "maxLength"):
        if key in constraints and (not isinstance(constraints[key], int) or isinstance(constraints[key], bool)):
            yield say(f'{at}: the constraint "{key}" must be a whole number')
    for key in ("minimum", "maximum"):
        if key in constraints and not _reads_as(constraints[key], kind):
            yield say(f'{at}: the constraint "{key}" must be a {_WRITTEN.get(kind, "number or date")} '
                      f"(a {kind} field's limit), not {json.dumps(constraints[key])}")
    if "pattern" in constraints:
        try:
            re.compile(constraints["pattern"])
        except (re.error, TypeError) as error:
            yield say(f'{at}: the pattern is not a regular expression ({error})')
    enum = constraints.get("enum")
    if "enum" in constraints and (not isinstance(enum, list) or not enum):
        yield say(f'{at}: "enum" must be a list of the allowed values')
    elif "enum" in constraints:
        for value in enum:
            if not _reads_as(value, kind) or (kind in ("string", "list") and not isinstance(value, str)):
                yield say(f'{at}: the allowed value {json.dumps(value)} is not a {kind} value; write it as the '
                          "cells write it, in quotes")


def _list_problems(field: dict, kind: str, at: str, resources: dict[str, dict], say: _Reporter) -> Iterator[Problem]:
    list_keys = [key for key in ("delimiter", "itemType", "itemEnum", "itemReference") if key in field]
    if kind != "list":
        for key in list_keys:
            yield say(f'{at}: "{key}" belongs to a list field, and this field is of type "{kind}"')
        return
    delimiter = field.get("delimiter", ",")
    if not isinstance(delimiter, str) or len(delimiter) != 1 or delimiter in '"\r\n':
        yield say(f'{at}: "delimiter" must be one character (not a quote or a line break)')
    if field.get("itemType", "string") != "string":
        yield say(f'{at}: "itemType" must be "string" (the book reads list items as text)')
    if "itemEnum" in field and (not _strings(field["itemEnum"]) or not field["itemEnum"]):
        yield say(f'{at}: "itemEnum" must be a list of the allowed values')
    if "itemReference" in field:
        yield from _item_reference_problems(field["itemReference"], at, resources, say)


def _item_reference_problems(reference: Any, at: str, resources: dict[str, dict],
                             say: _Reporter) -> Iterator[Problem]:
    if not isinstance(reference, dict) or set(reference) != {"resource", "field"}:
        yield say(f'{at}: "itemReference" must give the "resource" and the "field" its items name, and nothing '
                  "else")
        return
    yield from _target_problems(reference["resource"], [reference["field"]], f'{at}: "itemReference"', resources,
                                say)


def _target_problems(resource_name: Any, field_names: list, where: str, resources: dict[str, dict],
                     say: _Reporter) -> Iterator[Problem]:
    if not isinstance(resource_name, str) or resource_name not in resources:
        tables = [name for name, resource in resources.items() if "translates" not in resource]
        yield say(f'{where} names the resource "{resource_name}", which the descriptor does not declare; the '
                  f"resources are: {', '.join(tables)}")
        return
    columns = _field_names(resources[resource_name])
    for name in field_names:
        if name not in columns:
            yield say(f'{where} names the field "{name}" of the resource "{resource_name}", which has no such '
                      f"field; its fields are: {', '.join(columns)}")


def _codebook_problems(field: dict, at: str, codebooks: dict, say: _Reporter) -> Iterator[Problem]:
    book = field.get("codebook")
    if book is None:
        return
    constraints = field.get("constraints") if isinstance(field.get("constraints"), dict) else {}
    allowed = constraints.get("enum") or field.get("itemEnum")
    if allowed is not None and not _strings(allowed):
        return  # a codebook is compared with the enum once the enum is a list of texts (its problem is reported)
    if not isinstance(book, str) or book not in codebooks:
        yield say(f'{at} names the codebook "{book}", which "codebooks" does not define'
                  + (f"; the codebooks are: {', '.join(codebooks)}" if codebooks else ""))
    elif not isinstance(allowed, list):
        yield say(f'{at} names a codebook but allows any value; give it an "enum"')
    elif isinstance(codebooks[book], dict) and sorted(map(str, allowed)) != sorted(codebooks[book]):
        missing = [value for value in allowed if value not in codebooks[book]]
        extra = [value for value in codebooks[book] if value not in allowed]
        detail = "; ".join(part for part in (
            f"no label for {', '.join(map(str, missing))}" if missing else "",
            f"labels for values the field does not allow: {', '.join(extra)}" if extra else "") if part)
        yield say(f'{at} and the codebook "{book}" list different values ({detail})')


def _codebook_entries(codebooks: dict, say: _Reporter) -> Iterator[Problem]:
    for name, entries in codebooks.items():
        if not isinstance(entries, dict) or not entries:
            yield say(f'the codebook "{name}" must map each value to its "label"')
            continue
        for value, entry in entries.items():
            if not isinstance(entry, dict) or not isinstance(entry.get("label"), str) or not entry["label"].strip():
                yield say(f'the codebook "{name}": the value "{value}" needs a "label", the text readers see')
            elif set(entry) - {"label", "meaning"}:
                extra = ", ".join(sorted(set(entry) - {"label", "meaning"}))
                yield say(f'the codebook "{name}": the value "{value}" has {extra}; an entry holds only "label" '
                          'and "meaning"')
            elif not isinstance(entry.get("meaning", ""), str):
                yield say(f'the codebook "{name}": the "meaning" of "{value}" must be text')


def _primary_key_problems(key: Any, where: str, resource: dict, say: _Reporter) -> Iterator[Problem]:
    if key is None:
        return
    names = [key] if isinstance(key, str) else key
    if not _strings(names) or not names:
        yield say(f'{where}: "primaryKey" must name a field, or list fields')
        return
    columns = _field_names(resource)
    for name in names:
        if name not in columns:
            yield say(f'{where}: "primaryKey" names the field "{name}", which the resource does not have; its '
                      f"fields are: {', '.join(columns)}")


def _foreign_key_problems(keys: Any, where: str, resource: dict, resources: dict[str, dict],
                          say: _Reporter) -> Iterator[Problem]:
    if keys is None:
        return
    if not isinstance(keys, list):
        yield say(f'{where}: "foreignKeys" must be a list')
        return
    columns = _field_names(resource)
    for number, key in enumerate(keys, start=1):
        at = f'{where}, foreign key {number}'
        reference = key.get("reference") if isinstance(key, dict) else None
        if (not isinstance(reference, dict) or set(key) != {"fields", "reference"}
                or not set(reference) <= {"resource", "fields"} or "fields" not in reference):
            yield say(f'{at} must be {{"fields": ..., "reference": {{"resource": ..., "fields": ...}}}}')
            continue
        local, remote = _names(key["fields"]), _names(reference["fields"])
        if local is None or remote is None:
            yield say(f'{at}: "fields" must name a field, or list fields')
            continue
        for name in local:
            if name not in columns:
                yield say(f'{at} names the field "{name}", which the resource does not have; its fields are: '
                          f"{', '.join(columns)}")
        # No resource, or "" (as Table Schema has it), is the resource itself; any other value must name one.
        target = reference.get("resource", "")
        if target == "":
            target = resource.get("name")
        yield from _target_problems(target, remote, f"{at}: its reference", resources, say)
        if len(local) != len(remote):
            yield say(f"{at} pairs {len(local)} fields with {len(remote)}; name as many on each side")


def _source_rule_problems(rules: Any, resources: dict[str, dict], say: _Reporter) -> Iterator[Problem]:
    if rules is None:
        return
    if not isinstance(rules, dict):
        yield say('"sourceRules" must be an object with "weakKinds" and "independentSource"')
        return
    yield from say.unknown_keys(rules, SOURCE_RULE_KEYS, '"sourceRules"')
    if SOURCES_RESOURCE not in resources:
        yield say(f'"sourceRules" needs the resource "{SOURCES_RESOURCE}", which the descriptor does not declare')
        return
    sources = resources[SOURCES_RESOURCE]
    for column in SOURCES_COLUMNS:
        if column not in _field_names(sources):
            yield say(f'"sourceRules" needs the field "{column}" in the resource "{SOURCES_RESOURCE}"')
    kind_field = next((f for f in _fields(sources) if f.get("name") == "kind"), {})
    constraints = kind_field.get("constraints")
    kinds = constraints.get("enum") if isinstance(constraints, dict) else None
    weak = rules.get("weakKinds", [])
    if not _strings(weak):
        yield say('"sourceRules": "weakKinds" must be a list of source kinds')
    elif isinstance(kinds, list):
        for kind in weak:
            if kind not in kinds:
                yield say(f'"sourceRules": "weakKinds" names the kind "{kind}", which the field "kind" of '
                          f'"{SOURCES_RESOURCE}" does not allow; the kinds are: {", ".join(map(str, kinds))}')
    independent = rules.get("independentSource", {})
    if not isinstance(independent, dict):
        yield say('"sourceRules": "independentSource" must map each resource to the columns that cite sources')
        return
    for name, columns in independent.items():
        if not _strings(columns):
            yield say(f'"sourceRules": "independentSource" must list the columns of "{name}" that cite sources')
            continue
        yield from _target_problems(name, columns, '"sourceRules": "independentSource"', resources, say)


_WRITTEN = {"integer": "whole number", "number": "number", "date": 'date written "YYYY-MM-DD"'}


def _reads_as(value: Any, kind: str) -> bool:
    """Whether a value in the descriptor (a limit, an allowed value) is one a cell of this type can hold."""
    if isinstance(value, bool) or value is None:
        return kind == "boolean" and isinstance(value, bool)
    if kind in ("integer", "number"):
        reader = cells.integer if kind == "integer" else cells.number
        return (isinstance(value, (int, float)) and math.isfinite(value) and (kind == "number" or value == int(value))
                ) or (isinstance(value, str) and reader(value) is not None)
    if kind == "date":
        return isinstance(value, str) and cells.calendar_date(value) is not None
    return isinstance(value, (str, int, float)) and kind in ("string", "list", "boolean")


def _names(value: Any) -> list[str] | None:
    names = [value] if isinstance(value, str) else value
    return names if _strings(names) and names else None


def _strings(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(item, str) for item in value)
