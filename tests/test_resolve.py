"""Resolution rules, table-driven: one document's text -> the instrument keys of its mentions."""

from __future__ import annotations

import pytest

from graphbuild import get_citations
from graphbuild.resolve.catalog import Catalog
from graphbuild.resolve.resolver import AMBIGUOUS, RESOLVED, UNRESOLVED, resolve_citations

CATALOG = Catalog.load()


def keys(text: str, doc_date: str | None = None, catalog: Catalog = CATALOG):
    return [(m.key, m.status) for m in resolve_citations(get_citations(text), doc_date=doc_date, catalog=catalog)]


RULES = [
    # 1. a state symbol carries its year
    ("Nghị định 100/2019/NĐ-CP", None, [("100/2019/NĐ-CP", RESOLVED)]),
    # 2. an attached date gives the year; Party numbers restart each term
    ("Nghị quyết số 27-NQ/TW ngày 09/11/2022", None, [("27-NQ/TW@2022", RESOLVED)]),
    ("Nghị quyết số 27-NQ/TW ngày 21/5/2018", None, [("27-NQ/TW@2018", RESOLVED)]),
    # 3. another dated mention of the same symbol in the document
    ("Nghị quyết số 27-NQ/TW ngày 09/11/2022 về Nhà nước pháp quyền. Quán triệt Nghị quyết số 27-NQ/TW.",
     None, [("27-NQ/TW@2022", RESOLVED), ("27-NQ/TW@2022", RESOLVED)]),
    # 4. short forms take the full citation's instrument
    ("Nghị quyết số 27-NQ/TW ngày 09/11/2022. Sau đó Nghị quyết 27 được quán triệt.", None,
     [("27-NQ/TW@2022", RESOLVED), ("27-NQ/TW@2022", RESOLVED)]),
    # 5. the catalog: number-only Party mention with its issuer
    ("thực hiện Kết luận 14 của Bộ Chính trị", "2023-02-15", [("14-KL/TW@2021", RESOLVED)]),
    # 5. the catalog, with the document's date: only the 2018 resolution existed in 2019
    ("thực hiện Nghị quyết số 27-NQ/TW về tiền lương", "2019-03-01", [("27-NQ/TW@2018", RESOLVED)]),
    # 5. the catalog, with the subject words
    ("Nghị quyết số 27-NQ/TW về tiếp tục xây dựng và hoàn thiện Nhà nước pháp quyền xã hội chủ nghĩa "
     "Việt Nam trong giai đoạn mới", "2024-01-01", [("27-NQ/TW@2022", RESOLVED)]),
    # 6. reused number, nothing to decide: left ambiguous, never guessed
    ("thực hiện Nghị quyết số 27-NQ/TW.", "2024-01-01", [("27-NQ/TW@?", AMBIGUOUS)]),
    ("thực hiện Nghị quyết số 27-NQ/TW.", None, [("27-NQ/TW@?", AMBIGUOUS)]),
    # 6. unknown to the catalog and undated: unresolved
    ("Quyết định 123/QĐ-TTg", None, [("123/QĐ-TTg@?", UNRESOLVED)]),
    # variants of one instrument, one key
    ("Quy định số 132-QD/TW ngày 27/10/2023", None, [("132-QĐ/TW@2023", RESOLVED)]),
    ("Nghị quyết 39-NQ/TƯ ngày 17/4/2015", None, [("39-NQ/TW@2015", RESOLVED)]),
    ("Kết luận số 21- KL/TW, ngày 25/10/2021", None, [("21-KL/TW@2021", RESOLVED)]),
    ("Hướng dẫn số 4-HD/TW ngày 9/12/2020", None, [("04-HD/TW@2020", RESOLVED)]),
    # a short form with its own year, kind or issuer is another instrument
    ("Nghị quyết số 27-NQ/TW ngày 9/11/2022. Nghị quyết 27 ngày 21/5/2018 của Bộ Chính trị.", None,
     [("27-NQ/TW@2022", RESOLVED), ("27-NQ/TW@2018", RESOLVED)]),     # the catalog knows 2018
    ("Nghị quyết số 27-NQ/TW ngày 9/11/2022. Nghị quyết 27 của HĐND tỉnh.", None,
     [("27-NQ/TW@2022", RESOLVED), ("Nghị quyết#27@?", UNRESOLVED)]),
    ("thực hiện Kết luận 14 của Tỉnh ủy Lâm Đồng", "2023-02-15", [("Kết luận#14@?", UNRESOLVED)]),
    # named instruments through aliases
    ("Nghị quyết Trung ương 4 khóa XII", None, [("04-NQ/TW@2016", RESOLVED)]),
    ("Nghị quyết TƯ 4, khóa XII", None, [("04-NQ/TW@2016", RESOLVED)]),
    ("Nghị quyết Đại hội XIII của Đảng", None, [("named:nghi-quyet-dai-hoi-xiii", RESOLVED)]),
    ("Nghị quyết Đại hội Đại biểu toàn quốc lần thứ XIII của Đảng", None, [("named:nghi-quyet-dai-hoi-xiii", RESOLVED)]),
    ("Luật Đất đai 2013", None, [("45/2013/QH13", RESOLVED)]),
    ("Luật Đất đai năm 2024", None, [("31/2024/QH15", RESOLVED)]),
    # a name without a year does not pick a version
    ("Luật Đất đai", None, [("named:luat-dat-dai", RESOLVED)]),
]


