"""The explorer's local server (graphbuild/view/serve.py), over real HTTP on 127.0.0.1."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from urllib.parse import quote

import pytest

from graphbuild.view.serve import HOST, ExplorerServer

from .conftest import REPO, running_explorer


@pytest.fixture(scope="module")
def server(sample_graph):
    with running_explorer(sample_graph) as srv:
        yield srv


def get(server, path: str) -> tuple[int, str, bytes]:
    try:
        with urllib.request.urlopen(server.url + path, timeout=30) as answer:
            return answer.status, answer.headers["Content-Type"], answer.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers["Content-Type"], error.read()


def test_it_listens_on_loopback_only_on_a_free_port(server):
    host, port = server.server_address[:2]
    assert host == HOST == "127.0.0.1" and port > 0
    assert server.url == f"http://127.0.0.1:{port}/"


def test_the_page_and_the_index(server, sample_graph):
    status, kind, body = get(server, "")
    assert status == 200 and kind.startswith("text/html") and b'data-mode="server"' in body
    status, kind, body = get(server, "api/index.json")
    index = json.loads(body)
    keys = {a["key"] for _, a in sample_graph.nodes(data=True) if a.get("label") == "Instrument"}
    assert status == 200 and kind == "application/json" and set(index["nodes"]["key"]) == keys


def test_an_instrument_brings_the_documents_its_evidence_names(server):
    index = json.loads(get(server, "api/index.json")[2])
    i = index["nodes"]["key"].index("49-NQ/TW@2005")
    data = json.loads(get(server, f"api/instrument/{i}.json")[2])
    named = {ev[0] for part in ("out", "in", "docs") for row in data["details"][part] for ev in row[3]}
    assert named and {int(d) for d in data["documents"]} >= named
    assert all(set(doc) == {"id", "title", "date", "url"} for doc in data["documents"].values())


def test_a_document_page_is_the_annotated_text(server):
    status, kind, body = get(server, "doc/" + quote("news-2023-001", safe=""))
    page = body.decode("utf-8")
    assert status == 200 and 'data-doc="news-2023-001"' in page and 'class="cite' in page
    assert 'href="/#49-NQ%2FTW%402005"' in page                # back to the explorer's page
    assert "evidence-target" in page and "← graphbuild explorer" in page


@pytest.mark.parametrize("path", ["nothing", "api/instrument/99999.json", "api/instrument/x.json",
                                  "doc/" + quote("no such document", safe="")])
def test_unknown_paths_are_404(server, path):
    status, _, body = get(server, path)
    assert status == 404 and body


def test_the_serve_command_prints_its_address_and_stops_cleanly_on_ctrl_c(tmp_path):
    import os
    import signal
    import subprocess
    import sys

    out = tmp_path / "out"
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    subprocess.run([sys.executable, "-m", "graphbuild", "build", str(REPO / "data" / "corpus"), "-o", str(out),
                    "-j", "1", "-q", "--formats", "json"], check=True, env=env, capture_output=True)
    proc = subprocess.Popen([sys.executable, "-m", "graphbuild", "serve", str(out), "--port", "0"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    try:
        url = proc.stdout.readline().strip()
        assert url.startswith("http://127.0.0.1:") and url.endswith("/")
        with urllib.request.urlopen(url + "api/index.json", timeout=30) as answer:
            assert "49-NQ/TW@2005" in json.loads(answer.read())["nodes"]["key"]
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=30)
    finally:
        proc.kill()
    assert proc.returncode == 0, err
    assert "Traceback" not in err and "stopped" in err


def test_serve_refuses_a_folder_without_a_graph(tmp_path):
    from typer.testing import CliRunner

    from graphbuild.cli.commands import app

    result = CliRunner().invoke(app, ["serve", str(tmp_path), "--port", "0"])
    assert result.exit_code == 1 and result.output.startswith("Error: ") and "Traceback" not in result.output


def test_a_document_page_links_its_source_url_only_when_it_is_http(sample_graph):
    import copy

    g = copy.deepcopy(sample_graph)
    g.nodes["doc:news-2023-001"]["url"] = "https://example.org/tin/hoi-thao?a=1&b=2"
    g.nodes["doc:news-2023-002"]["url"] = "javascript:alert(1)"
    srv = ExplorerServer(g, port=0, bases=[REPO])
    good = srv.document_page("news-2023-001").decode("utf-8")
    bad = srv.document_page("news-2023-002").decode("utf-8")
    srv.server_close()
    assert '<a class="source-link" href="https://example.org/tin/hoi-thao?a=1&amp;b=2"' in good
    assert "javascript:" not in bad and "source-link" not in bad.split("</nav>")[0]
