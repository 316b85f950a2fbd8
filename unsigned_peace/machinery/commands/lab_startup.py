"""Run by the kernels `make lab` starts (PYTHONSTARTUP): see unsigned_peace.machinery.commands.lab."""

from IPython import get_ipython

from unsigned_peace.machinery.commands.lab import install_hint

if get_ipython() is not None:
    install_hint(get_ipython())
