"""What a careless contributor (or an attacker) can do to the data package never gets past
`python -m unsigned_peace validate` as "valid", and never ends in a traceback: a descriptor naming
what does not exist, a file that is not a CSV, values the loader could not read, text that would
write to the terminal. Each problem is one line naming the file (and the resource and field, for
the descriptor)."""

import json
import os
import shutil
import subprocess
import sys

import pytest
from conftest import (
    DATA,
    ROOT,
    edit_descriptor,
    field,
    read_rows,
    renew_translations,
    resource,
    set_cell,
    translations_of_cell,
)

from unsigned_peace.machinery.commands import cli
from unsigned_peace.paths import DATA_DIR_ENV


def validate_lines(folder, monkeypatch, capsys) -> list[str]:
    """What `validate` prints for this data folder, checked to fail with no traceback."""
    monkeypatch.setenv(DATA_DIR_ENV, str(folder))
    assert cli.main(["validate"]) == 1
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err and not captured.out
    # Named from the folder above the data, as in a book.
    return captured.err.replace(f"{folder.parent}/", "").strip().splitlines()


def only_line(folder, monkeypatch, capsys) -> str:
    lines = validate_lines(folder, monkeypatch, capsys)
    assert len(lines) == 1, lines
    return lines[0]


def foreign_key(descriptor, resource_name, column):
    return next(k for k in resource(descriptor, resource_name)["schema"]["foreignKeys"] if k["fields"] == [column])


# 3. Every name the descriptor uses resolves, or the check names it -------------------------------------

MISSPELT = "sourcez"
# Each: what a typo changes, and the words the one line must hold (where it is and the name that is wrong).
TYPOS = {
    "foreign key into no resource": (
        lambda d: foreign_key(d, "positions", "source_id")["reference"].update(resource=MISSPELT),
        ['resource "positions", foreign key 1', f'names the resource "{MISSPELT}"']),
    "foreign key into a list, not a name": (
        lambda d: foreign_key(d, "positions", "source_id")["reference"].update(resource=[]),
        ['resource "positions", foreign key 1', 'names the resource "[]"']),
    "foreign key to no column there": (
        lambda d: foreign_key(d, "positions", "source_id")["reference"].update(fields=["source"]),
        ['resource "positions", foreign key 1', 'the field "source" of the resource "sources"']),
    "foreign key from no column here": (
        lambda d: foreign_key(d, "positions", "source_id").update(fields=["sourceid"]),
        ['resource "positions", foreign key 1', 'names the field "sourceid"']),
    "item reference into no resource": (
        lambda d: field(d, "events", "source_ids")["itemReference"].update(resource=MISSPELT),
        ['resource "events", field "source_ids": "itemReference"', f'"{MISSPELT}"']),
    "item reference to no column": (
        lambda d: field(d, "events", "source_ids")["itemReference"].update(field="id"),
        ['resource "events", field "source_ids": "itemReference"', 'the field "id"']),
    "misspelt itemReference": (
        lambda d: field(d, "events", "source_ids").update(itemRefrence=field(d, "events", "source_ids").pop(
            "itemReference")),
        ['resource "events", field "source_ids" has the property "itemRefrence"']),
    "misspelt foreignKeys": (
        lambda d: resource(d, "positions")["schema"].update(foreignkeys=resource(d, "positions")["schema"].pop(
            "foreignKeys")),
        ['resource "positions": its "schema" has the property "foreignkeys"']),
    "source rule for no resource": (
        lambda d: d["sourceRules"]["independentSource"].update({"event": ["source_ids"]}),
        ['"sourceRules": "independentSource" names the resource "event"']),
    "source rule for no column": (
        lambda d: d["sourceRules"]["independentSource"].update(events=["sources_ids"]),
        ['"sourceRules": "independentSource" names the field "sources_ids"']),
    "weak kind that is no kind": (
        lambda d: d["sourceRules"].update(weakKinds=["advocacyy"]),
        ['"weakKinds" names the kind "advocacyy"']),
    "misspelt sourceRules": (
        lambda d: d.update(sourcesRules=d.pop("sourceRules")),
        ['the descriptor has the property "sourcesRules"']),
    "precision of no column": (
        lambda d: field(d, "events", "date_precision").update(precisionOf="dates"),
        ['resource "events", field "date_precision": "precisionOf"', '"dates"']),
    "codebook that does not exist": (
        lambda d: field(d, "claims", "verdict").update(codebook="claim-verdicts"),
        ['resource "claims", field "verdict" names the codebook "claim-verdicts"']),
    "primary key of no column": (
        lambda d: resource(d, "claims")["schema"].update(primaryKey=["claimid"]),
        ['resource "claims": "primaryKey" names the field "claimid"']),
    "misspelt constraint": (
        lambda d: field(d, "claims", "verdict")["constraints"].update(enums=["accurate"]),
        ['resource "claims", field "verdict": its "constraints" has the property "enums"']),
}


