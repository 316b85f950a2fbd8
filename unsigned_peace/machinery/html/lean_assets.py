"""Lighter pages for the HTML book, with nothing a reader sees taken away.

At the end of each HTML build:
- every style sheet loses the rules no page or script of the book uses (PurgeCSS, run with node from
  the project's node_modules): the theme's 400 KB sheet, mostly Bootstrap and Font Awesome, drops to
  about a quarter of that;
- the icon fonts keep only the icons the remaining rules draw (fontTools' subsetter): the 156 KB Font
  Awesome font the navigation bar uses comes down to a few KB.
Both are made from the files as the theme ships them, kept aside, and cached by the digest of what
they are made from (of the pages, only the words a selector could name): a rebuild whose pages name
the same classes, ids and elements does no work.

During the build, the style sheets and scripts of sphinx-design and sphinx-togglebutton are left off
pages that use none of their components (Jupyter Book adds them to every page), and script files are
deferred, so that none blocks the page from rendering.

Style sheets do not block it either. Served uncompressed (a plain intranet server, a shared folder), the
theme's sheets alone took a phone's first paint from under 2 s to 3.5 s. So each page's head carries
its *critical* rules: those of its (lean) sheets that match an element of the page at rest (no hover,
focus or open drawer), in either mode; a sixth to a quarter of the sheets. The page links its
sheets inside a <noscript>: where scripts are off they load as before, blocking; elsewhere a small script
at the end of the page adds the same links after the first screen is drawn, so that the page itself has
the connection first. The sheets come after the critical rules, so once they are in, the cascade is what
it was; and since the critical rules already style every element at rest, their arrival moves nothing.
With one set of rules for every page's first screen, the rest of a chapter was laid out without its
rules until the sheets came, then laid out again in one long frame (about 150 ms on a phone slowed 4x),
and the page grew or shrank by up to 950 px under a reader who had started to scroll.
"""

from __future__ import annotations

import functools
import json
import logging as std_logging
import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.util import logging

from unsigned_peace.cache_keys import inputs_digest
from unsigned_peace.machinery.checks.links import html_pages
from unsigned_peace.machinery.shared.editions import is_website
from unsigned_peace.machinery.shared.translations import in_other_edition
from unsigned_peace.paths import PACKAGE_CHECKOUT

logger = logging.getLogger(__name__)
PURGE_SCRIPT = Path(__file__).parent / "purge_css.mjs"
CACHE = ".lean-assets"
# plotly.js styles its own charts from its script, and its tokens would keep unrelated rules alive.
NOT_CONTENT = {"plotly.min.js"}
# The book's own style sheets are small and every rule in them is meant (some style what plotly.js
# draws, which the purge cannot see): they are shipped whole.
OWN_SHEETS = {path.name for path in (Path(__file__).parent / "static").glob("*.css")}
FONT_FACE_URL = re.compile(r"@font-face\s*{[^}]*?url\(\s*['\"]?([^'\")?#]+\.woff2)", re.S)
ICON_CODEPOINT = re.compile(r"\\(f[0-9a-fA-F]{3})\b")


def purge_available() -> bool:
    return shutil.which("node") is not None and (PACKAGE_CHECKOUT / "node_modules" / "purgecss").is_dir()


