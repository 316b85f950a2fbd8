"""The options measured against the islands and agreements data, and the positions side by side."""

import csv

import pandas as pd
import pytest
from conftest import DATA

from unsigned_peace import load_data
from unsigned_peace.outlook import option_agreements, option_shares
from unsigned_peace.positions import side_by_side
from unsigned_peace.schema import field_codebook

TOPICS = {value: entry.label for value, entry in field_codebook("positions", "topic").items()}


@pytest.fixture(scope="module")
def data():
    return load_data()


def by_option(frame):
    return frame.set_index("option_id")


def csv_rows(name: str) -> list[dict[str, str]]:
    """A table as a CSV reader reads it, apart from the loader under test."""
    with (DATA / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_shares_add_up_to_the_whole_for_every_option(data):
    shares = option_shares(data.options, data.islands)
    for column in ("area share", "population 1945 share"):
        total = shares[[f"{column} {g}" for g in ("to Japan", "open", "Russian")]].sum(axis=1)
        assert total.round(12).eq(1).all()


def test_two_island_formula_gives_shikotan_and_habomai_area_and_1945_population(data):
    shares = by_option(option_shares(data.options, data.islands))
    islands = data.islands.set_index("island_id")
    two = ["shikotan", "habomai"]
    four = ["iturup", "kunashir", "shikotan", "habomai"]
    expected_area = islands.loc[two, "area_km2"].sum() / islands.loc[four, "area_km2"].sum()
    expected_people = (islands.loc[two, "japanese_population_1945"].sum()
                       / islands.loc[four, "japanese_population_1945"].sum())
    row = shares.loc["two-islands-1956"]
    assert row["area share to Japan"] == pytest.approx(expected_area)
    assert row["population 1945 share to Japan"] == pytest.approx(expected_people)
    assert row["islands to Japan"] == ["Shikotan", "Habomai Islands"]
    assert row["residents to Japan"] == islands.loc[two, "population"].sum()
    # two plus alpha hands over the same two islands and leaves the rest open rather than Russian
    alpha = shares.loc["two-plus-alpha"]
    assert alpha["area share to Japan"] == row["area share to Japan"]
    assert alpha["area share open"] == pytest.approx(row["area share Russian"])


def test_shares_follow_the_outcome_codes_not_the_option_names(data):
    options = data.options.copy()
    options.loc[options["option_id"] == "status-quo", "outcome_iturup"] = "japan"
    shares = by_option(option_shares(options, data.islands))
    islands = data.islands.set_index("island_id")
    assert shares.loc["status-quo", "area to Japan"] == islands.loc["iturup", "area_km2"]


def test_agreement_counts_come_from_the_agreements_table(data):
    counted = by_option(option_agreements(data.options, data.agreements))
    agreements = {row["agreement_id"]: row for row in csv_rows("agreements.csv")}
    for option in csv_rows("options.csv"):
        cited = sorted((agreements[i] for i in option["agreement_ids"].split(";")), key=lambda a: a["date_signed"])
        found = counted.loc[option["option_id"]]
        assert found["agreements"] == [a["short_name"] for a in cited]
        assert found["count"] == len(cited)
        assert found["ratified by both"] == sum(a["ratified_by_japan"] == a["ratified_by_russia_or_ussr"] == "yes"
                                                for a in cited)
        assert found["Japan relies on"] == sum(a["japan_relies_on_it"] == "yes" for a in cited)
        assert found["both rely on"] == sum(a["japan_relies_on_it"] == a["russia_relies_on_it"] == "yes"
                                            for a in cited)
    assert len(set(counted["both rely on"])) > 1, "every option rests on as many shared agreements: nothing told apart"


def test_positions_are_paired_by_topic_with_each_side_in_its_own_column(data):
    table = side_by_side(data.positions, data.position_translations, data.sources)
    assert list(table.columns) == ["Topic", "Japan", "Russia"]
    assert [t for t in table["Topic"] if t] == [h for k, h in TOPICS.items() if k in set(data.positions["topic"])]
    japan_cells = " ".join(table["Japan"])
    russia_cells = " ".join(table["Russia"])
    for row in data.positions.itertuples():
        assert f"[{row.position_id}]" in (japan_cells if row.side == "Japan" else russia_cells)
    assert len(table) == sum(
        max((on_topic["side"] == "Japan").sum(), (on_topic["side"] == "Russia").sum())
        for _, on_topic in data.positions.groupby("topic"))


def test_non_english_statements_carry_their_english_rendering_and_who_made_it(data):
    table = side_by_side(data.positions, data.position_translations, data.sources)
    positions = {row["position_id"]: row for row in csv_rows("positions.csv")}
    translated = next(row for row in csv_rows("position_translations.csv")
                      if row["translated_by"] == "this book" and positions[row["position_id"]]["side"] == "Russia")
    cell = next(c for c in table["Russia"] if f"[{translated['position_id']}]" in c)
    assert translated["text_en"] in cell
    assert "translation by this book" in cell
    undated = next(row for row in positions.values() if row["side"] == "Japan" and not row["date"])
    cell = next(c for c in table["Japan"] if f"[{undated['position_id']}]" in c)
    assert "undated" in cell and undated["speaker"] in cell


def test_a_side_with_fewer_statements_leaves_cells_empty():
    positions = pd.DataFrame({
        "position_id": ["p01", "p02", "p03"], "side": ["Japan", "Japan", "Russia"], "topic": ["names"] * 3,
        "statement": ["a", "b", "c"], "speaker": ["x", "y", "z"],
        "date": pd.to_datetime(["2020-01-01", None, "2021-01-01"]), "source_id": ["s"] * 3, "note": [""] * 3,
    })
    sources = pd.DataFrame({"source_id": ["s"], "publisher": ["P"]})
    translations = pd.DataFrame(columns=["position_id", "text_en", "translated_by", "source_id", "note"])
    table = side_by_side(positions, translations, sources)
    assert list(table["Topic"]) == [TOPICS["names"], ""]
    assert table.loc[0, "Japan"].startswith("b — y, undated")  # undated first, then by date
    assert table.loc[1, "Russia"] == ""


def test_share_chart_stacks_to_the_whole_in_both_panels_with_one_legend_entry_per_group(data):
    from unsigned_peace.charts import option_share_chart

    shares = option_shares(data.options, data.islands)
    chart = option_share_chart(shares, alt="alt", source="Source: test.")
    bars = chart.figure.data
    assert [b.name for b in bars if b.showlegend] == [b.name for b in bars[:3]]
    for axis in ("x", "x2"):  # one panel per measure
        panel = [b for b in bars if b.xaxis == axis]
        totals = [sum(b.x[i] for b in panel) for i in range(len(shares))]
        assert totals == pytest.approx([100] * len(shares))
    two = list(shares["option_id"]).index("two-islands-1956")
    assert "Shikotan, Habomai Islands" in bars[0].customdata[two]
    assert list(chart.data["Option"]) == list(data.options["name"])


def test_on_a_phone_the_share_chart_keeps_its_options_and_panel_titles_in_shorter_lines(data):
    from html import unescape

    from unsigned_peace.charts import option_share_chart
    from unsigned_peace.charts.shares import NARROW_LABEL_CHARS, NARROW_LABEL_LINES, NARROW_TITLE_CHARS
    from unsigned_peace.text_width import display_width

    chart = option_share_chart(option_shares(data.options, data.islands), alt="alt", source="Source: test.")
    phone = chart.spec()["phone"]
    layout = phone["layout"]
    assert phone["fits"]
    for axis in ("y", "y2"):  # each panel's rows, by the names its bars are drawn at
        drawn = next(bar.y for bar in chart.figure.data if bar.yaxis == axis)
        shown = layout["yaxis" + axis[1:]]
        assert shown["tickvals"] == list(drawn) and len(shown["ticktext"]) == len(drawn)
        lines = [[unescape(line) for line in label.split("<br>")] for label in shown["ticktext"]]
        assert all(len(label) <= NARROW_LABEL_LINES for label in lines)
        assert all(display_width(line) <= NARROW_LABEL_CHARS for label in lines for line in label)
    titles = layout["annotations"]
    assert len(titles) == len(chart.figure.layout.annotations)
    assert all(display_width(unescape(line)) <= NARROW_TITLE_CHARS for title in titles
               for line in title["text"].split("<br>"))
