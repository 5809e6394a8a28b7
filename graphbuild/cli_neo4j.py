"""CLI commands for Neo4j: ``sync`` and ``query`` (registered on the main app)."""

from __future__ import annotations


def register(app) -> None:
    """Add the Neo4j commands to the ``graphbuild`` app."""
