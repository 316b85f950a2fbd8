"""Offline link check of the built HTML book: nothing is fetched.

Every internal reference in every page (links, scripts, styles, images, sources, frames) and every
`url(...)` in the style sheets the pages load must name a file inside the book folder, and every
`#fragment` an element id of the page it points to. A link that would work only on a web server (a
root-relative `/path`, a folder) or only on this machine (`file://`) counts as broken: the book is read
from a folder. External addresses are collected for a reader (or a reviewer) to check by hand.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

EXTERNAL_SCHEMES = {"http", "https", "ftp", "mailto", "tel", "news"}
INLINE_SCHEMES = {"data", "blob", "about", "javascript"}
REFERENCING_ATTRIBUTES = {"href", "src", "poster", "data"}
CSS_URL = re.compile(r"""url\(\s*(['"]?)(.*?)\1\s*\)""")


@dataclass
class LinkReport:
    broken: list[str] = field(default_factory=list)
    external: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))

    def external_lines(self) -> list[str]:
        """One line per external address: the address, a tab, the pages that link to it."""
        return [f"{url}\t{' '.join(sorted(pages))}" for url, pages in sorted(self.external.items())]


class _PageParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.references: list[tuple[str, str]] = []  # (tag, url)
        self.stylesheets: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value for name, value in attrs if value is not None}
        if "id" in values:
            self.ids.add(values["id"])
        if tag == "a" and "name" in values:
            self.ids.add(values["name"])
        for name in REFERENCING_ATTRIBUTES & values.keys():
            if tag == "object" or name != "data":
                self.references.append((tag, values[name]))
        for candidate in values.get("srcset", "").split(","):
            if candidate.strip():
                self.references.append((tag, candidate.split()[0]))
        if tag == "link" and "stylesheet" in values.get("rel", "").split() and "href" in values:
            self.stylesheets.append(values["href"])
        if tag == "meta" and values.get("http-equiv", "").lower() == "refresh":
            redirect = re.search(r"url\s*=\s*['\"]?([^'\"]+)", values.get("content", ""), re.I)
            if redirect:
                self.references.append((tag, redirect.group(1).strip()))

    handle_startendtag = handle_starttag


def html_pages(html_root: Path) -> list[Path]:
    """Every page of the book: the HTML files outside the builder's `_static`, `_sources`... folders."""
    return sorted(path for path in html_root.rglob("*.html")
                  if not any(part.startswith("_") for part in path.relative_to(html_root).parts[:-1]))


def check_links(html_root: Path) -> LinkReport:
    html_root = html_root.resolve()
    report = LinkReport()
    parsed: dict[Path, _PageParser] = {}

    def parse(path: Path) -> _PageParser:
        if path not in parsed:
            parser = _PageParser()
            parser.feed(path.read_text(encoding="utf-8"))
            parsed[path] = parser
        return parsed[path]

    def check(origin: Path, url: str, label: str) -> None:
        url = url.strip()
        parts = urlsplit(url)
        scheme = parts.scheme.lower()
        if scheme in INLINE_SCHEMES:
            return
        if scheme in EXTERNAL_SCHEMES or parts.netloc:
            report.external[url].add(label)
            return
        if scheme:
            report.broken.append(f"{label}: {url} (a {scheme}: address does not travel with the book)")
            return
        if parts.path.startswith("/"):
            report.broken.append(f"{label}: {url} (root-relative: works only on a web server)")
            return
        target = (origin.parent / unquote(parts.path)).resolve() if parts.path else origin
        if not target.is_relative_to(html_root):
            report.broken.append(f"{label}: {url} (outside the book folder)")
        elif not target.is_file():
            report.broken.append(f"{label}: {url} (no such file)")
        elif parts.fragment and target.suffix == ".html":
            fragment = unquote(parts.fragment)
            if fragment not in parse(target).ids:
                report.broken.append(f"{label}: {url} (no element with id {fragment!r})")

    stylesheets: dict[Path, str] = {}
    for page in html_pages(html_root):
        label = page.relative_to(html_root).as_posix()
        parser = parse(page)
        for _tag, url in parser.references:
            check(page, url, label)
        for href in parser.stylesheets:
            parts = urlsplit(href)
            if not parts.scheme and not parts.netloc and parts.path and not parts.path.startswith("/"):
                sheet = (page.parent / unquote(parts.path)).resolve()
                if sheet.is_file() and sheet.is_relative_to(html_root):
                    stylesheets.setdefault(sheet, label)
    for sheet in sorted(stylesheets):
        label = sheet.relative_to(html_root).as_posix()
        text = re.sub(r"/\*.*?\*/", "", sheet.read_text(encoding="utf-8", errors="replace"), flags=re.S)
        for match in CSS_URL.finditer(text):
            if match.group(2) and not match.group(2).startswith("#"):
                check(sheet, match.group(2), label)
    return report


def write_external_links(report: LinkReport, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = report.external_lines()
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
