"""A Markdown link to a numbered table or figure of its page reads as the number Sphinx gives it."""

from tiny_projects import add_transform, tiny_build

from unsigned_peace.machinery.content.references import LinksToNumberedFigures

PAGE = """# Islands

## Areas

```{{table}} The islands' areas
:name: tab-island-areas

| Island | Area |
|---|---|
| Iturup | 3,139 |
```

As [the table above](#tab-island-areas) shows, {link}.
"""


def build_page(tmp_path, link: str, *, numbered: bool = True):
    return tiny_build(tmp_path, {"index": PAGE.format(link=link)},
                      lambda app: add_transform(app, LinksToNumberedFigures), numfig=numbered)


def test_a_link_to_a_numbered_table_becomes_its_number_and_links_to_it(tmp_path):
    built = build_page(tmp_path, "Iturup is large")
    assert built.warnings == ""
    page = built.output("index.html")
    assert "the table above" not in page
    assert '<a class="reference internal" href="#tab-island-areas"><span class="std std-numref">Table 1</span></a>' \
        in page


def test_a_link_to_a_section_or_an_unnumbered_table_keeps_its_text(tmp_path):
    built = build_page(tmp_path, "[the areas](#areas) say so", numbered=False)
    page = built.output("index.html")
    assert "the table above" in page and "the areas" in page
    assert "Table 1" not in page
