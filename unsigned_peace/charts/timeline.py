"""A timeline of events: one row per event, in date order, coloured by kind of event.

Past `MAX_EVENT_ROWS` events a row per event stops being readable (and the chart grows taller than
any page): the timeline then counts the events of each year, stacked by kind, and says so in its
alt text and its data.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from unsigned_peace.charts.date_axes import date_tick_formats
from unsigned_peace.charts.render import Chart
from unsigned_peace.charts.style import CATEGORY_COLOURS, phone_category_labels
from unsigned_peace.chronology import event_kinds
from unsigned_peace.dates import format_date
from unsigned_peace.escape import for_plotly
from unsigned_peace.messages import _
from unsigned_peace.numbers import count
from unsigned_peace.schema import allowed_values, require_every_value
from unsigned_peace.sources import publishers_of
from unsigned_peace.text_width import display_width, shorten, wrap

ROW_HEIGHT_PX = 26
MAX_EVENT_ROWS = 200
# Tooltip lines (title, summary, sources) wrap at this many columns (a Japanese character takes two), so
# that a tooltip fits a narrow chart (a notebook beside JupyterLab's file browser).
HOVER_WRAP = 60
# A row's label is the event's year and title; a title wider than this many columns ends at the last whole
# word that fits (in Japanese, where a phrase ends: see unsigned_peace.text_width.shorten), marked "…"
# (the full title is in the hover and in the chart's data table).
LABEL_CHARS = 46
# On a phone-sized screen the row labels are this long at most, shortened by the same rule, in smaller
# type, so that the dates keep most of the width (`Chart.phone_layout`).
NARROW_LABEL_CHARS = 24
NARROW_DATE_TICKS = 4
# A printed page holds this many rows at a legible size; past it the PDF counts the events of each year.
PRINT_MAX_ROWS = 45
PRINT_ROW_HEIGHT_PX = 17
PRINT_FRAME_PX = 120


def event_timeline(events: pd.DataFrame, sources: pd.DataFrame, *, alt: str, source: str,
                   data_table: str | None = None) -> Chart:
    """Plot `events` (rows of events.csv) with hover text giving date, summary and sources.

    `data_table`: the name of a table on the same page listing the same events in date order with their
    date, title, kind and sources (`chronology_frame`); the page then points to it for the data behind a
    row-per-event timeline rather than repeating it. A timeline that counts events per year keeps its own.
    """
    require_every_value(CATEGORY_COLOURS, allowed_values("events", "category"), "the category colours")
    if len(events) > MAX_EVENT_ROWS:
        return yearly_event_counts(events, alt=alt, source=source)
    ordered = events.sort_values(["date", "event_id"]).reset_index(drop=True)
    ordered = ordered.assign(
        when=[format_date(d, p) for d, p in zip(ordered["date"], ordered["date_precision"])],
        row_label=[_row_label(d, t, title_chars=LABEL_CHARS) for d, t in zip(ordered["date"], ordered["title"])],
        narrow_label=[_row_label(d, t, label_chars=NARROW_LABEL_CHARS)
                      for d, t in zip(ordered["date"], ordered["title"])],
        cited=[publishers_of(sources, ids) for ids in ordered["source_ids"]],
    )

    figure = go.Figure()
    kind_names = event_kinds()
    for category, colour in CATEGORY_COLOURS.items():
        rows = ordered[ordered["category"] == category]
        if rows.empty:
            continue
        figure.add_trace(go.Scatter(
            x=rows["date"], y=rows["row_label"].map(for_plotly), mode="markers", name=kind_names[category],
            # Each point's event id: a page's filter dims the points of the events it hides.
            ids=list(rows["event_id"]),
            marker=dict(color=colour, size=13, line=dict(color="white", width=1)),
            customdata=list(zip(
                rows["when"].map(for_plotly), rows["title"].map(_wrapped),
                rows["summary"].map(_wrapped), rows["cited"].map(_wrapped),
            )),
            # Translators: plotly fills in %{customdata[3]}, the publishers of the event's sources.
            hovertemplate=("<b>%{customdata[1]}</b><br>%{customdata[0]}<br>%{customdata[2]}"
                           "<br><i>" + _("Source: %{customdata[3]}") + "</i><extra></extra>"),
        ))
    rows_in_order = list(ordered["row_label"].map(for_plotly))
    figure.update_layout(
        # The range is set, first row at the top: plotly pads a markers' autorange by a twentieth of it at
        # each end, which left the rows of a long timeline under some eight empty ones.
        yaxis=dict(categoryorder="array", categoryarray=rows_in_order,
                   range=[len(rows_in_order) - 0.5, -0.5], tickfont=dict(size=12)),
        xaxis=dict(type="date", title_text=None, side="top", nticks=8),
        hovermode="closest",
        legend=dict(orientation="h", xref="container", x=0, yref="container", y=0, yanchor="bottom"),
        margin=dict(t=40, b=70),
    )
    # Months and days in the edition's language at any zoom (plotly names the months in English).
    if date_tick_formats():
        figure.update_xaxes(tickformatstops=date_tick_formats())
    on_phone = dict(
        yaxis=phone_category_labels(rows_in_order, list(ordered["narrow_label"].map(for_plotly))),
        xaxis=dict(nticks=NARROW_DATE_TICKS),
    )
    table = pd.DataFrame({
        _("Date"): ordered["when"], _("Event"): ordered["title"], _("Kind"): ordered["category"].map(kind_names),
        _("Sources"): ordered["cited"],
    })
    height = max(300, 150 + ROW_HEIGHT_PX * len(ordered))
    if len(ordered) > PRINT_MAX_ROWS:
        in_print = yearly_event_counts(events, alt=alt, source=source)
        return Chart(figure=figure, alt=alt, source=source, data=table, data_table=data_table, height=height,
                     print_figure=in_print.figure, print_height=in_print.height, phone_layout=on_phone)
    return Chart(figure=figure, alt=alt, source=source, data=table, data_table=data_table, height=height,
                 print_height=max(300, PRINT_FRAME_PX + PRINT_ROW_HEIGHT_PX * len(ordered)), phone_layout=on_phone)


def yearly_event_counts(events: pd.DataFrame, *, alt: str, source: str) -> Chart:
    """The events of each year, counted and stacked by kind: the timeline of more events than rows fit."""
    years = events["date"].dt.year
    counts = (events.assign(year=years).groupby(["year", "category"]).size().unstack(fill_value=0)
              .reindex(range(int(years.min()), int(years.max()) + 1), fill_value=0))
    figure = go.Figure()
    kind_names = event_kinds()
    for category, colour in CATEGORY_COLOURS.items():
        if category in counts.columns:
            figure.add_trace(go.Bar(
                x=counts.index, y=counts[category], name=kind_names[category], marker_color=colour,
                # Translators: plotly fills in %{{x}} (the year) and %{{y}} (how many events); keep the braces doubled.
                hovertemplate=_("%{{x}}: %{{y}} {kind} event(s)").format(kind=for_plotly(kind_names[category]))
                + "<extra></extra>"))
    figure.update_layout(barmode="stack", bargap=0.1, hovermode="closest", xaxis=dict(title_text=None),
                         yaxis=dict(title_text=_("Events per year"), showgrid=True),
                         legend=dict(orientation="h", xref="container", x=0, yref="container", y=0,
                                     yanchor="bottom"),
                         margin=dict(t=30, b=70))
    table = counts.rename(columns=kind_names).reset_index().rename(columns={"index": _("Year"), "year": _("Year")})
    table = table.assign(**{_("Total"): counts.sum(axis=1).to_numpy()})
    shown = _("{alt} With {count} events, more than the {most} a row each can show, the chart counts the events "
              "of each year, stacked by kind of event.").format(alt=alt, count=count(len(events)), most=MAX_EVENT_ROWS)
    return Chart(figure=figure, alt=shown, source=source, data=table, height=460)


def _row_label(day: pd.Timestamp, title: str, *, title_chars: int | None = None, label_chars: int | None = None) -> str:
    """"1956 · Soviet–Japanese Joint Declaration…": the year and the title, the title shortened to
    `title_chars` columns, or the whole label to `label_chars`."""
    year = f"{day.year} · "
    limit = title_chars if title_chars is not None else label_chars - display_width(year)
    return year + shorten(title, limit)


def _wrapped(text: str) -> str:
    return "<br>".join(for_plotly(line) for line in wrap(text, HOVER_WRAP))
