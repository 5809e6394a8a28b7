"""A Parquet corpus: one document per row (an ``id``, a ``text`` and any other columns), read
as the JSONL records it stands for, so that every check of a JSONL record applies to it.

Rows are numbered from 1 over the whole file, and that number stands where a JSONL corpus
has its line number (``corpus.parquet:42`` in a problem; ``corpus.parquet:42`` as the id of
a row without one).  A row group is the unit a worker reads (:mod:`graphbuild.scale.shares`).
Needs pyarrow.
"""

from __future__ import annotations

import json
from typing import Iterator

PARQUET_SUFFIX = ".parquet"


def row_groups(path: str) -> list[tuple[int, int, int]]:
    """``(row group, number of its first row, uncompressed bytes)`` of a Parquet file."""
    import pyarrow.parquet as pq
    meta = pq.ParquetFile(path).metadata
    groups, first = [], 1
    for i in range(meta.num_row_groups):
        group = meta.row_group(i)
        groups.append((i, first, group.total_byte_size))
        first += group.num_rows
    return groups


def parquet_records(path: str, groups: list[tuple[int, int, int]] | None = None) -> Iterator[tuple[int, bytes]]:
    """``(row number, the row as a JSONL record)`` for the rows of ``path`` (of the row
    ``groups`` given, else all)."""
    import pyarrow.parquet as pq
    f = pq.ParquetFile(path)
    for index, first, _ in (row_groups(path) if groups is None else groups):
        for n, row in enumerate(f.read_row_group(index).to_pylist()):
            data = json.dumps(row, ensure_ascii=False, default=str).encode("utf-8")
            yield first + n, data
