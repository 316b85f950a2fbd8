"""The data's text in the book's other languages: which cells a reader sees, the tables that translate
them, their check, and how the loader gives an edition its text.

**What is translated.** `TEXT_COLUMNS` lists, per table, the text columns a reader of the book sees (in
a table, a chart's labels, legend or hover text, or a sentence the domain makes from them);
`QUOTATIONS` the columns that hold someone's words as they were said. Both were read off the code that
shows them (noted beside each). Other text columns are not translated: ids and codes; names that have
a column per language (`name_en`, `name_ja`, `name_ru`: the edition reads its own, `local_names`);
sources' publishers and titles, which a reference gives as the source does; and notes that no page
shows (they are in the downloads only).

A quotation keeps its language in every edition. What is translated is what the English edition shows
beside it, its English rendering (or the words themselves when they are English): the edition shows
its own rendering in that place, credited to this book, and none when the words are in its language.

**Where.** One table per translated table and language, `data/translations/<language>/<table>.csv`,
plus `codebooks.csv` for the descriptor's codebooks (each value's label and meaning) and
`descriptor.csv` for the descriptor's own words (the package's, each data table's and each field's
title and description, and each licence's title: what the data page shows), declared in
`data/datapackage.json` (each with `"translates": {"resource": ..., "language": ...}`, or
`{"codebooks": true, ...}`, `{"descriptor": true, ...}`). Long format, one row per translated cell: the
table's key column(s), then `column` (which column the row translates), `en` (the English text it
translates, exactly as the English edition shows it) and `text` (the translation). The descriptor's
rows are keyed by `path`, which names the place in the descriptor as a JSON pointer names it, by names
rather than positions: `/` the package, `/licenses/<name>`, `/resources/<name>`,
`/resources/<name>/fields/<field>`; `column` is the property (`title`, `description`). The translation
tables' own descriptions are not translated: the data page shows them together, in the book's words.

**Checked** with every other table (`unsigned_peace.validation`), in every edition: the tables'
declarations, their form (columns, keys, types, as for any table) and every translation written: a
row whose key names no row, a translation of a cell that is now empty, an `en` that is no longer the
English (the English changed: the translation must be renewed) are errors. A row whose `text` is empty
is a placeholder for a translation to come, which the command keeps in step with the English. Once an
edition is published (`unsigned_peace.language.PUBLISHED_EDITIONS`) its placeholders are errors too,
and so is a cell without a row: nothing shows in English. Each problem is one line naming the file, the
line, the column and what to do.

**Kept in step** by `python -m unsigned_peace.translations` (`write_tables`): it declares every table in
the descriptor and writes a row for every translatable cell, with its English, keeping a translation
whose English is unchanged and emptying one whose English changed. It also updates the catalogs of
the domain's own words (`unsigned_peace.messages`).
"""

from __future__ import annotations

import argparse
import copy
import csv
import io
import json
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from unsigned_peace import cells
from unsigned_peace.escape import clipped
from unsigned_peace.language import (
    ENGLISH_NAMES,
    SOURCE_LANGUAGE,
    check_language,
    current_language,
    is_published,
    translated_languages,
)
from unsigned_peace.paths import DESCRIPTOR_NAME
from unsigned_peace.problems import Problem
from unsigned_peace.schema import descriptor as read_descriptor

FOLDER = "translations"
COLUMN, ENGLISH, TEXT = "column", "en", "text"
CODEBOOKS = "codebooks"
CODEBOOK_KEYS = ("codebook", "value")
CODEBOOK_COLUMNS = ("label", "meaning")
# The descriptor's own words: each place's title and description, keyed by a JSON-pointer-like path.
DESCRIPTOR = "descriptor"
DESCRIPTOR_KEYS = ("path",)
DESCRIPTOR_COLUMNS = ("title", "description")
PACKAGE_PATH = "/"
# What is translated that is not a table's cells: the descriptor's codebooks and its own words.
DESCRIPTOR_SUBJECTS = (CODEBOOKS, DESCRIPTOR)
COMMAND = "python -m unsigned_peace.translations"
THIS_BOOK = "this book"
# The loader keeps the English of each translated column beside it, under this suffix, for the code that
# reads what the data's own words say (a basis of administration that is an occupation, an area figure
# that includes islets): see `english`.
ENGLISH_SUFFIX = f"@{SOURCE_LANGUAGE}"

