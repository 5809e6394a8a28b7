"""``python -m graphbuild.cli``: the command line."""

from graphbuild.cli.commands import main

main()
