"""Counts per year where some years are unknown: known counts as bars, unknown years marked as such.

A year with no verified figure is not a year with none. Unknown years (an empty cell, or no row at
all) get a pale grey band and the words "not verified" in the hover and in the data behind the
chart; they never get a bar of height zero. A count that is known to be zero does get a bar, labelled 0.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from unsigned_peace.charts.render import Chart
from unsigned_peace.charts.style import GRID, OKABE_ITO, PHONE_FONT_PX
from unsigned_peace.escape import for_plotly
from unsigned_peace.messages import N_, _
from unsigned_peace.text_width import wrap

UNKNOWN_TEXT = N_("not verified")
HOVER_WRAP = 60
BAR_COLOUR = OKABE_ITO[0]
# A plain fill, not a hatch: print keeps it as vector graphics (Chromium rasterises pattern fills).
UNKNOWN_BAND = "#eef1f4"
# Past this many years the axis labels every second year, and on a phone (drawn to the screen's width,
# `Chart.phone_layout`) every fifth; at most this many, every year and every second.
YEARS_LABELLED_EACH = 15


def yearly_counts(frame: pd.DataFrame, value: str, *, first_year: int, last_year: int, value_name: str,
                  alt: str, source: str, note: str | None = "note", height: int = 420) -> Chart:
    """Bars of `frame[value]` per `frame["year"]`, from `first_year` to `last_year` inclusive.

    `value_name` names the count in the legend, hover and data table (e.g. "Leaders' meetings").
    """
    table = year_table(frame, value, first_year=first_year, last_year=last_year, note=note)
    known = table[table["known"]]
    unknown = table[~table["known"]]
    not_verified = _(UNKNOWN_TEXT)
    top = max(1, int(known["value"].max()) if not known.empty else 1)
    band = top * 1.15

    figure = go.Figure()
    figure.add_trace(go.Bar(
        x=known["year"], y=known["value"].astype(int), name=for_plotly(value_name), marker_color=BAR_COLOUR,
        text=known["value"].astype(int), textposition="outside", cliponaxis=False,
        customdata=[_hover(row.year, str(int(row.value)), row.note, value_name) for row in known.itertuples()],
        hovertemplate="%{customdata}<extra></extra>",
    ))
    if not unknown.empty:  # no legend entry for a band that is not drawn
        figure.add_trace(go.Bar(
            x=unknown["year"], y=[band] * len(unknown),
            name=_("{label}: {value}").format(label=for_plotly(value_name), value=not_verified),
            marker=dict(color=UNKNOWN_BAND, line=dict(color=GRID, width=1)),
            customdata=[_hover(row.year, not_verified, row.note, value_name) for row in unknown.itertuples()],
            hovertemplate="%{customdata}<extra></extra>",
        ))
    many_years = last_year - first_year > YEARS_LABELLED_EACH
    figure.update_layout(
        barmode="overlay", bargap=0.15, hovermode="closest", hoverlabel=dict(align="left"),
        xaxis=dict(range=[first_year - 0.6, last_year + 0.6], dtick=2 if many_years else 1,
                   showgrid=False, title_text=None),
        yaxis=dict(range=[0, band], showgrid=True, gridcolor=GRID, rangemode="tozero", title_text=None,
                   dtick=1 if top <= 8 else None),
        legend=dict(orientation="h", x=0, xanchor="left", yref="paper", y=1.02, yanchor="bottom"),
        margin=dict(t=50, b=40),
    )
    data = pd.DataFrame({
        _("Year"): table["year"],
        value_name: [str(int(v)) if k else not_verified for v, k in zip(table["value"], table["known"])],
        _("Note"): table["note"],
    })
    small = dict(size=PHONE_FONT_PX)
    on_phone = dict(xaxis=dict(dtick=5 if many_years else 2, tickfont=small), yaxis=dict(tickfont=small),
                    legend=dict(font=small), margin=dict(l=30, r=10))
    return Chart(figure=figure, alt=alt, source=source, data=data, height=height, phone_layout=on_phone)


def year_table(frame: pd.DataFrame, value: str, *, first_year: int, last_year: int,
               note: str | None = "note") -> pd.DataFrame:
    """One row per year of the range: `value` where known, `known` True or False, and the year's note."""
    indexed = frame.set_index("year")
    years = list(range(first_year, last_year + 1))
    values = [indexed[value].get(y, pd.NA) for y in years]
    notes = [indexed[note].get(y, "") if note else "" for y in years]
    return pd.DataFrame({
        "year": years,
        "value": values,
        "known": [not pd.isna(v) for v in values],
        "note": [n if n else _("No entry for this year in the data.") for n in notes],
    })


def _hover(year: int, shown: str, note: str, value_name: str) -> str:
    lines = [f"<b>{year}</b>", _("{label}: {value}").format(label=for_plotly(value_name), value=for_plotly(shown))]
    lines += [for_plotly(line) for line in wrap(note, HOVER_WRAP)]
    return "<br>".join(lines)
