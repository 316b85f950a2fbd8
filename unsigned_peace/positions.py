"""Each government's position in its own words, set side by side by topic."""

from __future__ import annotations

import pandas as pd

from unsigned_peace.dates import format_date
from unsigned_peace.messages import _
from unsigned_peace.prose import quotation_marks
from unsigned_peace.schema import field_codebook

SIDES = ["Japan", "Russia"]


def attributed(quoted: str, english: str, by: str, speaker: str, date, cited: str, number: str = "") -> str:
    """A quotation (between straight quotes, which become the edition's quotation marks), its rendering in the
    edition's language where it has one (its English rendering in the English edition), who said it, when,
    where, and its number."""
    # Translators: the rendering of a quotation in the edition's language, set beside the words as said.
    text = quotation_marks(quoted) + (_(' (in English: "{rendering}"; {credit})').format(rendering=english, credit=by)
                                      if english else "")
    when = format_date(date, "day") if not pd.isna(date) else _("undated")
    return _("{quotation} — {speaker}, {date}. Source: {source}").format(
        quotation=text, speaker=speaker, date=when, source=cited) + (f" [{number}]" if number else "")


TRANSLATED_HERE = "this book"  # the value of a `translated_by` field for the book's own translations


def translation_credit(translated_by: str, source_id: str, publishers: pd.Series) -> str:
    """Who gave an English rendering: this book, or the publisher of the English version."""
    if translated_by == TRANSLATED_HERE:
        return _("translation by this book")
    return _("English version: {publisher}").format(publisher=publishers[source_id])


def statement_cell(position: pd.Series, translations: pd.DataFrame, publishers: pd.Series) -> str:
    """A statement as quoted, its English rendering where it is not in English, who said it, when, where."""
    english, by = "", ""
    if position["position_id"] in translations.index:
        rendering = translations.loc[position["position_id"]]
        english = rendering["text_en"]
        by = translation_credit(rendering["translated_by"], rendering["source_id"], publishers)
    return attributed(position["statement"], english, by, position["speaker"], position["date"],
                      publishers[position["source_id"]], position["position_id"])


def side_by_side(positions: pd.DataFrame, translations: pd.DataFrame, sources: pd.DataFrame) -> pd.DataFrame:
    """One row per pair of statements on a topic: Japan's on the left, Russia's on the right.

    Statements on a topic are paired in date order (undated first); when one side has more, the
    other side's cell is left empty. The topic is named on its first row only. The columns are named
    in the edition's language (the sides by the codebook's labels).
    """
    sides = side_labels()
    publishers = sources.set_index("source_id")["publisher"]  # one publisher per statement, looked up
    renderings = translations.set_index("position_id")
    rows = []
    for topic, entry in field_codebook("positions", "topic").items():
        heading = entry.label
        on_topic = positions[positions["topic"] == topic]
        cells = {
            side: [statement_cell(p, renderings, publishers)
                   for _index, p in on_topic[on_topic["side"] == side]
                   .sort_values(["date", "position_id"], na_position="first").iterrows()]
            for side in SIDES
        }
        for i in range(max(len(cells["Japan"]), len(cells["Russia"]))):
            rows.append({
                _("Topic"): heading if i == 0 else "",
                **{sides[side]: cells[side][i] if i < len(cells[side]) else "" for side in SIDES},
            })
    return pd.DataFrame(rows, columns=[_("Topic"), *sides.values()])


def side_labels() -> dict[str, str]:
    """Each side as the edition names it (the codebook "side"), in the order of `SIDES`."""
    book = field_codebook("positions", "side")
    return {side: book[side].label for side in SIDES}
