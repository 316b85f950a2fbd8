"""Command line: `python -m unsigned_peace validate` or `python -m unsigned_peace refresh`."""

from __future__ import annotations

import argparse
import sys

from unsigned_peace.notebooks import refresh_outputs
from unsigned_peace.paths import data_dir, project_root
from unsigned_peace.validation import DataValidationError, validate_package


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m unsigned_peace")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("validate", help="check every CSV against data/datapackage.json")
    commands.add_parser("refresh", help="re-execute every chapter notebook and save its outputs")
    arguments = parser.parse_args(argv)

    if arguments.command == "validate":
        try:
            validate_package(data_dir(), display_root=project_root())
        except DataValidationError as error:
            print(error, file=sys.stderr)
            return 1
        print("data: valid")
        return 0
    for path in refresh_outputs(project_root()):
        print(f"refreshed {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
