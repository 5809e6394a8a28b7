"""Table-driven tests of the name rules of :func:`graphbuild.parse.names.scan_name`.

One table per rule (the rules are named in ``scan_name``'s docstring).  A case is
``(type word, text, expected)``: the type word is its first occurrence in the text, and
``expected`` is the cited span (from the type word through the end of the name, as
``../shared/corpus/ANNOTATION.md`` defines it) with the year the name carries, or None
when the guideline says it is no citation.  Expected values come from the guideline and
real forms, never from the parser's output.
"""

from __future__ import annotations

import pytest

from graphbuild.parse.names import scan_name

# What stands before the type word rules a name out (_ruled_out_before).
RULED_OUT_BEFORE = [
    ("Luật", "sinh viên Đại học Luật Hà Nội", None),             # an institution
    ("Luật", "theo Công ty Luật Minh Khuê", None),
    ("Luật", "Theo Báo Pháp Luật TP.HCM, ông A cho biết", None),  # a newspaper
    ("Luật", "Cộng đồng Dân Luật Việt Nam", None),                 # a site's footer
    ("Luật", "chấp hành pháp Luật Đất đai của tổ chức", ("Luật Đất đai", None)),
    ("Luật", "Cộng hòa Pháp\nLuật Đất đai 2013", ("Luật Đất đai 2013", 2013)),
    ("Quy chế", 'đã ban hành "Quy chế làm việc" mới', None),      # a common noun in quotes
    ("QUY ĐỊNH", "một QUY ĐỊNH MỚI VỀ CÔNG TÁC", None),            # ... or in capitals
]

# A law's title heading, read whole (_heading_title).
HEADING_TITLE = [
    ("LUẬT", "LUẬT\n\nTHANH NIÊN\n\nCăn cứ Hiến pháp", ("LUẬT\n\nTHANH NIÊN", None)),
    ("LUẬT", "LUẬT\n\nThanh niên\n", None),                        # not a title in capitals
]

# A word that ends every name right after the type word (_ends_at_once).
ENDS_AT_ONCE = [
    ("Luật", "Luật này có hiệu lực thi hành.", None),              # anaphora
    ("Bộ luật", "Bộ luật đã quy định", None),
    ("Luật", "theo Luật nêu trên", None),
    ("Quy chế", "ban hành Quy chế về quản lý tài sản công", ("Quy chế về quản lý tài sản công", None)),
    ("Hiến pháp", "Hiến pháp năm 2013 khẳng định quyền con người.", ("Hiến pháp năm 2013", 2013)),
]

# A comma inside a law's name (_past_separator, then _trimmed).
SEPARATORS = [
    ("Luật", "Quốc hội đã thông qua Luật Hòa giải, đối thoại tại Tòa án.",
     ("Luật Hòa giải, đối thoại tại Tòa án", None)),
    ("Luật", "Căn cứ Luật Đất đai, Luật Nhà ở", ("Luật Đất đai", None)),      # a capital: next law
    ("Luật", "theo Luật Đất đai, người sử dụng đất có quyền", ("Luật Đất đai", None)),
    ("Luật", "các văn bản như Luật, Nghị định", None),                      # no name before it
    ("Quy chế", "ban hành Quy chế tổ chức Đại hội, hoạt động", ("Quy chế tổ chức Đại hội", None)),  # not a law
]

# A number ends the name; a year stays in it (_number_ends).
NUMBERS = [
    ("Luật", "Theo Luật Đất đai 2013, người sử dụng đất", ("Luật Đất đai 2013", 2013)),
    ("Luật", "Luật Đất đai năm 2013 quy định", ("Luật Đất đai năm 2013", 2013)),
    ("Hiến pháp", "Hiến pháp 1992 ghi nhận", ("Hiến pháp 1992", 1992)),
    ("Luật", "Luật Đầu tư số 61/2020/QH14", ("Luật Đầu tư", None)),             # the symbol follows
    ("Luật", "Luật 2013 quy định", None),                                        # a year, no name
    ("Bộ luật", "Bộ luật Hình sự 2015 (sửa đổi", ("Bộ luật Hình sự 2015", 2015)),
]

