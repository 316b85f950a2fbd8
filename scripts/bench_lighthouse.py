"""Lighthouse scores of every page of the built book, for the benchmark (scripts/bench.py).

Lighthouse (pinned in bench/lighthouse/package-lock.json, installed there with `npm ci` the first time)
runs each page as a phone (its default mobile run: a mid-range phone on a slow 4G connection,
simulated) and as a desktop, in Debian's Chromium, the book served over local HTTP. The phone runs
twice: once with text files gzip-compressed, the way a web host such as GitHub Pages serves them, and
once uncompressed, the way a plain intranet server or a shared folder does (every style sheet and
script then travels whole). The desktop runs compressed.

Lighthouse's simulation draws nothing before the whole HTML has arrived, so on a long page its first
contentful paint is the time the page takes to download (on its slow 4G, about 5 ms a kilobyte), while a
browser paints the first screen from the first part it receives. So the phone also runs a third time,
uncompressed, with Lighthouse's applied throttling: Chromium's own network (slow 4G: 562.5 ms a round
trip, 1.4 Mbit/s) and processor (4x slower) throttling, the page loaded and painted as a reader's phone
would.
"""

from __future__ import annotations

import functools
import gzip
import hashlib
import io
import json
import mimetypes
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from unsigned_peace.machinery.checks.links import html_pages

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "bench" / "lighthouse"
LIGHTHOUSE = PACKAGE / "node_modules" / ".bin" / "lighthouse"
CHROMIUM = "/usr/bin/chromium"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
FORMS = {"mobile": [], "mobile_applied": ["--throttling-method=devtools"], "desktop": ["--preset=desktop"]}
# Each run: its key in the results, Lighthouse's form factor, and whether the book is served compressed.
RUNS = (("mobile", "mobile", True), ("mobile_uncompressed", "mobile", False),
        ("mobile_uncompressed_applied", "mobile_applied", False), ("desktop", "desktop", True))
COMPRESSED = ("text/", "application/javascript", "application/json", "image/svg+xml")


class PlainHandler(SimpleHTTPRequestHandler):
    """Static files as they are on disk, nothing compressed, and no log line per request."""

    def log_message(self, format, *args) -> None:
        pass


class CompressingHandler(PlainHandler):
    """Static files as a web host serves them: text gzip-compressed when the browser accepts it."""

    def send_head(self):
        path = self.translate_path(self.path)
        kind = mimetypes.guess_type(path)[0] or ""
        if (os.path.isdir(path) or not os.path.isfile(path) or "gzip" not in self.headers.get("Accept-Encoding", "")
                or not kind.startswith(COMPRESSED)):
            return super().send_head()
        body = gzip.compress(Path(path).read_bytes(), compresslevel=6)
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


