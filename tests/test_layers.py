"""The floor plan: apps import only downwards, and no two modules of the project import
each other (directly or around a circle). Read from the source with ``ast``, so an import
inside a function counts as much as one at the top."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Top floor first: an app may import the apps after it, never those before it. ``config``
# (settings, URLs, middleware) sits on top of every app.
ORDER = ["config", "cms", "reports", "portfolio", "clusters", "directory", "fieldvisits",
         "tracker", "core"]


def _module_name(path):
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _source_files():
    for app in ORDER:
        for path in sorted((ROOT / app).rglob("*.py")):
            if "migrations" not in path.parts:
                yield path


def _imported(path, module):
    """Modules of the project that ``module`` (at ``path``) imports."""
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[:len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return {name for name in found if name.split(".")[0] in ORDER}


def import_graph():
    modules = {_module_name(path): path for path in _source_files()}
    graph = {}
    for module, path in modules.items():
        # "from pkg import name" names a module only when pkg.name is one.
        graph[module] = {name for name in _imported(path, module)
                         if name in modules and name != module}
    return graph


def _is_reexport(source, target):
    """A models package importing its own modules to re-export them."""
    return source.endswith(".models") and target.startswith(source + ".")


def test_the_order_names_every_app_in_the_repository():
    apps = {path.parent.name for path in ROOT.glob("*/apps.py")}
    assert apps == set(ORDER) - {"config"}


def test_no_app_imports_an_app_above_it():
    upward = sorted(
        (source, target) for source, targets in import_graph().items() for target in targets
        if ORDER.index(target.split(".")[0]) < ORDER.index(source.split(".")[0])
    )
    assert upward == []


def test_no_modules_import_each_other_around_a_circle():
    graph = {source: {target for target in targets if not _is_reexport(source, target)}
             for source, targets in import_graph().items()}
    # A package is imported whenever one of its modules is, so a module importing its own
    # package's __init__ is part of the graph too.
    index, low, stack, on_stack, cycles, counter = {}, {}, [], set(), [], [0]

    def visit(node):
        index[node] = low[node] = counter[0]
        counter[0] += 1
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph.get(node, ())):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                cycles.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    assert cycles == []
