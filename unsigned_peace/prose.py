"""Computed words to glue into the prose, so that counts read as words and still come from the data."""

from __future__ import annotations

NUMBER_WORDS = ["none", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"]


class Words(str):
    """Text for `{glue:text}`: it shows as itself, without the quotes of a string's repr."""

    def __repr__(self) -> str:
        return str(self)


def count_in_words(count: int) -> Words:
    """'none', 'one' ... 'ten' for small counts; larger ones as digits with thousands separators."""
    count = int(count)
    if count < 0:
        raise ValueError(f"a count cannot be negative: {count}")
    return Words(NUMBER_WORDS[count] if count < len(NUMBER_WORDS) else f"{count:,}")
