"""JSONL records validated in one place; duplicate ids; ids of files independent of spelling.

Each hostile line below aborted the whole run with a traceback before (issue 13, item 1);
duplicate ids were merged silently and a file given under another spelling of its path
was counted twice by ``--update`` (item 8).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from graphbuild.cli.commands import app
from graphbuild.corpus import inputs
from tests.conftest import REPO

runner = CliRunner()

GOOD = '{"id": "ok-%d", "text": "Căn cứ Nghị quyết số 49-NQ/TW ngày 02/6/2005 của Bộ Chính trị."}'
HOSTILE = {
    "huge-int": '{"id": ' + "9" * 5000 + ', "text": "Nghị quyết số 49-NQ/TW"}',
    "deep": "[" * 100_000 + "]" * 100_000,
    "deep-in-object": '{"text": "x", "m": ' + "[" * 5000 + "]" * 5000 + "}",
    "array": '["Nghị quyết số 49-NQ/TW"]',
    "number": "12",
    "null": "null",
    "text-not-string": '{"id": "t", "text": ["Nghị quyết số 49-NQ/TW"]}',
    "id-object": '{"id": {"a": 1}, "text": "Nghị quyết số 49-NQ/TW"}',
}


def _corpus(tmp_path, lines) -> str:
    path = tmp_path / "c.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return str(path)


def _errors(result) -> list[str]:
    assert "Traceback" not in result.stderr
    return [line for line in result.stderr.splitlines() if line.startswith("Error:")]


@pytest.mark.parametrize("kind", sorted(HOSTILE))
def test_parse_record_turns_every_failure_into_one_input_error(kind):
    with pytest.raises(inputs.InputError) as exc:
        inputs.parse_record(HOSTILE[kind].encode("utf-8"), "c.jsonl", 7)
    assert str(exc.value).startswith("c.jsonl:7: ")
    assert "\n" not in str(exc.value) and len(str(exc.value)) < 200


def _run(tmp_path, command: list[str], jobs: str):
    lines = [GOOD % 1] + [HOSTILE[k] for k in sorted(HOSTILE)] + [GOOD % 2]
    corpus = _corpus(tmp_path, lines)
    args = {
        "extract": ["extract", corpus],
        "build": ["build", corpus, "-o", str(tmp_path / "out"), "--formats", "json", "-q"],
        "catalog": ["catalog", "build", corpus, "-o", str(tmp_path / "cat.json"), "-q"],
        "annotate": ["annotate", corpus, "-o", str(tmp_path / "a.html")],
    }[command[0]]
    return runner.invoke(app, args + (["-j", jobs] if command[0] != "annotate" else [])), len(HOSTILE)


@pytest.mark.parametrize("command, jobs", [(c, j) for c in ("extract", "build", "catalog") for j in ("1", "2")]
                         + [("annotate", "1")])            # annotate has no --jobs
def test_each_hostile_line_is_one_error_and_the_run_goes_on(tmp_path, command, jobs):
    result, bad = _run(tmp_path, [command], jobs)
    errors = _errors(result)
    assert result.exit_code == 1, result.stderr
    lines = sorted(int(e.split("c.jsonl:")[1].split(":")[0]) for e in errors)
    assert lines == list(range(2, 2 + bad)), errors          # one per hostile line, by its number
    if command == "extract":
        assert {json.loads(x)["doc"] for x in result.stdout.splitlines()} == {"ok-1", "ok-2"}
    if command == "build":
        graph = json.loads((tmp_path / "out" / "graph.json").read_text(encoding="utf-8"))
        assert {n["doc_id"] for n in graph["nodes"] if n["label"] == "Document"} == {"ok-1", "ok-2"}
    if command == "annotate":
        html = (tmp_path / "a.html").read_text(encoding="utf-8")
        assert html.count("49-NQ/TW") >= 2


def test_a_record_over_the_size_limit_is_refused_with_its_line(tmp_path, monkeypatch):
    monkeypatch.setattr(inputs, "MAX_RECORD_BYTES", 1000)
    big = '{"id": "big", "text": "' + "Nghị quyết số 49-NQ/TW. " * 200 + '"}'
    corpus = _corpus(tmp_path, [GOOD % 1, big, GOOD % 2])
    result = runner.invoke(app, ["extract", corpus, "-j", "1"])
    errors = _errors(result)
    assert result.exit_code == 1
    assert len(errors) == 1 and "c.jsonl:2: record longer than the limit of 1,000 bytes" in errors[0]
    assert {json.loads(x)["doc"] for x in result.stdout.splitlines()} == {"ok-1", "ok-2"}


def test_hostile_lines_with_real_worker_processes(tmp_path):
    """The same through the installed command, with worker processes: no traceback anywhere."""
    corpus = _corpus(tmp_path, [GOOD % 1] + list(HOSTILE.values()) + [GOOD % 2])
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    proc = subprocess.run([sys.executable, "-m", "graphbuild", "build", corpus, "-o", str(tmp_path / "o"),
                           "-j", "2", "-q", "--formats", "json"], capture_output=True, text=True, env=env,
                          timeout=120)
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert len([x for x in proc.stderr.splitlines() if x.startswith("Error:")]) == len(HOSTILE)
    assert (tmp_path / "o" / "graph.json").exists()


# --- duplicate ids -----------------------------------------------------------------------

def _dup_corpus(tmp_path) -> str:
    return _corpus(tmp_path, [
        '{"id": "a", "text": "Nghị quyết số 49-NQ/TW"}',
        '{"id": "b", "text": "Kết luận số 84-KL/TW"}',
        '{"id": "a", "text": "Chỉ thị số 26-CT/TW"}',
    ])


def test_duplicate_id_is_an_error_naming_both_lines(tmp_path):
    result = runner.invoke(app, ["extract", _dup_corpus(tmp_path), "-j", "1"])
    errors = _errors(result)
    assert result.exit_code == 1
    assert len(errors) == 1
    assert "c.jsonl:3: duplicate id 'a'" in errors[0] and "c.jsonl:1" in errors[0]
    texts = [json.loads(x)["text"] for x in result.stdout.splitlines()]
    assert texts == ["Nghị quyết số 49-NQ/TW", "Kết luận số 84-KL/TW"]


@pytest.mark.parametrize("policy, expected", [
    ("first", ["Nghị quyết số 49-NQ/TW", "Kết luận số 84-KL/TW"]),
    ("last", ["Kết luận số 84-KL/TW", "Chỉ thị số 26-CT/TW"]),
])
def test_on_duplicate_first_or_last_keeps_one_without_error(tmp_path, policy, expected):
    for jobs in ("1", "2"):
        result = runner.invoke(app, ["extract", _dup_corpus(tmp_path), "-j", jobs, "--on-duplicate", policy])
        assert result.exit_code == 0 and not _errors(result)
        assert [json.loads(x)["text"] for x in result.stdout.splitlines()] == expected


def test_build_keeps_one_document_per_id(tmp_path):
    result = runner.invoke(app, ["build", _dup_corpus(tmp_path), "-o", str(tmp_path / "o"), "-j", "1", "-q",
                                 "--formats", "json", "--on-duplicate", "last"])
    assert result.exit_code == 0, result.stderr
    graph = json.loads((tmp_path / "o" / "graph.json").read_text(encoding="utf-8"))
    docs = [n for n in graph["nodes"] if n["label"] == "Document"]
    assert sorted(n["doc_id"] for n in docs) == ["a", "b"]
    keys = {n.get("key") for n in graph["nodes"] if n["label"] != "Document"}
    assert "26-CT/TW" in " ".join(map(str, keys)) and "49-NQ/TW" not in " ".join(map(str, keys))


def test_update_with_another_spelling_of_the_same_files_adds_nothing(tmp_path, monkeypatch):
    corpus = tmp_path / "texts"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Căn cứ Nghị quyết số 49-NQ/TW của Bộ Chính trị.", encoding="utf-8")
    (corpus / "b.txt").write_text("Thực hiện Kết luận số 84-KL/TW của Bộ Chính trị.", encoding="utf-8")
    out = tmp_path / "out"
    first = runner.invoke(app, ["build", str(corpus), "-o", str(out), "-j", "1", "-q", "--formats", "json"])
    assert first.exit_code == 0, first.stderr
    monkeypatch.chdir(tmp_path)
    again = runner.invoke(app, ["build", "./texts/", "--update", str(out / "graph.json"), "-o", str(out),
                                "-j", "1", "-q", "--formats", "json"])
    assert again.exit_code == 0, again.stderr
    assert "documents: 2 (0 parsed now)" in again.stdout


def test_a_lone_surrogate_in_any_string_of_a_record_is_shown_as_a_replacement(tmp_path):
    # "\udfff" in the title made build fail (no UTF-8 writer takes a lone surrogate), with
    # ParquetWriter tracebacks; the text was cleaned, the other strings were not.
    corpus = tmp_path / "s.jsonl"
    corpus.write_text('{"id": "a\\udfff", "title": "T\\ud800", "source": "s\\udc00", "\\udfffk": "v", '
                      '"text": "Căn cứ Nghị quyết số 49-NQ/TW\\ud800 của Bộ Chính trị."}\n', encoding="utf-8")
    result = runner.invoke(app, ["build", str(corpus), "-o", str(tmp_path / "out"), "-q", "-j", "1"])
    assert result.exit_code == 0, result.stderr
    assert "Traceback" not in result.stderr and "Exception ignored" not in result.stderr
    doc = inputs.parse_record(corpus.read_bytes(), str(corpus), 1)
    assert (doc.id, doc.title, doc.meta["source"]) == ("a\ufffd", "T\ufffd", "s\ufffd") and "\ufffdk" in doc.meta
    assert doc.text.endswith("49-NQ/TW\ufffd của Bộ Chính trị.")


@pytest.mark.skipif(sys.platform == "win32" or os.fsencode("é") != "é".encode(), reason="POSIX bytes file names")
@pytest.mark.parametrize("command", ["extract", "extract -o", "extract strict", "build"])
def test_a_file_name_that_is_not_utf8_is_written_with_its_bytes_escaped(tmp_path, command):
    # A folder copied from an old Windows archive: b"caf\xe9" (cp1258) is not UTF-8.  Its name
    # came out as lone surrogates, which made build fail with ParquetWriter tracebacks and
    # extract -o, or a stdout in strict UTF-8, end in a UnicodeEncodeError traceback.
    folder = tmp_path / "texts"
    folder.mkdir()
    (folder / os.fsdecode(b"caf\xe9.txt")).write_text("Căn cứ Nghị quyết số 49-NQ/TW của Bộ Chính trị.",
                                                       encoding="utf-8")
    out = tmp_path / "out"
    args = {"extract": ["extract", str(folder)], "extract -o": ["extract", str(folder), "-o", str(out)],
            "extract strict": ["extract", str(folder)],
            "build": ["build", str(folder), "-o", str(out), "-j", "1", "--formats", "json,parquet,graphml"]}[command]
    env = {**os.environ, "PYTHONPATH": str(REPO)} | ({"PYTHONIOENCODING": "utf-8:strict"} if "strict" in command else {})
    done = subprocess.run([sys.executable, "-m", "graphbuild", *args, "-q"], capture_output=True, env=env, cwd=tmp_path,
                          timeout=120, check=False)
    assert done.returncode == 0 and b"Traceback" not in done.stderr and b"Exception ignored" not in done.stderr, \
        done.stderr.decode(errors="replace")[-2000:]
    if command.startswith("extract"):
        lines = (out.read_bytes() if command == "extract -o" else done.stdout).decode("utf-8").splitlines()
        assert [json.loads(line)["doc"] for line in lines] == ["caf\\xe9.txt"]
    else:
        graph = json.loads((out / "graph.json").read_text(encoding="utf-8"))
        assert "doc:caf\\xe9.txt" in {n["id"] for n in graph["nodes"]}
