"""The fast reader of JSONL records: ``read_record(data) -> (record, text_utf8) | None``.

``graphbuild/corpus/_records.c``, compiled by ``pip install .`` (setup.py) like the parser,
reads the common subset of JSON records (an object of strings, booleans, null and small
integers) straight from the line's bytes, and keeps the UTF-8 of the ``"text"`` value so
the parser need not encode the text again.  For any other line, valid or not, it returns
None and :func:`graphbuild.corpus.inputs.parse_record` reads it with :mod:`json`, which
gives the record or the error message: the fast reader never decides what a line means.

Long strings are decoded with SIMD on x86-64 (``graphbuild/corpus/_utf8.h``) into the same
``str`` as CPython's decoder, about three times as fast on Vietnamese text (every line of the
bulk corpus: 0.55 s -> 0.26 s, with the scan for quotes 16 bytes a step);
``GRAPHBUILD_SIMD_UTF8=0`` leaves every string to CPython's decoder.

``read_record`` is None in a pure-Python install (editable, ``GRAPHBUILD_PURE_PYTHON=1``,
no C compiler), or when ``GRAPHBUILD_JSON_READER=json`` asks for the json module only.
"""

from __future__ import annotations

import os
from typing import Callable

read_record: Callable[[bytes], tuple[dict, bytes | None] | None] | None
try:
    from graphbuild.corpus._records import read_record
except ImportError:                    # not compiled: parse_record uses json
    read_record = None
if os.environ.get("GRAPHBUILD_JSON_READER") == "json":
    read_record = None
