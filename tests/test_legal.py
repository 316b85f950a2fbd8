"""The legal arguments side by side: every instrument once, in date order, each side in its own words."""

import pandas as pd
import pytest

from unsigned_peace import load_data
from unsigned_peace.language import LANGUAGE_ENV, translated_languages
from unsigned_peace.legal import NOT_FOUND, key_text, legal_side_by_side
from unsigned_peace.messages import _
from unsigned_peace.prose import quotation_marks

SOURCES = pd.DataFrame({"source_id": ["s-text", "s-ja", "s-ru", "s-en"],
                        "publisher": ["Archive", "MOFA Japan", "MID Russia", "Agency"]})
AGREEMENTS = pd.DataFrame({"agreement_id": ["treaty-1855"], "key_text": ['"The border lies here."'],
                           "key_text_language": ["en"], "key_text_en": [""], "source_ids": [["s-text"]]})


def instrument(instrument_id, date, **fields):
    row = {"instrument_id": instrument_id, "name": instrument_id.title(), "date": pd.Timestamp(date),
           "provision": "", "agreement_id": "", "text": "", "language": "", "text_en": "", "source_id": "",
           "note": ""}
    return {**row, **fields}


def argument(argument_id, instrument_id, side, statement, **fields):
    row = {"argument_id": argument_id, "instrument_id": instrument_id, "side": side, "statement": statement,
           "language": "en", "statement_en": "", "translated_by": "", "translation_source_id": "",
           "speaker": f"{side} official", "date": pd.Timestamp("2020-01-02"),
           "source_id": "s-ja" if side == "Japan" else "s-ru", "note": ""}
    return {**row, **fields}


@pytest.fixture
def table():
    instruments = pd.DataFrame([
        instrument("charter", "1945-06-26", text="Nothing shall invalidate.", language="en", source_id="s-text"),
        instrument("treaty-1855", "1855-02-07", provision="Article 2", agreement_id="treaty-1855"),
        instrument("decree", "1946-02-02", note="No copy of the text was found."),
    ])
    arguments = pd.DataFrame([
        argument("a01", "treaty-1855", "Japan", "It confirmed the border."),
        argument("a02", "treaty-1855", "Russia", "Не имеет отношения", language="ru",
                 statement_en="It has no relation", translated_by="source", translation_source_id="s-en"),
        argument("a03", "charter", "Russia", "The results are unshakeable"),
    ])
    return legal_side_by_side(instruments, arguments, AGREEMENTS, SOURCES)


def test_instruments_in_date_order_each_once(table):
    assert [cell.split(" (")[0] for cell in table["Text relied on"]] == ["Treaty-1855", "Charter", "Decree"]


def test_an_agreement_is_quoted_from_the_agreements_table_with_its_sources(table):
    cell = table.loc[0, "Text relied on"]
    assert 'Article 2: "The border lies here." Source: Archive' in cell


def test_a_text_with_no_copy_found_says_so(table):
    assert table.loc[2, "Text relied on"] == "Decree (2 February 1946). Text not quoted: No copy of the text was found."


def test_each_side_speaks_in_its_own_attributed_words_and_a_silence_shows(table):
    japan, russia = table.loc[0, "Japan says"], table.loc[0, "Russia says"]
    assert japan.startswith('"It confirmed the border." — Japan official, 2 January 2020. Source: MOFA Japan [a01]')
    assert '"Не имеет отношения" (in English: "It has no relation"; English version: Agency)' in russia
    assert table.loc[1, "Japan says"] == NOT_FOUND
    assert table.loc[2, "Japan says"] == table.loc[2, "Russia says"] == NOT_FOUND


def test_a_text_quoted_in_another_language_says_its_language_and_who_rendered_it():
    memorandum = pd.DataFrame([instrument("memo", "1960-01-27", text="約束の実現を不可能とする", language="ja",
                                          text_en="makes the promise impossible to carry out", source_id="s-text")])
    no_arguments = pd.DataFrame(columns=list(argument("a01", "memo", "Japan", "")))
    cell = legal_side_by_side(memorandum, no_arguments, AGREEMENTS, SOURCES).loc[0, "Text relied on"]
    assert cell == ('Memo (27 January 1960): "約束の実現を不可能とする" (quoted in Japanese; translation by this book: '
                    '"makes the promise impossible to carry out"). Source: Archive.')


def test_every_instrument_has_a_row_and_every_translation_says_who_made_it():
    data = load_data("instruments", "legal_arguments", "agreements", "sources")
    table = legal_side_by_side(data.instruments, data.legal_arguments, data.agreements, data.sources)
    assert len(table) == len(data.instruments)
    translated = data.legal_arguments[data.legal_arguments["statement_en"] != ""]
    assert translated["translated_by"].isin(["source", "this book"]).all()
    assert (translated["translated_by"] == "source").eq(translated["translation_source_id"] != "").all()


def test_an_agreements_words_in_another_language_say_their_language_and_who_translated_them():
    agreement = pd.Series({"key_text": '"境界はここにある。"', "key_text_language": "ja",
                           "key_text_en": "The border lies here."})
    assert key_text(agreement) == ('"境界はここにある。" (quoted in Japanese; translation by this book: '
                                   '"The border lies here.")')
    # No rendering written yet: the words alone, in quotation marks.
    unrendered = pd.Series({**agreement, "key_text": "境界はここにある。", "key_text_en": ""})
    assert key_text(unrendered) == '"境界はここにある。"'


@pytest.mark.parametrize("language", translated_languages())
def test_an_edition_gives_every_agreements_words_in_another_language_its_own_rendering(monkeypatch, language):
    monkeypatch.setenv(LANGUAGE_ENV, language)
    agreements = load_data("agreements").agreements
    credit = _("translation by this book")
    for _index, agreement in agreements[agreements["key_text"] != ""].iterrows():
        shown = key_text(agreement)
        quoted = quotation_marks(agreement["key_text"])  # the words as written, in the edition's quotation marks
        assert shown.startswith(quoted) and quoted != agreement["key_text"]
        if agreement["key_text_language"] == language:
            assert shown == quoted  # in the edition's own language: no rendering
        else:
            assert agreement["key_text_en"] and agreement["key_text_en"] in shown and credit in shown
