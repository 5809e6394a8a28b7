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

from graphbuild.cli import build, catalog, db, extract, graph, in_force, score, view
from graphbuild.cli.common import quit_on_closed_pipe
from graphbuild.corpus.parallel import Interrupted, install_signal_handlers

#: The command groups, in the order ``--help`` lists them.
GROUPS = (catalog, extract, build, graph, in_force, score, db, view)

app = typer.Typer(add_completion=True, no_args_is_help=True, pretty_exceptions_enable=False,
                  help="Parse Vietnamese texts for the Party and state instruments they cite, "
                       "and build the citation graph.")
for group in GROUPS:
    group.register(app)


def _print_version(value: bool) -> None:
    if value:
        from graphbuild import __version__

        typer.echo(f"graphbuild {__version__}")
        raise typer.Exit()


@app.callback()
def _options(
    version: bool = typer.Option(False, "--version", callback=_print_version, is_eager=True,
                                 help="Print the version and exit."),
) -> None:
    """Parse Vietnamese texts for the Party and state instruments they cite, and build the citation graph."""



def main() -> None:
    """The ``graphbuild`` console script."""
    install_signal_handlers()
    try:
        app(prog_name="graphbuild")
    except BrokenPipeError:
        quit_on_closed_pipe()
    except Interrupted as exc:          # workers are already gone; atomic writes left no temp file
        typer.echo(f"Error: {exc}; the outputs are as they were before the run", err=True)
        for stream in (sys.stdout, sys.stderr):
            with contextlib.suppress(Exception):
                stream.flush()
        os._exit(exc.exit_code)         # no atexit join of pool threads a signal may have cut short


if __name__ == "__main__":
    main()
