"""The apps depend one way: cms → reports → portfolio → clusters → directory →
fieldvisits → tracker. Nothing imports upward."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LAYERS = ["tracker", "fieldvisits", "directory", "clusters", "portfolio", "reports", "cms"]


def first_party_imports(app):
    """``(module path, imported module)`` for every import of a layer in ``app``'s code."""
    found = []
    for path in sorted((ROOT / app).rglob("*.py")):
        if "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module]
            elif isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            else:
                continue
            found += [(path.relative_to(ROOT).as_posix(), name) for name in names
                      if name.split(".")[0] in LAYERS]
    return found


@pytest.mark.parametrize("app", LAYERS)
def test_no_app_imports_a_layer_above_it(app):
    above = set(LAYERS[LAYERS.index(app) + 1:])
    upward = [(path, name) for path, name in first_party_imports(app)
              if name.split(".")[0] in above]
    assert upward == []