# The text columns a reader sees, per table, and where.
TEXT_COLUMNS: dict[str, tuple[str, ...]] = {
    # The chronology's table and every timeline's rows and hover text; the articles' and rallies' tables.
    "events": ("title", "summary", "date_note"),
    # Who said the words quoted in the chronology.
    "event_words": ("speaker",),
    # The area figures chart's hover and data ("What the figure covers").
    "island_measurements": ("note",),
    # The administration chart's hover and data ("Basis"), the occupation dates' table ("What the sources say").
    "administration": ("basis", "note"),
    # The agreements' grid (rows, hover, data), the status table, the options' lists of agreements.
    "agreements": ("short_name",),
    # The claim check's table.
    "claims": ("claim", "reason"),
    # Who said each position.
    "positions": ("speaker",),
    # The meetings chart's hover and data, the visa-free table.
    "contacts": ("note",),
    # The options' grid, tables and shares chart.
    "options": ("name", "summary", "put_forward_by", "note"),
    # The legal readings' table: each text's name, provision, and why it is not quoted.
    "instruments": ("name", "provision", "note"),
    # Who said each legal argument.
    "legal_arguments": ("speaker",),
    # The map's legend, labels and data ("What it shows").
    "map_lines": ("label", "note"),
    # The map's slider and caption, and its data.
    "map_steps": ("label", "change"),
}


@dataclass(frozen=True)
class Quotation:
    """Words quoted as they were said (`column`, in the language `language` gives), and where the English
    edition finds their English rendering: a column of the same table (`rendering`), or, for positions,
    `position_translations.text_en`. `credit` names the columns saying who translated it, if any."""

    column: str
    language: str
    rendering: str | None = None
    credit: tuple[str, str] | None = None


QUOTATIONS: dict[str, Quotation] = {
    # Moscow's words on its acts, in the chronology.
    "event_words": Quotation("words", "language", "words_en", ("translated_by", "translation_source_id")),
    # Each government's position, side by side.
    "positions": Quotation("statement", "language"),
    # The words each legal argument relies on, and the arguments themselves.
    "instruments": Quotation("text", "language", "text_en"),
    "legal_arguments": Quotation("statement", "language", "statement_en", ("translated_by", "translation_source_id")),
    # The operative words of each agreement, in the legal readings' table and the agreements' grid (this book's
    # renderings: `key_text_en` in English, the translation tables' in the other editions).
    "agreements": Quotation("key_text", "key_text_language", "key_text_en"),
}
# Where the English edition finds the English of a position quoted in another language.
POSITION_RENDERINGS = "position_translations"


def translatable_columns(subject: str) -> tuple[str, ...]:
    """The columns of a table (or of the codebooks) that are translated."""
    if subject == CODEBOOKS:
        return CODEBOOK_COLUMNS
    if subject == DESCRIPTOR:
        return DESCRIPTOR_COLUMNS
    quotation = QUOTATIONS.get(subject)
    return TEXT_COLUMNS.get(subject, ()) + ((quotation.column,) if quotation else ())


def subjects(descriptor: dict) -> list[str]:
    """What is translated, in the descriptor's order: each table with a translatable column, then the
    codebooks and the descriptor's own words."""
    names = [r["name"] for r in descriptor.get("resources", []) if isinstance(r, dict) and "translates" not in r]
    return [name for name in names if translatable_columns(name) and name not in DESCRIPTOR_SUBJECTS] + list(
        DESCRIPTOR_SUBJECTS)


def table_name(subject: str, language: str) -> str:
    return f"{subject}.{language}"


def table_path(subject: str, language: str) -> str:
    """The translation table's path in the data folder."""
    return f"{FOLDER}/{language}/{subject}.csv"


def key_fields(subject: str, descriptor: dict) -> list[str]:
    """The columns that name the row a translation belongs to: the table's primary key."""
    if subject == CODEBOOKS:
        return list(CODEBOOK_KEYS)
    if subject == DESCRIPTOR:
        return list(DESCRIPTOR_KEYS)
    key = _resource(descriptor, subject)["schema"].get("primaryKey", [])
    return [key] if isinstance(key, str) else list(key)


