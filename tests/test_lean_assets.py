"""The lean style sheets are made again only when the pages name other classes, ids or elements."""

from pathlib import Path

from unsigned_peace.machinery.lean_assets import used_words


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_new_text_on_a_page_keeps_the_words_that_selectors_could_name(tmp_path):
    sheet = write(tmp_path, "theme.css", ".card { color: red } #note, table td.wide { margin: 0 }")
    before = used_words([write(tmp_path, "a.html", '<div class="card">Visits were suspended.</div>')], [sheet])
    after = used_words([write(tmp_path, "a.html", '<div class="card">Visits were ended in 2022.</div>')], [sheet])
    assert before == after == "card"


def test_a_page_that_names_another_class_or_element_changes_them(tmp_path):
    sheet = write(tmp_path, "theme.css", ".card { color: red } table td.wide { margin: 0 }")
    plain = used_words([write(tmp_path, "a.html", '<div class="card">x</div>')], [sheet])
    widened = used_words([write(tmp_path, "a.html", '<div class="card wide"><table><td>x</td></table></div>')],
                         [sheet])
    assert plain != widened and set(widened.split()) == {"card", "wide", "table", "td"}
