"""The public site reads the field study only through ``fieldvisits.public``."""

import ast
from pathlib import Path

import pytest

import cms

CMS = Path(cms.__file__).resolve().parent
ALLOWED = "fieldvisits.public"
# The demo loader writes demo data for every app; it serves no page and reads no figures.
DEMO_LOADER = CMS / "management" / "commands" / "seed_demo.py"
DEMO_LOADER_IMPORTS = {"fieldvisits.demo"}


def fieldvisits_imports(path):
    """Every module of ``fieldvisits`` that the file at ``path`` imports, at any depth."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module == "fieldvisits":
            names = [f"fieldvisits.{alias.name}" for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            names = [node.module]
        else:
            continue
        found.update(name for name in names
                     if name == "fieldvisits" or name.startswith("fieldvisits."))
    return found


CMS_MODULES = sorted(CMS.rglob("*.py"))


@pytest.mark.parametrize("path", CMS_MODULES, ids=lambda path: str(path.relative_to(CMS)))
def test_cms_module_imports_nothing_of_fieldvisits_but_its_public_module(path):
    allowed = {ALLOWED} | (DEMO_LOADER_IMPORTS if path == DEMO_LOADER else set())
    assert fieldvisits_imports(path) <= allowed


def test_the_pages_read_their_figures_through_the_public_module():
    assert fieldvisits_imports(CMS / "models.py") == {ALLOWED}
    assert fieldvisits_imports(CMS / "queries.py") == {ALLOWED}


def test_the_check_sees_every_form_of_import(tmp_path):
    module = tmp_path / "module.py"
    module.write_text(
        "import fieldvisits.models\n"
        "from fieldvisits import queries, public\n"
        "def later():\n"
        "    from fieldvisits.services import submit_visit\n"
    )
    assert fieldvisits_imports(module) == {
        "fieldvisits.models", "fieldvisits.queries", "fieldvisits.public",
        "fieldvisits.services"}
