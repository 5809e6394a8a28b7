"""The compiled build (``pip install .`` compiles the parser with mypyc, see setup.py) gives
exactly the citations of the plain modules: on the dev gold passages, the seed reports, a
bulk sample and generated adversarial text.

``scripts/test.sh`` installs that build into ``build/compiled`` and sets
``GRAPHBUILD_COMPILED_DIR``; the check runs it in a subprocess, outside the source tree.
"""

from __future__ import annotations

import gzip
import json
import os
import random
import shutil
import subprocess
import sys
from itertools import islice
from pathlib import Path

import pytest

from graphbuild import get_citations

from .conftest import shared_path
from .test_properties import CLEANED_INSIDE_TYPE_WORDS, FRAGMENTS

COMPILED_DIR = os.environ.get("GRAPHBUILD_COMPILED_DIR")
_SOURCE = Path(__file__).resolve().parents[1]           # the source tree: the pure build

_RUN = """
import json, sys
import graphbuild.parse.find
assert not graphbuild.parse.find.__file__.endswith(".py"), graphbuild.parse.find.__file__
from graphbuild import get_citations
texts = json.load(sys.stdin)
found = [[c.to_dict() for c in get_citations(t)] for t in texts]
# the UTF-8 a JSONL record read in C hands over (graphbuild.models.Document.utf8) changes nothing
with_utf8 = graphbuild.parse.find.get_citations
assert found == [[c.to_dict() for c in with_utf8(t, utf8=t.encode("utf-8", "surrogatepass"))] for t in texts]
json.dump(found, sys.stdout)
"""


def _texts() -> list[str]:
    texts = [path.read_text(encoding="utf-8")
             for folder in (shared_path("dev", "passages"), shared_path("seeds"))
             for path in sorted(folder.glob("*.txt"))]
    assert len(texts) > 60
    with gzip.open(shared_path("bulk.jsonl.gz"), "rt", encoding="utf-8") as f:
        texts += [json.loads(line)["text"] for line in islice(f, 0, 6000, 4)]
    rng = random.Random(20261122)                  # adversarial: fragments stitched at random
    pieces = FRAGMENTS + CLEANED_INSIDE_TYPE_WORDS + ["\u0301", "\u00a0", "İ", "ẞ", "\ud800"]
    texts += ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 40))) for _ in range(3000)]
    return texts


def _compiled_build(pattern: str, what: str) -> Path:
    """The compiled build's folder, when it holds ``pattern``; a failure if a C compiler could
    have made it, else a skip."""
    compiled = Path(COMPILED_DIR)
    if not any(compiled.glob(pattern)):
        if shutil.which("cc") or shutil.which("gcc"):
            pytest.fail(f"{compiled} holds no {what} although a C compiler is here")
        pytest.skip("no C compiler: the install fell back to pure Python")
    return compiled


