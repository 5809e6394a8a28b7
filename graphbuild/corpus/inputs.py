"""Read documents from files, directories, JSONL corpora and stdin.

Every problem with an input (not UTF-8, binary, empty, a malformed JSONL line,
a missing file) becomes an :class:`InputProblem` reported to ``on_problem``;
the other inputs are still read.  Nothing here prints: the CLI decides.
"""

from __future__ import annotations

import codecs
import gzip
import io
import os
import re
import json
import sys
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Iterator

from graphbuild.corpus.inflate import InflateError, open_gzip
from graphbuild.corpus.records import read_record
from graphbuild.fileio import json_problem, unicode_name
from graphbuild.models import Document
from graphbuild.resolve.dates import parse_date


TEXT_SUFFIXES = (".txt", ".md")
JSONL_SUFFIXES = (".jsonl", ".jsonl.gz")

# The largest JSONL record read (bytes of one line).  The bulk corpus's largest is 3.3 MB;
# a longer line is refused with its line number and never held whole in memory.
MAX_RECORD_BYTES = int(os.environ.get("GRAPHBUILD_MAX_RECORD_BYTES", 64 * 2**20))


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
    key: str | None = None           # the path relative to the corpus root: the id of a file

    @property
    def name(self) -> str:
        return self.key if self.key is not None else self.path


def to_document(item: RawItem, utf8: bool = False) -> Document:
    """Decode a raw item; raises :class:`InputError` for bad input.  ``utf8``: keep the text's
    UTF-8 when the reader has it (see :func:`parse_record`).  Names not in UTF-8: unicode_name."""
    if item.line is None:
        return Document(unicode_name(item.name), decode_text(item.data, item.path), unicode_name(item.path))
    return parse_record(item.data, item.path, item.line, item.name, utf8)


def iter_items(paths: Iterable[str], on_problem: Callable[[InputProblem], None] | None = None,
               stdin=None, stdin_format: str = "auto") -> Iterator[RawItem]:
    """Raw items from ``paths`` in a stable order; ``-`` reads standard input: one text, or a
    JSONL corpus (``stdin_format``: ``"auto"`` tells them apart, or ``"jsonl"``/``"text"``)."""
    report = on_problem or _raise
    if stdin_format not in STDIN_FORMATS:
        raise ValueError(f"stdin format {stdin_format!r}: choose from {', '.join(STDIN_FORMATS)}")
    for raw in paths:
        if raw == "-":
            stream = stdin if stdin is not None else sys.stdin.buffer
            yield from _stdin_items(stream.read(), report, stdin_format)
            continue
        path = Path(raw)
        # Ids of files are their paths relative to the corpus root (the folder given, or
        # the file's own folder), so "data/x", "./data/x" and "/abs/data/x" are one corpus.
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file() and is_input_file(p)):
                yield from _file_items(child, report, child.relative_to(path).as_posix())
        elif path.exists():
            yield from _file_items(path, report, path.name)
        else:
            report(InputProblem(raw, "no such file or directory"))


def iter_documents(paths: Iterable[str],
                   on_problem: Callable[[InputProblem], None] | None = None,
                   stdin=None, on_duplicate: str = "error", stdin_format: str = "auto") -> Iterator[Document]:
    """Documents from ``paths`` in a stable order; ``-`` reads standard input.

    A document id seen twice is handled by ``on_duplicate`` (see :class:`DuplicateIds`).
    """
    report = on_problem or _raise

    def documents():
        for item in iter_items(paths, report, stdin, stdin_format):
            try:
                doc = to_document(item)
            except InputError as exc:
                report(exc.problem)
                continue
            yield doc.id, item.path, item.line, doc

    yield from DuplicateIds(on_duplicate, report).filter(documents())


def input_size(paths: Iterable[str]) -> int | None:
    """How many bytes :func:`iter_items` will read from ``paths`` (a gzip file counts its
    uncompressed size, from its trailer): the total of a progress bar.  None when one of
    them is ``-`` (standard input has no size)."""
    total = 0
    for raw in paths:
        if raw == "-":
            return None
        path = Path(raw)
        files = sorted(p for p in path.rglob("*") if p.is_file() and is_input_file(p)) if path.is_dir() else [path]
        total += sum(_file_size(f) for f in files)
    return total


def _file_size(path: Path) -> int:
    try:
        if path.name.lower().endswith(".gz") and path.is_file():      # not a named pipe: its data would go
            with open(path, "rb") as f:
                f.seek(-4, os.SEEK_END)
                return int.from_bytes(f.read(4), "little")      # ISIZE: the size modulo 2**32
        return path.stat().st_size
    except OSError:
        return 0


#: What reading a corpus file may raise: a missing or unreadable file, a truncated or corrupt gzip.
READ_ERRORS = (OSError, EOFError, gzip.BadGzipFile, zlib.error, InflateError)