def make_lean(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or not is_website(app.builder):
        return
    out = Path(app.outdir)
    static = out / "_static"
    if not purge_available():
        logger.info("lean assets: no node or purgecss in node_modules (scripts/setup.sh installs them); "
                    "style sheets and fonts are shipped whole")
        return
    # The English book's folder also holds the translated editions (html/ja/...), each with its own assets.
    pages = [page for page in html_pages(out) if not in_other_edition(out, page)]
    content = [*pages, *(p for p in sorted(static.rglob("*.js")) if p.name not in NOT_CONTENT)]
    sheets = sorted(path for path in static.rglob("*.css") if path.name not in OWN_SHEETS)
    lean = LeanAssets(out, content, sheets)
    lean.apply()
    inline_critical_rules(out, critical_rules(out, pages, lean.folder))


class LeanAssets:
    """The lean versions of `sheets` and `fonts`, always made from the files as the theme shipped them.

    Sphinx does not always copy a theme file again over its lean version, so the originals are kept
    in `_build/.lean-assets/originals`; a file in `_static` is taken for an original unless it is the
    lean version written there last.
    """

    def __init__(self, out: Path, content: list[Path], sheets: list[Path]) -> None:
        self.out, self.content, self.sheets = out, content, sheets
        self.folder = out.parent / CACHE
        self.manifest_path = self.folder / "manifest.json"
        manifest = json.loads(self.manifest_path.read_text()) if self.manifest_path.is_file() else {}
        self.digest_written, self.written = manifest.get("digest"), manifest.get("lean", {})

    def name(self, path: Path) -> str:
        return path.relative_to(self.out).as_posix()

    def original(self, path: Path) -> Path:
        return self.folder / "originals" / self.name(path)

    def keep_originals(self, paths: list[Path]) -> None:
        """Keep each file as the theme ships it (new, or copied again by Sphinx) unless it is the lean one."""
        for path in paths:
            if self.written.get(self.name(path)) != inputs_digest([path]):
                self.original(path).parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(path, self.original(path))

    def declared_fonts(self) -> list[Path]:
        """The web fonts the original style sheets declare (a purged sheet may have dropped some)."""
        return sorted({Path(os.path.normpath(sheet.parent / url)) for sheet in self.sheets
                       for url in FONT_FACE_URL.findall(self.original(sheet).read_text(encoding="utf-8",
                                                                                       errors="replace"))
                       if (sheet.parent / url).is_file()})

    def apply(self) -> None:
        self.keep_originals(self.sheets)
        self.fonts = self.declared_fonts()
        self.keep_originals(self.fonts)
        self.outputs = self.sheets + self.fonts
        written, current = self.written, {self.name(path): inputs_digest([path]) for path in self.outputs}
        originals = [self.original(path) for path in self.outputs]
        digest = inputs_digest([*originals, PURGE_SCRIPT, Path(__file__)], used_words(self.content, originals),
                               length=24)
        if self.digest_written == digest and written == current:
            return
        lean = self.folder / "lean" / digest
        if lean.is_dir():
            for path in self.outputs:
                _replace(path, (lean / self.name(path)).read_bytes())
        else:
            for path, original in zip(self.outputs, originals):
                _replace(path, original.read_bytes())
            _purge(self.content, self.sheets)
            _subset_fonts(self.fonts, self.sheets)
            shutil.rmtree(self.folder / "lean", ignore_errors=True)
            for path in self.outputs:
                (lean / self.name(path)).parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(path, lean / self.name(path))
        written = {self.name(path): inputs_digest([path]) for path in self.outputs}
        self.manifest_path.write_text(json.dumps({"digest": digest, "lean": written}, indent=1))
        before = sum(original.stat().st_size for original in originals)
        after = sum(path.stat().st_size for path in self.outputs)
        logger.info(f"lean assets: {len(self.sheets)} style sheets and {len(self.fonts)} fonts, "
                    f"{before:,} bytes down to {after:,}")


def _replace(path: Path, data: bytes) -> None:
    """Write a new file at `path`, never through a link into the theme's own files."""
    path.unlink()
    path.write_bytes(data)


# PurgeCSS's default extractor: the words of the content that a selector can name.
WORD = re.compile(rb"[A-Za-z0-9_-]+")


def used_words(content: list[Path], sheets: list[Path]) -> str:
    """The words of the pages and scripts that the original style sheets also contain.

    The purge keeps a rule when the content holds the words of its selector, so the same words give the
    same lean files: a page whose text changed (a figure, a table cell) does not purge again unless it
    now names a class, id or element it did not before.
    """
    in_sheets = {word for sheet in sheets for word in WORD.findall(sheet.read_bytes())}
    in_content = {word for path in content for word in WORD.findall(path.read_bytes())}
    return b" ".join(sorted(in_sheets & in_content)).decode()


def _purge(content: list[Path], sheets: list[Path]) -> None:
    request = {"root": str(PACKAGE_CHECKOUT), "content": [str(p) for p in content], "css": [str(p) for p in sheets]}
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as handle:
        json.dump(request, handle)
    try:
        subprocess.run(["node", str(PURGE_SCRIPT), handle.name], check=True, capture_output=True, text=True)
    except subprocess.CalledProcessError as error:
        raise RuntimeError(f"PurgeCSS failed: {error.stderr.strip()}") from None
    finally:
        Path(handle.name).unlink()


def _subset_fonts(fonts: list[Path], sheets: list[Path]) -> None:
    """Keep in each icon font only the glyphs that the (purged) style sheets still name."""
    from fontTools import subset

    # The theme's pygments styles (a11y_pygments) configure the root logger at INFO when imported, which
    # would print each of the subsetter's steps into the build's output.
    std_logging.getLogger("fontTools").setLevel(std_logging.WARNING)
    still_used = {sheet.read_text(encoding="utf-8", errors="replace") for sheet in sheets}
    still_used |= {(Path(__file__).parent / "static" / name).read_text(encoding="utf-8") for name in OWN_SHEETS}
    codepoints = {int(code, 16) for text in still_used for code in ICON_CODEPOINT.findall(text)}
    options = subset.Options()
    options.flavor = "woff2"
    for path in fonts:
        font = subset.load_font(str(path), options)
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=codepoints & set(font.getBestCmap() or {}))
        subsetter.subset(font)
        subset.save_font(font, str(path), options)


