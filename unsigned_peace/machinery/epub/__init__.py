"""The book as an EPUB: the builder (contents in parts, accessibility metadata) and what the e-book's
pages need (chart pictures, table blocks, no scripts, a cover).

Imports the domain, `shared`, `steps`, `checks`, `content` and `pdf` (print's code-free pages and table
blocks, which an e-reader's page shares); never the HTML part."""