def declaration(subject: str, language: str, descriptor: dict) -> dict:
    """The resource the descriptor declares for a translation table."""
    name = ENGLISH_NAMES[language]
    if subject == CODEBOOKS:
        keys = [{"name": "codebook", "type": "string", "title": "Codebook", "constraints": {"required": True}},
                {"name": "value", "type": "string", "title": "Value", "constraints": {"required": True}}]
        title, translates = "the codebooks", {"codebooks": True, "language": language}
    elif subject == DESCRIPTOR:
        keys = [{"name": "path", "type": "string", "title": "Path",
                 "description": "Where the text is in datapackage.json: / the package, /licenses/<name>, "
                                "/resources/<name>, /resources/<name>/fields/<field>",
                 "constraints": {"required": True}}]
        title, translates = "the package description", {"descriptor": True, "language": language}
    else:
        resource = _resource(descriptor, subject)
        fields = {f["name"]: f for f in resource["schema"]["fields"]}
        keys = []
        for key in key_fields(subject, descriptor):
            spec = {"name": key, "type": fields[key].get("type", "string")}
            if "title" in fields[key]:
                spec["title"] = fields[key]["title"]
            spec["constraints"] = {"required": True}
            keys.append(spec)
        title, translates = f"{resource.get('title', subject)}", {"resource": subject, "language": language}
    columns = list(translatable_columns(subject))
    return {
        "name": table_name(subject, language),
        "path": table_path(subject, language),
        "title": f"{title[:1].upper() + title[1:]}: {name} translations",
        "description": (f"The {name} text of each translated cell of {_described(subject)}, one row per cell: "
                        f"the row's key, the column translated, the English text it translates and the "
                        f"translation. When the English changes, the translation must be renewed."),
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "translates": translates,
        "schema": {
            "fields": [
                *keys,
                {"name": COLUMN, "type": "string", "title": "Column",
                 "description": "The column translated", "constraints": {"required": True, "enum": columns}},
                {"name": ENGLISH, "type": "string", "title": "English",
                 "description": "The English text translated, as the English edition shows it",
                 "constraints": {"required": True}},
                {"name": TEXT, "type": "string", "title": f"{name} text",
                 "description": f"The {name} translation"},
            ],
            "primaryKey": [*(spec["name"] for spec in keys), COLUMN],
        },
    }


def _described(subject: str) -> str:
    if subject == CODEBOOKS:
        return "the descriptor's codebooks (each value's label and meaning)"
    if subject == DESCRIPTOR:
        return "the package description (datapackage.json: titles and descriptions)"
    return f"{subject}.csv"


def _resource(descriptor: dict, name: str) -> dict:
    return next(r for r in descriptor["resources"] if r.get("name") == name)


def translates(resource: dict) -> tuple[str, str] | None:
    """(subject, language) of a translation table's resource; None for any other resource."""
    target = resource.get("translates")
    if not isinstance(target, dict):
        return None
    if target.get("codebooks") is True:
        subject = CODEBOOKS
    elif target.get("descriptor") is True:
        subject = DESCRIPTOR
    else:
        subject = target.get("resource")
    return str(subject), str(target.get("language"))


def _pointer_part(name: object) -> str:
    """A name as a JSON pointer writes it (RFC 6901: "~" as "~0", "/" as "~1")."""
    return str(name).replace("~", "~0").replace("/", "~1")


def descriptor_places(descriptor: dict) -> dict[str, dict]:
    """The places of the descriptor whose words are translated, by path, in the descriptor's order: the
    package, its licences, each data table and each of its fields. The translation tables are left out:
    the data page describes them together, in the book's words."""
    places = {PACKAGE_PATH: descriptor}
    for licence in descriptor.get("licenses", []) or []:
        if isinstance(licence, dict) and licence.get("name"):
            places[f"/licenses/{_pointer_part(licence['name'])}"] = licence
    for resource in descriptor.get("resources", []) or []:
        if not isinstance(resource, dict) or "translates" in resource or not resource.get("name"):
            continue
        at = f"/resources/{_pointer_part(resource['name'])}"
        places[at] = resource
        schema = resource.get("schema")
        for spec in (schema.get("fields", []) if isinstance(schema, dict) else []) or []:
            if isinstance(spec, dict) and spec.get("name"):
                places[f"{at}/fields/{_pointer_part(spec['name'])}"] = spec
    return places


