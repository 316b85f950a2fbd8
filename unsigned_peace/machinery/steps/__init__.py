"""Build steps outside Sphinx: the data check every command runs first, the notebooks' execution and
its cache, `refresh` and `strip-outputs`, and the charts' static images.

Imports the domain and `shared`; no Sphinx or docutils (wiring/build.py calls these steps from a build)."""
