"""The library façade (graphbuild.api, graphbuild.build), exported from ``graphbuild``.

It does what the command line does (the same graph as ``graphbuild build``), reports bad
input the way it says, keeps its docstrings in the compiled build, and ``import graphbuild``
stays light (no NetworkX for a program that only parses, never the Neo4j driver).
"""

from __future__ import annotations

import inspect
import json
import os
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest

import graphbuild
from graphbuild.corpus.inputs import InputError

from .conftest import REPO, shared_path

SAMPLE = REPO / "data" / "corpus"
VERBS = ("get_citations", "resolve_citations", "load_catalog", "build_corpus", "read_graph",
         "write_graph", "graph_summary", "sync_graph")


def graph_json(g, tmp_path: Path, name: str) -> bytes:
    out = tmp_path / name
    graphbuild.write_graph(g, out, formats=("json",))
    return (out / "graph.json").read_bytes()


# --- what it exports, and its documentation ------------------------------------------------

def test_every_public_name_is_exported_and_documented():
    assert set(VERBS) <= set(graphbuild.__all__)
    for name in graphbuild.__all__:
        value = getattr(graphbuild, name)
        if callable(value):
            assert (value.__doc__ or "").strip(), f"graphbuild.{name} has no docstring"
    for name in VERBS:
        assert len(inspect.getdoc(getattr(graphbuild, name))) > 80, name
    with pytest.raises(AttributeError):
        graphbuild.no_such_name


def test_every_parameter_of_a_verb_is_documented():
    for name in VERBS:
        function = getattr(graphbuild, name)
        doc = inspect.getdoc(function)
        for parameter in inspect.signature(function).parameters:
            assert f"``{parameter}``" in doc, f"{name}: parameter {parameter} not in its docstring"


def test_py_typed_is_shipped():
    assert (REPO / "graphbuild" / "py.typed").exists()
    assert '"py.typed"' in (REPO / "pyproject.toml").read_text(encoding="utf-8")


_COMPILED_CHECK = """
import json, sys, pathlib
import graphbuild, graphbuild.parse.find as find
names = {name: (getattr(graphbuild, name).__doc__ or "") for name in graphbuild.__all__
         if callable(getattr(graphbuild, name))}
print(json.dumps({"compiled": not find.__file__.endswith(".py"), "docs": names,
                  "typed": (pathlib.Path(graphbuild.__file__).parent / "py.typed").exists(),
                  "symbols": [c.symbol for c in graphbuild.get_citations("Nghị quyết số 49-NQ/TW")]}))
"""


@pytest.mark.skipif(not os.environ.get("GRAPHBUILD_COMPILED_DIR"),
                    reason="no compiled build (scripts/test.sh makes one)")
