"""Document metadata read from the text: title and date.

Dates seen in the corpora's headers: ``date 2023-02``, ``Thứ Tư, 20/07/2022``,
``28/02/2024 06:00``, and the ``Hà Nội, ngày 21 tháng 6 năm 2012`` line of a
legal text.  The first of these in the head of the text wins.
"""

from __future__ import annotations

import re

HEAD = 2500           # how much of the text holds the header

_ISO_HEADER = re.compile(r"(?:^|\s)date[ \t]+(?P<y>(?:19|20)\d\d)-(?P<m>\d\d)(?:-(?P<d>\d\d))?\b", re.I)
_WEEKDAY_DATE = re.compile(
    r"(?:Thứ\s+(?:Hai|Ba|Tư|Năm|Sáu|Bảy|hai|ba|tư|năm|sáu|bảy)|Chủ\s+[Nn]hật)\s*,?\s*"
    r"(?:ngày\s+)?(?P<d>\d{1,2})[/.-](?P<m>\d{1,2})[/.-](?P<y>(?:19|20)\d\d)")
_DATE_TIME = re.compile(r"(?<![\d/])(?P<d>\d{1,2})/(?P<m>\d{1,2})/(?P<y>(?:19|20)\d\d)[ \t,-]+\d{1,2}:\d\d")
_PLACE_DATE = re.compile(
    r"(?m)^[^\S\n]*[*_]*[^\W\d_][^\n,]{1,40},?\s+ngày\s+(?P<d>\d{1,2})\s+tháng\s+(?P<m>\d{1,2})\s+năm\s+"
    r"(?P<y>(?:19|20)\d\d)", re.I)
_SKIP_TITLE = re.compile(r"^(?:skip to main content|tiêu điểm|đang tải văn bản|\W*)$", re.I)
_MARKUP = re.compile(r"^[#*>\s|_-]+|[*_|\s]+$")


def document_date(text: str) -> str | None:
    """ISO date (or ``YYYY-MM``) of a document from its header, else None."""
    head = text[:HEAD]
    best = None
    for pattern in (_ISO_HEADER, _WEEKDAY_DATE, _DATE_TIME, _PLACE_DATE):
        m = pattern.search(head)
        if m and (best is None or m.start() < best[0]):
            iso = _iso(m)
            if iso:
                best = (m.start(), iso)
    return best[1] if best else None


def _iso(m) -> str | None:
    y, mo = int(m["y"]), int(m["m"])
    if not 1 <= mo <= 12:
        return None
    d = m.groupdict().get("d")
    if d is None:
        return f"{y:04d}-{mo:02d}"
    d = int(d)
    return f"{y:04d}-{mo:02d}-{d:02d}" if 1 <= d <= 31 else None


def document_title(text: str) -> str | None:
    """First meaningful line, without markdown, at most 200 characters."""
    for line in text[:HEAD].splitlines():
        line = _MARKUP.sub("", line.strip())
        line = _ISO_HEADER.sub("", line).strip()
        if len(line) >= 8 and not _SKIP_TITLE.match(line):
            return line[:200]
    return None


def year_of(iso: str | None) -> int | None:
    return int(iso[:4]) if iso else None
