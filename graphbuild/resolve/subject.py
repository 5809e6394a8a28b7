"""The document's own instrument (its subject): which mention names it, and its date.

A subject cited without its year (``Số: 08-KH/BCĐ``) is dated from the document itself.
"""

from __future__ import annotations

import re
from dataclasses import replace

from graphbuild.ids import instrument_key
from graphbuild.resolve.resolver import RESOLVED, Mention
from graphbuild.resolve.sentences import sentence_bounds

HEAD = 1500                       # where a document's own subject may be named
SELF, REPORTED = "self", "reported"
_HEADER_NUMBER = re.compile(r"(?:^|\n)[\W_]*(?:Số|SỐ|Số hiệu|Số ký hiệu)\s*:?[\W_]*$")
_ISSUED = re.compile(r"(?<!\w)(?:ban\s+hành|ký\s+ban\s+hành|công\s+bố|vừa\s+có|đã\s+ký|vừa\s+ký|ký)\s*$", re.I)
# "trình Chính phủ ban hành Nghị định ...": proposed, not issued.
_PROPOSED = re.compile(r"(?:trình|đề\s+nghị|đề\s+xuất|dự\s+kiến|sẽ)\s[^.;\n]{0,40}$", re.I)
_LINE_OPEN = re.compile(r"(?:^|\n)[\s#*>|_\-\"“]*(?:(?:Toàn\s+văn|Tải\s+(?:file|về))\s+)?$", re.I)
_TITLE_LEAD = re.compile(r"^#+\s*(?:Toàn\s+văn|Tải\s+(?:file|về))\s+$", re.I)
QA_LEAD = 400                     # a Q&A page (``# title``) reports an issuance only in its lead


def is_header_number(text: str, m: Mention) -> bool:
    """``Số: 15/2024/NĐ-CP`` at the head of a legal text: the document IS this instrument."""
    return bool(_HEADER_NUMBER.search(text, max(0, m.citation.start - 30), m.citation.start))


def subject_kind(text: str, subject: Mention | None) -> str | None:
    """``self`` when the document is the subject's text (its ``Số:`` header), else ``reported``."""
    if subject is None:
        return None
    return SELF if is_header_number(text, subject) else REPORTED


def find_subject(text: str, mentions: list[Mention]) -> Mention | None:
    """The mention naming the document's own instrument, if the head of the text has one."""
    head = [m for m in mentions if m.citation.start < HEAD]
    for m in head:                                   # "Số: 15/2024/NĐ-CP"
        if is_header_number(text, m):
            return m
    if text.startswith("#"):                         # a page with a title: the title names it
        return _title_subject(text, mentions)
    issued = _issued(text, mentions)
    if len({m.key for m in issued}) > 1:             # a digest of several news items
        return None
    if issued and issued[0].citation.start < HEAD:   # "ban hành Kế hoạch số 08-KH/BCĐ"
        return issued[0]
    opening = [m for m in mentions if _LINE_OPEN.search(text, max(0, m.citation.start - 40), m.citation.start)]
    lead = [m for m in opening if m in head[:8] and m.citation.start < 600]
    if len({m.key for m in lead}) == 1 and len({m.key for m in opening}) < 2:
        return lead[0]                               # a line that opens with the mention, not a list of them
    return None


def _issued(text: str, mentions: list[Mention]) -> list[Mention]:
    out = []
    for m in mentions:
        s = m.citation.start
        if _ISSUED.search(text, max(0, s - 20), s) and not _PROPOSED.search(text, max(0, s - 60), s):
            out.append(m)
    return out


def _title_subject(text: str, mentions: list[Mention]) -> Mention | None:
    """``# Tải file Nghị định 309/2025 sửa đổi ...`` or a title naming one instrument only;
    else an issuance in the lead."""
    end = text.find("\n")
    end = len(text) if end < 0 else end
    title = [m for m in mentions if m.citation.end <= end]
    if title and _TITLE_LEAD.match(text, 0, title[0].citation.start):
        return title[0]
    if len({m.key for m in title}) == 1:
        return title[0]
    if title:
        return None
    issued = [m for m in _issued(text, mentions) if m.citation.start < QA_LEAD]
    return issued[0] if issued else None


# "Ngày 21/02/2022, Ban Chỉ đạo ... đã ban hành Kế hoạch số 08-KH/BCĐ": the issue date leads.
_LEADING_DATE = re.compile(r"[\W_]*(?:Ngày|ngày|NGÀY)\s+\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*(?P<y>(?:19|20)\d\d)\b")


def date_subject(text: str, mentions, subject, doc_date: str | None):
    """Date a yearless subject: a legal text's own number takes the document's date; a
    news lead's "Ngày 21/02/2022, ... ban hành Kế hoạch số ..." takes the date that opens it."""
    c = subject.citation
    if not c.symbol:
        return mentions, subject
    if doc_date and is_header_number(text, subject):
        year, rule = int(doc_date[:4]), "document-date"
    else:
        s, _ = sentence_bounds(text, c.start, c.end)
        m = _LEADING_DATE.match(text, s, c.start)
        if m is None:
            return mentions, subject
        year, rule = int(m["y"]), "issued-date"
    key = instrument_key(c.symbol, year)
    old = subject.key
    mentions = [replace(x, key=key, status=RESOLVED, rule=rule, candidates=())
                if x.key == old else x for x in mentions]
    return mentions, next(x for x in mentions if x.citation is c)
