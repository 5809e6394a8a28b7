"""The graph of the five seed reports: the edges the issue names, with their evidence."""

from __future__ import annotations

import pytest

from graphbuild.graph.builder import inst_node

SEED_EDGES = [
    # (source, relation, target, words the evidence sentence must hold)
    ("84-KL/TW@2020", "REVIEWS", "49-NQ/TW@2005", "tổng kết 15 năm thực hiện Nghị quyết số 49-NQ/TW"),
    ("08-KH/BCĐ@2022", "IMPLEMENTS", "49-NQ/TW@2005", "thực hiện các nhiệm vụ cải cách tư pháp theo Nghị quyết số 49-NQ/TW"),
    ("08-KH/BCĐ@2022", "IMPLEMENTS", "84-KL/TW@2020", "Kết luận số 84-KL/TW"),
    ("08-KH/BCĐ@2022", "IMPLEMENTS", "named:nghi-quyet-dai-hoi-xiii", "Nghị quyết Đại hội lần thứ XIII của Đảng"),
    ("512-NQ/BCSĐ@2023", "IMPLEMENTS", "27-NQ/TW@2022", "Nghị quyết số 27-NQ/TW"),
    ("512-NQ/BCSĐ@2023", "IMPLEMENTS", "114-QĐ/TW@2023", "Quy định số 114-QĐ/TW"),
    ("512-NQ/BCSĐ@2023", "IMPLEMENTS", "131-QĐ/TW@2023", "Quy định số 131-QĐ/TW"),
    ("512-NQ/BCSĐ@2023", "IMPLEMENTS", "132-QĐ/TW@2023", "Quy định số 132-QD/TW"),
    ("512-NQ/BCSĐ@2023", "IMPLEMENTS", "21-KL/TW@2021", "Kết luận số 21-KL/TW"),
    ("512-NQ/BCSĐ@2023", "IMPLEMENTS", "26-CT/TW@2018", "Chỉ thị số 26-CT/TW"),
    ("512-NQ/BCSĐ@2023", "IMPLEMENTS", "04-HD/TW@2020", "Hướng dẫn số 04-HD/TW"),
]


@pytest.mark.parametrize("source, rel, target, words", SEED_EDGES, ids=[f"{s}-{r}-{t}" for s, r, t, _ in SEED_EDGES])
def test_seed_edges_with_evidence(seeds_graph, source, rel, target, words):
    g = seeds_graph
    assert g.has_edge(inst_node(source), inst_node(target), key=rel)
    evidence = g.edges[inst_node(source), inst_node(target), rel]["evidence"]
    assert evidence and any(words in e["sentence"] for e in evidence)
    assert all({"doc", "start", "end", "sentence", "rule"} <= set(e) for e in evidence)


def test_ket_luan_14_resolved_with_its_year(seeds_graph):
    node = seeds_graph.nodes[inst_node("14-KL/TW@2021")]
    assert (node["symbol"], node["year"], node["status"]) == ("14-KL/TW", 2021, "resolved")
    assert "Kết luận 14" in node["variants"]


def test_variants_merge_into_one_node(seeds_graph):
    g = seeds_graph
    node = g.nodes[inst_node("132-QĐ/TW@2023")]
    assert "Quy định số 132-QD/TW" in node["variants"]
    assert "Kết luận số 21- KL/TW" in g.nodes[inst_node("21-KL/TW@2021")]["variants"]
    assert g.nodes[inst_node("39-NQ/TW@?")]["symbol"] == "39-NQ/TW"     # written 39-NQ/TƯ
    symbols = [a.get("symbol") for _, a in g.nodes(data=True) if a.get("label") == "Instrument"]
    assert len(symbols) == len(set(s for s in symbols if s)) + symbols.count(None)


def test_documents_bodies_and_edge_kinds(seeds_graph):
    g = seeds_graph
    labels = {a["label"] for _, a in g.nodes(data=True)}
    assert labels == {"Document", "Instrument", "Body"}
    assert g.has_edge(inst_node("49-NQ/TW@2005"), "body:bo-chinh-tri", key="ISSUED_BY")
    docs = [n for n, a in g.nodes(data=True) if a["label"] == "Document"]
    assert len(docs) == 5
    assert {g.nodes[d]["date"] for d in docs} >= {"2023-02", "2022-07-20", "2024-02-28"}
    about = [(u, v) for u, v, k in g.edges(keys=True) if k == "ABOUT"]
    assert (docs[1], inst_node("08-KH/BCĐ@2022")) in about or any(v == inst_node("08-KH/BCĐ@2022") for _, v in about)


