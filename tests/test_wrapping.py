"""Text wrapped into lines in every language of the book (unsigned_peace/wrapping.py)."""

import textwrap

import pytest

from unsigned_peace.wrapping import fill, width, wrap

ENGLISH = "Sources: Ministry of Foreign Affairs of Japan; Presidential Library (Boris Yeltsin Presidential Library)"
RUSSIAN = "Источники: Министерство иностранных дел Российской Федерации; Президентская библиотека"
JAPANESE = "1855年: 日露和親条約が、択捉島（日本領）と得撫島（ロシア領）の間に国境を定める。"


@pytest.mark.parametrize("text", [ENGLISH, RUSSIAN, "", "   ", "one"])
@pytest.mark.parametrize("columns", [10, 36, 56])
def test_text_without_japanese_wraps_as_textwrap_wraps_it(text, columns):
    assert wrap(text, columns) == textwrap.wrap(text, columns)
    assert fill(text, columns) == textwrap.fill(text, columns)


def test_japanese_breaks_between_characters_each_as_wide_as_two_letters():
    lines = wrap(JAPANESE, 20)
    assert "".join(lines).replace(" ", "") == JAPANESE.replace(" ", "")
    assert len(lines) > 1 and all(width(line) <= 20 for line in lines)
    assert width("択捉島 Iturup") == 13


def test_closing_punctuation_never_starts_a_line_nor_an_opening_bracket_ends_one():
    for columns in range(6, 40):
        lines = wrap(JAPANESE + "「択捉島」（えとろふとう）。", columns)
        assert not [line for line in lines[1:] if line[0] in "、。」）"], columns
        assert not [line for line in lines if line[-1] in "「（"], columns


def test_latin_words_in_japanese_text_stay_whole():
    lines = wrap("出典：Paul Wessel (SOEST, University of Hawaii) ほか28件（すべてグラフの元データに記載）。", 24)
    words = " ".join(lines).split()
    assert {"Wessel", "(SOEST,", "University", "Hawaii)"} <= set(words)
