"""Shared fixtures: where ../shared lives, the seed graph built once per session."""

from __future__ import annotations

import contextlib
import threading
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared" / "corpus"


@contextlib.contextmanager
def running_explorer(g):
    """``graphbuild serve`` of ``g`` on a free loopback port, in a thread, for one test module."""
    from graphbuild.view.serve import ExplorerServer
    srv = ExplorerServer(g, port=0, bases=[REPO])
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    try:
        yield srv
    finally:
        srv.shutdown()
        srv.server_close()
        thread.join(5)


def shared_path(*parts: str) -> Path:
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} not found: ../shared must sit beside the repository")
    return path


@pytest.fixture(scope="session")
def seeds_graph():
    from graphbuild import build_corpus
    return build_corpus(shared_path("seeds"), jobs=1)


@pytest.fixture(scope="session")
def sample_graph():
    from graphbuild import build_corpus
    return build_corpus(REPO / "data" / "corpus", jobs=1)


@pytest.fixture(scope="session")
def neo4j_server(tmp_path_factory):
    """One throwaway Neo4j 5.26 for the whole run (scripts/neo4j_server.sh; built by
    scripts/install_neo4j.sh). Not built means an error, never a skip."""
    from tests.neo4j_server import neo4j_server as start

    with start(tmp_path_factory.mktemp("neo4j")) as server:
        yield server


def bulk_graph(documents: int):
    """The graph of the first ``documents`` documents of ../shared/corpus/bulk.jsonl.gz."""
    import itertools

    from graphbuild.corpus.inputs import iter_documents
    from graphbuild.graph.builder import build_graph
    from graphbuild.pipeline import analyse_document
    from graphbuild.resolve.catalog import Catalog

    catalog = Catalog.load()
    docs = itertools.islice(iter_documents([str(shared_path("bulk.jsonl.gz"))]), documents)
    return build_graph(analyse_document(d, catalog) for d in docs)


@pytest.fixture(scope="session")
def bulk_graph_3000():
    """The graph of the first 3,000 documents of ../shared/corpus/bulk.jsonl.gz."""
    return bulk_graph(3000)


@pytest.fixture(scope="session")
def bulk_graph_1000():
    """The graph of the first 1,000 documents of ../shared/corpus/bulk.jsonl.gz."""
    return bulk_graph(1000)
