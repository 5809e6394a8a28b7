"""The cue vocabulary of relations: one table, data only.

Each row is ``(role, relation, pattern)``.  Roles:

* ``typed``     a cue naming a relation (``sửa đổi`` -> AMENDS), strongest first: in a run of
  cues with nothing between them (``tổng kết 15 năm thực hiện``) the first of this table wins;
* ``basis``     ``Căn cứ``, ``Trên cơ sở``: BASED_ON for the instrument that follows it;
* ``rule``      the target is a rule to follow, not carried out (``thực hiện theo quy định của X``):
  the run it ends says CITES;
* ``issue``     the target is issued (``ban hành``): no relation of its own;
* ``not_yet``   a proposal, task or draft (``đề xuất sửa đổi``): the run amends nothing yet;
* ``other``     a cue word in another sense (``thuốc thay thế``, ``hướng dẫn viên``): no cue;
* ``on_effect`` ``hết hiệu lực kể từ ngày ... có hiệu lực``: the instruments before it are repealed
  by the one that takes effect;
* ``agent``     after a cue, the passive agent marker (``được sửa đổi bởi/tại/theo B``);
* ``passive``   before a cue, the passive marker (``được``, ``bị``);
* ``writer``    the head of a clause where the writer, not the subject, cites a rule
  (``Căn cứ theo khoản 1 Điều 17 Luật X``, ``Theo Điều 5 Nghị định Y``);
* ``speech``    someone other than the subject speaks (``ông ... cho biết``);
* ``generic``   an instrument named by its type alone (``các Nghị định``, ``Nghị định thay thế``):
  a cue after it has a non-instrument actor;
* ``anaphor``   the document's own instrument by its type (``Nghị định này``, ``Luật này``);
* ``furniture`` site navigation, related links and footers: no relations there.
"""

from __future__ import annotations

import re

from graphbuild.graph.vocab import AMENDS, BASED_ON, CITES, GUIDES, IMPLEMENTS, REPEALS, REPLACES, REVIEWS
from graphbuild.relate.first_chars import guarded

_TYPES = (r"(?:Luật|Bộ\s+luật|Pháp\s+lệnh|Nghị\s+định|Nghị\s+quyết|Thông\s+tư(?:\s+liên\s+tịch)?|"
          r"Quyết\s+định|Chỉ\s+thị|Kết\s+luận|Kế\s+hoạch|Chương\s+trình|Hướng\s+dẫn|Quy\s+định|"
          r"Công\s+văn|Thông\s+báo|Quy\s+chế|Điều\s+lệ|Đề\s+án|văn\s+bản)")

