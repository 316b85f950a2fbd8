"""Text wrapped into lines of a width, in every language of the book: the one way the charts and the images'
source lines wrap a text.

English and Russian break lines at spaces, as `textwrap.wrap` does (text without a Japanese character is
wrapped by it, unchanged). Japanese writes no spaces between words and may break between any two of its
characters, as it is typeset in Japan, save that closing punctuation (、。」）...) never starts a line and
opening brackets (「（...) never end one. A Japanese character is as wide as two Latin letters, so it counts
twice against the width, which is in Latin characters.
"""

from __future__ import annotations

import re
import textwrap

# Japanese (and Chinese) characters and punctuation, and the full-width forms.
CJK = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\U00020000-\U0002fa1f]")
# What never starts a line, and what never ends one (the essentials of the Japanese rules, kinsoku).
NOT_AT_START = frozenset("、。，．・：；？！）」』】〕〉》］｝ー々ぁぃぅぇぉっゃゅょァィゥェォッャュョ…‥")
NOT_AT_END = frozenset("（「『【〔〈《［｛")
# A run of what is not Japanese and not a space: a Latin word, a number, kept whole.
UNIT = re.compile(rf"\s+|{CJK.pattern}|[^\s\u2e80-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\U00020000-\U0002fa1f]+")


def width(text: str) -> int:
    """How many Latin characters `text` is as wide as: a Japanese character counts for two."""
    return sum(2 if CJK.match(char) else 1 for char in text)


def wrap(text: str, columns: int) -> list[str]:
    """`text` in lines at most `columns` Latin characters wide (a longer word, or a character the rules keep
    with its neighbour, may run over), without the spaces at the breaks; [] for blank text."""
    if not CJK.search(text):
        return textwrap.wrap(text, columns)
    lines: list[list[str]] = [[]]
    for unit in UNIT.findall(" ".join(text.split())):
        line = lines[-1]
        if unit == " ":
            if line:
                line.append(unit)
            continue
        if line and width("".join(line) + unit) > columns and unit[0] not in NOT_AT_START:
            carried = []
            while line and line[-1] != " " and line[-1][-1] in NOT_AT_END:
                carried.insert(0, line.pop())
            if line:
                lines.append(carried)
                line = lines[-1]
            else:
                line.extend(carried)
        line.append(unit)
    return ["".join(line).strip() for line in lines if "".join(line).strip()]


def fill(text: str, columns: int) -> str:
    return "\n".join(wrap(text, columns))
