"""JupyterLab on the chapter notebooks (`make lab`, `python -m unsigned_peace lab`).

Starts `jupyter lab` from the environment it runs in (requirements-lab.txt: JupyterLab, and
jupyterlab-myst, which renders the prose as MyST and evaluates its `{eval}` numbers in the kernel),
rooted at `chapters/`, as root (`--allow-root`) or as an ordinary user. Its kernels run
`lab_startup.py` first (through PYTHONSTARTUP): a later cell run before the first one then says
what to do instead of a bare NameError.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

STARTUP = Path(__file__).with_name("lab_startup.py")
FIRST_CELL_HINT = ("run the notebook's first cell first: it loads the data and the book's functions "
                   "(Run > Run All Cells runs the chapter from the top)")
# A name every chapter's first cell defines.
FIRST_CELL_NAME = "load_data"


def lab_command(root: Path, extra: list[str]) -> list[str]:
    """`jupyter lab` on the chapters (another `--ServerApp.root_dir` among `extra` takes its place)."""
    chosen = any(option.startswith("--ServerApp.root_dir") for option in extra)
    folder = [] if chosen else [f"--ServerApp.root_dir={root / 'chapters'}"]
    return [sys.executable, "-m", "jupyterlab", "--allow-root", *folder, *extra]


def lab_environment(environ: dict[str, str]) -> dict[str, str]:
    """The kernels' start-up file, and the JupyterLab extensions of every environment on the path: .venv-lab
    is layered on the book's .venv, whose plotly package ships the chart renderer (jupyterlab-plotly)."""
    shared = [str(folder) for folder in dict.fromkeys(Path(entry).parents[2] / "share" / "jupyter"
                                                      for entry in sys.path if entry.endswith("site-packages"))
              if folder.is_dir()]
    paths = [path for path in (environ.get("JUPYTER_PATH"), *shared) if path]
    return {**environ, "PYTHONSTARTUP": str(STARTUP), "JUPYTER_PATH": os.pathsep.join(paths)}


def start_lab(root: Path, extra: list[str]) -> None:
    """Replace this process with JupyterLab on the chapters."""
    command = lab_command(root, extra)
    os.execve(command[0], command, lab_environment(dict(os.environ)))


def explain_name_error(shell, etype, evalue, tb, tb_offset=None):
    """IPython custom exception handler: a NameError before the first cell ran says to run it first."""
    if FIRST_CELL_NAME not in shell.user_ns:
        evalue = etype(f"{evalue}: {FIRST_CELL_HINT}")
    shell.showtraceback((etype, evalue, tb), tb_offset=tb_offset)


def install_hint(shell) -> None:
    shell.set_custom_exc((NameError,), explain_name_error)
