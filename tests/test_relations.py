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
