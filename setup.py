"""Build hook: compile the parser's hot modules with mypyc, and the JSONL record reader
(``graphbuild/corpus/_records.c``, see graphbuild/corpus/records.py): optional speed-ups.

The modules stay plain Python in the source tree. A regular install (``pip install .``)
also puts compiled copies of them in site-packages, about 1.2x faster on real text and
giving the same citations (``scripts/test.sh`` checks that). The compiled build is skipped,
leaving pure Python, when:

* the install is editable (``pip install -e .``, ``setup.py develop``): an edited ``.py``
  must take effect;
* ``GRAPHBUILD_PURE_PYTHON=1`` is set;
* mypyc or a C compiler is missing: the extensions are optional, so a failed compile
  leaves the pure modules in place.
"""

from __future__ import annotations

import os
import sys

from setuptools import Extension, setup

# Leaves first: each module may import only those before it.
COMPILED_MODULES = [
    "graphbuild/parse/clean.py", "graphbuild/parse/symbols.py", "graphbuild/ids.py",
    "graphbuild/parse/lowercase.py", "graphbuild/parse/generic.py", "graphbuild/parse/name_words.py",
    "graphbuild/parse/names.py", "graphbuild/parse/issuers.py", "graphbuild/parse/tokenizers.py",
    "graphbuild/parse/attach.py", "graphbuild/parse/find.py",
]


# Only a build that makes a wheel or installs compiles: not an editable install
# ("editable_wheel", "develop"), nor the metadata steps ("egg_info", "dist_info").
BUILD_COMMANDS = {"bdist_wheel", "build", "build_ext", "install"}


def compiled_extensions() -> list:
    if os.environ.get("GRAPHBUILD_PURE_PYTHON") == "1" or not BUILD_COMMANDS & set(sys.argv):
        return []
    return [Extension("graphbuild.corpus._records", ["graphbuild/corpus/_records.c"],
                      depends=["graphbuild/corpus/_utf8.h", "graphbuild/corpus/_lines.h"], optional=True)] + parser_extensions()


def parser_extensions() -> list:
    try:
        from mypyc.build import mypycify
    except ImportError:
        print("graphbuild: mypyc is not available; installing pure Python", file=sys.stderr)
        return []
    try:
        extensions = mypycify(["--ignore-missing-imports", "--follow-imports=silent", *COMPILED_MODULES], opt_level="3")
    except (Exception, SystemExit) as exc:   # mypyc refuses code it cannot type-check
        print(f"graphbuild: not compiled ({exc!r}); installing pure Python", file=sys.stderr)
        return []
    for extension in extensions:
        extension.optional = True        # no compiler: keep the pure modules
    return extensions


setup(ext_modules=compiled_extensions())
