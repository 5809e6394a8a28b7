"""Split a corpus into shares that workers read themselves: the same records as
:func:`graphbuild.corpus.inputs.iter_items`, in the same order, with the same line numbers.

A :class:`Share` is a whole text file, a row group of a Parquet corpus
(:mod:`graphbuild.corpus.columnar`), a byte range of a ``.jsonl`` file (cut right after a
newline: the worker seeks to it), or part of a ``.jsonl.gz`` file: either a line range the
worker inflates and skips to (``gzip="lines"``, for a cluster: nothing but the plan travels)
or the inflated bytes themselves (``gzip="data"``, on one machine: the reading process
inflates once, at about 1 GB/s, and each worker gets its block in one message).

:func:`iter_shares` reads each JSONL file once, fast (bytes and newlines counted, nothing
decoded), and yields the shares as it goes, so workers start at once; every share knows its
first line number, so ids of records without one and problem messages are those of one
process.  A file's last share is marked ``last``: the reader of the results reports an
empty corpus there, as one process does.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Iterator

from graphbuild.corpus.columnar import PARQUET_SUFFIX, parquet_records, row_groups
from graphbuild.corpus.inputs import (JSONL_SUFFIXES, READ_ERRORS, InputProblem, RawItem, is_input_file,
                                      jsonl_stream_items, open_corpus)

TEXT, JSONL, JSONL_GZ, DATA, PARQUET, PROBLEM = "text", "jsonl", "jsonl.gz", "data", "parquet", "problem"
PARTITION_BYTES = 32 * 2**20          # of uncompressed text per partition
_BLOCK = 2**20


@dataclass(frozen=True, slots=True)
class Share:
    """One file, or a part of one: what one task reads."""

    kind: str                 # text | jsonl | jsonl.gz | data | parquet | problem
    path: str
    key: str                  # the path relative to the corpus root (see iter_items)
    start: int = 0            # jsonl: byte offset of the first line
    end: int = 0              # jsonl: byte offset after the last line
    first_line: int = 1       # line number of the share's first line
    last_line: int = 0        # jsonl.gz: the last line of the share
    size: int = 0             # uncompressed bytes
    last: bool = True         # the file's last share
    data: bytes = b""         # data: the lines themselves
    error: str = ""           # a problem the reader reports after this share's records

    @property
    def is_jsonl(self) -> bool:
        return self.kind in (JSONL, JSONL_GZ, DATA)

def iter_shares(paths: Iterable[str], share_bytes: int = PARTITION_BYTES, gzip: str = "lines") -> Iterator[Share]:
    """Shares of about ``share_bytes`` (a text file is one share), in input order.  A missing
    input is a share of kind ``problem`` whose reader reports it, in its place."""
    for raw in paths:
        path = Path(raw)
        if raw == "-":
            yield Share(PROBLEM, "-", "-", error="standard input cannot be shared out: give files")
        elif path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file() and is_input_file(p)):
                yield from _file_shares(child, child.relative_to(path).as_posix(), share_bytes, gzip)
        elif path.exists():
            yield from _file_shares(path, path.name, share_bytes, gzip)
        else:
            yield Share(PROBLEM, raw, raw, error="no such file or directory")


def plan(paths: Iterable[str], partition_bytes: int = PARTITION_BYTES, gzip: str = "lines") -> list[tuple[Share, ...]]:
    """:func:`iter_partitions` as a list (the whole plan, for a cluster's scheduler)."""
    return list(iter_partitions(paths, partition_bytes, gzip))


def iter_partitions(paths, partition_bytes: int = PARTITION_BYTES,
                    gzip: str = "lines") -> Iterator[tuple[Share, ...]]:
    """Shares grouped into partitions of about ``partition_bytes`` each (small files together)."""
    pending: list[Share] = []
    size = 0
    for share in iter_shares(paths, partition_bytes, gzip):
        if pending and size + share.size > partition_bytes:
            yield tuple(pending)
            pending, size = [], 0
        pending.append(share)
        size += share.size
    if pending:
        yield tuple(pending)


def _file_shares(path: Path, key: str, share_bytes: int, gzip: str) -> Iterator[Share]:
    name = path.name.lower()
    if name.endswith(PARQUET_SUFFIX):
        yield from _parquet_shares(path, key)
        return
    if not name.endswith(JSONL_SUFFIXES):
        try:
            yield Share(TEXT, str(path), key, size=path.stat().st_size)
        except OSError as exc:
            yield Share(PROBLEM, str(path), key, error=exc.strerror or str(exc))
        return
    compressed = name.endswith(".gz")
    kind = (DATA if gzip == "data" else JSONL_GZ) if compressed else JSONL
    start, line, error = 0, 1, ""
    for end, next_line, data, error in _cuts(path, share_bytes, keep=kind == DATA):
        if end > start:
            yield Share(kind, str(path), key, start, end, line, next_line - 1, end - start, data=data, last=False)
            start, line = end, next_line
        if error:
            break
    # The end: an empty share (where the reader of the results reports an empty corpus, as one
    # process does), with the read error met there, if any.
    yield Share(kind, str(path), key, start, start, line, line - 1, 0, error=error)


def _parquet_shares(path: Path, key: str) -> Iterator[Share]:
    """One share per row group; ``start`` is the row group, ``first_line`` its first row."""
    try:
        groups = row_groups(str(path))
    except (OSError, ValueError) as exc:
        yield Share(PROBLEM, str(path), key, error=f"cannot read as Parquet: {exc}")
        return
    for index, first, size in groups:
        yield Share(PARQUET, str(path), key, index, index + 1, first, first, size)


def _cuts(path: Path, share_bytes: int, keep: bool) -> Iterator[tuple[int, int, bytes, str]]:
    """``(byte offset, number of the next line, the bytes since the previous cut, "")`` after every
    ``share_bytes`` or so, each right after a newline; the bytes only when ``keep``.  A read error
    ends it with the bytes read until then and the error's message."""
    offset = newlines = since = open_bytes = 0      # open_bytes: the bytes after the last newline
    kept: list[bytes] = []
    error = ""
    try:
        with open_corpus(path) as f:
            while block := f.read(min(_BLOCK, max(share_bytes // 4, 4096))):
                cut = block.rfind(b"\n") if since + len(block) >= share_bytes else -1
                for piece in ((block[:cut + 1], block[cut + 1:]) if cut >= 0 else (block,)):
                    newlines += piece.count(b"\n")
                    offset += len(piece)
                    since += len(piece)
                    kept.append(piece) if keep else None
                    last_newline = piece.rfind(b"\n")
                    open_bytes = len(piece) - last_newline - 1 if last_newline >= 0 else open_bytes + len(piece)
                    if cut >= 0 and since:
                        yield offset, newlines + 1, b"".join(kept), ""
                        kept, since, cut = [], 0, -1
    except READ_ERRORS as exc:
        error = f"cannot read: {exc}"
    data = b"".join(kept)
    if error and open_bytes:         # the record the damage cut off: the error reports it (as one process does)
        offset, since = offset - open_bytes, since - open_bytes
        data = data[:len(data) - open_bytes] if keep else data
        open_bytes = 0
    if since or error:               # + 1 more: a last line without its newline
        yield offset, newlines + 1 + (open_bytes > 0), data, error


def share_items(share: Share, report: Callable[[InputProblem], None]) -> Iterator[RawItem]:
    """The raw items of one share: those :func:`~graphbuild.corpus.inputs.iter_items` gives for
    that part of the file, with the same paths, keys and line numbers."""
    if share.kind == PROBLEM:
        report(InputProblem(share.path, share.error))
        return
    if share.kind == PARQUET:
        try:
            for line, data in parquet_records(share.path, [(share.start, share.first_line, share.size)]):
                yield RawItem(share.path, data, line, share.key)
        except (OSError, ValueError) as exc:        # pyarrow's ArrowInvalid is a ValueError
            report(InputProblem(share.path, f"cannot read as Parquet: {exc}"))
        return
    if share.kind == TEXT:
        try:
            yield RawItem(share.path, Path(share.path).read_bytes(), key=share.key)
        except OSError as exc:
            report(InputProblem(share.path, exc.strerror or str(exc)))
        return
    try:
        if share.size:
            yield from _jsonl_share(share, report)
    except READ_ERRORS as exc:
        report(InputProblem(share.path, f"cannot read: {exc}"))
    if share.error:
        report(InputProblem(share.path, share.error))


def _jsonl_share(share: Share, report) -> Iterator[RawItem]:
    skip = share.first_line - 1
    if share.kind == DATA:
        yield from jsonl_stream_items(io.BytesIO(share.data), share.path, share.key, report, skip)
    elif share.kind == JSONL:
        with open(share.path, "rb") as f:
            f.seek(share.start)
            yield from jsonl_stream_items(f, share.path, share.key, report, skip,
                                          stop=lambda _: f.tell() >= share.end)
    else:
        with open_corpus(share.path) as f:
            _skip_lines(f, skip)
            yield from jsonl_stream_items(f, share.path, share.key, report, skip,
                                          stop=lambda line: line > share.last_line)


def partition_items(partition: Iterable[Share], report, records: list[int] | None = None) -> Iterator[RawItem]:
    """The raw items of every share of ``partition``; ``records`` gets each share's count."""
    for share in partition:
        count = 0
        for item in share_items(share, report):
            count += 1
            yield item
        if records is not None:
            records.append(count)


def _skip_lines(f, count: int) -> None:
    """Read past ``count`` lines of a stream (a gzip stream cannot seek back cheaply)."""
    while count > 0:
        piece = f.readline(_BLOCK)
        if not piece:
            return
        if piece.endswith(b"\n"):
            count -= 1


class EmptyCorpus:
    """Counts the records of each JSONL file over its shares and, at its last share, says
    whether it had none: ``iter_items`` reports that file as an empty corpus."""

    def __init__(self):
        self.records: dict[str, int] = {}

    def problem(self, share: Share, records: int) -> InputProblem | None:
        if not share.is_jsonl:
            return None
        total = self.records[share.path] = self.records.get(share.path, 0) + records
        if share.last and not share.error:
            del self.records[share.path]
            if total == 0:
                return InputProblem(share.path, "empty corpus (no JSON lines)")
        return None
