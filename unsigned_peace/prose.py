"""Computed words to glue into the prose, so that counts read as words and still come from the data."""

from __future__ import annotations

from collections.abc import Iterable

from unsigned_peace.language import SOURCE_LANGUAGE, current_language
from unsigned_peace.messages import _, pgettext
from unsigned_peace.numbers import count as count_text

NUMBER_WORDS = ["none", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"]


class Words(str):
    """Text for `{glue:text}`: it shows as itself, without the quotes of a string's repr."""

    def __repr__(self) -> str:
        return str(self)


def count_in_words(count: int) -> Words:
    """'none', 'one' ... 'ten' for small counts; larger ones as digits with thousands separators.

    The other editions write every count in digits, as their language does: the word for a number in
    Russian agrees with the noun it counts, which only the sentence around it knows."""
    count = int(count)
    if count < 0:
        raise ValueError(f"a count cannot be negative: {count}")
    if current_language() != SOURCE_LANGUAGE:
        return Words(count_text(count))
    return Words(NUMBER_WORDS[count] if count < len(NUMBER_WORDS) else f"{count:,}")


def year_span(first: int, last: int) -> Words:
    """A span of years for prose and captions: '2023' when it is one year, '2018–2023' otherwise.

    A span of one year is that year ("2018–2018" reads as a slip); a span whose end comes before its
    start is an error."""
    first, last = int(first), int(last)
    if last < first:
        raise ValueError(f"a span of years cannot end ({last}) before it starts ({first})")
    return Words(str(first) if first == last else f"{first}–{last}")


def separated(items: Iterable[str]) -> Words:
    """Items listed one after another, as the edition's language separates them: 'Iturup, Kunashir, Urup'."""
    # Translators: what separates the items of a list ("Iturup, Kunashir"): a comma and a space in English.
    return Words(pgettext("between the items of a list", ", ").join(str(item) for item in items))


def and_list(items: Iterable[str]) -> Words:
    """'Kunashir', 'Kunashir and Shikotan', 'Kunashir, Shikotan and Urup': items listed, the last joined by the
    edition's word for 'and' (the English puts no comma before it); nothing, for no items."""
    items = [str(item) for item in items]
    if len(items) < 2:
        return Words("".join(items))
    # Translators: a list's last item joined to the others ({items}, already separated as the language separates them).
    return Words(_("{items} and {last}").format(items=separated(items[:-1]), last=items[-1]))


QUOTE = '"'


def quotation_marks(text: str) -> str:
    """Words quoted as said, between the edition's quotation marks: the data writes them between straight
    double quotes, as the English edition shows them; the Japanese edition sets 「」 and the Russian «».
    A text that quotes several passages ("…" … "…") has each pair set so. A text whose straight quotes do
    not pair up, or that does not begin with one, is left as it is: which mark opens it cannot be told."""
    # Translators: the quotation marks around words quoted as said ({words}); 「{words}」 in Japanese.
    marks = pgettext("quotation marks", '"{words}"')
    opening, _words, closing = marks.partition("{words}")
    if (opening, closing) == (QUOTE, QUOTE) or not text.startswith(QUOTE) or text.count(QUOTE) % 2:
        return text
    pieces = text.split(QUOTE)
    return "".join(piece + (opening if index % 2 == 0 else closing) for index, piece in enumerate(pieces[:-1])) \
        + pieces[-1]


def quotation(words: str) -> str:
    """Words quoted as said, in the edition's quotation marks: a cell that carries its own straight quotes
    (one that quotes several passages) keeps its pairs, one without them is put between a pair."""
    return quotation_marks(words if words.startswith(QUOTE) else f"{QUOTE}{words}{QUOTE}")
