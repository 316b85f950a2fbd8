"""The PDF's transforms, on the LaTeX the builder writes: tables' column widths from their content, no code,
and a root page shaped as a book."""

import re

import nbformat
from tiny_projects import add_transform, notebook, tiny_build

from unsigned_peace.machinery.content.column_widths import COLUMN_GAP_PT, LINE_WIDTH_PT, TABLE_FONT_PT, Cell
from unsigned_peace.machinery.pdf import latex, print_tables

DATED = [("12 September 1956", "Declared", "Both sides agree to end the state of war and to restore diplomatic "
          "relations; the Soviet Union agrees to hand over Habomai and Shikotan after a peace treaty is signed."),
         ("8 September 1951", "Signed", "Japan renounces all right, title and claim to the Kuril Islands.")]
# Too many columns of long words to stand side by side on one line: the table prints as blocks.
WIDE_HEADER = ["Island", *(f"Administration{n}" for n in range(1, 9))]
WIDE_ROW = ["Iturup", *(f"Sakhalinskaya{n}" for n in range(1, 9))]
COLUMN = re.compile(r"\\X\{(\d+)\}\{(\d+)\}")


def markdown_table(header: list[str], rows: list) -> str:
    lines = [header, ["---"] * len(header), *rows]
    return "".join(f"| {' | '.join(line)} |\n" for line in lines)


def tex_of(built) -> str:
    return built.output("tiny.tex")


def table_specs(tex: str) -> list[str]:
    return re.findall(r"\\begin\{longtable\}(?:\[c\])?\{(.*)\}\s*$", tex, flags=re.M)


def build_tables(tmp_path, page: str):
    return tiny_build(tmp_path, {"index": f"# Treaties\n\n{page}"},
                      lambda app: add_transform(app, print_tables.PrintTableLayout), builder="latex")


def test_each_column_is_as_wide_as_its_longest_word_and_the_longest_text_gets_the_rest(tmp_path):
    built = build_tables(tmp_path, markdown_table(["Date", "Verdict", "Summary"], DATED))
    assert built.warnings == ""
    [spec] = table_specs(tex_of(built))
    shares = [(int(share), int(total)) for share, total in COLUMN.findall(spec)]
    assert len(shares) == 3 and spec.count(r"\raggedright") == 3
    widths_pt = [share * LINE_WIDTH_PT / total for share, total in shares]
    for column, width in enumerate(widths_pt):
        longest = max(Cell([(row[column], False)]).longest_word_em() for row in DATED)
        assert width - COLUMN_GAP_PT >= longest * TABLE_FONT_PT, f"column {column} is narrower than its longest word"
    assert widths_pt[2] == max(widths_pt), "the summaries have the most to say"
    assert sum(widths_pt) <= LINE_WIDTH_PT + 1


def test_a_table_whose_longest_words_do_not_fit_side_by_side_prints_as_blocks(tmp_path):
    built = build_tables(tmp_path, markdown_table(WIDE_HEADER, [WIDE_ROW]))
    tex = tex_of(built)
    [spec] = table_specs(tex)
    assert len(COLUMN.findall(spec)) == 2
    for name, value in zip(WIDE_HEADER[1:], WIDE_ROW[1:]):
        assert rf"\sphinxstylestrong{{{name}: }}{value}" in tex


def test_a_table_with_its_own_column_specification_keeps_it(tmp_path):
    page = "```{tabularcolumns} |l|p{5cm}|p{5cm}|\n```\n\n" + markdown_table(["Date", "Verdict", "Summary"], DATED)
    built = build_tables(tmp_path, page)
    assert "|l|p{5cm}|p{5cm}|" in tex_of(built)
    assert not COLUMN.search(tex_of(built))


def test_code_cells_leave_print_and_an_output_that_would_print_as_plain_text_is_reported(tmp_path):
    chapter = notebook(
        nbformat.v4.new_markdown_cell("# Counts\n\nThe prose stays."),
        nbformat.v4.new_code_cell("claims_by_party = count(claims)", outputs=[
            nbformat.v4.new_output("stream", name="stdout", text="printed by the code\n")]),
    )
    built = tiny_build(tmp_path, {"index": chapter}, lambda app: add_transform(app, latex.DropCodeForPrint),
                       builder="latex", extensions=("myst_nb",), nb_execution_mode="off")
    tex = tex_of(built)
    assert "The prose stays." in tex
    assert "sphinxVerbatim" not in tex, "a code cell's source or output is printed"
    assert "count" not in tex and "printed by the code" not in tex
    assert "would print as plain text in the PDF" in built.warnings


def test_the_root_page_becomes_an_unnumbered_introduction_and_each_toc_caption_a_part(tmp_path):
    intro_title = "How to read it"

    def setup(app):
        app.add_config_value("unsigned_peace_intro_title", "Introduction", "env", types=[str])
        app.config.unsigned_peace_intro_title = intro_title
        app.connect("doctree-read", latex.keep_toc_captions)
        add_transform(app, latex.BookStructure)

    root = ("# The Unsigned Peace\n\nRead the chapters in order.\n\n"
            "```{toctree}\n:caption: Analysis\nislands\n```\n\n```{toctree}\n:caption: Reference\nsources\n```\n")
    built = tiny_build(tmp_path, {"index": root, "islands": "# Islands\n\nFour islands.\n",
                        "sources": "# Sources\n\nThe list.\n"}, setup, builder="latex")
    assert built.warnings == ""
    body = tex_of(built).split(r"\begin{document}")[1]
    expected = [r"\setcounter{secnumdepth}{-1}", rf"\chapter{{{intro_title}}}", "Read the chapters in order.",
                r"\setcounter{secnumdepth}{\UPsecnumdepth}", r"\part{Analysis}", r"\chapter{Islands}",
                r"\part{Reference}", r"\chapter{Sources}"]
    positions = [body.find(part) for part in expected]
    assert -1 not in positions and positions == sorted(positions), dict(zip(expected, positions))
    assert r"\chapter{The Unsigned Peace}" not in body and r"\section{Islands}" not in body