@pytest.mark.parametrize("typo", TYPOS)
def test_a_typo_in_the_descriptor_is_named_never_a_check_switched_off(data_copy, monkeypatch, capsys, typo):
    change, words = TYPOS[typo]
    edit_descriptor(data_copy, change)
    # A source id that exists nowhere: with the check switched off, it would pass.
    set_cell(data_copy / "positions.csv", 1, "source_id", "no-such-source")
    lines = validate_lines(data_copy, monkeypatch, capsys)
    descriptor_lines = [line for line in lines if "data/datapackage.json: " in line]
    assert len(descriptor_lines) == 1, lines
    for word in words:
        assert word in descriptor_lines[0], descriptor_lines[0]


def test_a_foreign_key_into_a_resource_that_does_not_exist_lets_no_source_id_through(data_copy, monkeypatch,
                                                                                      capsys):
    """The issue's own example, through the real command: the descriptor is named, and "valid" never said."""
    edit_descriptor(data_copy, TYPOS["foreign key into no resource"][0])
    set_cell(data_copy / "positions.csv", 1, "source_id", "no-such-source")
    book = data_copy.parent
    shutil.copy(ROOT / "_config.yml", book)
    result = subprocess.run([sys.executable, "-m", "unsigned_peace", "validate"], cwd=book, capture_output=True,
                            text=True, env={k: v for k, v in os.environ.items() if k != DATA_DIR_ENV}, timeout=120)
    assert result.returncode == 1 and "valid" not in result.stdout
    assert result.stderr.strip().splitlines() == [
        f'data/datapackage.json: resource "positions", foreign key 1: its reference names the resource "{MISSPELT}", '
        "which the descriptor does not declare; the resources are: "
        + ", ".join(r["name"] for r in json.loads((DATA / "datapackage.json").read_text())["resources"]
                    if "translates" not in r)]


@pytest.mark.parametrize("path", ["https://example.org/claims.csv", "../claims.csv", "/etc/passwd", "sub/claims.csv",
                                  "claims.txt"])
def test_a_resource_path_outside_the_data_folder_is_refused(data_copy, monkeypatch, capsys, path):
    edit_descriptor(data_copy, lambda d: resource(d, "claims").update(path=path))
    (data_copy / "claims.csv").rename(data_copy.parent / "claims.csv")
    line = only_line(data_copy, monkeypatch, capsys)
    assert line.startswith(f'data/datapackage.json: resource "claims": the path "{path}"')


def test_a_profile_frictionless_would_fetch_is_refused(data_copy, monkeypatch, capsys):
    edit_descriptor(data_copy, lambda d: d.update(profile="https://example.org/profile.json"))
    assert only_line(data_copy, monkeypatch, capsys).startswith(
        'data/datapackage.json: "profile" is "https://example.org/profile.json"')


@pytest.mark.parametrize("change, words", [
    (lambda d: resource(d, "claims").update(encoding="latin-1"), '"encoding" is "latin-1"'),
    (lambda d: resource(d, "claims")["schema"].update(missingValues=["", "NA"]), '"missingValues" must be [""]'),
    (lambda d: field(d, "events", "date").update(format="%d/%m/%Y"), 'the format "%d/%m/%Y"'),
    (lambda d: field(d, "islands", "area_km2").update(decimalChar=","), 'the property "decimalChar"'),
    (lambda d: field(d, "contacts", "year")["constraints"].update(minimum="often"), 'the constraint "minimum"'),
    (lambda d: field(d, "events", "in_article").update(falseValues=["true", "false"]), 'in both "trueValues"'),
])
def test_a_descriptor_may_ask_only_for_what_the_loader_reads_the_same_way(data_copy, monkeypatch, capsys, change,
                                                                         words):
    edit_descriptor(data_copy, change)
    line = only_line(data_copy, monkeypatch, capsys)
    assert line.startswith("data/datapackage.json: resource ") and words in line


# 4. The data is the data of the book being worked on --------------------------------------------------


