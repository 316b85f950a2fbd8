"""The PDF's layout: the check that reads a PDF for words printed over words and outside the type area,
and the column widths that keep tables from causing either."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import pytest
from docutils import nodes

from unsigned_peace.machinery.checks import pdf_layout
from unsigned_peace.machinery.content.column_widths import Cell, available_em, column_widths_em
from unsigned_peace.machinery.content.table_cells import DATE_CLASS, cell_of, column_shares
from unsigned_peace.machinery.pdf.print_tables import as_blocks, table_parts

A4_INCHES = (595.28 / 72, 841.89 / 72)


def pdf_with_words(path, placed: list[tuple[float, float, str]]):
    """An A4 PDF with each word at (x, y) points from the page's top left corner."""
    plt.rcParams["pdf.fonttype"] = 42  # TrueType, whose text poppler can read back
    figure = plt.figure(figsize=A4_INCHES)
    for x, y, word in placed:
        figure.text(x / 595.28, 1 - y / 841.89, word, fontsize=11, va="baseline")
    figure.savefig(path)
    plt.close(figure)
    return path


def test_a_word_printed_over_another_is_found_with_its_page(tmp_path):
    pdf = pdf_with_words(tmp_path / "over.pdf", [(100, 200, "September"), (118, 200, "gives"), (100, 300, "alone")])
    problems = pdf_layout.layout_problems(pdf, empty_log(tmp_path))
    assert problems == ["over.pdf: page 1: words printed over words: 'September' over 'gives'"]


def test_words_on_neighbouring_lines_are_not_taken_for_an_overlap(tmp_path):
    pdf = pdf_with_words(tmp_path / "lines.pdf", [(100, 200, "First"), (100, 213, "Second"), (160, 200, "line")])
    assert pdf_layout.layout_problems(pdf, empty_log(tmp_path)) == []


def words_on_a_page(*words: tuple[str, float, float, float, float]) -> pdf_layout.Page:
    return pdf_layout.Page(1, 595.28, 841.89, tuple(pdf_layout.Word(1, text, *box) for text, *box in words))


def test_japanese_punctuation_set_half_wide_is_not_taken_for_an_overlap():
    """LuaTeX-ja sets a closing bracket before a full stop, or a colon before an opening bracket, half a square
    wide, while poppler boxes each whole square (boxes from the Japanese edition's PDF)."""
    page = words_on_a_page(("に記載）", 473.4, 413.7, 509.7, 426.7), ("。", 505.2, 413.7, 514.3, 426.7),
                           ("る日本語訳：", 241.3, 444.3, 295.8, 457.3), ("「", 291.3, 444.3, 300.4, 457.3),
                           ("」", 345.8, 486.8, 354.8, 499.9), ("）—", 350.3, 486.8, 359.4, 499.9))
    assert pdf_layout.overlapping_words(page) == []
    # A chart's step title run into its neighbour's is still found.
    page = words_on_a_page(("日露和親条約が、択捉島（日本領）の間に国境を定める。", 106.4, 79.3, 324.7, 95.1),
                           ("1875", 307.6, 85.2, 323.0, 92.3))
    assert [(a.text[:3], b.text) for a, b in pdf_layout.overlapping_words(page)] == [("日露和", "1875")]


def test_a_character_of_a_line_set_sideways_is_not_taken_for_an_overlap():
    """A chart's axis title, rotated: poppler boxes each character with the font's whole height across, over the
    tick labels beside it."""
    page = words_on_a_page(("数", 79.3, 150.7, 103.7, 160.1), ("15", 92.1, 153.0, 101.9, 161.9))
    assert pdf_layout.is_rotated(page.words[0]) and not pdf_layout.is_rotated(page.words[1])
    assert pdf_layout.overlapping_words(page) == []


def test_a_word_in_the_margin_or_the_foot_is_outside_the_type_area(tmp_path):
    pdf = pdf_with_words(tmp_path / "out.pdf", [(100, 200, "inside"), (560, 300, "margin"), (200, 835, "foot")])
    problems = pdf_layout.layout_problems(pdf, empty_log(tmp_path))
    assert problems == ["out.pdf: page 1: words outside the type area: 'margin', 'foot'"]


def test_overfull_lines_count_only_past_the_tolerance_and_fail_past_the_limit(tmp_path):
    pdf = pdf_with_words(tmp_path / "ok.pdf", [(100, 200, "fine")])
    log = tmp_path / "book.log"
    small = "Overfull \\hbox (4.9pt too wide) in paragraph at lines 1--2\n"
    wide = "Overfull \\hbox ({:.1f}pt too wide) in paragraph at lines {}--{}\n"
    log.write_text(small * 50 + "".join(wide.format(6 + n, n, n + 1) for n in range(pdf_layout.MAX_OVERFULL_LINES)))
    assert pdf_layout.layout_problems(pdf, log) == []
    log.write_text(log.read_text() + wide.format(99.0, 7, 8))
    (problem,) = pdf_layout.layout_problems(pdf, log)
    assert problem.startswith(f"book.log: {pdf_layout.MAX_OVERFULL_LINES + 1} lines run more than 5 pt")
    assert "the widest: 99 pt at in paragraph at lines 7--8" in problem


