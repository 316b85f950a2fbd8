"""The two governments' legal arguments set side by side, instrument by instrument, with the words relied on."""

from __future__ import annotations

import pandas as pd

from unsigned_peace.dates import format_date
from unsigned_peace.language import language_name
from unsigned_peace.messages import N_, _, pgettext
from unsigned_peace.positions import SIDES, attributed, side_labels, translation_credit
from unsigned_peace.prose import quotation
from unsigned_peace.sources import publishers_line

# A text cell names at most this much of its sources; the rest are in the data file it names.
SOURCES_CHARS = 110
NOT_FOUND = N_("No statement by this government on this text was found in the sources searched.")
# The marks that end a sentence in the book's languages, and the closing quotation marks and brackets that
# may follow them ('... action."', '...とする。」）', '... действия».').
SENTENCE_ENDS = frozenset(".。．!?！？…")
CLOSING_MARKS = "\"”’」』)）»"


def ends_sentence(text: str) -> bool:
    """Whether `text` ends a sentence: past its closing quotation marks and brackets, it ends with a full
    stop, a question or exclamation mark or an ellipsis, in any of the book's languages."""
    return text.rstrip(CLOSING_MARKS)[-1:] in SENTENCE_ENDS


def key_text(agreement: pd.Series) -> str:
    """An agreement's operative words as they were written (in quotation marks, in the language of the text
    quoted) and, where the edition has one, their rendering in its language: which language the words are in,
    and that this book translated them. Empty when no verbatim text was found."""
    words = agreement["key_text"] if isinstance(agreement["key_text"], str) else ""
    if not words:
        return ""
    return with_rendering(words, agreement["key_text_language"], agreement["key_text_en"])


def with_rendering(words: str, language: str, rendering) -> str:
    """Words quoted as written and, where there is one, this book's rendering of them in the edition's
    language, with the language they were written in."""
    quoted = quotation(words)
    if not isinstance(rendering, str) or not rendering:
        return quoted
    # Translators: after words quoted in another language ({language}: its name as a sentence writes it,
    # "English"), their rendering in the edition's language and who made it ({credit}: the message
    # "translation by this book"). The rendering has no quotation marks of its own at its ends.
    return quoted + _(' (quoted in {language}; {credit}: "{rendering}")').format(
        language=language_name(language), credit=_("translation by this book"), rendering=rendering)


def instrument_cell(instrument: pd.Series, agreements: pd.DataFrame, sources: pd.DataFrame) -> str:
    """The instrument, its date and provision, and the words relied on with where they were read."""
    heading = _("{name} ({date})").format(name=instrument["name"], date=format_date(instrument["date"], "day"))
    if isinstance(instrument["provision"], str) and instrument["provision"]:
        heading = _("{text}, {provision}").format(text=heading, provision=instrument["provision"])
    if isinstance(instrument["agreement_id"], str) and instrument["agreement_id"]:
        agreement = agreements.set_index("agreement_id").loc[instrument["agreement_id"]]
        quoted, source_ids, where = key_text(agreement), agreement["source_ids"], "data/agreements.csv"
        if not quoted:
            return _("{text}. Text not quoted: {note}").format(text=heading, note=instrument["note"])
    else:
        words = instrument["text"] if isinstance(instrument["text"], str) else ""
        source_ids = [instrument["source_id"]] if isinstance(instrument["source_id"], str) else []
        where = "data/instruments.csv"
        if not words:
            return _("{text}. Text not quoted: {note}").format(text=heading, note=instrument["note"])
        quoted = with_rendering(words, instrument["language"], instrument["text_en"])
    stop = "" if ends_sentence(quoted) else pgettext("the end of a sentence", ".")
    return _("{text}: {quotation}{stop} {sources}").format(
        text=heading, quotation=quoted, stop=stop,
        sources=publishers_line(sources, source_ids, where=where, budget=SOURCES_CHARS))


def argument_cell(argument: pd.Series, sources: pd.DataFrame) -> str:
    """One government's words on an instrument, attributed and dated, with its source and number."""
    publishers = sources.set_index("source_id")["publisher"]
    english, by = "", ""
    if isinstance(argument["statement_en"], str) and argument["statement_en"]:
        english = argument["statement_en"]
        by = translation_credit(argument["translated_by"], argument["translation_source_id"], publishers)
    return attributed(f'"{argument["statement"]}"', english, by, argument["speaker"], argument["date"],
                      publishers[argument["source_id"]], argument["argument_id"])


def legal_side_by_side(instruments: pd.DataFrame, arguments: pd.DataFrame, agreements: pd.DataFrame,
                       sources: pd.DataFrame) -> pd.DataFrame:
    """One row per instrument in date order: the words relied on, then what Japan and Russia say of them.

    A side with no statement on an instrument says so in its cell, so that a gap in the record shows.
    """
    rows = []
    relied_on = _("Text relied on")
    says = {side: _("{side} says").format(side=label) for side, label in side_labels().items()}
    for _row, instrument in instruments.sort_values(["date", "instrument_id"]).iterrows():
        on_it = arguments[arguments["instrument_id"] == instrument["instrument_id"]]
        row = {relied_on: instrument_cell(instrument, agreements, sources)}
        for side in SIDES:
            own = on_it[on_it["side"] == side].sort_values("argument_id")
            said = [argument_cell(a, sources) for _index, a in own.iterrows()]
            row[says[side]] = " ".join(said) if said else _(NOT_FOUND)
        rows.append(row)
    return pd.DataFrame(rows, columns=[relied_on, *says.values()])
