"""Figures about the islands computed from the data: area ranges across sources, the latest population
figures and scenario shares."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from unsigned_peace.translations import english

# A scenario's islands are read from agreements.csv: those an agreement says are to be transferred.
TRANSFER_CODE = "to-be-transferred"
# The area figures the book uses: Japan's Geospatial Information Authority survey as the Ministry of
# Foreign Affairs publishes it, each island with its islets and as the main island alone.
SURVEY_SOURCE = "mofa-jp-northern-territories-data-en"
SURVEY_EXTENTS = {"with islets": "includes islets", "main island": "main island"}


def disputed_islands(islands: pd.DataFrame) -> pd.DataFrame:
    """The islands Japan claims (group "disputed"), in the order of islands.csv."""
    return islands[islands["group"] == "disputed"].reset_index(drop=True)


def islands_to_be_transferred(agreements: pd.DataFrame, agreement_id: str) -> list[str]:
    """Ids of the islands whose `says_<island>` column is "to-be-transferred" for the agreement."""
    row = agreements.set_index("agreement_id").loc[agreement_id]
    return [column.removeprefix("says_") for column in agreements.columns
            if column.startswith("says_") and row[column] == TRANSFER_CODE]


POPULATION_MEASURE = "population"
# A rounded figure ("about 8,500") is marked so in its note; an exact count of the same year goes before it.
APPROXIMATE = "approximate"


def latest_populations(measurements: pd.DataFrame, standalone: set[str] | None = None) -> pd.DataFrame:
    """Each island's latest population figure in island_measurements.csv, by island id.

    For each island: the latest year for which a source gives a population figure (rows without a
    year are left out), that figure, and every source giving a figure for that year, as columns
    `population`, `population_year` and `population_source_ids` (a list). With `standalone` (the ids
    of the sources a figure may rest on alone, `sources.standalone_sources`), only a year in which one
    of those gives a figure counts, as for every figure the book states. A figure whose note calls it
    approximate gives way to an exact count of the same year; exact counts that disagree are an error:
    the data must say which figure holds.
    """
    rows = measurements[(measurements["measure"] == POPULATION_MEASURE) & measurements["year"].notna()]
    latest = {}
    for island_id, figures in rows.groupby("island_id", sort=False):
        citable = figures if standalone is None else figures[figures["source_id"].isin(standalone)]
        if citable.empty:
            continue
        year = int(citable["year"].max())
        that_year = figures[figures["year"] == year]
        # The note in the data's own words, whatever the edition.
        rounded = english(that_year, "note").fillna("").str.lower().str.startswith(APPROXIMATE)
        counted = that_year[~rounded] if (~rounded).any() else that_year
        values = sorted(set(int(value) for value in counted["value"]))
        if len(values) != 1:
            raise ValueError(f"island_measurements.csv gives {island_id} different populations for {year}: "
                             f"{', '.join(f'{value:,}' for value in values)}")
        sources = [*counted["source_id"], *that_year.loc[rounded, "source_id"]]
        latest[island_id] = {"population": values[0], "population_year": year,
                             "population_source_ids": list(dict.fromkeys(sources))}
    return pd.DataFrame.from_dict(latest, orient="index").rename_axis("island_id")


def with_latest_populations(islands: pd.DataFrame, measurements: pd.DataFrame,
                            standalone: set[str] | None = None) -> pd.DataFrame:
    """`islands` with each island's population, year and sources replaced by its latest figure
    (`latest_populations`). Raises for an island with no such figure."""
    latest = latest_populations(measurements, standalone)
    missing = sorted(set(islands["island_id"]) - set(latest.index))
    if missing:
        raise ValueError(f"island_measurements.csv has no dated population figure for {missing}")
    found = latest.loc[islands["island_id"]]
    return islands.assign(
        population=found["population"].astype("Int64").to_numpy(),
        population_year=found["population_year"].astype("Int64").to_numpy(),
        population_source_ids=list(found["population_source_ids"]),
    )


def area_ranges(measurements: pd.DataFrame, islands: pd.DataFrame) -> pd.DataFrame:
    """One row per island: the area figure used, and the lowest and highest figure any source gives.

    `figures` counts every area figure found (a source may give two: with and without islets);
    `sources` counts the distinct sources behind them. `spread_pct` is (highest - lowest) as a
    percentage of the figure used.
    """
    areas = measurements[measurements["measure"] == "area"]
    found = areas.groupby("island_id").agg(
        lowest=("value", "min"), highest=("value", "max"),
        figures=("value", "size"), sources=("source_id", "nunique"),
    )
    table = islands[["island_id", "name_en", "area_km2"]].rename(columns={"area_km2": "used"})
    table = table.join(found, on="island_id", how="left")
    table["spread_pct"] = (table["highest"] - table["lowest"]) / table["used"] * 100
    return table.reset_index(drop=True)


def survey_areas(measurements: pd.DataFrame) -> pd.DataFrame:
    """The survey's area figures (km²) by island id, "all-four" included: columns "with islets" and
    "main island". Raises unless the survey gives exactly one figure of each for every island."""
    areas = measurements[(measurements["measure"] == "area") & (measurements["source_id"] == SURVEY_SOURCE)]
    columns = {}
    for extent, wording in SURVEY_EXTENTS.items():
        rows = areas[english(areas, "note").str.contains(wording, regex=False, na=False)]
        if rows["island_id"].duplicated().any() or rows.empty:
            raise ValueError(f"island_measurements.csv must give one {extent!r} area per island from {SURVEY_SOURCE}")
        columns[extent] = rows.set_index("island_id")["value"].astype(float)
    table = pd.DataFrame(columns)
    if table.isna().any().any():
        lacking = list(table.index[table.isna().any(axis=1)])
        raise ValueError(f"island_measurements.csv lacks a survey figure for {lacking}")
    return table


def area_differences(measurements: pd.DataFrame, islands: pd.DataFrame) -> pd.DataFrame:
    """Every area figure for an island in islands.csv, with its difference from the figure used, in %."""
    used = islands.set_index("island_id")["area_km2"]
    areas = measurements[(measurements["measure"] == "area") & measurements["island_id"].isin(used.index)]
    return areas.assign(
        used=areas["island_id"].map(used),
        difference_pct=(areas["value"] - areas["island_id"].map(used)) / areas["island_id"].map(used) * 100,
    ).reset_index(drop=True)


@dataclass(frozen=True)
class Share:
    """A part of a whole: e.g. the land area of two islands out of the four."""

    part: float
    whole: float

    @property
    def fraction(self) -> float:
        return self.part / self.whole


@dataclass(frozen=True)
class ScenarioShares:
    """What a settlement covering `island_ids` would cover of the disputed islands."""

    island_ids: tuple[str, ...]
    area: Share
    japanese_population_1945: Share
    population: Share
    population_years: tuple[int, ...]


def scenario_shares(islands: pd.DataFrame, island_ids: list[str]) -> ScenarioShares:
    """Shares of land area, 1945 Japanese population and today's population held by `island_ids`.

    The whole is the disputed islands (group "disputed"); figures are those islands.csv uses.
    """
    disputed = disputed_islands(islands).set_index("island_id")
    unknown = set(island_ids) - set(disputed.index)
    if unknown:
        raise ValueError(f"not disputed islands: {sorted(unknown)}")
    part = disputed.loc[list(island_ids)]

    def share(column: str) -> Share:
        return Share(part=float(part[column].sum()), whole=float(disputed[column].sum()))

    return ScenarioShares(
        island_ids=tuple(island_ids),
        area=share("area_km2"),
        japanese_population_1945=share("japanese_population_1945"),
        population=share("population"),
        population_years=tuple(sorted(int(year) for year in disputed["population_year"].unique())),
    )
