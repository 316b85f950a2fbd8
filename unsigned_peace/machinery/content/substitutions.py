"""Values from the data that the book's Markdown pages name: `{{ data_as_of }}` and `{{ latest_event }}`."""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx
from sphinx.config import Config

from unsigned_peace.machinery.shared.data_dates import data_as_of, latest_event
from unsigned_peace.paths import data_dir
from unsigned_peace.schema import descriptor as read_descriptor


def data_substitutions(app: Sphinx, config: Config) -> None:
    """`{{ data_as_of }}` and `{{ latest_event }}` for the book's Markdown pages, read from the data."""
    folder = data_dir(Path(app.srcdir))
    try:
        descriptor = read_descriptor(folder)
        values = {"data_as_of": data_as_of(folder, descriptor), "latest_event": latest_event(folder, descriptor)}
    except (OSError, ValueError, KeyError):
        values = {"data_as_of": "", "latest_event": ""}  # the data check reports what is wrong
    config.myst_substitutions = {**(config.myst_substitutions or {}), **values}
