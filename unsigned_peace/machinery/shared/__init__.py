"""The book's own files and the date of its data, read without starting Sphinx (`_config.yml`,
`CITATION.cff`, the data package), which edition a build makes, and the keys of inline values.

Imports the domain only: no Sphinx, no other part of the machinery."""
