"""Table-driven tests of ``get_citations`` (in the style of eyecite's ``test_FindTest``).

Each case is ``(text, expected)``: ``expected`` lists, in order, one dict per citation
with the fields that matter for the case (``text`` always; ``None`` means the field
must be null).  Two special keys replace ``text`` where the guideline leaves the exact
span open: ``overlaps`` (the span must overlap this substring of the input) and
``covers`` (the span must contain it).  Expected values come from the specification
and ``../shared/corpus/ANNOTATION.md``, never from the parser's output.

Every case runs with both tokenizers, which must also agree exactly.
"""

from __future__ import annotations

import unicodedata
from functools import cache

import pytest

from graphbuild import get_citations
from graphbuild.parse.tokenizers import AhoCorasickTokenizer, RegexTokenizer

BCT = "Bộ Chính trị"


def nfd(s: str) -> str:
    return unicodedata.normalize("NFD", s)


# --- the table -----------------------------------------------------------------------

PARTY_SYMBOLS = [
    ("Thực hiện Nghị quyết số 49-NQ/TW của Bộ Chính trị.",
     [{"text": "Nghị quyết số 49-NQ/TW", "kind": "party", "type": "Nghị quyết",
       "number": "49", "symbol": "49-NQ/TW", "issuer": BCT}]),
    ("Theo Kết luận số 84-KL/TW, các cấp ủy phải báo cáo.",
     [{"text": "Kết luận số 84-KL/TW", "kind": "party", "type": "Kết luận",
       "number": "84", "symbol": "84-KL/TW", "year": None, "date": None}]),
    ("Quy định số 114-QĐ/TW về kiểm soát quyền lực",
     [{"text": "Quy định số 114-QĐ/TW", "kind": "party", "type": "Quy định",
       "number": "114", "symbol": "114-QĐ/TW"}]),
    ("Chỉ thị số 26-CT/TW của Ban Bí thư",
     [{"text": "Chỉ thị số 26-CT/TW", "kind": "party", "type": "Chỉ thị",
       "number": "26", "symbol": "26-CT/TW", "issuer": "Ban Bí thư"}]),
    ("Hướng dẫn số 04-HD/TW",
     [{"text": "Hướng dẫn số 04-HD/TW", "kind": "party", "type": "Hướng dẫn",
       "number": "4", "symbol": "04-HD/TW"}]),
    ("Kế hoạch số 08-KH/BCĐ",
     [{"text": "Kế hoạch số 08-KH/BCĐ", "kind": "party", "type": "Kế hoạch",
       "number": "8", "symbol": "08-KH/BCĐ"}]),
    ("Chương trình số 56-CTr/BCĐ",
     [{"text": "Chương trình số 56-CTr/BCĐ", "kind": "party", "type": "Chương trình",
       "number": "56", "symbol": "56-CTr/BCĐ"}]),
    ("Nghị quyết số 512-NQ/BCSĐ",
     [{"text": "Nghị quyết số 512-NQ/BCSĐ", "kind": "party", "type": "Nghị quyết",
       "number": "512", "symbol": "512-NQ/BCSĐ"}]),
    ("Quy định số 08-QĐi/TW",
     [{"text": "Quy định số 08-QĐi/TW", "kind": "party", "type": "Quy định",
       "number": "8", "symbol": "08-QĐi/TW"}]),
    ("Hướng dẫn số 43-HD/BTCTW",
     [{"text": "Hướng dẫn số 43-HD/BTCTW", "kind": "party", "type": "Hướng dẫn",
       "number": "43", "symbol": "43-HD/BTCTW"}]),
    ("Hướng dẫn số 06-HD/BTCTW-BTGTW",
     [{"text": "Hướng dẫn số 06-HD/BTCTW-BTGTW", "kind": "party", "type": "Hướng dẫn",
       "number": "6", "symbol": "06-HD/BTCTW-BTGTW"}]),
    # Old slash-style Party symbol: still party.
    ("Thông báo số 33/TB-TW",
     [{"text": "Thông báo số 33/TB-TW", "kind": "party", "type": "Thông báo",
       "number": "33", "symbol": "33/TB-TW"}]),
    # No type word: the span is the symbol alone.
    ("tinh thần 49-NQ/TW đã đi vào cuộc sống",
     [{"text": "49-NQ/TW", "kind": "party", "number": "49", "symbol": "49-NQ/TW"}]),
]

