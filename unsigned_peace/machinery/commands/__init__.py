"""The command line (`python -m unsigned_peace validate | refresh | strip-outputs | links | check-pdf-setup |
check-pdf | check-epub | lab`) and JupyterLab on the chapter notebooks.

Imports the domain, `shared`, `steps`, `checks` and `pdf` (to check a PDF build); never the Sphinx wiring."""
