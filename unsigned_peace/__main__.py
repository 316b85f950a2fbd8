"""`python -m unsigned_peace ...`: the book's command line (unsigned_peace.machinery.commands.cli)."""

import sys

from unsigned_peace.machinery.commands.cli import main

sys.exit(main())
