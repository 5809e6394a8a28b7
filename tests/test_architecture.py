"""The house rules of the code base, checked over the whole package.

Modules under 400 lines, functions under 60 lines (the project's standards), no import
cycles, the library never imports the command line, and no private name (``_x``)
imported from another module.  Each check is also run on a small bad example, so that
it can be seen to fail.
"""

from __future__ import annotations

import ast
from pathlib import Path

import networkx as nx
import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "graphbuild"
MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 60

MODULES = sorted(PACKAGE.rglob("*.py"))
MODULE_IDS = [str(p.relative_to(PACKAGE)) for p in MODULES]


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


KNOWN = {module_name(p): p for p in MODULES}


def _functions(tree: ast.AST):
    """Every function and method of a module, nested ones included."""
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            yield node


def _long_functions(tree: ast.AST) -> list[str]:
    return [f"{f.name} ({f.end_lineno - f.lineno + 1} lines, line {f.lineno})"
            for f in _functions(tree) if f.end_lineno - f.lineno + 1 >= MAX_FUNCTION_LINES]


def _type_checking_nodes(tree: ast.AST) -> set[int]:
    """ids of the nodes under ``if TYPE_CHECKING:`` (imports for the type checker only)."""
    inside = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            inside.update(id(n) for stmt in node.body for n in ast.walk(stmt))
    return inside


def imports(name: str, tree: ast.AST, known=KNOWN):
    """``(imported module, [names imported from it])`` for each run-time graphbuild import
    of the module ``name``, function-level (lazy) imports included."""
    typing_only = _type_checking_nodes(tree)
    package = name if name in known and known[name].name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(tree):
        if id(node) in typing_only:
            continue
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] == "graphbuild":
                    yield alias.name, []
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package.split(".")[:len(package.split(".")) - node.level + 1] + ([base] if base else []))
            if base.split(".")[0] != "graphbuild":
                continue
            plain = []
            for alias in node.names:
                sub = f"{base}.{alias.name}"
                if sub in known:                        # from package import module
                    yield sub, []
                else:
                    plain.append(alias.name)
            if plain:
                yield base, plain


def import_graph(modules=MODULES, known=KNOWN) -> nx.DiGraph:
    g = nx.DiGraph()
    for path in modules:
        name = module_name(path)
        g.add_node(name)
        for target, _ in imports(name, ast.parse(path.read_text(encoding="utf-8")), known):
            if target != name:
                g.add_edge(name, target)
    return g


def test_the_layout_has_every_stage():
    stages = {p.name for p in PACKAGE.iterdir() if (p / "__init__.py").exists()}
    assert {"corpus", "parse", "resolve", "relate", "graph", "export", "db", "view", "evaluate", "cli"} <= stages
    assert {"clean", "types", "regexes", "tokenizers", "symbols", "names", "find"} <= {
        p.stem for p in (PACKAGE / "parse").glob("*.py")}


@pytest.mark.parametrize("path", MODULES, ids=MODULE_IDS)
def test_module_is_short(path):
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines < MAX_MODULE_LINES, f"{path.relative_to(ROOT)} has {lines} lines"


@pytest.mark.parametrize("path", MODULES, ids=MODULE_IDS)
def test_functions_are_short(path):
    long = _long_functions(ast.parse(path.read_text(encoding="utf-8")))
    assert not long, f"{path.relative_to(ROOT)}: {', '.join(long)}"


MAX_COMMAND_LINES = 50          # a screen: options, docstring with its example, and the calls


@pytest.mark.parametrize("path", sorted((PACKAGE / "cli").glob("*.py")), ids=lambda p: p.name)
def test_every_command_fits_on_a_screen(path):
    long = [f"{f.name} ({f.end_lineno - f.lineno + 1} lines)" for f in _functions(ast.parse(path.read_text()))
            if f.end_lineno - f.lineno + 1 > MAX_COMMAND_LINES]
    assert not long, f"{path.relative_to(ROOT)}: {', '.join(long)}"


def test_no_import_cycles():
    cycles = [c for c in nx.simple_cycles(import_graph())]
    assert not cycles, "import cycles: " + "; ".join(" -> ".join(c + c[:1]) for c in cycles[:10])