class QuietServer(ThreadingHTTPServer):
    """A browser that closes its connection early (Lighthouse leaving a page while its favicon is still
    answered) is no fault of the book: no traceback for it."""

    def handle_error(self, request, client_address) -> None:
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@contextmanager
def serving(html_root: Path, handler: type[SimpleHTTPRequestHandler]) -> Iterator[str]:
    """The book folder served over local HTTP while the block runs; gives the base address."""
    server = QuietServer(("127.0.0.1", 0), functools.partial(handler, directory=str(html_root)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()


def install() -> None:
    """`npm ci` in bench/lighthouse when its lock changed since the last install."""
    stamp = PACKAGE / "node_modules" / ".package-lock.sha256"
    wanted = hashlib.sha256((PACKAGE / "package-lock.json").read_bytes()).hexdigest()
    if stamp.is_file() and stamp.read_text() == wanted and LIGHTHOUSE.exists():
        return
    subprocess.run(["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"], cwd=PACKAGE, check=True)
    stamp.write_text(wanted)


def audit(url: str, form: str, tries: int = 2) -> dict:
    """One Lighthouse run; tried again once if it fails (on a loaded machine Chromium now and then does
    not answer Lighthouse in time, exit status 13)."""
    for attempt in range(1, tries + 1):
        run = subprocess.run(
            [str(LIGHTHOUSE), url, "--quiet", *FORMS[form], "--output=json", "--output-path=stdout",
             f"--only-categories={','.join(CATEGORIES)}", "--chrome-flags=--headless=new --no-sandbox"],
            capture_output=True, text=True, env={**os.environ, "CHROME_PATH": CHROMIUM}, timeout=300)
        if run.returncode == 0:
            break
        if attempt == tries:
            raise RuntimeError(f"Lighthouse failed on {url} ({form}), exit status {run.returncode}: "
                               f"{run.stderr.strip()[-2000:]}")
    report = json.loads(run.stdout)
    audits = report["audits"]
    return {
        **{name: round(100 * report["categories"][name]["score"]) for name in CATEGORIES},
        "tbt_ms": round(audits["total-blocking-time"]["numericValue"]),
        "fcp_ms": round(audits["first-contentful-paint"]["numericValue"]),
        "lcp_ms": round(audits["largest-contentful-paint"]["numericValue"]),
        "cls": round(audits["cumulative-layout-shift"]["numericValue"], 3),
        "transfer_bytes": int(audits["total-byte-weight"]["numericValue"]),
        "below_100": sorted(audit_id for ref in report["categories"]["best-practices"]["auditRefs"]
                            + report["categories"]["seo"]["auditRefs"]
                            + report["categories"]["accessibility"]["auditRefs"]
                            if ref["weight"] and (score := audits[(audit_id := ref["id"])]["score"]) is not None
                            and score < 1),
    }


def scores(html_root: Path) -> list[dict]:
    """Every page (the root's forwarding page aside) audited in each of the RUNS."""
    install()
    pages = [path.relative_to(html_root).as_posix() for path in html_pages(html_root)]
    results = {page: {"page": page} for page in pages if page != "index.html"}
    with serving(html_root, CompressingHandler) as compressed, serving(html_root, PlainHandler) as plain:
        for page, row in results.items():
            for key, form, is_compressed in RUNS:
                row[key] = audit((compressed if is_compressed else plain) + page, form)
    return list(results.values())


def _scores(run: dict | None) -> str:
    return "/".join(str(run[name]) for name in CATEGORIES) if run else "–"


def _both(runs: list[dict], key: str, shown) -> str:
    """One measure of the mobile runs, compressed / uncompressed ("–" where a run lacks it)."""
    return " / ".join("–" if run.get(key) is None else shown(run[key]) for run in runs)


def _seconds(milliseconds: int) -> str:
    return f"{milliseconds / 1000:.1f} s"


def to_markdown(results: list[dict]) -> list[str]:
    lines = ["", "Lighthouse: performance, accessibility, best practices, SEO of the mobile run served compressed, "
             "the same served uncompressed, and desktop (compressed); then first contentful paint, largest "
             "contentful paint, total blocking time and bytes transferred of the two simulated mobile runs "
             "(compressed / uncompressed); last, the mobile run served uncompressed with applied throttling "
             "(Chromium's own): performance, first contentful paint and largest contentful paint:", "",
             "| page | mobile | mobile, uncompressed | desktop | FCP | LCP | TBT | transfer | applied | "
             "applied FCP, LCP |",
             "| --- | --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for row in results:
        mobile = [run for run in (row["mobile"], row.get("mobile_uncompressed")) if run]
        applied = row.get("mobile_uncompressed_applied")
        lines.append(f"| {row['page']} | {_scores(row['mobile'])} | {_scores(row.get('mobile_uncompressed'))} | "
                     f"{_scores(row['desktop'])} | {_both(mobile, 'fcp_ms', _seconds)} | "
                     f"{_both(mobile, 'lcp_ms', _seconds)} | "
                     f"{_both(mobile, 'tbt_ms', lambda ms: f'{ms:,} ms')} | "
                     f"{_both(mobile, 'transfer_bytes', lambda size: f'{size:,}')} | "
                     f"{applied['performance'] if applied else '–'} | "
                     f"{_both([applied], 'fcp_ms', _seconds) if applied else '–'}, "
                     f"{_both([applied], 'lcp_ms', _seconds) if applied else '–'} |")
    return lines
