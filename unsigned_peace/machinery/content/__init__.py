"""What the book's pages hold beside the notebooks' prose, for every builder: charts and the chronology's
filter (myst-nb renderers), row anchors, numbered references, inline values, data downloads, page
descriptions and structured data, "Cite this chapter", figure exports and the cover.

Imports the domain, `shared` and `steps`; never the HTML, PDF or EPUB parts (a handler that acts for one
builder asks `shared.editions` which edition is being made)."""
