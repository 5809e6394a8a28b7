"""Gzip corpora inflated in a thread (graphbuild.corpus.inflate): the same bytes as gzip,
every byte before damage delivered, the error after it, and the same records and error
lines for one process and for the shares of --jobs 2."""

from __future__ import annotations

import gzip
import json
import threading

import pytest
from typer.testing import CliRunner

from graphbuild.cli.commands import app
from graphbuild.corpus.inflate import open_gzip
from graphbuild.corpus.inputs import READ_ERRORS

runner = CliRunner()


def _records(n: int, start: int = 0) -> bytes:
    return "".join(json.dumps({"id": f"d{i}", "text": f"Căn cứ Nghị định số {i}/2019/NĐ-CP về việc {'x' * (i % 97)}"},
                              ensure_ascii=False) + "\n" for i in range(start, start + n)).encode("utf-8")


@pytest.mark.parametrize("how", ["read", "readline", "mixed"])
def test_the_stream_gives_the_bytes_gzip_gives_over_several_members_and_padding(tmp_path, how):
    data = _records(3000) + _records(5, 3000)
    path = tmp_path / "c.jsonl.gz"
    path.write_bytes(gzip.compress(_records(3000)) + b"\0\0\0" + gzip.compress(_records(5, 3000)))
    assert gzip.open(path).read() == data                  # the reference reads it so too
    out = []
    with open_gzip(path) as f:
        while piece := (f.read(4097) if how == "read" else f.readline() if how == "readline"
                        else f.readline(50) if len(out) % 2 else f.read(999)):
            out.append(piece)
    assert b"".join(out) == data
    if how == "readline":
        assert out == data.splitlines(keepends=True)


def test_a_truncated_file_gives_every_byte_before_the_cut_then_the_error(tmp_path):
    whole = gzip.compress(_records(4000))
    path = tmp_path / "t.jsonl.gz"
    path.write_bytes(whole[:len(whole) // 2])
    expected = _inflatable_prefix(path.read_bytes())
    got = []
    with open_gzip(path) as f, pytest.raises(EOFError, match="ended before the end-of-stream marker"):
        while True:
            line = f.readline()
            assert line, "the end of the data came without the error"
            got.append(line)
    assert b"".join(got) == expected and len(expected) > 100_000


def _inflatable_prefix(data: bytes) -> bytes:
    import zlib
    return zlib.decompressobj(31).decompress(data)


@pytest.mark.parametrize("content, message", [(b"xx", "Not a gzipped file"), (b"\x1f\x8b\x08\x00garbage" * 9, None)],
                         ids=["not-gzip", "corrupt"])
def test_a_file_that_is_not_gzip_raises_a_read_error_at_the_first_read(tmp_path, content, message):
    path = tmp_path / "bad.jsonl.gz"
    path.write_bytes(content)
    with open_gzip(path) as f, pytest.raises(READ_ERRORS, match=message):
        f.read(10)


def test_closing_early_stops_the_thread(tmp_path):
    path = tmp_path / "c.jsonl.gz"
    path.write_bytes(gzip.compress(_records(20000)))
    before = threading.active_count()
    f = open_gzip(path)
    f.readline()
    f.close()
    assert threading.active_count() == before


@pytest.mark.parametrize("suffix", [".jsonl", ".jsonl.gz"])
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_an_empty_corpus_file_is_one_error_line(tmp_path, suffix, jobs):
    # --jobs 2 (the default on two cores) ended in a traceback on an empty file before.
    path = tmp_path / f"empty{suffix}"
    path.write_bytes(gzip.compress(b"") if suffix.endswith(".gz") else b"")
    result = runner.invoke(app, ["extract", str(path), "-j", jobs, "-q"])
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == f"Error: {path}: empty corpus (no JSON lines)"
    assert "Traceback" not in result.stderr


def test_a_truncated_corpus_gives_the_same_records_and_errors_for_any_jobs(tmp_path):
    whole = gzip.compress(_records(60000))
    path = tmp_path / "t.jsonl.gz"
    path.write_bytes(whole[:len(whole) * 2 // 3])      # several 4 MB shares before the cut
    results = [runner.invoke(app, ["extract", str(path), "-j", jobs, "-q"]) for jobs in ("1", "2")]
    assert results[0].stdout == results[1].stdout and results[0].stderr == results[1].stderr
    ids = {json.loads(line)["doc"] for line in results[0].stdout.splitlines()}
    complete = _inflatable_prefix(path.read_bytes()).count(b"\n")
    assert len(ids) == complete                        # every whole record before the cut
    assert results[0].exit_code == 1 and "ended before the end-of-stream marker" in results[0].stderr
