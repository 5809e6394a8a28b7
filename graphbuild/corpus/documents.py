"""Document metadata read from the text: the title (the date: ``resolve/dates.py``)."""

from __future__ import annotations

import re

from graphbuild.resolve.dates import HEAD, ISO_HEADER as _ISO_HEADER, document_date, year_of  # noqa: F401  (one date module)

_SKIP_TITLE = re.compile(r"^(?:skip to main content|tiêu điểm|đang tải văn bản|\W*)$", re.I)
_MARKUP = re.compile(r"^[#*>\s|_-]+|[*_|\s]+$")


def document_title(text: str) -> str | None:
    """First meaningful line, without markdown, at most 200 characters."""
    for line in text[:HEAD].splitlines():
        line = _MARKUP.sub("", line.strip())
        line = _ISO_HEADER.sub("", line).strip()
        if len(line) >= 8 and not _SKIP_TITLE.match(line):
            return line[:200]
    return None
