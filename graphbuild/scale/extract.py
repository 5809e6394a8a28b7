"""The library side of ``graphbuild extract``: every citation of a corpus, one record each.

:func:`extract_records` runs the parser over ``jobs`` processes that read their own share
of the input (:func:`graphbuild.scale.local.map_items`) and yields, per document in input
order, the finished output: JSONL or CSV text, Parquet rows (:mod:`graphbuild.tables`) or
records for a table.  The output is the same for any ``jobs``.
"""

from __future__ import annotations

import csv
import io
from json.encoder import encode_basestring     # what json.dumps(ensure_ascii=False) writes a str with
from typing import Callable, Iterable, Iterator

from graphbuild.corpus.inputs import DuplicateIds, InputError, InputProblem, to_document
from graphbuild.corpus.records import json_lines
from graphbuild.models import CITATION_FIELDS
from graphbuild.parse.find import get_citations, load_default_tokenizer
from graphbuild.scale.local import map_items

OUTPUT_FIELDS = ("doc",) + CITATION_FIELDS
FORMATS = ("jsonl", "csv", "table", "json", "parquet")
_WORKER: dict = {}


def extract_records(paths: Iterable[str], format: str, report: Callable[[InputProblem], None], jobs: int = 1,
                    on_duplicate: str = "error", stdin_format: str = "auto",
                    progress: Callable[[int], None] | None = None) -> Iterator[tuple]:
    """``(output, characters, records)`` per document: ``output`` is JSONL (``format`` jsonl: UTF-8
    bytes, or text when it was written in Python, see :func:`jsonl_lines`) or CSV text (csv), a
    list of ``citations`` rows (parquet) or empty (table and json, whose records are dicts).
    ``progress`` is called with the input bytes of each item."""
    if format not in FORMATS:
        raise ValueError(f"unknown format {format!r}; choose from {', '.join(FORMATS)}")
    load_default_tokenizer()            # once, before the workers fork: they share it
    results = map_items(extract_item, paths, report, jobs, initializer=_init_worker,
                        initkwargs={"format": format}, stdin_format=stdin_format, progress=progress)
    return DuplicateIds(on_duplicate, report).filter_results(results)


def _init_worker(**state) -> None:
    _WORKER.clear()
    _WORKER.update(state)


def extract_item(item):
    """``(problem, (id, path, line), (output, characters, records))`` for one raw item."""
    try:
        doc = to_document(item, utf8=True)
    except InputError as exc:
        return exc.problem, None, None
    citations = get_citations(doc.text, utf8=doc.utf8)
    ident, fmt = (doc.id, item.path, item.line), _WORKER.get("format", "jsonl")
    if fmt == "jsonl":
        return None, ident, (jsonl_lines(doc.id, citations), len(doc.text), [])
    if fmt == "parquet":
        from graphbuild.tables.rows import citation_rows
        return None, ident, (citation_rows(doc, item.line, citations), len(doc.text), [])
    records = [{"doc": doc.id, **c.to_dict()} for c in citations]
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=OUTPUT_FIELDS, lineterminator="\n")
        writer.writerows({k: ("" if v is None else v) for k, v in r.items()} for r in records)
        return None, ident, (out.getvalue(), len(doc.text), [])
    return None, ident, ("", len(doc.text), records)


def jsonl_text(doc_id: str, citations) -> str:
    """The JSONL lines of a document's citations: byte for byte ``json.dumps({"doc": id,
    **c.to_dict()}, ensure_ascii=False)`` per citation, without building the dicts (one
    f-string a line is twice as fast as joining the fields in a loop)."""
    if not citations:
        return ""
    head = '{"doc": ' + _str(doc_id) + ', "start": '
    return "".join([
        f'{head}{c.start}, "end": {c.end}, "text": {_str(c.text)}, "kind": {_str(c.kind)}, '
        f'"type": {_opt(c.type)}, "number": {_opt(c.number)}, "symbol": {_opt(c.symbol)}, '
        f'"year": {"null" if c.year is None else int(c.year)}, "date": {_opt(c.date)}, '
        f'"issuer": {_opt(c.issuer)}, "term": {_opt(c.term)}, "subject": {_opt(c.subject)}, '
        f'"id": {_str(c.id)}}}\n'
        for c in citations])


def jsonl_lines(doc_id: str, citations) -> bytes | str:
    """:func:`jsonl_text` in UTF-8, written in C (graphbuild/corpus/records.py); the text itself
    when there is no C writer or a value is not its to write."""
    if not citations:
        return b""
    if json_lines is not None:
        try:        # an id that UTF-8 cannot hold (graphbuild's readers make none): the stream's errors decide
            head = f'{{"doc": {_str(doc_id)}, '.encode("utf-8")
        except UnicodeEncodeError:
            return jsonl_text(doc_id, citations)
        lines = json_lines(head, citations, CITATION_FIELDS)
        if lines is not None:
            return lines
    return jsonl_text(doc_id, citations)


def _opt(value: str | None) -> str:
    return "null" if value is None else _str(value)


# A field added to CITATION_FIELDS must be added to the line above: tests/test_scale_cli.py
# compares it with json.dumps of to_dict() for every field.
_str = encode_basestring
