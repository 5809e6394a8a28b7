"""The actor and the targets of each run of cues, clause by clause (see :mod:`relations`)."""

from __future__ import annotations

from graphbuild.graph.vocab import AMENDS, CITES, GUIDES, IMPLEMENTS, REPEALS, REPLACES
from graphbuild.relate.cues import CONTEXT_RE
from graphbuild.relate.reading import MASK, Clause, Run
from graphbuild.resolve.resolver import Mention
from graphbuild.resolve.sentences import sentence_at

SUBJECT = "<subject>"            # a run whose actor is the document's subject
MAX_GAP = 250                    # characters between an actor and its cue, a cue and its target
FIRST_GAP = 100                  # between a cue and the first instrument it acts on
class Reader:
    """Collects ``(source, type, target, start, end, sentence, rule)`` tuples."""

    def __init__(self, text: str, masked: str, subject: Mention | None, kind: str | None):
        self.text, self.masked, self.subject, self.kind = text, masked, subject, kind
        self.found: list[tuple] = []
        self.cited: dict[str, Mention] = {}        # key -> first mention the subject may cite
        self.actors: dict[int, str | None] = {}     # id(run) -> actor key
        self.targeted: set[int] = set()             # id(run) of runs that act on a mention
        self.quoting = False                        # inside a quote of another instrument

    # -- the document ------------------------------------------------------------------
    def read_all(self, clauses: list[Clause]) -> None:
        carried = listed = None
        for clause in clauses:
            if clause.items or self.masked[clause.start:clause.end].strip():
                carried, listed = self.read(clause, carried, listed)

    def relations(self) -> list[tuple]:
        out = list(self.found)
        if self.subject is not None:
            for key, m in self.cited.items():
                out.append(self._tuple(self.subject.key, CITES, m, "subject"))
        return out

    # -- one clause --------------------------------------------------------------------
    def read(self, clause: Clause, carried: Run | None, listed: Run | None):
        """Read one clause; returns the runs the next clause may continue: ``(carried, listed)``.

        ``Căn cứ A ...; B ...;`` and ``thực hiện A; B`` carry on after ``;``; ``Bãi bỏ các
        Thông tư sau:`` governs the list items that follow it."""
        items = list(clause.items)
        self._quote(clause, opening=False)
        self.clause_start, self.clause_excluded = clause.start, self.quoting or self._excluded(clause)
        item_head = self._list_item(clause)
        if item_head:
            carried = listed
        elif not self._starts_with_mention(clause):
            carried = None
        if carried is not None:
            items.insert(0, carried)
        self.carried = carried
        self._note_citable(items)
        governing: dict[int, tuple] = {}    # id(mention) -> (actor, type, run, actor mention)
        self.first_actor = None if self.clause_excluded else SUBJECT
        for i, item in enumerate(items):
            if isinstance(item, Run):
                self._read_run(items, i, governing)
        self._quote(clause, opening=True)
        runs = [x for x in items if isinstance(x, Run) and x.role in ("typed", "basis")]
        listed = listed if item_head else None
        if clause.ends_with == ":" and runs and not self._targets(items, items.index(runs[-1])):
            return None, runs[-1]
        if clause.ends_with == ";" and runs and id(runs[0]) in self.targeted:
            return runs[0], listed
        return None, listed

    def _quote(self, clause: Clause, opening: bool) -> None:
        """In a report, ``Nghị định 178 quy định ... như sau:`` opens a quote of another
        instrument's text: what it cites is not what the subject does. A heading (``**...``,
        ``#``) or the subject named again ends it."""
        if self.kind != "reported" or self.subject is None:
            return
        names_subject = any(isinstance(m, Mention) and m.key == self.subject.key for m in clause.items)
        if not opening:
            if names_subject or CONTEXT_RE["heading"].match(self.masked, clause.start, clause.end):
                self.quoting = False
            return
        quoted = [m for m in clause.items if isinstance(m, Mention)]
        if clause.ends_with == ":" and quoted and not names_subject and CONTEXT_RE["quotes"].search(
                self.masked, quoted[-1].citation.end, clause.end):
            self.quoting = True

    def _list_item(self, clause: Clause) -> bool:
        return bool(CONTEXT_RE["list_item"].match(self.masked, clause.start, clause.end)) and \
            "\n" in self.masked[max(0, clause.start - 3):clause.start + 3]

    def _starts_with_mention(self, clause: Clause) -> bool:
        items = clause.items
        if not items or not isinstance(items[0], Mention):
            return False
        return not self.masked[clause.start:items[0].citation.start].strip(" \t\r\n*_|>")

    def _note_citable(self, items: list) -> None:
        """Mentions the subject cites when no cue governs them."""
        if self.subject is None or self.clause_excluded:
            return
        for item in items:
            if isinstance(item, Mention) and item.key != self.subject.key and not self._spoken(item):
                self.cited.setdefault(item.key, item)

    def _spoken(self, m: Mention) -> bool:
        """In a report, someone else speaks of ``m`` (``ông A cho biết Nghị định 54 ...``)."""
        return self.kind != "self" and bool(
            CONTEXT_RE["speech"].search(self.masked, self.clause_start, m.citation.start))

    def _excluded(self, clause: Clause) -> bool:
        """Site furniture; in a report, the writer's own citation of a rule (``Căn cứ theo
        khoản 1 Điều 17 Luật X``, a heading ``Điều 11 Quy định 366``)."""
        here = self.masked[clause.start:clause.end]
        if CONTEXT_RE["furniture"].search(here) or ">>>" in here:
            return True
        if self.kind == "self":
            return False
        head = here.lstrip(" \t\r\n*_#>|-+(")
        cited = next((m for m in clause.items if isinstance(m, Mention)), None)
        if cited is not None and self.subject is not None and cited.key == self.subject.key:
            return False                            # "Theo Mục 1 Hướng dẫn 43, hướng dẫn ...": its own words
        return bool(CONTEXT_RE["writer"].match(head) or (
            len(here.strip()) < 80 and CONTEXT_RE["article"].match(head)))

    # -- one run -----------------------------------------------------------------------
    def _read_run(self, items: list, i: int, governing: dict) -> None:
        run = items[i]
        if run.role == "on_effect":
            self._on_effect(items, i)
            return
        if run.passive:
            self._passive(items, i, governing)
            return
        if id(run) in self.actors:
            actor = self.actors[id(run)]
        elif run.role == "basis":                  # "Căn cứ": the document's own act
            actor = None if self.clause_excluded else SUBJECT
        else:
            actor = self._actor(items, i, governing)
        if run.role == "typed" and not any(
                isinstance(x, Run) and x.role == "typed" and id(x) in self.actors for x in items[:i]):
            self.first_actor = actor
        self.actors[id(run)] = actor
        targets = self._targets(items, i)
        if run.role == "basis" and targets and run is not self.carried and not CONTEXT_RE["direct"].match(
                self.masked[run.end:targets[0].citation.start]):
            return
        head = next((x for x in items[:i][::-1] if isinstance(x, Mention)), None) if actor not in (
            None, SUBJECT) else None
        if head is not None:
            targets = self._head_coordinate(targets, head, governing)
        self.targeted.add(id(run)) if targets else None
        for t in targets:
            governing[id(t)] = (actor, run.type, run, head)
            if run.type != CITES and actor is not None:
                self._relate(actor, run, t)

    def _head_coordinate(self, targets: list, head: Mention, governing: dict) -> list:
        """``sửa đổi Nghị định A quy định chi tiết Luật X và Nghị định B``: B, of A's type and not
        X's, is coordinated with A, the actor of the description: what governs A governs B."""
        for k, t in enumerate(targets[1:], 1):
            if _type(t) != _type(targets[0]) and _type(t) == _type(head):
                for c in targets[k:]:
                    if id(head) in governing:
                        actor, rel, by, up = governing[id(head)]
                        governing[id(c)] = (actor, rel, by, up)
                        if rel != CITES and actor is not None:
                            self._relate(actor, by, c)
                return targets[:k]
        return targets

    def _actor(self, items: list, i: int, governing: dict) -> str | None:
        run = items[i]
        prev = items[i - 1] if i > 0 else None
        if isinstance(prev, Mention):
            gap = self.masked[prev.citation.end:run.start]
            if len(gap) > MAX_GAP or CONTEXT_RE["generic"].search(self.masked[prev.citation.end:run.start + 12]):
                return None
            if CONTEXT_RE["anaphor"].search(gap):
                return SUBJECT
            if _again(self.masked, prev.citation.end, run.start):   # "...; tiếp tục thực hiện", ", trong đó"
                return self.first_actor
            if CONTEXT_RE["coordinated"].search(gap) and id(prev) in governing:
                return governing[id(prev)][0]
            return prev.key
        gap = self.masked[prev.end if prev is not None else self.clause_start:run.start]
        if CONTEXT_RE["anaphor"].search(gap):
            return SUBJECT
        if prev is not None and CONTEXT_RE["coordinated"].search(gap):     # "nghiên cứu ... và triển khai X"
            return self.actors.get(id(prev))
        if CONTEXT_RE["generic"].search(gap) or self.clause_excluded or (prev is not None and prev.role == "basis"):
            return None
        return self.actors.get(id(prev)) if prev is not None else SUBJECT

    def _targets(self, items: list, i: int) -> list[Mention]:
        """The mentions after run ``i``: the first, then those a list joins to it."""
        out, last = [], items[i].end if items[i] is not self.carried else self.clause_start
        for item in items[i + 1:]:
            if isinstance(item, Run):
                break
            gap = self.masked[last:item.citation.start]
            listed = CONTEXT_RE["listed"].search(gap) if out else None
            if not out and items[i].role == "typed" and items[i] is not self.carried and len(gap) > FIRST_GAP \
                    and not (items[i].type in (AMENDS, REPEALS, REPLACES) and CONTEXT_RE["provisions"].search(gap)):
                break
            if len(gap) > MAX_GAP or (out and not listed) or (
                    out and CONTEXT_RE["generic"].search(gap) and not CONTEXT_RE["namely"].search(listed.group())):
                break
            out.append(item)
            last = item.citation.end
        return out

    def _passive(self, items: list, i: int, governing: dict) -> None:
        """``A được sửa đổi bởi B (và C)``: B and C act on A, and inherit what governs A
        (``Căn cứ A được sửa đổi bởi B``: BASED_ON B too), except an amendment of A.
        ``Nghị định A quy định chi tiết Luật X, được sửa đổi bởi Nghị định B``: a decree amends
        a decree, so A (described by its detailing X) is the one amended."""
        run = items[i]
        prev = next((x for x in items[:i][::-1] if isinstance(x, Mention)), None)
        if prev is None or prev.citation.end < run.start - MAX_GAP or any(
                isinstance(x, Run) and governing_targets(x, governing) for x in items[items.index(prev):i]):
            return
        gov = governing.get(id(prev))
        agents = self._targets(items, i)
        if gov and gov[3] is not None and gov[1] in (GUIDES, IMPLEMENTS) and agents and \
                _type(agents[0]) != _type(prev) and _type(agents[0]) == _type(gov[3]):
            prev, gov = gov[3], governing.get(id(gov[3]))
        for a in agents:
            self._relate(a.key, run, prev)
            if gov is not None:
                governing[id(a)] = gov
                actor, rel, by, _ = gov
                if rel not in (CITES, AMENDS) and actor is not None:
                    self._relate(actor, by, a)

    def _on_effect(self, items: list, i: int) -> None:
        """``A (và B) hết hiệu lực kể từ ngày C / Nghị định này có hiệu lực``: C REPEALS A and B."""
        run = items[i]
        inside = [m for m in items if isinstance(m, Mention) and run.start <= m.citation.start < run.end]
        if inside:
            actor = inside[0].key
        elif CONTEXT_RE["anaphor"].search(self.masked, run.start, run.end):
            actor = SUBJECT
        else:
            return
        for m in items[:i]:
            if isinstance(m, Mention):
                self._relate(actor, run, m)

    def _relate(self, actor: str, run: Run, target: Mention) -> None:
        if actor == SUBJECT:
            if self.subject is None:
                return
            self.found.append(self._tuple(self.subject.key, run.type, target, f"subject:{run.cue}"))
        else:
            self.found.append(self._tuple(actor, run.type, target, f"phrase:{run.cue}"))

    def _tuple(self, source: str, rel: str, m: Mention, rule: str) -> tuple:
        c = m.citation
        return (source, rel, m.key, c.start, c.end, sentence_at(self.text, c.start, c.end), rule)


def _again(masked: str, start: int, end: int) -> bool:
    """``; tiếp tục ...`` (a new clause, not a title going on: ``...; quy định chi tiết ...``) or
    ``, trong đó``."""
    if CONTEXT_RE["in_which"].search(masked, start, end):
        return True
    return any(not CONTEXT_RE["title_goes_on"].match(masked, k + 1, k + 30) for k in range(start, end)
               if masked[k] == ";")


def governing_targets(run: Run, governing: dict) -> bool:
    """Whether ``run`` governs any mention (a run between a patient and its passive cue that
    governs nothing is a description: ``Thông tư A hướng dẫn về ..., được sửa đổi tại B``)."""
    return any(v[2] is run for v in governing.values())


def _type(m: Mention) -> str:
    return (m.citation.type or "").lower()


__all__ = ["Reader", "SUBJECT", "MASK"]
