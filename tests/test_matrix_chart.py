"""The coded matrix: every cell drawn once, in its code's colour, with legible text and a hover that cites."""

import html

import pandas as pd
import pytest

from unsigned_peace import load_data
from unsigned_peace.charts.matrix import (
    Code,
    agreement_codes,
    agreement_label,
    agreement_matrix,
    coded_matrix,
    contrast_ratio,
    option_codes,
    option_matrix,
    text_colour,
)
from unsigned_peace.charts.style import LEGEND_CHARS, PHONE_FONT_PX
from unsigned_peace.machinery.content.charts import ChartPictures, chart_html, live_chart, live_spec
from unsigned_peace.text_width import display_width

CODES = {"yes": Code("Yes", "#0072B2", "it says yes"), "no": Code("No", "#F0E442", "it says no"),
         "unused": Code("Unused", "#CC79A7", "never used")}

PICTURES = ChartPictures(desktop="chart.svg", phone="chart.phone.svg", live="chart.live.js", first_on_page=True)


@pytest.fixture(scope="module")
def data():
    return load_data()


def grid(cells, rows=("A", "B"), columns=("x", "y"), **kwargs):
    frame = pd.DataFrame(cells, columns=["row", "column", "code", "hover"])
    return coded_matrix(frame, rows=rows, columns=columns, codes=CODES, alt="alt", source="Source: test.", **kwargs)


FULL = [("A", "x", "yes", "a x"), ("A", "y", "no", "a y"), ("B", "x", "no", "b x"), ("B", "y", "yes", "b y")]


def heatmap(chart):
    return next(trace for trace in chart.figure.data if trace.type == "heatmap")


def test_cells_are_placed_by_row_and_column_in_the_order_given():
    chart = grid(list(reversed(FULL)), rows=("B", "A"))
    trace = heatmap(chart)
    assert list(trace.y) == ["B", "A"] and list(trace.x) == ["x", "y"]
    order = list(CODES)
    assert [list(line) for line in trace.z] == [[order.index("no"), order.index("yes")],
                                                 [order.index("yes"), order.index("no")]]
    assert trace.customdata[0][0] == "<b>b x</b>" and trace.customdata[1][1] == "<b>a y</b>"
    assert chart.figure.layout.yaxis.autorange == "reversed"  # the first row is drawn at the top


def colour_of(trace, z):
    """The colour the heatmap's step scale gives to value z."""
    position = (z - trace.zmin) / (trace.zmax - trace.zmin)
    steps = list(zip(trace.colorscale[::2], trace.colorscale[1::2]))
    return next(low[1] for low, high in steps if low[0] <= position <= high[0] and low[1] == high[1])


def test_each_code_keeps_its_colour_whatever_codes_are_present():
    for chart in (grid(FULL), grid([(r, c, "no", "") for r in "AB" for c in "xy"])):
        trace = heatmap(chart)
        for line in trace.z:
            for z in line:
                assert colour_of(trace, z) == list(CODES.values())[z].colour


def test_every_cell_shows_its_label_in_a_legible_colour():
    chart = grid(FULL)
    labels = {(a.x, a.y): (a.text, a.font.color) for a in chart.figure.layout.annotations}
    assert labels[("x", "A")][0] == "Yes" and labels[("y", "A")][0] == "No"
    assert labels[("x", "A")][1] == "#ffffff"  # white on the dark blue
    assert labels[("y", "A")][1] != "#ffffff"  # dark ink on the yellow
    for code in [*agreement_codes().values(), *option_codes().values()]:
        assert contrast_ratio(code.colour, text_colour(code.colour)) >= 4.5, code


def test_legend_lists_only_the_codes_in_use_in_legend_order():
    chart = grid(FULL)
    names = [trace.name for trace in chart.figure.data if trace.showlegend is not False and trace.type == "scatter"]
    assert names == ["Yes", "No"]


