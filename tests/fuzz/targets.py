"""The fuzz targets: each takes bytes and either returns or raises the one exception its
input boundary promises for bad input.  Anything else (another exception, a broken
invariant) is a bug, and the input that caused it is kept under ``regressions/<target>/``.

``tests/fuzz/run.py`` drives these with atheris (coverage-guided); ``tests/test_fuzz.py``
replays every kept input and runs each target for a bounded time in CI.
"""

from __future__ import annotations

import io
import json
import os
import tempfile
import xml.dom.minidom

from graphbuild.corpus.inputs import InputError, InputProblem, iter_items, parse_record, to_document
from graphbuild.export import formats
from graphbuild.export.nodelink import read_json, write_json
from graphbuild.graph.vocab import EDGES, EVIDENCE_FIELDS, NODES
from graphbuild.graph.schema import GraphFormatError
from graphbuild.parse.find import get_citations


_SCRATCH = tempfile.mkdtemp(prefix="graphbuild-fuzz-", dir="/dev/shm" if os.path.isdir("/dev/shm") else None)


def _read_file(name: str, data: bytes) -> list:
    """``data`` as the file ``name``, read the way ``graphbuild`` reads its inputs: every
    item becomes a Document or one problem naming the file (and line)."""
    path = os.path.join(_SCRATCH, name)
    with open(path, "wb") as f:
        f.write(data)
    problems: list[InputProblem] = []
    docs = []
    for item in iter_items([path], problems.append):
        try:
            docs.append(to_document(item))
        except InputError as exc:
            problems.append(exc.problem)
    for problem in problems:
        assert problem.path == path and "\n" not in problem.message, problem
    for doc in docs:                    # a JSONL record may have an empty text, a file may not
        assert isinstance(doc.id, str) and isinstance(doc.text, str) and (doc.text or name != "fuzz.txt")
    return docs


def jsonl_record(data: bytes) -> None:
    """A JSONL corpus (gzip when it starts like one): one record a line, each a Document or
    one problem with its line number; and the first line alone through ``parse_record``."""
    _read_file("fuzz.jsonl.gz" if data[:2] == b"\x1f\x8b" else "fuzz.jsonl", data)
    try:
        doc = parse_record(data.split(b"\n", 1)[0], "fuzz.jsonl", 1)
    except InputError as exc:
        assert str(exc).startswith("fuzz.jsonl:1: ") and "\n" not in str(exc), str(exc)
        return
    assert isinstance(doc.id, str) and isinstance(doc.text, str)


def text_file(data: bytes) -> None:
    """The bytes of a text file: a Document (UTF-8, BOM, UTF-16) or one problem."""
    _read_file("fuzz.txt", data)


def parser(data: bytes) -> None:
    """Any text: citations whose offsets index the text itself, in order."""
    text = data.decode("utf-8", "replace")
    last = 0
    for c in get_citations(text):
        assert 0 <= c.start < c.end <= len(text), (c.start, c.end)
        assert text[c.start:c.end] == c.text, (c.text, text[c.start:c.end])
        assert c.start >= last, "citations out of order"
        last = c.start


def graph_reader(data: bytes) -> None:
    """A graph.json: refused with a GraphFormatError, or a graph that every export writes
    (GraphML and GEXF well-formed XML) and that reads back the same.  Input not starting
    with ``{`` builds a schema-shaped graph from the bytes (labels, properties and texts
    drawn from them), so the writers see odd but valid graphs too."""
    if not data.startswith(b"{"):
        data = json.dumps(shaped_graph(data), ensure_ascii=False).encode("utf-8", "surrogatepass")
    try:
        g = read_json(io.BytesIO(data))
    except GraphFormatError as exc:
        assert "\n" not in str(exc), str(exc)
        return
    once, twice = io.BytesIO(), io.BytesIO()
    write_json(g, once)
    write_json(read_json(io.BytesIO(once.getvalue())), twice)
    assert once.getvalue() == twice.getvalue()
    for fmt in formats.format_names():
        out = io.BytesIO()
        formats.write(g, fmt, out)
        if fmt in ("graphml", "gexf"):
            xml.dom.minidom.parseString(out.getvalue())


def shaped_graph(data: bytes) -> dict:
    """A graph.json object of the schema's shape whose texts and numbers come from ``data``."""
    rng = _Bytes(data)
    nodes, ids = [], {label: [] for label in NODES}
    for i in range(rng.int(1, 6)):
        kind = NODES[rng.pick(list(NODES))]
        node = {"label": kind.label, "doc_id": rng.text(), "key": rng.text(), "name": rng.text(), "status": "resolved",
                "chars": rng.int(0, 9), "citations": 0, "mentions": 1, "documents": 1, "variants": [rng.text()]}
        node = {k: v for k, v in node.items() if kind.property(k) is not None or k == "label"}
        for prop in kind.properties:
            if prop.name not in node and rng.int(0, 3) == 0:
                node[prop.name] = ([rng.text()] if prop.is_list else rng.int(-2, 3000) if prop.type is int else rng.text())
        node["id"] = kind.prefix + str(node.get("doc_id", node.get("key", f"n{i}")))
        if node["id"] not in {n["id"] for n in nodes}:
            nodes.append(node)
            ids[kind.label].append(node["id"])
    edges = []
    for _ in range(rng.int(0, 6)):
        kind = rng.pick(list(EDGES))
        if ids[kind.source] and ids[kind.target]:
            evidence = [{"doc": rng.text(), "start": rng.int(0, 99), "end": rng.int(0, 99), "sentence": rng.text(),
                         "rule": rng.text()} for _ in range(rng.int(0, 2))]
            edges.append({"source": rng.pick(ids[kind.source]), "target": rng.pick(ids[kind.target]),
                          "key": kind.type, "type": kind.type, "count": rng.int(1, 5), "evidence": evidence})
    assert set(EVIDENCE_FIELDS) >= {"doc", "start", "end", "sentence", "rule"}
    return {"format": "graphbuild-graph", "version": 1, "nodes": nodes, "edges": edges}


class _Bytes:
    """Choices drawn from the fuzzer's bytes (zeros once they run out)."""

    def __init__(self, data: bytes):
        self.data, self.at = data, 0

    def _byte(self) -> int:
        self.at += 1
        return self.data[self.at - 1] if self.at <= len(self.data) else 0

    def int(self, low: int, high: int) -> int:
        return low + (self._byte() | self._byte() << 8) % (high - low + 1)

    def pick(self, items: list):
        return items[self.int(0, len(items) - 1)]

    def text(self) -> str:
        size = self.int(0, 12)
        piece = self.data[self.at:self.at + size * 2]
        self.at += size * 2
        return piece.decode("utf-16-le", "surrogatepass") if len(piece) % 2 == 0 else piece.decode("latin-1")


TARGETS = {"jsonl": jsonl_record, "text": text_file, "parser": parser, "graph": graph_reader}
