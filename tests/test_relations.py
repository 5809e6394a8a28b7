"""Relation rules, table-driven: text -> (source, RELATION, target) triples."""

from __future__ import annotations

import pytest

from graphbuild.resolve.catalog import Catalog
from graphbuild.models import Document
from graphbuild.pipeline import analyse_document

CATALOG = Catalog.load()


def triples(text: str):
    r = analyse_document(Document(id="t", text=text), CATALOG)
    return {(rel.source, rel.type, rel.target) for rel in r.relations}, r.about


CASES = [
    # in-phrase rule
    ("Kết luận số 84-KL/TW, ngày 29/7/2020 của Bộ Chính trị về tổng kết 15 năm thực hiện Nghị quyết số 49-NQ/TW.",
     {("84-KL/TW@2020", "REVIEWS", "49-NQ/TW@2005")}),
    ("Nghị quyết số 28/NQ-CP ngày 3/3/2023 về Chương trình hành động của Chính phủ thực hiện "
     "Nghị quyết số 27-NQ/TW ngày 09/11/2022.", {("28/NQ-CP@2023", "IMPLEMENTS", "27-NQ/TW@2022")}),
    ("Nghị định 227/2025/NĐ-CP ngày 16/8/2025 của Chính phủ sửa đổi, bổ sung một số điều của Nghị định 156/2018/NĐ-CP.",
     {("227/2025/NĐ-CP", "AMENDS", "156/2018/NĐ-CP")}),
    ("Thông tư 05/2013/TT-BKHCN thay thế Thông tư 01/2007/TT-BKHCN.",
     {("05/2013/TT-BKHCN", "REPLACES", "01/2007/TT-BKHCN")}),
    ("Thông tư 01/2007/TT-BKHCN hướng dẫn Nghị định 103/2006/NĐ-CP.",
     {("01/2007/TT-BKHCN", "GUIDES", "103/2006/NĐ-CP")}),
    ("Thông tư 41/2020/TT-BQP quy định thực hiện một số điều của Nghị định 21/2019/NĐ-CP.",
     {("41/2020/TT-BQP", "GUIDES", "21/2019/NĐ-CP")}),
    # passive voice: the agent after "bởi/tại/theo" is the source
    ("Thông tư 08/2013/TT-BNV (được sửa đổi bởi Thông tư 03/2021/TT-BNV).",
     {("03/2021/TT-BNV", "AMENDS", "08/2013/TT-BNV")}),
    ("Nghị định số 100/2006/NĐ-CP được sửa đổi, bổ sung tại Nghị định 85/2011/NĐ-CP.",
     {("85/2011/NĐ-CP", "AMENDS", "100/2006/NĐ-CP")}),
    ("Thông tư 34/2016/TT-BTC được thay thế bằng Thông tư 154/2020/TT-BTC.",
     {("154/2020/TT-BTC", "REPLACES", "34/2016/TT-BTC")}),
    ("Thông tư 34/2016/TT-BTC được sửa đổi bổ sung bởi Thông tư 154/2020/TT-BTC.",
     {("154/2020/TT-BTC", "AMENDS", "34/2016/TT-BTC")}),
    ("Thông tư 01/2010/TT-BTC hết hiệu lực kể từ ngày Thông tư 02/2020/TT-BTC có hiệu lực.",
     {("02/2020/TT-BTC", "REPEALS", "01/2010/TT-BTC")}),
    # coordination is not a relation: A and B are both implemented, A does not implement B
    ("Tiếp tục thực hiện Nghị quyết số 49-NQ/TW và triển khai Kết luận số 84-KL/TW.", set()),
    # clauses split by ";" are not in-phrase
    ("Căn cứ Nghị định số 95/2021/NĐ-CP; Căn cứ Nghị định số 80/2023/NĐ-CP.", set()),
]


@pytest.mark.parametrize("text, expected", CASES, ids=[c[0][:40] for c in CASES])
def test_phrase_relations(text, expected):
    found, _ = triples(text)
    assert found == expected