STATE_SYMBOLS = [
    # the ministry's department glued on in brackets belongs to the symbol; a short name does not
    ("Thông tư số 04/1999/TT-BCA(C13) ngày 29/4/1999 của Bộ Công an",
     [{"text": "Thông tư số 04/1999/TT-BCA(C13)", "kind": "state", "type": "Thông tư",
       "number": "4", "symbol": "04/1999/TT-BCA(C13)", "year": 1999}]),
    ("theo Quyết định 729/1998/QĐ-BCA(V19), Nghị định 100/2019/NĐ-CP(NĐ 100)",
     [{"text": "Quyết định 729/1998/QĐ-BCA(V19)", "symbol": "729/1998/QĐ-BCA(V19)"},
      {"text": "Nghị định 100/2019/NĐ-CP", "symbol": "100/2019/NĐ-CP"},
      {"text": "NĐ 100", "number": "100", "symbol": None}]),
    ("Nghị định số 100/2019/NĐ-CP",
     [{"text": "Nghị định số 100/2019/NĐ-CP", "kind": "state", "type": "Nghị định",
       "number": "100", "symbol": "100/2019/NĐ-CP", "year": 2019}]),
    ("Luật số 45/2019/QH14",
     [{"text": "Luật số 45/2019/QH14", "kind": "state", "type": "Luật",
       "number": "45", "symbol": "45/2019/QH14", "year": 2019}]),
    ("Thông tư liên tịch số 01/2014/TTLT-BTP-TANDTC-VKSNDTC",
     [{"text": "Thông tư liên tịch số 01/2014/TTLT-BTP-TANDTC-VKSNDTC", "kind": "state",
       "type": "Thông tư liên tịch", "number": "1",
       "symbol": "01/2014/TTLT-BTP-TANDTC-VKSNDTC", "year": 2014}]),
    ("Pháp lệnh số 28/2005/PL-UBTVQH11",
     [{"text": "Pháp lệnh số 28/2005/PL-UBTVQH11", "kind": "state", "type": "Pháp lệnh",
       "number": "28", "symbol": "28/2005/PL-UBTVQH11", "year": 2005}]),
    ("Nghị quyết số 30a/2008/NQ-CP",
     [{"text": "Nghị quyết số 30a/2008/NQ-CP", "kind": "state", "type": "Nghị quyết",
       "number": "30a", "symbol": "30a/2008/NQ-CP", "year": 2008}]),
    # Number padded to two digits in the symbol, not in `number`.
    ("Thông tư số 3/2016/TT-BTP",
     [{"text": "Thông tư số 3/2016/TT-BTP", "kind": "state", "type": "Thông tư",
       "number": "3", "symbol": "03/2016/TT-BTP", "year": 2016}]),
    ("Quyết định số 123/QĐ-TTg",
     [{"text": "Quyết định số 123/QĐ-TTg", "kind": "state", "type": "Quyết định",
       "number": "123", "symbol": "123/QĐ-TTg", "year": None, "date": None}]),
    ("Nghị quyết số 12/NQ-CP",
     [{"text": "Nghị quyết số 12/NQ-CP", "kind": "state", "type": "Nghị quyết",
       "number": "12", "symbol": "12/NQ-CP", "year": None}]),
    ("Nghị định số 50/CP",
     [{"text": "Nghị định số 50/CP", "kind": "state", "type": "Nghị định",
       "number": "50", "symbol": "50/CP", "year": None}]),
    ("Văn bản hợp nhất số 134/VBHN-VPQH",
     [{"text": "Văn bản hợp nhất số 134/VBHN-VPQH", "kind": "state",
       "type": "Văn bản hợp nhất", "number": "134", "symbol": "134/VBHN-VPQH"}]),
    ("Công văn số 6714/BTC-TCCB",
     [{"text": "Công văn số 6714/BTC-TCCB", "kind": "state", "type": "Công văn",
       "number": "6714", "symbol": "6714/BTC-TCCB"}]),
    ("Tờ trình số 291/TTr-CP",
     [{"text": "Tờ trình số 291/TTr-CP", "kind": "state", "type": "Tờ trình",
       "number": "291", "symbol": "291/TTr-CP"}]),
    # a dotted serial glued to the issuer code is part of the symbol (the 1957 laws, a
    # regional office); a footnote digit or a sentence's end after the code is not
    ("LUẬT\n\nSỐ 102-SL/L.010 NGÀY 20-5-1957 VỀ QUYỀN LẬP HỘI",
     [{"text": "LUẬT\n\nSỐ 102-SL/L.010", "type": "Luật", "number": "102",
       "symbol": "102-SL/L.010", "year": 1957, "date": "1957-05-20"}]),
    ("Chi cục nhận được công văn số 1234/CCTKV.07-TTKT2 ngày 15/03/2025 của Thuế tỉnh",
     [{"text": "công văn số 1234/CCTKV.07-TTKT2", "number": "1234",
       "symbol": "1234/CCTKV.07-TTKT2", "year": 2025}]),
    ("Theo Thông báo số 12/TB-BQL.07A của Ban", [{"text": "Thông báo số 12/TB-BQL", "symbol": "12/TB-BQL"}]),
    ("Quán triệt Nghị quyết số 57-NQ/TW.1 Nghị quyết số 66-NQ/TW. 12 đơn vị đã làm",
     [{"text": "Nghị quyết số 57-NQ/TW", "symbol": "57-NQ/TW"},
      {"text": "Nghị quyết số 66-NQ/TW", "symbol": "66-NQ/TW"}]),
    ("căn cứ 100/2019/NĐ-CP để xử phạt",
     [{"text": "100/2019/NĐ-CP", "kind": "state", "number": "100",
       "symbol": "100/2019/NĐ-CP", "year": 2019}]),
]