@pytest.mark.parametrize("damage", ["descriptor missing", "data folder missing"])
def test_a_copy_whose_data_lacks_its_descriptor_never_reads_another_checkouts(tmp_path, damage):
    book = tmp_path / "book"
    (book / "chapters").mkdir(parents=True)
    shutil.copy(ROOT / "_config.yml", book)
    shutil.copytree(DATA, book / "data")
    if damage == "descriptor missing":
        (book / "data" / "datapackage.json").unlink()
    else:
        shutil.rmtree(book / "data")
    result = subprocess.run([sys.executable, "-m", "unsigned_peace", "validate"], cwd=book / "chapters",
                            capture_output=True, text=True,
                            env={k: v for k, v in os.environ.items() if k != DATA_DIR_ENV}, timeout=120)
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr.strip() == "data/datapackage.json: the data package descriptor: the file is missing"


@pytest.mark.slow
def test_a_chapter_notebook_cut_short_is_one_line_not_a_traceback(tmp_path):
    book = tmp_path / "book"
    shutil.copytree(ROOT / "chapters", book / "chapters")
    shutil.copytree(DATA, book / "data")
    shutil.copy(ROOT / "_config.yml", book)
    notebook = book / "chapters" / "05-talks.ipynb"
    notebook.write_bytes(notebook.read_bytes()[:1000])
    result = subprocess.run([sys.executable, "-m", "unsigned_peace", "validate"], cwd=book / "chapters",
                            capture_output=True, text=True,
                            env={k: v for k, v in os.environ.items() if k != DATA_DIR_ENV}, timeout=120)
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr.strip() == ("chapters/05-talks.ipynb: the notebook cannot be read (NotJSONError: the file "
                                     "is cut short, or not a notebook); restore it, e.g. with git checkout")


# 5, 6. Files that are not CSV files, and values the loader could not read ---------------------------------


def with_line_endings(path, ending: bytes) -> None:
    path.write_bytes(path.read_bytes().replace(b"\r\n", b"\n").replace(b"\n", ending))


FILE_DAMAGE = {
    "old Mac line endings": (lambda p: with_line_endings(p, b"\r"), "the lines end in a carriage return alone"),
    "a folder": (lambda p: (p.unlink(), p.mkdir()), "this is a folder, where a file should be"),
    "a pipe": (lambda p: (p.unlink(), os.mkfifo(p)), "this is not a regular file"),
    "a link to nowhere": (lambda p: (p.unlink(), p.symlink_to(p.parent / "gone.csv")), "the file is missing"),
    "a header and no rows": (lambda p: p.write_text(p.read_text(encoding="utf-8").split("\n")[0] + "\n",
                                                    encoding="utf-8"), "the file has a header but no rows"),
}


@pytest.mark.parametrize("damage", FILE_DAMAGE)
def test_a_file_the_check_cannot_read_as_a_csv_is_one_line_naming_it(data_copy, monkeypatch, capsys, damage):
    change, words = FILE_DAMAGE[damage]
    change(data_copy / "contacts.csv")
    line = only_line(data_copy, monkeypatch, capsys)
    assert line.startswith("data/contacts.csv: ") and words in line


def test_a_carriage_return_inside_a_line_is_named_at_its_line(data_copy, monkeypatch, capsys):
    path = data_copy / "claims.csv"
    lines = path.read_bytes().split(b"\n")
    lines[2] = lines[2].replace(b",", b"\r,", 1)
    path.write_bytes(b"\n".join(lines))
    assert only_line(data_copy, monkeypatch, capsys).startswith("data/claims.csv, line 3: the line holds a carriage "
                                                                "return (\\r) that does not end it")


def test_windows_line_endings_are_read_as_line_endings(data_copy, monkeypatch, capsys):
    with_line_endings(data_copy / "claims.csv", b"\r\n")
    monkeypatch.setenv(DATA_DIR_ENV, str(data_copy))
    assert cli.main(["validate"]) == 0
    assert capsys.readouterr().out.strip() == "data: valid"


@pytest.mark.parametrize("written, plain", [("６４０９", "6409"), ("٦٤٠٩", "6409"), ("६४०९", "6409")])
def test_digits_of_another_script_are_refused_with_the_number_to_write(data_copy, monkeypatch, capsys, written,
                                                                       plain):
    set_cell(data_copy / "islands.csv", 1, "population", written)
    assert only_line(data_copy, monkeypatch, capsys) == (
        f'data/islands.csv, line 2, column "population": "{written}" is not a whole number written in the digits '
        f"0 to 9; write {plain}")


