"""The C reader of JSONL records against the json module.

For any bytes, ``read_record`` answers None (the json module reads the line) or exactly
json's record, with the UTF-8 of its ``"text"``; and ``parse_record`` gives the same
Document, or the same error, with the C reader and without it.
"""

from __future__ import annotations

import gzip
import platform
import random
import json
import shutil
from itertools import islice

import hypothesis
import hypothesis.strategies as st
import pytest

from graphbuild.corpus import inputs
from graphbuild.corpus.inputs import InputError, parse_record

from .conftest import shared_path
from .record_reader import check_agrees, load_read_record, load_records_module


@pytest.fixture(scope="module")
def read_record():
    reader = load_read_record()
    if reader is None:
        if shutil.which("cc") or shutil.which("gcc"):
            pytest.fail("no compiled record reader although a C compiler is here (run scripts/test.sh)")
        pytest.skip("no C compiler: no compiled record reader")
    return reader


# (line, whether the C reader takes it): the subset's edges, and json's cases it leaves alone.
CASES = [
    (b'{"id": "a", "text": "Ngh\xe1\xbb\x8b quy\xe1\xba\xbft 49-NQ/TW"}', True),
    (b'{}', True),
    (b' \t{ "text" : "x" , "n" : -0 }\r\n', True),
    (b'{"text": "a\\nb\\t\\"c\\"\\\\d\\/e\\b\\f\\r"}', True),
    (b'{"text": "\\u00e9\\u1ec7\\u0000\\uFFFF"}', True),
    (b'{"te\\u0078t": "key with an escape"}', True),
    (b'{"text": "a", "text": 5}', True),                     # the last value wins: text is 5
    (b'{"text": 5, "text": "b"}', True),
    (b'{"text": "first", "text": "second"}', True),         # the last string's UTF-8
    (b'{"text": "first", "te\\u0078t": "s\\u00e9cond"}', True),
    (b'{"a": true, "b": false, "c": null, "d": 123456789012345678, "e": -1}', True),
    (b'{"text": "emoji \xf0\x9f\x98\x80 and latin \xc3\xa9"}', True),
    (b'{"text": "del \x7f is allowed"}', True),
    (b'{"text": "\\ud800"}', False),                         # lone surrogate: json gives it
    (b'{"text": "\\ud83d\\ude00"}', False),                  # a pair: json joins it
    (b'{"text": "tab \x09 raw"}', False),                    # control character: json refuses
    (b'{"text": "\xed\xa0\x80"}', False),                    # an encoded surrogate
    (b'{"text": "\xc0\x80"}', False),                        # overlong
    (b'{"text": "\xf4\x90\x80\x80"}', False),                # above U+10FFFF
    (b'{"text": "\xe1\xbb"}', False),                        # cut off
    (b'\xef\xbb\xbf{"text": "BOM"}', False),
    (b'{"a": 1234567890123456789}', False),                  # 19 digits: json's big integers
    (b'{"a": 01}', False),
    (b'{"a": 1.5}', False),
    (b'{"a": 1e5}', False),
    (b'{"a": NaN}', False),
    (b'{"a": -}', False),
    (b'{"a": [1]}', False),
    (b'{"a": {"b": 1}}', False),
    (b'{"a": 1,}', False),
    (b'{"a" 1}', False),
    (b'{"a": 1} x', False),
    (b'{"a": 1}\x0c', False),
    (b'{"a": tru}', False),
    (b'{"a": truex}', False),
    (b'{"text": "unterminated}', False),
    (b'{"text": "bad escape \\x"}', False),
    (b'{"text": "short \\u12"}', False),
    (b'["text"]', False),
    (b'"text"', False),
    (b'', False),
    (b'{', False),
]


@pytest.mark.parametrize("line, taken", CASES, ids=range(len(CASES)))
def test_each_case_is_read_as_json_reads_it_or_left_to_json(read_record, line, taken):
    assert check_agrees(read_record, line) is taken


def test_every_bulk_record_is_read_in_c_as_json_reads_it(read_record):
    with gzip.open(shared_path("bulk.jsonl.gz"), "rb") as f:
        lines = list(islice(f, 3000))
    assert all(check_agrees(read_record, line) for line in lines)


