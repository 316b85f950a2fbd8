"""The book's own configuration files, read without starting Sphinx: `_config.yml` and `CITATION.cff`."""

from __future__ import annotations

from pathlib import Path

import yaml


def _read(path: Path) -> dict:
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError):
        return {}


def book_config(root: Path) -> dict:
    """The book's `_config.yml` as Jupyter Book reads it (empty when it is missing or unreadable)."""
    return _read(root / "_config.yml")


def book_description(root: Path) -> str:
    """The book's `description` in `_config.yml`, whitespace folded."""
    return " ".join(str(book_config(root).get("description", "")).split())


def citation_file(root: Path) -> dict:
    """The book's `CITATION.cff` (empty when it is missing or unreadable)."""
    return _read(root / "CITATION.cff")


def citation_keywords(root: Path) -> list[str]:
    """The book's keywords, as CITATION.cff gives them (the PDF's metadata carries them too)."""
    return [str(keyword) for keyword in citation_file(root).get("keywords", [])]
