"""Reading one evidence sentence of a replacement or repeal: does it act on a part of the
instrument only, and from which date does the sentence say it applies?

Used by :mod:`graphbuild.graph.status`; what the sentence states, nothing guessed:

* **partial** when the words governed by the cue name a part of the target: ``bãi bỏ khoản 14
  Điều 2 Nghị định 63``, ``Điều 14 Nghị định 65 (có nội dung bị bãi bỏ bởi …)``, ``thay thế mẫu
  … ban hành kèm theo Thông tư 05``, ``một phần``; ``toàn bộ`` says whole;
* **the date**: ``có hiệu lực (thi hành) kể từ ngày 01/7/2020`` said of the acting instrument
  (or of ``Nghị định này``, not of the target), ``hết hiệu lực kể từ ngày …``, ``bị thay thế từ
  01/01/2026``; ``kể từ ngày ký`` gives ``"signed"`` (the acting instrument's own date).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from graphbuild.graph.vocab import REPEALS, REPLACES
from graphbuild.resolve.dates import iso_date

SIGNED = "signed"           # "có hiệu lực kể từ ngày ký": the acting instrument's date

_CUES = {
    REPLACES: re.compile(r"thay\s+thế", re.I),
    REPEALS: re.compile(r"bãi\s+bỏ|hu[ỷy]\s+bỏ|hết\s+hiệu\s+lực|không\s+còn\s+hiệu\s+lực", re.I),
}
# What marks a part of an instrument: ``khoản 14 Điều 2``, ``Phụ lục I``, ``mẫu``, ``một phần``.
_PART = re.compile(
    r"\b(?:điểm\s+[a-zđ]\b|khoản\s+\d|điều\s+\d|chương\s+[ivxlc\d]|mục\s+[a-z\divx]|phần\s+[ivx\d]|"
    r"phụ\s+lục|biểu\s+mẫu|mẫu|danh\s+mục|cụm\s+từ|một\s+phần|một\s+số\s+(?:điều|khoản|nội\s+dung|quy\s+định)|"
    r"có\s+nội\s+dung|các\s+quy\s+định|tiết\s+\d|thủ\s+tục\s+hành\s+chính|tthc|số\s+thứ\s+tự|"
    r"(?<!theo )quy\s+định\s+tại)", re.I)
_PART_AFTER_CUE = re.compile(r"\s*(?:các\s+|một\s+số\s+)?(?:quy\s+định|nội\s+dung|một\s+phần)\b", re.I)
_PART_AFTER_TARGET = re.compile(r"một\s+phần|có\s+(?:nội\s+dung|cụm\s+từ)|cụm\s+từ", re.I)
_WHOLE = re.compile(r"toàn\s+bộ", re.I)
# "sửa đổi, bổ sung một số điều của": an amendment named in passing, not a part acted on.
_AMENDMENT = re.compile(r"sửa\s+đổi(?:\s*,?\s*bổ\s+sung)?\s+một\s+số\s+(?:điều|nội\s+dung)", re.I)
_INSTRUMENT_WORD = re.compile(r"\b(?:nghị\s+định|thông\s+tư|quyết\s+định|luật|bộ\s+luật|nghị\s+quyết|pháp\s+lệnh|"
                              r"chỉ\s+thị|kết\s+luận|quy\s+chế|văn\s+bản|số\s+\d)", re.I)
_OTHER_MENTION = re.compile(r"\b(?:nghị\s+định|thông\s+tư|quyết\s+định|luật|nghị\s+quyết|pháp\s+lệnh|chỉ\s+thị)"
                            r"(?:\s+số)?\s+\d[\w/.-]*", re.I)
# A cue after the target that still acts on it: "bị/được thay thế (bởi)", "hết hiệu lực".
_TARGET_FIRST = re.compile(r"(?:bị|được)\s+(?:thay\s+thế|bãi\s+bỏ|hu[ỷy]\s+bỏ)|hết\s+hiệu\s+lực|"
                           r"không\s+còn\s+hiệu\s+lực", re.I)
# Between the items of a list; not inside a list of numbers ("số thứ tự 1, 2 và 3").
_LIST_SEPARATOR = re.compile(r"[;()]|,(?!\s*\d)|\bvà\b(?!\s*\d)", re.I)
_EMPTY_ITEM = re.compile(r"^[\s*_]*(?:các\s*)?$", re.I)

_DATE = (r"(?:ngày\s*)?(?:(?P<d>\d{1,2})[/.-](?P<m>\d{1,2})[/.-](?P<y>(?:19|20)\d\d)|"
         r"(?P<d2>\d{1,2})\s+tháng\s+(?P<m2>\d{1,2})\s+năm\s+(?P<y2>(?:19|20)\d\d)|(?P<signed>ký))")
_FROM = r"(?:\s+thi\s+hành)?(?:\s*(?:kể\s+)?từ)?\s*"
_END_DATE = re.compile(rf"(?:hết\s+hiệu\s+lực{_FROM}|(?:thay\s+thế|bãi\s+bỏ)\s+(?:kể\s+)?từ\s+){_DATE}", re.I)
_START_DATE = re.compile(rf"có\s+hiệu\s+lực{_FROM}{_DATE}", re.I)
_ANAPHOR = re.compile(r"\bnày\b", re.I)
_COORDINATED = re.compile(r"\s*,?\s*(?:và|đồng\s+thời)\s*", re.I)


@dataclass(frozen=True, slots=True)
class Reading:
    """What one evidence sentence says of an act: partial or not (None: cannot tell), a date."""

    partial: bool | None
    date: str | None             # the date the act applies from (maybe SIGNED)
    effect: str | None = None    # the date the sentence says the acting instrument takes effect


# --- reading one evidence sentence ----------------------------------------------------------

def _occurrences(text: str, names) -> list[tuple[int, int]]:
    low = text.lower()
    spans = set()
    for name in {n.lower() for n in names if n and len(n) >= 3}:
        start = low.find(name)
        while start >= 0:
            spans.add((start, start + len(name)))
            start = low.find(name, start + 1)
    return sorted(spans)


def names_of(attrs: dict) -> list[str]:
    """How a text may write an instrument: its variants, symbol and name."""
    names = [" ".join(v.split()) for v in attrs.get("variants") or []]
    return names + [attrs[f] for f in ("symbol", "name") if attrs.get(f)]


def read_sentence(sentence: str, relation: str, target_names, source_names) -> Reading:
    """Whether ``sentence`` says a part of the target is acted on, and from which date.

    ``target_names``/``source_names``: how the text may write the instrument acted on and
    the one acting (:func:`names_of`).
    """
    s = " ".join(sentence.split())
    targets = _occurrences(s, target_names)
    cues = list(_CUES[relation].finditer(s))
    governed = [(d, c, t) for t in targets for d, c in [_governing_cue(s, cues, t)] if c is not None]
    partial = None
    if governed:
        _, cue, target = min(governed, key=lambda x: (x[0], x[2]))
        partial = _is_partial(s, cue, target)
    elif targets:       # the cue is outside the kept sentence: "…; Điều 19 của Luật Tố cáo số 25/2018/QH14"
        partial = any(_PART.search(_item_before(s, t)) for t in targets) or None
    return Reading(partial, *_stated_dates(s, targets, _occurrences(s, source_names), cues))


def _governing_cue(s: str, cues: list[re.Match], target: tuple[int, int]) -> tuple[int, re.Match | None]:
    """``(distance, cue)`` acting on the target mention at ``target``: the nearest cue before it
    (``bãi bỏ … Nghị định 63``), unless a nearer one after it reads target first (``Nghị định 63
    … bị bãi bỏ bởi``, ``… hết hiệu lực``)."""
    before = [(target[0] - c.end(), c) for c in cues if c.end() <= target[0]]
    after = [(c.start() - target[1], c) for c in cues if c.start() >= target[1]]
    target_first = [(d, c) for d, c in after if _TARGET_FIRST.search(s[max(0, c.start() - 12):c.end()])]
    best_before = min(before, key=lambda x: x[0], default=None)
    best_after = min(target_first, key=lambda x: x[0], default=None)
    if best_after and (best_before is None or best_after[0] < best_before[0]):
        return best_after
    return best_before or min(after, key=lambda x: x[0], default=(0, None))


def _is_partial(s: str, cue: re.Match, target: tuple[int, int]) -> bool:
    if cue.end() <= target[0]:                       # "bãi bỏ khoản 14 Điều 2 Nghị định 63"
        window = _AMENDMENT.sub(" ", s[cue.end():target[0]])
        if _WHOLE.search(window):
            return False
        item = _LIST_SEPARATOR.split(window)[-1]
        if _EMPTY_ITEM.match(item):                  # "…, Quyết định 634": the list's head governs it
            item = window
        head = _INSTRUMENT_WORD.split(window[:60], 1)[0]      # the cue's object: "thay thế: Điều 14, 18 …"
        return bool(_PART.search(item) or _PART.search(head) or _PART_AFTER_CUE.match(window))
    # "Điều 14 Nghị định 65 (có nội dung bị bãi bỏ bởi …)", "Nghị định 63 hết hiệu lực một phần"
    before = _item_before(s, target)
    between = s[target[1]:cue.start()]
    after = s[cue.end():cue.end() + 20]
    return bool(_PART.search(before) or _PART_AFTER_TARGET.search(between)
                or re.match(r"\s*(?:thi\s+hành\s+)?một\s+phần", after, re.I))


def _item_before(s: str, target: tuple[int, int]) -> str:
    """The words before a target mention, back to a list separator or another mention:
    ``Điều 19 của``, ``phụ lục danh mục … ban hành kèm theo``."""
    item = _LIST_SEPARATOR.split(_AMENDMENT.sub(" ", s[max(0, target[0] - 200):target[0]]))[-1]
    return _OTHER_MENTION.split(item)[-1]


def _stated_dates(s: str, targets, sources, cues) -> tuple[str | None, str | None]:
    """``(date of the act, date the acting instrument takes effect)`` as the sentence states
    them, else None; ``ký`` gives ``SIGNED``."""
    found = [(m, False) for m in _END_DATE.finditer(s)]
    anaphors = [(m.start(), m.end()) for m in _ANAPHOR.finditer(s)]
    for m in _START_DATE.finditer(s):
        # "B (or Nghị định này) có hiệu lực từ …" dates the act; "A, có hiệu lực từ …" is A's own start.
        owner = max(((end, start, kind) for kind, spans in (("target", targets), ("source", sources + anaphors))
                     for start, end in spans if end <= m.start()), default=None)
        if owner is None or owner[2] == "source" or _object_then_verb(s, owner, m.start(), cues):
            found.append((m, True))
    dated = [(m.start(), _date_of(m), effect) for m, effect in found]
    dated = sorted(d for d in dated if d[1])
    return (dated[0][1] if dated else None), next((d for _, d, effect in dated if effect), None)


def _date_of(m: re.Match) -> str | None:
    if m["signed"]:
        return SIGNED
    return iso_date(m["y"], m["m"], m["d"]) if m["y"] else iso_date(m["y2"], m["m2"], m["d2"])


def _object_then_verb(s: str, target: tuple, phrase_start: int, cues) -> bool:
    """``B thay thế A và có hiệu lực từ …``: A is the cue's object, and ``và có hiệu lực`` goes
    on with B, the clause's subject."""
    end, start, _ = target
    return bool(_COORDINATED.fullmatch(s[end:phrase_start])
                and any(c.end() <= start and start - c.end() <= 40 for c in cues))
