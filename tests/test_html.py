"""The HTML export: one self-contained page, safe JSON, the cap on big graphs."""

from __future__ import annotations

import io
import json
import re

import networkx as nx
from typer.testing import CliRunner

from graphbuild.export import html as view
from graphbuild.export import formats as rw
from graphbuild.cli.commands import app
from graphbuild.graph.builder import DOCUMENT, INSTRUMENT

from .conftest import REPO

DATA_BLOCK = re.compile(r'<script type="application/json" id="graph-data">(.*?)</script>', re.S)


def page_of(g, **options) -> str:
    buffer = io.BytesIO()
    view.write_html(g, buffer, **options)
    return buffer.getvalue().decode("utf-8")


def embedded_data(page: str) -> dict:
    blocks = DATA_BLOCK.findall(page)
    assert len(blocks) == 1
    return json.loads(blocks[0])


def big_graph(instruments: int, documents: int) -> nx.MultiDiGraph:
    """Instrument i is cited by the documents d with d % (i + 1) == 0: a long tail."""
    g = nx.MultiDiGraph()
    for d in range(documents):
        g.add_node(f"doc:d{d}", label=DOCUMENT, doc_id=f"d{d}", date=f"{2000 + d % 25}-01-01")
    for i in range(instruments):
        node = f"inst:{i}-NQ/TW@2020"
        citing = [d for d in range(documents) if d % (i + 1) == 0]
        g.add_node(node, label=INSTRUMENT, key=f"{i}-NQ/TW@2020", symbol=f"{i}-NQ/TW", type="Nghị quyết",
                   kind="party", year=2000 + i % 25, status="resolved", documents=len(citing))
        for d in citing:
            g.add_edge(f"doc:d{d}", node, key="CITES", type="CITES", count=1,
                       evidence=[{"doc": f"d{d}", "start": 0, "end": 5, "sentence": f"Nghị quyết số {i}-NQ/TW",
                                  "rule": "test"}])
    return g


def test_the_page_embeds_every_instrument_and_document_of_a_small_graph(sample_graph):
    data = embedded_data(page_of(sample_graph))
    groups = [n["group"] for n in data["nodes"]]
    labels = [a.get("label") for _, a in sample_graph.nodes(data=True)]
    assert groups.count("Instrument") == labels.count(INSTRUMENT) == data["totals"]["instruments"]
    assert groups.count("Document") == labels.count(DOCUMENT) == data["totals"]["documents"]
    shown_edges = [k for _, _, k in sample_graph.edges(keys=True) if k != "ISSUED_BY"]
    assert len(data["edges"]) == len(shown_edges)
    assert {t for t, _ in data["relations"]} == set(shown_edges)


def test_nodes_carry_size_colour_year_and_evidence(sample_graph):
    data = embedded_data(page_of(sample_graph))
    node = next(n for n in data["nodes"] if n["id"] == "inst:49-NQ/TW@2005")
    assert (node["label"], node["type"], node["year"], node["size"]) == ("49-NQ/TW@2005", "Nghị quyết", 2005, 2)
    assert node["colour"] == dict(data["types"])["Nghị quyết"]
    assert node["fields"]["issuer"] == "Bộ Chính trị"
    index = data["nodes"].index(node)
    reviews = [e for e in data["edges"] if e["target"] == index and e["type"] == "REVIEWS"]
    assert reviews and "49-NQ/TW" in reviews[0]["evidence"][0]["sentence"]


def test_the_page_is_self_contained(sample_graph):
    page = page_of(sample_graph)
    assert "<link" not in page and not re.search(r"<script[^>]*\bsrc=", page)
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", page)
    assert not re.search(r"\b(?:fetch|XMLHttpRequest|import)\s*\(", page)
    # The only URL is the SVG namespace, which is a name, not a download.
    assert set(re.findall(r"https?://[^\s\"'<>]+", page)) <= {"http://www.w3.org/2000/svg"}


def test_text_cannot_break_out_of_the_json_block():
    g = nx.MultiDiGraph()
    evil = '</script><script>alert("x")</script><!-- & </SCRIPT'
    g.add_node("doc:a", label=DOCUMENT, doc_id="a", title=evil)
    g.add_node("inst:x", label=INSTRUMENT, key="x", name=evil, type="Luật", documents=1, status="resolved")
    g.add_edge("doc:a", "inst:x", key="CITES", type="CITES", count=1,
               evidence=[{"doc": "a", "start": 0, "end": 1, "sentence": evil, "rule": "t"}])
    page = page_of(g, title=evil)
    assert page.lower().count("</script") == 2          # the data block's and the code's
    assert "<!--" not in page
    data = embedded_data(page)
    assert data["nodes"][0]["fields"]["name"] == evil and data["title"] == evil
    assert "<title>&lt;/script&gt;" in page


def test_big_graphs_are_capped_to_the_most_cited():
    g = big_graph(instruments=500, documents=400)
    data = embedded_data(page_of(g, limit=300, doc_limit=100))
    instruments = [n for n in data["nodes"] if n["group"] == "Instrument"]
    assert data["totals"] == {"instruments": 500, "documents": 400}
    assert data["shown"] == {"instruments": 300, "documents": 100} == {
        "instruments": len(instruments), "documents": len(data["nodes"]) - len(instruments)}
    assert [n["size"] for n in instruments] == sorted((n["size"] for n in instruments), reverse=True)
    assert instruments[0]["id"] == "inst:0-NQ/TW@2020"      # cited by every document


def test_write_html_to_a_path_is_atomic_and_complete(sample_graph, tmp_path):
    target = tmp_path / "view" / "graph.html"
    rw.write(sample_graph, "html", target)
    text = target.read_text(encoding="utf-8")
    assert text.startswith("<!DOCTYPE html>") and text.rstrip().endswith("</html>")
    assert [p.name for p in target.parent.iterdir()] == ["graph.html"]


def test_export_command_writes_the_view(tmp_path):
    runner = CliRunner()
    out = tmp_path / "out"
    assert runner.invoke(app, ["build", str(REPO / "data" / "corpus"), "-o", str(out), "-j", "1", "-q",
                               "--formats", "json"]).exit_code == 0
    result = runner.invoke(app, ["export", str(out), "--format", "html", "-o", str(tmp_path / "graph.html")])
    assert result.exit_code == 0, result.output
    data = embedded_data((tmp_path / "graph.html").read_text(encoding="utf-8"))
    assert any(n["id"] == "inst:49-NQ/TW@2005" for n in data["nodes"])


def test_static_files_are_shipped_as_package_data():
    for name in ("graph_view.html", "graph_view.css", "graph_view.js", "annotate.css"):
        assert view.static_text(name).strip()
    pyproject = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    assert '"static/*"' in pyproject
