"""The compiled JSONL record reader (graphbuild/corpus/_records.c) for tests and fuzzing, and
the check that it agrees with the json module.

The source tree (an editable install) has no compiled modules; ``scripts/test.sh`` builds
them into ``build/compiled`` (``GRAPHBUILD_COMPILED_DIR``), from which the extension is
loaded by its file: it imports nothing of graphbuild.
"""

from __future__ import annotations

import importlib.util
import json
import os
from pathlib import Path


def load_records_module():
    """The compiled ``graphbuild.corpus._records`` module, or None when there is none."""
    try:
        from graphbuild.corpus import _records
        return _records
    except ImportError:
        pass
    compiled = os.environ.get("GRAPHBUILD_COMPILED_DIR")
    found = sorted(Path(compiled).glob("graphbuild/corpus/_records.*.so")) if compiled else []
    if not found:
        return None
    spec = importlib.util.spec_from_file_location("_records", found[0])
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def load_read_record():
    """``read_record`` of the compiled build, or None when there is none."""
    module = load_records_module()
    return None if module is None else module.read_record


def typed(record: dict) -> list:
    """A record with the type of every value: True and 1, 0 and -0.0 differ here."""
    return [(key, type(value).__name__, repr(value)) for key, value in record.items()]


def check_agrees(read_record, data: bytes) -> bool:
    """``read_record(data)`` is None, or json's record of ``data`` and the UTF-8 of its text.
    Returns whether the C reader took the line."""
    got = read_record(data)
    if got is None:
        return False
    record, utf8 = got
    expected = json.loads(data.decode("utf-8"))      # the C reader took it: json must too
    assert typed(record) == typed(expected), (data[:200], record, expected)
    text = expected.get("text")
    assert utf8 == (text.encode() if isinstance(text, str) else None), data[:200]
    assert type(utf8) in (bytes, type(None))
    return True
