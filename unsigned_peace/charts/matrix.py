"""Matrices of coloured cells with a word in each: what each agreement, or each option, means for each island.

`coded_matrix` draws any grid whose cells carry one code from a fixed list; `agreement_matrix` and
`option_matrix` build it from `agreements.csv` and `options.csv`. Each cell shows its code's label,
in a colour that keeps the text legible, and its hover gives the text behind the code and its sources.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from unsigned_peace.charts.render import Chart
from unsigned_peace.charts.style import INK, LEGEND_CHARS, PHONE_FONT_PX, phone_category_labels, wrap_label
from unsigned_peace.dates import format_date
from unsigned_peace.escape import for_plotly
from unsigned_peace.islands import disputed_islands
from unsigned_peace.legal import key_text
from unsigned_peace.messages import N_, _
from unsigned_peace.schema import field_codebook, require_every_value
from unsigned_peace.sources import publishers_of
from unsigned_peace.text_width import wrap
from unsigned_peace.translations import local_names

ROW_HEIGHT_PX = 40
# Row labels wrap onto a second line past this many characters and are shortened past the second line (a
# row holds two: a Russian agreement's name ran onto a third, over the next row's); column labels wrap
# past the second.
ROW_LABEL_CHARS = 30
ROW_LABEL_LINES = 2
COLUMN_LABEL_CHARS = 10
# On a phone (drawn to the screen's width, `Chart.phone_layout`) row labels wrap sooner, onto at most the
# three lines a row holds (shortened past them), and every text is smaller, so that the columns keep most
# of the width and a cell's word fits its cell.
NARROW_ROW_LABEL_CHARS = 16
NARROW_ROW_LABEL_LINES = 3
NARROW_CELL_FONT_PX = 10
CELL_FONT_PX = 12
LEGEND_ENTRY_PX = 24
HOVER_WRAP = 60
WHITE = "#ffffff"


@dataclass(frozen=True)
class Code:
    """One value a cell can take: its legend label, fill, meaning, and the short word shown in the cell."""

    label: str
    colour: str
    meaning: str
    short: str | None = None

    @property
    def cell_text(self) -> str:
        return self.short or self.label


# Okabe–Ito hues (vermillion darkened so that white text on it stays legible); light fills carry dark
# text and dark fills white text (see `text_colour`). Labels and meanings come from the codebooks of
# data/datapackage.json; here each code gets only how it is drawn: its fill and the word in its cell.
VERMILLION = "#C05000"
# Translators: the words in the grids' cells are short, to fit a cell of a narrow grid.
AGREEMENT_LOOKS = {
    "japanese": ("#0072B2", N_("Japan")),
    "to-be-transferred": ("#56B4E9", N_("Handover")),
    "named-in-dispute": ("#F0E442", N_("Named")),
    "renounced-unspecified": ("#CC79A7", N_("Renounced")),
    "russian": (VERMILLION, N_("Kurils")),
    "silent": ("#E4E7EB", N_("silent")),
    "not-verified": ("#FFFFFF", N_("?")),
}
OPTION_LOOKS = {
    "japan": ("#0072B2", N_("Japan")),
    "transfer": ("#56B4E9", N_("Handover")),
    "negotiation": ("#F0E442", N_("Open")),
    "joint": ("#CC79A7", N_("Joint")),
    "russia": (VERMILLION, N_("Russia")),
}


def codes_for(resource: str, field: str, looks: Mapping[str, tuple[str, str]]) -> dict[str, Code]:
    """The codes a field allows, in its codebook's order, each with its label, meaning and looks."""
    book = field_codebook(resource, field)
    require_every_value(looks, book, f"the colours for {resource}.{field}", exact=True)
    return {value: Code(entry.label, looks[value][0], entry.meaning, _(looks[value][1]))
            for value, entry in book.items()}


def agreement_codes(island_id: str = "iturup") -> dict[str, Code]:
    return codes_for("agreements", f"says_{island_id}", AGREEMENT_LOOKS)


def option_codes(island_id: str = "iturup") -> dict[str, Code]:
    return codes_for("options", f"outcome_{island_id}", OPTION_LOOKS)


