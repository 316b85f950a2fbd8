"""Text measured by display width: wrapping and shortening that hold for Japanese (wide characters, no
spaces) and leave the English and Russian text as `textwrap` has always cut it.

Expectations come from the rule's definition (textwrap's own cut for text without wide characters) or
from how a test title is built, never from the function's output."""

import csv
import html
import textwrap
import unicodedata

import pytest
from conftest import DATA

from unsigned_peace import load_data
from unsigned_peace.charts.timeline import LABEL_CHARS, NARROW_LABEL_CHARS, event_timeline
from unsigned_peace.language import LANGUAGE_ENV
from unsigned_peace.text_width import display_width, shorten, wrap, wrap_within

KANJI = "択捉国後色丹歯舞群島平和条約共同宣言"


def translated(language, table, column):
    with (DATA / "translations" / language / f"{table}.csv").open(encoding="utf-8") as handle:
        return [row["text"] for row in csv.DictReader(handle) if row["column"] == column and row["text"]]


def english_titles():
    with (DATA / "events.csv").open(encoding="utf-8") as handle:
        return [row["title"] for row in csv.DictReader(handle)]


def cut_as_textwrap(text, width):
    """The cut the timeline has always made of a text without wide characters: whole words, then "…"."""
    if len(text) <= width:
        return text
    return textwrap.shorten(text, width - 1, placeholder="", break_on_hyphens=False).rstrip(" ,;:·–-") + "…"


def test_a_wide_character_takes_two_columns_and_any_other_one():
    assert all(unicodedata.east_asian_width(char) == "W" for char in "択捉島、。")
    assert display_width("択捉島") == 2 * len("択捉島")
    assert display_width("Iturup Итуруп") == len("Iturup Итуруп")
    assert display_width("2022年2月") == display_width("2022") + display_width("年") + 1 + display_width("月")


@pytest.mark.parametrize("width", [NARROW_LABEL_CHARS, LABEL_CHARS, 60])
def test_english_and_russian_text_is_cut_and_wrapped_as_before(width):
    texts = english_titles() + translated("ru", "events", "title") + translated("ru", "events", "summary")
    for text in texts:
        assert shorten(text, width) == cut_as_textwrap(text, width)
        assert wrap(text, width) == textwrap.wrap(text, width)


def test_a_japanese_text_is_shortened_to_the_width_at_the_end_of_a_phrase():
    first, rest = "日露和親条約署名", KANJI * 2
    title = first + "、" + rest
    # The comma is the one place a phrase ends: 8 characters (16 columns) before it, more than a third of
    # the 45 columns left for "…" but less than half, are kept over a cut through the kanji at 22 characters.
    assert shorten(title, 46) == title[:22] + "…"
    # Past half the room, the comma wins.
    assert shorten(title, 30) == first + "…"
    # A run of kana after kanji closes a phrase: "条約が|" rather than inside "条約".
    title = "平和条約締結後に歯舞群島と色丹島を日本に引き渡すことで両国が合意した"
    shortened = shorten(title, 30)
    assert display_width(shortened) <= 30 and shortened.endswith("…")
    stem = shortened[:-1]
    assert title.startswith(stem) and stem[-1] in "にとをがで"


def test_a_japanese_text_with_no_phrase_end_is_cut_at_the_width():
    title = KANJI * 3
    shortened = shorten(title, 21)
    assert shortened == title[: (21 - 1) // 2] + "…"
    assert display_width(shortened) <= 21


def test_every_japanese_title_fits_its_label_and_never_splits_a_latin_word_or_a_compound_where_a_phrase_ends():
    for title in translated("ja", "events", "title"):
        for width in (LABEL_CHARS, NARROW_LABEL_CHARS - len("1956 · ")):
            shortened = shorten(title, width)
            assert display_width(shortened) <= width, shortened
            if shortened == title:
                continue
            stem = shortened[:-1]
            assert shortened.endswith("…") and title.startswith(stem), shortened
            before, after = title[len(stem) - 1], title[len(stem)]
            assert not (before.isascii() and before.isalnum() and after.isascii() and after.isalnum()), shortened
            if display_width(stem) * 2 >= width and width == LABEL_CHARS:
                # Where the label has room to end at a phrase, it does not end inside a run of kanji.
                assert not ("\u4e00" <= before <= "\u9fff" and "\u4e00" <= after <= "\u9fff"), shortened


def test_japanese_lines_keep_their_width_their_words_and_their_punctuation():
    text = "ロシア国営のTASS通信は、2022年2月7日、岸田首相の演説を報じた。" * 4
    lines = wrap(text, 30)
    assert all(display_width(line) <= 30 for line in lines)
    assert "".join(lines) == text
    assert not any(line[0] in "、。）」" for line in lines)
    assert all("TASS" in line or "T" not in line for line in lines)
    assert all("2022" in line or "202" not in line for line in lines)


def test_a_japanese_edition_timeline_labels_fit_in_columns(monkeypatch):
    monkeypatch.setenv(LANGUAGE_ENV, "ja")
    data = load_data("events", "sources")
    events = data.events.sort_values(["date", "event_id"]).head(60)
    spec = event_timeline(events, data.sources, alt="alt", source="Source: test.").spec()
    rows = spec["figure"]["layout"]["yaxis"]["categoryarray"]
    narrow = spec["phone"]["layout"]["yaxis"]["ticktext"]
    assert len(rows) == len(events)
    for row, title in zip(rows, events["title"]):
        shown = row.split(" · ", 1)[1]
        assert display_width(shown) <= LABEL_CHARS and (shown == title or title.startswith(shown[:-1]))
    assert all(display_width(label) <= NARROW_LABEL_CHARS for label in narrow)
    hover = [html.unescape(line) for trace in spec["figure"]["data"] for data_row in trace["customdata"]
             for cell in data_row[1:] for line in cell.split("<br>")]
    assert max(display_width(line) for line in hover) <= 60


@pytest.mark.parametrize("lines", [1, 2, 3])
def test_a_text_wrapped_within_lines_is_whole_when_it_fits_and_else_shortened_to_fit(lines):
    texts = english_titles() + translated("ru", "events", "title") + translated("ja", "events", "title")
    cut = 0
    for text in texts:
        wrapped = wrap_within(text, 16, lines)
        assert 1 <= len(wrapped) <= lines and all(display_width(line) <= 16 for line in wrapped)
        if len(wrap(text, 16)) <= lines:
            assert wrapped == wrap(text, 16)
        else:
            cut += 1
            # The lines, put back together (spaces aside: a line may break at a space or a hyphen), are the
            # start of the text and "…".
            shown = "".join(wrapped).replace(" ", "")
            assert shown.endswith("…") and text.replace(" ", "").startswith(shown[:-1].rstrip(",;:·–-、。・：；，"))
    assert cut  # some titles needed more lines than given
