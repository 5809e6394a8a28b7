"""Gzip corpora inflated in a thread (graphbuild.corpus.inflate): the same bytes as gzip,
every byte before damage delivered, the error after it, and the same records and error
lines for one process and for the shares of --jobs 2."""

from __future__ import annotations

import contextlib
import gc
import gzip
import io
import json
import os
import random
import tempfile
import threading
import zlib
from pathlib import Path

import hypothesis
import hypothesis.strategies as st
import pytest
from typer.testing import CliRunner

from graphbuild.cli.commands import app
from graphbuild.corpus import inflate
from graphbuild.corpus.inflate import open_gzip
from graphbuild.corpus.inputs import READ_ERRORS, input_size

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
    return zlib.decompressobj(31).decompress(data)


@pytest.mark.parametrize("content, message", [(b"xx", "Not a gzipped file"), (b"\x1f\x8b\x08\x00garbage" * 9, None)],
                         ids=["not-gzip", "corrupt"])
def test_a_file_that_is_not_gzip_raises_a_read_error_at_the_first_read(tmp_path, content, message):
    path = tmp_path / "bad.jsonl.gz"
    path.write_bytes(content)
    with open_gzip(path) as f, pytest.raises(READ_ERRORS, match=message):
        f.read(10)


def _stream_with_a_full_queue(tmp_path, monkeypatch):
    monkeypatch.setattr(inflate, "_STEP_IN", 1024)     # many small pieces, a queue that fills
    monkeypatch.setattr(inflate, "_PIECE_OUT", 4096)
    path = tmp_path / "c.jsonl.gz"
    path.write_bytes(gzip.compress(_records(20000)))
    f = open_gzip(path)
    f.readline()
    assert f._pump.thread.is_alive()                   # blocked on the full queue
    return f, f._pump


def test_closing_early_stops_the_thread_and_closes_the_file(tmp_path, monkeypatch):
    f, pump = _stream_with_a_full_queue(tmp_path, monkeypatch)
    f.close()
    assert not pump.thread.is_alive() and pump.file.closed
    with pytest.raises(ValueError, match="closed file"):
        f.read(1)


def test_a_dropped_stream_stops_its_thread(tmp_path, monkeypatch):
    f, pump = _stream_with_a_full_queue(tmp_path, monkeypatch)
    del f
    gc.collect()
    assert not pump.thread.is_alive() and pump.file.closed


def test_text_a_thousand_times_its_gzip_comes_in_bounded_pieces(tmp_path):
    path = tmp_path / "spaces.gz"
    path.write_bytes(gzip.compress(b" " * (64 << 20) + b"\n"))
    with open_gzip(path) as f:
        pieces = [f._pump.chunks.get() for _ in range(3)]
    assert all(inflate._PIECE_OUT <= len(p) < 2 * inflate._PIECE_OUT for p in pieces)   # not 64 MB at once


@hypothesis.settings(max_examples=80, deadline=None, suppress_health_check=[hypothesis.HealthCheck.too_slow])
@hypothesis.given(data=st.data(), lines=st.lists(st.binary(max_size=30).map(lambda b: b.replace(b"\n", b"") + b"\n")
                                                 | st.binary(max_size=30), max_size=40),
                  step=st.sampled_from([1, 2, 7, 64, 4096]), piece=st.sampled_from([64, 100, 1 << 20]),
                  ahead=st.sampled_from([1, 2, 16]), zlib_only=st.booleans())
