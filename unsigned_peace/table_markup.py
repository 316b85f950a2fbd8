"""The names a `Table`'s MyST output gives what the book's machinery reads: a row's anchor role, the form
of an anchor id, and the class that asks print for blocks. Apart from tables.py, so that the Sphinx
extension can read them without loading pandas."""

import re

# The role that gives a row its anchor: an empty target with the row's id in the first cell, so that a
# page can link to the row (page.html#id). unsigned_peace.machinery.content.anchors defines it.
ANCHOR_ROLE = "up-anchor"
ANCHOR_ID = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
# Asks the PDF to print the table as blocks, a row each: its first column, the others stacked beside it
# under their headers' names (unsigned_peace.machinery.pdf.print_tables). Wide tables get it anyway.
PRINT_AS_BLOCKS_CLASS = "up-print-blocks"
