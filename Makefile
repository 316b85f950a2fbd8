# Shortcuts for the book's scripts (needs make: apt-get install make).
.PHONY: book pdf test lab refresh validate bench clean

book:
	scripts/build.sh

pdf:
	scripts/pdf.sh

test:
	scripts/test.sh

lab:
	scripts/setup.sh
	.venv/bin/python -m pip install --quiet -r requirements-lab.txt
	.venv/bin/jupyter lab chapters/

refresh:
	scripts/setup.sh
	.venv/bin/python -m unsigned_peace validate
	.venv/bin/python -m unsigned_peace refresh

validate:
	scripts/setup.sh
	.venv/bin/python -m unsigned_peace validate

bench:
	scripts/setup.sh
	.venv/bin/python scripts/bench.py

clean:
	rm -rf _build
