"""Driver errors as one line for the user, with every form of the password taken out."""

from __future__ import annotations

import re

from graphbuild.db.uri import public_uri, split_uri


class Neo4jSyncError(Exception):
    """A problem worth one line to the user (unreachable server, bad credentials, ...)."""


def explain_error(exc: BaseException, uri: str, user: str | None, database: str | None,
                  secret: str | None = None) -> str:
    """One line for a driver error; the password (and the URI's credentials) never appear."""
    message = _describe(exc, public_uri(uri), user, database)
    return scrub(scrub(message, secret), split_uri(uri).password)


def _describe(exc: BaseException, uri: str, user: str | None, database: str | None) -> str:
    from neo4j.exceptions import (AuthError, ClientError, ConfigurationError, Neo4jError,
                                  ServiceUnavailable, UnsupportedServerProduct)

    code = getattr(exc, "code", None) or ""
    where = f"the server at {uri}"
    if isinstance(exc, Neo4jSyncError):
        return str(exc)
    if isinstance(exc, AuthError) or code.startswith("Neo.ClientError.Security"):
        return f"{where} refused the credentials of user {user!r}: check --user and NEO4J_PASSWORD"
    if code.endswith("DatabaseNotFound"):
        return f"{where} has no database {database!r} (see SHOW DATABASES)"
    if isinstance(exc, UnsupportedServerProduct):
        return (f"{where} speaks no Bolt version this driver knows: it is too old or not Neo4j "
                "(graphbuild needs Neo4j 5 or later)")
    if isinstance(exc, (ServiceUnavailable, OSError)):
        return f"cannot reach a Bolt server at {uri}: {_reason(exc)}"
    if isinstance(exc, ConfigurationError):
        return f"bad connection settings for {uri}: {_first_line(exc)}"
    if code.endswith("AccessMode"):
        return ("the query writes, and graphbuild query runs in READ access mode "
                "(--write allows writes)")
    detail = _first_line(getattr(exc, "message", None) or exc)
    if isinstance(exc, ClientError):
        return f"the query was refused ({code}): {detail}"
    if isinstance(exc, Neo4jError):
        return f"{where} failed ({code or type(exc).__name__}): {detail}"
    return f"{type(exc).__name__}: {_first_line(exc)}"


def _secret_forms(secret: str | None) -> list[str]:
    """The password as given, plus the escaped forms a driver message may quote it in."""
    if not secret:
        return []
    return [secret, repr(secret)[1:-1], secret.replace('"', '\\"'), secret.replace("'", "\\'")]


def _first_line(value) -> str:
    text = str(value).strip()
    return text.splitlines()[0] if text else "no details"


def _reason(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    m = re.search(r"\(reason ([^)]*\)?)", text)
    if m:
        return m.group(1).rstrip(")")
    if "timed out" in text.lower():
        return "timed out"
    return _first_line(exc)[:200]


def scrub(text: str, secret: str | None) -> str:
    """``text`` with every form of ``secret`` replaced by ``***``."""
    for part in _secret_forms(secret):
        text = text.replace(part, "***")
    return text