def test_update_adds_only_new_documents(tmp_path):
    from graphbuild.resolve.catalog import Catalog
    from graphbuild.graph.builder import GraphBuilder
    from graphbuild.models import Document
    from graphbuild.pipeline import analyse_document
    from graphbuild.export.nodelink import read_json, write_json

    cat = Catalog.load()
    first = GraphBuilder()
    first.add(analyse_document(Document(id="a", text="Nghị quyết số 49-NQ/TW của Bộ Chính trị."), cat))
    write_json(first.finish(), tmp_path / "g.json")
    again = GraphBuilder.from_graph(read_json(tmp_path / "g.json"))
    assert again.document_ids() == {"a"}
    again.add(analyse_document(Document(id="b", text="Kết luận số 84-KL/TW ngày 29/7/2020."), cat))
    g = again.finish()
    assert g.nodes[inst_node("49-NQ/TW@2005")]["documents"] == 1
    assert inst_node("84-KL/TW@2020") in g and "doc:b" in g


def test_corpus_dating_moves_relations_and_counts_only_citations():
    from graphbuild.resolve.catalog import Catalog
    from graphbuild.graph.builder import build_graph
    from graphbuild.models import Document
    from graphbuild.pipeline import analyse_document

    docs = [Document(id="a", date="2023-06-01", text="Kế hoạch số 12-KH/UBND ngày 2/5/2023 về cải cách.\n"
                     "Thực hiện Nghị quyết số 77-NQ/TW, Kế hoạch số 12-KH/UBND đề ra nhiệm vụ."),
            Document(id="b", text="Nghị quyết số 77-NQ/TW ngày 9/11/2022 của Ban Chấp hành Trung ương.")]
    g = build_graph(analyse_document(d, Catalog()) for d in docs)
    assert inst_node("77-NQ/TW@?") not in g                       # every citation was dated
    dated = g.nodes[inst_node("77-NQ/TW@2022")]
    assert (dated["mentions"], dated["documents"]) == (2, 2)
    assert not any(inst_node("77-NQ/TW@?") in (u, v) for u, v in g.edges())


# --- provenance: a JSONL record's source, url, title and date reach its node and its evidence ---

PROVENANCE_RECORDS = [
    {"id": "a1", "source": "baotintuc", "url": "https://example.org/tin/a1.html",
     "title": "Ban hành kế hoạch thực hiện nghị quyết", "date": "2023-05-04",
     "text": "Ngày 4/5/2023, Ban Chỉ đạo ban hành Kế hoạch số 12-KH/BCĐ thực hiện Nghị quyết số "
             "27-NQ/TW ngày 09/11/2022 của Ban Chấp hành Trung ương."},
    {"id": "a2", "text": "Theo Nghị định 100/2019/NĐ-CP, mức phạt được tăng."},
]


@pytest.fixture
def provenance_graph(tmp_path):
    import json
    from graphbuild.corpus.inputs import iter_documents
    from graphbuild.graph.builder import build_graph
    from graphbuild.pipeline import analyse_document
    from graphbuild.resolve.catalog import Catalog
    path = tmp_path / "records.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in PROVENANCE_RECORDS) + "\n",
                    encoding="utf-8")
    catalog = Catalog()
    return build_graph(analyse_document(d, catalog) for d in iter_documents([str(path)]))


def test_a_record_provenance_is_on_its_document_node(provenance_graph):
    g = provenance_graph
    a1, a2 = g.nodes["doc:a1"], g.nodes["doc:a2"]
    assert (a1["source"], a1["url"], a1["title"], a1["date"]) == (
        "baotintuc", "https://example.org/tin/a1.html", "Ban hành kế hoạch thực hiện nghị quyết", "2023-05-04")
    assert "source" not in a2 and "url" not in a2      # absent, not stored as None


def test_every_edge_leads_to_its_outlet(provenance_graph):
    g = provenance_graph
    samples = {(u, k): d["evidence"] for u, v, k, d in g.edges(keys=True, data=True) if d["evidence"]}
    relation = samples[(inst_node("12-KH/BCĐ@2023"), "IMPLEMENTS")]
    assert [(e["doc"], e["source"], e["url"]) for e in relation] == [
        ("a1", "baotintuc", "https://example.org/tin/a1.html")]
    assert [(e["doc"], e["source"], e["url"]) for e in samples[("doc:a2", "CITES")]] == [("a2", None, None)]
    assert {e["source"] for (u, _), ev in samples.items() if u == "doc:a1" for e in ev} == {"baotintuc"}


def test_provenance_survives_the_exports(provenance_graph, tmp_path):
    from graphbuild.db.model import node_properties
    from graphbuild.export.nodelink import read_json, write_json
    write_json(provenance_graph, tmp_path / "g.json")
    back = read_json(tmp_path / "g.json")
    assert back.nodes["doc:a1"] == provenance_graph.nodes["doc:a1"]
    assert [d["evidence"] for *_, d in sorted(back.edges(keys=True, data=True), key=str)] == [
        d["evidence"] for *_, d in sorted(provenance_graph.edges(keys=True, data=True), key=str)]
    props = node_properties("doc:a1", provenance_graph.nodes["doc:a1"])
    assert (props["source"], props["url"]) == ("baotintuc", "https://example.org/tin/a1.html")