@pytest.mark.parametrize("cells, message", [
    (FULL[:3], "do not fill the grid"),
    ([*FULL, ("A", "x", "yes", "again")], "more than once"),
    ([*FULL[:3], ("B", "y", "maybe", "")], "no legend entry: maybe"),
    ([*FULL[:3], ("C", "y", "yes", "")], "do not fill the grid"),
])
def test_an_incomplete_or_ambiguous_grid_is_refused(cells, message):
    with pytest.raises(ValueError, match=message):
        grid(cells)


def test_text_from_the_data_cannot_become_markup():
    hostile = '<img src=x onerror=alert(1)>'
    chart = grid([(hostile if r == "A" else r, c, code, hostile) for r, c, code, _ in FULL], rows=(hostile, "B"))
    html, script = chart_html(chart.spec(), PICTURES), live_chart(chart.spec()).script
    assert hostile not in html and hostile not in script
    spec = live_spec(script)
    heat = next(t for t in spec["figure"]["data"] if t["type"] == "heatmap")
    assert heat["y"][0] == "&lt;img src=x onerror=alert(1)&gt;"
    assert heat["customdata"][0][0] == "<b>&lt;img src=x onerror=alert(1)&gt;</b>"


def test_agreement_matrix_has_a_row_per_agreement_in_date_order_and_the_four_islands(data):
    chart = agreement_matrix(data.agreements, data.sources, data.islands, alt="alt", source="Source: test.")
    trace = heatmap(chart)
    assert list(trace.x) == ["Iturup", "Kunashir", "Shikotan", "Habomai<br>Islands"]
    assert len(trace.y) == len(data.agreements)
    years = [int(label[:4]) for label in trace.y]
    assert years == sorted(years)
    assert list(chart.data["Agreement"]) == list(data.agreements.sort_values("date_signed")["short_name"])


def test_agreement_matrix_codes_and_hover_come_from_the_row(data):
    chart = agreement_matrix(data.agreements, data.sources, data.islands, alt="alt", source="Source: test.")
    trace = heatmap(chart)
    labels = [label.replace("<br>", " ") for label in trace.y]
    row = labels.index("1956 · Soviet-Japanese Joint Declaration")
    codes = list(agreement_codes())
    assert [codes[z] for z in trace.z[row]] == ["silent", "silent", "to-be-transferred", "to-be-transferred"]
    hover = trace.customdata[row][2]
    assert "agrees to transfer to Japan the Habomai Islands" in hover.replace("<br>", " ")
    assert "Shikotan: the text provides for the island to be handed over to Japan" in hover.replace("<br>", " ")
    assert "Sources: Wikipedia" in hover
    memo = labels.index("1960 · Soviet memorandum of 27 Jan 1960")
    assert "(no verbatim text found)" in trace.customdata[memo][0]


def test_option_matrix_shows_what_each_option_means_for_each_island(data):
    chart = option_matrix(data.options, data.sources, data.islands, alt="alt", source="Source: test.")
    trace = heatmap(chart)
    names = [label.replace("<br>", " ") for label in trace.y]
    assert names == list(data.options["name"])
    codes = list(option_codes())
    by_name = dict(zip(names, ([codes[z] for z in line] for line in trace.z)))
    assert by_name["The 1956 formula: two islands"] == ["russia", "russia", "transfer", "transfer"]
    assert by_name["All four islands"] == ["japan"] * 4


def test_cells_show_short_words_and_the_legend_the_full_labels(data):
    chart = agreement_matrix(data.agreements, data.sources, data.islands, alt="alt", source="Source: test.")
    words = {a.text for a in chart.figure.layout.annotations}
    assert words == {code.cell_text for code in agreement_codes().values()}
    assert all(len(word) <= 10 for word in words)
    legend = [t.name for t in chart.figure.data if t.type == "scatter"]
    assert "To be handed over to Japan" in legend and "Handover" not in legend


def test_long_row_and_column_labels_wrap_onto_lines():
    chart = grid([(r, c, code, h) for (r, c, code, h) in FULL], rows=("A", "B"), columns=("x", "y"))
    assert list(heatmap(chart).x) == ["x", "y"]
    frame = pd.DataFrame([("A row label long enough to need two lines", c, "yes", "") for c in ("Habomai Islands",)],
                         columns=["row", "column", "code", "hover"])
    wrapped = coded_matrix(frame, rows=["A row label long enough to need two lines"], columns=["Habomai Islands"],
                           codes=CODES, alt="alt", source="Source: test.")
    assert heatmap(wrapped).y[0] == "A row label long enough to<br>need two lines"
    assert heatmap(wrapped).x[0] == "Habomai<br>Islands"


