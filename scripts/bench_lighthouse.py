"""Lighthouse scores of every page of the built book, for the benchmark (scripts/bench.py).

Lighthouse (pinned in bench/lighthouse/package-lock.json, installed there with `npm ci` the first time)
runs each page once as a phone (its default mobile run: a mid-range phone on a slow 4G connection,
simulated) and once as a desktop, in Debian's Chromium. The book is served over local HTTP the way a
web host such as GitHub Pages serves it: text files gzip-compressed.
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
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from unsigned_peace.machinery.linkcheck import html_pages

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "bench" / "lighthouse"
LIGHTHOUSE = PACKAGE / "node_modules" / ".bin" / "lighthouse"
CHROMIUM = "/usr/bin/chromium"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
FORMS = {"mobile": [], "desktop": ["--preset=desktop"]}
COMPRESSED = ("text/", "application/javascript", "application/json", "image/svg+xml")


class CompressingHandler(SimpleHTTPRequestHandler):
    """Static files as a web host serves them: text gzip-compressed when the browser accepts it."""

    def log_message(self, format, *args) -> None:
        pass

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


@contextmanager
def serving(html_root: Path, handler: type[SimpleHTTPRequestHandler]) -> Iterator[str]:
    """The book folder served over local HTTP while the block runs; gives the base address."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(html_root)))
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


def audit(url: str, form: str) -> dict:
    run = subprocess.run(
        [str(LIGHTHOUSE), url, "--quiet", *FORMS[form], "--output=json", "--output-path=stdout",
         f"--only-categories={','.join(CATEGORIES)}", "--chrome-flags=--headless=new --no-sandbox"],
        capture_output=True, text=True, env={**os.environ, "CHROME_PATH": CHROMIUM}, timeout=300, check=True)
    report = json.loads(run.stdout)
    audits = report["audits"]
    return {
        **{name: round(100 * report["categories"][name]["score"]) for name in CATEGORIES},
        "tbt_ms": round(audits["total-blocking-time"]["numericValue"]),
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
    """Every page (the root's forwarding page aside) audited as a phone and as a desktop."""
    install()
    results = []
    with serving(html_root, CompressingHandler) as base:
        for page_path in html_pages(html_root):
            relative = page_path.relative_to(html_root).as_posix()
            if relative != "index.html":
                results.append({"page": relative, **{form: audit(base + relative, form) for form in FORMS}})
    return results


def to_markdown(results: list[dict]) -> list[str]:
    lines = ["", "Lighthouse (mobile run, then desktop; performance, accessibility, best practices, SEO; "
             "TBT and LCP of the mobile run):", "",
             "| page | mobile | desktop | mobile TBT | mobile LCP | mobile transfer |",
             "| --- | --- | --- | ---: | ---: | ---: |"]
    for row in results:
        mobile, desktop = row["mobile"], row["desktop"]
        lines.append(f"| {row['page']} | {'/'.join(str(mobile[c]) for c in CATEGORIES)} | "
                     f"{'/'.join(str(desktop[c]) for c in CATEGORIES)} | {mobile['tbt_ms']:,} ms | "
                     f"{mobile['lcp_ms'] / 1000:.1f} s | {mobile['transfer_bytes']:,} |")
    return lines
