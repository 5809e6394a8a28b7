"""CLI commands for looking at results: ``annotate`` (registered on the main app)."""

from __future__ import annotations


def register(app) -> None:
    """Add the viewing commands to the ``graphbuild`` app."""