CUE_TABLE: tuple[tuple[str, str | None, str], ...] = (
    # -- words that look like cues but are not ------------------------------------------
    ("other", None, r"(?:Hướng\s+dẫn|Quy\s+định|Kế\s+hoạch|Chương\s+trình)\s+(?:này|số)|thuốc\s+thay\s+thế|(?:sản\s+phẩm|hàng\s+hóa|hàng\s+hoá|vật\s+liệu|nguồn)\s+thay\s+thế|"
                    r"hướng\s+dẫn\s+viên|người\s+hướng\s+dẫn|thi\s+hành\s+(?:án|công\s+vụ|kỷ\s+luật)|"
                    r"(?:có\s+)?hiệu\s+lực\s+thi\s+hành|(?:cơ\s+quan|người|đơn\s+vị)\s+thực\s+hiện|"
                    r"thực\s+hiện\s+(?:nhiệm\s+vụ|chức\s+năng|quyền)|bổ\s+sung\s+(?:nguồn|kinh\s+phí|vốn|"
                    r"nhân\s+lực|biên\s+chế|hồ\s+sơ|thông\s+tin|tài\s+liệu)|quy\s+định\s+bổ\s+sung|hướng\s+dẫn\s+tại|góp\s+phần\s+(?:\w+\s+)?(?:thực\s+hiện|triển\s+khai)|"
                    r"(?:kết\s+quả|tình\s+hình|quá\s+trình|(?:đánh\s+giá|giám\s+sát|kiểm\s+tra)\s+việc)\s+"
                    r"(?:triển\s+khai\s+)?(?:thực\s+hiện|triển\s+khai|thi\s+hành)|ban\s+hành\s+kèm(?:\s+theo)?"),
    # -- the instruments before "hết hiệu lực" end when the subject takes effect -------------
    ("on_effect", REPEALS, r"hết\s+hiệu\s+lực(?:\s+thi\s+hành)?\s*(?:,\s*)?(?:kể\s+)?từ\s+ngày[\s\x00]+"
                           r"(?:" + _TYPES + r"\s+này\s+)?(?:có\s+hiệu\s+lực|được\s+ban\s+hành)?"),
    # -- "thực hiện theo X": X is the rule to follow, not carried out ------------------------
    ("rule", CITES, r"(?:thực\s+hiện|thi\s+hành|áp\s+dụng)\s+theo(?!\w)"),
    # -- typed cues, strongest first (RELATION_TYPES order) -----------------------------
    ("typed", AMENDS, r"sửa\s+đổi|sửa\s+đỗi|bổ\s+sung|điều\s+chỉnh\s+(?:bảng|một\s+số)"),
    ("typed", REPLACES, r"thay\s+thế"),
    ("typed", REPEALS, r"bãi\s+bỏ|hủy\s+bỏ|huỷ\s+bỏ"),
    ("typed", REVIEWS, r"tổng\s+kết|sơ\s+kết"),
    ("typed", GUIDES, r"hướng\s+dẫn|quy\s+định\s+ch[iỉ]\s+tiết|chi\s+tiết\s+(?:thi\s+hành|một\s+số\s+điều)|"
                      r"quy\s+định\s+(?:việc\s+)?(?:thực\s+hiện|thi\s+hành)|biện\s+pháp\s+thi\s+hành"),
    ("typed", IMPLEMENTS, r"thực\s+hiện|triển\s+khai|thi\s+hành|cụ\s+thể\s+hóa|cụ\s+thể\s+hoá|"
                          r"quán\s+triệt|thể\s+chế\s+hóa|thể\s+chế\s+hoá|chương\s+trình\s+hành\s+động"),
    ("basis", BASED_ON, r"căn\s+cứ|trên\s+cơ\s+sở"),
    # -- cues that end a run without a relation of their own -----------------------------
    ("rule", CITES, r"theo\s+quy\s+định|quy\s+định\s+tại|theo\s+đề\s+nghị|theo\s+chỉ\s+đạo|"
                    r"xét\s+tờ\s+trình|đáp\s+ứng|tuân\s+thủ"),
    ("issue", CITES, r"ban\s+hành|phê\s+duyệt"),
    ("not_yet", CITES, r"đề\s+xuất|đề\s+nghị|kiến\s+nghị|dự\s+thảo|nghiên\s+cứu|(?<!\w)chờ(?!\w)|(?<!\w)sẽ(?!\w)|"
                       r"trình\s+(?:Chính\s+phủ|Thủ\s+tướng|Quốc\s+hội|cấp\s+có|Bộ|Ủy\s+ban|Hội\s+đồng)|"
                       r"(?:đang|sẽ)\s+xây\s+dựng|xây\s+dựng\s+(?:dự\s+thảo|để)|soạn\s+thảo|dự\s+kiến"),
)

