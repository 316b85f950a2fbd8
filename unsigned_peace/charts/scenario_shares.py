"""How a settlement covering some of the islands compares with all four: stacked shares per measure."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from unsigned_peace.charts.render import Chart
from unsigned_peace.charts.style import PHONE_FONT_PX, phone_category_labels, wrap_label
from unsigned_peace.escape import for_html
from unsigned_peace.islands import disputed_islands
from unsigned_peace.messages import N_, _
from unsigned_peace.numbers import number, whole
from unsigned_peace.translations import local_names

# (column of islands.csv, row label, the data table's heading) in the order the bars are drawn, top first.
# The bars are shares; the table gives the figures themselves, so its headings carry their units.
MEASURES = [
    ("area_km2", N_("Land area"), N_("Land area (km²)")),
    ("japanese_population_1945", N_("Japanese residents, 1945"), N_("Japanese residents, 1945")),
    ("population", N_("Residents today"), N_("Residents today")),
]
# Islands in the scenario in oranges, the others in greens, each pair told apart by lightness.
IN_SCENARIO = ["#E69F00", "#F5CD79"]
OUTSIDE_SCENARIO = ["#009E73", "#7FCDB5"]
SMALLEST_LABELLED_PCT = 4
# On a phone (drawn to the screen's width, `Chart.phone_layout`) the measures' names wrap at this many
# columns, the axis title at the second, and the legend of islands goes above the bars.
NARROW_LABEL_CHARS = 16
NARROW_TITLE_CHARS = 36


def scenario_shares_chart(islands: pd.DataFrame, scenario_ids: list[str], *, alt: str, source: str,
                          height: int = 330) -> Chart:
    """100 % stacked bars, one per measure, one segment per disputed island; the scenario's islands first."""
    disputed = disputed_islands(islands)
    inside = [i for i in disputed["island_id"] if i in scenario_ids]
    outside = [i for i in disputed["island_id"] if i not in scenario_ids]
    colours = dict(zip(inside, IN_SCENARIO * len(inside))) | dict(zip(outside, OUTSIDE_SCENARIO * len(outside)))
    by_id = disputed.set_index("island_id")
    totals = {column: by_id[column].sum() for column, _label, _heading in MEASURES}
    rows = [_(label) for _column, label, _heading in MEASURES]
    headings = [_(heading) for _column, _label, heading in MEASURES]
    names = local_names(by_id)  # each island by its name in the edition's language

    figure = go.Figure()
    table_rows = []
    for island_id in inside + outside:
        island = by_id.loc[island_id]
        values = [float(island[column]) for column, _label, _heading in MEASURES]
        shares = [value / float(totals[column]) * 100 for value, (column, *_words) in zip(values, MEASURES)]
        name = names[island_id]
        figure.add_trace(go.Bar(
            y=rows, x=shares, orientation="h", name=for_html(name),
            marker=dict(color=colours[island_id], line=dict(color="white", width=1.5)),
            text=[_("{share} %").format(share=number(share, ".0f")) if share >= SMALLEST_LABELLED_PCT else ""
                  for share in shares],
            textposition="inside", insidetextanchor="middle", textangle=0,
            customdata=[whole(value) for value in values],
            # Translators: plotly fills in %{y} (the measure), %{customdata} (the figure) and %{x:.1f} (the share).
            hovertemplate=(f"<b>{for_html(name)}</b><br>"
                           + _("%{y}: %{customdata} (%{x:.1f} %)") + "<extra></extra>"),
        ))
        table_rows.append({_("Island"): name, **dict(zip(headings, values)),
                           _("Population year"): int(island["population_year"])})
    axis_title = _("Share of the four disputed islands")
    figure.update_layout(
        barmode="stack",
        xaxis=dict(range=[0, 100], ticksuffix=" %", title_text=axis_title),
        yaxis=dict(categoryorder="array", categoryarray=rows, autorange="reversed"),
        legend=dict(traceorder="normal"),
        uniformtext=dict(minsize=11, mode="hide"),
        margin=dict(t=50, b=50, r=40),
    )
    small = dict(size=PHONE_FONT_PX)
    on_phone = dict(
        legend=dict(orientation="h", x=0, xanchor="left", xref="container", y=1, yanchor="top", yref="container",
                    font=small),
        yaxis=phone_category_labels(rows, [wrap_label(row, NARROW_LABEL_CHARS) for row in rows]),
        xaxis=dict(dtick=25, tickfont=small, title=dict(text=wrap_label(axis_title, NARROW_TITLE_CHARS),
                                                        font=dict(size=12))),
        margin=dict(t=100, b=60, l=10, r=20),
    )
    return Chart(figure=figure, alt=alt, source=source, data=pd.DataFrame(table_rows), height=height,
                 phone_layout=on_phone)