BARE_NUMBERS_AND_LISTS = [
    ("Kết luận 14 của Bộ Chính trị",
     [{"text": "Kết luận 14", "kind": "party", "type": "Kết luận", "number": "14",
       "symbol": None, "issuer": BCT}]),
    ("thực hiện Nghị quyết 57 về khoa học, công nghệ",
     [{"text": "Nghị quyết 57", "type": "Nghị quyết", "number": "57", "symbol": None}]),
    ("Quyết định số 217, số 218 của Bộ Chính trị.",
     [{"text": "Quyết định số 217", "kind": "party", "type": "Quyết định", "number": "217",
       "issuer": BCT},
      {"text": "số 218", "kind": "party", "type": "Quyết định", "number": "218",
       "issuer": BCT}]),
    ("Nghị quyết 59 70 71 72 của Bộ Chính trị.",
     [{"text": "Nghị quyết 59", "kind": "party", "number": "59", "issuer": BCT},
      {"text": "70", "kind": "party", "type": "Nghị quyết", "number": "70", "issuer": BCT},
      {"text": "71", "kind": "party", "type": "Nghị quyết", "number": "71", "issuer": BCT},
      {"text": "72", "kind": "party", "type": "Nghị quyết", "number": "72", "issuer": BCT}]),
    ("triển khai Nghị quyết 71, 57 trong toàn ngành",
     [{"text": "Nghị quyết 71", "type": "Nghị quyết", "number": "71"},
      {"text": "57", "type": "Nghị quyết", "number": "57"}]),
]

