"""Short source lines: as many publishers as fit one printed line, then a count of the rest."""

import pandas as pd
import pytest

from unsigned_peace.charts.short_source import PRINTED_LINE_CHARS, short_source_line

SOURCES = pd.DataFrame({
    "source_id": [f"s{n}" for n in range(8)],
    "publisher": ["Ministry of Foreign Affairs of Japan", "TASS", "TASS", "Wikipedia (Russian)",
                  "Japanese Association for Northern Territories Issues (hoppou.go.jp)", "Kyodo News",
                  "Sakhalin regional government", "Presidential Library"],
})


def test_all_publishers_when_they_fit_each_once():
    assert short_source_line(SOURCES, ["s1", "s2", "s5"]) == "Sources: TASS; Kyodo News."
    assert short_source_line(SOURCES, ["s1"]) == "Source: TASS."


def test_the_rest_are_counted_when_they_do_not_fit():
    line = short_source_line(SOURCES, [f"s{n}" for n in range(8)], budget=120)
    assert len(line) <= 120
    assert line.startswith("Sources: Ministry of Foreign Affairs of Japan; TASS;")
    assert line.endswith("others (all in the data behind the chart).")
    shown = line.removeprefix("Sources: ").split("; and ")[0].split("; ")
    rest = int(line.split("; and ")[1].split(" ")[0])
    assert len(shown) + rest == 7


def test_default_budget_is_one_printed_line():
    assert len(short_source_line(SOURCES, [f"s{n}" for n in range(8)])) <= PRINTED_LINE_CHARS


def test_no_sources_is_an_error():
    with pytest.raises(ValueError):
        short_source_line(SOURCES, [])