SUBJECT_CASES = [
    # header of a legal text; "Căn cứ" -> BASED_ON, "sửa đổi" -> AMENDS, "bãi bỏ" -> REPEALS
    ("CHÍNH PHỦ\nSố: 15/2024/NĐ-CP\n\nCăn cứ Luật Đất đai 2013;\nSửa đổi, bổ sung một số điều của "
     "Nghị định số 100/2019/NĐ-CP.\nBãi bỏ Thông tư số 65/2020/TT-BCA.\n",
     "15/2024/NĐ-CP", {("15/2024/NĐ-CP", "BASED_ON", "45/2013/QH13"),
                       ("15/2024/NĐ-CP", "AMENDS", "100/2019/NĐ-CP"),
                       ("15/2024/NĐ-CP", "REPEALS", "65/2020/TT-BCA")}),
    # news lead: "ban hành Kế hoạch số ..." with the issue date opening the sentence
    ("Nhằm tiếp tục thực hiện Nghị quyết số 49-NQ/TW. Ngày 21/02/2022, Ban Chỉ đạo đã ban hành "
     "Kế hoạch số 08-KH/BCĐ về cải cách tư pháp.",
     "08-KH/BCĐ@2022", {("08-KH/BCĐ@2022", "IMPLEMENTS", "49-NQ/TW@2005")}),
    # a hard-wrapped legal text: the line break inside the clause does not hide "Căn cứ"
    ("QUYẾT ĐỊNH\nSố: 35/2025/QĐ-UBND\n\n*Căn cứ Luật Quản lý, sử\ndụng tài sản công số 15/2017/QH14 đã được "
     "sửa đổi, bổ sung một số điều theo Luật\nsố 64/2020/QH14;*\n",
     "35/2025/QĐ-UBND", {("35/2025/QĐ-UBND", "BASED_ON", "15/2017/QH14"),
                         ("35/2025/QĐ-UBND", "BASED_ON", "64/2020/QH14"),
                         ("64/2020/QH14", "AMENDS", "15/2017/QH14")}),
    # "kiểm tra" is not "ra" (issued): no subject
    ("Đoàn kiểm tra Chỉ thị số 05-CT/TW của Bộ Chính trị.\nĐoàn đề nghị thực hiện Nghị quyết số 49-NQ/TW.", None, set()),
    # no subject: no document-level relations
    ("Hội nghị quán triệt Nghị quyết số 49-NQ/TW và Kết luận số 84-KL/TW.", None, set()),
]


@pytest.mark.parametrize("text, about, expected", SUBJECT_CASES, ids=[c[0][:40] for c in SUBJECT_CASES])
def test_subject_relations(text, about, expected):
    found, subject = triples(text)
    assert subject == about
    assert found == expected


# --- the guideline's decision table (../shared/corpus/RELATIONS.md), one row per case -------------
# Sentences written for the test.  Each row: text, expected subject, expected triples (exactly).
LAW_HEAD = "ỦY BAN NHÂN DÂN TỈNH\nSố: 12/2025/QĐ-UBND\n\nQUYẾT ĐỊNH\n\n"
DECREE_HEAD = "CHÍNH PHỦ\nSố: 40/2025/NĐ-CP\n\nNGHỊ ĐỊNH\n\n"
S, D = "12/2025/QĐ-UBND", "40/2025/NĐ-CP"