# Where a page's head gets its critical rules (the layout template writes it empty; make_lean fills it).
CRITICAL_STYLE = re.compile(r"(<style data-up-critical>)(.*?)(</style>)", re.S)
STYLESHEET = re.compile(r'<link\b(?=[^>]*\brel="stylesheet")[^>]*\bhref="([^"?#]+)')
CSS_IMPORT = re.compile(r'@import\s+(?:url\()?["\']?([^"\')]+)["\']?\)?\s*;')
CSS_URL = re.compile(r'url\(\s*(["\']?)(?![a-z][a-z0-9+.-]*:|#|/)([^"\')]+)\1\s*\)', re.I)
SCRIPT_BODY = re.compile(r"(<script\b[^>]*>).*?(</script>)", re.S)


def without_script_text(page: str) -> str:
    """The page without its scripts' text, which it does not show."""
    return SCRIPT_BODY.sub(r"\1\2", page)


TAG = re.compile(r"<(/?[A-Za-z][\w-]*)([^>]*)>")
SHAPING_ATTRIBUTE = re.compile(r'\s(?:class|id|style)="[^"]*"')


def markup_kinds(markup: str) -> str:
    """The kinds of element in `markup`, each once: its tag with its classes, id and style, and nothing
    else. The critical rules are made again only when these change, not when a page's text or data does
    (a CSV row edited, a row added to a table). What this leaves out (how the elements nest, the odd
    attribute selector) can only leave a rule out of the critical ones for a while, which costs a layout
    when the sheets arrive, never a wrong style: the sheets follow with every rule."""
    return "".join(sorted({f"<{tag[1]}{''.join(SHAPING_ATTRIBUTE.findall(tag[2]))}>"
                           for tag in TAG.finditer(markup)}))


def linked_sheets(out: Path, pages: list[Path]) -> list[Path]:
    """The style sheets the pages link, each after the sheets it imports, in the order of the cascade."""
    ordered: dict[Path, None] = {}

    def add(sheet: Path) -> None:
        if sheet in ordered or not sheet.is_file():
            return
        for imported in CSS_IMPORT.findall(sheet.read_text(encoding="utf-8", errors="replace")):
            add(Path(os.path.normpath(sheet.parent / imported)))
        ordered[sheet] = None

    for page in pages:
        for href in STYLESHEET.findall(page.read_text(encoding="utf-8")):
            add(Path(os.path.normpath(page.parent / href)))
    return [sheet for sheet in ordered if sheet.is_relative_to(out)]