def coded_matrix(cells: pd.DataFrame, *, rows: Sequence[str], columns: Sequence[str],
                 codes: Mapping[str, Code], alt: str, source: str, data: pd.DataFrame | None = None,
                 row_height: int = ROW_HEIGHT_PX) -> Chart:
    """A grid of `rows` × `columns`, top to bottom and left to right as given.

    `cells` has one row per cell with columns `row`, `column`, `code` (a key of `codes`) and `hover`
    (plain text; line breaks as "\\n"). Every cell of the grid must be given exactly once.
    """
    rows, columns = list(rows), list(columns)
    if len(set(rows)) != len(rows) or len(set(columns)) != len(columns):
        raise ValueError("row and column labels must be unique")
    _check_cells(cells, rows, columns, codes)
    order = list(codes)
    indexed = cells.set_index(["row", "column"])
    code_grid = [[indexed.loc[(r, c), "code"] for c in columns] for r in rows]
    hover_grid = [[_hover_html(indexed.loc[(r, c), "hover"]) for c in columns] for r in rows]
    shown_rows = [wrap_label(r, ROW_LABEL_CHARS) for r in rows]
    shown_columns = [wrap_label(c, COLUMN_LABEL_CHARS) for c in columns]

    figure = go.Figure(go.Heatmap(
        z=[[order.index(code) for code in line] for line in code_grid],
        x=shown_columns, y=shown_rows, customdata=hover_grid,
        colorscale=_discrete_scale([codes[c].colour for c in order]),
        zmin=-0.5, zmax=len(order) - 0.5, showscale=False, xgap=3, ygap=3,
        hovertemplate="%{customdata}<extra></extra>", name="",
    ))
    for r, line in zip(shown_rows, code_grid):
        for c, code in zip(shown_columns, line):
            figure.add_annotation(x=c, y=r, text=for_plotly(codes[code].cell_text), showarrow=False,
                                  font=dict(size=CELL_FONT_PX, color=text_colour(codes[code].colour)))
    used = {code for line in code_grid for code in line}
    for code in order:
        if code in used:
            figure.add_trace(go.Scatter(
                x=[None], y=[None], mode="markers", name=wrap_label(codes[code].label, LEGEND_CHARS), hoverinfo="skip",
                marker=dict(symbol="square", size=14, color=codes[code].colour, line=dict(color=INK, width=1)),
            ))
    figure.update_layout(
        xaxis=dict(side="top", showgrid=False, ticks="", linecolor="rgba(0,0,0,0)", fixedrange=True,
                   tickfont=dict(size=13), tickangle=0),
        yaxis=dict(autorange="reversed", showgrid=False, ticks="", fixedrange=True, tickfont=dict(size=12),
                   tickmode="array", tickvals=shown_rows,
                   ticktext=[wrap_label(r, ROW_LABEL_CHARS, ROW_LABEL_LINES) for r in rows]),
        plot_bgcolor="white", hovermode="closest", hoverlabel=dict(align="left"),
        legend=dict(orientation="h", x=0, xanchor="left", yref="paper", y=-0.01, yanchor="top"),
        margin=dict(t=60, b=20),
    )
    # Room for the grid, the column labels and a legend that may stack one entry per line on narrow pages.
    height = max(300, 110 + row_height * len(rows) + LEGEND_ENTRY_PX * len(used))
    if data is None:
        # The data behind a grid is its cells: one row per cell, as read across.
        data = cells[["row", "column", "code"]].rename(columns={"row": _("Row"), "column": _("Column"),
                                                                "code": _("Code")})
    small = dict(size=PHONE_FONT_PX)
    narrow_rows = [wrap_label(r, NARROW_ROW_LABEL_CHARS, NARROW_ROW_LABEL_LINES) for r in rows]
    on_phone = dict(
        xaxis=dict(tickfont=small), legend=dict(font=small), margin=dict(l=10, r=10),
        yaxis=phone_category_labels(shown_rows, narrow_rows),
        # The layout's annotations are the cells' words: the same words, smaller.
        annotations=[{**note, "font": {**note["font"], "size": NARROW_CELL_FONT_PX}}
                     for note in figure.to_plotly_json()["layout"]["annotations"]],
    )
    return Chart(figure=figure, alt=alt, source=source, data=data, height=height, phone_layout=on_phone)


def agreement_matrix(agreements: pd.DataFrame, sources: pd.DataFrame, islands: pd.DataFrame, *,
                     alt: str, source: str) -> Chart:
    """What each agreement says of each disputed island, one row per agreement in date order."""
    ordered = agreements.sort_values(["date_signed", "agreement_id"]).reset_index(drop=True)
    names = _island_names(islands)
    codes = {island_id: agreement_codes(island_id) for island_id in names}
    labels = [agreement_label(row.short_name, row.date_signed) for row in ordered.itertuples()]
    cells = []
    for label, row in zip(labels, ordered.itertuples()):
        when = format_date(row.date_signed, "day")
        quote = key_text(ordered.loc[row.Index]) or _("(no verbatim text found)")
        cited = publishers_of(sources, row.source_ids)
        for island_id, island_name in names.items():
            code = getattr(row, f"says_{island_id}")
            cells.append({
                "row": label, "column": island_name, "code": code,
                "hover": "\n".join([
                    _("{name}, {date}").format(name=row.short_name, date=when),
                    _("{island}: {meaning}.").format(island=island_name, meaning=codes[island_id][code].meaning),
                    quote, _("Sources: {names}").format(names=cited)]),
            })
    data = pd.DataFrame({
        _("Agreement"): ordered["short_name"],
        _("Date"): [format_date(d, "day") for d in ordered["date_signed"]],
        **{name: ordered[f"says_{island_id}"].map(lambda c, i=island_id: codes[i][c].label)
           for island_id, name in names.items()},
        _("Key text"): [key_text(agreement) for _index, agreement in ordered.iterrows()],
        _("Sources"): ordered["source_ids"].map(lambda ids: publishers_of(sources, ids)),
    })
    return coded_matrix(pd.DataFrame(cells), rows=labels, columns=list(names.values()), codes=codes[next(iter(names))],
                        alt=alt, source=source, data=data)


