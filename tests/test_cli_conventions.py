"""The command line behaves like the best (sqlite-utils, csvkit): one test per convention.

--version; shell completion; ``-`` reads JSONL when it is JSONL; one --format set (table,
json, jsonl, csv) wherever a command prints data, the four saying the same; a closed pipe
ends quietly; progress with totals, rate and ETA, silent when stderr is not a terminal
unless asked.  (``query`` running a multi-statement file is tested against a real server in
tests/test_neo4j_integration.py::test_query_runs_schema_cypher...; the examples of every
--help run in tests/test_cli_help_examples.py.)
"""

from __future__ import annotations

import csv
import gzip
import io
import itertools
import json
import os
import subprocess
import sys

import pytest
from typer.testing import CliRunner

import graphbuild
from graphbuild.cli import common
from graphbuild.cli.commands import app

from .conftest import REPO, shared_path

SAMPLE = str(REPO / "data" / "corpus")
ENV = {**os.environ, "PYTHONPATH": str(REPO)}


def run(args, **kwargs):
    return CliRunner().invoke(app, args, prog_name="graphbuild", **kwargs)


def graphbuild_process(args, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "graphbuild", *args], capture_output=True, text=True,
                          env=ENV, **kwargs)


@pytest.fixture(scope="module")
def out(tmp_path_factory):
    folder = tmp_path_factory.mktemp("out")
    result = run(["build", SAMPLE, "-o", str(folder), "-j", "1", "-q", "--formats", "json,html"])
    assert result.exit_code == 0, result.output
    return folder


def test_version():
    assert run(["--version"]).output == f"graphbuild {graphbuild.__version__}\n"
    process = graphbuild_process(["--version"])
    assert (process.returncode, process.stdout) == (0, f"graphbuild {graphbuild.__version__}\n")


def test_shell_completion_is_on_and_completes_commands():
    shown = run(["--show-completion", "bash"])
    assert shown.exit_code == 0 and "_GRAPHBUILD_COMPLETE=complete_bash" in shown.output
    env = {**ENV, "_GRAPHBUILD_COMPLETE": "complete_bash", "COMP_WORDS": "graphbuild ex", "COMP_CWORD": "1"}
    completed = subprocess.run([sys.executable, "-m", "graphbuild"], capture_output=True, text=True, env=env)
    assert completed.stdout.split() == ["extract", "export"]


def bulk_lines(n: int) -> bytes:
    with gzip.open(shared_path("bulk.jsonl.gz"), "rb") as f:
        return b"".join(itertools.islice(f, n))


def test_stdin_jsonl_is_read_as_a_corpus(tmp_path):
    lines = bulk_lines(20)
    ids = [json.loads(line)["id"] for line in lines.splitlines()]
    result = run(["extract", "-", "-f", "jsonl", "-j", "1"], input=lines)
    assert result.exit_code == 0, result.output
    docs = {json.loads(line)["doc"] for line in result.stdout.splitlines()}
    assert docs and docs <= set(ids) and len(docs) > 1          # one document per record, by its id
    built = run(["build", "-", "-o", str(tmp_path / "g"), "-j", "1", "-q", "--formats", "json"], input=lines)
    assert built.exit_code == 0 and built.stdout.startswith("documents: 20 ")


def test_stdin_format_text_keeps_one_document(tmp_path):
    lines = bulk_lines(20)
    built = run(["build", "-", "-o", str(tmp_path / "g"), "-j", "1", "-q", "--formats", "json",
                 "--stdin-format", "text"], input=lines)
    assert built.exit_code == 0 and built.stdout.startswith("documents: 1 ")
    text = "Thực hiện Nghị quyết số 49-NQ/TW ngày 02/6/2005 của Bộ Chính trị.\n".encode()
    auto = run(["extract", "-", "-f", "jsonl", "-j", "1"], input=text)      # plain text: one document
    assert [json.loads(line)["doc"] for line in auto.stdout.splitlines()] == ["-"]
    forced = run(["extract", "-", "--stdin-format", "jsonl", "-j", "1"], input=text)
    assert forced.exit_code == 1 and "Error: -:1: malformed JSON" in forced.output


