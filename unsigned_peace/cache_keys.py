"""The key every cache of the book is kept under, and the stamp file that records it.

A cache holds what was made from some files (and some words: a drawing's size, a cover's title); its key
is a digest of them all, so other bytes, another file name or other words give another key and the work
is done again, and the same inputs find the work done. The data check (unsigned_peace.validation) keeps
its key here too, which is why this lives beside the domain rather than in the machinery.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path


def inputs_digest(files: Iterable[Path] = (), *words: str, length: int | None = None) -> str:
    """A digest of `words` and of each file's name and bytes, in the order given; `length` characters
    of it when a shorter name is wanted (a file name in a cache folder)."""
    digest = hashlib.sha256()
    for word in words:
        # Each word ends with a separator: ("ab", "c") and ("a", "bc") are other inputs.
        digest.update(word.encode("utf-8") + b"\0")
    for path in files:
        digest.update(path.name.encode("utf-8") + b"\0")
        digest.update(path.read_bytes())
    return digest.hexdigest()[:length]


class Stamp:
    """A file holding the key of what a cache was last made from."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)

    def holds(self, key: str) -> bool:
        """Whether what was made last was made from the inputs of `key`."""
        return self.path.is_file() and self.path.read_text(encoding="utf-8") == key

    def record(self, key: str) -> None:
        """Record `key`, once what it stands for is made."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.path.write_text(key, encoding="utf-8")
