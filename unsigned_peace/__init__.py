"""Shared code for the book "The Unsigned Peace": data loading and validation, charts, tables."""

from unsigned_peace.data import BookData, load_data
from unsigned_peace.validation import DataValidationError

__all__ = ["BookData", "DataValidationError", "load_data"]
