"""The Dask engine on a LocalCluster of 2 worker processes (loopback only): its tables equal,
row for row, those one process writes; the tokenizer is built once per worker process."""

from __future__ import annotations

import pytest

from graphbuild.build import build_corpus, build_from_tables
from graphbuild.export.nodelink import to_json_data
from graphbuild.tables import schema as sch
from graphbuild.tables.parquet import read_table

from .conftest import shared_path
from .test_tables import bulk_sample, parquet_sample

distributed = pytest.importorskip("distributed")


@pytest.fixture(scope="module")
def client():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                                  dashboard_address=None) as cluster, distributed.Client(cluster) as c:
        yield c


def test_engine_tables_equal_one_process_row_for_row(client, tmp_path):
    from graphbuild.scale.dask import extract_tables
    (tmp_path / "p").mkdir()
    parquet, _ = parquet_sample(tmp_path / "p", 100, skip=2000)
    paths = [str(shared_path("seeds")), str(bulk_sample(tmp_path, 2000, compress=True)), str(parquet)]
    g = build_corpus(paths, jobs=1, tables=tmp_path / "one")
    report = extract_tables(client, paths, tmp_path / "engine", partition_bytes=3 << 20)
    assert report.problems == [] and report.partitions >= 4
    for table in sch.EXTRACTION_TABLES:
        one, engine = read_table(tmp_path / "one", table), read_table(tmp_path / "engine", table)
        assert one.num_rows > 1000 or table == "documents"
        assert engine.to_pylist() == one.to_pylist(), table
    assert report.documents == read_table(tmp_path / "one", "documents").num_rows == 5 + 2000 + 100
    assert to_json_data(build_from_tables(tmp_path / "engine")) == to_json_data(g)
    # one tokenizer per worker process, built once, used by every task it ran
    assert len(report.workers) == 2
    assert all(len(seen) == 1 and next(iter(seen))[0] == 1 for seen in report.workers.values())


def test_engine_extract_mode_and_problems(client, tmp_path):
    from graphbuild.scale.dask import extract_tables
    corpus = tmp_path / "c.jsonl"
    corpus.write_text('{"id": "a", "text": "Nghị quyết số 49-NQ/TW"}\nnot json\n'
                      '{"id": "a", "text": "Chỉ thị 05-CT/TW"}\n', encoding="utf-8")
    problems = []
    report = extract_tables(client, [str(corpus), str(tmp_path / "missing")], tmp_path / "out", mode="extract",
                            on_problem=problems.append)
    assert [(p.line, p.message.split(" (")[0].split(",")[0]) for p in problems] == [   # as one process
        (2, "malformed JSON"), (3, "duplicate id 'a'"), (None, "no such file or directory")]
    rows = read_table(tmp_path / "out", "citations").to_pylist()
    assert [(r["doc"], r["doc_line"], r["symbol"], r["start"], r["end"]) for r in rows] == [
        ("a", 1, "49-NQ/TW", 0, 22)]
    assert report.rows == {"citations": 1}