_SCALARS = (st.text() | st.integers(-10**19, 10**19) | st.booleans() | st.none()
            | st.floats(allow_nan=True) | st.integers(-10**30, 10**30))
_VALUES = st.recursive(_SCALARS, lambda inner: st.lists(inner, max_size=3)
                       | st.dictionaries(st.text(max_size=5), inner, max_size=3), max_leaves=6)
_RECORDS = st.dictionaries(st.sampled_from(["text", "id", "title", "date", "tëxt"]) | st.text(max_size=6),
                           _VALUES, max_size=6)


def _simple(record: dict, ascii: bool) -> bool:
    """Whether a record's JSON is in the C reader's subset: no float, no nesting, no big
    integer, no surrogate (nor, written in ASCII, a character above U+FFFF: a \\u pair)."""
    def plain(s: str) -> bool:
        return not any("\ud800" <= ch <= "\udfff" or (ascii and ch > "\uffff") for ch in s)

    def ok(v):
        return (v is None or isinstance(v, bool) or (isinstance(v, int) and abs(v) < 10**18)
                or (isinstance(v, str) and plain(v)))
    return all(ok(v) and plain(k) for k, v in record.items())


@hypothesis.settings(max_examples=400, deadline=None)
@hypothesis.given(_RECORDS, st.booleans(), st.sampled_from([(", ", ": "), (",", ":"), (" ,\t", " :\n")]),
                  st.sampled_from([b"", b" ", b"\r\n", b"\n\t "]))
def test_json_dumps_of_any_record_is_read_alike(read_record, record, ascii, separators, space):
    line = space + json.dumps(record, ensure_ascii=ascii, separators=separators).encode("utf-8", "surrogatepass") + space
    taken = check_agrees(read_record, line)
    assert taken == _simple(record, ascii), line[:200]       # the subset is read, nothing else


@hypothesis.settings(max_examples=600, deadline=None)
@hypothesis.given(_RECORDS, st.lists(st.tuples(st.integers(0, 10**6), st.integers(0, 255),
                                               st.sampled_from(["set", "insert", "delete"])), min_size=1, max_size=4))
def test_damaged_records_are_read_alike_or_left_to_json(read_record, record, edits):
    line = bytearray(json.dumps(record, ensure_ascii=False).encode("utf-8", "surrogatepass"))
    for at, byte, how in edits:
        at %= len(line) + 1
        if how == "insert":
            line.insert(at, byte)
        elif at < len(line):
            line[at:at + 1] = bytes([byte]) if how == "set" else b""
    check_agrees(read_record, bytes(line))


_TOKENS = [b"{", b"}", b'"', b":", b",", b" ", b"\n", b"\t", b"text", b"id", b"true", b"false", b"null", b"-",
           b"0", b"7", b"123456789", b".", b"e", b"\\", b"\\n", b"\\u00e9", b"\\ud800", b"\\u", b"\xc3\xa9",
           b"\xe1\xbb\x87", b"\xe1", b"\xf0\x9f\x98\x80", b"\x00", b"\x1f", b"\xff", b"[", b"]"]


@hypothesis.settings(max_examples=500, deadline=None)
@hypothesis.given(st.binary(max_size=64) | st.lists(st.sampled_from(_TOKENS), max_size=30).map(b"".join))
def test_any_bytes_are_read_alike_or_left_to_json(read_record, data):
    # random bytes, and strings of JSON's own pieces (which the C reader often takes)
    check_agrees(read_record, data)


def test_read_record_refuses_what_is_not_bytes(read_record):
    with pytest.raises(TypeError):
        read_record('{"text": "a str"}')


def test_parse_record_takes_a_bytearray_too(read_record, monkeypatch):
    monkeypatch.setattr(inputs, "read_record", read_record)
    doc = parse_record(bytearray(b'{"id": "a", "text": "x"}'), "c.jsonl", 1, utf8=True)
    assert (doc.id, doc.text, doc.utf8) == ("a", "x", None)           # json read it


