"""``python -m graphbuild``: the command line."""

from graphbuild.cli.commands import main

main()
