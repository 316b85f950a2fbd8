# Shortcuts for the book's scripts (needs make: apt-get install make). `make` alone lists them.
.PHONY: help book pdf epub test check lab refresh validate bench clean
.DEFAULT_GOAL := help

help: ## list the targets
	@awk 'BEGIN {FS = ":.*## "} /^[a-z]+:.*## / {printf "  make %-9s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

book: ## build the HTML book (scripts/build.sh)
	scripts/build.sh

pdf: ## build the book as a PDF (scripts/pdf.sh)
	scripts/pdf.sh

epub: ## build the book as an EPUB and check it with EPUBCheck (scripts/epub.sh)
	scripts/epub.sh

test: ## run every test (scripts/test.sh)
	scripts/test.sh

check: ## unit tests and small Sphinx projects: no book build, browser or notebook run (a contributor's loop)
	scripts/setup.sh
	.venv/bin/python -m pytest tests -q -n auto -o addopts="-p no:cacheprovider" -m "not book and not browser and not slow"

lab: ## open the chapter notebooks in JupyterLab
	scripts/setup.sh --lab
	UNSIGNED_PEACE_DATA_DIR="$(abspath $(UNSIGNED_PEACE_DATA_DIR))" .venv-lab/bin/python -m unsigned_peace lab

refresh: ## execute every chapter notebook again and store its text outputs
	scripts/setup.sh
	.venv/bin/python -m unsigned_peace refresh

validate: ## check the data and the tables the notebooks read
	scripts/setup.sh
	.venv/bin/python -m unsigned_peace validate

bench: ## measure build, test and page costs (scripts/bench.py)
	scripts/setup.sh
	.venv/bin/python scripts/bench.py

clean: ## remove the build folder
	rm -rf _build