def parsed(format: str, text: str) -> list[dict]:
    """Rows of any of the four formats as dicts of strings (what CSV can say)."""
    if format == "csv":
        return list(csv.DictReader(io.StringIO(text)))
    rows = json.loads(text) if format == "json" else [json.loads(line) for line in text.splitlines()]
    return [{k: "" if v is None else json.dumps(v, ensure_ascii=False) if isinstance(v, (list, dict)) else str(v)
             for k, v in row.items()} for row in rows]


DATA_COMMANDS = {
    "extract": [SAMPLE, "-j", "1", "-q"],
    "show": ["{out}", "49-NQ/TW"],
    "path": ["{out}", "12-KH/BCĐ", "49-NQ/TW"],
    "stats": ["{out}", "--top", "5"],
    "score": [],
}


@pytest.mark.parametrize("command", sorted(DATA_COMMANDS))
def test_every_data_command_prints_the_same_rows_in_jsonl_and_csv(command, out):
    if command == "score":
        args = [str(shared_path("dev"))]
    else:
        args = [a.format(out=out) for a in DATA_COMMANDS[command]]
    texts = {}
    for format in ("table", "json", "jsonl", "csv"):
        result = run([command, *args, "-f", format])
        assert result.exit_code == 0, (format, result.output)
        texts[format] = result.stdout
    assert texts["table"].strip()
    jsonl, table_csv = parsed("jsonl", texts["jsonl"]), parsed("csv", texts["csv"])
    assert jsonl and [{k: r.get(k, "") for k in table_csv[0]} for r in jsonl] == table_csv
    if command in ("extract", "path"):           # json is the same list of rows
        assert parsed("json", texts["json"]) == jsonl
    else:                                        # json is one object: the rows come from it
        assert json.loads(texts["json"])


def test_stats_csv_is_no_longer_refused(out):
    result = run(["stats", str(out), "-f", "csv"])
    assert result.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert {"section": "summary", "name": "documents", "count": "7"}.items() <= rows[0].items()
    assert any(r["section"] == "top_by_documents" and r["instrument"] == "49-NQ/TW@2005" for r in rows)


@pytest.fixture(scope="module")
def big(tmp_path_factory):
    """A graph whose exports are megabytes: far more than a pipe holds."""
    from graphbuild.export.formats import write

    from .test_html import big_graph

    path = tmp_path_factory.mktemp("big") / "graph.json"
    write(big_graph(instruments=1000, documents=400), "json", path)
    return path


@pytest.mark.parametrize("args", [["export", "{big}", "-f", "json"], ["export", "{big}", "-f", "gexf"],
                                  ["export", "{big}", "-f", "html"], ["stats", "{big}", "--top", "1000", "-f", "jsonl"]])
def test_a_closed_pipe_ends_quietly(big, args):
    process = subprocess.Popen([sys.executable, "-m", "graphbuild", *[a.format(big=big) for a in args]],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=ENV)
    assert process.stdout.read(200)              # like `| head -c 200`
    process.stdout.close()
    err = process.stderr.read().decode()
    process.wait(60)
    # No "Error: [Errno 32] Broken pipe", no traceback.  The exit code is 1 when the writer
    # saw the closed pipe; 0 when CPython's buffered write of a big block lost the rest
    # without a word (a partial write to a pipe, then EPIPE, is not raised).
    assert err == "" and process.returncode in (0, 1)


@pytest.fixture(scope="module")
def bulk_corpus(tmp_path_factory):
    from .test_tables import bulk_sample
    return bulk_sample(tmp_path_factory.mktemp("bulk"), 1500, compress=True)


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_extract_through_a_pipe_writes_what_it_writes_into_a_file(tmp_path, bulk_corpus, jobs):
    # stdout has a buffer of its own when it is a pipe (cli/common.py: STDOUT_BUFFER); several
    # MB go through it here, and a small write after a big one must keep its place.
    out = tmp_path / "out.jsonl"
    assert graphbuild_process(["extract", str(bulk_corpus), "-j", jobs, "-q", "-o", str(out)]).returncode == 0
    piped = subprocess.run([sys.executable, "-m", "graphbuild", "extract", str(bulk_corpus), "-j", jobs, "-q"],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=ENV, check=True)
    assert piped.stderr == b"" and len(piped.stdout) > 2**20         # more than the buffer holds
    assert piped.stdout == out.read_bytes()
    table = subprocess.run([sys.executable, "-m", "graphbuild", "extract", str(bulk_corpus), "-j", jobs, "-q",
                            "-f", "csv"], stdout=subprocess.PIPE, env=ENV, check=True).stdout
    assert graphbuild_process(["extract", str(bulk_corpus), "-j", jobs, "-q", "-f", "csv", "-o", str(out)]).returncode == 0
    assert table == out.read_bytes() and table.startswith(b"doc,start,end,")   # the header first