# The English each translation translates.


def english_cells(subject: str, language: str, descriptor: dict, data_dir: Path) -> dict[tuple, str]:
    """Every cell of `subject` the edition translates, as (key, column) to its English, in the table's order."""
    if subject == CODEBOOKS:
        found = {}
        for book, entries in descriptor.get("codebooks", {}).items():
            for value, entry in entries.items():
                for column in CODEBOOK_COLUMNS:
                    if entry.get(column):
                        found[((book, value), column)] = entry[column]
        return found
    if subject == DESCRIPTOR:
        return {((path,), column): place[column] for path, place in descriptor_places(descriptor).items()
                for column in DESCRIPTOR_COLUMNS if isinstance(place.get(column), str) and place[column]}
    keys = key_fields(subject, descriptor)
    _, rows = read_table(data_dir, descriptor, subject)
    quotation = QUOTATIONS.get(subject)
    renderings = _position_renderings(data_dir, descriptor) if subject == "positions" else {}
    found = {}
    for row in rows:
        key = tuple(row.get(k, "") for k in keys)
        for column in TEXT_COLUMNS.get(subject, ()):
            if row.get(column):
                found[(key, column)] = row[column]
        if quotation is not None and row.get(quotation.column) and row.get(quotation.language) != language:
            found[(key, quotation.column)] = _english_of_quotation(row, quotation, renderings.get(key[0]))
    return found


def _english_of_quotation(row: dict, quotation: Quotation, rendering: str | None) -> str:
    """What the English edition shows for a quotation: its English rendering, or the words themselves."""
    english = row.get(quotation.rendering, "") if quotation.rendering else (rendering or "")
    return english or row[quotation.column]


def _position_renderings(data_dir: Path, descriptor: dict) -> dict[str, str]:
    _, rows = read_table(data_dir, descriptor, POSITION_RENDERINGS)
    return {row["position_id"]: row.get("text_en", "") for row in rows}


def read_table(data_dir: Path, descriptor: dict, name: str) -> tuple[list[str], list[dict]]:
    """A table of the package as text: its header and its rows as dicts (blank lines left out)."""
    header, rows = cells.read_rows(Path(data_dir) / _resource(descriptor, name)["path"])
    return header, [dict(zip(header, row)) for row in rows if row]


def read_translations(path: Path, keys: list[str]) -> dict[tuple, tuple[str, str]]:
    """A translation table as (key, column) to (en, text); empty when the file does not exist. Read once for
    the same file (a notebook asks for a codebook's labels many times): read it, never change it."""
    try:
        stat = path.stat()
    except FileNotFoundError:
        return {}
    return _read_translations(path, tuple(keys), stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=64)
def _read_translations(path: Path, keys: tuple[str, ...], modified: int, size: int) -> dict[tuple, tuple[str, str]]:
    header, rows = cells.read_rows(path)
    found = {}
    for row in rows:
        if not row:
            continue
        cell = dict(zip(header, row))
        found[(tuple(cell.get(k, "") for k in keys), cell.get(COLUMN, ""))] = (cell.get(ENGLISH, ""),
                                                                            cell.get(TEXT, ""))
    return found


# The check.


def declaration_problems(descriptor: dict, shown: str) -> Iterator[Problem]:
    """Each translation table the descriptor declares otherwise than `declaration`, or for nothing the book
    translates, and each one a published edition needs that it lacks; one line each, at the descriptor."""
    for resource in descriptor.get("resources", []):
        if isinstance(resource, dict) and "translates" in resource and translates(resource) is None:
            yield Problem(shown, None, None, f'the resource "{resource.get("name")}": "translates" must name the table '
                                             'and the language, {"resource": ..., "language": ...}; run '
                                             f"{COMMAND} to declare the translation tables again")
    declared = {translates(r): r for r in descriptor.get("resources", []) if translates(r) is not None}
    wanted = {(subject, language) for subject in subjects(descriptor) for language in translated_languages()}
    for subject, language in sorted(wanted):
        path = table_path(subject, language)
        resource = declared.get((subject, language))
        if resource is None and is_published(language):
            yield Problem(shown, None, None, f'no resource declares the {ENGLISH_NAMES[language]} translations of '
                                             f'{_described(subject)} ({path}); run {COMMAND}, which declares it and '
                                             "writes the file")
        elif resource is not None and resource != declaration(subject, language, descriptor):
            yield Problem(shown, None, None, f'the resource "{resource.get("name")}" is not declared as the '
                                             f"translations of {_described(subject)} are (its path, columns or keys "
                                             f"differ from the table's); run {COMMAND} to declare it again")
    for (subject, language), resource in declared.items():
        if (subject, language) not in wanted:
            yield Problem(shown, None, None, f'the resource "{resource.get("name")}" translates {subject!r} into '
                                             f"{language!r}, which the book does not translate; remove the resource "
                                             "and its file")