def empty_log(folder):
    log = folder / "empty.log"
    log.write_text("")
    return log


# --- Column widths --------------------------------------------------------------------------------


def entry(text: str, literal: bool = False) -> nodes.entry:
    made = nodes.entry()
    made += nodes.paragraph("", "", nodes.literal(text, text) if literal else nodes.Text(text))
    return made


def cell(text: str, literal: bool = False) -> Cell:
    return cell_of(entry(text, literal))


def test_every_column_is_at_least_as_wide_as_its_longest_word():
    header = [cell("Date"), cell("Verdict"), cell("Why")]
    rows = [[cell("27 September 1905"), cell("Accurate"), cell("long reasons " * 20)],
            [cell("1 May 2024"), cell("Contested"), cell("short")]]
    widths = column_widths_em(header, rows)
    assert widths is not None
    for column, width in enumerate(widths):
        longest = max(c[column].longest_word_em() for c in [header, *rows])
        assert width >= longest
    assert sum(widths) <= available_em(3) + 1e-9
    assert widths[2] == max(widths)  # the rest of the line goes to the column with most to say


def test_a_table_whose_longest_words_cannot_stand_side_by_side_gets_no_widths():
    header = [cell(f"H{n}") for n in range(6)]
    rows = [[cell("Incomprehensibilities" * 2) for _ in range(6)]]
    assert column_widths_em(header, rows) is None


def test_field_names_break_at_underscores_only_when_whole_they_squeeze_the_text():
    header = [cell("Field"), cell("Description")]
    short = [[cell("says_iturup", literal=True), cell("What the text says of the island. " * 4)]]
    assert column_widths_em(header, short)[0] >= short[0][0].longest_word_em()
    crowded = [[cell("a_very_long_field_name_" * 6, literal=True), cell("What the text says. " * 6)]]
    widths = column_widths_em(header, crowded)
    assert widths is not None and widths[0] < crowded[0][0].longest_word_em()


def test_a_table_the_machinery_makes_shares_a_pages_width_as_print_sets_its_columns():
    """One model of a table's widths: the data dictionary's columns take the widths print reads off the
    same cells, in tenths of an em, as their shares of a page."""
    header = [entry("Field"), entry("Description")]
    rows = [[entry("says_iturup", literal=True), entry("What the text says of the island. " * 4)],
            [entry("date", literal=True), entry("When.")]]
    printed = column_widths_em([cell_of(e) for e in header], [[cell_of(e) for e in row] for row in rows])
    assert column_shares(header, rows) == [round(width * 10) for width in printed]


def test_japanese_text_may_break_between_any_two_characters():
    assert cell("択捉島は北方領土の一つである").longest_word_em() == pytest.approx(1.0)


def test_a_date_kept_whole_is_one_word_of_its_column():
    date = entry("1855年2月7日")
    date["classes"].append(DATE_CLASS)  # as DatesKeptWhole marks it
    assert cell_of(date).longest_word_em() == pytest.approx(cell_of(date).width_em())
    assert cell_of(date).width_em() > 5
    assert cell("1855年2月7日").longest_word_em() < 2.5  # unmarked, it may break after "1855"


def test_a_table_as_blocks_keeps_its_first_column_and_stacks_the_rest_under_their_names():
    table = nodes.table()
    group = nodes.tgroup(cols=3)
    table += group
    group += [nodes.colspec(colwidth=1) for _ in range(3)]
    head = nodes.thead()
    head += nodes.row("", *[nodes.entry("", nodes.paragraph(text=t)) for t in ("No.", "Claim", "Verdict")])
    body = nodes.tbody()
    body += nodes.row("", *[nodes.entry("", nodes.paragraph(text=t)) for t in ("c01", "Some claim", "Accurate")])
    body += nodes.row("", *[nodes.entry("", nodes.paragraph(text=t)) for t in ("c02", "", "Wrong")])
    group += [head, body]
    as_blocks(*table_parts(table))
    _, header, rows = table_parts(table)
    assert [e.astext() for e in header] == ["No.", "Claim, Verdict"]
    assert [[e.astext() for e in row] for row in rows] == [
        ["c01", "Claim: Some claim\n\nVerdict: Accurate"], ["c02", "Verdict: Wrong"]]
