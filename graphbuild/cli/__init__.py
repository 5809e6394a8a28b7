"""The graphbuild command line: a thin layer over the library."""

from graphbuild.cli.commands import app, main

__all__ = ["app", "main"]