# Patterns used around a cue, not cues themselves.
CONTEXT: dict[str, str] = {
    "passive": r"(?:được|bị)(?:\s+\w+){0,2}\s*[,]?\s*$",
    "agent": r"[\s,)(]*(?:bổ\s+sung\s*)?(?:(?:m[ộố]t\s+số\s+(?:điều|nội\s+dung|cụm\s+từ)|"
             r"(?:điểm|khoản|Điều|Mục|Chương|Phần)\s+[\w.]+)[\s,]*(?:của\s+)?)*\s*(?:bởi|tại|theo|bằng)\b",
    "agent_by": r"[\s,)(]*(?:bổ\s+sung\s*)?(?:[\w\s,]{0,40}?)\s*bởi\b",
    "writer": r"[\W_]*(?:căn\s+cứ\s+(?:theo|vào)?\s*(?:quy\s+định\s+tại\s+)?|theo\s+(?:quy\s+định\s+tại\s+)?)"
              r"(?:điểm|khoản|Điều|Mục|Phần|Chương|Tiểu\s+mục|Phụ\s+lục)\b",
    "article": r"(?:điểm|khoản|Điều)\s+\d",
    "speech": r"cho\s+biết|nhấn\s+mạnh|phát\s+biểu|chia\s+sẻ|khẳng\s+định|nhận\s+định|đề\s+xuất|"
              r"kiến\s+nghị|(?:^|\W)(?:ông|bà)\s+[A-ZĐ]|đại\s+biểu|luật\s+sư",
    "generic": r"(?<![\w])(?:(?:các|những)\s+(?i:" + _TYPES + r")|Đề\s+án(?!\s*\d)|" + _TYPES +
               r"(?=\s+(?:thay|sửa|bổ|bãi|hướng|quy\s+định|mới|đó|trên)\b|\s*[,.;:]))",
    "anaphor": _TYPES + r"\s+này",
    "furniture": r"xem\s+thêm|tin\s+liên\s+quan|bài\s+liên\s+quan|tải\s+về|download|chia\s+sẻ\s+bài|"
                 r"bình\s+luận|đọc\s+thêm|tin\s+cùng\s+chuyên\s+mục",
    # "Quy chế ... ban hành kèm theo Thông tư này": the subject's own attached text
    "own_attachment": r"[\s,]*(?:được\s+)?ban\s+hành\s+kèm\s+theo\s+" + _TYPES + r"\s+này",
    # a named regulation right after these is the title or content of the act before it
    # ("Quyết định số 3 ban hành Quy chế ...", "Nghị định số 9 của Chính phủ Quy định về ...")
    "title_before": r"(?:ban\s+hành(?:\s+kèm\s+theo(?:\s+" + _TYPES + r"\s+này)?)?|quy\s+định\s+về|(?<!\w)về(?:\s+việc)?|của\s+(?:[A-ZĐ]\w*[\s,]+){1,8})\s*$",
    # between "Căn cứ" and the instrument it names: article references only
    "direct": r"[\s:*_,\-]*(?:vào\s+|theo\s+)?(?:quy\s+định\s+(?:tại|của)\s+)?"
              r"(?:(?:điểm|khoản|Điều|Mục|Chương|Phần|Phụ\s+lục)\s+[\w.]+[\s,]*(?:của\s+|và\s+)?)*$",
    # what joins a further target to the first: a list, perhaps by article ("và Điều 30 của")
    "listed": r"(?:[,;]|\bvà|\bhoặc|\bcùng|nhất\s+là|đặc\s+biệt\s+là|trong\s+đó\s+có|\bnhư)\s*"
              r"(?:(?:các\s+)?(?:điểm|khoản|Điều|Mục|Chương|Phần|Phụ\s+lục)\s+[\w.,\s]+?(?:của\s+)?)?[\s*_\-+•]*$",
    "namely": r"nhất\s+là|đặc\s+biệt\s+là|trong\s+đó\s+có",
    # "bãi bỏ các quy định liên quan đến ... tại Quyết định X": the provisions are X's
    "provisions": r"(?:các|những)\s+quy\s+định\b[\s\S]*\b(?:tại|của)\s*$",
    # "A và thay thế B": A acts, unless A is itself the object of an earlier cue
    "coordinated": r"(?:\bvà|\bcũng\s+như|\bđồng\s+thời|\bhoặc)\s*(?:tiếp\s+tục\s+|đã\s+|sẽ\s+)?$",
    # two cues with one of these between are two runs
    "run_break": r"\bvà\b|;|\bcũng\s+như\b|\bđồng\s+thời\b|\bhoặc\b",
    # back to the clause's first actor: ", trong đó bổ sung ..."
    "in_which": r",\s*trong\s+đó\b",
    # "...; quy định chi tiết ...": a title going on after ";", not a new clause
    "title_goes_on": r"\s*(?:quy\s+định|hướng\s+dẫn)\b",
    "by_agent": r"bởi\s*$",
    "no_object": r"\s*[,;.:)]",
    # a line opening with these is a new clause of a legal text's preamble
    "preamble_line": r"\n(?=[\s*_]*(?:Căn\s+cứ|Trên\s+cơ\s+sở|Xét|Theo\s+đề\s+nghị)\b)",
    # "Nghị định 178 quy định đối tượng áp dụng gồm:", "... có quy định như sau:": a quote opens
    "quotes": r"(?:có\s+)?(?:quy\s+định|nêu)\b",
    "heading": r"[\s>]*(?:#+|\*\*)[ \t]*\w",
    "list_item": r"[\s*_>|]*(?:[-+•–]|[a-zđ]\)|\d+[.)]|[IVX]+\.)\s*",
}

TYPED_ORDER: tuple[str, ...] = tuple(rel for role, rel, _ in CUE_TABLE if role == "typed")
_ALL = "|".join(f"(?P<c{i}>{pattern})" for i, (_, _, pattern) in enumerate(CUE_TABLE))
CUE_RE = re.compile(guarded(_ALL, re.I), re.I)       # the same matches, 2.2x faster (first_chars.py)
CONTEXT_RE = {name: re.compile(guarded(p, flags), flags)
              for name, p in CONTEXT.items() for flags in [re.I if name not in ("generic", "speech") else 0]}
# "generic" and "speech" are case-sensitive: "Nghị định" the type, not "nghị định" the noun.
REGULATIONS: tuple[str, ...] = ("Quy định", "Quy chế", "Điều lệ", "Quy trình")   # named regulations


def cue_row(match: re.Match) -> tuple[str, str | None]:
    """``(role, relation)`` of a :data:`CUE_RE` match."""
    i = int(match.lastgroup[1:])
    role, rel, _ = CUE_TABLE[i]
    return role, rel


# One compiled pattern per typed relation, in RELATION_TYPES order (CITES, no cue, last).
RELATION_CUES: tuple[tuple[str, re.Pattern], ...] = tuple(
    (rel, re.compile(pattern, re.I)) for role, rel, pattern in CUE_TABLE if role in ("typed", "basis"))
