"""Read documents from files, directories, JSONL corpora and stdin.

Every problem with an input (not UTF-8, binary, empty, a malformed JSONL line,
a missing file) becomes an :class:`InputProblem` reported to ``on_problem``;
the other inputs are still read.  Nothing here prints: the CLI decides.
"""

from __future__ import annotations

import codecs
import gzip
import re
import json
import sys
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Iterator

from graphbuild.models import Document
from graphbuild.resolve.dates import parse_date

try:                       # ISA-L inflates gzip about 2.5x faster than zlib: the reading
    from isal import igzip as _gzip   # process of --jobs N does little else
    from isal.isal_zlib import error as _inflate_error
except ImportError:        # pragma: no cover - the standard library does the same, slower
    _gzip = gzip
    _inflate_error = zlib.error

TEXT_SUFFIXES = (".txt", ".md")
JSONL_SUFFIXES = (".jsonl", ".jsonl.gz")


@dataclass(frozen=True)
class InputProblem:
    path: str
    message: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line is not None else self.path
        return f"{where}: {self.message}"


class InputError(Exception):
    """Raised for a problem with one input when the caller wants exceptions."""

    def __init__(self, problem: InputProblem):
        super().__init__(str(problem))
        self.problem = problem


def decode_text(data: bytes, path: str) -> str:
    """Bytes of a text file as ``str``: UTF-8 (BOM allowed) or UTF-16 with a BOM.

    Raises :class:`InputError` for an empty, binary or undecodable file.
    """
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise InputError(InputProblem(path, f"not valid UTF-16 ({exc.reason} at byte {exc.start})"))
    else:
        if b"\x00" in data[:8192]:
            raise InputError(InputProblem(path, "binary file (NUL bytes), not text"))
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise InputError(InputProblem(
                path, f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start})"))
    if not text.strip():
        raise InputError(InputProblem(path, "empty file"))
    return text


@dataclass(frozen=True)
class RawItem:
    """One document still as bytes: a text file, or one line of a JSONL corpus.

    Decoding and JSON parsing happen in :func:`to_document`, which worker processes
    run, so the reading process only moves bytes.
    """

    path: str
    data: bytes
    line: int | None = None          # JSONL line number, None for a text file


def to_document(item: RawItem) -> Document:
    """Decode a raw item; raises :class:`InputError` for bad input."""
    if item.line is None:
        return Document(id=item.path, text=decode_text(item.data, item.path), path=item.path)
    try:
        line = item.data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(InputProblem(item.path, f"not valid UTF-8 ({exc.reason} at byte {exc.start})", item.line))
    return _jsonl_record(line, item.path, item.line)


def iter_items(paths: Iterable[str], on_problem: Callable[[InputProblem], None] | None = None,
               stdin=None) -> Iterator[RawItem]:
    """Raw items from ``paths`` in a stable order; ``-`` reads standard input."""
    report = on_problem or _raise
    for raw in paths:
        if raw == "-":
            stream = stdin if stdin is not None else sys.stdin.buffer
            yield RawItem("-", stream.read())
            continue
        path = Path(raw)
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file() and _wanted(p)):
                yield from _file_items(child, report)
        elif path.exists():
            yield from _file_items(path, report)
        else:
            report(InputProblem(raw, "no such file or directory"))


def iter_documents(paths: Iterable[str],
                   on_problem: Callable[[InputProblem], None] | None = None,
                   stdin=None) -> Iterator[Document]:
    """Documents from ``paths`` in a stable order; ``-`` reads standard input."""
    report = on_problem or _raise
    for item in iter_items(paths, report, stdin):
        try:
            yield to_document(item)
        except InputError as exc:
            report(exc.problem)


def _wanted(path: Path) -> bool:
    name = path.name.lower()
    return name.endswith(TEXT_SUFFIXES + JSONL_SUFFIXES) and not name.startswith(".")


def _file_items(path: Path, report) -> Iterator[RawItem]:
    if path.name.lower().endswith(JSONL_SUFFIXES):
        yield from _jsonl_items(path, report)
        return
    try:
        yield RawItem(str(path), path.read_bytes())
    except OSError as exc:
        report(InputProblem(str(path), exc.strerror or str(exc)))


def _jsonl_items(path: Path, report) -> Iterator[RawItem]:
    opener = _gzip.open if path.name.lower().endswith(".gz") else open
    records = 0
    try:
        with opener(path, "rb") as f:
            for line_no, line in enumerate(f, 1):
                if line.strip():
                    records += 1
                    yield RawItem(str(path), line, line_no)
        if records == 0:
            report(InputProblem(str(path), "empty corpus (no JSON lines)"))
    except (OSError, EOFError, gzip.BadGzipFile, zlib.error, _inflate_error) as exc:
        report(InputProblem(str(path), f"cannot read: {exc}"))


def _jsonl_record(line: str, path: str, line_no: int) -> Document:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise InputError(InputProblem(path, f"malformed JSON ({exc.msg} at column {exc.colno})", line_no))
    if not isinstance(record, dict) or not isinstance(record.get("text"), str):
        raise InputError(InputProblem(path, 'record has no "text" string', line_no))
    doc_id = record.get("id")
    doc_id = str(doc_id) if doc_id not in (None, "") else f"{path}:{line_no}"
    meta = {k: v for k, v in record.items() if k not in ("id", "text") and isinstance(v, (str, int, float))}
    text = record["text"]
    if _SURROGATE.search(text):          # "\ud800" in JSON: no character; keep offsets, show U+FFFD
        text = _SURROGATE.sub("\ufffd", text)
    return Document(id=doc_id, text=text, path=path, title=meta.get("title"),
                    date=parse_date(meta.get("date")), meta=meta)


_SURROGATE = re.compile("[\ud800-\udfff]")
def _raise(problem: InputProblem) -> None:
    raise InputError(problem)