def critical_rules(out: Path, pages: list[Path], cache: Path) -> dict[Path, str]:
    """For each page that takes them, the rules of its (lean) style sheets that it uses at rest, in one
    sheet whose addresses are relative to the book's root; each cached by the digest of what it comes
    from, so that a rebuild makes only a changed page's again."""
    if not purge_available():
        return {}
    made: dict[Path, str] = {}
    kept = set()
    for page in pages:
        text = page.read_text(encoding="utf-8")
        if not CRITICAL_STYLE.search(text):
            continue
        sheets = linked_sheets(out, [page])
        shown = without_script_text(text)
        cached = cache / "critical" / f"{inputs_digest([*sheets, Path(__file__)], markup_kinds(shown), length=24)}.css"
        if not cached.is_file():
            cached.parent.mkdir(parents=True, exist_ok=True)
            cached.write_text(_critical_for(out, sheets, shown), encoding="utf-8")
        made[page] = cached.read_text(encoding="utf-8")
        kept.add(cached)
    for stale in set((cache / "critical").glob("*.css")) - kept:
        stale.unlink()
    return made


def _critical_for(out: Path, sheets: list[Path], shown: str) -> str:
    """The rules of `sheets` that the page `shown` uses at rest."""
    from bs4 import BeautifulSoup

    document = BeautifulSoup(shown, "html.parser")
    for hidden in document.select(NOT_SHOWN_AT_REST):
        hidden.decompose()
    _with_table_bodies(document)
    _drop_repeats(document)
    names = {f".{name}" for element in document.find_all(class_=True) for name in element["class"]}
    names |= {f"#{element['id']}" for element in document.find_all(id=True)}
    elements = PageElements(document)
    rules = []
    for sheet in sheets:
        text = _critical_in(sheet.read_text(encoding="utf-8", errors="replace"), elements, names)
        folder = sheet.parent.relative_to(out)
        rules.append(CSS_URL.sub(lambda match, folder=folder: f"url({(folder / match[2]).as_posix()})", text))
    critical = _without_unread_properties("\n".join(rule for rule in rules if rule), shown)
    critical = QUOTED_TRANSITION.sub(lambda match: match[1], critical)
    return re.sub(r"[^{}]+\{\s*\}", "", critical)


# pydata-sphinx-theme 0.16 writes two transitions with a quoted time (`visibility 0s linear "0s"`), which a
# browser drops as invalid; the critical copy leaves them out, which changes nothing on screen, and keeps the
# page's inline style valid to the W3C's checker (which does not read the linked sheets).
QUOTED_TRANSITION = re.compile(r"""([{;])\s*transition(?:-[a-z-]+)?\s*:[^;{}"']*["'][^;{}]*(?:;|(?=}))""")


CSS_COMMENT = re.compile(r"/\*.*?\*/", re.S)
# What a selector needs of the page at rest. A state (hover, focus, a checked box...) or a pseudo-element
# other than ::before, ::after and ::marker is not there at rest; the mode's attributes are set by
# a script, and the rules of both modes are wanted.
STRUCTURAL_PSEUDO_CLASSES = {"not", "is", "where", "has", "root", "first-child", "last-child", "only-child",
                             "first-of-type", "last-of-type", "nth-child", "nth-last-child", "nth-of-type",
                             "nth-last-of-type", "empty", "link", "lang", "dir"}
