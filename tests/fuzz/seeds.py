"""Seed inputs for the fuzzers, written at run time (no corpus text is ever committed).

Real inputs come from the repository's ``data/`` and, when it sits beside the
repository, from ``../shared/corpus`` (passages and seed documents cut in pieces of at
most ``PIECE`` characters, JSONL records made of them, a graph.json built from
``data/corpus``).  Small hand-written inputs cover the odd cases.  The inputs kept under
``regressions/`` seed every run too.
"""

from __future__ import annotations

import hashlib
import io
import json
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
SHARED = REPO.parent / "shared" / "corpus"
PIECE = 2000

_SMALL_TEXTS = [
    "Căn cứ Nghị quyết số 49-NQ/TW ngày 02/6/2005 của Bộ Chính trị khóa IX về Chiến lược cải cách tư pháp.",
    "Thực hiện Luật Đất đai 2013, Nghị định 43/2014/NĐ-CP và Kết luận số 14-KL/TW.",
    "Quyết định số 1234/QĐ-TTg\x01\x0b ngày 31/02/2022\ufffe sửa đổi Thông tư 02/2020/TT-BTC.",
    "\ufeffNghị quyết Đại hội XIII của Đảng; Chỉ thị 05-CT/TW\r\n",
]


def _texts() -> list[str]:
    texts = list(_SMALL_TEXTS)
    folders = [REPO / "data" / "corpus", SHARED / "dev" / "passages", SHARED / "seeds"]
    for folder in folders:
        for path in sorted(folder.glob("*.txt"))[:12] if folder.is_dir() else ():
            text = path.read_text(encoding="utf-8", errors="replace")
            texts.extend(text[i:i + PIECE] for i in range(0, min(len(text), 5 * PIECE), PIECE))
    return texts


def _graph_json() -> bytes:
    from graphbuild.build import build_corpus
    from graphbuild.export.nodelink import write_json

    out = io.BytesIO()
    write_json(build_corpus(REPO / "data" / "corpus", jobs=1, catalog=None), out)
    return out.getvalue()


def seed_inputs(target: str) -> list[bytes]:
    texts = _texts()
    if target == "parser":
        return [t.encode("utf-8") for t in texts]
    if target == "text":
        return ([t.encode("utf-8") for t in texts[:40]] + [b"\xef\xbb\xbf" + texts[0].encode("utf-8"),
                texts[0].encode("utf-16"), b"\x00\x01binary", b"\xff\xfe\xfa"])
    if target == "jsonl":
        records = [json.dumps({"id": f"r{i}", "text": t, "title": t[:30], "date": "2020-07-29"},
                              ensure_ascii=i % 2 == 0).encode("utf-8") for i, t in enumerate(texts[:40])]
        import gzip
        corpora = [b"\n".join(records[i:i + 4]) for i in range(0, len(records), 4)]
        return records + corpora + [gzip.compress(corpora[0]), b'{"id": 12, "text": "x"}\n{"id": 12, "text": "y"}',
                                    b"[1, [2, [3]]]", b'{"text": "\\ud800"}', b"null"]
    if target == "graph":
        small = json.dumps({"format": "graphbuild-graph", "version": 1, "nodes": [
            {"id": "doc:a", "label": "Document", "doc_id": "a"},
            {"id": "inst:49-NQ/TW@2005", "label": "Instrument", "key": "49-NQ/TW@2005", "year": 2005}],
            "edges": [{"source": "doc:a", "target": "inst:49-NQ/TW@2005", "type": "CITES", "count": 1,
                       "evidence": [{"doc": "a", "start": 0, "end": 3, "sentence": "x\x01\ufffe", "rule": None}]}]})
        shaped = [bytes(range(256)), bytes(range(255, -1, -1)) * 2, b"\x01" * 64]   # schema-shaped graphs
        return [_graph_json(), small.encode("utf-8")] + shaped
    raise ValueError(f"unknown fuzz target {target!r}")


def write_seeds(target: str, folder: Path) -> int:
    """Write the seeds of ``target`` (and its kept regression inputs) into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    inputs = seed_inputs(target)
    kept = HERE / "regressions" / target
    inputs += [p.read_bytes() for p in sorted(kept.iterdir())] if kept.is_dir() else []
    for data in inputs:
        (folder / hashlib.sha1(data).hexdigest()).write_bytes(data)
    return len(inputs)
