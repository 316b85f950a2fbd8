"""Data that a CSV reader or the schema alone would let through, changed or untrue, stops the loader with
one line naming the file, the line and the column; so do a wrong descriptor, a CSV nobody declared,
a table a notebook names that does not exist, and a data folder that is not one."""

import shutil
import subprocess

import pytest
from conftest import (
    DATA,
    LARGE_EVENT_COUNT,
    ROOT,
    edit_descriptor,
    field,
    live_specs,
    read_rows,
    renew_translations,
    resource,
    set_cell,
)

from unsigned_peace import DataValidationError, load_data
from unsigned_peace.machinery.steps.data_check import book_problems
from unsigned_peace.paths import DATA_DIR_ENV, data_dir
from unsigned_peace.tables import MAX_ROWS


def only_line(folder) -> str:
    with pytest.raises(DataValidationError) as raised:
        load_data(folder=folder)
    text = str(raised.value)
    assert len(raised.value.problems) == 1 and "\n" not in text, text
    return text


def replace_in_line(path, line_number, old, new) -> None:
    lines = path.read_text(encoding="utf-8").split("\n")
    assert old in lines[line_number - 1]
    lines[line_number - 1] = lines[line_number - 1].replace(old, new, 1)
    path.write_text("\n".join(lines), encoding="utf-8")


# 1. Quotes ------------------------------------------------------------------------------------------


def test_text_after_a_closing_quote_says_what_the_quote_did(data_copy):
    path = data_copy / "events.csv"
    title = read_rows(path)[2][3]
    replace_in_line(path, 3, f",{title},", ',"Big Three" Soviet Union says,')
    text = only_line(data_copy)
    assert text.startswith('data/events.csv, line 3, column "title": the cell starts with a quoted part ("Big Three")')
    assert "would drop those quotes and read: Big Three Soviet Union says" in text
    assert '"""Big Three"" Soviet Union says"' in text


def test_a_quote_never_closed_is_named_where_it_opens(data_copy):
    path = data_copy / "events.csv"
    text = path.read_text(encoding="utf-8").rstrip("\n")
    last = text.count("\n") + 1
    head, _, final = text.rpartition(",")
    path.write_text(f'{head},"{final}\n', encoding="utf-8")
    assert only_line(data_copy).startswith(f'data/events.csv, line {last}, column "in_article": a quote opens '
                                           "this cell and is never closed")


def test_a_quote_closed_only_by_a_later_cells_quote_is_named_where_it_opens(data_copy):
    path = data_copy / "events.csv"
    title = read_rows(path)[2][3]
    replace_in_line(path, 3, f",{title},", f',"{title},')
    assert only_line(data_copy).startswith('data/events.csv, line 3, column "title": a quote opens this cell and '
                                           "is not closed where the cell ends")


def test_quotes_written_the_csv_way_keep_their_value(data_copy):
    path = data_copy / "events.csv"
    title = read_rows(path)[2][3]
    replace_in_line(path, 3, f",{title},", f',"""Big Three"" {title}",')
    renew_translations(data_copy, "events", 2, "title")
    assert load_data("events", folder=data_copy).events.loc[1, "title"] == f'"Big Three" {title}'


# 2. Values that cannot be true ----------------------------------------------------------------------


@pytest.mark.parametrize("value", ["inf", "nan", "-inf"])
def test_an_area_that_is_not_a_finite_number(data_copy, value):
    set_cell(data_copy / "islands.csv", 1, "area_km2", value)
    text = only_line(data_copy)
    assert text.startswith('data/islands.csv, line 2, column "area_km2": ') and "not a finite number" in text


def test_a_title_of_spaces_only(data_copy):
    set_cell(data_copy / "sources.csv", 3, "title", "   ")
    assert only_line(data_copy) == ('data/sources.csv, line 4, column "title": the cell holds only spaces; '
                                    "write the text or leave it empty")


@pytest.mark.parametrize("value", ["2018-13-45", "2018-02-30", "2018-00"])
def test_a_publication_date_that_does_not_exist(data_copy, value):
    set_cell(data_copy / "sources.csv", 2, "date_published", value)
    assert only_line(data_copy) == (f'data/sources.csv, line 3, column "date_published": "{value}" is not a date '
                                    "that exists; write YYYY, YYYY-MM or YYYY-MM-DD")


def test_a_month_date_on_another_day_than_the_first(data_copy):
    set_cell(data_copy / "events.csv", 1, "date_precision", "month")
    date = read_rows(data_copy / "events.csv")[1][1]
    text = only_line(data_copy)
    assert text == (f'data/events.csv, line 2, column "date": "{date}" has the precision "month", so it must be '
                    f"the first day of its month ({date[:7]}-01)")


# 3. A wrong descriptor ------------------------------------------------------------------------------


def test_an_unknown_field_type_is_one_line(data_copy):
    edit_descriptor(data_copy, lambda d: field(d, "events", "date").update(type="datetime-ish"))
    text = only_line(data_copy)
    assert text.startswith('data/datapackage.json: resource "events", field "date": "datetime-ish" is not a field type')


def test_a_resource_without_a_path_is_one_line(data_copy):
    edit_descriptor(data_copy, lambda d: resource(d, "claims").pop("path"))
    (data_copy / "claims.csv").unlink()
    assert only_line(data_copy) == 'data/datapackage.json: resource "claims" has no "path"; give it one'


