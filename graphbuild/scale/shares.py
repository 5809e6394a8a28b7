"""Split a corpus into partitions that workers read themselves, the same records as
:func:`graphbuild.corpus.inputs.iter_items` in the same order.

A partition is a tuple of :class:`Share`: whole text files, a byte range of a ``.jsonl``
file (cut right after a newline, so each worker seeks to its own share) or a line range of
a ``.jsonl.gz`` file (gzip cannot seek: the worker inflates and skips the lines before its
share; many gzip files or plain JSONL scale better).  :func:`plan` reads each JSONL file
once, fast (bytes and newlines counted, nothing decoded), so every share knows its first
line number: ids of records without one and problem messages are those of one process.
"""

from __future__ import annotations

import gzip
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Iterator

from graphbuild.corpus.inputs import (JSONL_SUFFIXES, InputProblem, RawItem, _gzip, _inflate_error, _wanted,
                                      jsonl_stream_items)

TEXT, JSONL, JSONL_GZ = "text", "jsonl", "jsonl.gz"
PARTITION_BYTES = 32 * 2**20          # of uncompressed text per partition
_BLOCK = 2**20


@dataclass(frozen=True, slots=True)
class Share:
    """One file, or a part of one: what one task reads."""

    kind: str                 # text | jsonl | jsonl.gz
    path: str
    key: str                  # the path relative to the corpus root (see iter_items)
    start: int = 0            # jsonl: byte offset of the first line; jsonl.gz: unused
    end: int = 0              # jsonl: byte offset after the last line
    first_line: int = 1       # line number of the share's first line
    last_line: int = 0        # jsonl.gz: the last line of the share
    size: int = 0             # uncompressed bytes


def plan(paths: Iterable[str], report: Callable[[InputProblem], None],
         partition_bytes: int = PARTITION_BYTES) -> list[tuple[Share, ...]]:
    """Partitions of about ``partition_bytes`` each, in input order.  Missing, unreadable and
    empty inputs are reported as :func:`~graphbuild.corpus.inputs.iter_items` reports them."""
    partitions: list[tuple[Share, ...]] = []
    pending: list[Share] = []
    for share in _shares(paths, report, partition_bytes):
        if pending and sum(s.size for s in pending) + share.size > partition_bytes:
            partitions.append(tuple(pending))
            pending = []
        pending.append(share)
    if pending:
        partitions.append(tuple(pending))
    return partitions


def _shares(paths, report, partition_bytes) -> Iterator[Share]:
    for raw in paths:
        path = Path(raw)
        if raw == "-":
            report(InputProblem("-", "standard input cannot be partitioned: give files"))
        elif path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file() and _wanted(p)):
                yield from _file_shares(child, child.relative_to(path).as_posix(), report, partition_bytes)
        elif path.exists():
            yield from _file_shares(path, path.name, report, partition_bytes)
        else:
            report(InputProblem(raw, "no such file or directory"))


def _file_shares(path: Path, key: str, report, partition_bytes: int) -> Iterator[Share]:
    name = path.name.lower()
    if not name.endswith(JSONL_SUFFIXES):
        yield Share(TEXT, str(path), key, size=path.stat().st_size)
        return
    kind = JSONL_GZ if name.endswith(".gz") else JSONL
    try:
        cuts, lines, content = _cuts(path, kind, partition_bytes)
    except (OSError, EOFError, gzip.BadGzipFile, zlib.error, _inflate_error) as exc:
        report(InputProblem(str(path), f"cannot read: {exc}"))
        return
    if not content:
        report(InputProblem(str(path), "empty corpus (no JSON lines)"))
        return
    for (start, line), (end, next_line) in zip(cuts, cuts[1:]):
        yield Share(kind, str(path), key, start, end, line, next_line - 1, end - start)


def _cuts(path: Path, kind: str, partition_bytes: int) -> tuple[list[tuple[int, int]], int, bool]:
    """``[(byte offset, line number)]`` of the share starts (each right after a newline) and the
    end, the number of lines, and whether the file holds anything but white space."""
    opener = _gzip.open if kind == JSONL_GZ else open
    cuts, offset, newlines, content = [(0, 1)], 0, 0, False
    target = partition_bytes
    with opener(path, "rb") as f:
        while block := f.read(_BLOCK):
            content = content or bool(block.strip())
            while offset + len(block) >= target:
                cut = block.find(b"\n", max(target - offset - 1, 0))
                if cut < 0:
                    break
                cuts.append((offset + cut + 1, newlines + block.count(b"\n", 0, cut) + 2))
                target = offset + cut + 1 + partition_bytes
            newlines += block.count(b"\n")
            offset += len(block)
    if cuts[-1][0] < offset:
        cuts.append((offset, newlines + 2))
    return cuts, newlines, content


def share_items(share: Share, report: Callable[[InputProblem], None]) -> Iterator[RawItem]:
    """The raw items of one share: those :func:`~graphbuild.corpus.inputs.iter_items` gives for
    that part of the file, with the same paths, keys and line numbers."""
    if share.kind == TEXT:
        try:
            yield RawItem(share.path, Path(share.path).read_bytes(), key=share.key)
        except OSError as exc:
            report(InputProblem(share.path, exc.strerror or str(exc)))
        return
    try:
        if share.kind == JSONL:
            with open(share.path, "rb") as f:
                f.seek(share.start)
                yield from jsonl_stream_items(f, share.path, share.key, report, share.first_line - 1,
                                              stop=lambda _: f.tell() >= share.end)
            return
        with _gzip.open(share.path, "rb") as f:
            _skip_lines(f, share.first_line - 1)
            yield from jsonl_stream_items(f, share.path, share.key, report, share.first_line - 1,
                                          stop=lambda line: line > share.last_line)
    except (OSError, EOFError, gzip.BadGzipFile, zlib.error, _inflate_error) as exc:
        report(InputProblem(share.path, f"cannot read: {exc}"))


def partition_items(partition: Iterable[Share], report) -> Iterator[RawItem]:
    for share in partition:
        yield from share_items(share, report)


def _skip_lines(f, count: int) -> None:
    """Read past ``count`` lines of a stream (a gzip stream cannot seek back cheaply)."""
    while count > 0:
        piece = f.readline(_BLOCK)
        if not piece:
            return
        if piece.endswith(b"\n"):
            count -= 1