NAMED = [
    # a lower-case "dân", "pháp" before a capitalised Luật: still the law
    ("tuyên truyền trong các tầng lớp nhân dân Luật Trẻ em",
     [{"text": "Luật Trẻ em", "kind": "named", "type": "Luật"}]),
    ("chấp hành pháp Luật Đất đai của tổ chức",
     [{"text": "Luật Đất đai", "kind": "named", "type": "Luật"}]),
    ("Cộng hòa Pháp\nLuật Đất đai 2013", [{"text": "Luật Đất đai 2013", "kind": "named"}]),
    ("NGHİ ĐỊNH SỐ 15/2024/NĐ-CP",                 # a Turkish dotted capital I, swapped
     [{"text": "NGHİ ĐỊNH SỐ 15/2024/NĐ-CP", "symbol": "15/2024/NĐ-CP"}]),
    ("e\u0301\nTheo 187-\u212aL/TW của Bộ Chính trị",  # KELVIN SIGN for K
     [{"text": "187-\u212aL/TW", "symbol": "187-KL/TW"}]),
    ("Theo Luật Đất đai 2013, người sử dụng đất có quyền",
     [{"text": "Luật Đất đai 2013", "kind": "named", "type": "Luật", "number": None,
       "symbol": None, "year": 2013}]),
    ("Hành vi này bị xử lý theo Bộ luật Hình sự.",
     [{"text": "Bộ luật Hình sự", "kind": "named", "type": "Bộ luật", "number": None,
       "symbol": None}]),
    ("Hiến pháp năm 2013 khẳng định quyền con người.",
     [{"text": "Hiến pháp năm 2013", "kind": "named", "type": "Hiến pháp", "year": 2013}]),
    ("Quốc hội đã thông qua Luật Hòa giải, đối thoại tại Tòa án.",
     [{"overlaps": "Luật Hòa giải, đối thoại tại Tòa án", "kind": "named", "type": "Luật"}]),
    ("Quán triệt Nghị quyết Đại hội lần thứ XIII của Đảng, các cấp ủy đã vào cuộc.",
     [{"text": "Nghị quyết Đại hội lần thứ XIII của Đảng", "kind": "named",
       "type": "Nghị quyết", "number": None}]),
    ("Thực hiện Nghị quyết Trung ương 4 (khóa XII) về xây dựng Đảng",
     [{"text": "Nghị quyết Trung ương 4 (khóa XII)", "kind": "named", "type": "Nghị quyết",
       "number": None, "symbol": None}]),
    # "và" inside a name: a name followed by "số <symbol>" is one citation
    ("Căn cứ Luật Hỗ trợ doanh nghiệp nhỏ và vừa số 04/2017/QH14 ngày 12 tháng 6 năm 2017;",
     [{"text": "Luật Hỗ trợ doanh nghiệp nhỏ và vừa số 04/2017/QH14", "kind": "state",
       "type": "Luật", "number": "4", "symbol": "04/2017/QH14", "year": 2017}]),
    ("Căn cứ Luật Phòng, chống thiên tai và Đê điều số 60/2020/QH14;",
     [{"text": "Luật Phòng, chống thiên tai và Đê điều số 60/2020/QH14", "symbol": "60/2020/QH14"}]),
    ("chi tiết một số điều của Luật Hỗ trợ hợp tác xã nhỏ và vừa;",
     [{"text": "Luật Hỗ trợ hợp tác xã nhỏ và vừa", "kind": "named", "type": "Luật"}]),
    ("Đảng viên phải chấp hành nghiêm Điều lệ Đảng.",
     [{"text": "Điều lệ Đảng", "kind": "named", "type": "Điều lệ"}]),
]

# Names in lower case (graphbuild/parse/lowercase.py): a constitution named by a country or a
# year (a foreign one is a specific legal document too), a law's name after a citing verb.
LOWER_CASE_NAMES = [
    ("Ông cho rằng lệnh cấm đã vi phạm hiến pháp Mỹ khi ban hành.",
     [{"text": "hiến pháp Mỹ", "kind": "named", "type": "Hiến pháp", "number": None, "symbol": None}]),
    ("Quyền này được hiến pháp Nhật Bản ghi nhận.", [{"text": "hiến pháp Nhật Bản", "kind": "named"}]),
    ("Chế độ được quy định trong hiến pháp năm 1958 của nước này.",
     [{"text": "hiến pháp năm 1958", "kind": "named", "year": 1958}]),
    ("Các chuyên gia bàn về luật hiến pháp Pháp.", []),            # a field of law, a modifier
    ("Tòa án hiến pháp Đức đã bác đơn.", []),                       # a court
    ("Mọi người phải tuân thủ hiến pháp và pháp luật.", []),        # the common noun
    ("Năm 2012, Quốc hội ban hành Luật tài nguyên nước để quản lý nguồn nước.",
     [{"text": "Luật tài nguyên nước", "kind": "named", "type": "Luật"}]),
    ("Nghị định quy định chi tiết một số điều của Luật viễn thông và Điều 30 của Nghị định 174",
     [{"text": "Luật viễn thông", "kind": "named"}, {"text": "Nghị định 174", "number": "174"}]),
    ("Theo Điều 42 Luật an toàn thông tin mạng cụ thể như sau",
     [{"text": "Luật an toàn thông tin mạng", "kind": "named"}]),
    ("Nhiều quy định của Luật chưa phù hợp với thực tiễn.", []),    # the law already named
    ("Ông nói về luật chơi mới.", []),
    ("Người dân được tuyên truyền về Luật giao thông đường bộ.", []),  # no citing verb: unsure
]

