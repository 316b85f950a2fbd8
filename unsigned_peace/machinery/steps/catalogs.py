"""The translators' catalogs: extracted from the English book, kept in step with it, and checked before an
edition is published.

- The pages' words: Sphinx's gettext builder reads the book (notebooks not executed: their outputs are made
  in the edition's language when the edition's notebooks run, and are marked untranslatable anyway, see
  content/translation.py) in a build folder of its own (`_build/editions/gettext/`: it cannot share the HTML
  build's doctrees), one template per page, and one (`sphinx`) of the book's templates' words.
- The interface's words: every `N_("...")` of the machinery's Python, every `upText("...")` of the book's
  scripts, the settings of `_config.yml` a reader sees (the title, the description...) and the book's title as
  `CITATION.cff` gives it (cited on every page), read with Babel.

`update_catalogs` merges each template into `locale/<language>/LC_MESSAGES/<page>.po` with Babel's
`Catalog.update`, as `msgmerge` would: a new English message comes in untranslated, a changed one keeps its
old translation marked fuzzy (to be checked, then the flag removed), a message gone from the English goes.
`catalog_problems` is what publishing an edition requires: every message of the English translated and none
fuzzy, one plain line per message that is not.
"""

from __future__ import annotations

import copy
import io
import os
import re
import subprocess
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import yaml
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_file
from babel.messages.pofile import read_po, write_po

from unsigned_peace.escape import clipped
from unsigned_peace.machinery.shared.book_files import book_config, citation_file
from unsigned_peace.machinery.shared.translations import (
    INTERFACE_DOMAIN,
    catalog_path,
    english_name,
    gettext_build,
    locale_dir,
)

PROJECT = "The Unsigned Peace"
MACHINERY = Path(__file__).resolve().parents[1]  # unsigned_peace/machinery/
# Where the interface's messages are written: the machinery's Python (N_) and the book's scripts (upText).
PYTHON_KEYWORDS = {"N_": None}
SCRIPT_KEYWORDS = {"upText": None}
# The settings of _config.yml a reader sees, by their path in it; an edition's configuration carries their
# translations (steps/editions.py).
TRANSLATED_SETTINGS = (("title",), ("author",), ("description",), ("sphinx", "config", "unsigned_peace_subtitle"),
                       ("sphinx", "config", "unsigned_peace_intro_title"))
# Sphinx's gettext builder also writes the strings of the book's own templates (`_("Color mode")`), in Sphinx's
# own domain, which the themes' catalogs translate, some of them not in every language: the edition's catalog of
# that domain, `sphinx.po`, comes before the themes' (steps/editions.py compiles it before each build).
THEME_DOMAIN = "sphinx"
# Words of Sphinx's HTML writer and of the theme that reach every page but that one of their catalogs leaves in
# English (Sphinx's Japanese has no titles for its permalinks, pydata-sphinx-theme's Russian no "Back to top" or
# "Version warning", its Japanese keeps "© Copyright"): each edition's sphinx.po, which comes first, has them too.
THEME_WORDS = ("Link to this heading", "Link to this table", "Link to this image", "Link to this term",
               "Back to top", "Version warning", "© Copyright %(copyright)s.")
SHOWN = 70  # characters of a message shown in a problem's line
JUPYTER_BOOK = Path(sys.executable).parent / "jupyter-book"


class ExtractionFailed(RuntimeError):
    """Sphinx's gettext build of the book did not finish."""


# ---------------------------------------------------------------------------------------------
# Templates: what there is to translate


def gettext_config(root: Path) -> dict:
    """The book's configuration for the extraction: notebooks not executed, one catalog per page."""
    config = copy.deepcopy(book_config(root))
    config.setdefault("execute", {})["execute_notebooks"] = "off"
    sphinx_config = config.setdefault("sphinx", {}).setdefault("config", {})
    sphinx_config["gettext_compact"] = False
    # The notebooks' stored outputs hold no glued values: inline values in the prose find none (their
    # messages keep the expressions as written, which is what a translator translates).
    sphinx_config["suppress_warnings"] = [*sphinx_config.get("suppress_warnings", []), "mystnb.glue"]
    return config


