"""The ``graphbuild`` command line: the app, and every command group registered on it.

Data goes to stdout, progress and errors to stderr.  The library never imports this
package; here library exceptions become one ``Error: ...`` line and exit code 1.  Each
command group is one module with a ``register(app)``; a new group is one module and one
line in :data:`GROUPS`.  Shared helpers live in :mod:`graphbuild.cli.common`.
"""

from __future__ import annotations

import contextlib
import os
import sys

import typer

from graphbuild.cli import build, catalog, db, extract, graph, score, view
from graphbuild.corpus.parallel import Interrupted, install_signal_handlers

#: The command groups, in the order ``--help`` lists them.
GROUPS = (catalog, extract, build, graph, score, db, view)

app = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False,
                  help="Parse Vietnamese texts for the Party and state instruments they cite, "
                       "and build the citation graph.")
for group in GROUPS:
    group.register(app)


def main() -> None:
    """The ``graphbuild`` console script."""
    install_signal_handlers()
    try:
        app()
    except Interrupted as exc:          # workers are already gone; atomic writes left no temp file
        typer.echo(f"Error: {exc}; the outputs are as they were before the run", err=True)
        for stream in (sys.stdout, sys.stderr):
            with contextlib.suppress(Exception):
                stream.flush()
        os._exit(exc.exit_code)         # no atexit join of pool threads a signal may have cut short


if __name__ == "__main__":
    main()
