"""JSONL records in C: ``read_record(data) -> (record, text_utf8) | None`` reads one, and
``json_lines(head, items, fields) -> bytes | None`` writes the lines of ``extract``.

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

``json_lines`` writes each item's ``fields`` as ``json.dumps(..., ensure_ascii=False)`` would,
straight in UTF-8, or answers None for a value other than a str, an int or None
(:func:`graphbuild.scale.extract.jsonl_lines` then writes in Python).

Both are None in a pure-Python install (editable, ``GRAPHBUILD_PURE_PYTHON=1``,
no C compiler), or when ``GRAPHBUILD_JSON_READER=json`` asks for the json module only.
"""

from __future__ import annotations

import os
from typing import Callable

read_record: Callable[[bytes], tuple[dict, bytes | None] | None] | None
json_lines: Callable[[bytes, list, tuple], bytes | None] | None
try:
    from graphbuild.corpus._records import json_lines, read_record
except ImportError:                    # not compiled: parse_record uses json, extract writes in Python
    read_record = json_lines = None
if os.environ.get("GRAPHBUILD_JSON_READER") == "json":
    read_record = json_lines = None
