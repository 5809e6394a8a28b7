"""The README's Python API section is the docstrings (docs/make_api.py writes it)."""

from __future__ import annotations

import importlib.util

import graphbuild

from .conftest import REPO


def make_api():
    spec = importlib.util.spec_from_file_location("make_api", REPO / "docs" / "make_api.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_readme_api_section_is_generated_from_the_docstrings():
    api = make_api()
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index(api.START):readme.index(api.END) + len(api.END)]
    assert section == api.api_markdown(), "run: python docs/make_api.py"


def test_every_public_name_has_its_entry_with_its_docstring():
    section = make_api().api_markdown()
    for name in graphbuild.__all__:
        if name == "__version__":
            continue
        assert f"`graphbuild.{name}" in section, name
        value = getattr(graphbuild, name)
        if callable(value):
            first = (value.__doc__ or "").strip().splitlines()[0]
            assert first in section, name
