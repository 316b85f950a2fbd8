"""The offline link check, on a small made-up site: what it accepts, what it reports, what it lists."""

from pathlib import Path

from unsigned_peace.machinery.checks.links import check_links


def site(root: Path, pages: dict[str, str]) -> Path:
    for name, body in pages.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(body, encoding="utf-8")
    return root


def test_resolving_links_pass_and_external_ones_are_listed_not_checked(tmp_path):
    root = site(tmp_path / "html", {
        "index.html": '<meta http-equiv="refresh" content="0; url=chapters/a.html">',
        "chapters/a.html": ('<link rel="stylesheet" href="../_static/s.css?v=1"><h1 id="top">A</h1>'
                            '<a href="b.html#part">b</a><a href="#top">top</a><a href="#">nothing</a>'
                            '<img src="../_static/i.png" alt="i"><a href="https://example.org/x">out</a>'
                            '<a href="mailto:someone@example.org">mail</a><img src="data:image/png;base64,AA" alt="">'),
        "chapters/b.html": '<section id="part"><a name="old"></a></section><a href="a.html#top">a</a>',
        "_static/s.css": 'body { background: url("i.png") } /* url(gone.png) */ .x { background: url(data:,) }',
        "_static/i.png": "",
    })
    report = check_links(root)
    assert report.broken == []
    assert report.external_lines() == ["https://example.org/x\tchapters/a.html",
                                       "mailto:someone@example.org\tchapters/a.html"]


def test_every_kind_of_broken_link_is_reported(tmp_path):
    (tmp_path / "elsewhere.html").write_text("", encoding="utf-8")
    root = site(tmp_path / "html", {
        "index.html": ('<a href="missing.html">1</a><a href="page.html#nowhere">2</a>'
                       '<a href="/page.html">3</a><a href="file:///etc/hosts">4</a>'
                       '<a href="../elsewhere.html">5</a><script src="_static/gone.js"></script>'
                       '<link rel="stylesheet" href="_static/s.css">'),
        "page.html": '<p id="here">x</p>',
        "_static/s.css": "@font-face { src: url(../fonts/missing.woff2) }",
    })
    broken = check_links(root).broken
    assert broken == [
        "index.html: missing.html (no such file)",
        "index.html: page.html#nowhere (no element with id 'nowhere')",
        "index.html: /page.html (root-relative: works only on a web server)",
        "index.html: file:///etc/hosts (a file: address does not travel with the book)",
        "index.html: ../elsewhere.html (outside the book folder)",
        "index.html: _static/gone.js (no such file)",
        "_static/s.css: ../fonts/missing.woff2 (no such file)",
    ]
