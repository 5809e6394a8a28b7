"""Read documents from files, directories, JSONL corpora and stdin.

Every problem with an input (not UTF-8, binary, empty, a malformed JSONL line,
a missing file) becomes an :class:`InputProblem` reported to ``on_problem``;
the other inputs are still read.  Nothing here prints: the CLI decides.
"""

from __future__ import annotations

import codecs
import gzip
import io
import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Iterator

from .models import Document

TEXT_SUFFIXES = (".txt", ".md")
JSONL_SUFFIXES = (".jsonl", ".jsonl.gz")


@dataclass(frozen=True)
class InputProblem:
    path: str
    message: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line is not None else self.path
        return f"{where}: {self.message}"


class InputError(Exception):
    """Raised for a problem with one input when the caller wants exceptions."""

    def __init__(self, problem: InputProblem):
        super().__init__(str(problem))
        self.problem = problem


def decode_text(data: bytes, path: str) -> str:
    """Bytes of a text file as ``str``: UTF-8 (BOM allowed) or UTF-16 with a BOM.

    Raises :class:`InputError` for an empty, binary or undecodable file.
    """
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise InputError(InputProblem(path, f"not valid UTF-16 ({exc.reason} at byte {exc.start})"))
    else:
        if b"\x00" in data[:8192]:
            raise InputError(InputProblem(path, "binary file (NUL bytes), not text"))
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise InputError(InputProblem(
                path, f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start})"))
    if not text.strip():
        raise InputError(InputProblem(path, "empty file"))
    return text


def iter_documents(paths: Iterable[str],
                   on_problem: Callable[[InputProblem], None] | None = None,
                   stdin=None) -> Iterator[Document]:
    """Documents from ``paths`` in a stable order; ``-`` reads standard input."""
    report = on_problem or _raise
    for raw in paths:
        if raw == "-":
            stream = stdin if stdin is not None else sys.stdin.buffer
            yield from _guard(report, lambda: [_from_bytes(stream.read(), "-")])
            continue
        path = Path(raw)
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file() and _wanted(p)):
                yield from _read_file(child, report)
        elif path.exists():
            yield from _read_file(path, report)
        else:
            report(InputProblem(raw, "no such file or directory"))


def _wanted(path: Path) -> bool:
    name = path.name.lower()
    return name.endswith(TEXT_SUFFIXES + JSONL_SUFFIXES) and not name.startswith(".")


def _read_file(path: Path, report) -> Iterator[Document]:
    name = path.name.lower()
    if name.endswith(JSONL_SUFFIXES):
        yield from _read_jsonl(path, report)
    else:
        yield from _guard(report, lambda: [_from_bytes(path.read_bytes(), str(path))])


def _guard(report, make) -> Iterator[Document]:
    try:
        yield from make()
    except InputError as exc:
        report(exc.problem)
    except OSError as exc:
        report(InputProblem(getattr(exc, "filename", None) or "?", exc.strerror or str(exc)))


def _from_bytes(data: bytes, path: str) -> Document:
    return Document(id=path, text=decode_text(data, path), path=path)


def _read_jsonl(path: Path, report) -> Iterator[Document]:
    opener = gzip.open if path.name.lower().endswith(".gz") else open
    try:
        with opener(path, "rb") as raw:
            stream = io.TextIOWrapper(raw, encoding="utf-8", errors="strict")
            line_no = 0
            while True:
                line_no += 1
                try:
                    line = stream.readline()
                except UnicodeDecodeError as exc:
                    report(InputProblem(str(path), f"not valid UTF-8 ({exc.reason})", line_no))
                    return
                if not line:
                    break
                if not line.strip():
                    continue
                doc = _jsonl_record(line, str(path), line_no, report)
                if doc is not None:
                    yield doc
    except (OSError, EOFError, gzip.BadGzipFile) as exc:
        report(InputProblem(str(path), f"cannot read: {exc}"))


def _jsonl_record(line: str, path: str, line_no: int, report) -> Document | None:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        report(InputProblem(path, f"malformed JSON ({exc.msg} at column {exc.colno})", line_no))
        return None
    if not isinstance(record, dict) or not isinstance(record.get("text"), str):
        report(InputProblem(path, 'record has no "text" string', line_no))
        return None
    doc_id = record.get("id")
    doc_id = str(doc_id) if doc_id not in (None, "") else f"{path}:{line_no}"
    meta = {k: v for k, v in record.items() if k not in ("id", "text") and isinstance(v, (str, int, float))}
    return Document(id=doc_id, text=record["text"], path=path, title=meta.get("title"),
                    date=meta.get("date") if isinstance(meta.get("date"), str) else None, meta=meta)


def _raise(problem: InputProblem) -> None:
    raise InputError(problem)