DECISIONS = [
    # "Căn cứ Luật X được sửa đổi, bổ sung bởi Luật Y": BASED_ON X and Y; Y AMENDS X
    ("basis chain", LAW_HEAD + "Căn cứ Luật Đầu tư công số 58/2024/QH15 được sửa đổi, bổ sung bởi Luật số 90/2025/QH15;\n",
     S, {(S, "BASED_ON", "58/2024/QH15"), (S, "BASED_ON", "90/2025/QH15"),
         ("90/2025/QH15", "AMENDS", "58/2024/QH15")}),
    # "Căn cứ Nghị định Y quy định chi tiết Luật X": BASED_ON Y, CITES X; Y GUIDES X
    ("basis of a detailing decree", LAW_HEAD + "Căn cứ Nghị định số 85/2025/NĐ-CP của Chính phủ quy định chi tiết "
     "một số điều của Luật Đầu tư công số 58/2024/QH15;\n",
     S, {(S, "BASED_ON", "85/2025/NĐ-CP"), (S, "CITES", "58/2024/QH15"),
         ("85/2025/NĐ-CP", "GUIDES", "58/2024/QH15")}),
    # an amending law whose name holds the amended one, the amended also named on its own
    ("amending law by name", DECREE_HEAD + "Căn cứ Luật Đất đai số 31/2024/QH15; Luật sửa đổi, bổ sung một số điều "
     "của Luật Đất đai số 43/2024/QH15;\n",
     D, {(D, "BASED_ON", "31/2024/QH15"), (D, "BASED_ON", "43/2024/QH15"),
         ("43/2024/QH15", "AMENDS", "31/2024/QH15")}),
    # "Trên cơ sở X": BASED_ON
    ("trên cơ sở", LAW_HEAD + "Trên cơ sở Nghị quyết số 15/2025/NQ-HĐND của Hội đồng nhân dân tỉnh;\n",
     S, {(S, "BASED_ON", "15/2025/NQ-HĐND")}),
    # "Theo đề nghị của ... tại Tờ trình số ...", "Xét Tờ trình": CITES
    ("theo đề nghị", LAW_HEAD + "Theo đề nghị của Giám đốc Sở Tài chính tại Tờ trình số 311/TTr-STC ngày 2 tháng 3 "
     "năm 2025.\n", S, {(S, "CITES", "311/TTr-STC@2025")}),
    # "thực hiện theo quy định của X": the rule to follow, CITES
    ("rule to follow", LAW_HEAD + "Việc kê khai, nộp phí thực hiện theo quy định của Nghị định số 126/2020/NĐ-CP.\n",
     S, {(S, "CITES", "126/2020/NĐ-CP")}),
    # "quán triệt X", "triển khai thi hành X": IMPLEMENTS (a list after ";" goes on)
    ("implements", "BAN THƯỜNG VỤ TỈNH ỦY\nSố: 05-KH/TU\n\nQuán triệt và triển khai thực hiện Nghị quyết số "
     "57-NQ/TW ngày 22/12/2024; tiếp tục triển khai thi hành Luật Thủ đô số 39/2024/QH15.\n",
     "05-KH/TU@?", {("05-KH/TU@?", "IMPLEMENTS", "57-NQ/TW@2024"), ("05-KH/TU@?", "IMPLEMENTS", "39/2024/QH15")}),
    # "quy định chi tiết và biện pháp thi hành Luật X": GUIDES only
    ("guides only", DECREE_HEAD + "Nghị định này quy định chi tiết và biện pháp thi hành Luật Đất đai số 31/2024/QH15.\n",
     D, {(D, "GUIDES", "31/2024/QH15")}),
    # a task or proposal to amend or replace later: CITES
    ("task to amend", "BAN THƯỜNG VỤ TỈNH ỦY\nSố: 05-KH/TU\n\nCác cơ quan nghiên cứu, đề xuất sửa đổi Thông tư số "
     "38/2019/TT-BTC và đề nghị thay thế Nghị định số 99/2021/NĐ-CP trong năm 2026.\n",
     "05-KH/TU@?", {("05-KH/TU@?", "CITES", "38/2019/TT-BTC"), ("05-KH/TU@?", "CITES", "99/2021/NĐ-CP")}),
    # "bãi bỏ khoản 14 Điều 2 Nghị định 63": REPEALS (a part of it)
    ("repeal of a part", LAW_HEAD + "Bãi bỏ khoản 14 Điều 2 Nghị định số 63/2019/NĐ-CP.\n",
     S, {(S, "REPEALS", "63/2019/NĐ-CP")}),
    # "A được sửa đổi bởi B ... hết hiệu lực" when the subject takes effect: REPEALS A and B; B AMENDS A
    ("ends on effect", LAW_HEAD + "Nghị quyết số 22/2022/NQ-HĐND được sửa đổi, bổ sung bởi Nghị quyết số "
     "20/2023/NQ-HĐND hết hiệu lực kể từ ngày Quyết định này có hiệu lực thi hành.\n",
     S, {(S, "REPEALS", "22/2022/NQ-HĐND"), (S, "REPEALS", "20/2023/NQ-HĐND"),
         ("20/2023/NQ-HĐND", "AMENDS", "22/2022/NQ-HĐND")}),
    # a list introduced by "sau:" is governed by its cue
    ("listed repeal", LAW_HEAD + "Bãi bỏ các Quyết định sau:\n\na) Quyết định số 17/2020/QĐ-UBND về giá đất;\n\n"
     "b) Quyết định số 18/2021/QĐ-UBND về phí.\n",
     S, {(S, "REPEALS", "17/2020/QĐ-UBND"), (S, "REPEALS", "18/2021/QĐ-UBND")}),
    # the subject's own attached text is part of it; another's attached regulation is no relation
    ("attached texts", "BỘ NỘI VỤ\nSố: 07/2025/TT-BNV\n\nQuy chế làm việc ban hành kèm theo Thông tư này áp dụng "
     "từ năm 2026.\n", "07/2025/TT-BNV", set()),
    # site furniture: no relation
    ("furniture", LAW_HEAD + "Xem thêm: Nghị định số 10/2020/NĐ-CP về kinh doanh vận tải.\n", S, set()),
    # a document about an unnumbered, unnamed instrument: no subject, no relation from one
    ("no subject", "Liên Bộ Tài chính - Công Thương quyết định giảm giá xăng từ 15 giờ hôm nay. Thực hiện quy định "
     "tại Nghị định số 83/2014/NĐ-CP, các doanh nghiệp điều chỉnh giá bán.", None, set()),
    # Q&A: the title names one instrument: it is the subject (reported); the writer's own
    # "Căn cứ theo khoản ... Điều ..." citations are no relation from it
    ("Q&A", "# Điều kiện hưởng trợ cấp theo Thông tư 18/2025/TT-BLĐTBXH?\n\nThông tư 18/2025/TT-BLĐTBXH quy định "
     "điều kiện hưởng trợ cấp. Căn cứ theo khoản 2 Điều 5 Nghị định số 44/2023/NĐ-CP quy định như sau.",
     "18/2025/TT-BLĐTBXH", set()),
    # Party texts: conclusions review, programmes implement, instructions guide
    ("party review", "Ngày 5/6/2024, Bộ Chính trị ban hành Kết luận số 80-KL/TW về tổng kết 10 năm thực hiện "
     "Nghị quyết số 30-NQ/TW.", "80-KL/TW@2024", {("80-KL/TW@2024", "REVIEWS", "30-NQ/TW@?")}),
    ("party programme", "Ngày 2/3/2024, Ban Thường vụ Thành ủy ban hành Chương trình số 12-CTr/TU thực hiện "
     "Nghị quyết số 27-NQ/TW của Ban Chấp hành Trung ương.", "12-CTr/TU@2024",
     {("12-CTr/TU@2024", "IMPLEMENTS", "27-NQ/TW@?")}),
    ("party instruction", "Ngày 7/8/2024, Ban Bí thư ban hành Chỉ thị số 35-CT/TW. Chỉ thị nhằm hướng dẫn thực hiện "
     "Nghị quyết số 21-NQ/TW.", "35-CT/TW@2024", {("35-CT/TW@2024", "GUIDES", "21-NQ/TW@2017")}),
    # lists: both targets; passive with two agents: both act
    ("list of targets", "Chính phủ ban hành Nghị định số 31/2025/NĐ-CP sửa đổi, bổ sung Nghị định số 100/2019/NĐ-CP "
     "và Nghị định số 123/2021/NĐ-CP.", "31/2025/NĐ-CP",
     {("31/2025/NĐ-CP", "AMENDS", "100/2019/NĐ-CP"), ("31/2025/NĐ-CP", "AMENDS", "123/2021/NĐ-CP")}),
    ("list of agents", LAW_HEAD + "Nghị định số 99/2016/NĐ-CP được sửa đổi, bổ sung bởi Nghị định số 12/2020/NĐ-CP và "
     "Nghị định số 70/2022/NĐ-CP.\n", S,
     {(S, "CITES", "99/2016/NĐ-CP"), (S, "CITES", "12/2020/NĐ-CP"), (S, "CITES", "70/2022/NĐ-CP"),
      ("12/2020/NĐ-CP", "AMENDS", "99/2016/NĐ-CP"), ("70/2022/NĐ-CP", "AMENDS", "99/2016/NĐ-CP")}),
]


