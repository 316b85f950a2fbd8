"""`python -m unsigned_peace catalogs` and `python -m unsigned_peace editions list|check|build|pdf`."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

from unsigned_peace.language import ENGLISH_NAMES, LanguageError, check_language
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
    jobs = jobs or max(1, (os.cpu_count() or 1) - 1)
    if action == "pdf":
        return edition_pdfs(root, languages, jobs)
    failures = editions.build_editions(root, languages, jobs)
    for failure in failures:
        print(failure, file=sys.stderr)
    return 1 if failures else 0


def edition_pdfs(root: Path, languages: tuple[str, ...], jobs: int) -> int:
    """Build each edition's PDF, check it as the English one is checked, and put a sound one beside the English
    PDF (`_build/latex/unsigned-peace-ja.pdf`)."""
    from unsigned_peace.machinery.pdf.latex import check_built_pdf

    problems: list[str] = []

    def check(language: str, seconds: float) -> None:
        found, pdf = check_built_pdf(root, language)
        problems.extend(found)
        if not found:
            placed = root / "_build" / "latex" / pdf.name
            placed.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(pdf, placed)
            print(f"The {ENGLISH_NAMES[language]} PDF is at {placed} (built in {seconds:.0f} s)")

    failures = editions.build_editions(root, languages, jobs, pdf=True, built=check)
    for failure in failures:
        print(failure, file=sys.stderr)
    for problem in problems:
        print(f"error: {problem}", file=sys.stderr)
    return 1 if failures or problems else 0


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
