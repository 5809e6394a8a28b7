"""The house rules of the code base, checked: module and function sizes.

Modules under 400 lines, functions under 60 lines (the project's standards), so that each
rule of the parser and each stage can be read on a screen or two.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "graphbuild"
MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 60

PARSE_MODULES = sorted((PACKAGE / "parse").glob("*.py"))


def _functions(tree: ast.AST):
    """Every function and method of a module, nested ones included."""
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            yield node


def test_the_parser_is_where_the_layout_says():
    names = {p.stem for p in PARSE_MODULES}
    assert {"clean", "types", "regexes", "tokenizers", "symbols", "names", "find"} <= names


@pytest.mark.parametrize("path", PARSE_MODULES, ids=[p.name for p in PARSE_MODULES])
def test_parse_module_is_short(path):
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines < MAX_MODULE_LINES, f"{path.relative_to(ROOT)} has {lines} lines"


@pytest.mark.parametrize("path", PARSE_MODULES, ids=[p.name for p in PARSE_MODULES])
def test_parse_functions_are_short(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    long = [f"{f.name} ({f.end_lineno - f.lineno + 1} lines, line {f.lineno})"
            for f in _functions(tree) if f.end_lineno - f.lineno + 1 >= MAX_FUNCTION_LINES]
    assert not long, f"{path.relative_to(ROOT)}: {', '.join(long)}"


def test_the_size_check_sees_a_long_function():
    # The checks above must be able to fail: a 60-line function is reported.
    body = "\n".join(f"    x{i} = {i}" for i in range(59))
    tree = ast.parse(f"def long():\n{body}\n")
    (f,) = _functions(tree)
    assert f.end_lineno - f.lineno + 1 == MAX_FUNCTION_LINES
