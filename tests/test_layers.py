"""The machinery's parts keep to what each may import (unsigned_peace.machinery.PARTS)."""

import ast
from pathlib import Path

import pytest
from conftest import ROOT

from unsigned_peace.machinery import PARTS, WITHOUT_SPHINX

MACHINERY = ROOT / "unsigned_peace" / "machinery"
SPHINX_PACKAGES = ("sphinx", "docutils", "myst_nb.sphinx_", "myst_nb.ext")


def runtime_imports(path: Path) -> set[str]:
    """Modules a file imports when it runs: those under `if TYPE_CHECKING:` serve annotations alone."""
    names = set()

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and getattr(node.test, "id", None) == "TYPE_CHECKING":
            for child in node.orelse:
                visit(child)
            return
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            # `from unsigned_peace.machinery.content import charts` imports the module charts.
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(ast.parse(path.read_text(encoding="utf-8")))
    return names


def part_of(module: str) -> str | None:
    parts = module.split(".")
    if parts[:2] == ["unsigned_peace", "machinery"] and len(parts) > 2 and parts[2] in PARTS:
        return parts[2]
    return None


def machinery_files(part: str) -> list[Path]:
    return sorted((MACHINERY / part).rglob("*.py"))


def test_every_module_of_the_machinery_is_in_a_part():
    loose = [path.name for path in MACHINERY.glob("*.py") if path.name != "__init__.py"]
    assert loose == []
    assert {path.name for path in MACHINERY.iterdir() if (path / "__init__.py").is_file()} == set(PARTS)


@pytest.mark.parametrize("part", sorted(PARTS))
def test_a_part_imports_only_the_parts_it_may(part):
    files = machinery_files(part)
    assert files
    for path in files:
        for module in runtime_imports(path):
            other = part_of(module)
            assert other in (None, part) or other in PARTS[part], (
                f"{path.relative_to(ROOT)} imports {module}: the {part} part may import only {sorted(PARTS[part])}")


@pytest.mark.parametrize("part", sorted(WITHOUT_SPHINX))
def test_steps_checks_and_the_shared_part_import_no_sphinx(part):
    for path in machinery_files(part):
        for module in runtime_imports(path):
            assert not module.startswith(SPHINX_PACKAGES), f"{path.relative_to(ROOT)} imports {module}"


def test_the_html_and_pdf_parts_do_not_import_each_other():
    assert "pdf" not in PARTS["html"] and "html" not in PARTS["pdf"]


def test_the_layer_check_sees_a_forbidden_import(tmp_path):
    offender = tmp_path / "offender.py"
    offender.write_text("from typing import TYPE_CHECKING\n"
                        "from unsigned_peace.machinery.html import assets\n"
                        "if TYPE_CHECKING:\n    from sphinx.application import Sphinx\n"
                        "def f():\n    from docutils import nodes\n")
    imports = runtime_imports(offender)
    assert "unsigned_peace.machinery.html.assets" in imports
    assert part_of("unsigned_peace.machinery.html.assets") == "html"
    assert "docutils" in imports and "sphinx.application" not in imports


REGISTERING = ("app.connect(", "app.add_transform(", "app.add_post_transform(", "app.add_role(", "app.add_directive(",
               "app.add_node(", "app.add_builder(", "app.add_config_value(", "app.setup_extension(")


def test_only_the_extension_registers_with_sphinx():
    """One place lists every handler and transform with its priority: no part registers itself."""
    extension = MACHINERY / "wiring" / "extension.py"
    assert any(call in extension.read_text(encoding="utf-8") for call in REGISTERING)
    for path in sorted(MACHINERY.rglob("*.py")):
        if path != extension:
            text = path.read_text(encoding="utf-8")
            assert not [call for call in REGISTERING if call in text], f"{path.relative_to(ROOT)} registers with Sphinx"
