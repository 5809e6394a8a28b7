"""Issue 13, one test (or a few) per defect that still failed: XML-illegal characters (2),
an output folder mixing two builds (4), hand-edited or foreign graph.json and the Cypher
injection (6), and the smaller ones (10).  Items 1 and 8 are tests/test_input_validation.py,
5 is tests/test_signals.py, 3 the tests/test_neo4j_* password tests, 7 and 9
tests/test_catalog_schema.py; the fault tests are tests/test_faults.py.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import xml.dom.minidom
from pathlib import Path

import networkx as nx
import pytest
from typer.testing import CliRunner

from graphbuild import build_corpus
from graphbuild.cli.commands import app
from graphbuild.export import formats
from graphbuild.export.neo4j_csv import csv_tables
from graphbuild.export.nodelink import read_json, write_json
from graphbuild.export.staging import StagedOutput
from graphbuild.graph.schema import FORMAT_VERSION, GraphFormatError

runner = CliRunner()

ILLEGAL = "".join(chr(c) for c in (*range(1, 9), 0x0B, 0x0C, *range(0x0E, 0x20))) + "\ufffe\uffff"
TEXT = "Căn cứ Nghị quyết số 49-NQ/TW{bad} ngày 02/6/2005 của Bộ Chính trị{bad}; thực hiện Kết luận số 14-KL/TW."


def _corpus(tmp_path: Path, bad: str = ILLEGAL) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir(exist_ok=True)
    (folder / "a.txt").write_text(TEXT.format(bad=bad), encoding="utf-8")
    (folder / "b.jsonl").write_text(json.dumps({"id": "b" + bad, "text": TEXT.format(bad=bad),
                                                "title": "T" + bad}) + "\n", encoding="utf-8")
    return folder


def _snapshot(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha1(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


# --- 2: XML-illegal characters -----------------------------------------------------------

def test_control_characters_make_well_formed_graphml_and_gexf_with_exact_evidence(tmp_path):
    out = tmp_path / "out"
    result = runner.invoke(app, ["build", str(_corpus(tmp_path)), "-o", str(out), "-q", "-j", "1"])
    assert result.exit_code == 0, result.stderr
    g = read_json(out / "graph.json")
    evidence = sorted(json.dumps(d.get("evidence", [])) for *_, d in g.edges(data=True))
    sentences = [json.loads(x)[0]["sentence"] for x in evidence if x != "[]"]
    assert all("\x01" in s and "\ufffe" in s for s in sentences) and sentences
    for name, reader in (("graph.graphml", nx.read_graphml), ("graph.gexf", nx.read_gexf)):
        xml.dom.minidom.parse(str(out / name))                  # raises on a non-XML character
        back = reader(out / name)
        assert sorted(json.dumps(json.loads(d.get("evidence", "[]"))) for *_, d in back.edges(data=True)) == evidence
        titles = [a["title"] for _, a in back.nodes(data=True) if a.get("title", "").startswith("T\ufffd")]
        assert titles == ["T" + "\ufffd" * len(ILLEGAL)]         # one for one: offsets keep their meaning


# --- 4: one build, whole -------------------------------------------------------------------

def _build(tmp_path, out, *extra):
    return runner.invoke(app, ["build", str(_corpus(tmp_path, "")), "-o", str(out), "-q", "-j", "1", *extra])


def test_a_failure_during_the_exports_leaves_the_old_build_whole(tmp_path, monkeypatch):
    out = tmp_path / "out"
    assert _build(tmp_path, out, "--formats", "json").exit_code == 0
    before = _snapshot(out)
    real = formats.FORMATS["cypher"].writer

    def full_disk(g, target):
        real(g, target)
        raise OSError(28, "No space left on device", str(target))
    monkeypatch.setitem(formats.FORMATS, "cypher", formats.FORMATS["cypher"].__class__(
        "cypher", full_disk, "graph.cypher", False, "test"))
    result = _build(tmp_path, out)
    assert result.exit_code == 1
    assert result.stderr == f"Error: {out}: cannot write the graph (No space left on device)\n"
    assert _snapshot(out) == before
    assert sorted(os.listdir(tmp_path)) == [".out.lock", "corpus", "out"]


def test_an_unwritable_output_fails_before_the_parse(tmp_path):
    (tmp_path / "file").write_text("x")
    result = runner.invoke(app, ["build", str(tmp_path / "missing.txt"), "-o", str(tmp_path / "file" / "out")])
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [f"Error: {tmp_path / 'file' / 'out'}: cannot write the graph here "
                                          "(Not a directory)"]      # the missing input was never read


def test_two_builds_into_one_folder_at_once_are_refused(tmp_path):
    out = tmp_path / "out"
    holder = StagedOutput(out).open()
    try:
        result = _build(tmp_path, out)
    finally:
        holder.close()
    assert result.exit_code == 1 and "Traceback" not in result.stderr
    assert result.stderr.startswith(f"Error: {out}: another graphbuild (pid {os.getpid()}) is writing this folder")
    assert not out.exists()


def test_leftovers_of_a_killed_run_are_cleaned_by_the_next(tmp_path):
    out = tmp_path / "out"
    assert _build(tmp_path, out).exit_code == 0
    (tmp_path / ".out.staging-abcd1234").mkdir()
    (tmp_path / ".out.staging-abcd1234" / "graph.json").write_bytes(b"x" * 1000)
    (out / ".graph.gexf.f4vlpo7_").write_bytes(b"half")
    (out / "csv" / ".nodes_Body.csv.a1b2c3d4").write_bytes(b"half")
    (out / "notes.txt").write_text("mine")
    assert _build(tmp_path, out).exit_code == 0
    assert sorted(os.listdir(tmp_path)) == [".out.lock", "corpus", "out"]
    assert not [p for p in out.rglob(".*")]
    assert (out / "notes.txt").read_text() == "mine"              # the user's files stay
    os.chmod(out, 0o750)
    assert _build(tmp_path, out).exit_code == 0
    assert os.stat(out).st_mode & 0o777 == 0o750                   # and the folder's mode


def test_a_new_output_folder_gets_the_umask_mode_not_0700(tmp_path):
    old = os.umask(0o022)
    try:
        assert _build(tmp_path, tmp_path / "out").exit_code == 0
    finally:
        os.umask(old)
    assert os.stat(tmp_path / "out").st_mode & 0o777 == 0o755


def test_a_run_killed_between_the_two_renames_gets_its_old_build_back(tmp_path):
    out = tmp_path / "out"
    assert _build(tmp_path, out).exit_code == 0
    before = _snapshot(out)
    (tmp_path / ".out.old-x").mkdir()
    os.rename(out, tmp_path / ".out.old-x" / "build")                # where the fallback swap stops
    with StagedOutput(out):
        assert _snapshot(out) == before


# --- 6: a hand-edited or foreign graph.json ---------------------------------------------------

def _good_data(tmp_path) -> dict:
    g = build_corpus(_corpus(tmp_path, ""), jobs=1)
    buffer = io.BytesIO()
    write_json(g, buffer)
    return json.loads(buffer.getvalue())


def _edited(data: dict, change: str) -> object:
    data = json.loads(json.dumps(data))
    node, edge = data["nodes"][0], data["edges"][0]
    if change == "no-label":
        del node["label"]
    elif change == "wrong-type":
        next(n for n in data["nodes"] if n["label"] == "Instrument")["year"] = "2005"
    elif change == "dangling-edge":
        edge["target"] = "inst:nowhere"
    elif change == "deep":
        return "[" * 50_000 + "]" * 50_000
    elif change == "injection":
        edge["type"] = "REVIEWS]->(b) WITH a MATCH (n) DETACH DELETE n //"
    elif change == "newer":
        data["version"] = FORMAT_VERSION + 1
    elif change == "foreign":
        return {"nodes": [{"id": 1}], "links": []}
    elif change == "evidence":
        edge["evidence"] = [{"doc": "a", "start": "0"}]
    elif change == "unknown-property":
        node["onclick"] = "alert(1)"
    elif change == "no-key":
        del next(n for n in data["nodes"] if n["label"] == "Instrument")["key"]
    elif change == "id-not-key":
        next(n for n in data["nodes"] if n["label"] == "Instrument")["id"] = "inst:other"
    elif change == "no-status":
        del next(n for n in data["nodes"] if n["label"] == "Instrument")["status"]
    elif change == "bad-date":              # the HTML view took int() of its first four characters
        next(n for n in data["nodes"] if n["label"] == "Document")["date"] = "ngày 2/6"
    return data


CHANGES = ["no-label", "wrong-type", "dangling-edge", "deep", "injection", "newer", "foreign", "evidence",
           "unknown-property", "no-key", "id-not-key", "no-status", "bad-date"]
COMMANDS = {
    "stats": lambda g, t: ["stats", str(g)],
    "show": lambda g, t: ["show", str(g), "49-NQ/TW"],
    "export-cypher": lambda g, t: ["export", str(g), "-f", "cypher", "-o", str(t / "x.cypher")],
    "export-html": lambda g, t: ["export", str(g), "-f", "html", "-o", str(t / "x.html")],
    "update": lambda g, t: ["build", str(t / "corpus"), "--update", str(g), "-o", str(t / "out"), "-q", "-j", "1"],
    "sync": lambda g, t: ["sync", str(g), "--uri", "bolt://127.0.0.1:1", "--no-auth"],
}


@pytest.mark.parametrize("change", CHANGES)
@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_an_edited_graph_json_is_one_error_line_and_writes_nothing(tmp_path, change, command):
    data = _edited(_good_data(tmp_path), change)
    path = tmp_path / "graph.json"
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    result = runner.invoke(app, COMMANDS[command](path, tmp_path))
    assert result.exit_code == 1, result.stdout
    assert result.stderr.startswith(f"Error: {path}: not a graphbuild graph: "), result.stderr
    assert result.stderr.count("\n") == 1 and result.stdout == ""
    assert not {"x.cypher", "x.html", "out"} & set(os.listdir(tmp_path))


def test_an_older_graph_json_without_a_version_is_read_as_version_1(tmp_path):
    data = _good_data(tmp_path)
    assert (data["format"], data["version"]) == ("graphbuild-graph", FORMAT_VERSION)
    old = {k: v for k, v in data.items() if k not in ("format", "version")}
    g = read_json(io.BytesIO(json.dumps(old).encode()))
    assert json.loads(json.dumps(data)) == _reencode(g)


def test_a_hand_made_graph_without_counters_reads_them_as_zero_and_updates(tmp_path):
    path = tmp_path / "graph.json"
    path.write_text(json.dumps({"nodes": [
        {"id": "doc:x", "label": "Document", "doc_id": "x"},
        {"id": "inst:49-NQ/TW@2005", "label": "Instrument", "key": "49-NQ/TW@2005", "status": "resolved"}],
        "edges": [{"source": "doc:x", "target": "inst:49-NQ/TW@2005", "type": "CITES"}]}), encoding="utf-8")
    g = read_json(path)
    assert g.nodes["inst:49-NQ/TW@2005"]["mentions"] == 0 and g.edges["doc:x", "inst:49-NQ/TW@2005", "CITES"]["count"] == 1
    result = runner.invoke(app, ["build", str(_corpus(tmp_path, "")), "--update", str(path), "-o",
                                 str(tmp_path / "out"), "-q", "-j", "1", "--formats", "json"])
    assert result.exit_code == 0, result.stderr
    assert read_json(tmp_path / "out" / "graph.json").nodes["inst:49-NQ/TW@2005"]["documents"] == 2


def _reencode(g) -> dict:
    buffer = io.BytesIO()
    write_json(g, buffer)
    return json.loads(buffer.getvalue())


def test_the_cypher_writer_refuses_a_type_that_is_not_the_vocabularys(tmp_path):
    g = build_corpus(_corpus(tmp_path, ""), jobs=1)
    u, v, k = next(iter(g.edges(keys=True)))
    g.edges[u, v, k]["type"] = "CITES]->(b) DETACH DELETE b //"
    with pytest.raises(ValueError, match="refusing to write it into Cypher"):
        formats.write(g, "cypher", io.BytesIO())
    with pytest.raises(GraphFormatError):
        read_json(io.BytesIO(json.dumps(_reencode_unchecked(g)).encode()))


def _reencode_unchecked(g) -> dict:
    return {"nodes": [{"id": n, **a} for n, a in g.nodes(data=True)],
            "edges": [{"source": u, "target": v, "key": k, **a} for u, v, k, a in g.edges(keys=True, data=True)]}


# --- 10: the smaller ones ------------------------------------------------------------------------

def test_csv_arrays_keep_their_semicolons(tmp_path):
    g = build_corpus(_corpus(tmp_path, ";"), jobs=1)
    tables = csv_tables(g)
    delimiter = "\x1f"
    assert "--array-delimiter=U+001F" in tables["import.sh"]
    rows = list(csv.DictReader(io.StringIO(tables["rels_Document_Instrument.csv"])))
    evidence = [e for r in rows for e in r["evidence:string[]"].split(delimiter)]
    assert any("49-NQ/TW; ngày" in e for e in evidence)
    assert sorted(evidence) == sorted(f"{e['doc']} [{e['start']}:{e['end']}] {e['sentence']}"
                                      for u, v, d in g.edges(data=True) if g.nodes[u]["label"] == "Document"
                                      for e in d.get("evidence", []))


def test_csv_picks_another_delimiter_when_a_value_holds_it(tmp_path):
    g = build_corpus(_corpus(tmp_path, "\x1f"), jobs=1)
    script = csv_tables(g)["import.sh"]
    assert "--array-delimiter=U+001E" in script


def test_a_negative_top_is_refused(tmp_path):
    out = tmp_path / "out"
    assert _build(tmp_path, out, "--formats", "json").exit_code == 0
    result = runner.invoke(app, ["stats", str(out), "--top", "-1"])
    assert result.exit_code == 2 and "greater than or equal to 0" in " ".join(result.stderr.split())
    assert runner.invoke(app, ["stats", str(out), "--top", "0"]).exit_code == 0


def test_a_write_error_names_the_target_not_its_temp_file(tmp_path, monkeypatch):
    out = tmp_path / "out"
    assert _build(tmp_path, out, "--formats", "json").exit_code == 0

    def full(fd):
        raise OSError(28, "No space left on device")
    monkeypatch.setattr("graphbuild.fileio.os.fsync", full)
    result = runner.invoke(app, ["export", str(out), "-f", "gexf", "-o", str(tmp_path / "g.gexf")])
    assert result.exit_code == 1
    assert result.stderr == f"Error: {tmp_path / 'g.gexf'}: cannot write (No space left on device)\n"
    assert sorted(os.listdir(tmp_path)) == [".out.lock", "corpus", "out"]


def test_catalog_build_with_an_unwritable_output_fails_before_the_parse(tmp_path):
    (tmp_path / "file").write_text("x")
    result = runner.invoke(app, ["catalog", "build", str(tmp_path / "missing.txt"), "-o", str(tmp_path / "file" / "c.json")])
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [f"Error: {tmp_path / 'file' / 'c.json'}: cannot write (Not a directory)"]


def test_a_folder_whose_parent_is_read_only_is_written_from_inside(tmp_path, monkeypatch):
    out = tmp_path / "out"
    assert _build(tmp_path, out, "--formats", "json").exit_code == 0
    (out / "notes.txt").write_text("mine")
    real = os.access
    monkeypatch.setattr("graphbuild.export.staging.os.access",
                        lambda p, mode: False if Path(p) == tmp_path else real(p, mode))
    assert _build(tmp_path, out, "--formats", "json,cypher").exit_code == 0
    assert sorted(os.listdir(out)) == [".graphbuild.lock", "graph.cypher", "graph.json", "notes.txt", "summary.json"]
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".out.staging")]


def test_a_json_error_reads_as_one_phrase():
    # the json module's "Invalid control character at" made "... at at column 12"
    from graphbuild.corpus.inputs import InputError, parse_record
    with pytest.raises(InputError) as exc:
        parse_record(b'{"text": "a\x01b"}', "c.jsonl", 3)
    assert str(exc.value) == "c.jsonl:3: malformed JSON (Invalid control character at column 12)"
    with pytest.raises(GraphFormatError, match=r"^malformed JSON \(Expecting value at line 1 column 2\)$"):
        read_json(io.BytesIO(b"[,"))
