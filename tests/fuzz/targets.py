"""The fuzz targets: each takes bytes and either returns or raises the one exception its
input boundary promises for bad input.  Anything else (another exception, a broken
invariant) is a bug, and the input that caused it is kept under ``regressions/<target>/``.

``tests/fuzz/run.py`` drives these with atheris (coverage-guided); ``tests/test_fuzz.py``
replays every kept input and runs each target for a bounded time in CI.
"""

from __future__ import annotations

import io
import os
import tempfile
import xml.dom.minidom

from graphbuild.corpus.inputs import InputError, InputProblem, iter_items, parse_record, to_document
from graphbuild.export import formats
from graphbuild.export.nodelink import read_json
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
    (GraphML and GEXF well-formed XML)."""
    try:
        g = read_json(io.BytesIO(data))
    except GraphFormatError as exc:
        assert "\n" not in str(exc), str(exc)
        return
    for fmt in formats.format_names():
        out = io.BytesIO()
        formats.write(g, fmt, out)
        if fmt in ("graphml", "gexf"):
            xml.dom.minidom.parseString(out.getvalue())


TARGETS = {"jsonl": jsonl_record, "text": text_file, "parser": parser, "graph": graph_reader}
