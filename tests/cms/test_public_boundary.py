"""The public site reads the field study only through ``fieldvisits.public``, the
capability directory only through ``directory.public`` and the clusters only through
``clusters.public``."""

import ast
from pathlib import Path

import pytest

import cms

CMS = Path(cms.__file__).resolve().parent
# App → the one module of it that the public site may import.
PUBLIC_MODULES = {
    "fieldvisits": "fieldvisits.public",
    "clusters": "clusters.public",
    "directory": "directory.public",
}
ALLOWED = PUBLIC_MODULES["fieldvisits"]
# The demo loader writes demo data for every app; it serves no page and reads no figures.
DEMO_LOADER = CMS / "management" / "commands" / "seed_demo.py"
DEMO_LOADER_IMPORTS = {"fieldvisits.demo", "clusters.demo", "clusters.demo_iran",
                       "directory.demo"}


def app_imports(path, app):
    """Every module of ``app`` that the file at ``path`` imports, at any depth."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module == app:
            names = [f"{app}.{alias.name}" for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            names = [node.module]
        else:
            continue
        found.update(name for name in names if name == app or name.startswith(f"{app}."))
    return found


def fieldvisits_imports(path):
    return app_imports(path, "fieldvisits")


CMS_MODULES = sorted(CMS.rglob("*.py"))


@pytest.mark.parametrize("app", sorted(PUBLIC_MODULES))
@pytest.mark.parametrize("path", CMS_MODULES, ids=lambda path: str(path.relative_to(CMS)))
def test_cms_module_imports_nothing_of_the_app_but_its_public_module(path, app):
    allowed = {PUBLIC_MODULES[app]} | (DEMO_LOADER_IMPORTS if path == DEMO_LOADER else set())
    assert app_imports(path, app) <= allowed


def test_the_pages_read_their_figures_through_the_public_module():
    assert fieldvisits_imports(CMS / "models" / "pages.py") == {ALLOWED}
    assert fieldvisits_imports(CMS / "queries.py") == {ALLOWED}
    assert app_imports(CMS / "models" / "pages.py", "clusters") == {PUBLIC_MODULES["clusters"]}


def test_the_directory_page_reads_listed_firms_through_the_public_module():
    assert app_imports(CMS / "models" / "directory.py", "directory") == {
        PUBLIC_MODULES["directory"]}


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