DRAWN_PSEUDO_ELEMENTS = {"before", "after", "marker"}
PSEUDO = re.compile(r"(::?)([a-zA-Z-]+)(\((?:[^()]|\([^()]*\))*\))?")
MODE_ATTRIBUTE = re.compile(r"\[data-(?:bs-)?(?:theme|mode)(?:[~|^$*]?=[^\]]*)?\]")
SELECTOR_NAME = re.compile(r"[.#][A-Za-z_-][\w-]*")
# At-rules whose rules can style a page at rest; the others (print, keyframes, page) can wait.
GROUPING_RULE = re.compile(r"@(?:media|supports|layer|container)\b")
# Not shown on a page at rest: a closed <dialog> (the search box), what only readers without scripts see.
# (What is `hidden` stays: the chronology's filter is hidden from readers without scripts, and its script
# shows it as the page opens, before the sheets arrive.)
NOT_SHOWN_AT_REST = "dialog:not([open]), noscript, template"
# A value ends at a semicolon or brace outside quotes: a data: address in quotes holds semicolons of its own.
CUSTOM_PROPERTY = re.compile(r"""(?<![\w-])(--[\w-]+)\s*:((?:"[^"]*"|'[^']*'|[^;{}"'])*)(;|(?=}))""")
VAR_REFERENCE = re.compile(r"var\(\s*(--[\w-]+)")


@functools.lru_cache(maxsize=256)
def _statements(css: str) -> tuple[tuple[str, str | None], ...]:
    """The top-level statements of a style sheet: (prelude, block) pairs, block None for one ending in `;`."""
    statements, start, depth, quote, index = [], 0, 0, "", 0
    while index < len(css):
        char = css[index]
        if quote:
            quote = "" if char == quote else quote
            index += 1 if char != "\\" else 2
            continue
        if char in "\"'":
            quote = char
        elif char == "{":
            depth += 1
            if depth == 1:
                opened = index
        elif char == "}":
            depth -= 1
            if depth == 0:
                statements.append((css[start:opened].strip(), css[opened + 1:index]))
                start = index + 1
        elif char == ";" and depth == 0:
            statements.append((css[start:index].strip(), None))
            start = index + 1
        index += 1
    return tuple(statements)


def _at_rest(selector: str) -> str | None:
    """The selector an element matches when the page opens, or None if no element can then."""
    at_rest = []
    for piece in re.split(r"(::?[a-zA-Z-]+(?:\((?:[^()]|\([^()]*\))*\))?)", MODE_ATTRIBUTE.sub("", selector)):
        pseudo = PSEUDO.fullmatch(piece)
        if not pseudo:
            at_rest.append(piece)
        elif pseudo[1] == ":" and pseudo[2] in STRUCTURAL_PSEUDO_CLASSES:
            at_rest.append(piece)
        elif pseudo[2] not in DRAWN_PSEUDO_ELEMENTS:
            return None
    selector = "".join(at_rest).strip()
    return selector if selector and selector[-1] not in ">+~" else "*" if not selector else None


