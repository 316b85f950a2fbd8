"""Tables of several columns marked to read as blocks on a phone, and their columns' names in the page's head."""

import re

import pytest
from tiny_projects import add_transform, tiny_build

from unsigned_peace.machinery.html import phone_tables

HOSTILE = 'Said "no" </style><script>alert(1)</script> \\ end'
PAGE = f"""# Tables

```{{table}} Three columns
:name: tbl-three

| Topic | {HOSTILE} | Russia |
| --- | --- | --- |
| Names | "Northern Territories" | "South Kurils" |
```

```{{table}} Two columns
:name: tbl-two

| Year | Visits |
| --- | --- |
| 1992 | 3 |
```

| No | Name | Anchor |
| --- | --- | --- |
| 1 | a | b |
"""


def written(folder):
    def setup(app):
        add_transform(app, phone_tables.PhoneTableBlocks)
        app.connect("html-page-context", phone_tables.add_column_names)

    folder.mkdir()
    # Smart quotes off: the header's own quotation marks are part of what is checked.
    return tiny_build(folder, {"index": PAGE}, setup, smartquotes=False).output("index.html")


def css_text(string: str) -> str:
    """A CSS string's text, its escapes read back."""
    return re.sub(r"\\([0-9a-f]{1,6}) ?", lambda match: chr(int(match[1], 16)), string[1:-1])


def test_a_table_of_three_named_columns_is_marked_and_its_columns_named_in_the_head(tmp_path):
    page = written(tmp_path / "book")
    marked = re.findall(r'<table class="([^"]*)" id="([^"]+)"', page)
    assert [(name, phone_tables.PHONE_BLOCKS_CLASS in classes) for classes, name in marked] == [
        ("tbl-three", True), ("tbl-two", False)]
    assert page.count(phone_tables.PHONE_BLOCKS_CLASS) == 1  # the table without a name has no id to name it by
    head = page[:page.index("</head>")]
    styles = re.findall(r"<style data-up-column-names>(.*?)</style>", head, re.S)
    assert len(styles) == 1 and styles[0].startswith("@media (max-width: 640px){")
    names = re.findall(r'#tbl-three>tbody>tr>td:nth-child\((\d)\)::before\{content:("(?:[^"\\]|\\.)*")\}', styles[0])
    assert [(number, css_text(string)) for number, string in names] == [("2", HOSTILE), ("3", "Russia")]
    # Nothing in a column's name ends the style element or runs as a script.
    assert "<" not in styles[0] and "<script>alert" not in head


def test_a_table_whose_header_spans_columns_has_no_names_to_give():
    from docutils.core import publish_doctree

    tree = publish_doctree("""
+-------+-----------------+
| Topic | Both sides      |
|       +--------+--------+
|       | Japan  | Russia |
+=======+========+========+
| Names | a      | b      |
+-------+--------+--------+
""")
    table = next(tree.findall(phone_tables.nodes.table))
    assert phone_tables.header_names(table) is None


def test_a_charts_data_table_of_three_columns_is_marked_and_named_from_the_node_that_holds_it():
    from docutils import nodes
    from docutils.utils import new_document

    from unsigned_peace.machinery.content.charts import table_html
    from unsigned_peace.machinery.content.table_cells import RAW_TABLE_COLUMNS

    three = {"columns": ["Option", "Iturup", "Put forward by"], "rows": [["All four", "Japanese", "Japan"]]}
    two = {"columns": ["Year", "Meetings"], "rows": [["2016", "3"]]}
    assert table_html(three, table_id="chart-1-data").startswith(
        f'<table class="up-chart-table {phone_tables.PHONE_BLOCKS_CLASS}" id="chart-1-data">')
    assert table_html(two, table_id="chart-2-data").startswith('<table class="up-chart-table">')
    assert table_html(three).startswith('<table class="up-chart-table">')  # the e-book's: no id, no blocks
    document = new_document("page")
    document += nodes.raw("", table_html(three, table_id="chart-1-data"), format="html",
                          **{RAW_TABLE_COLUMNS: {"chart-1-data": three["columns"]}})
    assert phone_tables.column_name_rules(document) == (
        '@media (max-width: 640px){#chart-1-data>tbody>tr>td:nth-child(2)::before{content:"Iturup"}'
        '#chart-1-data>tbody>tr>td:nth-child(3)::before{content:"Put forward by"}}')
    document[0][RAW_TABLE_COLUMNS] = {'x"]{}*{display:none}': three["columns"]}
    with pytest.raises(ValueError, match="letters, digits and hyphens"):
        phone_tables.column_name_rules(document)
