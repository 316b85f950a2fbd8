"""The chronology: every event, and for each act of the Russian or Soviet state, Moscow's own words on it;
and the index a reader filters its rows with."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from unsigned_peace.dates import format_date
from unsigned_peace.language import SOURCE_LANGUAGE, current_language
from unsigned_peace.messages import N_, _
from unsigned_peace.mime import FILTER_MIME
from unsigned_peace.positions import attributed, translation_credit
from unsigned_peace.schema import SchemaError, allowed_values, field_codebook
from unsigned_peace.sources import SEPARATOR, publisher_index, publishers_of
from unsigned_peace.tables import MAX_ROWS

RUSSIAN_STATES = ("Soviet Union", "Russia")
NO_WORDS = N_("Moscow's own words on this act: none found in the sources searched.")


def acted_by_russia(events: pd.DataFrame) -> pd.Series:
    """Whether the Soviet or Russian state acted: it comes first among the event's parties."""
    return events["parties"].map(lambda parties: bool(parties) and parties[0] in RUSSIAN_STATES)


def tagged(events: pd.DataFrame, tag: str) -> pd.DataFrame:
    """The events whose `tags` include `tag`, in their order. A tag the descriptor does not allow raises
    `SchemaError`: a misspelt tag would otherwise select nothing, in silence."""
    allowed = allowed_values("events", "tags")
    if tag not in allowed:
        raise SchemaError(f"{tag!r} is not a tag data/datapackage.json allows for events; "
                          f"the tags are: {', '.join(allowed)}")
    return events[events["tags"].map(lambda tags: tag in tags)]


def words_text(words: pd.Series, publishers: pd.Series) -> str:
    """Moscow's words on an act, quoted and attributed; an account that is not verbatim is shown as reported."""
    cited = publishers[words["source_id"]]
    english, by = "", ""
    if words["words_en"]:
        english = words["words_en"]
        by = translation_credit(words["translated_by"], words["translation_source_id"], publishers)
    if words["verbatim"] != "yes":
        # A report's account, not the words themselves: no quotation marks; the original follows an English rendering.
        account = _("{rendering} (the report in its own language: {words}; {credit})").format(
            rendering=english, words=words["words"], credit=by) if english else words["words"]
        return _("Moscow's position, as reported: {account} — {speaker}, {date}. Source: {source}").format(
            account=account, speaker=words["speaker"], date=format_date(words["date"], "day"), source=cited)
    return _("In Moscow's words: {quotation}").format(quotation=attributed(
        f'"{words["words"]}"', english, by, words["speaker"], words["date"], cited))


def event_kinds() -> dict[str, str]:
    """Each kind of event as a chart and the chronology name it: the English edition writes the code itself
    (its label in lower case), the others the codebook's label in their language."""
    codebook = field_codebook("events", "category")
    if current_language() == SOURCE_LANGUAGE:
        return {code: code for code in codebook}
    return {code: entry.label for code, entry in codebook.items()}


def chronology_frame(events: pd.DataFrame, event_words: pd.DataFrame, sources: pd.DataFrame) -> pd.DataFrame:
    """The chronology table: date, event, kind, summary (with Moscow's words on its own acts), date note,
    sources. It holds the data behind the chronology's timeline too (`event_timeline`'s `data_table`)."""
    publishers = sources.set_index("source_id")["publisher"]
    named = publishers.to_dict()
    words = {row["event_id"]: row for _, row in event_words.iterrows()}
    summaries, cited = [], []
    for event_id, summary, ids, by_russia in zip(events["event_id"], events["summary"], events["source_ids"],
                                                 acted_by_russia(events)):
        ids = list(ids)
        if event_id in words:
            said = words[event_id]
            summary += " " + words_text(said, publishers)
            ids += [said["source_id"], *([said["translation_source_id"]] if said["translation_source_id"] else [])]
        elif by_russia:
            summary += " " + _(NO_WORDS)
        summaries.append(summary)
        cited.append(SEPARATOR.join(dict.fromkeys(str(named[i]) for i in ids)))
    return pd.DataFrame({
        _("Date"): [format_date(d, p) for d, p in zip(events["date"], events["date_precision"])],
        _("Event"): events["title"].to_numpy(),
        _("Kind"): events["category"].map(event_kinds()).to_numpy(),
        _("Summary"): summaries,
        _("Note on the date"): events["date_note"].to_numpy(),
        _("Sources"): cited,
    })


