"""Island figures: area ranges across sources, the islands an agreement names, scenario shares."""

import pandas as pd
import pytest

from unsigned_peace import load_data
from unsigned_peace.charts import area_figures_chart, scenario_shares_chart
from unsigned_peace.islands import area_differences, area_ranges, islands_to_be_transferred, scenario_shares


@pytest.fixture(scope="module")
def data():
    return load_data()


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
    assert ranges.loc["shikotan", "spread_pct"] == pytest.approx((253.33 - 182) / 251 * 100)


def test_area_differences_are_relative_to_the_figure_used(data):
    differences = area_differences(data.island_measurements, data.islands)
    assert "all-four" not in set(differences["island_id"])
    row = differences[(differences["island_id"] == "habomai") & (differences["value"] == 100)].iloc[0]
    assert row["difference_pct"] == pytest.approx(5 / 95 * 100)


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


def test_share_bars_add_up_to_the_whole(data):
    chart = scenario_shares_chart(data.islands, ["shikotan", "habomai"], alt="Shares", source="Source: test.")
    bars = [trace for trace in chart.figure.data if trace.type == "bar"]
    assert [trace.name for trace in bars[:2]] == ["Shikotan", "Habomai Islands"]
    totals = pd.DataFrame([list(trace.x) for trace in bars]).sum()
    assert totals.tolist() == pytest.approx([100, 100, 100])