def table_problems(subject: str, language: str, descriptor: dict, data_dir: Path, rows: list[tuple[int, dict]],
                   shown: str, lines: dict[int, int]) -> Iterator[Problem]:
    """The problems of one translation table's rows (which are well formed: the table check passed).

    Of every row that holds a translation: a key that names no row, a translation of a cell with nothing to
    translate, an `en` that is no longer the English (the translation must be renewed). A row with an empty
    `text` is a placeholder, not translated yet, which the command refreshes: in a draft edition nothing is
    asked of it. In a published edition every row is held to all of this, an empty `text` is an error, and
    so is a cell without a row."""
    name = ENGLISH_NAMES[language]
    keys = key_fields(subject, descriptor)
    expected = english_cells(subject, language, descriptor, data_dir)
    known_keys = _known_keys(subject, descriptor, data_dir, keys)
    source = (f"data/{DESCRIPTOR_NAME}" if subject == DESCRIPTOR else _described(subject) if subject == CODEBOOKS
              else f"data/{_resource(descriptor, subject)['path']}")
    published = is_published(language)
    seen = set()
    for number, row in rows:
        line = lines.get(number, number)
        key = tuple(row.get(k, "") for k in keys)
        column = row.get(COLUMN, "")
        seen.add((key, column))
        named = _key_text(keys, key)
        if not published and not row.get(TEXT, "").strip():
            continue  # a placeholder, not translated yet: the command refreshes it with the English of the day
        if key not in known_keys:
            if subject == DESCRIPTOR:
                yield Problem(shown, line, ", ".join(keys),
                              f"{named} names nothing in {source}: the table or field it translated is gone or "
                              "renamed (or it is a translation table, whose words are not translated); remove "
                              "this row, or correct its path")
            else:
                yield Problem(shown, line, ", ".join(keys),
                              f"{named} names no row of {source}: the row it translated is gone, or its key "
                              "changed; remove this row, or correct its key")
            continue
        if (key, column) not in expected:
            yield Problem(shown, line, COLUMN, f'{named}: "{column}" has nothing to translate (the English cell is '
                                               f"empty{_in_own_language(subject, language)}); remove this row")
            continue
        english = expected[(key, column)]
        if row.get(ENGLISH, "") != english:
            yield Problem(shown, line, ENGLISH,
                          f'{named}, "{column}": the English changed since this was translated; it now reads '
                          f'"{clipped(english, 80)}": renew the translation in "{TEXT}", then copy the new English '
                          f'into "{ENGLISH}" (or run {COMMAND}, which copies it and empties "{TEXT}")')
            continue
        if published and not row.get(TEXT, "").strip():
            yield Problem(shown, line, TEXT, f'{named}, "{column}": the {name} translation is missing; write it in '
                                             f'"{TEXT}"')
    if published:
        for key, column in expected:
            if (key, column) not in seen:
                yield Problem(shown, None, None,
                              f'no row translates "{column}" of {_key_text(keys, key)} ({source}); add it, e.g. with '
                              f"{COMMAND}, which writes every missing row with its English, then translate it")


def _in_own_language(subject: str, language: str) -> str:
    quotation = QUOTATIONS.get(subject)
    if quotation is None:
        return ""
    return f", or the words quoted are {ENGLISH_NAMES[language]} already, and shown as they are"


