"""The editions' data side: the three languages, the data's translation tables and their check, the loader
giving an edition its text, the domain's catalogs, and numbers and dates as each language writes them.

Expectations for numbers and dates are Babel's own (CLDR), never copied output."""

import csv
import io
import json
import re
from datetime import date

import pytest
from babel.dates import format_date as babel_date
from babel.dates import format_skeleton
from babel.messages.catalog import Catalog
from babel.messages.pofile import write_po
from babel.numbers import format_decimal, format_percent
from conftest import DATA, edit_descriptor, field, resource

from unsigned_peace import language, load_data, messages, translations
from unsigned_peace.dates import format_date, is_written_date
from unsigned_peace.escape import clipped, for_markdown
from unsigned_peace.language import LANGUAGE_ENV, LanguageError, current_language
from unsigned_peace.machinery.content.charts import table_html
from unsigned_peace.numbers import number, percent, whole
from unsigned_peace.problems import DataValidationError
from unsigned_peace.schema import field_codebook
from unsigned_peace.validation import find_problems

OTHER = ("ja", "ru")


def rows_of(path):
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))


def write_dicts(path, rows):
    output = io.StringIO()
    writer = csv.DictWriter(output, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(output.getvalue(), encoding="utf-8")


def translate(folder, subject, language_code, key, column, text, en=None):
    """Write `text` as the translation of one cell (the row must be in the table); `en` overrides its English."""
    path = folder / translations.table_path(subject, language_code)
    rows = rows_of(path)
    keys = [k for k in rows[0] if k not in ("column", "en", "text")]
    found = [row for row in rows if tuple(row[k] for k in keys) == tuple(key) and row["column"] == column]
    assert found, (subject, key, column)
    found[0]["text"] = text
    if en is not None:
        found[0]["en"] = en
    write_dicts(path, rows)
    return rows.index(found[0]) + 2  # its line


def lines_about(folder, file_part):
    return [str(problem) for problem in find_problems(folder) if file_part in problem.file]


# The languages ------------------------------------------------------------------------------------


def test_the_language_comes_from_the_environment_and_english_is_the_default(monkeypatch):
    monkeypatch.delenv(LANGUAGE_ENV, raising=False)
    assert current_language() == "en"
    monkeypatch.setenv(LANGUAGE_ENV, "")
    assert current_language() == "en"
    for code in OTHER:
        monkeypatch.setenv(LANGUAGE_ENV, code)
        assert current_language() == code
    assert language.LANGUAGES == ("en", "ja", "ru") and language.SOURCE_LANGUAGE == "en"


def test_a_language_outside_the_three_is_a_clear_error(monkeypatch, data_copy):
    monkeypatch.setenv(LANGUAGE_ENV, "fr")
    with pytest.raises(LanguageError, match=r"UNSIGNED_PEACE_LANGUAGE is 'fr', which is not a language of the book; "
                                            r"use one of: en, ja, ru"):
        current_language()
    with pytest.raises(LanguageError, match="'fr'"):
        load_data("events", folder=data_copy)


def test_published_editions_are_translations_of_the_book():
    assert set(language.PUBLISHED_EDITIONS) <= set(OTHER)
    assert language.is_published("en")


# Numbers and dates --------------------------------------------------------------------------------


@pytest.mark.parametrize("code", OTHER)
def test_numbers_are_written_as_the_language_writes_them(code):
    assert whole(8531, language=code) == format_decimal(8531, locale=code)
    assert number(3168.5, ",.1f", language=code) == format_decimal(3168.5, locale=code)
    assert number(1234567.25, ",.2f", language=code) == format_decimal(1234567.25, locale=code)
    assert number(-3.7, ".1f", language=code) == format_decimal(-3.7, locale=code)
    assert percent(0.25, 0, language=code) == format_percent(0.25, locale=code)
    assert percent(0.5, 0, language=code) == format_percent(0.5, locale=code)


def test_english_numbers_are_pythons_own():
    for value, spec in [(8531, ","), (3168.456, ",.0f"), (0.5, ".1f"), (1490.0, ",.6g"), (50, "g")]:
        assert number(value, spec, language="en") == format(value, spec)
    assert percent(0.0716, language="en") == f"{0.0716:.1%}"
    assert whole(8531.4, language="en") == "8,531"


@pytest.mark.parametrize("code", OTHER)
def test_dates_are_written_as_the_language_writes_them(code):
    day = date(1855, 2, 7)
    assert format_date(day, "day", language=code) == babel_date(day, "long", locale=code)
    assert format_date(day, "month", language=code) == format_skeleton("yMMMM", day, locale=code)
    assert format_date(day, "year", language=code) == format_skeleton("y", day, locale=code)


def test_english_dates_are_unchanged(monkeypatch):
    monkeypatch.delenv(LANGUAGE_ENV, raising=False)
    day = date(1855, 2, 7)
    assert [format_date(day, p) for p in ("day", "month", "year")] == ["7 February 1855", "February 1855", "1855"]


@pytest.mark.parametrize("code", language.LANGUAGES)
def test_a_date_written_alone_is_known_as_one_and_a_year_of_digits_or_a_sentence_is_not(code):
    # What a page keeps on one line (machinery/content/table_cells.py): a Japanese date would otherwise break
    # between its characters.
    for day in (date(1855, 2, 7), date(2020, 7, 4), date(1945, 12, 31)):
        for precision in ("day", "month"):
            assert is_written_date(format_date(day, precision, language=code), language=code)
    assert not is_written_date("1855", language=code)
    assert not is_written_date(f"{format_date(date(1855, 2, 7), language=code)} and more", language=code)
    assert is_written_date("2020年7月4日", language="ja") and not is_written_date("2020年7月4日署名", language="ja")


def test_a_tables_markdown_keeps_the_no_break_spaces_a_language_writes():
    # Russian ties "г." to its year and groups digits with no-break spaces; a line break in a cell is a space.
    day = format_date(date(1855, 2, 7), language="ru")
    assert for_markdown(f"{day}\n{whole(8600, language='ru')}") == f"{day} {whole(8600, language='ru')}"
    assert "\u202f" in day and is_written_date(day.replace("\u202f", " "), language="ru")


def test_a_chart_data_tables_date_cell_is_kept_whole(monkeypatch):
    monkeypatch.setenv(LANGUAGE_ENV, "ja")
    html = table_html({"columns": ["日付", "出来事"], "rows": [["2020年7月4日", "2020年7月4日に署名"]]})
    assert '<td class="up-date">2020年7月4日</td><td>2020年7月4日に署名</td>' in html



@pytest.mark.parametrize("code", language.LANGUAGES)
def test_a_chart_data_tables_figures_are_in_the_languages_symbols_and_its_words_untouched(code):
    # The rows are written once for every edition (tables.cell_text); each page shows them its own way.
    rows = [["Habomai Islands", "94.84", "-2.1", "1038", "2018", "Reiwa 4 (2022), p. 3.5"]]
    html = table_html({"columns": list("abcdef"), "rows": rows}, code)
    expected = ["Habomai Islands", number(94.84, ".2f", language=code), number(-2.1, ".1f", language=code),
                "1038", "2018", "Reiwa 4 (2022), p. 3.5"]
    assert html.endswith("<tbody><tr>" + "".join(f"<td>{cell}</td>" for cell in expected) + "</tr></tbody></table>")

# The domain's own words ---------------------------------------------------------------------------


@pytest.fixture
def catalogs(tmp_path, monkeypatch):
    """A locale folder of its own, with a Russian catalog of three messages (one with plural forms), for a
    Russian edition still a draft (whether the book publishes it or not)."""
    monkeypatch.setattr(messages, "LOCALE_FOLDER", tmp_path)
    monkeypatch.setattr(language, "PUBLISHED_EDITIONS", ())
    catalog = Catalog(locale="ru", domain=messages.DOMAIN)
    catalog.add("Island", "Остров")
    catalog.add("Sources: {names}", "Источники: {names}")
    catalog.add(("{count} event", "{count} events"), ("{count} событие", "{count} события", "{count} событий"))
    catalog.add("Basis: {basis}", "Основание: {основание}")
    catalog.add("Untranslated", "")
    path = messages.catalog_path("ru")
    path.parent.mkdir(parents=True)
    with path.open("wb") as handle:
        write_po(handle, catalog)
    return path


def test_the_domain_speaks_the_editions_language(catalogs, monkeypatch):
    monkeypatch.setenv(LANGUAGE_ENV, "ru")
    assert messages._("Island") == "Остров"
    assert messages._("Sources: {names}").format(names="TASS") == "Источники: TASS"
    assert [messages.ngettext("{count} event", "{count} events", n).format(count=n) for n in (1, 3, 5, 21)] == [
        "1 событие", "3 события", "5 событий", "21 событие"]
    monkeypatch.delenv(LANGUAGE_ENV)
    assert messages._("Island") == "Island"
    assert messages.ngettext("{count} event", "{count} events", 3) == "{count} events"


def test_a_message_without_translation_is_english_in_a_draft_and_an_error_once_published(catalogs, monkeypatch):
    monkeypatch.setenv(LANGUAGE_ENV, "ru")
    assert messages._("Untranslated") == "Untranslated"
    assert messages._("Not in the catalog") == "Not in the catalog"
    monkeypatch.setattr(language, "PUBLISHED_EDITIONS", ("ru",))
    with pytest.raises(messages.MissingMessage, match="has no Russian translation of 'Untranslated'"):
        messages._("Untranslated")


def test_a_catalogs_problems_are_one_line_each(catalogs, monkeypatch):
    found = [problem.message for problem in messages.catalog_problems("ru")]
    assert found == ['"Basis: {basis}": the translation has the fields {основание} where the English has {basis}; '
                     "use the English's names, each in braces"]
    monkeypatch.setattr(language, "PUBLISHED_EDITIONS", ("ru",))
    found = [problem.message for problem in messages.catalog_problems("ru")]
    assert '"Untranslated" is not translated; translate it and remove the fuzzy flag' in found
    assert any("is used by the code but not in the catalog" in message for message in found)


def test_a_sentence_that_ends_with_an_abbreviation_has_one_full_stop(monkeypatch):
    # Russian writes a date "2 февраля 1946 г.": a message's full stop right after it is left out, not doubled.
    day = format_date(date(1946, 2, 2), language="ru")
    assert messages.Template("период после указа — {decree}.").format(decree=day) == f"период после указа — {day}"
    assert messages.Template("с {year}.").format(year="1946") == "с 1946."
    assert messages.Template("{a}, {b}.").format(a=day, b="и т. д...") == f"{day}, и т. д..."
    monkeypatch.setenv(LANGUAGE_ENV, "ru")
    sources = messages.ngettext("Source: {names}.", "Sources: {names}.", 2)
    assert sources.format(names="ТАСС и др.") == "Источники: ТАСС и др."
    monkeypatch.delenv(LANGUAGE_ENV)
    assert messages._("Source: {names}.").format(names="Office of the U.S.") == "Source: Office of the U.S."


def test_an_updated_catalog_flags_no_message_as_a_percent_format(tmp_path, monkeypatch):
    """The domain formats with braces; a "%" before a letter in the English is no directive, and msgfmt -c
    would reject a translation that moves it."""
    monkeypatch.setattr(messages, "LOCALE_FOLDER", tmp_path)
    [path] = messages.update_catalogs(("ru",))
    catalog = messages.read_catalog(path)
    percent = [message.id for message in messages.template() if message.id and "python-format" in message.flags]
    assert percent, "the code writes no message Babel takes for a %-format: nothing here is tested"
    assert "#, python-format" not in path.read_text(encoding="utf-8")
    assert all(catalog.get(message_id) is not None for message_id in percent)


def test_the_tracked_catalogs_hold_every_message_the_code_writes():
    wanted = {(m.context, m.id[0] if isinstance(m.id, tuple) else m.id) for m in messages.template() if m.id}
    for code in OTHER:
        catalog = messages.read_catalog(messages.catalog_path(code))
        held = {(m.context, m.id[0] if isinstance(m.id, tuple) else m.id) for m in catalog if m.id}
        assert wanted <= held, f"run python -m unsigned_peace.translations: {sorted(wanted - held)[:5]}"
        assert list(messages.catalog_problems(code)) == []


# The data's translations --------------------------------------------------------------------------


def test_the_tables_are_declared_as_the_book_translates_them():
    descriptor = json.loads((DATA / "datapackage.json").read_text(encoding="utf-8"))
    for code in OTHER:
        for subject in translations.subjects(descriptor):
            declared = resource(descriptor, translations.table_name(subject, code))
            assert declared == translations.declaration(subject, code, descriptor)
            assert (DATA / declared["path"]).is_file()


def test_the_loader_gives_an_edition_its_text(data_copy, monkeypatch):
    events = rows_of(data_copy / "events.csv")
    first = events[0]
    translate(data_copy, "events", "ja", (first["event_id"],), "title", "下田条約")
    words = rows_of(data_copy / "event_words.csv")
    russian = next(row for row in words if row["language"] == "ru")
    japanese = next(row for row in words if row["language"] == "ja")
    translate(data_copy, "event_words", "ja", (russian["event_id"],), "words", "この状況において…")
    label = field_codebook("claims", "verdict", data_copy)["accurate"].label
    translate(data_copy, "codebooks", "ja", ("claim-verdict", "accurate"), "label", "正確")
    english_position = next(row for row in rows_of(data_copy / "positions.csv") if row["language"] == "en")
    translate(data_copy, "positions", "ru", (english_position["position_id"],), "statement", "«Перевод»")
    # A placeholder: a row not translated yet.
    translate(data_copy, "events", "ja", (events[1]["event_id"],), "title", "")
    written = {row["event_id"]: row["text"] for row in rows_of(data_copy / translations.table_path("events", "ja"))
               if row["column"] == "title" and row["text"]}

    monkeypatch.setenv(LANGUAGE_ENV, "ja")
    # A published edition refuses to load with a placeholder; a draft shows the English in its place.
    monkeypatch.setattr(language, "PUBLISHED_EDITIONS", ("ja",))
    with pytest.raises(DataValidationError, match="the Japanese translation is missing"):
        load_data("events", folder=data_copy)
    monkeypatch.setattr(language, "PUBLISHED_EDITIONS", ())
    data = load_data("events", "event_words", folder=data_copy)
    by_id = data.events.set_index("event_id")
    assert by_id.at[first["event_id"], "title"] == "下田条約"
    assert by_id.at[first["event_id"], "title@en"] == first["title"]
    assert by_id.at[events[1]["event_id"], "title"] == events[1]["title"]
    # Every other title is the translation the data holds for it.
    assert {event_id: by_id.at[event_id, "title"] for event_id in written} == written
    said = data.event_words.set_index("event_id")
    # The words keep their language; the rendering beside them is the edition's, by this book.
    assert said.at[russian["event_id"], "words"] == russian["words"]
    assert said.at[russian["event_id"], "words_en"] == "この状況において…"
    assert said.at[russian["event_id"], "translated_by"] == "this book"
    assert said.at[russian["event_id"], "translation_source_id"] == ""
    # Words in the edition's own language are shown as they are, with no rendering.
    assert said.at[japanese["event_id"], "words_en"] == ""
    assert field_codebook("claims", "verdict", data_copy)["accurate"].label == "正確"

    monkeypatch.setenv(LANGUAGE_ENV, "ru")
    renderings = load_data("position_translations", folder=data_copy).position_translations.set_index("position_id")
    assert renderings.at[english_position["position_id"], "text_en"] == "«Перевод»"
    assert renderings.at[english_position["position_id"], "translated_by"] == "this book"
    russian_positions = [row["position_id"] for row in rows_of(data_copy / "positions.csv") if row["language"] == "ru"]
    assert not set(russian_positions) & set(renderings.index)

    monkeypatch.delenv(LANGUAGE_ENV)
    english = load_data("events", "event_words", folder=data_copy)
    assert english.events.set_index("event_id").at[first["event_id"], "title"] == first["title"]
    assert not [column for column in english.events.columns if column.endswith("@en")]
    assert english.event_words.set_index("event_id").at[russian["event_id"], "words_en"] == russian["words_en"]
    assert field_codebook("claims", "verdict", data_copy)["accurate"].label == label


def test_each_wrong_translation_is_one_line_naming_file_line_and_column(data_copy, monkeypatch):
    events = rows_of(data_copy / "events.csv")
    table = "data/translations/ja/events.csv"
    stale = translate(data_copy, "events", "ja", (events[0]["event_id"],), "title", "下田条約", en="An old title")
    empty_cell = next(row for row in events if not row["date_note"])
    path = data_copy / translations.table_path("events", "ja")
    rows = rows_of(path)
    rows.append({"event_id": "1999-no-such-event", "column": "title", "en": "Nothing", "text": "何もない"})
    rows.append({"event_id": empty_cell["event_id"], "column": "date_note", "en": "A note", "text": "注"})
    write_dicts(path, rows)
    unknown_line, nothing_line = len(rows), len(rows) + 1
    found = lines_about(data_copy, "translations/")
    assert found == [
        f'{table}, line {stale}, column "en": event_id "{events[0]["event_id"]}", "title": the English changed since '
        f'this was translated; it now reads "{events[0]["title"]}": renew the translation in "text", then copy the '
        'new English into "en" (or run python -m unsigned_peace.translations, which copies it and empties "text")',
        f'{table}, line {unknown_line}, column "event_id": event_id "1999-no-such-event" names no row of '
        "data/events.csv: the row it translated is gone, or its key changed; remove this row, or correct its key",
        f'{table}, line {nothing_line}, column "column": event_id "{empty_cell["event_id"]}": "date_note" has '
        "nothing to translate (the English cell is empty); remove this row",
    ]


def test_a_published_edition_needs_every_cell_translated(data_copy, monkeypatch):
    path = data_copy / translations.table_path("map_steps", "ru")
    rows = rows_of(path)
    for row in rows:
        row["text"] = "перевод"
    rows[0]["text"] = ""
    missing = rows.pop()
    write_dicts(path, rows)
    monkeypatch.setattr(language, "PUBLISHED_EDITIONS", ())
    assert lines_about(data_copy, "translations/ru/map_steps") == []  # a draft: placeholders are fine
    monkeypatch.setattr(language, "PUBLISHED_EDITIONS", ("ru",))
    found = [line for line in lines_about(data_copy, "translations/ru/") if "map_steps" in line]
    assert found == [
        f'data/translations/ru/map_steps.csv, line 2, column "text": step "{rows[0]["step"]}", '
        f'"{rows[0]["column"]}": the Russian translation is missing; write it in "text"',
        f'data/translations/ru/map_steps.csv: no row translates "{missing["column"]}" of step "{missing["step"]}" '
        "(data/map_steps.csv); add it, e.g. with python -m unsigned_peace.translations, which writes every missing "
        "row with its English, then translate it",
    ]


def test_a_table_declared_otherwise_is_one_line(data_copy):
    edit_descriptor(data_copy, lambda d: resource(d, "events.ja")["schema"]["fields"][1]["constraints"]["enum"].pop())
    assert lines_about(data_copy, "datapackage.json") == [
        'data/datapackage.json: the resource "events.ja" is not declared as the translations of events.csv are (its '
        "path, columns or keys differ from the table's); run python -m unsigned_peace.translations to declare it "
        "again"]


def test_writing_the_tables_keeps_a_translation_while_its_english_holds(data_copy):
    events = rows_of(data_copy / "events.csv")
    translate(data_copy, "events", "ru", (events[0]["event_id"],), "title", "Симодский трактат")
    translate(data_copy, "events", "ru", (events[1]["event_id"],), "title", "Петербургский договор")
    events[1]["title"] = "A new English title"
    write_dicts(data_copy / "events.csv", events)
    translations.write_tables(data_copy, ["ru"])
    written = {(row["event_id"], row["column"]): row for row in rows_of(data_copy / "translations/ru/events.csv")}
    assert written[(events[0]["event_id"], "title")]["text"] == "Симодский трактат"
    assert written[(events[1]["event_id"], "title")] == {"event_id": events[1]["event_id"], "column": "title",
                                                         "en": "A new English title", "text": ""}
    before = {path: path.read_bytes() for path in (data_copy / "translations").rglob("*.csv")}
    descriptor = (data_copy / "datapackage.json").read_bytes()
    translations.write_tables(data_copy, ["ru"])
    assert {path: path.read_bytes() for path in before} == before
    assert (data_copy / "datapackage.json").read_bytes() == descriptor


def test_an_editions_outputs_depend_on_its_translations_of_the_tables_read():
    assert translations.edition_inputs(["events", "sources"], "en", DATA) == []
    found = translations.edition_inputs(["events", "sources", "position_translations"], "ru", DATA)
    assert found == [DATA / "translations/ru/events.csv", DATA / "translations/ru/positions.csv",
                     DATA / "translations/ru/codebooks.csv", messages.catalog_path("ru")]


# The package description's own words ------------------------------------------------------------------


def test_each_wrong_translation_of_the_package_description_is_one_line(data_copy, monkeypatch):
    """descriptor.csv is held to its English as the tables' translations are: a path that names nothing, an
    English that changed, and, once the edition is published, a translation missing or a row left out."""
    table = "data/translations/ja/descriptor.csv"
    path = data_copy / translations.table_path("descriptor", "ja")
    rows = rows_of(path)
    stale = next(row for row in rows if row["path"] == "/resources/events/fields/summary"
                 and row["column"] == "description")
    new_english = stale["en"] + " Revised."
    edit_descriptor(data_copy, lambda d: field(d, "events", "summary").update(description=new_english))
    rows.append({"path": "/resources/events/fields/no_such_field", "column": "title", "en": "Nothing", "text": "なし"})
    empty, missing = rows[1], rows.pop(3)
    empty["text"] = ""
    write_dicts(path, rows)
    stale_line, unknown_line = rows.index(stale) + 2, len(rows) + 1
    monkeypatch.setattr(language, "PUBLISHED_EDITIONS", ())
    expected = [
        f'{table}, line {stale_line}, column "en": path "/resources/events/fields/summary", "description": the English '
        f'changed since this was translated; it now reads "{clipped(new_english, 80)}": renew the translation in '
        '"text", then copy the new English into "en" (or run python -m unsigned_peace.translations, which copies it '
        'and empties "text")',
        f'{table}, line {unknown_line}, column "path": path "/resources/events/fields/no_such_field" names nothing in '
        "data/datapackage.json: the table or field it translated is gone or renamed (or it is a translation table, "
        "whose words are not translated); remove this row, or correct its path",
    ]
    assert lines_about(data_copy, "translations/ja/descriptor") == expected  # a draft: the placeholder is fine
    monkeypatch.setattr(language, "PUBLISHED_EDITIONS", ("ja",))
    assert lines_about(data_copy, "translations/ja/descriptor") == [
        f'{table}, line {rows.index(empty) + 2}, column "text": path "{empty["path"]}", "{empty["column"]}": the '
        'Japanese translation is missing; write it in "text"',
        *expected,
        f'{table}: no row translates "{missing["column"]}" of path "{missing["path"]}" (data/datapackage.json); add '
        "it, e.g. with python -m unsigned_peace.translations, which writes every missing row with its English, then "
        "translate it",
    ]


def test_the_package_description_has_a_row_for_every_title_and_description_but_the_translation_tables():
    descriptor = json.loads((DATA / "datapackage.json").read_text(encoding="utf-8"))
    wanted = {("/", "title"), ("/", "description")}
    wanted |= {(f"/licenses/{licence['name']}", "title") for licence in descriptor["licenses"]}
    for table in (r for r in descriptor["resources"] if "translates" not in r):
        wanted |= {(f"/resources/{table['name']}", column) for column in ("title", "description") if table.get(column)}
        wanted |= {(f"/resources/{table['name']}/fields/{spec['name']}", column)
                   for spec in table["schema"]["fields"] for column in ("title", "description") if spec.get(column)}
    for code in OTHER:
        rows = rows_of(DATA / translations.table_path("descriptor", code))
        assert {(row["path"], row["column"]) for row in rows} == wanted
        # Every one translated, and the ids, names and values the English names kept as they are.
        assert all(row["text"] and (row["text"] != row["en"] or row["en"] == "URL") for row in rows), code
        for row in rows:
            for name in re.findall(r"\b[a-z]+(?:_[a-z0-9]+)+\b|\b[a-z_]+\.csv\b", row["en"]):
                assert name in row["text"], (code, row["path"], name)


def test_an_edition_reads_the_package_description_in_its_language(data_copy):
    descriptor = json.loads((data_copy / "datapackage.json").read_text(encoding="utf-8"))
    before = json.dumps(descriptor)
    assert translations.descriptor_in(descriptor, "en", data_copy) is descriptor
    for code in OTHER:
        shown = translations.descriptor_in(descriptor, code, data_copy)
        places = translations.descriptor_places(shown)
        for row in rows_of(data_copy / translations.table_path("descriptor", code)):
            assert places[row["path"]][row["column"]] == row["text"]
        for row in rows_of(data_copy / translations.table_path("codebooks", code)):
            assert shown["codebooks"][row["codebook"]][row["value"]][row["column"]] == row["text"]
    assert json.dumps(descriptor) == before  # the descriptor itself unchanged
    # A draft edition shows the English where a translation is still to come, or its English has changed.
    first_line = translate(data_copy, "descriptor", "ru", ("/resources/events",), "title", "")
    translate(data_copy, "descriptor", "ru", ("/resources/claims",), "description", "Устарело", en="Old English")
    assert first_line > 1
    shown = translations.descriptor_in(descriptor, "ru", data_copy)
    assert resource(shown, "events")["title"] == resource(descriptor, "events")["title"]
    assert resource(shown, "claims")["description"] == resource(descriptor, "claims")["description"]
