"""The repository as a maintainer finds it: no generated files in git, two layers, lint clean, and the
ecosystem's files (pre-commit, the CI workflow, the citation file) valid against their schemas."""

import ast
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from conftest import EDITIONS, PUBLISH_ENV, ROOT, keep_execution_reports, publish_tested_book

from unsigned_peace.charts.mime import CHART_MIME, PLOTLY_MIME
from unsigned_peace.machinery.checks.epub import epub_path
from unsigned_peace.machinery.pdf.latex import pdf_name
from unsigned_peace.machinery.steps.notebooks import chapter_notebooks, strip_files, strip_generated

BIN = Path(sys.executable).parent
PACKAGE = ROOT / "unsigned_peace"
CHAPTERS_LIMIT_BYTES = 1_500_000
MACHINERY_ONLY = ("sphinx", "docutils", "myst_nb", "myst_parser", "jupyter_cache", "nbclient", "kaleido")


def tracked(*patterns: str) -> list[Path]:
    listed = subprocess.run(["git", "ls-files", "-z", *patterns], cwd=ROOT, capture_output=True, text=True)
    if listed.returncode != 0:
        pytest.skip("not a git checkout")
    return [ROOT / name for name in listed.stdout.split("\0") if name]


def run(*command: str) -> subprocess.CompletedProcess:
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True)


def test_tracked_notebooks_hold_text_outputs_only_and_chapters_stay_small():
    notebooks = [path for path in tracked("chapters") if path.suffix == ".ipynb"]
    assert notebooks
    for path in notebooks:
        text = path.read_text(encoding="utf-8")
        for generated in ("image/png", "image/jpeg", "image/svg+xml", PLOTLY_MIME, CHART_MIME):
            assert generated not in text, f"{path.name} stores {generated} output"
        notebook = nbformat.reads(text, as_version=4)
        assert strip_generated(nbformat.reads(text, as_version=4)) == notebook, f"{path.name}: strip-outputs it"
    assert sum(path.stat().st_size for path in tracked("chapters")) <= CHAPTERS_LIMIT_BYTES


def test_no_image_a_build_makes_is_tracked():
    assert [p for p in tracked("figures") if p.suffix in (".png", ".pdf", ".svg")] == []


def test_strip_outputs_keeps_text_and_drops_what_a_build_makes(tmp_path):
    notebook = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("chart", execution_count=1)
    cell.outputs = [nbformat.v4.new_output("execute_result", execution_count=1, data={
        "text/plain": "Chart: a bar", CHART_MIME: {"id": "x"}, PLOTLY_MIME: {"data": []}, "image/png": "iVBOR"})]
    cell.metadata["execution"] = {"iopub.status.busy": "2026-01-01T00:00:00Z"}
    notebook.cells = [cell]
    path = tmp_path / "chapter.ipynb"
    nbformat.write(notebook, path)
    assert strip_files([path]) == [path]
    stripped = nbformat.read(path, as_version=4).cells[0]
    assert stripped.outputs[0].data == {"text/plain": "Chart: a bar"}
    assert stripped.execution_count == 1 and "execution" not in stripped.metadata
    assert strip_files([path]) == []


def test_every_chapter_notebook_is_already_stripped(tmp_path):
    # On copies: a test never changes the tracked notebooks, even when it fails.
    copies = []
    for path in chapter_notebooks(ROOT):
        copies.append(tmp_path / path.name)
        shutil.copyfile(path, copies[-1])
    assert copies and strip_files(copies) == []