# Amendment words (_amendment).
AMENDMENTS = [
    ("Luật", "Luật Sở hữu trí tuệ sửa đổi 2009 quy định", ("Luật Sở hữu trí tuệ sửa đổi 2009", 2009)),
    ("Luật", "Luật Sở hữu trí tuệ sửa đổi năm 2009", ("Luật Sở hữu trí tuệ sửa đổi năm 2009", 2009)),
    ("Luật", "Luật Đất đai sửa đổi đang được lấy ý kiến", ("Luật Đất đai", None)),   # no year: the verb
    ("Luật", "Luật Đất đai (sửa đổi) được thông qua", ("Luật Đất đai (sửa đổi)", None)),
    ("Luật", "Luật sửa đổi, bổ sung một số điều của Luật Đất đai và Luật Nhà ở ngày 1",
     ("Luật sửa đổi, bổ sung một số điều của Luật Đất đai và Luật Nhà ở", None)),
    ("Luật", "Luật sửa đổi bổ sung một số điều của Luật ban hành văn bản quy phạm pháp luật số 87",
     ("Luật sửa đổi bổ sung một số điều của Luật ban hành văn bản quy phạm pháp luật", None)),
    ("Luật", "Luật sửa đổi.", None),                             # which law, the text does not say
    ("Quy chế", "ban hành Quy chế sửa đổi", None),               # only laws are "Luật sửa đổi ..."
]

# "số" ending a word, not before a number (_so_in_word).
SO_IN_WORD = [
    ("Pháp lệnh", "căn cứ Pháp lệnh Dân số năm 2003", ("Pháp lệnh Dân số năm 2003", 2003)),
    ("Luật", "dự thảo Luật Dân số đang", ("Luật Dân số", None)),
]

# A two-word verb ends the name (_verb_ends).
VERBS = [
    ("Luật", "Luật Đất đai quy định rõ", ("Luật Đất đai", None)),
    ("Luật", "theo Luật Đất đai hiện hành", ("Luật Đất đai", None)),
    ("Luật", "Luật Đất đai ban hành năm 2013", ("Luật Đất đai", None)),
    ("Luật", "Luật Đất đai có hiệu lực từ", ("Luật Đất đai", None)),
]

# The next instrument starts: a capitalised type word; a stop word in capitals (_next_instrument).
NEXT_INSTRUMENT = [
    ("Luật", "Luật Đất đai Nghị định 43/2014/NĐ-CP", ("Luật Đất đai", None)),
    ("LUẬT", "LUẬT ĐẤT ĐAI VÀ NGHỊ ĐỊNH", ("LUẬT ĐẤT ĐAI", None)),
    ("Văn bản hợp nhất", "theo Văn bản hợp nhất Luật Đất đai", ("Văn bản hợp nhất Luật Đất đai", None)),
]

# A lower-case function word ends the name unless it joins its words (_function_word_ends).
FUNCTION_WORDS = [
    ("Luật", "Luật Bảo vệ môi trường đối với doanh nghiệp", ("Luật Bảo vệ môi trường", None)),
    ("Luật", "Luật Đất đai của Quốc hội", ("Luật Đất đai", None)),
    ("Luật", "Luật Đất đai và Luật Nhà ở", ("Luật Đất đai", None)),
    ("Luật", "Luật Đất đai và các văn bản", ("Luật Đất đai", None)),
    ("Quy chế", "ban hành Quy chế làm việc của Ban Chấp hành Trung ương",
     ("Quy chế làm việc của Ban Chấp hành Trung ương", None)),
    ("Quy chế", "ban hành Quy chế phối hợp công tác tuyên truyền của các cơ quan",
     ("Quy chế phối hợp công tác tuyên truyền", None)),
]