@pytest.mark.skipif(not COMPILED_DIR, reason="no compiled build (scripts/test.sh makes one)")
def test_compiled_build_gives_the_same_citations(tmp_path):
    compiled = _compiled_build("graphbuild/parse/find.*.so", "compiled parser")
    texts = _texts()
    assert len(texts) > 4000
    env = {**os.environ, "PYTHONPATH": str(compiled)}
    done = subprocess.run([sys.executable, "-c", _RUN], input=json.dumps(texts), capture_output=True,
                          text=True, env=env, cwd=tmp_path, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    got = json.loads(done.stdout)
    expected = [[c.to_dict() for c in get_citations(t)] for t in texts]
    mismatched = [i for i, (a, b) in enumerate(zip(got, expected)) if a != b]
    assert not mismatched, f"{len(mismatched)} texts differ, first: {texts[mismatched[0]][:200]!r}"
    assert len(got) == len(expected)


_NOT_TEXT = """
import json
from graphbuild import get_citations
out = []
for value in (None, 3, b"49-NQ/TW", ["x"], ""):
    try:
        out.append(["ok", [c.to_dict() for c in get_citations(value)]])
    except TypeError as exc:
        out.append(["TypeError", str(exc)])
print(json.dumps(out))
"""


def test_get_citations_of_something_not_text_is_a_type_error():
    # issue 13, item 10: get_citations(None) was [] in the pure build, TypeError compiled
    for value in (None, 3, b"49-NQ/TW", ["x"]):
        with pytest.raises(TypeError, match="str object expected"):
            get_citations(value)
    assert get_citations("") == []


@pytest.mark.skipif(not COMPILED_DIR, reason="no compiled build (scripts/test.sh makes one)")
def test_compiled_and_pure_builds_answer_non_text_alike(tmp_path):
    runs = []
    for path in (COMPILED_DIR, str(_SOURCE)):
        done = subprocess.run([sys.executable, "-c", _NOT_TEXT], capture_output=True, text=True,
                              env={**os.environ, "PYTHONPATH": path}, cwd=tmp_path, check=True)
        runs.append(json.loads(done.stdout))
    assert runs[0] == runs[1]


_FAST_READER = """
from graphbuild.corpus import inputs, records
assert records.read_record is not None, "the installed build reads JSONL with json only"
assert records.json_lines is not None, "the installed build writes extract's lines in Python"
doc = inputs.parse_record('{"id": 1, "text": "Nghị quyết số 49-NQ/TW"}'.encode(), "c.jsonl", 1, utf8=True)
assert doc.utf8 == doc.text.encode(), doc.utf8
"""


@pytest.mark.skipif(not COMPILED_DIR, reason="no compiled build (scripts/test.sh makes one)")
def test_the_compiled_build_reads_records_in_c(tmp_path):
    # test_records.py loads the extension by its file: this checks that the installed package
    # itself (graphbuild.corpus.records) takes it, and that the Document gets the text's UTF-8.
    compiled = _compiled_build("graphbuild/corpus/_records.*.so", "compiled record reader")
    env = {k: v for k, v in os.environ.items() if k != "GRAPHBUILD_JSON_READER"} | {"PYTHONPATH": str(compiled)}
    done = subprocess.run([sys.executable, "-c", _FAST_READER], capture_output=True, text=True, env=env,
                          cwd=tmp_path, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    json_only = subprocess.run([sys.executable, "-c", _FAST_READER], capture_output=True, text=True, cwd=tmp_path,
                               env=env | {"GRAPHBUILD_JSON_READER": "json"}, check=False)
    assert "reads JSONL with json only" in json_only.stderr          # what the variable asks for


@pytest.mark.skipif(not COMPILED_DIR, reason="no compiled build (scripts/test.sh makes one)")
def test_the_compiled_build_writes_the_lines_of_extract_as_the_pure_one(tmp_path):
    # The C writer of JSONL (corpus/_lines.h) straight into the binary stream, through stdout
    # and -o; a stdout in another encoding takes text (utf8_sink declines it).
    compiled = _compiled_build("graphbuild/corpus/_records.*.so", "compiled record reader")
    corpus = tmp_path / "corpus.jsonl"
    with gzip.open(shared_path("bulk.jsonl.gz"), "rb") as f:
        corpus.write_bytes(b"".join(islice(f, 1500)))

    def extract(build, *args: str, **kwargs) -> bytes:
        return _extract_stdout(build, corpus, tmp_path, *args, **kwargs)

    expected = extract(_SOURCE)                                    # the pure build writes in Python
    assert expected.count(b"\n") > 5000
    assert extract(compiled) == expected
    assert extract(compiled, unbuffered=True) == expected                        # python -u: written as it comes
    extract(compiled, "-o", str(tmp_path / "out.jsonl"))
    assert (tmp_path / "out.jsonl").read_bytes() == expected
    assert extract(compiled, encoding="utf-16").decode("utf-16") == expected.decode("utf-8")


def _extract_stdout(build, corpus, cwd, *args: str, encoding: str = "utf-8", unbuffered: bool = False) -> bytes:
    """stdout of ``graphbuild extract CORPUS -j 1 ARGS`` run from ``build`` (a folder put on PYTHONPATH)."""
    env = {k: v for k, v in os.environ.items() if k not in ("GRAPHBUILD_JSON_READER", "PYTHONUNBUFFERED")} | {
        "PYTHONPATH": str(build), "PYTHONIOENCODING": encoding} | ({"PYTHONUNBUFFERED": "1"} if unbuffered else {})
    done = subprocess.run([sys.executable, "-m", "graphbuild", "extract", str(corpus), "-q", "-j", "1", *args],
                          capture_output=True, env=env, cwd=cwd, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


@pytest.mark.skipif(not COMPILED_DIR, reason="no compiled build (scripts/test.sh makes one)")
@pytest.mark.skipif(sys.platform == "darwin", reason="macOS file names are UTF-8 only")
def test_the_compiled_build_writes_a_file_name_that_is_not_utf8_as_the_pure_one(tmp_path):
    # A text file named b"caf\xe9.txt": its id was "caf\udce9.txt", which the C writer wrote as
    # the three bytes of the surrogate where stdout (surrogateescape) wrote the name's byte; the
    # id is now "caf\\xe9.txt" (graphbuild.fileio.unicode_name), the same from both builds.
    compiled = _compiled_build("graphbuild/corpus/_records.*.so", "compiled record reader")
    with open(os.path.join(os.fsencode(tmp_path), b"caf\xe9.txt"), "wb") as f:
        f.write("Theo Nghị định số 15/2020/NĐ-CP".encode())
    expected = _extract_stdout(_SOURCE, tmp_path, tmp_path, encoding="utf-8:surrogateescape")
    assert b'"caf\\\\xe9.txt", "start": 5' in expected
    assert _extract_stdout(compiled, tmp_path, tmp_path, encoding="utf-8:surrogateescape") == expected
