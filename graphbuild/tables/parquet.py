"""Write and read graphbuild's Parquet tables (schemas in :mod:`.schema`).

    from graphbuild.tables.parquet import TableSet, read_results
    with TableSet("out/tables") as tables:          # what `graphbuild build` writes
        for result, line in ...:
            tables.add_result(result, line)
    write_graph_tables(g, "out/tables")             # instruments, bodies, edges
    g2 = build_graph(read_results("out/tables"))    # `graphbuild build --from-tables`

An extraction table is a folder ``<name>/`` of ``part-NNNNN.parquet`` files (one per run of
``build``, one per partition of the distributed engine), read in the order of their names; a
graph table is one file ``<name>.parquet``.  Files are written through a temp file and a
rename.  Needs pyarrow.
"""

from __future__ import annotations

import contextlib
import os
import shutil
from pathlib import Path
from typing import Iterable, Iterator

from graphbuild.fileio import atomic_file
from graphbuild.tables import schema as sch
from graphbuild.tables.rows import GRAPH_TABLE_ROWS, result_rows, results_from_rows

ROW_GROUP_ROWS = 65_536


class TableWriter:
    """One Parquet file written row by row (buffered into row groups of ``ROW_GROUP_ROWS``)."""

    def __init__(self, path: str | Path, table: str, row_group_rows: int = ROW_GROUP_ROWS):
        import pyarrow.parquet as pq
        self.table, self.schema = table, sch.schema(table)
        self.row_group_rows = row_group_rows
        self._stack = contextlib.ExitStack()
        f = self._stack.enter_context(atomic_file(path))
        self._writer = pq.ParquetWriter(f, self.schema, compression="zstd")
        self._rows: list[tuple] = []
        self.count = 0

    def add(self, rows: Iterable[tuple]) -> None:
        self._rows.extend(rows)
        if len(self._rows) >= self.row_group_rows:
            self._flush()

    def _flush(self) -> None:
        import pyarrow as pa
        if not self._rows and self.count:
            return
        columns = list(zip(*self._rows)) if self._rows else [()] * len(self.schema)
        batch = pa.RecordBatch.from_arrays([pa.array(c, type=f.type) for c, f in zip(columns, self.schema)],
                                           schema=self.schema)
        self._writer.write_batch(batch)
        self.count += len(self._rows)
        self._rows = []

    def close(self, ok: bool = True) -> None:
        if ok:
            self._flush()
        self._writer.close()
        self._stack.__exit__(*((None, None, None) if ok else (RuntimeError, RuntimeError("aborted"), None)))


class TableSet:
    """The extraction tables of one run in ``folder``, one part each: ``add_result`` per document.

    Each table is a folder of parts (``documents/part-00000.parquet``, ...).  A fresh set
    removes the parts of an earlier run; ``append`` adds the next part instead (``build
    --update``: the new documents after the ones already there)."""

    def __init__(self, folder: str | Path, tables: Iterable[str] = sch.EXTRACTION_TABLES, append: bool = False):
        self.folder = Path(folder)
        tables = tuple(tables)
        index = next_part(self.folder, tables) if append else 0
        if not append:
            remove_parts(self.folder, tables)
        self.writers = {t: TableWriter(part_path(self.folder, t, index), t) for t in tables}

    def add_result(self, result, line: int | None = None) -> None:
        for table, rows in result_rows(result, line).items():
            self.writers[table].add(rows)

    def close(self, ok: bool = True) -> None:
        for writer in self.writers.values():
            writer.close(ok)

    def __enter__(self) -> "TableSet":
        return self

    def __exit__(self, kind, value, tb) -> None:
        self.close(ok=kind is None)


def part_path(folder: str | Path, table: str, index: int) -> Path:
    """Part ``index`` of ``table``: ``<folder>/<table>/part-<index>.parquet``."""
    return Path(folder) / table / f"part-{index:05d}.parquet"


def remove_parts(folder: str | Path, tables: Iterable[str]) -> None:
    """Remove the parts of ``tables`` an earlier run left in ``folder`` (nothing else)."""
    for table in tables:
        for old in (Path(folder) / table).glob("part-*.parquet"):
            old.unlink()


def carry_parts(source: str | Path, folder: str | Path, tables: Iterable[str] = sch.EXTRACTION_TABLES) -> None:
    """Hard-link (or copy) the parts of ``tables`` in ``source`` into ``folder``: an update's
    staged build keeps the earlier builds' rows."""
    for table in tables:
        for part in sorted((Path(source) / table).glob("part-*.parquet")):
            dest = Path(folder) / table / part.name
            dest.parent.mkdir(parents=True, exist_ok=True)
            try:
                os.link(part, dest)
            except OSError:
                shutil.copy2(part, dest)


def next_part(folder: str | Path, tables: Iterable[str]) -> int:
    """The index after the last part of any of ``tables`` in ``folder``."""
    found = [int(p.stem.split("-")[-1]) for t in tables for p in (Path(folder) / t).glob("part-*.parquet")
             if p.stem.split("-")[-1].isdigit()]
    return max(found, default=-1) + 1


def write_graph_tables(g, folder: str | Path) -> None:
    """``instruments.parquet``, ``bodies.parquet`` and ``edges.parquet`` of the graph ``g``."""
    for table, rows in GRAPH_TABLE_ROWS.items():
        writer = TableWriter(Path(folder) / f"{table}.parquet", table)
        try:
            writer.add(rows(g))
        except BaseException:
            writer.close(ok=False)
            raise
        writer.close()


def table_files(folder: str | Path, table: str) -> list[Path]:
    """The files of ``table`` in ``folder``: ``<table>.parquet`` or ``<table>/*.parquet``."""
    folder = Path(folder)
    single = folder / f"{table}.parquet"
    if single.is_file():
        return [single]
    parts = sorted((folder / table).glob("*.parquet")) if (folder / table).is_dir() else []
    if not parts:
        raise FileNotFoundError(f"{folder}: no {table}.parquet nor {table}/*.parquet")
    return parts


def read_rows(folder: str | Path, table: str, batch_rows: int = ROW_GROUP_ROWS) -> Iterator[tuple]:
    """The rows of a table as tuples, in file order, streamed a batch at a time."""
    import pyarrow.parquet as pq
    names = sch.column_names(table)
    for path in table_files(folder, table):
        f = pq.ParquetFile(path)
        missing = [n for n in names if n not in f.schema_arrow.names]
        if missing:
            raise ValueError(f"{path}: not a graphbuild {table} table (no column {', '.join(missing)})")
        for batch in f.iter_batches(batch_size=batch_rows, columns=list(names)):
            yield from zip(*(column.to_pylist() for column in batch.columns))


def read_results(folders: str | Path | Iterable[str | Path]):
    """The per-document results held in the extraction tables of ``folders``, in order: what
    :class:`~graphbuild.graph.builder.GraphBuilder` needs to build the graph."""
    if isinstance(folders, (str, Path)):
        folders = [folders]
    for folder in folders:
        yield from results_from_rows(*(read_rows(folder, t) for t in sch.EXTRACTION_TABLES))


def read_table(folder: str | Path, table: str):
    """The whole table as one ``pyarrow.Table`` (for tests and small tables)."""
    import pyarrow as pa
    import pyarrow.parquet as pq
    return pa.concat_tables([pq.read_table(p, schema=sch.schema(table)) for p in table_files(folder, table)])
