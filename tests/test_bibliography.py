"""The bibliography lists each source once, grouped and sorted, with text escaped."""

import pandas as pd

from unsigned_peace import load_data
from unsigned_peace.bibliography import bibliography
from unsigned_peace.list_markup import REFERENCE_LIST_CLASS
from unsigned_peace.schema import field_codebook


def sources_frame(rows):
    frame = pd.DataFrame(rows, columns=["source_id", "publisher", "title", "url", "date_published",
                                        "date_accessed", "kind", "language"])
    frame["date_accessed"] = pd.to_datetime(frame["date_accessed"])
    return frame


def test_every_cited_source_appears_once_under_its_kind():
    data = load_data()
    text = bibliography(data.sources)._repr_markdown_()
    for source_id in data.sources["source_id"]:
        assert text.count(f"\\[{source_id}\\]") == 1
    headings = [line[3:] for line in text.splitlines() if line.startswith("## ")]
    kinds = field_codebook("sources", "kind").items()
    assert headings == [entry.label for kind, entry in kinds if (data.sources["kind"] == kind).any()]


def test_entries_are_sorted_and_escaped_and_filtered():
    frame = sources_frame([
        ["b", "Zeta <script>", "T|2", "https://example.org/b", "", "2026-11-27", "news", "en"],
        ["a", "Alpha", "*T1*", "", "2020", "2026-11-27", "news", "en"],
        ["c", "Gamma", "T3", "", "", "2026-11-27", "news", "en"],
    ])
    text = bibliography(frame, cited_ids={"a", "b"})._repr_markdown_()
    assert text.index("Alpha") < text.index("Zeta")
    assert "&lt;script&gt;" in text and "<script>" not in text
    assert "\\*T1\\*" in text and "T\\|2" in text
    assert "[example.org](https://example.org/b)" in text and "Accessed 27 November 2026" in text
    assert "Gamma" not in text


def test_each_kinds_entries_are_one_list_in_a_container_print_sets_ragged_right():
    data = load_data()
    text = bibliography(data.sources)._repr_markdown_()
    sections = text.split("## ")[1:]
    for section in sections:
        body = section.split("\n", 1)[1].strip()
        assert body.startswith(f":::{{container}} {REFERENCE_LIST_CLASS}\n") and body.endswith("\n:::")
        assert all(line.startswith("- ") for line in body.splitlines()[1:-1])
