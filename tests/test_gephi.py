"""The GEXF and GraphML exports opened by Gephi itself (the Gephi Toolkit 0.10.1, headless:
tests/gephi_check, built by scripts/install_gephi.sh; not built is an error, never a skip).

Every node and edge Gephi holds after the import is compared with the flattened graph
(graphbuild/export/flatten.py), value for value, on the seeds and 400 bulk documents.
"""

from __future__ import annotations

import gzip
import json
import shutil
import subprocess
from collections import Counter
from itertools import islice
from pathlib import Path

import pytest

from graphbuild import build_corpus
from graphbuild.export import flatten
from graphbuild.export.formats import write_into

from .conftest import REPO, shared_path

CHECK = REPO / "tests" / "gephi_check" / "target"


@pytest.fixture(scope="module")
def opened(tmp_path_factory):
    """``(flat graph, {format: what Gephi holds})``."""
    if not (CHECK / "classes" / "ImportCheck.class").exists():
        pytest.fail("the Gephi import check is not built: run scripts/install_gephi.sh (scripts/test.sh does)")
    if shutil.which("java") is None:
        pytest.fail("java not found: the Gephi import check needs Java 17+")
    tmp = tmp_path_factory.mktemp("gephi")
    corpus = tmp / "bulk.jsonl"
    with gzip.open(shared_path("bulk.jsonl.gz"), "rb") as f:
        corpus.write_bytes(b"".join(islice(f, 400)))
    g = build_corpus([shared_path("seeds"), corpus], jobs=1)
    files = {fmt: write_into(g, fmt, tmp) for fmt in ("gexf", "graphml")}
    done = subprocess.run(["java", "-Djava.awt.headless=true", f"-Dnetbeans.user={tmp / 'netbeans'}",
                           "-cp", f"{CHECK / 'classes'}:{CHECK / 'lib' / '*'}", "ImportCheck",
                           *map(str, files.values())],
                          capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    results = [json.loads(line) for line in done.stdout.splitlines() if line.startswith("{")]
    by_file = {r["file"]: r for r in results}
    return flatten.flat_graph(g), {fmt: by_file[str(path)] for fmt, path in files.items()}


def _same_value(gephi, ours) -> bool:
    return gephi == ours and type(gephi) is type(ours)


def _check_values(gephi_values: dict, ours: dict, column, what: str) -> None:
    for name, value in ours.items():
        col = column(name)
        if col is None:
            continue
        assert _same_value(gephi_values.get(col), value), f"{what}: {name} is {gephi_values.get(col)!r} in Gephi"


def test_gephi_reads_both_files_without_an_issue(opened):
    _, gephi = opened
    for fmt, result in gephi.items():
        assert "error" not in result, (fmt, result.get("error"))
        assert [i for i in result["issues"] if not i.startswith("INFO")] == [], fmt


def test_gephi_holds_every_node_with_every_value(opened):
    flat, gephi = opened
    for fmt, result in gephi.items():
        nodes = {n["values"]["id"]: n["values"] for n in result["nodes"]}
        assert set(nodes) == set(flat.nodes), fmt
        # GEXF's start and end are the node's interval on Gephi's timeline, not columns
        timeline = ("start", "end") if fmt == "gexf" else ()
        for n, attrs in flat.nodes(data=True):
            _check_values(nodes[n], attrs, lambda k: None if k in timeline else k, f"{fmt} node {n}")
        assert result["node_columns"]["year"] == "Long" and result["node_columns"]["title"] == "String", fmt


def test_gephi_keeps_every_relation_of_a_pair_from_gexf(opened):
    # GEXF 1.3's edge kind is Gephi's edge type: two relations of one pair stay two edges.
    flat, gephi = opened
    assert sum(n - 1 for n in Counter((u, v) for u, v in flat.edges()).values()) > 0   # there are such pairs
    edges = {(e["source"], e["target"], e["kind"]): e for e in gephi["gexf"]["edges"]}
    assert len(edges) == len(gephi["gexf"]["edges"]) == flat.number_of_edges()
    for u, v, k, attrs in flat.edges(keys=True, data=True):
        edge = edges[(u, v, attrs["relation"])]
        assert edge["directed"] is True
        _check_values(edge["values"], attrs, lambda k: None if k in ("start", "end") else k, f"edge {u} {k} {v}")


def test_gephi_merges_the_relations_of_a_pair_from_graphml(opened):
    # GraphML has no edge type Gephi reads: it keeps one edge per pair (README says: use GEXF).
    flat, gephi = opened
    pairs = Counter((u, v) for u, v in flat.edges())
    edges = {(e["source"], e["target"]): e for e in gephi["graphml"]["edges"]}
    assert len(edges) == len(gephi["graphml"]["edges"]) == len(pairs)
    for u, v, k, attrs in flat.edges(keys=True, data=True):
        if pairs[(u, v)] == 1:
            column = {"label": "label", "weight": "weight"}
            _check_values(edges[(u, v)]["values"], attrs, lambda k: column.get(k, f"edge_{k}"), f"edge {u} {k} {v}")

