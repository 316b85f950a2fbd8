"""`python -m unsigned_peace catalogs` and `python -m unsigned_peace editions list|check|build`."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from unsigned_peace.language import LanguageError, check_language
from unsigned_peace.machinery.shared.translations import published_editions, translated_languages
from unsigned_peace.machinery.steps import catalogs, editions


def _languages(named: tuple[str, ...], default: tuple[str, ...]) -> tuple[str, ...]:
    for language in named:
        check_language(language, where="the language named")
        if language not in translated_languages():
            raise LanguageError(f"{language} is the language the book is written in, not a translation")
    return named or default


def update_catalogs_command(root: Path, named: tuple[str, ...]) -> int:
    """Update every catalog from the English, then say what each asks of a translator."""
    try:
        languages = _languages(named, translated_languages())
        templates = catalogs.all_templates(root)
    except (LanguageError, catalogs.ExtractionFailed) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    changed = catalogs.update_catalogs(root, templates, languages)
    for path in changed:
        print(f"{'updated' if path.exists() else 'removed'} {path.relative_to(root)}")
    for language in languages:
        counts = catalogs.catalog_counts(root, language, templates)
        for entry in counts:
            print(f"{entry.path.relative_to(root)}: {entry.messages:,} messages, {entry.words:,} words; "
                  f"{entry.translated:,} translated, {entry.fuzzy:,} fuzzy")
        print(f"{language}: {sum(e.messages for e in counts):,} messages, {sum(e.words for e in counts):,} words "
              f"in {len(counts)} catalogs; {sum(e.translated for e in counts):,} translated, "
              f"{sum(e.fuzzy for e in counts):,} fuzzy")
    return 0


def editions_command(root: Path, action: str, named: tuple[str, ...], jobs: int | None) -> int:
    try:
        published = published_editions()
        languages = _languages(named, published)
    except LanguageError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    if action == "list":
        for language in languages:
            print(language)
        return 0
    if action == "check":
        return check_editions(root, languages)
    failures = editions.build_editions(root, languages, jobs or max(1, (os.cpu_count() or 1) - 1))
    for failure in failures:
        print(failure, file=sys.stderr)
    return 1 if failures else 0


def check_editions(root: Path, languages: tuple[str, ...]) -> int:
    """Every message of the English translated, and none fuzzy, in each edition's catalogs."""
    if not languages:
        return 0
    try:
        templates = catalogs.all_templates(root)
    except catalogs.ExtractionFailed as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    problems = [problem for language in languages for problem in catalogs.catalog_problems(root, language, templates)]
    for problem in problems:
        print(f"error: {problem}", file=sys.stderr)
    if problems:
        print(f"editions: {len(problems):,} messages to translate or mend; an edition is published "
              "(PUBLISHED_EDITIONS in unsigned_peace/language.py) only once its catalogs are complete",
              file=sys.stderr)
        return 1
    print(f"editions: the catalogs of {', '.join(languages)} are complete")
    return 0