def test_an_enum_that_is_not_a_list_is_one_line(data_copy):
    edit_descriptor(data_copy, lambda d: field(d, "claims", "verdict")["constraints"].update(enum="accurate"))
    assert only_line(data_copy) == ('data/datapackage.json: resource "claims", field "verdict": "enum" must be a '
                                    "list of the allowed values")


def test_a_descriptor_frictionless_rejects_names_the_resource_the_property_and_what_is_wrong(data_copy):
    def rename(descriptor):
        resource(descriptor, "claims")["name"] = "Claims Table"
        descriptor["sourceRules"]["independentSource"].pop("claims")
    edit_descriptor(data_copy, rename)
    text = only_line(data_copy)
    assert text.startswith('data/datapackage.json: resource "Claims Table": Frictionless cannot read it: ')
    assert "'Claims Table' does not match" in text and "property 'name'" in text


# 4. Files and tables outside the package ------------------------------------------------------------


def test_a_csv_nobody_declared(data_copy):
    (data_copy / "extra.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    assert only_line(data_copy) == ("data/extra.csv: this CSV is not declared in data/datapackage.json: add a "
                                    "resource for it (name, path, schema) or move it out of the data folder")


@pytest.mark.slow
def test_a_table_a_notebook_reads_that_the_package_lacks(tmp_path):
    book = tmp_path / "book"
    (book / "chapters").mkdir(parents=True)
    (book / "_config.yml").write_text("title: t\n", encoding="utf-8")
    shutil.copytree(ROOT / "data", book / "data")
    shutil.copy(ROOT / "chapters" / "05-talks.ipynb", book / "chapters")
    # The table goes with its translations.
    edit_descriptor(book / "data", lambda d: d.update(resources=[
        r for r in d["resources"]
        if r["name"] != "contacts" and r.get("translates", {}).get("resource") != "contacts"]))
    (book / "data" / "contacts.csv").unlink()
    for translated in (book / "data" / "translations").glob("*/contacts.csv"):
        translated.unlink()
    for words in (book / "data" / "translations").glob("*/descriptor.csv"):  # the table's title, its fields'
        lines = words.read_text(encoding="utf-8").splitlines(keepends=True)
        words.write_text("".join(line for line in lines if not line.startswith("/resources/contacts")),
                         encoding="utf-8")
    problems = [str(p) for p in book_problems(book, sorted((book / "chapters").glob("*.ipynb")))]
    assert problems == ['chapters/05-talks.ipynb: load_data(...) names the table "contacts", which '
                        "datapackage.json does not declare: add the resource, or correct the name"]


# 6. The data folder ---------------------------------------------------------------------------------


def test_a_relative_data_folder_is_taken_from_the_current_directory(tmp_path, monkeypatch, data_copy):
    monkeypatch.chdir(data_copy.parent)
    monkeypatch.setenv(DATA_DIR_ENV, "data")
    assert data_dir(ROOT / "chapters") == data_copy.resolve()


def test_a_data_folder_that_is_not_one_is_one_line(tmp_path, monkeypatch, capsys):
    from unsigned_peace.machinery.commands import cli

    monkeypatch.setenv(DATA_DIR_ENV, str(tmp_path / "nowhere"))
    assert cli.main(["validate"]) == 1
    assert capsys.readouterr().err.strip() == (
        f"{tmp_path / 'nowhere'}: UNSIGNED_PEACE_DATA_DIR names this folder, which holds no datapackage.json: "
        "point it at a copy of the book's data folder, or unset it")


# 8. make --------------------------------------------------------------------------------------------


def test_make_alone_lists_every_target():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    targets = [line.split(":")[0] for line in makefile.splitlines() if line[:1].isalpha() and ":" in line
               and not line.startswith(".")]
    result = subprocess.run(["make", "--no-print-directory"], cwd=ROOT, capture_output=True, text=True)
    if result.returncode == 127:
        pytest.skip("make is not installed")
    assert result.returncode == 0
    assert [line.split()[1] for line in result.stdout.splitlines()] == targets


# 3, 4, 5 and 7 through a real build ----------------------------------------------------------------


def test_a_broken_book_stops_its_build_with_one_line_per_problem_then_build_stopped(broken_book):
    result = broken_book.wait()[0]
    assert "Traceback" not in result.stdout + result.stderr
    assert result.stderr.rstrip().splitlines() == [
        'chapters/05-talks.ipynb: load_data(...) names the table "contacts", which datapackage.json does not '
        "declare: add the resource, or correct the name",
        "data/datapackage.json: resource \"events\", field \"summary\": \"datetime-ish\" is not a field type the "
        "book reads; use one of: boolean, date, integer, list, number, string",
        "data/extra.csv: this CSV is not declared in data/datapackage.json: add a resource for it (name, path, "
        "schema) or move it out of the data folder",
        "build stopped",
    ]


def test_twenty_thousand_events_give_a_chronology_a_reader_can_open(large_book):
    html = large_book.html()
    page = (html / "chapters" / "chronology.html").read_text(encoding="utf-8")
    assert len(page.encode("utf-8")) < 2_000_000
    total = LARGE_EVENT_COUNT + len(read_rows(DATA / "events.csv")) - 1
    assert f"The table shows the first {MAX_ROWS:,} of {total:,} rows" in page
    spec = live_specs(html / "chapters" / "chronology.html")[0]
    assert {trace["type"] for trace in spec["figure"]["data"]} == {"bar"}  # counted per year, not a row each
    assert spec["figure"]["layout"]["height"] < 1000
    image = html.parent.parent / "figures" / "fig-chronology.png"
    assert image.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and image.stat().st_size > 10_000