def extract_pages(root: Path) -> dict[str, Catalog]:
    """Each page's messages, by page (its docname), from Sphinx's gettext builder run on the English book."""
    folder = gettext_build(root)
    folder.mkdir(parents=True, exist_ok=True)
    config_file = folder / "gettext.yml"
    write_config(gettext_config(root), config_file)
    # Every page read afresh (--all): what is a message depends on the machinery too, which Sphinx does not watch.
    command = [str(JUPYTER_BOOK), "build", str(root), "--config", str(config_file), "--path-output", str(folder),
               "--builder", "custom", "--custom-builder", "gettext", "--all", "--quiet"]
    result = subprocess.run(command, capture_output=True, text=True, env=os.environ | {"PYTHONUNBUFFERED": "1"})
    output = folder / "_build" / "gettext"
    if result.returncode != 0 or not output.is_dir():
        said = (result.stderr or result.stdout).strip().splitlines()
        raise ExtractionFailed("extracting the pages' messages failed (Sphinx's gettext build): "
                               + (said[-1] if said else f"status {result.returncode}"))
    templates = {}
    for pot in sorted(output.rglob("*.pot")):
        domain = pot.relative_to(output).with_suffix("").as_posix()
        with pot.open("rb") as handle:
            template = read_po(handle)
        templates[domain] = with_book_locations(template, output, root)
    return templates


def with_book_locations(template: Catalog, folder: Path, root: Path) -> Catalog:
    """The template with each message's location given from the book's root (`chapters/01-article.ipynb`), not
    from the build folder (`folder`, from which Sphinx gives them) on this machine. A notebook's line is
    Sphinx's: its cell (from 1) times 10,000 plus the line in the cell."""
    for message in template:
        message.locations = [(_from_root(file, folder, root), line) for file, line in message.locations]
    return template


def _from_root(file: str, folder: Path, root: Path) -> str:
    path = Path(os.path.normpath(folder / file))
    try:
        return path.relative_to(root.resolve()).as_posix()
    except ValueError:
        return Path(file).name


def extract_interface(root: Path) -> Catalog:
    """The interface's messages: the machinery's `N_(...)`, the scripts' `upText(...)`, the reader's settings."""
    template = Catalog(project=PROJECT, fuzzy=False)
    for path in sorted(MACHINERY.rglob("*.py")):
        _add_extracted(template, path, "python", PYTHON_KEYWORDS, root)
    for path in sorted(MACHINERY.rglob("*.js")):
        _add_extracted(template, path, "javascript", SCRIPT_KEYWORDS, root)
    config = book_config(root)
    for setting in TRANSLATED_SETTINGS:
        value = setting_value(config, setting)
        if isinstance(value, str) and value.strip():
            template.add(" ".join(value.split()), locations=[("_config.yml", None)],
                         auto_comments=[f"_config.yml: {'.'.join(setting)}"])
    cff = citation_file(root)
    title = cff.get("title")
    if isinstance(title, str) and title.strip():
        template.add(" ".join(title.split()), locations=[("CITATION.cff", None)],
                     auto_comments=["CITATION.cff: title (the book as a reader cites it)"])
    # An author that is a body, not a person (`name`, not `given-names` and `family-names`): the book's
    # contributors, named in each edition's language (a person's name is not translated).
    for author in cff.get("authors") or []:
        name = author.get("name") if isinstance(author, dict) else None
        if isinstance(name, str) and name.strip():
            template.add(" ".join(name.split()), locations=[("CITATION.cff", None)],
                         auto_comments=["CITATION.cff: an author that is a body (as the citations name it)"])
    return template


def _add_extracted(template: Catalog, path: Path, method: str, keywords: dict, root: Path) -> None:
    shown = _shown_path(path, root)
    for _line, message, comments, _context in extract_from_file(method, str(path), keywords=keywords,
                                                                comment_tags=("Translators:",)):
        if isinstance(message, str) and message:
            # Files without lines: a catalog does not change when code moves about a file.
            template.add(message, locations=[(shown, None)], auto_comments=comments)