def test_any_reads_give_what_a_buffered_reader_of_the_bytes_gives(data, lines, step, piece, ahead, zlib_only):
    text = b"".join(lines)
    cut = [0, len(text) // 3, len(text) // 2, len(text)]
    blob = b"".join(gzip.compress(text[a:b]) + b"\0" * (i % 3) for i, (a, b) in enumerate(zip(cut, cut[1:])))
    with tempfile.TemporaryDirectory() as tmp, pytest.MonkeyPatch.context() as mp:
        for name, value in (("_STEP_IN", step), ("_PIECE_OUT", piece), ("_AHEAD", ahead)):
            mp.setattr(inflate, name, value)
        if zlib_only:                                   # the reader without ISA-L
            mp.setattr(inflate, "_zlib", zlib)
        path = Path(tmp) / "c.gz"
        path.write_bytes(blob)
        reference = io.BufferedReader(io.BytesIO(text), buffer_size=7)
        with open_gzip(path) as f:
            for _ in range(60):
                op = data.draw(st.sampled_from(["read", "readline"]))
                n = data.draw(st.sampled_from([-1, 0, 1, 2, 5, 17, 100]))
                assert getattr(f, op)(n) == getattr(reference, op)(n)


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
    # one line for the damage: the record it cut off is not reported as malformed too
    assert [line for line in results[0].stderr.splitlines() if line.startswith("Error:")] == [
        f"Error: {path}: cannot read: Compressed file ended before the end-of-stream marker was reached"]


@pytest.mark.parametrize("library", ["isal", "zlib"])
def test_members_with_padding_when_the_text_comes_in_small_pieces(tmp_path, monkeypatch, library):
    # zlib, its output cut to a piece, keeps the input after a member's end in unconsumed_tail
    # as well as unused_data: the inflate loop span on it forever (found by the test above).
    for name, value in (("_STEP_IN", 1 << 20), ("_PIECE_OUT", 64), ("_AHEAD", 2)):
        monkeypatch.setattr(inflate, name, value)
    if library == "zlib":
        monkeypatch.setattr(inflate, "_zlib", zlib)
    text = _records(30)
    path = tmp_path / "c.gz"
    path.write_bytes(gzip.compress(text[:1000]) + b"\0\0" + gzip.compress(text[1000:]))
    got = []
    reader = threading.Thread(target=lambda: got.append(open_gzip(path).read()), daemon=True)
    reader.start()
    reader.join(20)
    assert got == [text], "the stream did not end" if not got else "other bytes"


def _inflated_in_small_steps(data: bytes) -> bytes:
    """What inflating ``data`` (one member) 16 KB at a time gives before an error, if any."""
    inflater, text = inflate._zlib.decompressobj(31), []
    try:
        for at in range(0, len(data), inflate._REPLAY_STEP):
            text.append(inflater.decompress(data[at:at + inflate._REPLAY_STEP]))
    except inflate.InflateError:
        pass
    return b"".join(text)


@pytest.mark.parametrize("where", [0.3, 0.55, 0.8])
def test_a_corrupt_block_costs_at_most_the_text_of_16_kb_before_it(tmp_path, monkeypatch, where):
    # Large inflate calls (here 256 KB of text each): the call that meets the damage fails
    # whole; the member is inflated again in 16 KB steps up to the damage.
    monkeypatch.setattr(inflate, "_STEP_IN", 1 << 19)
    monkeypatch.setattr(inflate, "_PIECE_OUT", 1 << 18)
    rng = random.Random(7)
    words = ["Nghị", "quyết", "số", "49-NQ/TW", "của", "Bộ", "Chính", "trị", "về", "Luật", "Đất", "đai", "năm"]
    text = "".join(json.dumps({"id": i, "text": " ".join(rng.choice(words) + str(rng.randrange(999))
                                                         for _ in range(60))}, ensure_ascii=False) + "\n"
                   for i in range(12000)).encode()
    whole = bytearray(gzip.compress(text))
    at = int(len(whole) * where)
    whole[at:at + 64] = b"\xff" * 64
    expected = _inflated_in_small_steps(bytes(whole))
    assert 0 < len(expected) < len(text)            # (the damage may inflate to garbage before it fails)
    assert len(expected) % inflate._PIECE_OUT != 0           # not what whole calls would give
    path = tmp_path / "damaged.jsonl.gz"
    path.write_bytes(whole)
    got = []
    with open_gzip(path) as f, pytest.raises(READ_ERRORS):
        while piece := f.read(100_000):
            got.append(piece)
    assert b"".join(got) == expected


def _named_pipe_fed_with(tmp_path, data: bytes) -> Path:
    """A named pipe ``piped.jsonl.gz`` that a thread fills once with ``data``."""
    path = tmp_path / "piped.jsonl.gz"
    os.mkfifo(path)

    def feed():
        with contextlib.suppress(BrokenPipeError), open(path, "wb") as w:
            w.write(data)
    threading.Thread(target=feed, daemon=True).start()
    return path


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_named_pipe_is_inflated_as_a_file(tmp_path):
    # A pipe has no position to tell: its first member failed with "Illegal seek".
    path = _named_pipe_fed_with(tmp_path, gzip.compress(_records(3000)) + b"\0\0" + gzip.compress(_records(5, 3000)))
    with open_gzip(path) as f:
        assert f.read() == _records(3000) + _records(5, 3000)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_damaged_named_pipe_gives_text_then_the_inflate_error(tmp_path):
    # It cannot be inflated again up to the damage: the failed call's text is lost, no more.
    whole = bytearray(gzip.compress(_records(20000)))
    whole[len(whole) // 2:len(whole) // 2 + 64] = b"\xff" * 64
    got = []
    with open_gzip(_named_pipe_fed_with(tmp_path, bytes(whole))) as f, pytest.raises(inflate.InflateError):
        while piece := f.read(100_000):
            got.append(piece)
    assert 0 < len(b"".join(got)) and _inflated_in_small_steps(bytes(whole)).startswith(b"".join(got))


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_the_size_of_a_named_pipe_is_not_read_from_it(tmp_path):
    # The size for the progress bar opened the pipe to read a gzip trailer: that waited for a
    # writer, and then took its data from the reading of the corpus.
    path = tmp_path / "piped.jsonl.gz"
    os.mkfifo(path)
    sizes: list = []
    asked = threading.Thread(target=lambda: sizes.append(input_size([str(path)])), daemon=True)
    asked.start()
    asked.join(5)
    waited = asked.is_alive()
    if waited:
        with open(path, "wb"):                          # the writer it waits for
            pass
        asked.join(10)
    assert not waited and sizes == [0]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_extract_reads_a_named_pipe(tmp_path, jobs):
    path = _named_pipe_fed_with(tmp_path, gzip.compress(_records(50)))
    result: list = []
    done = threading.Thread(target=lambda: result.append(runner.invoke(app, ["extract", str(path), "-j", jobs, "-q"])),
                            daemon=True)
    done.start()
    done.join(30)
    if done.is_alive():
        with open(path, "wb") as w:                     # a second writer: let it end
            w.write(gzip.compress(_records(50)))
        done.join(60)
        pytest.fail("extract did not read the named pipe's only writer")
    assert result[0].exit_code == 0, result[0].stderr
    assert {json.loads(line)["doc"] for line in result[0].stdout.splitlines()} == {f"d{i}" for i in range(50)}
