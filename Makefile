# The book's commands. `make book` builds the HTML book; `make test` runs every test.
VENV := .venv
PYTHON := $(VENV)/bin/python
BUILD_FLAGS := -W -n --keep-going

.PHONY: setup validate book test lab refresh clean

setup:
	@scripts/setup.sh

validate: setup
	@$(PYTHON) -m unsigned_peace validate

book: validate
	rm -rf _build/html _build/jupyter_execute _build/.doctrees
	$(VENV)/bin/jupyter-book build . $(BUILD_FLAGS)
	@echo "The book is at _build/html/index.html"

test: setup
	$(PYTHON) -m pytest

lab: setup
	$(VENV)/bin/jupyter lab chapters/

refresh: validate
	$(PYTHON) -m unsigned_peace refresh

clean:
	rm -rf _build
