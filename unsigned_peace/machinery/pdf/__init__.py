"""The book as a typeset PDF (Sphinx's LaTeX build with xelatex): title page, book structure, print
tables, short captions for the list of figures, and the check that a PDF can be built.

Imports the domain, `shared`, `steps`, `checks` and `content`; never the HTML part."""
