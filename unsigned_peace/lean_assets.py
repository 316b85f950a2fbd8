"""Lighter pages for the HTML book, with nothing a reader sees taken away.

At the end of each HTML build:
- every style sheet loses the rules no page or script of the book uses (PurgeCSS, run with node from
  the project's node_modules): the theme's 400 KB sheet, mostly Bootstrap and Font Awesome, drops to
  about a quarter of that;
- the icon fonts keep only the icons the remaining rules draw (fontTools' subsetter): the 156 KB Font
  Awesome font the navigation bar uses comes down to a few KB.
Sphinx copies the theme's files back into `_static` on every build, so the results are cached by the
digest of what they are made from, and a rebuild that changes nothing only copies them again.

During the build, sphinx-design's style sheet and script are left off pages that use none of its
components (the theme adds them to every page).
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.util import logging

from unsigned_peace.linkcheck import html_pages

logger = logging.getLogger(__name__)
PROJECT_ROOT = Path(__file__).resolve().parent.parent
PURGE_SCRIPT = Path(__file__).parent / "purge_css.mjs"
CACHE = ".lean-assets"
# plotly.js styles its own charts from its script, and its tokens would keep unrelated rules alive.
NOT_CONTENT = {"plotly.min.js"}
# The book's own style sheets are small and every rule in them is meant (some style what plotly.js
# draws, which the purge cannot see): they are shipped whole.
OWN_SHEETS = {path.name for path in (Path(__file__).parent / "static").glob("*.css")}
FONT_FACE_URL = re.compile(r"@font-face\s*{[^}]*?url\(\s*['\"]?([^'\")?#]+\.woff2)", re.S)
ICON_CODEPOINT = re.compile(r"\\(f[0-9a-fA-F]{3})\b")
SPHINX_DESIGN_CLASS = re.compile(r'class="[^"]*\bsd-')


def purge_available() -> bool:
    return shutil.which("node") is not None and (PROJECT_ROOT / "node_modules" / "purgecss").is_dir()


def make_lean(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    out = Path(app.outdir)
    static = out / "_static"
    if not purge_available():
        logger.info("lean assets: no node or purgecss in node_modules (scripts/setup.sh installs them); "
                    "style sheets and fonts are shipped whole")
        return
    content = [*html_pages(out), *(p for p in sorted(static.rglob("*.js")) if p.name not in NOT_CONTENT)]
    sheets = sorted(path for path in static.rglob("*.css") if path.name not in OWN_SHEETS)
    fonts = sorted({(sheet.parent / url).resolve() for sheet in sheets
                    for url in FONT_FACE_URL.findall(sheet.read_text(encoding="utf-8", errors="replace"))
                    if (sheet.parent / url).is_file()})
    outputs = sheets + fonts
    digest = _digest([*content, *outputs, PURGE_SCRIPT, Path(__file__)])
    cache = out.parent / CACHE / digest
    before = sum(path.stat().st_size for path in outputs)
    if cache.is_dir():
        for path in outputs:
            shutil.copyfile(cache / path.relative_to(out), path)
    else:
        _purge(content, sheets)
        _subset_fonts(fonts, sheets)
        shutil.rmtree(out.parent / CACHE, ignore_errors=True)
        for path in outputs:
            (cache / path.relative_to(out)).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, cache / path.relative_to(out))
    after = sum(path.stat().st_size for path in outputs)
    logger.info(f"lean assets: {len(sheets)} style sheets and {len(fonts)} fonts, {before:,} bytes down to {after:,}")


def _digest(paths: list[Path]) -> str:
    digest = hashlib.sha256()
    for path in paths:
        digest.update(str(path).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:24]


def _purge(content: list[Path], sheets: list[Path]) -> None:
    request = {"root": str(PROJECT_ROOT), "content": [str(p) for p in content], "css": [str(p) for p in sheets]}
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

    still_used = {sheet.read_text(encoding="utf-8", errors="replace") for sheet in sheets}
    still_used |= {(Path(__file__).parent / "static" / name).read_text(encoding="utf-8") for name in OWN_SHEETS}
    codepoints = {int(code, 16) for text in still_used for code in ICON_CODEPOINT.findall(text)}
    options = subset.Options()
    options.flavor = "woff2"
    for path in fonts:
        font = subset.load_font(str(path), options)
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=codepoints & set(font.getBestCmap()))
        subsetter.subset(font)
        subset.save_font(font, str(path), options)


def drop_unused_sphinx_design(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    if SPHINX_DESIGN_CLASS.search(context.get("body", "")):
        return
    for key in ("script_files", "css_files"):
        if key in context:
            context[key] = [asset for asset in context[key]
                            if not re.search(r"sphinx-design|design-tabs", str(asset.filename or ""))]


def setup(app: Sphinx) -> dict:
    app.connect("html-page-context", drop_unused_sphinx_design, priority=900)
    app.connect("build-finished", make_lean, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
