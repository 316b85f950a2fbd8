"""The class the bibliography's MyST output gives each of its lists, which print sets ragged right.
Apart from bibliography.py, so that the Sphinx extension can read it without loading pandas."""

# An entry ends in a long unbreakable source id and often holds a Japanese title and a site's name:
# justified, the lines before them stretch their spaces wide (unsigned_peace.machinery.pdf.latex).
REFERENCE_LIST_CLASS = "up-references"
