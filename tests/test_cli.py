"""The command line: --help with an example everywhere, bad input, exit codes, formats."""

from __future__ import annotations

import codecs
import gzip
import json
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from graphbuild.cli.commands import app

from .conftest import REPO

runner = CliRunner()
COMMANDS = [["extract"], ["build"], ["export"], ["stats"], ["show"], ["path"], ["in-force"], ["score"], ["catalog", "build"],
            ["sync"], ["query"], ["annotate"]]


@pytest.mark.parametrize("command", COMMANDS, ids=[" ".join(c) for c in COMMANDS])
def test_every_command_has_help_with_an_example(command):
    result = runner.invoke(app, command + ["--help"])
    assert result.exit_code == 0
    assert "Example" in result.output and "graphbuild " + command[0] in result.output


def test_extract_formats(tmp_path):
    src = tmp_path / "a.txt"
    src.write_text("Căn cứ Nghị định số 100/2019/NĐ-CP ngày 30/12/2019 của Chính phủ.", encoding="utf-8")
    out = runner.invoke(app, ["extract", str(src), "-j", "1"])
    assert out.exit_code == 0
    record = json.loads(out.stdout.splitlines()[0])
    assert (record["doc"], record["symbol"], record["date"]) == ("a.txt", "100/2019/NĐ-CP", "2019-12-30")
    csv_out = runner.invoke(app, ["extract", str(src), "-f", "csv", "-j", "1"])
    assert csv_out.stdout.splitlines()[0].startswith("doc,start,end,text,kind,type")
    table = runner.invoke(app, ["extract", str(src), "-f", "table", "-j", "1"])
    assert "100/2019/NĐ-CP" in table.stdout


def test_extract_reads_stdin():
    out = runner.invoke(app, ["extract", "-", "-j", "1"], input="Kết luận 14 của Bộ Chính trị".encode())
    assert out.exit_code == 0
    assert json.loads(out.stdout)["text"] == "Kết luận 14"


def test_bad_inputs_are_reported_and_the_rest_goes_on(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text("Nghị quyết số 49-NQ/TW", encoding="utf-8")
    (tmp_path / "latin1.txt").write_bytes(b"Ngh\xec quy\xeat s\xf4 49")         # Latin-1/CP1258, not UTF-8
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02PNG")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "utf16.txt").write_bytes(codecs.BOM_UTF16_LE + "Kết luận số 84-KL/TW".encode("utf-16-le"))
    with gzip.open(tmp_path / "c.jsonl.gz", "wt", encoding="utf-8") as f:
        f.write('{"id": "x1", "text": "Chỉ thị số 26-CT/TW"}\n{oops\n{"id": "x3"}\n')
    result = runner.invoke(app, ["extract", str(tmp_path), str(tmp_path / "missing.txt"), "-j", "1"])
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("Error:")]
    assert any("latin1.txt: not valid UTF-8" in e for e in errors)
    assert any("binary.txt: binary file" in e for e in errors)
    assert any("empty.txt: empty file" in e for e in errors)
    assert any("c.jsonl.gz:2: malformed JSON" in e for e in errors)
    assert any('c.jsonl.gz:3: record has no "text"' in e for e in errors)
    assert any("missing.txt: no such file" in e for e in errors)
    assert "Traceback" not in result.stderr
    docs = {json.loads(line)["doc"] for line in result.stdout.splitlines()}
    assert docs == {"x1", "good.txt", "utf16.txt"}


def test_build_writes_every_format_and_a_summary(tmp_path):
    out = tmp_path / "out"
    result = runner.invoke(app, ["build", str(REPO / "data" / "corpus"), "-o", str(out), "-j", "1", "-q"])
    assert result.exit_code == 0, result.output
    for name in ("graph.json", "graph.graphml", "graph.gexf", "graph.cypher", "graph.html", "summary.json",
                 "csv/import.sh"):
        assert (out / name).exists(), name
    assert "instruments:" in result.stdout and "top cited:" in result.stdout
    show = runner.invoke(app, ["show", str(out), "49-NQ/TW"])
    assert show.exit_code == 0 and "cited by" in show.stdout
    stats = runner.invoke(app, ["stats", str(out), "-f", "json"])
    assert json.loads(stats.stdout)["summary"]["documents"] == 4 + 3
    missing = runner.invoke(app, ["show", str(out), "999-XX/TW"])
    assert missing.exit_code == 1 and missing.stderr.startswith("Error: no instrument")