@pytest.mark.parametrize("text, about, expected", [c[1:] for c in DECISIONS], ids=[c[0] for c in DECISIONS])
def test_decision_table(text, about, expected):
    found, subject = triples(text)
    assert subject == about
    assert found == expected


# --- false edges seen by hand (issue 16), one test each -----------------------------------------------
NEWS = "Ngày 3/4/2025, Bộ Y tế ban hành Thông tư số 15/2025/TT-BYT quy định chế độ báo cáo. "


def test_a_proposal_to_amend_amends_nothing():
    found, _ = triples(LAW_HEAD + "Sở Tư pháp đề xuất sửa đổi Nghị định số 59/2011/NĐ-CP trong quý III.\n")
    assert found == {(S, "CITES", "59/2011/NĐ-CP")}


def test_a_substitute_drug_replaces_nothing():
    found, _ = triples(NEWS + "Thông tư số 15/2025/TT-BYT quy định danh mục thuốc thay thế tại Thông tư số "
                       "11/2018/TT-BYT.")
    assert ("15/2025/TT-BYT", "REPLACES", "11/2018/TT-BYT") not in found
    assert found == {("15/2025/TT-BYT", "CITES", "11/2018/TT-BYT")}


def test_a_tour_guide_guides_nothing():
    found, _ = triples(NEWS + "Thông tư số 15/2025/TT-BYT quy định về hướng dẫn viên theo Luật Du lịch số "
                       "09/2017/QH14.")
    assert found == {("15/2025/TT-BYT", "CITES", "09/2017/QH14")}


