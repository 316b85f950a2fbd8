"""The Sphinx extension `_config.yml` names (wiring/extension.py): the one table of every handler and
transform the book adds, with its priority and why; the build steps as a Sphinx build calls them; the
theme's fixes and templates; and the list of contacts with other packages' internals (wiring/contacts.py).

May import every part but `commands`; nothing imports it."""