NOT_CITATIONS = [
    ("Đại biểu thảo luận về các nghị quyết của Quốc hội.", []),
    ("Tổ chức quán triệt Nghị quyết Đại hội đảng bộ các cấp.", []),
    ("Nghị định này có hiệu lực thi hành kể từ ngày ký.", []),
    ("Luật này có hiệu lực thi hành.", []),
    ("Nghị quyết này được Quốc hội thông qua.", []),
    ("Các nội dung tại Nghị định nêu trên được giữ nguyên.", []),
    ("Theo Điều 5, khoản 2 thì", []),
    ("Luật sư Nguyễn Văn A cho biết như vậy.", []),
    ("Xây dựng kế hoạch 5 năm của ngành.", []),
    ("Ông đã ký quyết định 3 lần trong tháng.", []),
    ("Theo Báo Pháp Luật TP.HCM, ông Nguyễn Văn A cho biết", []),      # a newspaper
    ("Cộng đồng Dân Luật Việt Nam", []),                                # a site's footer
    ("Mục 1. NĂNG LỰC PHÁP LUẬT DÂN SỰ", []),                           # a heading, no law
    # generic regulations: a level for an owner, a short common title with no issuer
    ("Đảng ủy xã xây dựng Quy chế chi tiêu nội bộ của Đảng bộ cấp huyện trước đây.", []),
    ("Chi bộ (theo thẩm quyền quy định tại Quy chế hoạt động) ban hành kế hoạch.", []),
]

NOISE = [
    ("Thực hiện Nghị quyết 49-NQ/TW",
     [{"text": "Nghị quyết 49-NQ/TW", "number": "49", "symbol": "49-NQ/TW"}]),
    ("Quy định số 132-QD/TW",
     [{"text": "Quy định số 132-QD/TW", "kind": "party", "number": "132",
       "symbol": "132-QĐ/TW"}]),
    ("Nghị định số 15/2020/ND-CP",
     [{"text": "Nghị định số 15/2020/ND-CP", "symbol": "15/2020/NĐ-CP", "year": 2020}]),
    ("Nghị quyết số 35/2025/NQ-HDND",
     [{"text": "Nghị quyết số 35/2025/NQ-HDND", "symbol": "35/2025/NQ-HĐND"}]),
    ("Kế hoạch số 08-KH/BCD",
     [{"text": "Kế hoạch số 08-KH/BCD", "symbol": "08-KH/BCĐ"}]),
    ("Nghị quyết số 39-NQ/TƯ",
     [{"text": "Nghị quyết số 39-NQ/TƯ", "kind": "party", "symbol": "39-NQ/TW"}]),
    ("Kết luận số 21- KL/TW",
     [{"text": "Kết luận số 21- KL/TW", "number": "21", "symbol": "21-KL/TW"}]),
    ("Chỉ thị số 78 – CT/TƯ",
     [{"text": "Chỉ thị số 78 – CT/TƯ", "kind": "party", "number": "78",
       "symbol": "78-CT/TW"}]),
    ("Thông tư số 03 /2016/TT- BTP",
     [{"text": "Thông tư số 03 /2016/TT- BTP", "number": "3", "symbol": "03/2016/TT-BTP",
       "year": 2016}]),
    ("Nghị định số 83/2014/NĐ- CP",
     [{"text": "Nghị định số 83/2014/NĐ- CP", "symbol": "83/2014/NĐ-CP"}]),
    ("Nghị định số 83/2014/NĐ-\nCP về kinh doanh xăng dầu",
     [{"text": "Nghị định số 83/2014/NĐ-\nCP", "symbol": "83/2014/NĐ-CP", "year": 2014}]),
    ("theo Nghị định số\n83/2014/NĐ-CP",
     [{"text": "Nghị định số\n83/2014/NĐ-CP", "type": "Nghị định", "number": "83",
       "symbol": "83/2014/NĐ-CP"}]),
    ("Nghị định 100/2019/NĐ-CPngày 1/1/2020 của Chính phủ",
     [{"text": "Nghị định 100/2019/NĐ-CP", "symbol": "100/2019/NĐ-CP", "year": 2019,
       "date": "2020-01-01", "issuer": "Chính phủ"}]),
    ("NGHỊ ĐỊNH SỐ 15/2024/NĐ-CP",
     [{"text": "NGHỊ ĐỊNH SỐ 15/2024/NĐ-CP", "kind": "state", "type": "Nghị định",
       "number": "15", "symbol": "15/2024/NĐ-CP", "year": 2024}]),
    ("Số: 15/2024/NĐ-CP",
     [{"text": "15/2024/NĐ-CP", "number": "15", "symbol": "15/2024/NĐ-CP", "year": 2024}]),
    ("Pursuant to the Government's Decree No. 100/2019/ND-CP.",
     [{"covers": "100/2019/ND-CP", "kind": "state", "number": "100",
       "symbol": "100/2019/NĐ-CP", "year": 2019}]),
    (nfd("Thực hiện Nghị quyết số 49-NQ/TW ngày 2/6/2005 của Bộ Chính trị."),
     [{"text": nfd("Nghị quyết số 49-NQ/TW"), "kind": "party", "type": "Nghị quyết",
       "number": "49", "symbol": "49-NQ/TW", "year": 2005, "date": "2005-06-02"}]),
    (nfd("Căn cứ Luật Đất đai 2013 và Nghị định số 43/2014/NĐ-CP"),
     [{"text": nfd("Luật Đất đai 2013"), "kind": "named", "year": 2013},
      {"text": nfd("Nghị định số 43/2014/NĐ-CP"), "type": "Nghị định",
       "symbol": "43/2014/NĐ-CP", "year": 2014}]),
    ("Thực hiện Nghị\u00a0quyết số\u00a049-NQ/TW ngày\u00a02/6/2005 của\u00a0Bộ Chính trị",
     [{"text": "Nghị\u00a0quyết số\u00a049-NQ/TW", "type": "Nghị quyết", "number": "49",
       "symbol": "49-NQ/TW", "date": "2005-06-02", "issuer": BCT}]),
    ("Nghị định 15/2024/N\u00d0-CP",
     [{"text": "Nghị định 15/2024/N\u00d0-CP", "type": "Nghị định", "number": "15",
       "symbol": "15/2024/NĐ-CP", "year": 2024}]),
]

