"""What the data package's descriptor says about its own values: the one place their labels live.

`data/datapackage.json` defines each coded field's allowed values (`constraints.enum`, or `itemEnum`
for list fields) and, for codes a reader sees, a codebook: a package-level `codebooks` entry giving
each value its label (and, where a reader needs it, its meaning), named by the field's `codebook`
property. The validator checks that a codebook and the fields naming it list the same values.

Code that gives values something of its own (a colour, a group) checks with `require_every_value`
that it covers every allowed value, so a value added to the schema cannot be dropped in silence.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from unsigned_peace.language import SOURCE_LANGUAGE, current_language
from unsigned_peace.paths import DESCRIPTOR_NAME, data_dir


@dataclass(frozen=True)
class Entry:
    """One value of a codebook: what a reader is shown, and what it means."""

    value: str
    label: str
    meaning: str = ""


class SchemaError(ValueError):
    """The descriptor, or code reading it, does not cover a value."""


def descriptor(folder: Path | None = None) -> dict:
    """The data package's descriptor, as its file holds it now: the one place it is read.

    Parsed once for the same bytes (a file rewritten within the file system's clock tick is still read
    again), and shared by every caller: read it, never change it. Raises OSError, UnicodeDecodeError or
    json.JSONDecodeError as reading and parsing the file do (the data check reports them).
    """
    path = (Path(folder) if folder is not None else data_dir()) / DESCRIPTOR_NAME
    return _parsed(path.read_bytes())


@lru_cache(maxsize=8)
def _parsed(content: bytes) -> dict:
    return json.loads(content.decode("utf-8"))


def field(resource: str, name: str, folder: Path | None = None) -> dict:
    for entry in descriptor(folder)["resources"]:
        if entry["name"] == resource:
            for spec in entry["schema"]["fields"]:
                if spec["name"] == name:
                    return spec
    raise SchemaError(f"{DESCRIPTOR_NAME} has no field {name!r} in the resource {resource!r}")


def allowed_values(resource: str, name: str, folder: Path | None = None) -> list[str]:
    """The values a field allows: its enum, or its list items' enum."""
    spec = field(resource, name, folder)
    values = spec.get("constraints", {}).get("enum") or spec.get("itemEnum")
    if not values:
        raise SchemaError(f"{DESCRIPTOR_NAME}: {resource}.{name} allows any value; it has no enum")
    return list(values)


def codebook(name: str, folder: Path | None = None) -> dict[str, Entry]:
    """A codebook's entries by value, in the order the descriptor gives them, their labels and meanings in
    the edition's language (from the codebooks' translation table; the English where a draft edition has
    none yet)."""
    books = descriptor(folder).get("codebooks", {})
    if name not in books:
        raise SchemaError(f"{DESCRIPTOR_NAME} has no codebook {name!r}")
    language = current_language()
    translated = {} if language == SOURCE_LANGUAGE else _codebook_translations(
        Path(folder) if folder is not None else data_dir(), language)

    def text(value: str, column: str, english: str) -> str:
        en, translation = translated.get(((name, value), column), ("", ""))
        return translation if english and translation and en == english else english

    return {value: Entry(value, text(value, "label", entry["label"]), text(value, "meaning", entry.get("meaning", "")))
            for value, entry in books[name].items()}


def _codebook_translations(folder: Path, language: str) -> dict:
    from unsigned_peace.translations import codebook_translations

    return codebook_translations(language, folder)


def label(resource: str, name: str, value: str, folder: Path | None = None) -> str:
    """The label a reader is shown for a field's coded value, in the edition's language."""
    return field_codebook(resource, name, folder)[value].label


def field_codebook(resource: str, name: str, folder: Path | None = None) -> dict[str, Entry]:
    """The codebook a field names, checked to cover exactly the field's allowed values."""
    spec = field(resource, name, folder)
    if "codebook" not in spec:
        raise SchemaError(f"{DESCRIPTOR_NAME}: {resource}.{name} names no codebook")
    book = codebook(spec["codebook"], folder)
    require_every_value(book, allowed_values(resource, name, folder), f"the codebook {spec['codebook']!r}",
                        exact=True)
    return book


def require_every_value(mapping: Mapping[str, object], values: Iterable[str], what: str, *,
                        exact: bool = False) -> None:
    """Raise unless `mapping` has a key for every value (and, if `exact`, no other key)."""
    values = list(values)
    missing = [value for value in values if value not in mapping]
    extra = [key for key in mapping if key not in values] if exact else []
    if missing or extra:
        problems = []
        if missing:
            problems.append(f"has nothing for {', '.join(map(repr, missing))}")
        if extra:
            problems.append(f"has {', '.join(map(repr, extra))}, which the schema does not allow")
        raise SchemaError(f"{what} {' and '.join(problems)}: make it match data/{DESCRIPTOR_NAME}")
