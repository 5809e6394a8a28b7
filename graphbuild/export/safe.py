"""Text the export formats cannot carry, made safe where it is written.

* XML (GraphML, GEXF) cannot hold the C0 controls other than tab, newline and carriage
  return, nor U+FFFE/U+FFFF or a lone surrogate, not even as ``&#1;``: plain strings get
  U+FFFD instead, one for one (:func:`graphbuild.export.flatten.xml_safe`).  Evidence travels
  in these formats as JSON text, where :func:`xml_json` escapes them JSON's way
  (``\\ufffe``; JSON already escapes the controls): it reads back exactly, offsets and all.
* The neo4j-admin CSV splits array values on one delimiter character, with no escape:
  :func:`array_delimiter` picks one that occurs in none of the values.
* A Cypher script names labels and relationship types unquoted: :func:`cypher_name` lets
  through only the vocabulary's own, and property names go between backquotes
  (:func:`cypher_key`).
"""

from __future__ import annotations

import json
import re
from typing import Iterable

from graphbuild.graph.vocab import EDGE_TYPES, LABELS

# What JSON (ensure_ascii=False) leaves raw in its strings that XML 1.0 cannot hold.
_RAW_IN_JSON = re.compile("[\ud800-\udfff\ufffe\uffff]")


def xml_json(value) -> str:
    """``value`` as JSON text that XML can hold and that reads back to ``value`` exactly."""
    text = json.dumps(value, ensure_ascii=False)
    return _RAW_IN_JSON.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


# Characters for the neo4j-admin array delimiter, tried in order: the ASCII unit/record/group/
# file separators, then the private use area; the first that no value holds is used.
_DELIMITERS = ("\x1f", "\x1e", "\x1d", "\x1c") + tuple(chr(c) for c in range(0xE000, 0xF900))


def array_delimiter(values: Iterable[str]) -> str:
    """A character that occurs in none of ``values`` (raises ValueError in the absurd case
    that they hold all 6,404 candidates)."""
    left = set(_DELIMITERS)
    for value in values:
        if left.intersection(value):
            left.difference_update(value)
            if not left:
                raise ValueError("no array delimiter is free: the values hold every candidate")
    return next(d for d in _DELIMITERS if d in left)


def neo4j_char(char: str) -> str:
    """How ``neo4j-admin --array-delimiter`` is told a character: ``U+001F``."""
    return f"U+{ord(char):04X}"


_NAMES = frozenset(LABELS) | frozenset(EDGE_TYPES)


def cypher_name(name: object) -> str:
    """A label or relationship type for a Cypher script: only the vocabulary's names
    (a graph is data: whatever else it holds never becomes Cypher)."""
    if not isinstance(name, str) or name not in _NAMES:
        raise ValueError(f"{str(name)[:60]!r} is not a graphbuild label or relationship type; "
                         "refusing to write it into Cypher")
    return name


def cypher_key(name: str) -> str:
    """A property name between backquotes, a backquote inside doubled."""
    return "`" + str(name).replace("`", "``") + "`"
