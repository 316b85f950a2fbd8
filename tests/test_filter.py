"""The chronology's filter: an index of the table's rows by island, party, kind of event and decade, with
each filter's choices labelled from the descriptor; the HTML form made from it keeps data text inert."""

import json
import re

import pandas as pd
import pytest
from conftest import edit_descriptor

from unsigned_peace import load_data
from unsigned_peace.chronology import EventFilter, filter_index
from unsigned_peace.machinery.content.filters import filter_html, page_index
from unsigned_peace.mime import FILTER_MIME
from unsigned_peace.paths import DATA_DIR_ENV
from unsigned_peace.schema import SchemaError, field_codebook
from unsigned_peace.tables import MAX_ROWS


@pytest.fixture(scope="module")
def events():
    return load_data("events").events.sort_values(["date", "event_id"])


def choices(index, name):
    field = next(field for field in index["fields"] if field["name"] == name)
    return {choice["value"]: choice["label"] for choice in field["choices"]}


def test_rows_follow_the_table_in_its_order_with_their_values(events):
    index = filter_index(events)
    assert [row["id"] for row in index["rows"]] == list(events["event_id"])
    shimoda = next(row for row in index["rows"] if row["id"] == "1855-treaty-of-shimoda")
    assert shimoda == {"id": "1855-treaty-of-shimoda", "island": ["iturup", "urup", "sakhalin"],
                       "party": ["Japan", "Russian Empire"], "category": ["treaty"], "decade": ["1850"]}


def test_choices_are_the_values_in_use_labelled_from_the_descriptor(events):
    index = filter_index(events)
    categories = field_codebook("events", "category")
    assert choices(index, "category") == {value: entry.label for value, entry in categories.items()
                                          if value in set(events["category"])}
    assert choices(index, "island")["habomai"] == field_codebook("events", "islands")["habomai"].label
    assert set(choices(index, "party")) == set(events["parties"].explode().dropna())
    decades = choices(index, "decade")
    assert decades["1850"] == "1850s" and list(decades) == sorted(decades)


def test_a_label_changed_in_the_descriptor_is_the_label_shown(data_copy, monkeypatch, events):
    edit_descriptor(data_copy, lambda d: d["codebooks"]["event-category"]["treaty"].update(label="Treaties"))
    monkeypatch.setenv(DATA_DIR_ENV, str(data_copy))
    assert choices(filter_index(events), "category")["treaty"] == "Treaties"


def test_a_value_the_descriptor_does_not_allow_raises(events):
    wrong = events.head(3).copy()
    wrong.loc[wrong.index[1], "category"] = "coronation"
    with pytest.raises(SchemaError, match="coronation"):
        filter_index(wrong)
    wrong = events.head(3).copy()
    wrong.at[wrong.index[0], "islands"] = ["atlantis"]
    with pytest.raises(SchemaError, match="atlantis"):
        filter_index(wrong)


def test_the_index_covers_only_the_rows_a_long_table_shows(events):
    many = pd.concat([events] * (MAX_ROWS // len(events) + 2), ignore_index=True)
    assert len(filter_index(many)["rows"]) == MAX_ROWS


def test_the_event_islands_codebook_names_islands_as_the_islands_table_does():
    islands = load_data("islands").islands
    names = dict(zip(islands["island_id"], islands["name_en"]))
    book = field_codebook("events", "islands")
    assert {island: book[island].label for island in names} == names


def test_a_notebook_shows_the_index_to_the_book_and_a_line_of_text_elsewhere(events):
    bundle = EventFilter(events)._repr_mimebundle_()
    assert bundle[FILTER_MIME] == filter_index(events)
    assert bundle["text/plain"] == (f"Filter: the {len(events)} events by island, party, kind of event, decade "
                                    "and words")


def test_the_form_labels_every_control_and_keeps_data_text_inert(events):
    index = filter_index(events.head(5))
    hostile = '</script><script>alert(1)</script>"><b>'
    index["fields"][0]["choices"][0]["label"] = hostile
    index["fields"][0]["label"] = hostile
    page = filter_html(index)
    assert "<script>alert" not in page and "<b>" not in page
    ids = re.findall(r'<(?:select|input)[^>]* id="([^"]+)"', page)
    assert len(ids) == 5 and all(f'<label for="{control}">' in page for control in ids)
    assert 'type="search"' in page and 'aria-live="polite"' in page and ">Clear filters</button>" in page
    data = re.search(r'<script type="application/json" class="up-filter-index">(.*?)</script>', page, re.S)
    assert json.loads(data.group(1)) == page_index(index)


def test_the_page_index_gives_each_row_its_values_as_places_among_the_choices_the_selects_offer(events):
    index = filter_index(events)
    page = filter_html(index)
    compact = json.loads(re.search(r'class="up-filter-index">(.*?)</script>', page, re.S).group(1))
    names = compact["fields"]
    offered = {name: re.findall(r'<option value="([^"]*)">', re.search(
        rf'<select [^>]*name="{name}">(.*?)</select>', page, re.S).group(1))[1:] for name in names}
    assert names == [field["name"] for field in index["fields"]]
    for row, (row_id, *places) in zip(index["rows"], compact["rows"], strict=True):
        assert row_id == row["id"]
        assert {name: [offered[name][place] for place in at] for name, at in zip(names, places, strict=True)} == {
            name: row[name] for name in names}
    assert len(json.dumps(compact)) < len(json.dumps(index)) / 2