def _known_keys(subject: str, descriptor: dict, data_dir: Path, keys: list[str]) -> set[tuple]:
    if subject == CODEBOOKS:
        return {(book, value) for book, entries in descriptor.get("codebooks", {}).items() for value in entries}
    if subject == DESCRIPTOR:
        return {(path,) for path in descriptor_places(descriptor)}
    _, rows = read_table(data_dir, descriptor, subject)
    return {tuple(row.get(k, "") for k in keys) for row in rows}


def _key_text(keys: list[str], key: tuple) -> str:
    return ", ".join(f'{name} "{clipped(value, 80)}"' for name, value in zip(keys, key))


# The loader.


def translate_rows(name: str, header: list[str], rows: list[list[str]], descriptor: dict, data_dir: Path,
                   language: str | None = None) -> tuple[list[str], list[list[str]]]:
    """A table's rows as text, with the edition's translations in its translatable cells.

    A plain text column gets the translation, and keeps its English beside it (`<column>@en`, see
    `english`). A quotation keeps its words; its rendering column (and credit) gets the edition's
    rendering, credited to this book, or none when the words are in the edition's language. A cell the
    edition has not translated yet keeps its English: a published edition has none (the data check
    refuses it before anything is loaded)."""
    language = current_language() if language is None else check_language(language)
    if language == SOURCE_LANGUAGE:
        return header, rows
    if name == POSITION_RENDERINGS:
        return _position_renderings_in(header, rows, descriptor, data_dir, language)
    columns = translatable_columns(name)
    if not columns:
        return header, rows
    keys = key_fields(name, descriptor)
    found = read_translations(Path(data_dir) / table_path(name, language), keys)
    at = {column: index for index, column in enumerate(header)}
    plain = [column for column in TEXT_COLUMNS.get(name, ()) if column in at]
    quotation = QUOTATIONS.get(name)
    new_header = header + [column + ENGLISH_SUFFIX for column in plain]
    translated = []
    for row in rows:
        if not row:
            translated.append(row)
            continue
        cell = dict(zip(header, row))
        key = tuple(cell.get(k, "") for k in keys)
        out = list(row)
        for column in plain:
            out[at[column]] = _translation(found, key, column, cell[column])
        if quotation is not None and quotation.rendering is not None:
            _render_quotation(out, at, cell, key, quotation, found, language)
        translated.append(out + [cell[column] for column in plain])
    return new_header, translated


def _translation(found: dict, key: tuple, column: str, english: str) -> str:
    """The translation of a cell whose English is `english`, else (not translated yet) the English."""
    text = _translated(found, key, column, english)
    return english if text is None else text


def _translated(found: dict, key: tuple, column: str, english: str) -> str | None:
    """The translation of a cell whose English is `english`, or None: no row, an empty text, or a row that
    translates other English."""
    en, text = found.get((key, column), ("", ""))
    return text if english and text and en == english else None


def _render_quotation(out: list[str], at: dict[str, int], cell: dict, key: tuple, quotation: Quotation,
                      found: dict, language: str) -> None:
    if not cell.get(quotation.column):
        return
    if cell.get(quotation.language) == language:
        out[at[quotation.rendering]] = ""
        _credit(out, at, quotation, "")
        return
    text = _translated(found, key, quotation.column, _english_of_quotation(cell, quotation, None))
    if text is not None:
        out[at[quotation.rendering]] = text
        _credit(out, at, quotation, THIS_BOOK)


def _credit(out: list[str], at: dict[str, int], quotation: Quotation, by: str) -> None:
    if quotation.credit is not None:
        translated_by, translation_source = quotation.credit
        out[at[translated_by]] = by
        out[at[translation_source]] = ""


def _position_renderings_in(header: list[str], rows: list[list[str]], descriptor: dict, data_dir: Path,
                            language: str) -> tuple[list[str], list[list[str]]]:
    """position_translations for an edition: a rendering in its language of every position quoted in another
    language, credited to this book (the English rendering where none is written yet)."""
    quotation = QUOTATIONS["positions"]
    keys = key_fields("positions", descriptor)
    found = read_translations(Path(data_dir) / table_path("positions", language), keys)
    english = {entry["position_id"]: entry for entry in (dict(zip(header, row)) for row in rows if row)}
    _, positions = read_table(data_dir, descriptor, "positions")
    result = []
    for position in positions:
        position_id = position["position_id"]
        if position.get(quotation.language) == language:
            continue
        existing = english.get(position_id)
        source_english = _english_of_quotation(position, quotation, existing["text_en"] if existing else None)
        text = _translated(found, (position_id,), quotation.column, source_english)
        if text is not None:
            result.append({"position_id": position_id, "text_en": text, "translated_by": THIS_BOOK,
                           "source_id": position["source_id"], "note": ""})
        elif existing is not None:
            result.append(existing)
    return header, [[row.get(column, "") for column in header] for row in result]