def test_passive_amended_at_turns_the_relation_round():
    found, _ = triples("Nghị định số 100/2006/NĐ-CP được sửa đổi, bổ sung tại Nghị định số 85/2011/NĐ-CP.")
    assert ("85/2011/NĐ-CP", "AMENDS", "100/2006/NĐ-CP") in found
    assert ("100/2006/NĐ-CP", "AMENDS", "85/2011/NĐ-CP") not in found


def test_detailing_and_measures_to_implement_is_guides_not_implements():
    found, _ = triples("Nghị định số 08/2015/NĐ-CP quy định chi tiết và biện pháp thi hành Luật Hải quan số "
                       "54/2014/QH13.")
    assert found == {("08/2015/NĐ-CP", "GUIDES", "54/2014/QH13")}


def test_a_news_subject_does_not_cite_what_others_say():
    text = (NEWS + "Thông tư số 15/2025/TT-BYT thay thế Thông tư số 11/2018/TT-BYT.\n\n"
            "Tại hội thảo, ông Trần Văn Bình cho biết Nghị định số 54/2017/NĐ-CP còn nhiều bất cập.\n\n"
            "Căn cứ theo Điều 5 Luật Dược số 105/2016/QH13, nhà thuốc phải có giấy phép.")
    found, about = triples(text)
    assert about == "15/2025/TT-BYT"
    assert found == {("15/2025/TT-BYT", "REPLACES", "11/2018/TT-BYT")}


def test_a_self_document_cites_everything_it_mentions():
    found, _ = triples(LAW_HEAD + "Căn cứ Luật Đầu tư công số 58/2024/QH15;\n\nTại hội thảo, ông Trần Văn Bình cho "
                       "biết Nghị định số 54/2017/NĐ-CP còn nhiều bất cập.\n")
    assert found == {(S, "BASED_ON", "58/2024/QH15"), (S, "CITES", "54/2017/NĐ-CP")}