# "và" where nothing new can start joins the name (_and_continues): before a word that ends
# names elsewhere but stands last in its clause, or before words that run to the name's number.
AND_JOINS = [
    ("Luật", "theo Luật Hỗ trợ hợp tác xã nhỏ và vừa; các cơ quan",
     ("Luật Hỗ trợ hợp tác xã nhỏ và vừa", None)),
    ("Luật", "Căn cứ Luật Hỗ trợ doanh nghiệp nhỏ và vừa số 04/2017/QH14",
     ("Luật Hỗ trợ doanh nghiệp nhỏ và vừa", None)),
    ("Luật", "Luật Hỗ trợ doanh nghiệp nhỏ và vừa năm 2017 quy định",
     ("Luật Hỗ trợ doanh nghiệp nhỏ và vừa năm 2017", 2017)),
    ("Luật", "Căn cứ Luật Phòng, chống thiên tai và Đê điều số 60/2020/QH14;",
     ("Luật Phòng, chống thiên tai và Đê điều", None)),
    ("Luật", "Luật Đất đai và vừa qua Quốc hội", ("Luật Đất đai", None)),      # "vừa qua": a verb
    ("Luật", "Luật Đất đai và các văn bản số 12 khác", ("Luật Đất đai", None)),  # a list
    ("Luật", "Luật Đất đai và Nghị định số 43/2014/NĐ-CP", ("Luật Đất đai", None)),
    ("Luật", "Luật Đất đai và theo khoản 2 số 5", ("Luật Đất đai", None)),
    ("Luật", "Luật sửa đổi, bổ sung một số điều của Luật Đất đai và Luật Nhà ở số 1",
     ("Luật sửa đổi, bổ sung một số điều của Luật Đất đai và Luật Nhà ở", None)),
]

# A common-noun type's name that fits many instruments (graphbuild/parse/generic.py): a level
# for its owner, or a short title of common words with no issuer, number, date or list.
GENERIC = [
    ("Quy chế", "dựa trên Quy chế quản lý tài sản của Đảng bộ cấp huyện trước đây", None),
    ("Quy chế", "áp dụng Quy chế làm việc mẫu của Ủy ban nhân dân cấp xã", None),
    ("Quy chế", "(thẩm quyền quy định tại Quy chế hoạt động) rồi", None),
    ("Quy chế", "thực hiện Quy chế làm việc của các cơ quan", None),
    ("Nội quy", "mọi người chấp hành Nội quy cơ quan.", None),
    ("Quy chế", "theo Quy chế làm việc của Tỉnh ủy Nam Định", ("Quy chế làm việc của Tỉnh ủy Nam Định", None)),
    ("Quy chế", "Thực hiện Điều lệ Hội, Quy chế hoạt động và Nghị quyết Đại hội",
     ("Quy chế hoạt động", None)),                              # listed with other instruments
    ("Quy chế", "căn cứ Quy chế hoạt động và Kế hoạch số 12/KH-UBND", ("Quy chế hoạt động", None)),
    ("Quy chế", "căn cứ Quy chế làm việc số 05 của Đảng ủy", ("Quy chế làm việc", None)),  # a number
    ("Quy chế", "Thông tư số 12/2024/TT-BGDĐT ban hành Quy chế tuyển sinh.",
     ("Quy chế tuyển sinh", None)),                            # an instrument issues it
    ("Quy chế", "theo Quy chế tuyển sinh ban hành kèm theo Thông tư số 12", ("Quy chế tuyển sinh", None)),
    ("Quy chế", "Ban hành kèm theo Quyết định này Quy chế làm việc mẫu của Ủy ban nhân dân cấp xã.",
     ("Quy chế làm việc mẫu của Ủy ban nhân dân cấp xã", None)),
    ("Quy chế", "trình cấp có thẩm quyền quyết định ban hành Quy chế thi đua.", None),  # to be issued
    ("Quy chế", "thực hiện Quy chế tuyển sinh trung học cơ sở và trung học phổ thông",
     ("Quy chế tuyển sinh trung học cơ sở và trung học phổ thông", None)),   # a long title
]