def english(frame, column: str):
    """A column's English, whatever the edition: the loader keeps it beside a translated column.

    For the code that reads what the data's words say (a basis of administration that is an occupation),
    never for what a reader sees."""
    companion = column + ENGLISH_SUFFIX
    return frame[companion] if companion in frame.columns else frame[column]


def local_names(frame, language: str | None = None):
    """Each row's name in the edition's language, from a table with a name column per language (islands,
    map places): `name_en`, `name_ja` or `name_ru`, without what a Russian name adds in brackets."""
    language = current_language() if language is None else check_language(language)
    names = frame[f"name_{language}"].astype(str)
    return names.str.split(" (", n=1, regex=False).str[0] if language != SOURCE_LANGUAGE else names


def local_name(row, language: str | None = None) -> str:
    """One row's name in the edition's language (see `local_names`)."""
    language = current_language() if language is None else check_language(language)
    name = str(row[f"name_{language}"])
    return name.split(" (", 1)[0] if language != SOURCE_LANGUAGE else name


def edition_inputs(tables: Iterable[str], language: str, data_dir: Path) -> list[Path]:
    """The files an edition's outputs made from `tables` also depend on: their translation tables (and the
    codebooks', the positions' for the positions' renderings) and the catalog of the domain's words; none
    in English. For a cache of executed notebooks, which must run again when a translation changes."""
    from unsigned_peace.messages import catalog_path

    language = check_language(language)
    if language == SOURCE_LANGUAGE:
        return []
    subjects_read = set(tables) | ({"positions"} if POSITION_RENDERINGS in set(tables) else set())
    paths = [Path(data_dir) / table_path(subject, language) for subject in sorted(subjects_read)
             if translatable_columns(subject)]
    paths += [Path(data_dir) / table_path(CODEBOOKS, language), catalog_path(language)]
    return [path for path in paths if path.is_file()]


def codebook_translations(language: str, data_dir: Path) -> dict[tuple, tuple[str, str]]:
    """The codebooks' translations into a language: ((codebook, value), label or meaning) to (en, text)."""
    return read_translations(Path(data_dir) / table_path(CODEBOOKS, language), list(CODEBOOK_KEYS))


def descriptor_in(descriptor: dict, language: str, data_dir: Path) -> dict:
    """A copy of the descriptor with its words in the edition's language, for a page that shows them: each
    place's title and description (`descriptor.csv`), and each codebook's labels and meanings
    (`codebooks.csv`). What an edition has not translated yet keeps its English (a published edition has
    nothing of the kind: the data check refuses it). In English, the descriptor itself."""
    language = check_language(language)
    if language == SOURCE_LANGUAGE:
        return descriptor
    translated = copy.deepcopy(descriptor)
    found = read_translations(Path(data_dir) / table_path(DESCRIPTOR, language), list(DESCRIPTOR_KEYS))
    for path, place in descriptor_places(translated).items():
        for column in DESCRIPTOR_COLUMNS:
            if isinstance(place.get(column), str):
                place[column] = _translation(found, (path,), column, place[column])
    books = codebook_translations(language, data_dir)
    for book, entries in translated.get("codebooks", {}).items():
        for value, entry in entries.items():
            for column in CODEBOOK_COLUMNS:
                if isinstance(entry.get(column), str):
                    entry[column] = _translation(books, (book, value), column, entry[column])
    return translated


def descriptor_inputs(language: str, data_dir: Path) -> list[Path]:
    """The files `descriptor_in` reads for an edition besides the descriptor (none in English)."""
    if check_language(language) == SOURCE_LANGUAGE:
        return []
    return [Path(data_dir) / table_path(subject, language) for subject in DESCRIPTOR_SUBJECTS]


# Writing the tables.


