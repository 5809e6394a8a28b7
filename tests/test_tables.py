"""Parquet tables: the documented schema as DuckDB reads it, and the graph built from the
tables equal to the graph built from the corpus, every attribute."""

from __future__ import annotations

import gzip
import json
from itertools import islice

import pytest

from graphbuild.build import build_corpus, build_from_tables, write_graph
from graphbuild.corpus.inputs import iter_items
from graphbuild.export.nodelink import to_json_data
from graphbuild.graph.vocab import EVIDENCE_FIELDS
from graphbuild.scale.shares import partition_items, plan
from graphbuild.tables import schema as sch

from .conftest import REPO, shared_path

duckdb = pytest.importorskip("duckdb")


def bulk_sample(folder, n: int, compress: bool = False, skip: int = 0):
    """Documents ``skip`` to ``skip + n`` of the bulk corpus, as a .jsonl (or .jsonl.gz) in ``folder``."""
    with gzip.open(shared_path("bulk.jsonl.gz"), "rb") as f:
        data = b"".join(islice(f, skip, skip + n))
    path = folder / ("bulk-sample.jsonl.gz" if compress else "bulk-sample.jsonl")
    path.write_bytes(gzip.compress(data) if compress else data)
    return path


def parquet_sample(folder, n: int, skip: int, row_group_size: int = 64):
    """The same documents as a Parquet corpus (columns id, text, source), and the JSONL one."""
    import pyarrow as pa
    import pyarrow.parquet as pq
    jsonl = bulk_sample(folder, n, skip=skip)
    rows = [json.loads(line) for line in jsonl.read_text(encoding="utf-8").splitlines()]
    path = folder / "bulk-sample.parquet"
    pq.write_table(pa.Table.from_pylist(rows), path, row_group_size=row_group_size)
    return path, jsonl


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("tables")
    paths = [str(shared_path("seeds")), str(REPO / "data" / "corpus"), str(bulk_sample(tmp, 1500))]
    g = build_corpus(paths, jobs=1, tables=tmp / "tables")
    write_graph(g, tmp, ["parquet"])                 # the graph tables, into the same tables/
    return g, tmp / "tables"


def test_graph_from_tables_equals_graph_from_corpus(built):
    g, tables = built
    h = build_from_tables(tables)
    assert g.number_of_nodes() > 3000 and g.number_of_edges() > 3500
    assert {"IMPLEMENTS", "BASED_ON", "ABOUT", "ISSUED_BY"} <= {k for _, _, k in g.edges(keys=True)}
    assert to_json_data(h) == to_json_data(g)        # every node and edge, every attribute


def test_duckdb_reads_every_table_with_the_documented_schema(built):
    _, tables = built
    evidence = ", ".join(f"{f} {'BIGINT' if f in ('start', 'end') else 'VARCHAR'}" for f in EVIDENCE_FIELDS)
    types = {sch.S: "VARCHAR", sch.I: "BIGINT", sch.LS: "VARCHAR[]", sch.EVIDENCE: f"STRUCT({evidence})[]"}
    for table in sch.EXTRACTION_TABLES + sch.GRAPH_TABLES:
        source = f"{tables}/{table}/*.parquet" if table in sch.EXTRACTION_TABLES else f"{tables}/{table}.parquet"
        described = duckdb.sql(f"DESCRIBE SELECT * FROM '{source}'").fetchall()
        assert [(row[0], row[1].replace('"', "")) for row in described] == [(n, types[t]) for n, t, _ in
                                                                             sch.COLUMNS[table]], table


def test_duckdb_sees_the_graph_content(built):
    g, tables = built
    # mentions per document = the documents' citations column = the graph's Document nodes
    rows = duckdb.sql(f"""SELECT d.doc_id, d.citations, count(m.doc_id) FROM '{tables}/documents/*.parquet' d
                          LEFT JOIN '{tables}/mentions/*.parquet' m USING (doc_id) GROUP BY ALL""").fetchall()
    assert len(rows) == sum(1 for _, a in g.nodes(data=True) if a["label"] == "Document")
    for doc_id, citations, mentions in rows:
        assert citations == mentions == g.nodes[f"doc:{doc_id}"]["citations"]
    edges = duckdb.sql(f"SELECT source, target, type, count, evidence FROM '{tables}/edges.parquet'").fetchall()
    assert len(edges) == g.number_of_edges()
    for u, v, k, count, evidence in edges:
        assert (count, evidence) == (g.edges[u, v, k]["count"], g.edges[u, v, k]["evidence"])


@pytest.mark.parametrize("compress", [False, True])
def test_partitions_read_what_one_process_reads(tmp_path, compress, monkeypatch):
    monkeypatch.setattr("graphbuild.corpus.inputs.MAX_RECORD_BYTES", 50_000)
    sample = bulk_sample(tmp_path, 400)
    odd = sample.read_bytes().replace(b"\n", b"\n\n", 7)     # blank lines, then no final newline
    odd = odd.rstrip(b"\n") + b"\n" + b'{"id": "long", "text": "' + b"x" * 60_000 + b'"}\n{"text": "49-NQ/TW"}'
    sample.write_bytes(gzip.compress(odd) if compress else odd)
    if compress:
        sample = sample.rename(tmp_path / "odd.jsonl.gz")
    paths = [str(shared_path("seeds")), str(sample)]
    expected, found = [], []
    reference = [(i.path, i.line, i.key, i.data) for i in iter_items(paths, expected.append)]
    for size, gzip_mode in ((40_000, "lines"), (300_000, "data"), (1 << 30, "lines")):
        partitions = plan(paths, size, gzip_mode)
        got = [(i.path, i.line, i.key, i.data) for p in partitions for i in partition_items(p, found.append)]
        assert got == reference and found == expected, size
        found.clear()
    assert expected and all("longer than the limit" in p.message for p in expected)
    assert len(plan(paths, 40_000)) > 10


def test_an_update_adds_a_part_and_the_tables_still_make_the_graph(tmp_path):
    first, second = str(shared_path("seeds")), str(REPO / "data" / "corpus")
    g1 = build_corpus(first, jobs=1, tables=tmp_path / "t")
    g = build_corpus(second, jobs=1, update=g1, tables=tmp_path / "t")
    assert sorted(p.name for p in (tmp_path / "t" / "documents").iterdir()) == ["part-00000.parquet",
                                                                                 "part-00001.parquet"]
    assert to_json_data(build_from_tables(tmp_path / "t")) == to_json_data(g)
    build_corpus(second, jobs=1, tables=tmp_path / "t")          # a fresh build: one part again
    assert len(list((tmp_path / "t" / "documents").iterdir())) == 1


def test_the_documented_schema_is_the_schema():
    assert (REPO / "docs" / "tables.md").read_text(encoding="utf-8") == sch.markdown()


def test_a_parquet_corpus_reads_as_its_jsonl_records(tmp_path):
    path, jsonl = parquet_sample(tmp_path, 150, skip=10)
    items = list(iter_items([str(path)]))
    shared = [i for p in plan([str(path)]) for i in partition_items(p, print)]
    assert [(i.path, i.line, i.key, i.data) for i in shared] == [(i.path, i.line, i.key, i.data) for i in items]
    assert len(plan([str(path)], 1)) == 3                       # one share per row group of 64 rows
    from_parquet = build_corpus(str(path), jobs=1)
    assert to_json_data(from_parquet)["edges"] == to_json_data(build_corpus(str(jsonl), jobs=1))["edges"]