@pytest.mark.parametrize("text, doc_date, expected", RULES, ids=[r[0][:40] for r in RULES])
def test_resolution_rules(text, doc_date, expected):
    assert keys(text, doc_date) == expected


def test_ambiguous_mention_lists_its_candidates():
    m = resolve_citations(get_citations("Nghị quyết số 27-NQ/TW"), catalog=CATALOG)[0]
    assert m.status == AMBIGUOUS
    assert m.candidates == ("27-NQ/TW@2018", "27-NQ/TW@2022")


def test_without_a_catalog_number_only_mentions_stay_unresolved():
    assert keys("Kết luận 14 của Bộ Chính trị", "2023-01-01", catalog=Catalog()) == [("Kết luận#14@?", UNRESOLVED)]


def test_catalog_entries_from_a_learned_corpus():
    from graphbuild.resolve.catalog import learn_catalog
    learned = learn_catalog([get_citations("Kết luận số 77-KL/TW ngày 5/6/2024 của Bộ Chính trị về xyz")])
    entry = learned.by_key["77-KL/TW@2024"]
    assert (entry.date, entry.issuer, entry.title) == ("2024-06-05", "Bộ Chính trị", "về xyz")
    assert keys("Kết luận 77 của Bộ Chính trị", "2025-01-01", catalog=learned) == [("77-KL/TW@2024", RESOLVED)]
    # the learned entry is a full catalog entry: its symbol, kind and type were learned too
    assert (entry.key, entry.symbol, entry.kind, entry.type) == ("77-KL/TW@2024", "77-KL/TW", "party", "Kết luận")


# --- one date module: every reading checks the calendar ------------------------------------

DATE_CASES = [
    ("2022-07-20", "2022-07-20"), ("20/07/2022", "2022-07-20"), ("2022-07", "2022-07"),
    ("2022", "2022"), ("31/02/2022", None), ("2022-02-31", None), ("2022-13", None), ("", None),
]


@pytest.mark.parametrize("value, iso", DATE_CASES)
def test_record_dates(value, iso):
    from graphbuild.resolve.dates import parse_date
    assert parse_date(value) == iso


@pytest.mark.parametrize("header, iso", [
    ("Thứ Tư, 20/07/2022\nTin", "2022-07-20"), ("Thứ Tư, 31/02/2022\nTin", None),
    ("Hà Nội, ngày 21 tháng 6 năm 2012", "2012-06-21"), ("Hà Nội, ngày 31 tháng 2 năm 2012", None),
    ("28/02/2024 06:00 bài", "2024-02-28"), ("31/02/2024 06:00 bài", None), ("date 2023-02\n", "2023-02"),
])
def test_header_dates(header, iso):
    from graphbuild.resolve.dates import document_date
    assert document_date(header) == iso


def test_31_february_is_no_date_anywhere():
    from graphbuild.corpus.inputs import RawItem, to_document
    doc = to_document(RawItem("x.jsonl", '{"id": "a", "text": "x", "date": "31/02/2022"}'.encode(), 1))
    assert doc.date is None
    assert [c.date for c in get_citations("Nghị quyết số 27-NQ/TW ngày 31/02/2022")] == [None]


# --- one node per instrument inside a document (resolve/document.py) ----------------------

def doc_keys(text: str, catalog: Catalog | None = None) -> list[tuple[str, str]]:
    from graphbuild.resolve.document import unify_mentions
    mentions = resolve_citations(get_citations(text), catalog=catalog if catalog is not None else Catalog())
    return [(" ".join(m.citation.text.split()), m.key) for m in unify_mentions(text, mentions)]