DATES_AND_ATTACHMENTS = [
    ("Quyết định số 123/QĐ-TTg ngày 29/7/2020 của Thủ tướng Chính phủ",
     [{"text": "Quyết định số 123/QĐ-TTg", "date": "2020-07-29", "year": 2020,
       "issuer": "Thủ tướng Chính phủ"}]),
    ("Chỉ thị số 35-CT/TW ngày 26.12.2023 của Bộ Chính trị",
     [{"text": "Chỉ thị số 35-CT/TW", "date": "2023-12-26", "year": 2023, "issuer": BCT}]),
    ("Nghị quyết số 12-NQ/TW ngày 5-10-1992",
     [{"text": "Nghị quyết số 12-NQ/TW", "date": "1992-10-05", "year": 1992}]),
    ("Nghị định số 11/CP ngày 14 tháng 12 năm 2004",
     [{"text": "Nghị định số 11/CP", "date": "2004-12-14", "year": 2004}]),
    # The year in the symbol wins over the year of the date.
    ("Nghị định số 120/2024/NĐ-CP ngày 2/1/2025",
     [{"text": "Nghị định số 120/2024/NĐ-CP", "date": "2025-01-02", "year": 2024}]),
    ("Quyết định số 759/QĐ-TTg năm 2025 của Thủ tướng",
     [{"text": "Quyết định số 759/QĐ-TTg", "year": 2025, "date": None}]),
    # Attachments after a list are shared by every item.
    ("Kết luận số 187, 188- KL/TW ngày 29/8/2025 của Bộ Chính trị.",
     [{"text": "Kết luận số 187", "kind": "party", "type": "Kết luận", "number": "187",
       "symbol": None, "date": "2025-08-29", "year": 2025, "issuer": BCT},
      {"text": "188- KL/TW", "kind": "party", "type": "Kết luận", "number": "188",
       "symbol": "188-KL/TW", "date": "2025-08-29", "year": 2025, "issuer": BCT}]),
    ("Nghị quyết số 49-NQ/TW và Kết luận số 84-KL/TW của Bộ Chính trị.",
     [{"text": "Nghị quyết số 49-NQ/TW", "symbol": "49-NQ/TW", "issuer": BCT},
      {"text": "Kết luận số 84-KL/TW", "symbol": "84-KL/TW", "issuer": BCT}]),
    ("Nghị quyết số 49-NQ/TW ngày 02/6/2005 của Bộ Chính trị khóa IX về Chiến lược",
     [{"text": "Nghị quyết số 49-NQ/TW", "date": "2005-06-02", "year": 2005,
       "issuer": BCT, "term": "khóa IX"}]),
    ("Nghị quyết số 08-NQ/TW ngày 2/1/2002 của Bộ Chính trị (khóa IX)",
     [{"text": "Nghị quyết số 08-NQ/TW", "number": "8", "symbol": "08-NQ/TW",
       "date": "2002-01-02", "issuer": BCT, "term": "khóa IX"}]),
]

