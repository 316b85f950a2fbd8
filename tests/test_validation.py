"""Bad input stops the loader with one line naming the file, the line and the column."""

import re

import pytest
from conftest import read_rows, set_cell, write_rows

from unsigned_peace import DataValidationError, load_data


def problems_of(folder):
    with pytest.raises(DataValidationError) as raised:
        load_data(folder=folder)
    return raised.value.problems, str(raised.value)


def only_problem(folder):
    problems, text = problems_of(folder)
    assert len(problems) == 1, text
    assert "\n" not in text
    return problems[0], text


def test_the_books_own_data_is_valid():
    data = load_data()
    assert len(data.events) > 0 and len(data.sources) > 0


def test_every_line_becomes_a_row_and_types_follow_the_schema(data_copy):
    data = load_data(folder=data_copy)
    for name in ("events", "sources"):
        lines = read_rows(data_copy / f"{name}.csv")
        assert len(data.tables[name]) == len(lines) - 1
    assert str(data.events["date"].dtype).startswith("datetime64")
    assert all(isinstance(ids, list) and ids for ids in data.events["source_ids"])
    assert data.events["in_article"].dtype == "boolean"


def test_malformed_date(data_copy):
    set_cell(data_copy / "events.csv", 2, "date", "2018-13-45")
    problem, text = only_problem(data_copy)
    assert (problem.file, problem.line, problem.column) == ("data/events.csv", 3, "date")
    assert text.startswith('data/events.csv, line 3, column "date": "2018-13-45" is not a valid date')


def test_unknown_category(data_copy):
    set_cell(data_copy / "events.csv", 1, "category", "treety")
    problem, text = only_problem(data_copy)
    assert (problem.line, problem.column) == (2, "category")
    assert '"treety" is not an allowed value' in text and "treaty" in text


def test_duplicate_id(data_copy):
    path = data_copy / "events.csv"
    first_id = read_rows(path)[1][0]
    set_cell(path, 2, "event_id", first_id)
    problem, text = only_problem(data_copy)
    assert problem.line == 3 and problem.column == "event_id"
    assert f'"{first_id}" is used again' in text and "line 2" in text


def test_event_citing_a_missing_source(data_copy):
    set_cell(data_copy / "events.csv", 1, "source_ids", "no-such-source")
    problem, text = only_problem(data_copy)
    assert (problem.line, problem.column) == (2, "source_ids")
    assert '"no-such-source" is not a source_id in data/sources.csv' in text


def test_unknown_island_in_a_list(data_copy):
    set_cell(data_copy / "events.csv", 1, "islands", "iturup;atlantis")
    problem, text = only_problem(data_copy)
    assert (problem.line, problem.column) == (2, "islands")
    assert '"atlantis" is not an allowed value' in text


def test_empty_file(data_copy):
    (data_copy / "events.csv").write_bytes(b"")
    problem, text = only_problem(data_copy)
    assert (problem.file, problem.line) == ("data/events.csv", 1)
    assert "the file is empty" in text and "event_id,date" in text


def test_missing_required_column(data_copy):
    path = data_copy / "events.csv"
    rows = read_rows(path)
    column = rows[0].index("summary")
    write_rows(path, [row[:column] + row[column + 1:] for row in rows])
    problem, text = only_problem(data_copy)
    assert (problem.line, problem.column) == (1, "summary")
    assert "the header lacks this column" in text


def test_blank_required_field(data_copy):
    set_cell(data_copy / "events.csv", 1, "title", "")
    problem, text = only_problem(data_copy)
    assert (problem.line, problem.column) == (2, "title")
    assert "is required" in text


def test_byte_order_mark(data_copy):
    path = data_copy / "sources.csv"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    problem, text = only_problem(data_copy)
    assert (problem.file, problem.line, problem.column) == ("data/sources.csv", 1, "source_id")
    assert "byte-order mark" in text


def test_wrong_encoding_is_located_to_the_cell(data_copy):
    path = data_copy / "events.csv"
    set_cell(path, 2, "summary", "Caf\u00e9 summary")
    path.write_bytes(path.read_bytes().replace("Caf\u00e9".encode(), "Caf\u00e9".encode("latin-1")))
    problem, text = only_problem(data_copy)
    assert (problem.line, problem.column) == (3, "summary")
    assert "not valid UTF-8 (byte 0xe9)" in text



