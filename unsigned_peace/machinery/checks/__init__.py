"""Checks of what a build made: the HTML book's links (offline), the PDF's layout, EPUBCheck on the EPUB.

Imports the domain and `shared`; no Sphinx or docutils: each reads the built files."""