def test_the_library_never_imports_the_command_line():
    g = import_graph()
    library = [n for n in g if not n.startswith("graphbuild.cli") and n not in ("graphbuild.__main__",)]
    bad = sorted((a, b) for a in library for b in g.successors(a) if b.startswith("graphbuild.cli"))
    assert not bad, f"library modules importing the CLI: {bad}"


# The stages in pipeline order (README, "Layout"): a module imports only modules of its own
# rank or lower.  The leaves (rank 0) hold names and helpers every stage shares.
RANKS = {
    "graphbuild.models": 0, "graphbuild.ids": 0, "graphbuild.fileio": 0,
    "graphbuild.graph.vocab": 0, "graphbuild.resolve.dates": 0,
    "graphbuild.corpus": 1, "graphbuild.parse": 2, "graphbuild.resolve": 3, "graphbuild.relate": 4,
    "graphbuild.pipeline": 5, "graphbuild.graph": 6, "graphbuild.db": 7,
    # The Parquet tables of pipeline results and graphs; reading shared out (the Dask engine is an app).
    "graphbuild.tables": 6, "graphbuild.scale": 6, "graphbuild.scale.dask": 10,
    # The explorer's data and pages are what the html export writes; serving them is an app.
    "graphbuild.view": 8, "graphbuild.export": 9, "graphbuild.evaluate": 9,
    "graphbuild": 10, "graphbuild.api": 10, "graphbuild.build": 10, "graphbuild.view.serve": 10,
    "graphbuild.cli": 11, "graphbuild.__main__": 12,
}


def rank(module: str) -> int:
    """The rank of the longest prefix of ``module`` that RANKS names."""
    parts = module.split(".")
    for i in range(len(parts), 0, -1):
        if ".".join(parts[:i]) in RANKS:
            return RANKS[".".join(parts[:i])]
    raise KeyError(f"{module}: give its stage a rank in RANKS")


def test_stages_import_only_earlier_stages():
    g = import_graph()
    late = sorted(f"{a} ({rank(a)}) imports {b} ({rank(b)})" for a, b in g.edges if rank(b) > rank(a))
    assert not late, "; ".join(late)
    assert rank("graphbuild.parse.find") < rank("graphbuild.export.gexf")   # the check can fail


def test_no_private_name_is_imported_from_another_module():
    bad = []
    for path in MODULES:
        name = module_name(path)
        for target, names in imports(name, ast.parse(path.read_text(encoding="utf-8"))):
            bad += [f"{name} imports {target}.{n}" for n in names if n.startswith("_") and not n.startswith("__")]
    assert not bad, "; ".join(bad)


# --- the checks can fail --------------------------------------------------------------

def test_the_size_check_sees_a_long_function():
    body = "\n".join(f"    x{i} = {i}" for i in range(59))
    assert _long_functions(ast.parse(f"def long():\n{body}\n")) == ["long (60 lines, line 1)"]
    assert _long_functions(ast.parse("def short():\n    return 1\n")) == []


def test_the_cycle_check_sees_a_cycle(tmp_path):
    pkg = tmp_path / "graphbuild"
    pkg.mkdir()
    (pkg / "__init__.py").write_text("")
    (pkg / "a.py").write_text("from graphbuild.b import f\n")
    (pkg / "b.py").write_text("def f():\n    from graphbuild import a   # lazy, still a cycle\n"
                              "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from graphbuild import c\n")
    (pkg / "c.py").write_text("from graphbuild.a import _private\n")
    modules = sorted(pkg.glob("*.py"))
    known = {"graphbuild." + p.stem if p.stem != "__init__" else "graphbuild": p for p in modules}
    g = nx.DiGraph()
    for p in modules:
        n = "graphbuild." + p.stem if p.stem != "__init__" else "graphbuild"
        for target, names in imports(n, ast.parse(p.read_text()), known):
            g.add_edge(n, target, names=names)
    assert sorted(map(sorted, nx.simple_cycles(g))) == [["graphbuild.a", "graphbuild.b"]]
    assert g.edges["graphbuild.c", "graphbuild.a"]["names"] == ["_private"]
