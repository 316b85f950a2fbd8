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
"""

from __future__ import annotations

import hashlib
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

from unsigned_peace.machinery.editions import is_website
from unsigned_peace.machinery.linkcheck import html_pages
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
    content = [*html_pages(out), *(p for p in sorted(static.rglob("*.js")) if p.name not in NOT_CONTENT)]
    sheets = sorted(path for path in static.rglob("*.css") if path.name not in OWN_SHEETS)
    LeanAssets(out, content, sheets).apply()


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
            if self.written.get(self.name(path)) != _sha(path.read_bytes()):
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
        written, current = self.written, {self.name(path): _sha(path.read_bytes()) for path in self.outputs}
        originals = [self.original(path) for path in self.outputs]
        digest = _digest([*originals, PURGE_SCRIPT, Path(__file__)], extra=used_words(self.content, originals))
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
        written = {self.name(path): _sha(path.read_bytes()) for path in self.outputs}
        self.manifest_path.write_text(json.dumps({"digest": digest, "lean": written}, indent=1))
        before = sum(original.stat().st_size for original in originals)
        after = sum(path.stat().st_size for path in self.outputs)
        logger.info(f"lean assets: {len(self.sheets)} style sheets and {len(self.fonts)} fonts, "
                    f"{before:,} bytes down to {after:,}")


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _replace(path: Path, data: bytes) -> None:
    """Write a new file at `path`, never through a link into the theme's own files."""
    path.unlink()
    path.write_bytes(data)


def _digest(paths: list[Path], extra: str = "") -> str:
    digest = hashlib.sha256(extra.encode())
    for path in paths:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:24]


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


# Read by an inline script in the page head (DOCUMENTATION_OPTIONS.pagename = ...): it must load first.
BLOCKING_SCRIPTS = {"documentation_options.js"}


def defer_scripts(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    """Let the page render before the theme's and extensions' scripts run: every script file is
    deferred (they then run in their order, after the page is parsed), but the one an inline script reads.
    The search page is left as it is: its search scripts, loaded by its template, call doctools.js at once."""
    if "script_files" not in context or pagename == "search":
        return
    deferred = []
    for asset in context["script_files"]:
        name = Path(str(asset.filename or "")).name
        if (not asset.filename or name in BLOCKING_SCRIPTS or "://" in str(asset.filename)
                or {"defer", "async"} & set(asset.attributes)):
            deferred.append(asset)
        else:
            deferred.append(type(asset)(asset.filename, priority=asset.priority,
                                        **{**asset.attributes, "defer": "defer"}))
    context["script_files"] = deferred


def setup(app: Sphinx) -> dict:
    app.connect("html-page-context", drop_unused_extension_assets, priority=900)
    app.connect("html-page-context", defer_scripts, priority=950)
    app.connect("build-finished", make_lean, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