@pytest.mark.parametrize("column, value", [("population", "99999999999999999999"), ("population", "1_000"),
                                           ("area_km2", "1,5"), ("area_km2", "٣.٥"), ("area_km2", " 3.5"),
                                           ("population", "+5")])
def test_a_figure_the_loader_could_not_read_is_refused(data_copy, monkeypatch, capsys, column, value):
    set_cell(data_copy / "islands.csv", 1, column, value)
    line = only_line(data_copy, monkeypatch, capsys)
    assert line.startswith(f'data/islands.csv, line 2, column "{column}": "{value}" is ')
    assert "not a" in line or "too large" in line


@pytest.mark.parametrize("value", ["２０１８-01-05", "2018-1-5", "18-01-05", "2018-01-05T00:00"])
def test_a_date_the_loader_could_not_read_is_refused(data_copy, monkeypatch, capsys, value):
    set_cell(data_copy / "events.csv", 1, "date", value)
    assert only_line(data_copy, monkeypatch, capsys) == (
        f'data/events.csv, line 2, column "date": "{value}" is not a valid date; write it as YYYY-MM-DD, '
        "e.g. 1855-02-07")


def test_a_partial_date_in_other_digits_is_refused(data_copy, monkeypatch, capsys):
    set_cell(data_copy / "sources.csv", 1, "date_published", "２０１８")
    assert only_line(data_copy, monkeypatch, capsys).startswith(
        'data/sources.csv, line 2, column "date_published": "２０１８" ')


# 8. The data never writes to the terminal -------------------------------------------------------------

HOSTILE_TEXT = {
    "an escape sequence": ("\x1b[2J\x1b[31mred", "\\x1b[2J\\x1b[31mred"),
    "a bidirectional override": ("abc\u202edcba", "abc\\u202edcba"),
    "a line separator": ("one\u2028two", "one\\u2028two"),
    "a NUL": ("nul\x00here", "nul\\x00here"),
    "a tab inside": ("tab\there", "tab\\there"),
}


@pytest.mark.parametrize("kind", HOSTILE_TEXT)
def test_a_control_character_in_a_text_cell_is_refused_and_shown_escaped(data_copy, monkeypatch, capsys, kind):
    value, shown = HOSTILE_TEXT[kind]
    set_cell(data_copy / "claims.csv", 1, "claim", value)
    line, *stale = validate_lines(data_copy, monkeypatch, capsys)
    assert line.startswith(f'data/claims.csv, line 2, column "claim": "{shown}" holds the control character ')
    assert line.isprintable()
    # Each edition that translates the cell is told its English changed, with the new English shown escaped.
    claim_id = read_rows(data_copy / "claims.csv")[1][0]
    assert stale == [f'data/translations/{language}/claims.csv, line {index + 1}, column "en": claim_id "{claim_id}", '
                     f'"claim": the English changed since this was translated; it now reads "{shown}": renew the '
                     'translation in "text", then copy the new English into "en" (or run python -m '
                     'unsigned_peace.translations, which copies it and empties "text")'
                     for language, _path, index in translations_of_cell(data_copy, "claims", 1, "claim")]


@pytest.mark.parametrize("kind", HOSTILE_TEXT)
def test_a_control_character_in_a_coded_cell_or_a_header_is_shown_escaped(data_copy, monkeypatch, capsys, kind):
    value, shown = HOSTILE_TEXT[kind]
    set_cell(data_copy / "claims.csv", 1, "verdict", value)
    path = data_copy / "events.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("summary", f"sum{value}", 1), encoding="utf-8")
    lines = validate_lines(data_copy, monkeypatch, capsys)
    assert all(line.isprintable() for line in lines), lines
    assert any(f'"{shown}" is not an allowed value' in line for line in lines)
    assert any(f'column "sum{shown}"' in line for line in lines)


def test_a_long_value_is_shortened_in_its_message(data_copy, monkeypatch, capsys):
    set_cell(data_copy / "claims.csv", 1, "verdict", "x" * 5000)
    line = only_line(data_copy, monkeypatch, capsys)
    assert '"' + "x" * 59 + '…" is not an allowed value' in line and len(line) < 300


def test_a_multi_line_text_stays_allowed(data_copy, monkeypatch, capsys):
    set_cell(data_copy / "claims.csv", 1, "claim", "first line\nsecond line")
    renew_translations(data_copy, "claims", 1, "claim")
    monkeypatch.setenv(DATA_DIR_ENV, str(data_copy))
    assert cli.main(["validate"]) == 0
    assert read_rows(data_copy / "claims.csv")[1][1] == "first line\nsecond line"