def test_docstrings_and_py_typed_survive_the_compiled_build(tmp_path):
    env = {**os.environ, "PYTHONPATH": os.environ["GRAPHBUILD_COMPILED_DIR"]}
    done = subprocess.run([sys.executable, "-c", _COMPILED_CHECK], capture_output=True, text=True,
                          env=env, cwd=tmp_path, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    got = json.loads(done.stdout)
    if not got["compiled"]:
        pytest.skip("the compiled build fell back to pure Python (no C compiler)")
    assert got["symbols"] == ["49-NQ/TW"]
    assert got["typed"]
    assert set(VERBS) <= set(got["docs"])
    assert [name for name, doc in got["docs"].items() if not doc.strip()] == []


def test_import_graphbuild_is_light():
    code = ("import sys, graphbuild; graphbuild.get_citations('Luật Đất đai năm 2013'); "
            "light = 'networkx' not in sys.modules; graphbuild.build_corpus; graphbuild.sync_graph; "
            "print(light, 'neo4j' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                          env={**os.environ, "PYTHONPATH": str(REPO)})
    assert done.stdout.split() == ["True", "False"]


# --- build_corpus does what `graphbuild build` does ----------------------------------------

def test_build_corpus_makes_the_graph_the_cli_makes(tmp_path):
    from typer.testing import CliRunner
    from graphbuild.cli import app

    result = CliRunner().invoke(app, ["build", str(SAMPLE), "-o", str(tmp_path / "cli"), "-j", "1",
                                      "--formats", "json", "-q"])
    assert result.exit_code == 0, result.output
    g = graphbuild.build_corpus(SAMPLE, jobs=1)
    assert graph_json(g, tmp_path, "api") == (tmp_path / "cli" / "graph.json").read_bytes()


def test_build_corpus_is_the_same_for_any_number_of_jobs(tmp_path):
    one = graphbuild.build_corpus([SAMPLE], jobs=1)
    two = graphbuild.build_corpus([str(SAMPLE)], jobs=2)
    assert graph_json(one, tmp_path, "one") == graph_json(two, tmp_path, "two")
    assert one.number_of_nodes() > 20


def test_build_corpus_reports_problems_and_goes_on(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\xff\xfe\x00binary")
    problems, documents, sizes = [], [], []
    g = graphbuild.build_corpus([bad, SAMPLE, tmp_path / "missing.txt"], jobs=1, on_problem=problems.append,
                                on_document=documents.append, progress=sizes.append)
    assert [p.path for p in problems] == [str(bad), str(tmp_path / "missing.txt")]
    assert "no such file" in problems[1].message
    docs = [a for _, a in g.nodes(data=True) if a["label"] == "Document"]
    assert len(docs) == len(documents) > 3
    assert sum(sizes) == bad.stat().st_size + sum(
        p.stat().st_size for p in SAMPLE.rglob("*") if p.suffix in (".txt", ".md", ".jsonl"))


def test_build_corpus_raises_on_the_first_problem_without_a_handler(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        graphbuild.build_corpus([tmp_path / "missing.txt", SAMPLE], jobs=1)


def test_build_corpus_update_adds_only_new_documents_and_leaves_the_given_graph_alone(tmp_path):
    texts = sorted(SAMPLE.glob("*.txt"))
    assert len(texts) >= 2
    first = graphbuild.build_corpus(texts[:1], jobs=1)
    before = graph_json(first, tmp_path, "before")
    parsed = []
    both = graphbuild.build_corpus(texts[:2], jobs=1, update=first, on_document=parsed.append)
    assert [r.doc_id for r in parsed] == [texts[1].name]          # a file: its name under the root
    assert graph_json(first, tmp_path, "after") == before          # copied, not changed
    assert {texts[0].name, texts[1].name} <= {a.get("doc_id") for _, a in both.nodes(data=True)}
    graphbuild.write_graph(first, tmp_path / "saved", formats=("json",))
    again = []
    same = graphbuild.build_corpus(texts[:1], jobs=1, update=tmp_path / "saved", on_document=again.append)
    assert again == [] and graph_json(same, tmp_path, "same") == before


def test_catalog_choices():
    empty = graphbuild.Catalog()
    assert graphbuild.load_catalog(empty) is empty
    assert len(graphbuild.load_catalog()) > len(empty)
    with pytest.raises((OSError, ValueError)):
        graphbuild.load_catalog(REPO / "no-such-catalog.json")


# --- write_graph, read_graph ----------------------------------------------------------------

def test_write_graph_writes_every_format_and_reads_back(sample_graph, tmp_path):
    written = []
    info = graphbuild.write_graph(sample_graph, tmp_path / "out", on_format=written.append)
    assert written == list(graphbuild.ALL_FORMATS)
    names = {p.name for p in (tmp_path / "out").iterdir()}
    assert names == {"graph.graphml", "graph.gexf", "graph.json", "csv", "graph.cypher", "graph.html",
                     "tables", "summary.json"}
    assert json.loads((tmp_path / "out" / "summary.json").read_text(encoding="utf-8")) == info
    assert info == graphbuild.graph_summary(sample_graph)
    back = graphbuild.read_graph(tmp_path / "out")
    assert content(back) == content(sample_graph)


def content(g):
    """Every node and edge with its attributes (a missing value and None are the same)."""
    def kept(attrs):
        return {k: v for k, v in attrs.items() if v is not None}
    return ({n: kept(a) for n, a in g.nodes(data=True)},
            {(u, v, k): kept(a) for u, v, k, a in g.edges(keys=True, data=True)})


def test_write_graph_refuses_an_unknown_format_before_writing(sample_graph, tmp_path):
    with pytest.raises(ValueError, match="unknown format"):
        graphbuild.write_graph(sample_graph, tmp_path / "out", formats=("json", "pdf"))
    assert not (tmp_path / "out").exists()


def test_read_graph_errors(tmp_path):
    with pytest.raises(FileNotFoundError):
        graphbuild.read_graph(tmp_path)
    (tmp_path / "graph.json").write_text("[1, 2]", encoding="utf-8")
    with pytest.raises(ValueError, match="not a graphbuild graph"):
        graphbuild.read_graph(tmp_path / "graph.json")


# --- the text verbs ---------------------------------------------------------------------------

def test_get_and_resolve_citations():
    text = "Thực hiện Nghị quyết số 27-NQ/TW ngày 09/11/2022 của Ban Chấp hành Trung ương."
    citations = graphbuild.get_citations(text)
    assert [text[c.start:c.end] for c in citations] == [c.text for c in citations]
    mentions = graphbuild.resolve_citations(citations, doc_date="2023-01-05")
    assert [(m.key, m.status) for m in mentions] == [("27-NQ/TW@2022", "resolved")]


# --- sync_graph: errors are one line, without the password -----------------------------------

def test_sync_graph_refuses_a_bad_uri(sample_graph):
    from graphbuild.db.errors import Neo4jSyncError

    with pytest.raises(Neo4jSyncError, match="use one of"):
        graphbuild.sync_graph(sample_graph, "http://localhost:7474", password="s3cr3t-pw")


def test_sync_graph_connection_error_hides_the_password(sample_graph):
    from graphbuild.db.errors import Neo4jSyncError

    with pytest.raises(Neo4jSyncError) as caught:
        graphbuild.sync_graph(sample_graph, "bolt://127.0.0.1:9", password="s3cr3t-pw")
    message = str(caught.value)
    assert "s3cr3t-pw" not in message and "\n" not in message and message


def test_build_corpus_duplicate_ids(tmp_path):
    corpus = tmp_path / "c.jsonl"
    corpus.write_text('{"id": "a", "text": "Nghị quyết số 49-NQ/TW"}\n'
                      '{"id": "a", "text": "Kết luận số 84-KL/TW ngày 29/7/2020"}\n', encoding="utf-8")
    with pytest.raises(InputError, match="duplicate id 'a'"):
        graphbuild.build_corpus(corpus, jobs=1)
    for policy, symbol in (("first", "49-NQ/TW"), ("last", "84-KL/TW")):
        g = graphbuild.build_corpus(corpus, jobs=1, on_duplicate=policy)
        assert {a.get("symbol") for _, a in g.nodes(data=True) if a["label"] == "Instrument"} == {symbol}
