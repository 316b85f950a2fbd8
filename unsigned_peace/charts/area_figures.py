"""Every area figure found for each island, as a difference from the figure the book uses."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from unsigned_peace.charts.render import Chart
from unsigned_peace.charts.style import BLUE, INK, LEGEND_CHARS, PHONE_FONT_PX, VERMILION, wrap_label
from unsigned_peace.escape import for_html
from unsigned_peace.islands import area_differences
from unsigned_peace.messages import N_, _
from unsigned_peace.numbers import localise
from unsigned_peace.translations import local_names

# Figures from Japan's government (the survey the book uses) against everything else found.
SOURCE_GROUPS = [
    (N_("Japanese government (survey by the Geospatial Information Authority)"), {"official-japan"}, BLUE, "circle"),
    (N_("Encyclopedias and other sources"), None, VERMILION, "diamond"),
]
BASE_MARKER_PX = 10
MARKER_PX_PER_REPEAT = 4
# On a phone the chart is drawn to the screen's width (`Chart.phone_layout`): island names and axis in
# smaller type and fewer ticks, so that the spread of figures keeps most of the width.
NARROW_TICKS = 5


def area_figures_chart(measurements: pd.DataFrame, islands: pd.DataFrame, sources: pd.DataFrame, *,
                       alt: str, source: str, height: int = 420) -> Chart:
    """One row per island; one marker per distinct figure, sized by how many sources give it."""
    figures = area_differences(measurements, islands)
    by_id = sources.set_index("source_id")
    figures = figures.assign(
        group=[source_group(by_id.loc[s, "kind"]) for s in figures["source_id"]],
        cited=[f"{by_id.loc[s, 'publisher']}: {by_id.loc[s, 'title']}" for s in figures["source_id"]],
        island=figures["island_id"].map(local_names(islands.set_index("island_id"))),
    )
    order = [name for name in local_names(islands) if name in set(figures["island"])]

    figure = go.Figure()
    for label, _kinds, colour, symbol in SOURCE_GROUPS:
        rows = figures[figures["group"] == label]
        if rows.empty:
            continue
        grouped = (rows.groupby(["island", "value"], sort=False)
                   .agg(difference_pct=("difference_pct", "first"), count=("cited", "size"),
                        cited=("cited", lambda c: "<br>".join(for_html(x) for x in dict.fromkeys(c))))
                   .reset_index())
        figure.add_trace(go.Scatter(
            x=grouped["difference_pct"], y=grouped["island"].map(for_html), mode="markers",
            name=wrap_label(_(label), LEGEND_CHARS),
            marker=dict(color=colour, symbol=symbol, opacity=0.8, line=dict(color="white", width=1),
                        size=BASE_MARKER_PX + MARKER_PX_PER_REPEAT * (grouped["count"] - 1)),
            customdata=list(zip(grouped["value"].map("{:,.2f}".format).str.rstrip("0").str.rstrip(".").map(localise),
                                grouped["count"], grouped["cited"])),
            # Translators: plotly fills in %{y} (the island), %{customdata[0]} (the area), %{x:+.1f} (its
            # difference), %{customdata[1]} (how many sources give it) and %{customdata[2]} (which).
            hovertemplate=_("<b>%{y}: %{customdata[0]} km²</b> (%{x:+.1f} %)<br>given %{customdata[1]} time(s), "
                            "by:<br>%{customdata[2]}") + "<extra></extra>",
        ))
    figure.add_vline(x=0, line=dict(color=INK, width=1.5))
    figure.add_annotation(x=0, y=1, yref="paper", text=_("figure used"), showarrow=False, yanchor="bottom",
                          font=dict(size=12, color=INK), bgcolor="white")
    axis_title = _("Difference from the figure used (%)")
    figure.update_layout(
        xaxis=dict(title_text=axis_title, ticksuffix=" %", zeroline=False),
        yaxis=dict(categoryorder="array", categoryarray=[for_html(n) for n in order], autorange="reversed"),
        legend=dict(orientation="h", xref="container", x=0, yref="container", y=1, yanchor="top"),
        margin=dict(t=90, b=60),
    )
    table = figures.sort_values(["island_id", "value"])[["island", "value", "difference_pct", "cited", "note"]]
    table = table.assign(difference_pct=table["difference_pct"].round(1)).rename(columns={
        "island": _("Island"), "value": _("Area (km²)"), "difference_pct": _("Difference (%)"), "cited": _("Source"),
        "note": _("What the figure covers")})
    small = dict(size=PHONE_FONT_PX)
    on_phone = dict(xaxis=dict(nticks=NARROW_TICKS, tickfont=small, title=dict(text=axis_title, font=dict(size=12))),
                    yaxis=dict(tickfont=small), legend=dict(font=small), margin=dict(l=10, r=10))
    return Chart(figure=figure, alt=alt, source=source, data=table, height=height, phone_layout=on_phone)


def source_group(kind: str) -> str:
    for label, kinds, _colour, _symbol in SOURCE_GROUPS:
        if kinds is None or kind in kinds:
            return label
    raise ValueError(kind)