class PageElements:
    """The elements of a page, with the answer of each selector asked about.

    Asking soupsieve for any match of a selector walked every element for every selector: several
    seconds for the book's sheets. Here a selector is tried only on the elements that have the tag,
    classes and id its last compound names outside brackets and parentheses, since any element it
    matches has them, and only on those below an element another of its compounds names; a selector
    that names none of them, or that holds an escape or a namespace, is tried on every element. And a
    selector that reads nothing of an element's siblings or content is tried once on elements alike
    with alike ancestors (a chapter's hundreds of paragraphs stand in a few dozen such places).
    """

    def __init__(self, document) -> None:
        from collections import defaultdict

        self.by_tag: dict[str, list] = defaultdict(list)
        self.by_name: dict[str, list] = defaultdict(list)
        self.elements = document.find_all(True)
        self.place: dict[int, int] = {}
        for element in self.elements:
            self.place[id(element)] = hash((element.name, _attributes(element), self.place.get(id(element.parent))))
            self.by_tag[element.name].append(element)
            # Lower case: a superset of what a selector can match in a document that may be read in
            # quirks mode, where class names are compared without their case.
            for name in element.get("class", []):
                self.by_name[f".{name}".lower()].append(element)
            if element.get("id"):
                self.by_name[f"#{element['id']}".lower()].append(element)
        self.answers: dict[str, bool] = {}

    def matched(self, selector: str) -> bool:
        """Whether an element matches `selector` (soupsieve's errors are raised)."""
        if selector not in self.answers:
            import soupsieve

            compiled = soupsieve.compile(selector)
            candidates = self._candidates(selector)
            if not READS_SIBLINGS_OR_CONTENT.search(selector):
                places = {self.place[id(element)]: element for element in reversed(candidates)}
                candidates = list(places.values())
            self.answers[selector] = any(compiled.match(element) for element in candidates)
        return self.answers[selector]

    def _candidates(self, selector: str) -> list:
        compounds = _compounds(selector)
        if compounds is None:
            return self.elements
        candidates = min(self._named(compounds[-1]), key=len, default=self.elements)
        # An element that a selector matches lies below an element named in one of its other compounds,
        # or, where a sibling combinator follows that compound, below its parent.
        for index, compound in enumerate(compounds[:-1]):
            named = min(self._named(compound), key=len, default=None)
            if named is None or len(named) >= len(candidates):
                continue
            siblings = any(combinator in ("+", "~") for combinator in compounds[index + 1:])
            tops = {id(top): top for element in named if (top := element.parent if siblings else element)}
            below = {id(element) for top in tops.values() for element in top.find_all(True)}
            candidates = [element for element in candidates if id(element) in below]
        return candidates

    def _named(self, compound: str) -> list[list]:
        """The lists of elements with the tag, a class or the id that `compound` names."""
        lists = [self.by_name.get(name.lower(), []) for name in SELECTOR_NAME.findall(compound)]
        if tag := re.match(r"[A-Za-z][\w-]*", compound):
            lists.append(self.by_tag.get(tag[0].lower(), []))
        return lists


def _with_table_bodies(document) -> None:
    """Put a table's rows that stand directly in it into a <tbody>, as a browser does when it reads the
    page (Python's parser does not): the theme's rules for the index name it (`table.indextable > tbody`)."""
    for table in document.find_all("table"):
        rows = [child for child in table.children if getattr(child, "name", None) == "tr"]
        if rows:
            body = document.new_tag("tbody")
            rows[0].insert_before(body)
            body.extend([row.extract() for row in rows])


# What makes a selector's answer for an element depend on more than the element and its ancestors (some
# attribute selectors whose operator holds "~" are counted in: they are merely tried on every element).
READS_SIBLINGS_OR_CONTENT = re.compile(r"[+~]|:(?:first|last|only|nth|empty|has)")


def _attributes(element) -> tuple:
    return tuple(sorted((name, " ".join(value) if isinstance(value, list) else value)
                        for name, value in element.attrs.items()))


# Of a run of alike siblings (a table's rows, the bibliography's entries), what a selector can tell apart:
# the first two and the last two (odd and even, first and last).
KEPT_AT_EACH_END = 2


def _drop_repeats(document) -> None:
    """Take out of `document` each element that repeats an earlier sibling of the same markup (tags and
    attributes, text aside), but for the first and last two of its kind: they match the same rules, and
    the book's longest pages are mostly such repeats (matching every selector against all of them took
    seconds)."""
    from bs4 import Tag

    shapes: dict[int, int] = {}

    def shape(element: Tag) -> int:
        children = tuple(shape(child) for child in element.children if isinstance(child, Tag))
        shapes[id(element)] = hash((element.name, _attributes(element), children))
        return shapes[id(element)]

    shape(document)
    pending = [document]
    while pending:
        children = [child for child in pending.pop().children if isinstance(child, Tag)]
        kind_counts: dict[int, int] = {}
        for child in children:
            kind_counts[shapes[id(child)]] = kind_counts.get(shapes[id(child)], 0) + 1
        seen: dict[int, int] = {}
        for child in children:
            kind = shapes[id(child)]
            seen[kind] = seen.get(kind, 0) + 1
            if KEPT_AT_EACH_END < seen[kind] <= kind_counts[kind] - KEPT_AT_EACH_END:
                child.decompose()
            else:
                pending.append(child)


