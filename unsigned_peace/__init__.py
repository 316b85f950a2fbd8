"""Shared code for the book "The Unsigned Peace": data loading and validation, charts, tables.

Names are imported when first used: the Sphinx extension, which needs none of them, then starts
without loading pandas, and a rebuild that changes nothing stays quick.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from unsigned_peace.data import BookData, load_data
    from unsigned_peace.validation import DataValidationError

_HOMES = {"BookData": "unsigned_peace.data", "load_data": "unsigned_peace.data",
          "DataValidationError": "unsigned_peace.validation"}
__all__ = ["BookData", "DataValidationError", "load_data"]


def __getattr__(name: str):
    if name in _HOMES:
        value = getattr(importlib.import_module(_HOMES[name]), name)
        # Kept here, so that a module of the same name (island_map) cannot take the name's place.
        globals()[name] = value
        return value
    raise AttributeError(f"module 'unsigned_peace' has no attribute {name!r}")
