"""Who administered each island, period by period: a Gantt chart with one lane per island.

Periods in administration.csv are inclusive date ranges (a period ends the day before the next
starts), so each bar is drawn from its first day to the day after its last: bars of one island then
meet exactly. The current period (no end date) runs to `until`, today unless a date is given.
A second, narrow panel can enlarge a short window (by default the handover of 1945–46, which lasts a
few months and would be a hairline on the overview).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from unsigned_peace.charts.date_axes import month_ticks
from unsigned_peace.charts.render import Chart
from unsigned_peace.charts.style import INK, NO_HATCHING, OCCUPATION_HATCHING, OCCUPATION_SAMPLE, STATE_COLOURS
from unsigned_peace.dates import format_date, format_short_month
from unsigned_peace.escape import for_html
from unsigned_peace.messages import _
from unsigned_peace.schema import allowed_values, field_codebook, require_every_value
from unsigned_peace.sources import publishers_of
from unsigned_peace.text_width import display_width, wrap
from unsigned_peace.translations import english, local_names

ROW_HEIGHT_PX = 62
# A bar in the overview is labelled with its state's name only if it spans at least this many years for
# each column of the name: a shorter one (the Russian Empire's twenty years on Urup) would shrink the name
# to an unreadable speck, which plotly's uniformtext does not hide with a second panel beside it. The
# legend and the hover name every bar's state.
YEARS_PER_LABEL_COLUMN = 3
HOVER_WRAP = 70
ONE_DAY = pd.Timedelta(days=1)
HANDOVER_WINDOW = (pd.Timestamp("1945-08-01"), pd.Timestamp("1946-03-01"))


@dataclass(frozen=True)
class Bar:
    """One administration period as drawn: from `start` to `end` (exclusive)."""

    island_id: str
    lane: str
    state: str
    start: pd.Timestamp
    end: pd.Timestamp
    basis: str
    occupation: bool
    hover: str
    cited: str


def administration_bars(periods: pd.DataFrame, islands: pd.DataFrame, sources: pd.DataFrame,
                        until: date | pd.Timestamp | None = None) -> list[Bar]:
    """The bars of the chart, lane by lane in the order of islands.csv, each lane in date order."""
    until = pd.Timestamp(until if until is not None else date.today()).normalize()
    names = local_names(islands.set_index("island_id"))  # each island by its name in the edition's language
    states = state_names()
    order = {island_id: n for n, island_id in enumerate(islands["island_id"])}
    # The basis in the data's own words, whatever the edition: an occupation's says so in English.
    ordered = periods.assign(_order=periods["island_id"].map(order), basis_in_english=english(periods, "basis"))
    ordered = ordered.sort_values(["_order", "start_date"])
    bars = []
    for row in ordered.itertuples(index=False):
        is_open = pd.isna(row.end_date)
        end = until if is_open else row.end_date + ONE_DAY
        if end <= row.start_date:
            raise ValueError(f"{row.island_id}: period starting {row.start_date:%Y-%m-%d} ends before it starts")
        last_day = _("today") if is_open else format_date(row.end_date, "day")
        cited = publishers_of(sources, row.source_ids)
        hover = "<br>".join([
            f"<b>{for_html(names[row.island_id])}: {for_html(states[row.administered_by])}</b>",
            f"{format_date(row.start_date, 'day')} – {last_day}",
            *_wrapped(_("Basis: {basis}").format(basis=row.basis)),
            *(_wrapped(row.note) if isinstance(row.note, str) and row.note else []),
            # A tooltip does not wrap: a long line would run out of the chart.
            *(f"<i>{line}</i>" for line in _wrapped(_("Sources: {names}").format(names=cited))),
        ])
        bars.append(Bar(island_id=row.island_id, lane=names[row.island_id], state=row.administered_by,
                        start=row.start_date, end=end, basis=row.basis,
                        occupation="occupation" in row.basis_in_english.lower(), hover=hover, cited=cited))
    return bars


def state_names() -> dict[str, str]:
    """Each administering state as the edition names it (the codebook "state")."""
    return {value: entry.label for value, entry in field_codebook("administration", "administered_by").items()}


def administration_chart(periods: pd.DataFrame, islands: pd.DataFrame, sources: pd.DataFrame, *,
                         alt: str, source: str, until: date | pd.Timestamp | None = None,
                         detail: tuple[pd.Timestamp, pd.Timestamp] | None = HANDOVER_WINDOW,
                         detail_marks: list[tuple[pd.Timestamp, str]] | None = None) -> Chart:
    """Gantt chart of `periods` (rows of administration.csv), coloured by administering state.

    Hovering a bar gives its period, basis, note and sources. Periods whose basis is an occupation
    are hatched. With `detail`, a second panel enlarges that window of dates; `detail_marks` are
    (date, label) pairs drawn there as dotted vertical lines.
    """
    bars = administration_bars(periods, islands, sources, until)
    lanes = list(dict.fromkeys(bar.lane for bar in bars))
    panels = [None] if detail is None else [None, detail]
    figure = make_subplots(rows=1, cols=len(panels), shared_yaxes=True, horizontal_spacing=0.03,
                           column_widths=[1.0] if detail is None else [0.68, 0.32])
    require_every_value(STATE_COLOURS, allowed_values("administration", "administered_by"), "the state colours")
    for column, window in enumerate(panels, start=1):
        for state, colour in STATE_COLOURS.items():
            for occupation in (False, True):
                chosen = [b for b in bars if b.state == state and b.occupation == occupation
                          and _overlaps(b, window)]
                if chosen:
                    figure.add_trace(_bar_trace(chosen, state, colour, occupation, labelled=column == 1,
                                                in_legend=column == 1 and not occupation), row=1, col=column)
    figure.add_trace(go.Bar(
        x=[None], y=[None], orientation="h", name=_("hatched: military occupation, before the 1946 decree"),
        marker=dict(color=OCCUPATION_SAMPLE, pattern=_pattern(True)), hoverinfo="skip",
    ), row=1, col=1)
    first, end = min(b.start for b in bars), max(b.end for b in bars)
    figure.update_xaxes(type="date", row=1, col=1, range=[first, end], tick0="1850-01-01", dtick="M300",
                        tickformat="%Y", title_text=_("{start} to {end}").format(
                            start=first.year, end=_until_text(bars, periods, end)),
                        title_font=dict(size=13))
    if detail is not None:
        figure.update_xaxes(type="date", row=1, col=2, range=list(detail), dtick="M2", tickformat="%b<br>%Y",
                            title_text=_("enlarged:<br>{start} – {end}").format(
                                start=format_short_month(detail[0]), end=format_short_month(detail[1] - ONE_DAY)),
                            title_font=dict(size=13))
        # Plotly names the months in English: another edition's ticks name them in its language.
        named = month_ticks(detail[0], detail[1], 2)
        if named:
            figure.update_xaxes(row=1, col=2, **named)
        for when, label in detail_marks or []:
            figure.add_vline(x=when, line=dict(color=INK, width=1.5, dash="dot"), row=1, col=2)
            figure.add_annotation(x=when, y=1, yref="paper", xref="x2", text=label, showarrow=False,
                                  yanchor="bottom", font=dict(size=11, color=INK))
    figure.update_yaxes(categoryorder="array", categoryarray=[for_html(lane) for lane in lanes],
                        autorange="reversed")
    figure.update_layout(
        barmode="overlay", bargap=0.25, hovermode="closest",
        uniformtext=dict(minsize=10, mode="hide"),
        legend=dict(orientation="h", yref="container", y=1, yanchor="top", xref="container", x=0,
                    xanchor="left"),
        margin=dict(t=120 if detail_marks else 80, b=80),
    )
    states = state_names()
    table = pd.DataFrame({
        _("Island"): [b.lane for b in bars],
        _("Administered by"): [states[b.state] for b in bars],
        _("From"): [format_date(b.start, "day") for b in bars],
        _("To"): [format_date(b.end - ONE_DAY, "day") if b.end != _open_end(b, bars, periods) else _("today")
                  for b in bars],
        _("Basis"): [b.basis for b in bars],
        _("Sources"): [b.cited for b in bars],
    })
    height = 170 + ROW_HEIGHT_PX * len(lanes)
    return Chart(figure=figure, alt=alt, source=source, data=table, height=height)


def _bar_trace(bars: list[Bar], state: str, colour: str, occupation: bool, *, labelled: bool,
               in_legend: bool) -> go.Bar:
    name = state_names()[state]
    return go.Bar(
        y=[for_html(b.lane) for b in bars],
        base=[b.start.strftime("%Y-%m-%d") for b in bars],
        x=[(b.end - b.start) / pd.Timedelta(milliseconds=1) for b in bars],
        orientation="h", name=for_html(name), legendgroup=state, showlegend=in_legend,
        marker=dict(color=colour, line=dict(color="white", width=1), pattern=_pattern(occupation)),
        text=[for_html(name) if labelled and room_for_label(b, name) else "" for b in bars],
        textposition="inside", insidetextanchor="middle", textangle=0, textfont=dict(color="white"),
        hovertext=[b.hover for b in bars], hovertemplate="%{hovertext}<extra></extra>",
    )


def room_for_label(bar: Bar, name: str) -> bool:
    """Whether the overview's bar is long enough to carry `name` (YEARS_PER_LABEL_COLUMN)."""
    years = (bar.end - bar.start) / pd.Timedelta(days=365.25)
    return years >= YEARS_PER_LABEL_COLUMN * display_width(name)


def _pattern(occupation: bool) -> dict:
    return OCCUPATION_HATCHING if occupation else NO_HATCHING


def _until_text(bars: list[Bar], periods: pd.DataFrame, end: pd.Timestamp) -> str:
    """"today" when the chart ends with an open period, else the last date shown."""
    if any(_open_end(b, bars, periods) is not None for b in bars):
        return _("today")
    return format_date(end - ONE_DAY, "day")


def _open_end(bar: Bar, bars: list[Bar], periods: pd.DataFrame) -> pd.Timestamp | None:
    """The bar's end when its period is open (no end date in the data), else None."""
    row = periods[(periods["island_id"] == bar.island_id) & (periods["start_date"] == bar.start)]
    return bar.end if row["end_date"].isna().all() else None


def _overlaps(bar: Bar, window: tuple[pd.Timestamp, pd.Timestamp] | None) -> bool:
    return window is None or (bar.start < window[1] and bar.end > window[0])


def _wrapped(text: str) -> list[str]:
    return [for_html(line) for line in wrap(text, HOVER_WRAP)]