def test_hover_text_is_wrapped_with_its_first_paragraph_in_bold():
    long_line = "word " * 40
    chart = grid([(r, c, code, f"Title\n{long_line}") for r, c, code, _ in FULL])
    hover = heatmap(chart).customdata[0][0]
    assert hover.startswith("<b>Title</b><br>word")
    assert hover.count("<br>") >= 3


def test_labels_name_the_year_once():
    assert agreement_label("Tokyo Declaration", pd.Timestamp("1993-10-13")) == "1993 · Tokyo Declaration"
    assert agreement_label("Japan-Soviet Joint Communique (April 1991)",
                           pd.Timestamp("1991-04-18")) == "1991 · Japan-Soviet Joint Communique"
    assert agreement_label("Singapore agreement (2018)", pd.Timestamp("2018-11-14")) == "2018 · Singapore agreement"


def lines_of(label: str) -> list[str]:
    """A plotly label's lines as a reader sees them."""
    return [html.unescape(line) for line in label.split("<br>")]


def test_on_a_phone_the_grid_keeps_its_rows_and_cell_words_in_smaller_type_and_row_labels_within_a_row(data):
    from unsigned_peace.charts.matrix import NARROW_ROW_LABEL_CHARS, NARROW_ROW_LABEL_LINES

    chart = agreement_matrix(data.agreements, data.sources, data.islands, alt="alt", source="Source: test.")
    phone = chart.spec()["phone"]
    layout = phone["layout"]
    assert phone["fits"]
    assert layout["yaxis"]["tickvals"] == list(heatmap(chart).y)
    narrow = [lines_of(label) for label in layout["yaxis"]["ticktext"]]
    assert all(len(lines) <= NARROW_ROW_LABEL_LINES for lines in narrow)
    assert all(display_width(line) <= NARROW_ROW_LABEL_CHARS for lines in narrow for line in lines)
    assert any(lines[-1].endswith("…") for lines in narrow)  # a long label shortened, not run into the next row
    # The same words in the same cells, smaller than on a wider screen and no smaller than PHONE_FONT_PX - 1.
    cells = chart.figure.layout.annotations
    assert [(note["x"], note["y"], note["text"]) for note in layout["annotations"]] == [
        (note.x, note.y, note.text) for note in cells]
    assert all(PHONE_FONT_PX - 1 <= note["font"]["size"] < cell.font.size
               for note, cell in zip(layout["annotations"], cells))
    legend = [trace.name for trace in chart.figure.data if trace.type == "scatter"]
    assert all(display_width(line) <= LEGEND_CHARS for name in legend for line in lines_of(name))
    assert any(len(lines_of(name)) > 1 for name in legend)  # the longest labels wrap


def test_a_row_label_takes_at_most_the_two_lines_a_row_holds_on_a_wide_screen(data):
    from unsigned_peace.charts.matrix import ROW_LABEL_CHARS, ROW_LABEL_LINES

    long_name = "Japan-Soviet Joint Communique on the talks held in Tokyo in April of that year"
    frame = pd.DataFrame([(long_name, "x", "yes", ""), ("B", "x", "no", "")],
                         columns=["row", "column", "code", "hover"])
    chart = coded_matrix(frame, rows=[long_name, "B"], columns=["x"], codes=CODES, alt="alt", source="Source: test.")
    axis = chart.figure.layout.yaxis
    assert list(axis.tickvals) == list(heatmap(chart).y)  # the rows themselves stay whole
    shown = [lines_of(label) for label in axis.ticktext]
    assert len(shown[0]) == ROW_LABEL_LINES and shown[0][-1].endswith("…") and shown[1] == ["B"]
    assert all(display_width(line) <= ROW_LABEL_CHARS for lines in shown for line in lines)
