"""Dates, read one way everywhere: a record's ``date`` field, a document's header.

Every reading goes through :func:`iso_date`, which checks the calendar, so
``31/02/2022`` is None wherever it is read.  (The parser's own date reading in
``parse/find.py`` checks the calendar the same way, with ``datetime.date``, inside the
compiled hot path.)

Dates seen in the corpora's headers: ``date 2023-02``, ``Thứ Tư, 20/07/2022``,
``28/02/2024 06:00``, and the ``Hà Nội, ngày 21 tháng 6 năm 2012`` line of a
legal text.  The first of these in the head of the text wins.
"""

from __future__ import annotations

import datetime
import re

HEAD = 2500           # how much of the text holds the header
#: The form of every date graphbuild stores (catalog files, graph.json): 2005-06-02, 2023-02, 2005.
ISO_DATE = re.compile(r"[0-9]{4}(?:-[0-9]{2}(?:-[0-9]{2})?)?")

ISO_HEADER = re.compile(r"(?:^|\s)date[ \t]+(?P<y>(?:19|20)\d\d)-(?P<m>\d\d)(?:-(?P<d>\d\d))?\b", re.I)
_WEEKDAY_DATE = re.compile(
    r"(?:Thứ\s+(?:Hai|Ba|Tư|Năm|Sáu|Bảy|hai|ba|tư|năm|sáu|bảy)|Chủ\s+[Nn]hật)\s*,?\s*"
    r"(?:ngày\s+)?(?P<d>\d{1,2})[/.-](?P<m>\d{1,2})[/.-](?P<y>(?:19|20)\d\d)")
_DATE_TIME = re.compile(r"(?<![\d/])(?P<d>\d{1,2})/(?P<m>\d{1,2})/(?P<y>(?:19|20)\d\d)[ \t,-]+\d{1,2}:\d\d")
_PLACE_DATE = re.compile(
    r"(?m)^[^\S\n]*[*_]*[^\W\d_][^\n,]{1,40},?\s+ngày\s+(?P<d>\d{1,2})\s+tháng\s+(?P<m>\d{1,2})\s+năm\s+"
    r"(?P<y>(?:19|20)\d\d)", re.I)
_ISO = re.compile(r"((?:19|20)\d\d)(?:-(\d\d)(?:-(\d\d))?)?")
_DMY = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-]((?:19|20)\d\d)")


def iso_date(year, month=None, day=None) -> str | None:
    """``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` for a real calendar date, else None."""
    try:
        y = int(year)
        if month is None:
            return f"{y:04d}"
        mo = int(month)
        if day is None:
            return f"{y:04d}-{mo:02d}" if 1 <= mo <= 12 else None
        return datetime.date(y, mo, int(day)).isoformat()
    except (ValueError, TypeError):
        return None


def parse_date(value) -> str | None:
    """A record's date (ISO ``2022-07-20``, ``2022-07``, ``2022`` or ``20/07/2022``); None when unreadable."""
    if not isinstance(value, str):
        return None
    value = value.strip()
    m = _ISO.match(value)
    if m:
        return iso_date(*m.groups())
    m = _DMY.match(value)
    if m:
        return iso_date(m[3], m[2], m[1])
    return None


def document_date(text: str) -> str | None:
    """ISO date (or ``YYYY-MM``) of a document from its header, else None."""
    head = text[:HEAD]
    best = None
    for pattern in (ISO_HEADER, _WEEKDAY_DATE, _DATE_TIME, _PLACE_DATE):
        m = pattern.search(head)
        if m and (best is None or m.start() < best[0]):
            iso = iso_date(m["y"], m["m"], m.groupdict().get("d"))
            if iso:
                best = (m.start(), iso)
    return best[1] if best else None


def year_of(iso: str | None) -> int | None:
    return int(iso[:4]) if iso else None