def _ended(process: subprocess.Popen, timeout: float = 60) -> str:
    """Its stderr once it has ended: a failure, not a hung test run, if it does not end."""
    try:
        process.wait(timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        pytest.fail(f"still running {timeout} s after its reader went away")
    return process.stderr.read().decode()


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_extract_into_a_closed_pipe_ends_quietly(bulk_corpus, jobs):
    # at 2 jobs, the workers are busy sending results when the 1 MB buffer meets the closed pipe
    process = subprocess.Popen([sys.executable, "-m", "graphbuild", "extract", str(bulk_corpus), "-q", "-j", jobs],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=ENV)
    assert process.stdout.read(200)
    process.stdout.close()
    assert _ended(process) == "" and process.returncode in (0, 1)


def test_progress_is_silent_when_stderr_is_not_a_terminal(tmp_path):
    process = graphbuild_process(["build", SAMPLE, "-o", str(tmp_path / "g"), "-j", "1"])
    assert process.returncode == 0 and process.stderr == ""


def test_progress_when_asked_has_total_rate_eta_and_the_export_phase(tmp_path):
    process = graphbuild_process(["build", SAMPLE, "-o", str(tmp_path / "g"), "-j", "1", "--progress",
                                  "--formats", "json,html"])
    lines = process.stderr.splitlines()
    total = sum(p.stat().st_size for p in (REPO / "data" / "corpus").iterdir() if p.is_file()) / 1e6
    assert lines[0].startswith("build: 7 documents, ") and f"/{total:,.1f} MB (100%)" in lines[0]
    assert "MB/s" in lines[0] and "docs/s" in lines[0] and "ETA 0:00:00" in lines[0]
    assert lines[1].startswith("export: 1/2 json") and lines[2].startswith("export: 2/2 html")
    assert all("ETA" in line for line in lines[1:])
    quiet = graphbuild_process(["build", SAMPLE, "-o", str(tmp_path / "g"), "-j", "1", "--progress", "-q"])
    assert quiet.stderr == ""


def test_progress_of_extract_knows_the_size_of_a_gzip_corpus(tmp_path):
    corpus = tmp_path / "c.jsonl.gz"
    data = bulk_lines(30)
    corpus.write_bytes(gzip.compress(data))
    process = graphbuild_process(["extract", str(corpus), "-j", "1", "--progress", "-o", str(tmp_path / "x.jsonl")])
    assert process.returncode == 0
    assert f"{len(data) / 1e6:,.1f}/{len(data) / 1e6:,.1f} MB (100%)" in process.stderr.splitlines()[-1]


def test_export_help_says_what_it_reads_and_a_graphml_is_refused_in_one_line(out, tmp_path):
    from graphbuild.export.formats import write

    help_text = run(["export", "--help"]).output
    assert "graph.json or a build folder" in help_text and "not read back" in help_text
    graphml = tmp_path / "g.graphml"
    write(graphbuild.read_graph(out), "graphml", graphml)
    result = run(["export", str(graphml), "-f", "json"])
    assert result.exit_code == 1 and result.output.startswith("Error: ") and len(result.output.splitlines()) == 1


def test_extract_starts_without_the_graph_libraries():
    # graphbuild extract is the hot path of a corpus run: NetworkX, the exporters, the graph
    # pipeline and the Neo4j driver are imported by the commands that use them, not at start.
    code = ("import sys; from graphbuild.cli.commands import app; "
            "print(sorted(m for m in ('networkx', 'neo4j', 'pyarrow', 'graphbuild.build', 'graphbuild.pipeline', "
            "'graphbuild.export.graphml') if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


_BUFFERED = """
import io, os, sys
from graphbuild.cli.common import output_stream
read_end, write_end = os.pipe()
os.dup2(write_end, 1)
sys.stdout = io.TextIOWrapper(open(1, "wb", closefd=False), encoding="utf-8")
os.set_blocking(read_end, False)


def written():
    try:
        return len(os.read(read_end, 100_000))
    except BlockingIOError:
        return 0


with output_stream(None) as out:
    out.write("x" * 50_000)                    # Python's own stdout would have sent 48 KB by now
    early = written()
print(early, written(), file=sys.stderr)
"""


def test_stdout_into_a_pipe_is_written_a_megabyte_at_a_time():
    done = subprocess.run([sys.executable, "-c", _BUFFERED], capture_output=True, text=True, env=ENV, check=True)
    assert done.stderr.split() == ["0", "50000"]
    unbuffered = subprocess.run([sys.executable, "-u", "-c", _BUFFERED.replace('encoding="utf-8"',
                                 'encoding="utf-8", write_through=True')], capture_output=True, text=True, env=ENV,
                                check=True)
    assert unbuffered.stderr.split() == ["50000", "0"]     # python -u: written as it comes


def _citing_corpus(path, records: int, bad_line: int | None = None) -> None:
    """Records of made-up text with many citations; line ``bad_line`` (1-based) has no text."""
    text = "Theo Nghị quyết số 49-NQ/TW và Nghị định 100/2019/NĐ-CP, Luật số 45/2019/QH14. " * 12
    with open(path, "w", encoding="utf-8") as f:
        for i in range(records):
            record = {"text": 5} if i + 1 == bad_line else {"id": f"d{i}", "text": text}
            f.write(json.dumps(record, ensure_ascii=False) + "\n")


def test_an_input_error_keeps_its_place_in_a_merged_log(tmp_path):
    corpus = tmp_path / "c.jsonl"
    _citing_corpus(corpus, 200, bad_line=101)              # records d0..d99 come before it
    done = subprocess.run([sys.executable, "-m", "graphbuild", "extract", str(corpus), "-j", "1", "-q"],
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=ENV, check=False)
    lines = done.stdout.decode().splitlines()
    error = next(i for i, line in enumerate(lines) if line.startswith("Error: "))
    assert lines[error].startswith(f"Error: {corpus}:101:")
    late = sum(len(line) + 1 for line in lines[error + 1:]
               if line.startswith("{") and int(json.loads(line)["doc"][1:]) < 100)
    assert late == 0, f"{late:,} bytes of earlier records' output come after the error line"
    assert sum(1 for line in lines[:error] if line.startswith("{")) > 0


def test_a_closed_pipe_ends_quietly_in_python_dev_mode(tmp_path):
    corpus = tmp_path / "c.jsonl"
    _citing_corpus(corpus, 50)
    process = subprocess.Popen([sys.executable, "-X", "dev", "-m", "graphbuild", "extract", str(corpus),
                                "-j", "1", "-q"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=ENV)
    process.stdout.close()                      # the reader is gone before anything is written
    err = _ended(process)
    assert "Exception ignored" not in err and "Traceback" not in err, err
    assert process.returncode == 1


class _ShortWrites(io.RawIOBase):
    """A raw stream that takes at most 5 bytes a write, as a pipe may under a signal."""

    def __init__(self):
        self.data = bytearray()

    def writable(self):
        return True

    def write(self, b):
        taken = bytes(b[:5])
        self.data += taken
        return len(taken)


@pytest.mark.parametrize("how", ["write_through", "line_buffering"])
def test_utf8_sink_writes_everything_into_a_raw_stream_that_takes_part(how):
    # python -u: stdout's binary stream is the raw file itself; extract writes its bytes there
    raw = _ShortWrites()
    out = io.TextIOWrapper(raw, encoding="utf-8", **{how: True}) if how == "write_through" else \
        io.TextIOWrapper(io.BufferedWriter(raw, 8), encoding="utf-8", line_buffering=True)
    write = common.utf8_sink(out)
    lines = "".join(f'{{"doc": "Nghị quyết {i}"}}\n' for i in range(50)).encode()
    write(lines)
    assert bytes(raw.data) == lines