def write_tables(data_dir: Path, languages: Iterable[str] | None = None) -> list[Path]:
    """Declare every translation table in the descriptor and write each one: a row per translatable cell,
    in the table's order, with its English; a translation kept when its English is unchanged, emptied
    when it changed. Returns the files written."""
    data_dir = Path(data_dir)
    descriptor_path = data_dir / DESCRIPTOR_NAME
    descriptor = copy.deepcopy(read_descriptor(data_dir))
    languages = [check_language(code) for code in (languages or translated_languages())]
    if SOURCE_LANGUAGE in languages:
        raise ValueError("the English is the data itself: translation tables are for the other languages")
    resources = [r for r in descriptor["resources"] if not (translates(r) and translates(r)[1] in languages)]
    written = []
    for language in languages:
        for subject in subjects(descriptor):
            resources.append(declaration(subject, language, descriptor))
            path = data_dir / table_path(subject, language)
            _write_table(path, subject, language, descriptor, data_dir)
            written.append(path)
    order = {r["name"]: n for n, r in enumerate(descriptor["resources"])}
    plain = [r for r in resources if translates(r) is None]
    translations = sorted((r for r in resources if translates(r) is not None),
                          key=lambda r: (translates(r)[1], order.get(translates(r)[0], len(order))))
    descriptor["resources"] = plain + translations
    text = json.dumps(descriptor, indent=2, ensure_ascii=False) + "\n"
    if descriptor_path.read_text(encoding="utf-8") != text:
        descriptor_path.write_text(text, encoding="utf-8")
    return written


def _write_table(path: Path, subject: str, language: str, descriptor: dict, data_dir: Path) -> None:
    keys = key_fields(subject, descriptor)
    old = read_translations(path, keys)
    output = io.StringIO()
    writer = csv.writer(output, lineterminator="\n")
    writer.writerow([*keys, COLUMN, ENGLISH, TEXT])
    for (key, column), english_text in english_cells(subject, language, descriptor, data_dir).items():
        en, text = old.get((key, column), ("", ""))
        writer.writerow([*key, column, english_text, text if en == english_text else ""])
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.is_file() or path.read_text(encoding="utf-8") != output.getvalue():
        path.write_text(output.getvalue(), encoding="utf-8")


def word_counts(data_dir: Path, language: str) -> dict[str, dict[str, tuple[int, int]]]:
    """Per translation table and column: how many cells and English words there are to translate."""
    descriptor = read_descriptor(Path(data_dir))
    counts: dict[str, dict[str, tuple[int, int]]] = {}
    for subject in subjects(descriptor):
        per_column = counts.setdefault(subject, {})
        for (_key, column), text in english_cells(subject, language, descriptor, Path(data_dir)).items():
            cells_so_far, words = per_column.get(column, (0, 0))
            per_column[column] = (cells_so_far + 1, words + len(text.split()))
    return counts


def main(argv: list[str] | None = None) -> int:
    """`python -m unsigned_peace.translations`: write the translation tables and update the catalogs."""
    from unsigned_peace.messages import update_catalogs
    from unsigned_peace.paths import data_dir

    parser = argparse.ArgumentParser(prog=COMMAND, description=(
        "Declare and write the data's translation tables (data/translations/<language>/), keeping every "
        "translation whose English is unchanged, and update the catalogs of the domain's own words "
        "(unsigned_peace/locale/<language>/LC_MESSAGES/unsigned_peace.po)."))
    parser.add_argument("--language", action="append", choices=translated_languages(),
                        help="only this language (may be given twice); by default every one")
    parser.add_argument("--counts", action="store_true", help="print the cells and words to translate, and stop")
    options = parser.parse_args(argv)
    folder = data_dir()
    languages = tuple(options.language or translated_languages())
    if options.counts:
        for language in languages:
            for subject, columns in word_counts(folder, language).items():
                for column, (count, words) in columns.items():
                    print(f"{language}\t{subject}\t{column}\t{count} cells\t{words} words")
        return 0
    for path in write_tables(folder, languages):
        print(f"wrote {path.relative_to(folder.parent).as_posix()}")
    for path in update_catalogs(languages):
        print(f"updated {path.relative_to(Path(__file__).resolve().parent.parent).as_posix()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