def _compounds(selector: str) -> list[str] | None:
    """The compound selectors of `selector` and the sibling combinators ("+", "~") between them, in order,
    each compound with what stands in brackets, parentheses or quotes left out; None if it holds an escape
    or a namespace."""
    depth, quote, parts, current = 0, "", [], []
    for char in selector:
        if quote:
            quote = "" if char == quote else quote
        elif char == "\\" or (char == "|" and depth == 0):
            return None
        elif char in "\"'":
            quote = char
        elif char in "([":
            depth += 1
        elif char in ")]":
            depth -= 1
        elif depth == 0 and char in " \t\n>+~":
            if current:
                parts.append("".join(current))
                current = []
            if char in "+~":
                parts.append(char)
        elif depth == 0:
            current.append(char)
    parts.append("".join(current))
    return parts


def _used(selectors: str, elements: PageElements, names: set[str]) -> bool:
    from soupsieve import SelectorSyntaxError

    for selector in re.split(r",(?![^()]*\))", selectors):
        selector = _at_rest(selector)
        if selector is None:
            continue
        # A class or id named outside parentheses must be on the page; one inside (`kbd:not(.compound)`)
        # need not be.
        compounds = _compounds(selector)
        required = SELECTOR_NAME.findall(" ".join(compounds) if compounds is not None else selector)
        if not set(required) <= names:
            continue
        try:
            if elements.matched(selector):
                return True
        except (SelectorSyntaxError, NotImplementedError, ValueError):
            return True
    return False


def _without_unread_properties(css: str, also_read: str) -> str:
    """`css` less the custom properties that neither its declarations nor `also_read` read (through
    the properties they read, and so on)."""
    values = {}
    for name, value, _ in CUSTOM_PROPERTY.findall(css):
        values.setdefault(name, []).append(value)
    plain = CUSTOM_PROPERTY.sub("", css)
    unread, read = set(VAR_REFERENCE.findall(plain + also_read)), set()
    while unread:
        name = unread.pop()
        read.add(name)
        unread |= {found for value in values.get(name, []) for found in VAR_REFERENCE.findall(value)} - read
    return CUSTOM_PROPERTY.sub(lambda match: match[0] if match[1] in read else "", css)


def _critical_in(css: str, document: PageElements, names: set[str]) -> str:
    """The rules of `css` that match an element of `document`, minified, and its @font-face rules."""
    kept = []
    for prelude, block in _statements(CSS_COMMENT.sub("", css)):
        if block is None:
            continue
        if prelude.startswith("@font-face"):
            kept.append(f"{prelude}{{{' '.join(block.split())}}}")
        elif GROUPING_RULE.match(prelude) and "print" not in prelude:
            if inner := _critical_in(block, document, names):
                kept.append(f"{' '.join(prelude.split())}{{{inner}}}")
        elif not prelude.startswith("@") and _used(prelude, document, names):
            kept.append(f"{' '.join(prelude.split())}{{{' '.join(block.split()).strip()}}}")
    return "".join(kept)


def inline_critical_rules(out: Path, critical: dict[Path, str]) -> None:
    """Write each page's critical rules into its head, their addresses made relative to the page."""
    for page, rules in critical.items():
        text = page.read_text(encoding="utf-8")
        to_root = "../" * (len(page.relative_to(out).parents) - 1)
        rules = re.sub(r"url\(_static/", f"url({to_root}_static/", rules)
        updated = CRITICAL_STYLE.sub(lambda match, rules=rules: match[1] + rules + match[3], text, count=1)
        if updated != text:
            page.write_text(updated, encoding="utf-8")


# Extensions Jupyter Book loads on every page, the files (or inline scripts) each adds, and the markup
# that shows a page uses it.
OPTIONAL_EXTENSIONS = {
    "sphinx-design": (re.compile(r"sphinx-design|design-tabs"), re.compile(r'class="[^"]*\bsd-')),
    "sphinx-togglebutton": (re.compile(r"togglebutton|toggleHint|toggleOpenOnPrint"),
                            re.compile(r'class="(?:[^"]*\s)?toggle(?:\s[^"]*)?"|class="[^"]*\badmonition\b[^"]*\bdropdown\b')),
}


