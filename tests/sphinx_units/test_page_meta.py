"""A page's head: one viewport tag, whatever docutils adds to the meta tags."""

import re

from tiny_projects import tiny_build

from unsigned_peace.machinery.content import page_meta

VIEWPORT = re.compile(r'<meta name="viewport" content="([^"]*)"')


def viewports(folder, setup) -> list[str]:
    folder.mkdir()
    build = tiny_build(folder, {"index": "# A page\n\nSome text.\n"}, setup)
    return VIEWPORT.findall(build.output("index.html"))


def test_docutils_adds_a_second_viewport_tag_that_the_page_context_drops(tmp_path):
    assert len(viewports(tmp_path / "plain", lambda app: None)) == 2
    found = viewports(tmp_path / "book", lambda app: app.connect("html-page-context", page_meta.drop_docutils_viewport))
    assert len(found) == 1
    assert "width=device-width" in found[0]