def _outcome(line: bytes):
    try:
        doc = parse_record(line, "corpus.jsonl", 7, utf8=True)
    except InputError as exc:
        return "error", str(exc)
    assert doc.utf8 is None or doc.utf8 == doc.text.encode()
    assert parse_record(line, "corpus.jsonl", 7).utf8 is None      # kept only when asked for
    return "doc", (doc.id, doc.text, doc.path, doc.title, doc.date, typed_meta(doc.meta))


def typed_meta(meta: dict) -> list:
    return sorted((k, type(v).__name__, repr(v)) for k, v in meta.items())


@pytest.mark.parametrize("line", [c for c, _ in CASES] + [
    b'{"id": 5, "text": "x", "title": "T", "date": "29/7/2020", "views": 3, "ok": true}',
    b'{"id": "", "text": ""}', b'{"id": true, "text": "x"}', b'{"text": null}', b'{"id": "\\ud800", "text": "a"}',
    b'{"text": "x", "title": "\\udfff"}', b'{"id": "a"}', b'\xff'],
    ids=lambda v: repr(v[:24]))
def test_parse_record_gives_the_same_document_or_error_with_and_without_c(read_record, monkeypatch, line):
    monkeypatch.setattr(inputs, "read_record", None)
    expected = _outcome(line)
    monkeypatch.setattr(inputs, "read_record", read_record)
    assert _outcome(line) == expected


def test_real_records_damaged_at_random_are_read_alike_or_left_to_json(read_record):
    """Not coverage-guided (no clang here to instrument C for atheris): many real lines, each
    with a few random bytes set, inserted or deleted, near the string and escape edges too."""
    with gzip.open(shared_path("bulk.jsonl.gz"), "rb") as f:
        lines = [line.rstrip(b"\n") for line in islice(f, 0, 4000, 8)]
    rng = random.Random(20261207)
    special = b'"\\{}:,\n\t \x00\x1f\x7f\x80\xbf\xc0\xc2\xe0\xed\xef\xf0\xf4\xf5\xfftu0123456789abcdefABCDEF-.eE'
    taken = 0
    for i in range(6000):
        line = bytearray(lines[i % len(lines)][:rng.choice([60, 300, 5000])])
        for _ in range(rng.randint(1, 4)):
            at = rng.randrange(len(line) + 1)
            byte = rng.choice(special) if rng.random() < 0.7 else rng.randrange(256)
            how = rng.random()
            if how < 0.4 and at < len(line):
                line[at] = byte
            elif how < 0.8:
                line.insert(at, byte)
            else:
                del line[at:at + rng.randint(1, 8)]
        taken += check_agrees(read_record, bytes(line))
    assert 0 < taken < 6000            # both kinds were met


# --- the SIMD decoder of long strings (graphbuild/corpus/_utf8.h) ---------------------------

def _x86_with_sse41_and_popcnt() -> bool:
    try:
        flags = next(line for line in open("/proc/cpuinfo", encoding="ascii", errors="replace")
                     if line.startswith("flags"))
    except (OSError, StopIteration):
        return False
    return platform.machine() in ("x86_64", "AMD64") and " sse4_1 " in flags + " " and " popcnt " in flags + " "


def test_long_strings_take_the_simd_decoder_on_x86_64():
    module = load_records_module()
    if module is None:
        pytest.skip("no compiled record reader")
    assert bool(module.SIMD_UTF8) == _x86_with_sse41_and_popcnt()


# Vietnamese text long enough for the decoder's 64-byte blocks, with characters of one, two
# and three bytes (U+1Exx), and every kind of damage a byte pair can do around it.
_VIET = "Nghị quyết số 49-NQ/TW ngày 29/7/2020 của Bộ Chính trị về Đảng, ưu tiên ơn nghĩa: à é".encode()
_SECOND = list(range(0x70, 0xC5)) + [0xE0, 0xE1, 0xED, 0xEF, 0xF0, 0xF4, 0xFF]


@pytest.mark.parametrize("lead", range(0x80, 0x100), ids=hex)
def test_long_strings_decode_as_cpython_with_any_byte_pair_anywhere(read_record, lead):
    for second in _SECOND:
        for tail in (b"", b"\x80", b"\xbf", b"a", b"\xa0\x80"):
            damage = bytes([lead, second]) + tail
            for at in (0, 11, 15, 16, 63, 64, 79, 80, 81, 130):
                text = (_VIET * 3)[:at] + damage + _VIET[:97]
                for data in (text, text[:-1], text[:-2]):           # cut off inside a character too
                    _agree_on_text(read_record, data)


