"""Shared fixtures: where ../shared lives, the seed graph built once per session."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared" / "corpus"


def shared_path(*parts: str) -> Path:
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} not found: ../shared must sit beside the repository")
    return path


@pytest.fixture(scope="session")
def seeds_graph():
    from graphbuild.resolve.catalog import Catalog
    from graphbuild.graph.builder import build_graph
    from graphbuild.corpus.inputs import iter_documents
    from graphbuild.pipeline import analyse_document

    catalog = Catalog.load()
    docs = iter_documents([str(shared_path("seeds"))])
    return build_graph(analyse_document(d, catalog) for d in docs)


@pytest.fixture(scope="session")
def sample_graph():
    from graphbuild.resolve.catalog import Catalog
    from graphbuild.graph.builder import build_graph
    from graphbuild.corpus.inputs import iter_documents
    from graphbuild.pipeline import analyse_document

    catalog = Catalog.load()
    return build_graph(analyse_document(d, catalog) for d in iter_documents([str(REPO / "data" / "corpus")]))