def test_export_of_a_missing_graph_is_one_clear_line(tmp_path):
    result = runner.invoke(app, ["export", str(tmp_path / "nope.json"), "-f", "gexf"])
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines() == [f"Error: {tmp_path / 'nope.json'}: no such graph file"]


def test_installed_entry_point_runs():
    result = subprocess.run([sys.executable, "-m", "graphbuild.cli.commands", "--help"], capture_output=True, text=True)
    assert result.returncode == 0 and "extract" in result.stdout


def test_odd_records_are_read_or_reported_never_crash(tmp_path):
    corpus = tmp_path / "c.jsonl"
    corpus.write_text(
        '{"id": "d1", "date": "20/07/2022", "text": "Kết luận số 84-KL/TW của Bộ Chính trị"}\n'
        '{"id": "d2", "date": "not a date", "text": "Nghị quyết số 49-NQ/TW về \\ud800 cải cách"}\n',
        encoding="utf-8")
    (tmp_path / "empty.jsonl").write_text("\n", encoding="utf-8")
    out = tmp_path / "out"
    result = runner.invoke(app, ["build", str(corpus), str(tmp_path / "empty.jsonl"), "-o", str(out),
                                 "-j", "1", "-q", "--formats", "json"])
    assert result.exit_code == 1                                   # the empty corpus is reported
    assert "empty.jsonl: empty corpus" in result.stderr and "Traceback" not in result.stderr
    data = json.loads((out / "graph.json").read_text(encoding="utf-8"))
    dates = {n["doc_id"]: n.get("date") for n in data["nodes"] if n["label"] == "Document"}
    assert dates == {"d1": "2022-07-20", "d2": None}
    extracted = runner.invoke(app, ["extract", str(corpus), "-j", "1", "-o", str(tmp_path / "x.jsonl")])
    assert extracted.exit_code == 0 and "\ufffd" in (tmp_path / "x.jsonl").read_text(encoding="utf-8")


def test_unwritable_output_is_one_line(tmp_path):
    src = tmp_path / "a.txt"
    src.write_text("Nghị quyết số 49-NQ/TW", encoding="utf-8")
    result = runner.invoke(app, ["extract", str(src), "-j", "1", "-o", str(tmp_path)])
    assert result.exit_code == 1 and result.stderr.startswith(f"Error: {tmp_path}: cannot write")


def test_show_refuses_to_pick_between_instruments(tmp_path):
    out = tmp_path / "out"
    runner.invoke(app, ["build", str(REPO / "data" / "corpus"), "-o", str(out), "-j", "1", "-q",
                        "--formats", "json,graphml"])
    result = runner.invoke(app, ["show", str(out), "27-NQ/TW"])
    assert result.exit_code == 1 and "27-NQ/TW@2022" in result.stderr and "give one of these keys" in result.stderr
    assert runner.invoke(app, ["show", str(out), "27-NQ/TW@2022"]).exit_code == 0
    graphml = runner.invoke(app, ["show", str(out / "graph.graphml"), "49-NQ/TW"])
    assert graphml.exit_code == 1 and "reads its node-link JSON" in graphml.stderr


def test_credentials_in_a_uri_are_never_printed():
    from graphbuild.db.connect import public_uri
    from graphbuild.db.errors import explain_error
    assert public_uri("bolt://neo4j:hunter2@db.example:7687?x=1") == "bolt://db.example:7687"
    message = explain_error(OSError("refused"), "bolt://neo4j:hunter2@db:7687", "neo4j", None, secret='p"w')
    assert "hunter2" not in message and "db:7687" in message
