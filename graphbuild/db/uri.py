"""Neo4j URIs: the credentials taken out before a URI is stored, passed or printed.

A leaf module (the connection and the error messages both use it).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import unquote

URI_SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")
_URI = re.compile(r"^(?P<scheme>[A-Za-z][A-Za-z0-9+.-]*)://(?:(?P<userinfo>[^@/?#]*)@)?(?P<rest>.*)$", re.S)


@dataclass(frozen=True)
class Target:
    """Where to connect: the URI without credentials, and those it carried (``user:pw@``)."""
    uri: str
    user: str | None = None
    password: str | None = None


def split_uri(uri: str) -> Target:
    """``bolt://u:pw@host:7687`` -> ``Target('bolt://host:7687', 'u', 'pw')``.

    The credentials leave the URI before it is stored, passed or printed anywhere; a URI
    that is not ``scheme://...`` is kept whole, to be refused by :func:`open_driver`.
    """
    m = _URI.match(uri or "")
    if not m or m.group("userinfo") is None:
        return Target(uri)
    user, sep, password = m.group("userinfo").partition(":")
    return Target(f"{m.group('scheme')}://{m.group('rest')}", unquote(user) or None,
                  unquote(password) if sep else None)


def public_uri(uri: str) -> str:
    """``bolt://user:pw@host:7687?x=y`` -> ``bolt://host:7687``: never print credentials."""
    m = re.match(r"^([A-Za-z][A-Za-z0-9+.-]*://)(?:[^@/?#]*@)?([^/?#]*)", uri or "")
    return m.group(1) + m.group(2) if m else "(the given URI)"
