"""How the book names sources: publishers once each, short source lines, citation lines."""

import pandas as pd
import pytest

from unsigned_peace.sources import PRINTED_LINE_CHARS, citation_line, publishers_line, publishers_of

SOURCES = pd.DataFrame({
    "source_id": [f"s{n}" for n in range(8)],
    "publisher": ["Ministry of Foreign Affairs of Japan", "TASS", "TASS", "Wikipedia (Russian)",
                  "Japanese Association for Northern Territories Issues (hoppou.go.jp)", "Kyodo News",
                  "Sakhalin regional government", "Presidential Library"],
})


def test_all_publishers_when_they_fit_each_once():
    assert publishers_line(SOURCES, ["s1", "s2", "s5"]) == "Sources: TASS; Kyodo News."
    assert publishers_line(SOURCES, ["s1"]) == "Source: TASS."


def test_the_rest_are_counted_when_they_do_not_fit():
    line = publishers_line(SOURCES, [f"s{n}" for n in range(8)], budget=120)
    assert len(line) <= 120
    assert line.startswith("Sources: Ministry of Foreign Affairs of Japan; TASS;")
    assert line.endswith("others (all in the data behind the chart).")
    shown = line.removeprefix("Sources: ").split("; and ")[0].split("; ")
    rest = int(line.split("; and ")[1].split(" ")[0])
    assert len(shown) + rest == 7


def test_default_budget_is_one_printed_line():
    assert len(publishers_line(SOURCES, [f"s{n}" for n in range(8)])) <= PRINTED_LINE_CHARS


def test_no_sources_is_an_error():
    with pytest.raises(ValueError):
        publishers_line(SOURCES, [])


def test_publishers_are_named_once_each_in_the_order_first_cited():
    assert publishers_of(SOURCES, ["s5", "s1", "s2", "s5"]) == "Kyodo News; TASS"
    with pytest.raises(KeyError):
        publishers_of(SOURCES, ["no-such-source"])


def test_a_citation_line_names_publisher_and_title():
    sources = SOURCES.assign(title=[f"Title {n}" for n in range(8)])
    assert citation_line(sources, ["s1"]) == "Source: TASS, “Title 1”."
    assert citation_line(sources, ["s1", "s5", "s1"]) == "Sources: TASS, “Title 1”; Kyodo News, “Title 5”."
