"""Island figures: area ranges across sources, the islands an agreement names, scenario shares."""

import csv

import pandas as pd
import pytest
from conftest import DATA

from unsigned_peace import load_data
from unsigned_peace.charts import area_figures_chart, scenario_shares_chart
from unsigned_peace.islands import (
    area_differences,
    area_ranges,
    disputed_islands,
    islands_to_be_transferred,
    latest_populations,
    scenario_shares,
    with_latest_populations,
)
from unsigned_peace.sources import standalone_sources


@pytest.fixture(scope="module")
def data():
    return load_data()


def csv_rows(name: str) -> list[dict[str, str]]:
    """A table as a CSV reader reads it, apart from the loader under test."""
    with (DATA / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def used_areas() -> dict[str, float]:
    return {row["island_id"]: float(row["area_km2"]) for row in csv_rows("islands.csv")}


def area_figures() -> list[dict[str, str]]:
    return [row for row in csv_rows("island_measurements.csv") if row["measure"] == "area"]


def test_the_1956_declaration_names_shikotan_and_habomai(data):
    assert islands_to_be_transferred(data.agreements, "joint-declaration-1956") == ["shikotan", "habomai"]
    assert islands_to_be_transferred(data.agreements, "shimoda-1855") == []


def test_area_ranges_cover_every_figure_found(data):
    ranges = area_ranges(data.island_measurements, data.islands).set_index("island_id")
    areas = data.island_measurements[data.island_measurements["measure"] == "area"]
    for island_id, row in ranges.iterrows():
        values = areas.loc[areas["island_id"] == island_id, "value"]
        assert row["lowest"] == values.min() <= row["used"] <= values.max() == row["highest"]
        assert row["figures"] == len(values)
        assert row["sources"] == areas.loc[areas["island_id"] == island_id, "source_id"].nunique()
    for island_id, used in used_areas().items():
        figures = [float(row["value"]) for row in area_figures() if row["island_id"] == island_id]
        assert ranges.loc[island_id, "spread_pct"] == pytest.approx((max(figures) - min(figures)) / used * 100)


def test_area_differences_are_relative_to_the_figure_used(data):
    differences = area_differences(data.island_measurements, data.islands)
    assert "all-four" not in set(differences["island_id"])
    used = used_areas()
    expected = [(float(row["value"]) - used[row["island_id"]]) / used[row["island_id"]] * 100
                for row in area_figures() if row["island_id"] in used]
    assert differences["difference_pct"].tolist() == pytest.approx(expected)
    assert any(abs(pct) > 1 for pct in expected), "the data has no figure that differs from the one used"


def test_scenario_shares_are_parts_of_the_four_islands(data):
    shares = scenario_shares(data.islands, ["shikotan", "habomai"])
    disputed = data.islands[data.islands["group"] == "disputed"]
    assert shares.area.whole == disputed["area_km2"].sum()
    named = disputed.set_index("island_id").loc[["shikotan", "habomai"]]
    assert shares.area.part == named["area_km2"].sum()
    assert shares.japanese_population_1945.fraction == pytest.approx(
        named["japanese_population_1945"].sum() / disputed["japanese_population_1945"].sum())
    assert shares.population.part == named["population"].sum()
    assert shares.population_years == tuple(sorted(set(int(y) for y in disputed["population_year"])))
    everything = scenario_shares(data.islands, list(disputed["island_id"]))
    assert everything.area.fraction == everything.japanese_population_1945.fraction == 1


def test_a_scenario_of_islands_not_in_dispute_is_refused(data):
    with pytest.raises(ValueError, match="urup"):
        scenario_shares(data.islands, ["urup"])


def test_area_chart_has_a_marker_per_distinct_figure(data):
    chart = area_figures_chart(data.island_measurements, data.islands, data.sources,
                               alt="Area figures", source="Source: test.")
    differences = area_differences(data.island_measurements, data.islands)
    kinds = data.sources.set_index("source_id")["kind"]
    government = differences["source_id"].map(kinds) == "official-japan"
    expected = (differences[government].groupby(["island_id", "value"]).ngroups
                + differences[~government].groupby(["island_id", "value"]).ngroups)
    assert sum(len(trace.x) for trace in chart.figure.data if trace.type == "scatter") == expected
    assert len(chart.data) == len(differences)


def test_the_area_chart_fits_a_phone_with_each_legend_entry_in_lines_a_phone_holds(data):
    from unsigned_peace.charts.area_figures import SOURCE_GROUPS
    from unsigned_peace.charts.style import LEGEND_CHARS
    from unsigned_peace.text_width import display_width

    spec = area_figures_chart(data.island_measurements, data.islands, data.sources,
                              alt="Area figures", source="Source: test.").spec()
    assert spec["phone"]["fits"] and spec["phone"]["layout"]
    names = [trace["name"] for trace in spec["figure"]["data"]]
    assert [name.replace("<br>", " ") for name in names] == [label for label, *_ in SOURCE_GROUPS]
    lines = [line for name in names for line in name.split("<br>")]
    assert len(lines) > len(names) and all(display_width(line) <= LEGEND_CHARS for line in lines)


def test_on_a_phone_the_share_bars_fit_with_each_measure_named_in_shorter_lines(data):
    from unsigned_peace.charts.scenario_shares import NARROW_LABEL_CHARS
    from unsigned_peace.text_width import display_width

    chart = scenario_shares_chart(data.islands, ["shikotan", "habomai"], alt="Shares", source="Source: test.")
    phone = chart.spec()["phone"]
    shown = phone["layout"]["yaxis"]
    assert phone["fits"] and shown["tickvals"] == list(chart.figure.data[0].y)
    lines = [line for label in shown["ticktext"] for line in label.split("<br>")]
    assert len(lines) > len(shown["ticktext"]) and all(display_width(line) <= NARROW_LABEL_CHARS for line in lines)


def test_share_bars_add_up_to_the_whole(data):
    chart = scenario_shares_chart(data.islands, ["shikotan", "habomai"], alt="Shares", source="Source: test.")
    bars = [trace for trace in chart.figure.data if trace.type == "bar"]
    assert [trace.name for trace in bars[:2]] == ["Shikotan", "Habomai Islands"]
    totals = pd.DataFrame([list(trace.x) for trace in bars]).sum()
    assert totals.tolist() == pytest.approx([100, 100, 100])


def measured(*rows):
    return pd.DataFrame(rows, columns=["island_id", "measure", "value", "unit", "year", "source_id", "note"]).astype(
        {"year": "Int64", "value": "Float64"})


def test_the_latest_population_is_the_latest_year_a_source_gives():
    found = latest_populations(measured(
        ("kunashir", "population", 8531, "persons", 2018, "encyclopedia", ""),
        ("kunashir", "population", 8500, "persons", 2018, "ministry", "approximate, as of January 2018"),
        ("kunashir", "population", 7715, "persons", 2023, "paper", "Rosstat"),
        ("kunashir", "population", 9999, "persons", None, "undated", ""),
        ("kunashir", "area", 1490, "km2", 2024, "survey", ""),
    ))
    assert found.loc["kunashir", "population"] == 7715
    assert found.loc["kunashir", "population_year"] == 2023
    assert found.loc["kunashir", "population_source_ids"] == ["paper"]


def test_a_year_counts_only_if_a_source_the_book_can_stand_on_gives_it():
    rows = measured(
        ("kunashir", "population", 8531, "persons", 2018, "encyclopedia", ""),
        ("kunashir", "population", 8500, "persons", 2018, "ministry", "approximate, as of January 2018"),
        ("kunashir", "population", 7715, "persons", 2023, "paper-read-on-a-copy", "Rosstat"),
    )
    found = latest_populations(rows, standalone={"ministry"})
    # The exact count of 2018 goes before the rounded one; the ministry's page is cited with it.
    assert found.loc["kunashir", "population"] == 8531
    assert found.loc["kunashir", "population_year"] == 2018
    assert found.loc["kunashir", "population_source_ids"] == ["encyclopedia", "ministry"]
    assert latest_populations(rows, standalone=set()).empty


def test_exact_counts_that_disagree_are_an_error():
    with pytest.raises(ValueError, match="kunashir different populations for 2023: 7,715, 8,000"):
        latest_populations(measured(
            ("kunashir", "population", 7715, "persons", 2023, "paper", ""),
            ("kunashir", "population", 8000, "persons", 2023, "other", ""),
        ))


def test_islands_csv_gives_each_island_its_latest_citable_population(data):
    """The book's tables and shares take each island's population from island_measurements.csv; islands.csv,
    which the data downloads carry, must say the same."""
    latest = with_latest_populations(data.islands, data.island_measurements, standalone_sources(data.sources))
    for column in ("population", "population_year"):
        assert latest[column].tolist() == data.islands[column].tolist(), column
    assert [sorted(ids) for ids in latest["population_source_ids"]] == [
        sorted(ids) for ids in data.islands["population_source_ids"]]
    assert set(latest["population_year"]) != {2018}


def test_an_island_without_a_dated_population_is_an_error(data):
    with pytest.raises(ValueError, match="urup"):
        with_latest_populations(data.islands, data.island_measurements[data.island_measurements["island_id"] != "urup"])


def test_the_share_bars_data_table_gives_each_islands_area_under_a_heading_with_its_unit(data):
    chart = scenario_shares_chart(data.islands, ["shikotan", "habomai"], alt="Shares", source="Source: test.")
    table = chart.data.set_index("Island")
    [area_heading] = [heading for heading in table.columns if heading.startswith("Land area")]
    assert area_heading.endswith("(km²)")
    disputed = disputed_islands(data.islands)
    assert table[area_heading].to_dict() == dict(zip(disputed["name_en"], disputed["area_km2"].astype(float)))