def option_matrix(options: pd.DataFrame, sources: pd.DataFrame, islands: pd.DataFrame, *,
                  alt: str, source: str) -> Chart:
    """What each option on the table would mean for each disputed island, one row per option."""
    names = _island_names(islands)
    codes = {island_id: option_codes(island_id) for island_id in names}
    cells = []
    for row in options.itertuples():
        cited = publishers_of(sources, row.source_ids)
        for island_id, island_name in names.items():
            code = getattr(row, f"outcome_{island_id}")
            cells.append({
                "row": row.name, "column": island_name, "code": code,
                "hover": "\n".join([
                    row.name,
                    _("{island}: {meaning}.").format(island=island_name, meaning=codes[island_id][code].meaning),
                    row.summary, _("Put forward by: {names}").format(names=row.put_forward_by),
                    _("Sources: {names}").format(names=cited)]),
            })
    data = pd.DataFrame({
        _("Option"): options["name"],
        **{name: options[f"outcome_{island_id}"].map(lambda c, i=island_id: codes[i][c].label)
           for island_id, name in names.items()},
        _("Put forward by"): options["put_forward_by"],
        _("Sources"): options["source_ids"].map(lambda ids: publishers_of(sources, ids)),
    })
    return coded_matrix(pd.DataFrame(cells), rows=list(options["name"]), columns=list(names.values()),
                        codes=codes[next(iter(names))], alt=alt, source=source, data=data)


def agreement_label(short_name: str, date: pd.Timestamp) -> str:
    """'1993 · Tokyo Declaration': the year first, and not twice when the name ends with it."""
    name = re.sub(rf"\s*\((?:[A-Za-z]+ )?{date.year}\)$", "", short_name)
    return f"{date.year} · {name}"


def text_colour(fill: str) -> str:
    """The house ink or white, whichever contrasts more with `fill` (WCAG contrast ratio)."""
    fill_luminance = _luminance(fill)
    on_ink = (fill_luminance + 0.05) / (_luminance(INK) + 0.05)
    on_white = (1.05) / (fill_luminance + 0.05)
    return INK if on_ink >= on_white else WHITE


def contrast_ratio(first: str, second: str) -> float:
    light, dark = sorted([_luminance(first), _luminance(second)], reverse=True)
    return (light + 0.05) / (dark + 0.05)


def _luminance(colour: str) -> float:
    channels = [int(colour.lstrip("#")[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _island_names(islands: pd.DataFrame) -> dict[str, str]:
    """The disputed islands by id, each by its name in the edition's language."""
    disputed = disputed_islands(islands)
    return dict(zip(disputed["island_id"], local_names(disputed)))


def _check_cells(cells: pd.DataFrame, rows: list[str], columns: list[str], codes: Mapping[str, Code]) -> None:
    unknown = sorted(set(cells["code"]) - set(codes))
    if unknown:
        raise ValueError(f"cells use codes with no legend entry: {', '.join(unknown)}")
    given = list(zip(cells["row"], cells["column"]))
    if len(given) != len(set(given)):
        raise ValueError("a cell is given more than once")
    wanted = {(r, c) for r in rows for c in columns}
    if set(given) != wanted:
        missing = sorted(wanted - set(given))
        extra = sorted(set(given) - wanted)
        raise ValueError(f"cells do not fill the grid: missing {missing[:3]}, outside it {extra[:3]}")


def _discrete_scale(colours: list[str]) -> list[list]:
    steps = len(colours)
    scale = []
    for i, colour in enumerate(colours):
        scale += [[i / steps, colour], [(i + 1) / steps, colour]]
    return scale


def _hover_html(text: str) -> str:
    """Plain text to hover HTML: escaped, wrapped, the first paragraph in bold."""
    paragraphs = []
    for number, paragraph in enumerate(str(text).split("\n")):
        shown = "<br>".join(for_plotly(line) for line in wrap(paragraph, HOVER_WRAP))
        paragraphs.append(f"<b>{shown}</b>" if number == 0 and shown else shown)
    return "<br>".join(paragraphs)
