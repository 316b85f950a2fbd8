"""The table helper: numbered MyST tables, escaped cells, long tables split across PDF pages."""

import numpy as np
import pandas as pd
import pytest

from unsigned_peace.tables import MAX_ROWS, PRINT_AS_BLOCKS_CLASS, Table, cell_text


def make(frame, caption="Caption", source="Source: x."):
    return Table(frame=frame, caption=caption, name="tbl-test", source=source)


def test_markdown_is_a_named_table_directive_with_the_source_below():
    text = make(pd.DataFrame({"Year": [1855], "Event": ["Shimoda"]})).markdown()
    assert text.startswith("```{table} Caption\n:name: tbl-test\n")
    assert "| Year | Event |" in text and "| 1855 | Shimoda |" in text
    assert text.index("Source") > text.index("Shimoda")


def test_cells_cannot_break_the_table_or_inject_markup():
    frame = pd.DataFrame({"Text": ['<script>alert(1)</script>', "a | b", "*bold* `code` {role}"]})
    table = make(frame, caption="<img src=x onerror=alert(1)>")
    markdown = table.markdown()
    assert "<script>" not in markdown and "<img" not in markdown
    assert "&lt;script&gt;" in markdown
    assert "a \\| b" in markdown and "\\*bold\\*" in markdown and "\\`code\\`" in markdown
    assert "<script>" not in table.html() and "&lt;script&gt;" in table.html()


def test_lists_and_missing_values_read_naturally():
    frame = pd.DataFrame({"Islands": [["iturup", "kunashir"], []], "Note": ["x", None]})
    markdown = make(frame).markdown()
    assert "| iturup, kunashir | x |" in markdown
    assert "|  |  |" in markdown



def test_a_figure_keeps_the_digits_the_data_gives_and_gains_none_from_its_columns_type():
    # A column with a missing value is read as floats: 1038 would otherwise show as "1038.0".
    frame = pd.DataFrame({"Island": ["Shikotan", "Habomai", "Iturup"], "Area": [251, 94.84, None],
                          "Residents": [1038, 0, None]}).astype({"Residents": "float64"})
    assert [cell_text(v) for v in frame["Area"]] == ["251", "94.84", ""]
    assert [cell_text(v) for v in frame["Residents"]] == ["1038", "0", ""]
    assert cell_text(np.float64(-0.0)) == "0" and cell_text(2018) == "2018" and cell_text("7.0") == "7.0"

def test_a_table_leaves_its_column_widths_to_the_page_and_to_print():
    frame = pd.DataFrame({"Year": ["1855", "1875"], "Summary": ["x" * 200, "y" * 150]})
    assert ":widths:" not in make(frame).markdown()


def test_a_table_asks_the_pdf_for_blocks_only_when_told():
    frame = pd.DataFrame({"No.": ["c01"], "Claim": ["text"]})
    assert PRINT_AS_BLOCKS_CLASS not in make(frame).markdown()
    blocks = Table(frame=frame, caption="Caption", name="tbl-x", source="Source", print_as_blocks=True)
    assert f":class: {PRINT_AS_BLOCKS_CLASS}" in blocks.markdown()


def test_row_ids_become_anchors_in_the_first_cell_and_must_be_plain_and_unique():
    frame = pd.DataFrame({"Date": ["1855", "1875"], "Event": ["Shimoda", "Saint Petersburg"]})
    markdown = Table(frame=frame, caption="C", name="tbl-x", source="S",
                     row_ids=["1855-treaty-of-shimoda", "1875-treaty"]).markdown()
    assert "| {up-anchor}`1855-treaty-of-shimoda`1855 | Shimoda |" in markdown
    assert "| {up-anchor}`1875-treaty`1875 | Saint Petersburg |" in markdown
    assert "up-anchor" not in make(frame).markdown()
    for wrong, message in ((["1855-a", "1855-a"], "unique"), (["1855-a"], "needs 2 row ids"),
                           (["1855-a", "x`} <b>"], "lowercase words")):
        with pytest.raises(ValueError, match=message):
            Table(frame=frame, caption="C", name="tbl-x", source="S", row_ids=wrong)


def test_a_long_table_keeps_the_anchors_of_the_rows_it_shows():
    frame = pd.DataFrame({"N": range(MAX_ROWS + 5)})
    table = Table(frame=frame, caption="C", name="tbl-x", source="S", row_ids=[f"row-{n}" for n in frame["N"]])
    assert table.row_ids == [f"row-{n}" for n in range(MAX_ROWS)]
    assert table.markdown().count("{up-anchor}") == MAX_ROWS


def test_cross_references_link_a_columns_cells_to_anchors_and_show_only_plain_text():
    frame = pd.DataFrame({"Claim": ["A", "B"], "Events": ["1855", "1875; 1905"]})
    links = [[("1855", "1855-treaty-of-shimoda")], [("1875", "1875-treaty"), ("5 September 1905", "1905-portsmouth")]]
    markdown = Table(frame=frame, caption="C", name="tbl-x", source="S", cross_references={"Events": links}).markdown()
    assert "| A | {ref}`1855 <1855-treaty-of-shimoda>` |" in markdown
    assert "| B | {ref}`1875 <1875-treaty>`; {ref}`5 September 1905 <1905-portsmouth>` |" in markdown
    for wrong, message in (({"Other": links}, "not a column"), ({"Events": links[:1]}, "needs 2 cells"),
                           ({"Events": [[("x", "Not An Id")], []]}, "not an anchor"),
                           ({"Events": [[("<b>`x`", "1855-a")], []]}, "light punctuation only")):
        with pytest.raises(ValueError, match=message):
            Table(frame=frame, caption="C", name="tbl-x", source="S", cross_references=wrong)