def imported_modules(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_the_domain_never_imports_the_machinery_nor_the_build_tools():
    domain = [path for path in PACKAGE.rglob("*.py")
              if "machinery" not in path.relative_to(PACKAGE).parts and path.name != "__main__.py"]
    assert len(domain) > 10
    for path in domain:
        for module in imported_modules(path):
            top = module.split(".")[0]
            assert not module.startswith("unsigned_peace.machinery"), f"{path.name} imports {module}"
            assert top not in MACHINERY_ONLY, f"{path.name} imports {module}, which belongs to the machinery"


def test_ruff_finds_nothing():
    result = run(str(BIN / "ruff"), "check", "--no-cache", ".")
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_pre_commit_configuration_is_valid_and_strips_notebooks():
    result = run(str(BIN / "pre-commit"), "validate-config", ".pre-commit-config.yaml")
    assert result.returncode == 0, result.stdout + result.stderr
    config = (ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8")
    assert "ruff-check" in config and "check-yaml" in config and "strip-outputs" in config


@pytest.mark.parametrize(("schema", "path"), [
    ("vendor.github-workflows", ".github/workflows/book.yml"),
    ("vendor.citation-file-format", "CITATION.cff"),
])
def test_ecosystem_files_match_their_published_schemas(schema, path):
    result = run(str(BIN / "check-jsonschema"), "--builtin-schema", schema, path)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_workflow_runs_the_readmes_test_command_and_publishes_the_html_and_pdf_it_checked_and_keeps_the_epub():
    import yaml

    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "book.yml").read_text(encoding="utf-8"))
    triggers = workflow[True] if True in workflow else workflow["on"]  # YAML 1.1 reads a bare `on` as true
    assert {"push", "pull_request"} <= set(triggers)
    test_steps = workflow["jobs"]["test"]["steps"]
    steps = [step.get("run", "") + step.get("uses", "") for step in test_steps]
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for command in ("scripts/test.sh", "scripts/pdf.sh", "scripts/build.sh", "scripts/epub.sh"):
        assert command in readme, command
    # The test command builds the PDF, the HTML book and the EPUB (conftest.py's built_html, with the
    # README's commands) and leaves them in _build once every test passed: nothing is built twice.
    assert any("scripts/test.sh" in step for step in steps)
    assert not [step for step in steps for command in ("pdf.sh", "build.sh", "epub.sh", "jupyter-book")
                if command in step]
    test_script = (ROOT / "scripts" / "test.sh").read_text(encoding="utf-8")
    assert f'{PUBLISH_ENV}="$(pwd)/_build"' in test_script
    uploaded = [(step.get("uses", "").split("@")[0], step.get("with", {}).get("path")) for step in test_steps]
    assert ("actions/upload-pages-artifact", "_build/html") in uploaded
    assert ("actions/upload-artifact", epub_path(ROOT).relative_to(ROOT).as_posix()) in uploaded
    assert any("deploy-pages" in step.get("uses", "") for step in workflow["jobs"]["publish"]["steps"])
    assert json.dumps(workflow["jobs"]["test"].get("container", "")) == '"debian:12"'


def test_the_tested_book_is_left_where_the_readmes_commands_leave_it(tmp_path):
    """What scripts/test.sh leaves in _build, from a build folder laid out as the suite's build leaves it."""
    book = tmp_path / "book"
    built = book / "_build"
    book.mkdir()
    shutil.copy(ROOT / "_config.yml", book)  # names the PDF and the EPUB
    made = {"html/index.html": "index", "html/chapters/01-article.html": "chapter",
            f"latex/{pdf_name(book)}": "pdf", epub_path(book).relative_to(built).as_posix(): "epub",
            "latex/unsigned-peace.log": "log", ".jupyter_cache/global.db": "cache",
            "html/reports/chapters/05-talks.err.log": "report"}
    # Each published edition's PDF, which its own build copies beside the English one.
    editions = {f"latex/{pdf_name(book, language)}": f"pdf {language}" for language in EDITIONS}
    made |= editions
    for name, text in made.items():
        (built / name).parent.mkdir(parents=True, exist_ok=True)
        (built / name).write_text(text, encoding="utf-8")
    destination = tmp_path / "checkout" / "_build"
    (destination / "html").mkdir(parents=True)
    (destination / "html" / "stale.html").write_text("an older build", encoding="utf-8")
    publish_tested_book(book, destination)
    left = {path.relative_to(destination).as_posix() for path in destination.rglob("*") if path.is_file()}
    assert left == {name for name in made if name.startswith("html/")} | {
        f"latex/{pdf_name(book)}", epub_path(book).relative_to(built).as_posix(), *editions}
    assert (destination / "latex" / pdf_name(book)).read_text(encoding="utf-8") == "pdf"
    assert all((destination / name).read_text(encoding="utf-8") == text for name, text in editions.items())
    reports = tmp_path / "failed" / "_build"
    keep_execution_reports(book, reports)
    assert [path.relative_to(reports).as_posix() for path in reports.rglob("*") if path.is_file()] == [
        "html/reports/chapters/05-talks.err.log"]


def test_no_tracked_text_file_holds_a_merge_conflict_marker():
    markers = re.compile(r"^(<{7} |>{7} |={7}$)", re.M)
    offenders = []
    for path in tracked():
        if path.suffix in {".py", ".md", ".yml", ".yaml", ".toml", ".txt", ".csv", ".json", ".ipynb", ".sty", ".js",
                           ".css", ".html", ".sh", ".cff"} and path.is_file():
            if markers.search(path.read_text(encoding="utf-8", errors="replace")):
                offenders.append(path.relative_to(ROOT).as_posix())
    assert offenders == []