def events_table(events: pd.DataFrame, sources: pd.DataFrame) -> pd.DataFrame:
    """A table of events, in their order: the date (at its precision), the title, the summary and the
    publishers of the sources."""
    publishers = publisher_index(sources)
    return pd.DataFrame({
        _("Date"): [format_date(d, p) for d, p in zip(events["date"], events["date_precision"])],
        _("Event"): events["title"].to_numpy(),
        _("Summary"): events["summary"].to_numpy(),
        _("Sources"): [publishers_of(publishers, ids) for ids in events["source_ids"]],
    })


# What a reader can filter the chronology by: the name in the page's address, the control's label and
# the first choice, which keeps every row.
FILTER_FIELDS = (
    ("island", N_("Island"), N_("All islands")),
    ("party", N_("Party"), N_("All parties")),
    ("category", N_("Kind of event"), N_("All kinds")),
    ("decade", N_("Decade"), N_("All decades")),
)
TEXT_FILTER = ("q", N_("Words in the event"))


def filter_index(events: pd.DataFrame) -> dict:
    """Each row of the chronology table (the first `MAX_ROWS` of `events`, in its order) by the values a
    reader can filter on, and the choices of each filter with their labels: islands and kinds of event
    as the descriptor's codebooks name them, parties as the data writes them, decades from the dates.

    A value the descriptor does not allow raises `SchemaError`: it would have no label to show.
    """
    shown = events.head(MAX_ROWS)
    labels = {
        "island": {value: entry.label for value, entry in field_codebook("events", "islands").items()},
        "party": {value: entry.label for value, entry in field_codebook("events", "parties").items()},
        "category": {value: entry.label for value, entry in field_codebook("events", "category").items()},
    }
    rows = []
    for event_id, date, category, parties, islands in zip(shown["event_id"], shown["date"], shown["category"],
                                                          shown["parties"], shown["islands"]):
        row = {"id": str(event_id), "island": list(islands), "party": list(parties), "category": [category],
               "decade": [str(date.year // 10 * 10)]}
        for name in labels:
            unknown = [value for value in row[name] if value not in labels[name]]
            if unknown:
                raise SchemaError(f"event {event_id}: {', '.join(map(repr, unknown))} is not an allowed {name} "
                                  "in data/datapackage.json")
        rows.append(row)
    decades = sorted({int(row["decade"][0]) for row in rows})
    labels["decade"] = {str(decade): _("{decade}s").format(decade=decade) for decade in decades}
    fields = []
    for name, label, everything in FILTER_FIELDS:
        used = {value for row in rows for value in row[name]}
        fields.append({"name": name, "label": _(label), "all": _(everything),
                       "choices": [{"value": value, "label": text} for value, text in labels[name].items()
                                   if value in used]})
    return {"noun": _("events"), "rows": rows, "fields": fields,
            "text": {"name": TEXT_FILTER[0], "label": _(TEXT_FILTER[1])}}


@dataclass
class EventFilter:
    """The chronology's filter, as a notebook displays it: the index of its rows (`FILTER_MIME`), which
    the HTML book turns into the filter's controls; elsewhere (JupyterLab, print) a line of text."""

    events: pd.DataFrame

    def spec(self) -> dict:
        return filter_index(self.events)

    def _repr_mimebundle_(self, include=None, exclude=None) -> dict:
        spec = self.spec()
        names = ", ".join(field["label"].lower() for field in spec["fields"])
        return {
            FILTER_MIME: spec,
            "text/plain": _("Filter: the {count} {noun} by {fields} and words").format(
                count=len(spec["rows"]), noun=spec["noun"], fields=names),
        }