def _shown_path(path: Path, root: Path) -> str:
    for base in (root.resolve(), MACHINERY.parents[1]):
        try:
            return path.resolve().relative_to(base).as_posix()
        except ValueError:
            continue
    return path.name


def setting_value(config: dict, setting: tuple[str, ...]):
    value = config
    for key in setting:
        if not isinstance(value, dict):
            return None
        value = value.get(key)
    return value


def all_templates(root: Path) -> dict[str, Catalog]:
    """Every catalog's template, by domain: the pages' (the templates' words with the theme's and Sphinx's that
    their catalogs leave in English) and the interface's."""
    templates = extract_pages(root)
    theme = templates.setdefault(THEME_DOMAIN, Catalog(project=PROJECT, fuzzy=False))
    for word in THEME_WORDS:
        theme.add(word, locations=[("sphinx", None)], flags=["python-format"] if "%(" in word else (),
                  auto_comments=["Written by Sphinx or its theme, not by the book's templates"])
    return {**templates, INTERFACE_DOMAIN: extract_interface(root)}


def write_config(config: dict, path: Path) -> None:
    text = yaml.safe_dump(config, allow_unicode=True, sort_keys=False)
    if not path.is_file() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")


# ---------------------------------------------------------------------------------------------
# Catalogs: what the translators fill in


def update_catalogs(root: Path, templates: dict[str, Catalog], languages: tuple[str, ...]) -> list[Path]:
    """Bring each language's catalogs in step with the templates; returns the files written or removed.

    A catalog is written only when its messages, translations or flags change (not for its dates alone), so
    an update that changes nothing leaves git with nothing to commit.
    """
    changed = []
    for language in languages:
        for domain, template in sorted(templates.items()):
            path = catalog_path(root, language, domain)
            catalog = read_catalog(path) or new_catalog(language)
            catalog.update(template, update_header_comment=False, update_creation_date=False)
            if write_catalog(catalog, path):
                changed.append(path)
        folder = locale_dir(root) / language
        for old in sorted(folder.rglob("*.po")) if folder.is_dir() else []:
            if domain_of(root, language, old) not in templates:
                old.unlink()
                changed.append(old)
    return changed


def domain_of(root: Path, language: str, path: Path) -> str:
    return path.relative_to(catalog_path(root, language, "x").parent).with_suffix("").as_posix()


def new_catalog(language: str) -> Catalog:
    catalog = Catalog(locale=language, project=PROJECT, version="1", fuzzy=False,
                      language_team=f"{english_name(language)} <translators of {PROJECT}>")
    catalog.header_comment = (f"# {english_name(language)} translation of {PROJECT}.\n"
                              "# Updated from the English by: python -m unsigned_peace catalogs\n#")
    return catalog


def read_catalog(path: Path) -> Catalog | None:
    if not path.is_file():
        return None
    with path.open("rb") as handle:
        return read_po(handle)


DATE_LINE = re.compile(rb'^"(POT-Creation-Date|PO-Revision-Date|Generated-By): .*\\n"\n', re.M)


def write_catalog(catalog: Catalog, path: Path) -> bool:
    """Write the catalog unless the file already says the same (dates aside); True when it was written."""
    text = io.BytesIO()
    write_po(text, catalog, ignore_obsolete=True, include_previous=True)
    new = text.getvalue()
    if path.is_file() and DATE_LINE.sub(b"", path.read_bytes()) == DATE_LINE.sub(b"", new):
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(new)
    return True


# ---------------------------------------------------------------------------------------------
# What publishing an edition requires