def open_corpus(path: str | Path):
    """A binary stream of a corpus file, inflated (by ISA-L, in a thread: :mod:`graphbuild.corpus.inflate`)
    when it ends in ``.gz``."""
    return open_gzip(path) if str(path).lower().endswith(".gz") else open(path, "rb")


def is_input_file(path: Path) -> bool:
    """Whether a file found in a folder is read: a text or JSONL corpus, not a hidden one."""
    name = path.name.lower()
    return name.endswith(TEXT_SUFFIXES + JSONL_SUFFIXES) and not name.startswith(".")


def _file_items(path: Path, report, key: str) -> Iterator[RawItem]:
    if path.name.lower().endswith(JSONL_SUFFIXES):
        yield from _jsonl_items(path, report, key)
        return
    if path.name.lower().endswith(".parquet"):         # a Parquet corpus: graphbuild.corpus.columnar
        yield from _parquet_items(path, report, key)
        return
    try:
        yield RawItem(str(path), path.read_bytes(), key=key)
    except OSError as exc:
        report(InputProblem(str(path), exc.strerror or str(exc)))


def _jsonl_items(path: Path, report, key: str) -> Iterator[RawItem]:
    try:
        with open_corpus(path) as f:
            yield from _jsonl_lines(f, str(path), report, key)
    except READ_ERRORS as exc:
        report(InputProblem(str(path), f"cannot read: {exc}"))


def _parquet_items(path: Path, report, key: str) -> Iterator[RawItem]:
    from graphbuild.corpus.columnar import parquet_records
    try:
        for line, data in parquet_records(str(path)):
            yield RawItem(str(path), data, line, key)
    except (OSError, ValueError) as exc:        # pyarrow's ArrowInvalid is a ValueError
        report(InputProblem(str(path), f"cannot read as Parquet: {exc}"))


def jsonl_stream_items(f, path: str, key: str, report, line_no: int = 0,
                       stop: Callable[[int], bool] | None = None) -> Iterator[RawItem]:
    """The records of an open binary JSONL stream, from line ``line_no + 1`` on, until ``stop(line
    number about to be read)`` is true or the stream ends (blank lines are counted, not yielded).
    A line over :data:`MAX_RECORD_BYTES` is reported and skipped without being held whole."""
    limit = MAX_RECORD_BYTES
    while not (stop is not None and stop(line_no + 1)) and (line := f.readline(limit + 1)):
        line_no += 1
        if len(line) > limit and not line.endswith(b"\n"):
            _skip_line(f, limit)
            report(InputProblem(path, f"record longer than the limit of {limit:,} bytes "
                                      "(GRAPHBUILD_MAX_RECORD_BYTES); skipped", line_no))
        elif not line.isspace():              # not blank (strip would copy the line)
            if not line.endswith(b"\n"):
                # The stream's end, or damage that cut this record off: then this read raises,
                # and the damage is reported once, not also as a malformed record.
                f.read(1)
            yield RawItem(path, line, line_no, key)


def _jsonl_lines(f, name: str, report, key: str | None) -> Iterator[RawItem]:
    records = 0
    for item in jsonl_stream_items(f, name, key, report):
        records += 1
        yield item
    if records == 0:
        report(InputProblem(name, "empty corpus (no JSON lines)"))


STDIN_FORMATS = ("auto", "jsonl", "text")


def looks_like_jsonl(data: bytes) -> bool:
    """Whether ``data`` starts with a JSONL record: its first non-blank line is a JSON
    object with a ``"text"`` string."""
    for line in io.BytesIO(data):
        if line.strip():
            try:
                record = json.loads(line)
            except (ValueError, RecursionError):
                return False
            return isinstance(record, dict) and isinstance(record.get("text"), str)
    return False


def _stdin_items(data: bytes, report, stdin_format: str) -> Iterator[RawItem]:
    if stdin_format == "jsonl" or (stdin_format == "auto" and looks_like_jsonl(data)):
        yield from _jsonl_lines(io.BytesIO(data), "-", report, None)
    else:
        yield RawItem("-", data)


def _skip_line(f, limit: int) -> None:
    """Read past the rest of an over-long line, a piece at a time."""
    while (piece := f.readline(limit + 1)) and not piece.endswith(b"\n"):
        pass


