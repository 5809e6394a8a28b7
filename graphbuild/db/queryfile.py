"""Query files of the ``cypher/`` library (and queries typed on the command line):
``:param`` lines give default parameters, ``;`` ends a statement, ``//`` lines are comments."""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Mapping

_PARAM_LINE = re.compile(r"^\s*:param\s+([A-Za-z_][A-Za-z_0-9]*)\s*=>\s*(.+?)\s*;?\s*$")


@dataclass(frozen=True)
class QueryFile:
    statements: tuple[str, ...]      # without comments, :param lines or the ending ';'
    params: Mapping[str, Any]        # defaults from the ``:param name => value`` lines

    @property
    def text(self) -> str:
        """The one statement of a single-statement file."""
        if len(self.statements) != 1:
            raise ValueError(f"{len(self.statements)} statements where one was expected")
        return self.statements[0]


def split_statements(text: str) -> list[str]:
    """Cypher split at the ``;`` that end statements (not those inside strings or comments)."""
    out, current, i, quote = [], [], 0, None
    while i < len(text):
        c = text[i]
        if quote:
            current.append(c)
            if c == "\\" and i + 1 < len(text):
                current.append(text[i + 1])
                i += 1
            elif c == quote:
                quote = None
        elif c in "'\"`":
            quote = c
            current.append(c)
        elif text.startswith("//", i):
            end = text.find("\n", i)
            i = len(text) if end < 0 else end
            continue
        elif c == ";":
            out.append("".join(current))
            current = []
        else:
            current.append(c)
        i += 1
    out.append("".join(current))
    return [s.strip() for s in out if s.strip()]


def parse_query_text(text: str) -> QueryFile:
    """Split a library file (or a query typed on the command line) into statements and params."""
    params: dict[str, Any] = {}
    lines = []
    for line in text.splitlines():
        stripped = line.strip()
        if stripped.startswith(":param"):
            m = _PARAM_LINE.match(stripped)
            if not m:
                raise ValueError(f"cannot read the parameter line {stripped!r} (use :param name => value)")
            params[m.group(1)] = cypher_value(m.group(2))
        elif stripped.startswith(":"):
            raise ValueError(f"{stripped.split()[0]} is a Browser command, not Cypher")
        else:
            lines.append(line)
    statements = tuple(split_statements("\n".join(lines)))
    if not statements:
        raise ValueError("no Cypher statement")
    return QueryFile(statements, params)


def cypher_value(text: str) -> Any:
    """A ``:param`` / ``--param`` value: a Cypher-style literal (number, 'string', [list],
    true/false/null); anything else is taken as a plain string."""
    t = text.strip()
    words = {"true": True, "false": False, "null": None}
    if t.lower() in words:
        return words[t.lower()]
    pythonish = re.sub(r"\b(true|false|null)\b", lambda m: {"true": "True", "false": "False",
                                                            "null": "None"}[m.group(1)], t)
    try:
        return ast.literal_eval(pythonish)
    except (ValueError, SyntaxError, MemoryError, RecursionError):
        return t


def load_query(source: str) -> QueryFile:
    """``source`` is a path to a ``.cypher`` file or the query text itself."""
    if source.endswith(".cypher"):
        return parse_query_text(Path(source).read_text(encoding="utf-8"))
    return parse_query_text(source)
