"""What the GraphML and GEXF writers share: escaping, and streaming lines into a file."""

from __future__ import annotations

import re
from typing import BinaryIO, Iterable

_ATTR_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;",
                               "\n": "&#10;", "\r": "&#13;", "\t": "&#9;"})
_ATTR_SPECIAL = re.compile('[&<>"\n\r\t]')
_TEXT_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;"})
_TEXT_SPECIAL = re.compile("[&<>\r]")


def attr(value) -> str:
    """An XML attribute value, quoted; tabs, newlines and carriage returns survive reading."""
    s = str(value)
    return '"' + (s.translate(_ATTR_ESCAPES) if _ATTR_SPECIAL.search(s) else s) + '"'


def text(value) -> str:
    """XML text content; a carriage return survives reading."""
    s = str(value)
    return s.translate(_TEXT_ESCAPES) if _TEXT_SPECIAL.search(s) else s


def attributes(**values) -> str:
    """`` name="value"`` for each value that is not None (in the order given)."""
    return "".join(f" {name}={attr(v)}" for name, v in values.items() if v is not None)


def write_lines(f: BinaryIO, lines: Iterable[str], batch: int = 2000) -> None:
    """Write ``lines`` (each without its newline) as UTF-8, a batch at a time."""
    chunk: list[str] = []
    for line in lines:
        chunk.append(line)
        if len(chunk) >= batch:
            f.write(("\n".join(chunk) + "\n").encode("utf-8"))
            chunk.clear()
    if chunk:
        f.write(("\n".join(chunk) + "\n").encode("utf-8"))