def drop_unused_extension_assets(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    """Leave off a page the files of an extension that nothing on the page uses."""
    body = context.get("body", "")
    unused = [assets for assets, used in OPTIONAL_EXTENSIONS.values() if not used.search(body)]
    for key in ("script_files", "css_files"):
        if key in context:
            context[key] = [asset for asset in context[key]
                            if not any(pattern.search(f"{asset.filename or ''} {asset.attributes.get('body', '')}")
                                       for pattern in unused)]


# Read by inline scripts in the page head (DOCUMENTATION_OPTIONS.pagename = ...).
OPTIONS_SCRIPT = "documentation_options.js"


def defer_scripts(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    """Let the page render before the theme's and extensions' scripts run: every script file is deferred
    (they then run in their order, after the page is parsed). The inline scripts that set the page's
    documentation options become module scripts, which a browser defers as well: placed right after the
    options' file, they run after it and before every script that reads them. (The search page's own
    search scripts, which need doctools.js, are deferred by its template, templates/search.html.)"""
    if "script_files" not in context:
        return
    scripts = context["script_files"]
    setting_options = [asset for asset in scripts if not asset.filename
                       and "DOCUMENTATION_OPTIONS" in asset.attributes.get("body", "")]
    has_options = any(Path(str(asset.filename or "")).name == OPTIONS_SCRIPT for asset in scripts)
    deferred = []
    for asset in scripts:
        if has_options and asset in setting_options:
            continue
        if not asset.filename or "://" in str(asset.filename) or {"defer", "async"} & set(asset.attributes):
            deferred.append(asset)
            continue
        deferred.append(type(asset)(asset.filename, priority=asset.priority, **{**asset.attributes, "defer": "defer"}))
        if has_options and Path(str(asset.filename)).name == OPTIONS_SCRIPT:
            # The options' priority: the page's scripts are written in the order of their priorities.
            deferred += [type(script)(None, priority=asset.priority, **{**script.attributes, "type": "module"})
                         for script in setting_options]
    context["script_files"] = deferred


# Marks a script file the page fetches only once its first screen is drawn (templates/layout.html).
LATER = "data-up-later"
# The book's own scripts answer the reader (a tap on a chart, the chronology's filter): they keep their place.
OWN_SCRIPT_PREFIX = "unsigned-peace"


def load_scripts_after_first_screen(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    """On a page whose style sheets wait for the first screen (`load_sheets_without_blocking`), so do the
    theme's and the extensions' script files (about 130 KB: Bootstrap alone is 81 KB), which on a slow
    connection shared the first seconds with the page itself. The layout writes such a file's address in
    `data-up-src` rather than `src` and adds it once the first screen is drawn, in the same order. The
    options' file stays deferred (the page's inline module scripts read it), and so do the book's own
    scripts, which must answer a reader's first tap on a chart."""
    if not context.get("up_critical_css") or "script_files" not in context:
        return
    scripts = []
    for asset in context["script_files"]:
        name = Path(str(asset.filename or "")).name
        if not asset.filename or "://" in str(asset.filename) or name == OPTIONS_SCRIPT \
                or name.startswith(OWN_SCRIPT_PREFIX):
            scripts.append(asset)
            continue
        scripts.append(type(asset)(asset.filename, priority=asset.priority, **{**asset.attributes, LATER: "yes"}))
    context["script_files"] = scripts


def load_sheets_without_blocking(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    """Tell the layout template (templates/layout.html) to give the page its critical rules and to load
    its style sheets after the first screen is drawn; not where no critical rules can be made (make_lean
    needs PurgeCSS for them): the sheets then block the first paint as the theme has them do."""
    # The e-book's pages are XHTML in a package with style sheets of its own: they keep plain links, and
    # their theme's style-sheet block.
    context["up_website"] = is_website(app.builder)
    context["up_critical_css"] = context["up_website"] and purge_available()
