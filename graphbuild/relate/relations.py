"""Which instrument acts on which, and how, with the sentence that shows it.

The guideline is ``../shared/corpus/RELATIONS.md``.  Each clause is read as mentions and runs
of cues (:mod:`graphbuild.relate.reading`); a run's *actor* is the mention just before it (or
the document's subject, when the clause names no other actor and the document is the
subject's text, or reports what the subject does), its *targets* the mentions after it:

* ``Kết luận 84 về tổng kết 15 năm thực hiện Nghị quyết 49`` -> 84 REVIEWS 49;
* passive voice turns it round: ``Nghị định 100 được sửa đổi bởi Nghị định 123`` -> 123 AMENDS 100;
* lists: ``sửa đổi Nghị định 100 và Nghị định 123`` -> both; ``Bãi bỏ các Thông tư sau:`` + items;
* chains: ``Căn cứ Luật X được sửa đổi, bổ sung bởi Luật Y`` -> subject BASED_ON X and Y;
* ``A hết hiệu lực kể từ ngày Nghị định này có hiệu lực`` -> the subject REPEALS A;
* proposals, drafts and rules to follow (``đề xuất sửa đổi``, ``theo quy định của``) name none.

Every other instrument is CITED by the subject: all of them in its own text (``self``); in a
report (``reported``) those outside the writer's own citations and other people's words.
"""

from __future__ import annotations

from dataclasses import dataclass

from graphbuild.graph.vocab import CITES
from graphbuild.relate.amending import amending_relations
from graphbuild.relate.cues import CONTEXT_RE, REGULATIONS
from graphbuild.relate.reading import mask, read_clauses
from graphbuild.relate.reader import Reader
from graphbuild.resolve.resolver import Mention
from graphbuild.resolve.subject import subject_kind


@dataclass(frozen=True, slots=True)
class Relation:
    source: str          # instrument key
    type: str            # AMENDS, IMPLEMENTS, ... or CITES
    target: str          # instrument key
    start: int           # offsets of the evidence mention (the target's)
    end: int
    sentence: str
    rule: str            # "subject:<cue>", "phrase:<cue>", "name"


def find_relations(text: str, mentions: list[Mention], subject: Mention | None,
                   kind: str | None = None) -> list[Relation]:
    """Instrument-to-instrument relations of one document.

    ``kind``: ``self`` (the document is the subject's text) or ``reported``; without it a
    subject named by a ``Số:`` header is ``self``.
    """
    if subject is not None and kind is None:
        kind = subject_kind(text, subject)
    titles = {m.key for m in mentions if _own_attachment(text, m) or _title_of_another(text, m)}
    mentions = [m for m in mentions if m.key not in titles]
    masked = mask(text, mentions)
    reader = Reader(text, masked, subject, kind)
    reader.read_all(read_clauses(text, masked, mentions))
    found = reader.relations() + amending_relations(text, mentions)
    return [Relation(*r) for r in _dedupe(found)]


def _own_attachment(text: str, m: Mention) -> bool:
    """``Quy chế ... ban hành kèm theo Quyết định này``: part of the subject, not an instrument."""
    return bool(CONTEXT_RE["own_attachment"].match(text, m.citation.end, m.citation.end + 60))


def _title_of_another(text: str, m: Mention) -> bool:
    """A named regulation without number that an act issues or is titled by (``Quyết định số 3
    ban hành Quy chế ...``, ``Nghị định số 9 của Chính phủ Quy định về ...``): not an instrument
    of its own."""
    c = m.citation
    if c.kind != "named" or c.number or c.symbol or c.year or not c.text.startswith(REGULATIONS):
        return False
    return bool(CONTEXT_RE["title_before"].search(text[max(0, c.start - 60):c.start]))


def _dedupe(found: list[tuple]) -> list[tuple]:
    """One relation per (source, type, target); CITES only where no typed relation joins the pair."""
    typed = {frozenset((r[0], r[2])) for r in found if r[1] != CITES}
    seen, out = set(), []
    for r in found:
        key = (r[0], r[1], r[2])
        if r[0] == r[2] or key in seen or (r[1] == CITES and frozenset((r[0], r[2])) in typed):
            continue
        seen.add(key)
        out.append(r)
    return out