def parse_record(data: bytes, path: str, line_no: int, name: str | None = None, utf8: bool = False) -> Document:
    """One JSONL line as a Document: the one place where JSONL records are validated.

    Whatever the line holds (bad UTF-8, any ``json`` failure including integers over
    Python's digit limit and nesting deep enough to exhaust the recursion, a value that
    is not an object, a wrong type), the result is a Document or an :class:`InputError`
    naming the file and line, never another exception.  With ``utf8``, the Document keeps its
    text's UTF-8 when the C reader read the line (for a parser run at once: it doubles the size).
    """
    def bad(message: str) -> InputError:
        return InputError(InputProblem(path, message, line_no))

    if len(data) > MAX_RECORD_BYTES:
        raise bad(f"record longer than the limit of {MAX_RECORD_BYTES:,} bytes")
    # The common case is read in C (corpus/records.py): json's dict, and the text's UTF-8.
    fast = read_record(data) if read_record is not None and type(data) is bytes else None
    record, text_utf8 = fast if fast is not None else (_loads(data, bad), None)
    if not isinstance(record, dict):
        raise bad(f"record is a JSON {_json_type(record)}, not an object")
    text = record.get("text")
    if not isinstance(text, str):
        raise bad('record has no "text" string' if text is None
                  else f'"text" is a JSON {_json_type(text)}, not a string')
    doc_id = record.get("id")
    if isinstance(doc_id, bool) or not isinstance(doc_id, (str, int, type(None))):
        raise bad(f'"id" is a JSON {_json_type(doc_id)}, not a string or an integer')
    doc_id = str(doc_id) if doc_id not in (None, "") else unicode_name(f"{name or path}:{line_no}")
    meta = {k: v for k, v in record.items() if k not in ("id", "text") and isinstance(v, (str, int, float))
            and not isinstance(v, bool)}
    # "\ud800" in JSON: no character, and no UTF-8 writer takes it; keep offsets, show U+FFFD,
    # in the text and in every string kept (id, title...).  Only an escape makes one, so the
    # strings are searched only when the bytes hold one (a regex finds the rare backslash
    # 2.5x faster than two `in` tests, which stop at every "d" of the text); the C reader
    # leaves every record with such an escape to json.
    if fast is None and _ESCAPED_SURROGATE.search(data):
        text, doc_id = _no_surrogates(text), _no_surrogates(doc_id)
        meta = {_no_surrogates(k): _no_surrogates(v) if isinstance(v, str) else v for k, v in meta.items()}
    title = meta.get("title")
    return Document(id=doc_id, text=text, path=unicode_name(path), title=title if isinstance(title, str) else None,
                    date=parse_date(meta.get("date")), meta=meta, utf8=text_utf8 if utf8 else None)


def _no_surrogates(value: str) -> str:
    return _SURROGATE.sub("\ufffd", value) if _SURROGATE.search(value) else value


def _loads(data: bytes, bad):
    try:
        line = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise bad(f"not valid UTF-8 ({exc.reason} at byte {exc.start})")
    try:
        return json.loads(line)
    except json.JSONDecodeError as exc:
        raise bad(json_problem(exc, line=False))
    except RecursionError:
        raise bad("malformed JSON (nested too deeply)")
    except ValueError as exc:            # an integer over sys.get_int_max_str_digits() digits
        digits = sys.get_int_max_str_digits()
        raise bad(f"malformed JSON (an integer of more than {digits} digits)" if "digits" in str(exc)
                  else f"malformed JSON ({exc})")
    except MemoryError:
        raise bad("record too large to hold in memory")


def _json_type(value) -> str:
    return {dict: "object", list: "array", str: "string", bool: "boolean", type(None): "null",
            int: "number", float: "number"}.get(type(value), type(value).__name__)


DUPLICATE_POLICIES = ("error", "first", "last")


class DuplicateIds:
    """Applies ``--on-duplicate`` to a stream of results, each carrying its document id.

    ``error`` (the default): a later record with an id already seen is one problem naming
    both places, and is skipped.  ``first`` keeps the first silently; ``last`` keeps the
    last, at its own position, so it holds results back until the stream ends.
    """

    def __init__(self, policy: str = "error", report: Callable[[InputProblem], None] | None = None):
        if policy not in DUPLICATE_POLICIES:
            raise ValueError(f"--on-duplicate must be one of {', '.join(DUPLICATE_POLICIES)}, not {policy!r}")
        self.policy, self.report = policy, report or _raise
        self.seen: dict[str, str] = {}

    def filter(self, results: Iterable[tuple]) -> Iterator:
        """``(doc_id, path, line, payload)`` in, payloads out, minus the duplicates."""
        held: dict[str, object] = {}
        for doc_id, path, line, payload in results:
            where = f"{path}:{line}" if line is not None else path
            first = self.seen.setdefault(doc_id, where)
            if self.policy == "last":
                held.pop(doc_id, None)
                held[doc_id] = payload
            elif first is where:
                yield payload
            elif self.policy == "error":
                self.report(InputProblem(path, f"duplicate id {doc_id!r}, first seen at {first}; skipped "
                                               "(--on-duplicate first|last keeps one without an error)", line))
        yield from held.values()

    def filter_results(self, results: Iterable[tuple]) -> Iterator:
        """Worker results ``(problem, (doc_id, path, line), payload)`` in: each problem
        reported, the payloads out minus the duplicates."""
        def known():
            for problem, ident, payload in results:
                if problem is not None:
                    self.report(problem)
                else:
                    yield (*ident, payload)
        return self.filter(known())


_SURROGATE = re.compile("[\ud800-\udfff]")
_ESCAPED_SURROGATE = re.compile(rb"\\u[dD][89a-fA-F]")


def _raise(problem: InputProblem) -> None:
    raise InputError(problem)
