"""The HTML export: the explorer as one self-contained page, every instrument in it, safe JSON."""

from __future__ import annotations

import io
import json
import re

import networkx as nx
from typer.testing import CliRunner

from graphbuild.corpus.inputs import iter_documents
from graphbuild.export import html as view
from graphbuild.export import formats as rw
from graphbuild.cli.commands import app
from graphbuild.graph.builder import DOCUMENT, INSTRUMENT
from graphbuild.graph.vocab import RELATION_TYPES
from graphbuild.view.explorer import explorer_data, fold
from graphbuild.view.page import render_explorer, static_text

from .conftest import REPO

BLOCK = r'<script type="application/json" id="explorer-{}">(.*?)</script>'


def page_of(g, **options) -> str:
    buffer = io.BytesIO()
    view.write_html(g, buffer, **options)
    return buffer.getvalue().decode("utf-8")


def embedded(page: str, name: str) -> dict:
    blocks = re.findall(BLOCK.format(name), page, re.S)
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


def test_the_page_embeds_every_instrument_and_relation(sample_graph):
    page = page_of(sample_graph)
    index, details = embedded(page, "index"), embedded(page, "details")
    instruments = {a["key"] for _, a in sample_graph.nodes(data=True) if a.get("label") == INSTRUMENT}
    assert set(index["nodes"]["key"]) == instruments and index["totals"]["instruments"] == len(instruments)
    relations = sorted((sample_graph.nodes[u]["key"], sample_graph.nodes[v]["key"], k)
                       for u, v, k in sample_graph.edges(keys=True) if k in RELATION_TYPES
                       and sample_graph.nodes[u].get("label") == INSTRUMENT)
    keys, names = index["nodes"]["key"], [r["type"] for r in index["relations"]]
    flat = index["edges"]
    shown = sorted((keys[flat[j]], keys[flat[j + 1]], names[flat[j + 2]]) for j in range(0, len(flat), 4))
    assert shown == relations
    assert len(details["details"]) == len(instruments)


def test_instruments_carry_their_facts_and_evidence(sample_graph):
    data = explorer_data(sample_graph)
    cols = data.index["nodes"]
    i = cols["key"].index("49-NQ/TW@2005")
    assert (cols["label"][i], data.index["types"][cols["type"][i]], cols["year"][i], cols["docs"][i]) == \
        ("49-NQ/TW@2005", "Nghị quyết", 2005, 2)
    assert data.index["issuers"][cols["issuer"][i]] == "Bộ Chính trị"
    reviews = data.index["relations"].index(next(r for r in data.index["relations"] if r["type"] == "REVIEWS"))
    rows = [row for row in data.details[i]["in"] if row[1] == reviews]
    assert [cols["key"][row[0]] for row in rows] == ["84-KL/TW@2020"]
    doc, start, end, sentence, _ = rows[0][3][0]
    assert "tổng kết 15 năm thực hiện Nghị quyết số 49-NQ/TW" in sentence
    doc_id = data.documents["id"][doc]
    text = next(d.text for d in iter_documents([sample_graph.nodes[f"doc:{doc_id}"]["path"]]) if d.id == doc_id)
    assert text[start:end] in sentence and "49-NQ/TW" in text[start:end]


def test_relation_names_in_both_directions_and_languages(sample_graph):
    relations = {r["type"]: r for r in explorer_data(sample_graph).index["relations"]}
    assert set(relations) == set(RELATION_TYPES)
    assert (relations["BASED_ON"]["out_vi"], relations["BASED_ON"]["in_vi"]) == ("Căn cứ", "Là căn cứ cho")
    assert (relations["BASED_ON"]["out_en"], relations["BASED_ON"]["in_en"]) == ("Based on", "Basis for")
    assert relations["AMENDS"]["out_vi"] == "Sửa đổi, bổ sung"


def test_fold_matches_without_diacritics():
    assert fold("Luật Đất đai") == fold("Luat Dat dai") == "luat dat dai"
    assert fold("49-NQ/TƯ") == fold("49-nq/tw")
    assert fold("  Nghị  định\t100/2019/NĐ-CP ") == "nghi dinh 100/2019/nd-cp"


def test_the_page_is_self_contained(sample_graph):
    page = page_of(sample_graph)
    assert "<link" not in page and not re.search(r"<script[^>]*\bsrc=", page)
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", page)
    assert set(re.findall(r"https?://[^\s\"'<>]+", page)) == set()
    assert 'data-mode="static"' in page


def test_the_vendored_libraries_and_their_licences_are_shipped():
    bundle = static_text("vendor/explorer-vendor.min.js")
    assert "GraphbuildVendor" in bundle and len(bundle) > 100_000
    licences = static_text("vendor/LICENSES.txt")
    for package in ("sigma 3.", "graphology 0.", "graphology-layout-forceatlas2 0."):
        assert package in licences
    headers = re.findall(r"^={78}\n(\S+) (\S+) \((.+)\)\n={78}$", licences, re.M)
    assert {name for name, _, _ in headers} >= {"sigma", "graphology", "graphology-layout-forceatlas2"}
    assert {licence for _, _, licence in headers} == {"MIT"}


def test_text_cannot_break_out_of_the_json_blocks():
    g = nx.MultiDiGraph()
    evil = '</script><script>alert("x")</script><!-- & </SCRIPT'
    g.add_node("doc:a", label=DOCUMENT, doc_id="a", title=evil, citations=1)
    g.add_node("inst:x", label=INSTRUMENT, key="x", name=evil, type="Luật", documents=1, status="resolved")
    g.add_edge("doc:a", "inst:x", key="CITES", type="CITES", count=1,
               evidence=[{"doc": "a", "start": 0, "end": 1, "sentence": evil, "rule": "t"}])
    page = page_of(g, title=evil)
    assert page.lower().count("</script") == 4          # the two data blocks, the libraries, the code
    assert "<!--" not in page
    index, details = embedded(page, "index"), embedded(page, "details")
    assert index["nodes"]["name"] == [evil] and index["title"] == evil
    assert details["documents"]["title"] == [evil] and details["details"][0]["docs"][0][3][0][3] == evil
    assert "<title>&lt;/script&gt;" in page


def test_big_graphs_are_not_capped():
    g = big_graph(instruments=1000, documents=400)
    index = embedded(page_of(g), "index")
    assert index["totals"]["instruments"] == len(index["nodes"]["key"]) == 1000
    assert index["nodes"]["docs"] == sorted(index["nodes"]["docs"], reverse=True)
    assert index["nodes"]["key"][0] == "0-NQ/TW@2020"        # cited by every document


def test_a_server_page_embeds_no_data(sample_graph):
    page = render_explorer(explorer_data(sample_graph), "server")
    assert 'data-mode="server"' in page and 'id="explorer-index"' not in page


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
    index = embedded((tmp_path / "graph.html").read_text(encoding="utf-8"), "index")
    assert "49-NQ/TW@2005" in index["nodes"]["key"]


def test_static_files_are_shipped_as_package_data():
    for name in ("explorer.html", "explorer.css", "explorer_i18n.js", "explorer_core.js", "explorer_graph.js",
                 "explorer_pages.js", "explorer_main.js", "annotate.css"):
        assert static_text(name).strip()
    pyproject = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    assert '"static/*"' in pyproject and '"static/vendor/*"' in pyproject