@pytest.mark.parametrize("text, kind", [
    (LAW_HEAD + "Căn cứ Luật Đầu tư công số 58/2024/QH15;\n", "self"),
    (NEWS, "reported"),
    ("Liên Bộ Tài chính - Công Thương quyết định giảm giá xăng.", None),
])
def test_subject_kind_is_carried_to_the_graph(text, kind):
    from graphbuild.graph.builder import build_graph
    r = analyse_document(Document(id="t", text=text), CATALOG)
    assert r.about_kind == kind
    g = build_graph([r])
    assert g.nodes["doc:t"].get("about_kind") == kind


def test_the_cue_vocabulary_is_one_table():
    """Every cue word lives in relate/cues.py: the other relate modules hold no Vietnamese cue."""
    import re
    from pathlib import Path
    root = Path(__file__).resolve().parents[1] / "graphbuild" / "relate"
    for name in ("reading.py", "reader.py", "relations.py"):
        code = "\n".join(line for line in (root / name).read_text(encoding="utf-8").splitlines()
                         if not line.lstrip().startswith("#"))
        code = re.sub(r'""".*?"""', "", code, flags=re.S)
        assert not re.search(r"sửa\\s|thay\\s|bãi\\s|hướng\\s|thực\\s|căn\\s", code), name


def test_a_decree_coordinated_with_the_described_decree_is_amended_too():
    # "sửa đổi Nghị định A quy định chi tiết Luật X và Nghị định B": B goes with A (a decree), not with X
    found, _ = triples("BỘ TÀI CHÍNH\nSố: 20/2025/TT-BTC\n\nCăn cứ Nghị định số 187/2025/NĐ-CP sửa đổi, bổ sung một số "
                       "điều của Nghị định số 78/2025/NĐ-CP quy định chi tiết Luật Ban hành văn bản quy phạm pháp "
                       "luật số 64/2025/QH15 và Nghị định số 79/2025/NĐ-CP;\n")
    assert {("187/2025/NĐ-CP", "AMENDS", "78/2025/NĐ-CP"), ("187/2025/NĐ-CP", "AMENDS", "79/2025/NĐ-CP"),
            ("78/2025/NĐ-CP", "GUIDES", "64/2025/QH15")} <= found
    assert ("78/2025/NĐ-CP", "GUIDES", "79/2025/NĐ-CP") not in found


def test_a_regulation_named_in_an_acts_title_is_no_instrument():
    found, _ = triples(LAW_HEAD + "Bãi bỏ Quyết định số 181/2006/QĐ-BQP về Điều lệ tổ chức của Viện nghiên cứu.\n")
    assert found == {(S, "REPEALS", "181/2006/QĐ-BQP")}


def test_contributing_to_a_resolution_is_not_implementing_it():
    found, _ = triples("Ngày 2/3/2025, Bộ Chính trị ban hành Nghị quyết số 68-NQ/TW về kinh tế tư nhân. Kinh tế tư "
                       "nhân là lực lượng tiên phong, góp phần thực hiện thắng lợi mục tiêu của Nghị quyết số 57-NQ/TW.")
    assert found == {("68-NQ/TW@2025", "CITES", "57-NQ/TW@2024")}


def test_a_quote_of_another_instrument_is_not_the_subjects_word():
    text = (NEWS + "Thông tư số 15/2025/TT-BYT sửa đổi Thông tư số 11/2018/TT-BYT.\n\n"
            "**Điều 3 Nghị định số 54/2017/NĐ-CP quy định như sau:**\n\n"
            "Việc cấp phép thực hiện theo quy định của Luật Dược số 105/2016/QH13.\n\n"
            "**Hồ sơ theo Thông tư số 15/2025/TT-BYT**\n\n"
            "Hồ sơ thực hiện theo quy định của Nghị định số 98/2021/NĐ-CP.")
    found, _ = triples(text)
    assert found == {("15/2025/TT-BYT", "AMENDS", "11/2018/TT-BYT"), ("15/2025/TT-BYT", "CITES", "98/2021/NĐ-CP")}
