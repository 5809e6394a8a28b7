"""The command line's columnar outputs and shared-out reading: extract --format parquet holds
what --format jsonl prints; build writes tables/ and --from-tables makes the same graph;
--jobs 2 over a gzip corpus of several shares prints what --jobs 1 prints."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from graphbuild.cli.commands import app
from graphbuild.scale.extract import jsonl_text
from graphbuild.models import Citation
from graphbuild.tables.parquet import read_table

from .conftest import shared_path
from .test_tables import bulk_sample

runner = CliRunner()
hypothesis = pytest.importorskip("hypothesis")
st = hypothesis.strategies


def test_extract_parquet_holds_the_jsonl_records(tmp_path):
    corpus = str(bulk_sample(tmp_path, 600, compress=True))
    printed = runner.invoke(app, ["extract", corpus, "-j", "1", "-q"])
    written = runner.invoke(app, ["extract", corpus, "-j", "2", "-q", "-f", "parquet", "-o", str(tmp_path / "c.parquet")])
    assert printed.exit_code == written.exit_code == 0, written.output
    rows = _rows(tmp_path / "c.parquet")
    records = [json.loads(line) for line in printed.stdout.splitlines()]
    assert len(records) > 1000
    assert [{k: v for k, v in r.items() if not k.startswith("doc_")} for r in rows] == records
    assert {r["doc_path"] for r in rows} == {corpus} and all(r["doc_line"] >= 1 for r in rows)


def _rows(path):
    import pyarrow.parquet as pq
    return pq.read_table(path).to_pylist()


def test_extract_parquet_needs_a_file():
    result = runner.invoke(app, ["extract", str(shared_path("seeds")), "-f", "parquet"])
    assert result.exit_code == 1 and "give it with -o" in result.output


def test_jobs_2_over_gzip_shares_prints_what_jobs_1_prints(tmp_path):
    corpus = str(bulk_sample(tmp_path, 2500, compress=True))         # about 5 shares of 4 MB
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": 1, "text": "Chỉ thị 05-CT/TW"}\n[]\n\n{"id": 1, "text": "x"}\n', encoding="utf-8")
    one = runner.invoke(app, ["extract", corpus, str(bad), str(tmp_path / "none"), "-j", "1", "-q"])
    two = runner.invoke(app, ["extract", corpus, str(bad), str(tmp_path / "none"), "-j", "2", "-q"])
    assert one.exit_code == two.exit_code == 1
    assert one.stdout == two.stdout and one.stdout.count("\n") > 5000
    assert one.stderr == two.stderr and one.stderr.count("Error:") == 3


def test_build_writes_tables_and_builds_from_them(tmp_path):
    corpus = [str(shared_path("seeds")), str(bulk_sample(tmp_path, 300))]
    built = runner.invoke(app, ["build", *corpus, "-o", str(tmp_path / "a"), "-j", "2", "-q",
                                "--formats", "json,parquet"])
    assert built.exit_code == 0, built.output
    again = runner.invoke(app, ["build", "--from-tables", str(tmp_path / "a" / "tables"), "-o", str(tmp_path / "b"),
                                "-q", "--formats", "json"])
    assert again.exit_code == 0, again.output
    assert (tmp_path / "a" / "graph.json").read_bytes() == (tmp_path / "b" / "graph.json").read_bytes()
    assert read_table(tmp_path / "a" / "tables", "documents").num_rows == 305
    neither = runner.invoke(app, ["build", "-o", str(tmp_path / "c")])
    assert neither.exit_code == 1 and "--from-tables" in neither.output
    missing = runner.invoke(app, ["build", "--from-tables", str(tmp_path / "nope"), "-o", str(tmp_path / "c")])
    assert missing.exit_code == 1 and "Error:" in missing.output and "Traceback" not in missing.output


_TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=12)


_OPTIONAL = st.none() | _TEXT


@hypothesis.given(st.lists(st.tuples(_TEXT, _TEXT, st.lists(_OPTIONAL, min_size=8, max_size=8),
                                     st.none() | st.integers(-10**6, 10**6)), max_size=4), _TEXT)
def test_jsonl_writer_is_json_dumps(fields, doc_id):
    optional = ("type", "number", "symbol", "date", "issuer", "term", "subject", "name")
    citations = [Citation(start=i, end=i + 1, text=a, kind="state", year=y, id=b, **dict(zip(optional, values)))
                 for i, (a, b, values, y) in enumerate(fields)]
    expected = "".join(json.dumps({"doc": doc_id, **c.to_dict()}, ensure_ascii=False) + "\n" for c in citations)
    assert jsonl_text(doc_id, citations) == expected


def test_an_update_keeps_the_earlier_parts_through_the_staged_output(tmp_path):
    out = str(tmp_path / "out")
    first = runner.invoke(app, ["build", str(shared_path("seeds")), "-o", out, "-q", "--formats", "json,parquet"])
    second = runner.invoke(app, ["build", str(bulk_sample(tmp_path, 200)), "--update", out, "-o", out, "-q",
                                 "--formats", "json,parquet"])
    assert first.exit_code == second.exit_code == 0, second.output
    parts = sorted(p.name for p in (tmp_path / "out" / "tables" / "documents").iterdir())
    assert parts == ["part-00000.parquet", "part-00001.parquet"]
    again = runner.invoke(app, ["build", "--from-tables", out + "/tables", "-o", str(tmp_path / "b"), "-q",
                                "--formats", "json"])
    assert again.exit_code == 0, again.output
    assert (tmp_path / "out" / "graph.json").read_bytes() == (tmp_path / "b" / "graph.json").read_bytes()