def _agree_on_text(read_record, data: bytes) -> None:
    line = b'{"text": "' + data.replace(b"\\", b"").replace(b'"', b"") + b'"}'
    try:
        line.decode("utf-8")
        valid = True
    except UnicodeDecodeError:
        valid = False
    assert check_agrees(read_record, line) == valid, line       # valid UTF-8 is taken, and read as json


# --- the C writer of extract's lines (graphbuild/corpus/_lines.h) ----------------------------

@pytest.fixture(scope="module")
def json_lines(read_record):
    return load_records_module().json_lines


class _Item:
    def __init__(self, **values):
        self.__dict__.update(values)


_VALUES = (st.none() | st.integers(-2**63, 2**63 - 1)
           | st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=20)
           | st.sampled_from(["\u2028", "\x7f", "\x00\x1f", '"\\\\/', "\U0001f600", "Nghị quyết 49-NQ/TW"]))


@hypothesis.settings(max_examples=400, deadline=None)
@hypothesis.given(st.lists(st.lists(_VALUES, min_size=3, max_size=3), max_size=5), st.text(max_size=8))
def test_json_lines_are_json_dumps_in_utf8(json_lines, rows, head_id):
    fields = ("start", "a \"key\"", "id")
    items = [_Item(**dict(zip(fields, row))) for row in rows]
    head = json.dumps({"doc": head_id}, ensure_ascii=False)[:-1].encode("utf-8", "surrogatepass") + b", "
    expected = "".join(json.dumps({"doc": head_id, **dict(zip(fields, row))}, ensure_ascii=False) + "\n"
                       for row in rows)
    assert json_lines(head, items, fields) == expected.encode("utf-8", "surrogatepass")


@pytest.mark.parametrize("value", [True, 1.5, 2**63, -2**63 - 1, "\ud800", [1], {"a": 1}], ids=repr)
def test_json_lines_leave_to_python_what_they_do_not_write(json_lines, value):
    items = [_Item(a="x"), _Item(a=value)]
    assert json_lines(b"{", items, ("a",)) is None


def test_json_lines_refuse_what_is_not_their_input(json_lines):
    with pytest.raises(TypeError):
        json_lines("{", [], ("a",))
    with pytest.raises(AttributeError):
        json_lines(b"{", [_Item(a=1)], ("b",))
    assert json_lines(b"{", [], ("a",)) == b""


def test_an_id_that_utf8_cannot_hold_is_left_to_the_output_stream(json_lines, monkeypatch):
    # A text file whose name is not UTF-8 has an id with a lone surrogate ("caf\udce9.txt"):
    # extract wrote it through the text stream, as its errors say (surrogateescape on stdout:
    # the byte 0xE9 of the name), not as the three bytes of a surrogate, which no reader takes.
    from graphbuild import get_citations
    from graphbuild.scale import extract
    monkeypatch.setattr(extract, "json_lines", json_lines)
    citations = get_citations("Theo Nghị định số 15/2020/NĐ-CP ngày 3/2/2020")
    assert extract.jsonl_lines("cafe.txt", citations) == extract.jsonl_text("cafe.txt", citations).encode()
    assert extract.jsonl_lines("caf\udce9.txt", citations) == extract.jsonl_text("caf\udce9.txt", citations)


class _DropsItself:
    """An item whose first attribute takes it out of the list being written."""

    def __init__(self, items: list):
        self.items, self.b = items, "Nghị quyết " * 20

    @property
    def a(self) -> int:
        self.items.clear()
        return 7


def test_json_lines_hold_the_item_they_write(json_lines):
    # The list held the only reference: the item was read after it was freed (a crash).
    items: list = []
    items.append(_DropsItself(items))
    assert json_lines(b"{", items, ("a", "b")) == ('{"a": 7, "b": "' + "Nghị quyết " * 20 + '"}\n').encode()
