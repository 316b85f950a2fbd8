"""The book's own files and the date of its data, read without starting Sphinx (`_config.yml`,
`CITATION.cff`, the data package), which edition a build makes, the keys of inline values, and
which plotly.js the book uses.

Imports the domain only: no Sphinx, no other part of the machinery."""