# Only the Constitution cites with no name (_trimmed, _bare_type_cites).
BARE_TYPE = [
    ("Hiến pháp", "bảo vệ Hiến pháp và pháp luật", ("Hiến pháp", None)),
    ("Hiến pháp", "theo Hiến pháp này", None),                   # anaphora
    ("Hiến pháp", "bản Hiến pháp đầu tiên", None),               # a copy of it
    ("Luật", "theo Luật.", None),
]

# Is what was read a name of this type (_plausible)?
PLAUSIBLE = [
    ("Luật", "Luật sư Nguyễn Văn A cho biết như vậy.", None),
    ("Luật", "Luật pháp Việt Nam", None),
    ("Quy chế", "Quy chế làm việc của Ban Chấp hành", None),     # a common noun at a sentence start
    ("Điều lệ", "Đảng viên phải chấp hành nghiêm Điều lệ Đảng.", ("Điều lệ Đảng", None)),
    ("Quy định", "theo Quy định chi tiết thi hành", None),       # the verb "quy định chi tiết"
    ("Văn bản hợp nhất", "Văn bản hợp nhất các luật", None),
]

# A law's name in lower case: a citing verb or article before it (graphbuild/parse/lowercase.py).
LOWER_CASE = [
    ("Luật", "Quốc hội ban hành Luật tài nguyên nước để quản lý", ("Luật tài nguyên nước", None)),
    ("Luật", "theo quy định tại Điều 63 Luật trẻ em làm đơn gửi", ("Luật trẻ em", None)),
    ("Luật", "theo quy định của Luật người lao động Việt Nam đi làm việc ở nước ngoài theo hợp đồng",
     ("Luật người lao động Việt Nam đi làm việc ở nước ngoài", None)),
    ("Luật", "theo quy định của Luật ngân sách nhà nước và pháp luật khác",
     ("Luật ngân sách nhà nước", None)),
    ("Bộ luật", "áp dụng quy định của Bộ luật dân sự về hợp đồng", ("Bộ luật dân sự", None)),
    ("Luật", "nhiều quy định của Luật chưa phù hợp với thực tiễn", None),   # the law already named
    ("Luật", "tuyên truyền Luật giao thông đường bộ cho học sinh", None),     # no citing verb
    ("Luật", "theo quy định của Luật sư đoàn", None),
]

TABLES = {
    "ruled_out_before": RULED_OUT_BEFORE, "heading_title": HEADING_TITLE,
    "ends_at_once": ENDS_AT_ONCE, "separators": SEPARATORS, "numbers": NUMBERS,
    "amendments": AMENDMENTS, "so_in_word": SO_IN_WORD, "verbs": VERBS,
    "next_instrument": NEXT_INSTRUMENT, "function_words": FUNCTION_WORDS, "and_joins": AND_JOINS,
    "generic": GENERIC,
    "bare_type": BARE_TYPE, "plausible": PLAUSIBLE, "lower_case": LOWER_CASE,
}
CASES = [(rule, *case) for rule, table in TABLES.items() for case in table]


def _canonical(written: str) -> str:
    """The type a written type word stands for: ``LUẬT`` -> ``Luật``."""
    return written[0] + written[1:].lower()


@pytest.mark.parametrize("rule, written, text, expected", CASES,
                         ids=[f"{c[0]}-{c[2][:40]}" for c in CASES])
def test_name_rule(rule, written, text, expected):
    ts = text.find(written)
    assert ts >= 0, f"test bug: {written!r} not in {text!r}"
    te = ts + len(written)
    found = scan_name(text, ts, te, _canonical(written))
    got = None if found is None else (text[ts:found[0]], found[2])
    assert got == expected


def test_every_rule_has_cases_either_way():
    # A rule's table that only ever expects a name (or only None) cannot show what it rules.
    for rule, table in TABLES.items():
        if rule in ("so_in_word", "verbs", "next_instrument", "function_words", "and_joins"):
            continue                     # these rules only ever end or continue a name
        assert {e is None for _, _, e in table} == {True, False}, rule
