"""Labels of coded values live once, in the descriptor's codebooks; code that colours or groups values
covers every value the schema allows, or says which it lacks."""

import json
import os
import re

import pytest
from conftest import ROOT, read_rows, translation_files, write_rows

from unsigned_peace import load_data
from unsigned_peace.charts import event_timeline
from unsigned_peace.paths import DATA_DIR_ENV
from unsigned_peace.schema import SchemaError, allowed_values, field_codebook, require_every_value
from unsigned_peace.validation import DataValidationError, validate_package


def edit_descriptor(folder, change) -> None:
    path = folder / "datapackage.json"
    descriptor = json.loads(path.read_text(encoding="utf-8"))
    change(descriptor)
    path.write_text(json.dumps(descriptor, indent=2, ensure_ascii=False), encoding="utf-8")


def fields_of(descriptor, resource):
    return next(r for r in descriptor["resources"] if r["name"] == resource)["schema"]["fields"]


def test_every_field_naming_a_codebook_gets_a_label_for_each_allowed_value():
    data = load_data("sources")
    coded = [(r["name"], f["name"]) for r in data.descriptor["resources"] for f in r["schema"]["fields"]
             if "codebook" in f]
    assert ("agreements", "says_habomai") in coded and ("sources", "kind") in coded
    for resource, name in coded:
        book = field_codebook(resource, name)
        assert sorted(book) == sorted(allowed_values(resource, name))
        assert all(entry.label.strip() for entry in book.values())


def test_a_mapping_that_lacks_a_value_says_which():
    with pytest.raises(SchemaError, match=r"the colours has nothing for 'b': make it match"):
        require_every_value({"a": 1}, ["a", "b"], "the colours")
    with pytest.raises(SchemaError, match=r"has 'c', which the schema does not allow"):
        require_every_value({"a": 1, "b": 2, "c": 3}, ["a", "b"], "the colours", exact=True)


def test_a_codebook_that_differs_from_its_fields_values_is_one_line_naming_both(data_copy):
    edit_descriptor(data_copy, lambda d: d["codebooks"]["source-kind"].pop("news"))
    with pytest.raises(DataValidationError) as raised:
        validate_package(data_copy)
    assert str(raised.value) == ('data/datapackage.json: resource "sources", field "kind" and the codebook '
                                 '"source-kind" list different values (no label for news)')


def test_a_category_the_chart_has_no_colour_for_stops_it(data_copy, monkeypatch):
    def add_category(descriptor):
        field = next(f for f in fields_of(descriptor, "events") if f["name"] == "category")
        field["constraints"]["enum"].append("ceremony")
        descriptor["codebooks"][field["codebook"]]["ceremony"] = {"label": "Ceremony"}
    edit_descriptor(data_copy, add_category)
    # Its label translated for each edition, as the data check asks of a published one.
    for language, path in translation_files(data_copy, "codebooks"):
        write_rows(path, [*read_rows(path), ["event-category", "ceremony", "label", "Ceremony", f"[{language}]"]])
    monkeypatch.setenv(DATA_DIR_ENV, str(data_copy))
    data = load_data("events", "sources", folder=data_copy)
    with pytest.raises(SchemaError, match="the category colours has nothing for 'ceremony'"):
        event_timeline(data.events.head(3), data.sources, alt="alt", source="Source: test.")


def test_the_descriptor_is_read_again_when_its_bytes_change_even_within_one_clock_tick(tmp_path):
    from unsigned_peace.schema import descriptor

    path = tmp_path / "datapackage.json"
    path.write_text(json.dumps({"name": "first", "resources": []}), encoding="utf-8")
    stamp = path.stat().st_mtime_ns
    assert descriptor(tmp_path)["name"] == "first"
    path.write_text(json.dumps({"name": "second", "resources": []}), encoding="utf-8")
    os.utime(path, ns=(stamp, stamp))  # as a rewrite within the file system's clock tick leaves it
    assert descriptor(tmp_path)["name"] == "second"


def test_only_the_schema_module_parses_the_descriptor_file():
    """Every reader of datapackage.json goes through unsigned_peace.schema.descriptor."""
    package = ROOT / "unsigned_peace"
    opens_it = re.compile(r"""(DESCRIPTOR_NAME|["']datapackage\.json["'])\s*\)\s*\.(read_text|read_bytes|open)\(""")
    assert opens_it.search('json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))')
    assert opens_it.search("json.loads((data_dir / DESCRIPTOR_NAME).read_bytes())")
    readers = sorted(path.relative_to(package).as_posix() for path in package.rglob("*.py")
                     if path.name != "schema.py" and opens_it.search(path.read_text(encoding="utf-8")))
    assert readers == []
