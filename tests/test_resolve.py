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