def catalog_problems(root: Path, language: str, templates: dict[str, Catalog]) -> list[str]:
    """One line per English message the edition's catalogs do not translate (missing, empty or fuzzy)."""
    problems = []
    for domain, template in sorted(templates.items()):
        path = catalog_path(root, language, domain)
        shown = path.relative_to(root).as_posix()
        catalog = read_catalog(path)
        if catalog is None:
            problems.append(f"{shown}: no catalog for the page's {count(len(_ids(template)), 'message')}: "
                            "run python -m unsigned_peace catalogs, then translate it")
            continue
        for message_id in _ids(template):
            message = catalog.get(message_id)
            quoted = f'"{clipped(" ".join(message_id.split()), SHOWN)}"'
            if message is None:
                problems.append(f"{shown}: {quoted} is not in the catalog: run python -m unsigned_peace catalogs, "
                                "then translate it")
            elif not message.string:
                problems.append(f"{shown}: {quoted} has no translation: write its msgstr")
            elif message.fuzzy:
                problems.append(f"{shown}: {quoted} is marked fuzzy (its English changed): check the translation "
                                "against the English, then remove the fuzzy flag")
            elif (changed := changed_markup(message_id, message.string)):
                problems.append(f"{shown}: {quoted}: its translation {changed}: keep the English's inline values, "
                                "references and placeholders, each written as the English writes it")
    return problems


# What a translation must keep as the English writes it: MyST roles with their targets (an inline value,
# {eval}`claims_total`; a reference, {doc}`glossary`, which may take a title of its own, {doc}`用語集 <glossary>`),
# links' targets ([the table](#tbl-claims)) and the interface's placeholders ({total}).
ROLE = re.compile(r"\{(?P<role>[\w:-]+)\}`(?P<content>[^`]*)`")
LINK_TARGET = re.compile(r"\]\((?P<target>[^)\s]*)\)")
PLACEHOLDER = re.compile(r"\{\w+\}(?!`)")


def markup(text: str) -> Counter:
    kept = Counter()
    for role in ROLE.finditer(text):
        content = role["content"]
        titled = re.fullmatch(r".*<(?P<target>[^<>]+)>\s*", content, re.S)
        target = content if role["role"] == "eval" or not titled else titled["target"]
        kept[f"{{{role['role']}}}`{target}`"] += 1
    kept.update(f"]({link['target']})" for link in LINK_TARGET.finditer(text))
    kept.update(PLACEHOLDER.findall(ROLE.sub("", text)))
    return kept


def changed_markup(english: str, translated: str) -> str:
    """What of the English's roles, links and placeholders the translation lacks or adds, in words ("" if none)."""
    wanted, written = markup(english), markup(translated)
    lacking, added = sorted((wanted - written).elements()), sorted((written - wanted).elements())
    parts = ([f"lacks {' '.join(lacking)}"] if lacking else []) + ([f"adds {' '.join(added)}"] if added else [])
    return " and ".join(parts)


def _ids(template: Catalog) -> list[str]:
    return [message.id for message in template if message.id and isinstance(message.id, str)]


def count(number: int, noun: str) -> str:
    return f"{number:,} {noun}{'' if number == 1 else 's'}"


@dataclass(frozen=True)
class CatalogCount:
    """How much a catalog asks of a translator, and how much of it is done."""

    path: Path
    messages: int
    words: int
    translated: int
    fuzzy: int


def catalog_counts(root: Path, language: str, templates: dict[str, Catalog]) -> list[CatalogCount]:
    counts = []
    for domain, template in sorted(templates.items()):
        path = catalog_path(root, language, domain)
        catalog = read_catalog(path) or Catalog()
        ids = _ids(template)
        found = [catalog.get(message_id) for message_id in ids]
        counts.append(CatalogCount(path=path, messages=len(ids), words=sum(words(message_id) for message_id in ids),
                                   translated=sum(1 for m in found if m is not None and m.string and not m.fuzzy),
                                   fuzzy=sum(1 for m in found if m is not None and m.fuzzy)))
    return counts


def words(text: str) -> int:
    """Words of English as a translator counts them: MyST roles' targets and link addresses left out."""
    text = re.sub(r"\{[\w:-]+\}`[^`]*`", "0", text)  # an inline value or a role: one word
    text = re.sub(r"\]\([^)]*\)", "]", text)  # a link's address
    return len(re.findall(r"[^\W_]+(?:['’-][^\W_]+)*", text))
