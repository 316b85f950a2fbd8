"""What a reader of the printed book would see as broken: words printed over words, words outside the
type area, lines that ran into the margin.

The PDF is read back with poppler's `pdftotext -bbox`, which gives every word's box on every page; the
LaTeX log gives the overfull lines.
"""

from __future__ import annotations

import html
import re
import subprocess
from collections import defaultdict
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path

# A word that overlaps another by more than this share of the smaller box is printed over it.
OVERLAP_SHARE = 1 / 3
# Closer than this to the paper's side edges, or to its top or bottom, a word is outside the type area.
SIDE_MARGIN_PT = 36
HEAD_FOOT_MARGIN_PT = 20
# An overfull line up to this much too wide is not visible in print.
OVERFULL_TOLERANCE_PT = 5.0
MAX_OVERFULL_LINES = 10

PAGE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', re.S)
WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>')
OVERFULL = re.compile(r"^Overfull \\hbox \(([\d.]+)pt too wide\) (.*)$", re.M)
GRID_PT = 24
CORE_INSET = 0.25
# Japanese punctuation whose glyph fills one half of its square: LuaTeX-ja sets it half a square wide where it
# meets other punctuation or a line's end, so that poppler's box for it (the whole square) reaches over its
# neighbour's while its ink does not. Brackets that close, the comma and full stop have their ink on the left;
# brackets that open, on the right (the quotation marks too, which Japanese text sets in its own face).
INK_ON_LEFT = frozenset("、。，．」』）］｝〉》】〕〗〙〛”’")
INK_ON_RIGHT = frozenset("「『（［｛〈《【〔〖〘〚“‘")


@dataclass(frozen=True)
class Word:
    page: int
    text: str
    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def area(self) -> float:
        return max(self.x1 - self.x0, 0.0) * max(self.y1 - self.y0, 0.0)


@dataclass(frozen=True)
class Page:
    number: int
    width: float
    height: float
    words: tuple[Word, ...]


def read_pages(pdf: Path) -> list[Page]:
    """Every page of `pdf` with the box of each word on it."""
    result = subprocess.run(["pdftotext", "-bbox", "-enc", "UTF-8", str(pdf), "-"],
                            capture_output=True, text=True, check=True)
    pages = []
    for number, (width, height, body) in enumerate(PAGE.findall(result.stdout), start=1):
        words = tuple(Word(number, html.unescape(text), float(x0), float(y0), float(x1), float(y1))
                      for x0, y0, x1, y1, text in WORD.findall(body))
        pages.append(Page(number, float(width), float(height), words))
    return pages


def _inked(word: Word) -> tuple[float, float]:
    """A word's box from left to right without the blank half of Japanese punctuation at either end (a square
    reckoned as the word's width over its characters: exact for a word of Japanese characters alone)."""
    text = word.text
    if not text:
        return word.x0, word.x1
    half = (word.x1 - word.x0) / len(text) / 2
    left = word.x0 + (half if text[0] in INK_ON_RIGHT else 0.0)
    right = word.x1 - (half if text[-1] in INK_ON_LEFT else 0.0)
    return left, max(left, right)


def shared_area(a: Word, b: Word) -> float:
    width = min(_inked(a)[1], _inked(b)[1]) - max(_inked(a)[0], _inked(b)[0])
    height = min(_core(a)[1], _core(b)[1]) - max(_core(a)[0], _core(b)[0])
    return width * height if width > 0 and height > 0 else 0.0


def _core(word: Word) -> tuple[float, float]:
    """The middle of a word's box, top to bottom: poppler's boxes span the font's whole ascent and
    descent (tall for a Japanese font), so the boxes of two lines set close together touch, while their
    letters do not."""
    inset = (word.y1 - word.y0) * CORE_INSET
    return word.y0 + inset, word.y1 - inset


def is_rotated(word: Word) -> bool:
    """Whether a word is (a character of) a line set sideways, such as a chart's axis title: poppler boxes each
    of its characters with the font's whole height across, wider than the character is long, and wider than its
    ink, which says nothing of where that ink is."""
    return bool(word.text) and (word.x1 - word.x0) / len(word.text) > (word.y1 - word.y0)


def overlapping_words(page: Page) -> list[tuple[Word, Word]]:
    """Pairs of words on `page` drawn one over the other (lines set sideways aside)."""
    cells: dict[tuple[int, int], list[int]] = defaultdict(list)
    for index, word in enumerate(page.words):
        if is_rotated(word):
            continue
        for column in range(int(word.x0 // GRID_PT), int(word.x1 // GRID_PT) + 1):
            for row in range(int(word.y0 // GRID_PT), int(word.y1 // GRID_PT) + 1):
                cells[column, row].append(index)
    pairs = set()
    for members in cells.values():
        for i, j in combinations(members, 2):
            pairs.add((min(i, j), max(i, j)))
    overlaps = []
    for i, j in sorted(pairs):
        a, b = page.words[i], page.words[j]
        smaller = (min(_inked(a)[1] - _inked(a)[0], _inked(b)[1] - _inked(b)[0])
                   * min(_core(a)[1] - _core(a)[0], _core(b)[1] - _core(b)[0]))
        if smaller > 0 and shared_area(a, b) > OVERLAP_SHARE * smaller:
            overlaps.append((a, b))
    return overlaps


def words_outside_type_area(page: Page) -> list[Word]:
    return [w for w in page.words
            if w.x0 < SIDE_MARGIN_PT or w.x1 > page.width - SIDE_MARGIN_PT
            or w.y0 < HEAD_FOOT_MARGIN_PT or w.y1 > page.height - HEAD_FOOT_MARGIN_PT]


def overfull_lines(log: Path) -> list[tuple[float, str]]:
    """Overfull lines wider than the tolerance, with how much too wide and where, widest first."""
    text = log.read_text(encoding="utf-8", errors="replace")
    found = [(float(width), where.strip()) for width, where in OVERFULL.findall(text)]
    return sorted((f for f in found if f[0] > OVERFULL_TOLERANCE_PT), reverse=True)


def layout_problems(pdf: Path, log: Path) -> list[str]:
    """One line per page with words over words or outside the type area, and one for overfull lines."""
    problems = []
    for page in read_pages(pdf):
        overlaps = overlapping_words(page)
        if overlaps:
            shown = "; ".join(f"{a.text!r} over {b.text!r}" for a, b in overlaps[:3])
            more = f" and {len(overlaps) - 3} more" if len(overlaps) > 3 else ""
            problems.append(f"{pdf.name}: page {page.number}: words printed over words: {shown}{more}")
        outside = words_outside_type_area(page)
        if outside:
            shown = ", ".join(repr(w.text) for w in outside[:5])
            more = f" and {len(outside) - 5} more" if len(outside) > 5 else ""
            problems.append(f"{pdf.name}: page {page.number}: words outside the type area: {shown}{more}")
    wide = overfull_lines(log)
    if len(wide) > MAX_OVERFULL_LINES:
        shown = "; ".join(f"{width:.0f} pt at {where}" for width, where in wide[:3])
        problems.append(f"{log.name}: {len(wide)} lines run more than {OVERFULL_TOLERANCE_PT:.0f} pt into the margin "
                        f"(at most {MAX_OVERFULL_LINES} allowed), the widest: {shown}")
    return problems
