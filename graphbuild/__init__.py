"""graphbuild: a cross-reference graph of the instruments Vietnamese texts cite.

The public API, the same verbs as the command line (texts: :mod:`graphbuild.api`;
corpus and graph: :mod:`graphbuild.build`):

* :func:`get_citations` -- every citation in a text, with exact offsets;
* :func:`resolve_citations` -- the citations of one document resolved to instruments;
* :func:`build_corpus` -- a corpus (files, folders, JSONL) to one citation graph;
* :func:`build_from_tables` -- the same graph from its Parquet tables, without parsing;
* :func:`read_graph` / :func:`write_graph` -- a graph from / into a build folder;
* :func:`graph_summary` -- its counts and most cited instruments;
* :func:`sync_graph` -- the graph into Neo4j;
* :func:`load_catalog` -- the catalog of known instruments resolution uses.

Names load on first use, so ``import graphbuild`` stays light and never imports the
Neo4j driver.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

_EXPORTS = {
    "get_citations": "graphbuild.api", "resolve_citations": "graphbuild.api",
    "load_catalog": "graphbuild.api",
    "build_corpus": "graphbuild.build", "build_from_tables": "graphbuild.build", "read_graph": "graphbuild.build", "write_graph": "graphbuild.build",
    "graph_summary": "graphbuild.build", "sync_graph": "graphbuild.build", "ALL_FORMATS": "graphbuild.build",
    "Citation": "graphbuild.models", "Document": "graphbuild.models",
    "Catalog": "graphbuild.resolve.catalog", "InputProblem": "graphbuild.corpus.inputs",
    "InputError": "graphbuild.corpus.inputs",
}
__all__ = sorted(_EXPORTS) + ["__version__"]

if TYPE_CHECKING:
    from graphbuild.api import get_citations, load_catalog, resolve_citations
    from graphbuild.build import (ALL_FORMATS, build_corpus, build_from_tables, graph_summary, read_graph,
                                  sync_graph, write_graph)
    from graphbuild.corpus.inputs import InputError, InputProblem
    from graphbuild.models import Citation, Document
    from graphbuild.resolve.catalog import Catalog


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'graphbuild' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value             # next time: a plain attribute
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