def test_a_bad_byte_in_a_file_with_a_stray_carriage_return_is_still_one_line(data_copy):
    path = data_copy / "events.csv"
    lines = path.read_bytes().split(b"\n")
    lines[2] = lines[2].replace(b",", b",\xff\r", 1)
    path.write_bytes(b"\n".join(lines))
    problem, text = only_problem(data_copy)
    assert (problem.file, problem.line) == ("data/events.csv", 3)
    assert "not valid UTF-8 (byte 0xff)" in text

def test_unquoted_comma_adds_a_cell(data_copy):
    path = data_copy / "events.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[1] = lines[1].rstrip("\n") + ",stray\n"
    path.write_text("".join(lines), encoding="utf-8")
    problem, text = only_problem(data_copy)
    assert problem.line == 2 and "more values than the header" in text


def test_blank_line_is_reported_not_skipped(data_copy):
    path = data_copy / "events.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join([*lines[:2], "\n", *lines[2:]]), encoding="utf-8")
    problem, text = only_problem(data_copy)
    assert problem.line == 3 and "blank" in text


def test_line_numbers_count_physical_lines_when_a_cell_spans_two(data_copy):
    path = data_copy / "events.csv"
    set_cell(path, 1, "summary", "first line\nsecond line")
    set_cell(path, 2, "date", "1999-02-30")
    problem, _ = only_problem(data_copy)
    assert problem.line == 4


def test_every_problem_is_reported_not_only_the_first(data_copy):
    set_cell(data_copy / "events.csv", 1, "date", "yesterday")
    set_cell(data_copy / "events.csv", 2, "category", "other")
    problems, text = problems_of(data_copy)
    assert [(p.line, p.column) for p in problems] == [(2, "date"), (3, "category")]
    assert all(re.match(r'data/events\.csv, line \d+, column "\w+": ', line) for line in text.splitlines())


def test_scalar_foreign_key_names_the_table_it_looks_in(data_copy):
    set_cell(data_copy / "positions.csv", 1, "source_id", "no-such-source")
    problem, text = only_problem(data_copy)
    assert (problem.file, problem.line, problem.column) == ("data/positions.csv", 2, "source_id")
    assert '"no-such-source" is not a source_id in data/sources.csv' in text


def test_a_broken_table_does_not_hide_problems_in_another(data_copy):
    (data_copy / "sources.csv").write_bytes(b"")
    set_cell(data_copy / "claims.csv", 1, "verdict", "probably")
    problems, _ = problems_of(data_copy)
    assert [(p.file, p.column) for p in problems] == [("data/claims.csv", "verdict"), ("data/sources.csv", None)]


def test_a_build_validates_once_but_changed_bytes_are_always_checked(data_copy, monkeypatch):
    from unsigned_peace.validation import VALIDATED_ENV, data_digest

    monkeypatch.setenv(VALIDATED_ENV, data_digest(data_copy))
    load_data(folder=data_copy)
    set_cell(data_copy / "events.csv", 1, "date", "2018-13-45")
    problem, _ = only_problem(data_copy)
    assert problem.column == "date"


def test_the_characters_a_text_cell_may_not_hold_are_the_controls_the_separators_and_the_bidirectional_controls():
    import sys
    import unicodedata

    from unsigned_peace.validation import BIDI_CONTROLS, _hidden_character

    everything = [chr(point) for point in range(sys.maxunicode + 1)]
    refused = {char for char in everything if _hidden_character("a" + char + "b") == 1}
    assert refused == {char for char in everything if char != "\n" and (
        char in BIDI_CONTROLS or unicodedata.category(char) in ("Cc", "Zl", "Zp"))}
    # A line break within the text is allowed, CR LF as well as LF; a carriage return alone is not.
    assert _hidden_character("a\r\nb\nc") is None
    assert _hidden_character("a\rb") == 1 and _hidden_character("ab\r") == 2 and _hidden_character("\x1b[31m") == 0


def test_a_resource_that_is_not_an_object_is_one_line_not_a_traceback(data_copy):
    import json

    from unsigned_peace.validation import find_problems

    path = data_copy / "datapackage.json"
    descriptor = json.loads(path.read_text(encoding="utf-8"))
    descriptor["resources"][1] = None
    path.write_text(json.dumps(descriptor), encoding="utf-8")
    found = [problem.message for problem in find_problems(data_copy)]
    assert any(message.startswith("resource 2 is not an object") for message in found), found
