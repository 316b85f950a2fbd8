"""Text measured as a reader sees it: by display width, where a Japanese character takes two columns.

The charts wrap their tooltips and shorten their row labels to a number of columns. A Latin or Cyrillic
letter takes one column, a kanji or a kana two (Unicode's East Asian Width "W" and "F"), and Japanese
puts no spaces between words: wrapped or shortened by characters and spaces, a Japanese text comes out
twice as wide as an English one and in one unbroken line. Here:

- `display_width`: the columns a text takes;
- `wrap`: lines of at most `width` columns. A text with no wide character is wrapped exactly as
  `textwrap.wrap` wraps it (the English and Russian editions' text is unchanged); a Japanese one may
  also break between two wide characters, but never before a character that cannot start a line
  (a closing bracket, 、 and 。, a small kana, ー) nor after an opening bracket, and never inside a run of
  Latin letters or digits (with what touches it: "2022年", "TASS通信");
- `wrap_within`: at most so many such lines, the text shortened (ending in "…") when it needs more;
- `shorten`: a text cut to at most `width` columns, ending in "…". Without a wide character it ends at
  the last whole word that fits, as `textwrap.shorten` cuts; a Japanese text ends where a word is most
  likely to end: at a space or a punctuation mark, or after a run of hiragana (a particle or an
  inflection closes a phrase: 条約が|…), else where the script changes (kanji to katakana), and only
  failing those at any point a line may break.
"""

from __future__ import annotations

import textwrap
import unicodedata

ELLIPSIS = "…"
WIDE = ("W", "F")
# Characters a Japanese line may not start with, and those it may not end with (a simple kinsoku).
NO_LINE_START = set("、。，．,.)）]］}｝〕〉》」』】〙〗・：；:;！？!?ー〜ゝゞ々"
                    "ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶ")
NO_LINE_END = set("(（[［{｛〔〈《「『【〘〖")
# Marks after which a shortened text may end (what closes a phrase), and before which it may.
PHRASE_END = set("、。，．,.)）]］」』】〕〉》・：；:;！？!?")
PHRASE_START = set("(（[［「『【〔〈《")
# What a shortened text does not end with, before its ellipsis.
TRAILING = " ,;:·–-、。・：；，"


def is_wide(char: str) -> bool:
    return unicodedata.east_asian_width(char) in WIDE


def display_width(text: str) -> int:
    """The columns `text` takes: two for each wide character, one for any other."""
    return sum(2 if is_wide(char) else 1 for char in text)


def has_wide(text: str) -> bool:
    return any(is_wide(char) for char in text)


def wrap(text: str, width: int) -> list[str]:
    """`text` in lines of at most `width` columns (see the module's docstring)."""
    if not has_wide(text):
        return textwrap.wrap(text, width)
    lines: list[str] = []
    line = ""
    for space, unit in _units(" ".join(text.split())):
        joined = line + (" " if space and line else "") + unit
        if line and display_width(joined) > width:
            lines.append(line)
            line = unit
        else:
            line = joined
        while display_width(line) > width:
            head = _fitting(line, width)
            lines.append(head)
            line = line[len(head):]
    if line:
        lines.append(line)
    return lines


def shorten(text: str, width: int) -> str:
    """`text` itself if it takes at most `width` columns; else cut to at most `width` columns, "…" included
    (see the module's docstring)."""
    if display_width(text) <= width:
        return text
    if not has_wide(text):
        shortened = textwrap.shorten(text, width - 1, placeholder="", break_on_hyphens=False)
        return shortened.rstrip(TRAILING) + ELLIPSIS
    room = width - display_width(ELLIPSIS)
    fits = len(_fitting(text, room))
    candidates = [0, 0, 0]
    for at in range(1, fits + 1):
        rank = _break_rank(text, at)
        if rank is not None:
            candidates[rank] = at
    # The best kind of break that keeps at least half the room; else the best there is; else a hard cut.
    half = next((at for at in candidates if at and display_width(text[:at]) * 2 >= room), 0)
    at = half or next((at for at in candidates if at), fits)
    return text[:at].rstrip(TRAILING) + ELLIPSIS


def wrap_within(text: str, width: int, lines: int) -> list[str]:
    """`text` in at most `lines` lines of at most `width` columns: wrapped whole if it fits, else shortened
    (as `shorten` cuts) until its wrapped lines do, the last of them ending in "…"."""
    wrapped = wrap(text, width)
    room = width * lines
    while len(wrapped) > lines and room > 1:
        room -= 1
        wrapped = wrap(shorten(text, room), width)
    return wrapped


def _fitting(text: str, width: int) -> str:
    """The longest start of `text` that takes at most `width` columns (one character at least)."""
    used = 0
    for index, char in enumerate(text):
        used += display_width(char)
        if used > width:
            return text[:max(index, 1)]
    return text


def _units(text: str) -> list[tuple[bool, str]]:
    """The pieces a Japanese line may break between, each with whether a space comes before it."""
    units: list[tuple[bool, str]] = []
    space = False
    for index, char in enumerate(text):
        if char == " ":
            space = True
            continue
        previous = text[index - 1] if index else ""
        if units and not space and not _may_break(previous, char):
            units[-1] = (units[-1][0], units[-1][1] + char)
        else:
            units.append((space, char))
        space = False
    return units


def _may_break(before: str, after: str) -> bool:
    """Whether a Japanese line may break between two characters that touch."""
    return (is_wide(before) and is_wide(after) and after not in NO_LINE_START and before not in NO_LINE_END)


def _script(char: str) -> str:
    if "\u3040" <= char <= "\u309f":
        return "hiragana"
    if "\u30a0" <= char <= "\u30ff":
        return "katakana"
    if "\u4e00" <= char <= "\u9fff" or char in "々〆":
        return "kanji"
    return "wide" if is_wide(char) else "narrow"


def _break_rank(text: str, at: int) -> int | None:
    """How well a shortened text ends before `text[at]`: 0 at a space or punctuation or after hiragana,
    1 where the script changes, 2 where a line may break at all; None where it may not end."""
    before, after = text[at - 1], text[at] if at < len(text) else ""
    if before == " " or after == " " or before in PHRASE_END or after in PHRASE_START:
        return 0
    if not after or not _may_break(before, after):
        return None
    if _script(before) == "hiragana" and _script(after) != "hiragana":
        return 0
    if _script(before) != _script(after):
        return 1
    return 2
