"""Any text round-trips through every export format with its evidence intact (hypothesis).

A document made of arbitrary text around a citation goes through the real pipeline
(parse, resolve, the graph builder); its graph is then written as GraphML, GEXF, JSON,
neo4j-admin CSV and Cypher and read back with each format's own reader: the evidence
(document, start, end, sentence) comes back exactly, in every format, and its offsets still
slice the citation out of the original text.  Other strings come back exactly where the
format can carry them (JSON, CSV, Cypher) and one character for one where XML cannot
(U+FFFD for a control character, U+FFFE or U+FFFF).
"""

from __future__ import annotations

import csv
import io
import json
import re

import networkx as nx
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from graphbuild.db.model import evidence_strings
from graphbuild.export import formats
from graphbuild.export.neo4j_csv import csv_tables
from graphbuild.export.nodelink import read_json
from graphbuild.export.flatten import xml_safe
from graphbuild.graph.builder import GraphBuilder
from graphbuild.models import Document
from graphbuild.pipeline import analyse_document
from graphbuild.resolve.catalog import Catalog

CATALOG = Catalog.load()
CITATION = "Nghị quyết số 49-NQ/TW"
# Any character a decoded input can hold (a lone surrogate cannot: readers replace it).
ANY_TEXT = st.text(st.characters(exclude_categories=("Cs",)), max_size=60)
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _graph(before: str, after: str, title: str) -> tuple[nx.MultiDiGraph, str]:
    text = f"{before} {CITATION} {after}"
    doc = Document(id="d" + title[:8], text=text, path="p", title=title or None)
    builder = GraphBuilder()
    builder.add(analyse_document(doc, CATALOG))
    return builder.finish(), text


def _evidence(g) -> list[list[dict]]:
    return sorted((d.get("evidence") or [] for *_, d in g.edges(data=True)), key=json.dumps)


def _written(g, fmt: str) -> bytes:
    out = io.BytesIO()
    formats.write(g, fmt, out)
    return out.getvalue()


_LITERAL = re.compile(r"'((?:[^'\\]|\\.)*)'", re.S)
_UNESCAPE = {"\\\\": "\\", "\\'": "'", "\\n": "\n", "\\r": "\r"}


def _cypher_strings(literals: str) -> list[str]:
    return [re.sub(r"\\[\\'nr]", lambda m: _UNESCAPE[m.group()], m.group(1)) for m in _LITERAL.finditer(literals)]


def _cypher_evidence(script: str) -> list[list[str]]:
    found = []
    for match in re.finditer(r"`evidence`: \[((?:'(?:[^'\\]|\\.)*'(?:, )?)*)\]", script, re.S):
        found.append(_cypher_strings(match.group(1)))
    return found


@SETTINGS
@given(ANY_TEXT, ANY_TEXT, ANY_TEXT)
@example(before="", after="", title="\r")       # a lone CR: csv.writer left it unquoted (found by hypothesis)
def test_any_text_round_trips_through_every_format_with_its_evidence(before, after, title):
    g, text = _graph(before, after, title)
    evidence = _evidence(g)
    assert evidence and all(text[e["start"]:e["end"]] == CITATION for samples in evidence for e in samples)

    back = read_json(io.BytesIO(_written(g, "json")))                               # JSON: all of it
    assert _evidence(back) == evidence and _written(back, "json") == _written(g, "json")
    title = next(a["title"] for _, a in g.nodes(data=True) if a["label"] == "Document")

    for fmt, reader in (("graphml", nx.read_graphml), ("gexf", nx.read_gexf)):
        back = reader(io.BytesIO(_written(g, fmt)))
        got = sorted((json.loads(d.get("evidence", "[]")) for *_, d in back.edges(data=True)), key=json.dumps)
        assert got == evidence, fmt
        titles = [a.get("title") for _, a in back.nodes(data=True) if a.get("node_type", a.get("label")) == "Document"]
        assert titles == [xml_safe(title) if title else None], fmt

    tables = csv_tables(g)
    delimiter = chr(int(re.search(r"--array-delimiter=U\+([0-9A-F]{4})", tables["import.sh"]).group(1), 16))
    rows = list(csv.DictReader(io.StringIO(tables["rels_Document_Instrument.csv"], newline="")))
    got = sorted(r["evidence:string[]"].split(delimiter) for r in rows if r["evidence:string[]"])
    assert got == sorted(evidence_strings(samples) for samples in evidence if samples)
    doc_rows = list(csv.DictReader(io.StringIO(tables["nodes_Document.csv"], newline="")))
    assert [r.get("title", "") for r in doc_rows] == [title or ""]

    script = _written(g, "cypher").decode("utf-8")
    assert sorted(_cypher_evidence(script)) == sorted(evidence_strings(s) for s in evidence if s)
    if title:
        assert title in _cypher_strings(script)
