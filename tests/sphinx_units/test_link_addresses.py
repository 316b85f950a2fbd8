"""A web address in a Markdown link reaches the page, the PDF and the e-book as the Markdown wrote it."""

from html.parser import HTMLParser
from pathlib import Path

from test_translations import write_catalog
from tiny_projects import add_transform, tiny_build

from unsigned_peace.machinery.wiring.link_addresses import AddressesAsWritten

ADDRESS = 'https://example.org/index.pl?page=contents&view=1&lang=<ja>&q="x"'
PAGE = f"# Links\n\nRead [the page]({ADDRESS}) and [another](https://example.org/plain).\n"


class Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.addresses: list[str] = []

    def handle_starttag(self, tag, attrs) -> None:
        if tag == "a" and dict(attrs).get("href", "").startswith("https://example.org/"):
            self.addresses.append(dict(attrs)["href"])


def hrefs(markup: str) -> list[str]:
    links = Links()
    links.feed(markup)
    return links.addresses


def written_in_markdown(address: str) -> str:
    # markdown-it percent-encodes the characters an address may not hold (here <, > and "); `&` stays.
    return address.replace("<", "%3C").replace(">", "%3E").replace('"', "%22")


def test_an_address_with_a_query_reaches_the_page_as_written(tmp_path):
    built = tiny_build(tmp_path, {"index": PAGE}, lambda app: add_transform(app, AddressesAsWritten))
    assert built.warnings == ""
    assert hrefs(built.output("index.html")) == [written_in_markdown(ADDRESS), "https://example.org/plain"]


def test_myst_parser_still_escapes_an_address_the_transform_undoes(tmp_path):
    # The contact (unsigned_peace/machinery/wiring/contacts.py): once myst-parser stores addresses as written,
    # this fails, and the transform can go.
    built = tiny_build(tmp_path, {"index": PAGE}, lambda app: None)
    assert hrefs(built.output("index.html"))[0] == written_in_markdown(ADDRESS).replace("&", "&amp;")


def test_the_pdf_links_the_address_as_written(tmp_path):
    built = tiny_build(tmp_path, {"index": PAGE}, lambda app: add_transform(app, AddressesAsWritten),
                       builder="latex")
    tex = next(built.outdir.glob("*.tex")).read_text(encoding="utf-8")
    assert r"\sphinxhref{https://example.org/index.pl?page=contents\&view=1\&lang=\%3Cja\%3E\&q=\%22x\%22}" in tex
    assert "amp;" not in tex


def test_an_address_in_a_translated_paragraph_reaches_the_page_as_written(tmp_path):
    # Sphinx's Locale transform parses a translated paragraph again, after the page: the address's
    # escaping must be undone after it too.
    english = f"Read [the page]({ADDRESS}) and [another](https://example.org/plain)."
    translated = f"[ページ]({ADDRESS})と[もう一つ](https://example.org/plain)を読む。"

    def setup(app) -> None:
        write_catalog(Path(app.srcdir), "ja", "index", {english: translated})
        add_transform(app, AddressesAsWritten)

    built = tiny_build(tmp_path, {"index": f"# Links\n\n{english}\n"}, setup, language="ja", locale_dirs=["locale"],
                       gettext_compact=False)
    assert "ページ" in built.output("index.html")
    assert hrefs(built.output("index.html")) == [written_in_markdown(ADDRESS), "https://example.org/plain"]
