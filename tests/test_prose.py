"""Counts glued into the prose as words."""

import pytest
from IPython.core.formatters import PlainTextFormatter

from unsigned_peace.language import LANGUAGE_ENV
from unsigned_peace.positions import attributed
from unsigned_peace.prose import Words, count_in_words, quotation, quotation_marks, year_span


@pytest.mark.parametrize("count, words", [(0, "none"), (1, "one"), (10, "ten"), (11, "11"), (24500, "24,500")])
def test_small_counts_are_words_and_large_ones_digits(count, words):
    assert count_in_words(count) == words


def test_glued_words_show_without_quotes():
    assert PlainTextFormatter()(Words("two")) == "two"
    assert PlainTextFormatter()("two") == "'two'"  # what a plain string would show


def test_a_negative_count_is_an_error():
    with pytest.raises(ValueError):
        count_in_words(-1)


@pytest.mark.parametrize("first, last, span",
                         [(2018, 2018, "2018"), (2018, 2023, "2018–2023"), (1855, 2026, "1855–2026")])
def test_a_span_of_one_year_is_that_year(first, last, span):
    assert year_span(first, last) == span
    assert repr(year_span(first, last)) == span


def test_a_span_that_ends_before_it_starts_is_an_error():
    with pytest.raises(ValueError, match="before it starts"):
        year_span(2023, 2018)


@pytest.mark.parametrize("language, quoted", [
    ("en", '"Words as said." … "More words."'),
    ("ja", "「Words as said.」 … 「More words.」"),
    ("ru", "«Words as said.» … «More words.»"),
])
def test_words_quoted_as_said_take_the_editions_quotation_marks(monkeypatch, language, quoted):
    monkeypatch.setenv(LANGUAGE_ENV, language)
    assert quotation_marks('"Words as said." … "More words."') == quoted
    # Marks that do not pair up, or text that is not a quotation, are left as they are.
    assert quotation_marks('"Unclosed words.') == '"Unclosed words.'
    assert quotation_marks('A title with "a quoted word" inside') == 'A title with "a quoted word" inside'
    # Every quotation the book attributes goes through them.
    assert attributed('"Words."', "", "", "A speaker", None, "A source").startswith(quoted.split(" … ")[0][:1])


def test_words_without_marks_are_put_between_the_editions_and_words_with_them_keep_their_pairs(monkeypatch):
    monkeypatch.setenv(LANGUAGE_ENV, "ru")
    assert quotation("Слова.") == "«Слова.»"
    assert quotation('"Первые." … "Вторые."') == "«Первые.» … «Вторые.»"