CASES = (PARTY_SYMBOLS + STATE_SYMBOLS + BARE_NUMBERS_AND_LISTS + NAMED + LOWER_CASE_NAMES + NOT_CITATIONS
         + NOISE + DATES_AND_ATTACHMENTS)


# --- machinery --------------------------------------------------------------------------

def _slug(text: str, width: int = 48) -> str:
    """An ASCII test id: ``Nghị quyết số 49-NQ/TW`` -> ``Nghi quyet so 49-NQ/TW``."""
    folded = unicodedata.normalize("NFD", text.replace("Đ", "D").replace("đ", "d")
                                   .replace("\u00d0", "D"))
    ascii_ = "".join(ch for ch in folded if ord(ch) < 128).replace("\n", "\\n")
    ascii_ = ascii_ if text == unicodedata.normalize("NFC", text) else "NFD:" + ascii_
    ascii_ = ascii_ if "\u00a0" not in text else "NBSP:" + ascii_
    return ascii_[:width]


@cache
def _tokenizer(name: str):
    if name == "aho-corasick":
        try:
            return AhoCorasickTokenizer()
        except ImportError:                       # pragma: no cover
            pytest.skip("ahocorasick_rs is not installed")
    return RegexTokenizer()


TOKENIZERS = ["aho-corasick", "regex"]


def _span_of(text: str, sub: str) -> tuple[int, int]:
    k = text.find(sub)
    assert k >= 0, f"test bug: {sub!r} not in {text!r}"
    return k, k + len(sub)


def _check(text: str, expected: list[dict], citations) -> None:
    for c in citations:
        assert 0 <= c.start < c.end <= len(text)
        assert text[c.start:c.end] == c.text, f"offsets do not slice the original: {c}"
    got = [c.to_dict() for c in citations]
    assert len(got) == len(expected), (
        f"expected {len(expected)} citation(s), got {len(got)}: "
        f"{[g['text'] for g in got]}")
    for i, (want, c) in enumerate(zip(expected, citations)):
        d = c.to_dict()
        if "overlaps" in want:
            s, e = _span_of(text, want["overlaps"])
            assert min(e, c.end) - max(s, c.start) > 0, f"#{i} {c.text!r} misses {want['overlaps']!r}"
        if "covers" in want:
            s, e = _span_of(text, want["covers"])
            assert c.start <= s and e <= c.end, f"#{i} {c.text!r} does not cover {want['covers']!r}"
        fields = {k: v for k, v in want.items() if k not in ("overlaps", "covers")}
        actual = {k: d[k] for k in fields}
        assert actual == fields, f"citation #{i} ({c.text!r})"


# --- tests ------------------------------------------------------------------------------

@pytest.mark.parametrize("tokenizer_name", TOKENIZERS, ids=TOKENIZERS)
@pytest.mark.parametrize("text, expected", CASES, ids=[_slug(t) for t, _ in CASES])
def test_find(text, expected, tokenizer_name):
    _check(text, expected, get_citations(text, tokenizer=_tokenizer(tokenizer_name)))


@pytest.mark.parametrize("text", [t for t, _ in CASES], ids=[_slug(t) for t, _ in CASES])
def test_tokenizers_agree(text):
    results = [[c.to_dict() for c in get_citations(text, tokenizer=_tokenizer(name))]
               for name in TOKENIZERS]
    assert results[0] == results[1]


def test_default_tokenizer_matches_explicit_ones():
    text = " ".join(t for t, _ in CASES)
    default = [c.to_dict() for c in get_citations(text)]
    assert default == [c.to_dict() for c in get_citations(text, tokenizer=_tokenizer("regex"))]


def test_empty_text():
    assert get_citations("") == []


def test_citation_is_frozen_and_to_dict_roundtrips():
    (c,) = get_citations("Nghị quyết số 49-NQ/TW")
    with pytest.raises(AttributeError):
        c.start = 0                                 # type: ignore[misc]
    d = c.to_dict()
    assert {"start", "end", "text", "kind", "type", "number", "symbol", "year", "date",
            "issuer", "term", "subject", "id"} <= set(d)
    assert d["text"] == c.text and d["symbol"] == c.symbol