SAME_INSTRUMENT = [
    # 1. one symbol spelled with and without its hyphen
    ("Thông tư 18/2019/TT-BCT quy định giá điện. Theo Thông tư 18/2019/TTBCT, giá được tính lại.",
     ["18/2019/TT-BCT", "18/2019/TT-BCT"]),
    # 2. a decree cited without its year, then by number alone, after its full symbol
    ("Nghị định số 116/2020/NĐ-CP về học bổng. Nghị định số 116/NĐ-CP nêu rõ mức hỗ trợ. NĐ 116 có hiệu lực.",
     ["116/2020/NĐ-CP"] * 3),
    # 3. a name, markup and "số", then its symbol
    ("Căn cứ Luật Tổ chức chính quyền địa phương **số** 72/2025/QH15;", ["72/2025/QH15"] * 2),
    # 4. a law named with and without its year
    ("Luật Xây dựng năm 2014 quy định giấy phép. Theo Luật Xây dựng, chủ đầu tư phải xin phép.",
     ["named:luat-xay-dung@2014"] * 2),
    ("Theo Luật Giáo dục, học sinh được miễn học phí. Luật Giáo dục năm 2019 quy định rõ.",
     ["named:luat-giao-duc@2019"] * 2),
    # 4. a law named with its symbol, then by name
    ("Căn cứ Luật Phí và lệ phí số 97/2015/QH13; mức thu theo Luật Phí và lệ phí.", ["97/2015/QH13"] * 2),
    # 4. a name cut at its comma whose text goes on with the full name
    ("Căn cứ Luật Thi đua, khen thưởng số 06/2022/QH15; Điều 5 của Luật Thi đua, khen thưởng quy định.",
     ["06/2022/QH15"] * 2),
    # 4. a plenum resolution with and without its term
    ("Nghị quyết Trung ương 4 khóa XII về xây dựng Đảng. Nghị quyết TƯ 4 được quán triệt.",
     ["named:nghi-quyet-trung-uong-4-khoa-xii"] * 2),
    # 4. an amending law is another instrument; the plain name is still the 2014 law
    ("Luật Xây dựng năm 2014 được sửa đổi bởi Luật Xây dựng sửa đổi 2020. Theo Luật Xây dựng, chủ đầu tư xin phép.",
     ["named:luat-xay-dung@2014", "named:luat-xay-dung-sua-doi@2020", "named:luat-xay-dung@2014"]),
]

KEPT_APART = [
    # two years of the same symbol: a typo or two decrees, the document does not say
    ("Nghị định 226/2025/NĐ-CP sửa đổi. Nghị định 226/2026/NĐ-CP có hiệu lực.",
     ["226/2025/NĐ-CP", "226/2026/NĐ-CP"]),
    # a decision without its year is another series than the dated one
    ("Quyết định số 123/2020/QĐ-TTg về vốn. Quyết định số 123/QĐ-TTg về nhân sự.",
     ["123/2020/QĐ-TTg", "123/QĐ-TTg@?"]),
    # two versions of the law in the document: the plain name stays apart
    ("Luật Đất đai 2013 hết hiệu lực khi Luật Đất đai 2024 có hiệu lực. Theo Luật Đất đai, người dân được cấp sổ.",
     ["named:luat-dat-dai@2013", "named:luat-dat-dai@2024", "named:luat-dat-dai"]),
    # a draft of the law in the document
    ("Góp ý dự thảo Luật Đất đai (sửa đổi). Luật Đất đai 2013 còn bất cập. Luật Đất đai cần sửa.",
     ["named:luat-dat-dai", "named:luat-dat-dai@2013", "named:luat-dat-dai"]),
    # a law's own text names the law it replaces in full only at its end
    ("Quốc hội ban hành Luật Việc làm. Điều 60. Luật Việc làm số 38/2013/QH13 hết hiệu lực.",
     ["named:luat-viec-lam", "38/2013/QH13"]),
    # two terms of the plenum
    ("Thực hiện Nghị quyết Trung ương 4 khóa XI và Nghị quyết Trung ương 4 khóa XII. Nghị quyết TƯ 4 được quán triệt.",
     ["named:nghi-quyet-trung-uong-4-khoa-xi", "named:nghi-quyet-trung-uong-4-khoa-xii",
      "named:nghi-quyet-trung-uong-4"]),
]


@pytest.mark.parametrize("text, expected", SAME_INSTRUMENT + KEPT_APART,
                         ids=[r[0][:50] for r in SAME_INSTRUMENT + KEPT_APART])
def test_one_instrument_per_document(text, expected):
    assert [k for _, k in doc_keys(text)] == expected


def test_the_catalog_key_is_kept_for_every_mention():
    text = "Luật Đất đai 2024 có hiệu lực. Theo Luật Đất đai, người dân được cấp sổ."
    assert [k for _, k in doc_keys(text, CATALOG)] == ["31/2024/QH15", "31/2024/QH15"]
    text = "Nghị quyết Trung ương 4 khóa XII về xây dựng Đảng. Nghị quyết TƯ 4 được quán triệt."
    assert [k for _, k in doc_keys(text, CATALOG)] == ["04-NQ/TW@2016", "04-NQ/TW@2016"]


def test_one_node_per_instrument_in_the_graph():
    from graphbuild.graph.builder import build_graph
    from graphbuild.models import Document
    from graphbuild.pipeline import analyse_document
    text = "Căn cứ Luật Phí và lệ phí số 97/2015/QH13;\nTheo Luật Phí và lệ phí, mức thu do Bộ Tài chính quy định."
    g = build_graph([analyse_document(Document(id="d", text=text), Catalog())])
    nodes = [a for _, a in g.nodes(data=True) if a["label"] == "Instrument"]
    assert [(a["key"], a["symbol"], a["kind"], a["mentions"]) for a in nodes] == [
        ("97/2015/QH13", "97/2015/QH13", "state", 2)]
