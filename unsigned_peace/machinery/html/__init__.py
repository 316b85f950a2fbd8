"""The web book's own assets: its scripts and style sheets, the plotly.js bundle, and lighter pages (unused
rules and icons dropped, critical rules inline, sheets after the first paint), and tables that read as
blocks on a phone.

Imports the domain, `shared`, `steps`, `checks` and `content`; never the PDF part."""
