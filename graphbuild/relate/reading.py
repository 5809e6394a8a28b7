"""Reading one document: its clauses, the cues in each clause, and the mentions around them.

The text is read with every mention blanked out (``masked``), so that the words of an
instrument's name (``Luật sửa đổi, bổ sung ...``) are never taken for a cue.  A clause is
read as a sequence of mentions and *runs* (cues with nothing but a few words between them:
``tổng kết 15 năm thực hiện`` is one run, REVIEWS).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from graphbuild.graph.vocab import AMENDS, CITES, REPEALS, REPLACES, REVIEWS
from graphbuild.relate.cues import CONTEXT, CONTEXT_RE, CUE_RE, TYPED_ORDER, cue_row
from graphbuild.resolve.resolver import Mention

MASK = "\x00"         # stands for a mention
RUN_GAP = 60            # characters between two cues of one run
_SENTENCE_END = re.compile(CONTEXT["preamble_line"] + r"|[.!?…]+[\"”’)*]*(?=\s+[\"“(*#]*[A-ZĐÀ-Ỹ0-9])|\n[ \t\r]*\n|(?<=[.!?*|])[ \t\r]*\n")


@dataclass(frozen=True, slots=True)
class Run:
    """Cues read together: the relation they name, and how."""

    start: int
    end: int
    role: str            # typed | basis | on_effect | cites (rule, issue, proposal, passive w/o agent)
    type: str            # the relation named (CITES for no relation)
    cue: str             # the words, squeezed
    passive: bool = False


@dataclass
class Clause:
    start: int
    end: int
    items: list = field(default_factory=list)     # Mention | Run, in text order
    ends_with: str = ""                            # ";" ":" or ""


def mask(text: str, mentions: list[Mention]) -> str:
    """``text`` with every mention replaced by :data:`MASK` (offsets kept)."""
    chars = list(text)
    for m in mentions:
        c = m.citation
        chars[c.start:c.end] = MASK * (c.end - c.start)
    return "".join(chars)


def clause_spans(masked: str) -> list[tuple[int, int, str]]:
    """``(start, end, ends_with)`` of the clauses: sentences, cut at ``;`` (unless a lower-case
    word goes on, as inside a title) and at a ``:`` or ``;`` that ends a line."""
    cuts: list[tuple[int, str]] = [(m.end(), "") for m in _SENTENCE_END.finditer(masked)]
    for m in re.finditer(r"[;:]", masked):
        rest = masked[m.end():m.end() + 40]
        nxt = rest.lstrip(" \t*_")
        if (not nxt or nxt[0] == "\n") and not (m.group() == ";" and nxt.lstrip()[:1].islower()):
            cuts.append((m.end(), m.group()))
        elif m.group() == ";" and not nxt.lstrip()[:1].islower():
            cuts.append((m.end(), ";"))
    spans, start = [], 0
    for pos, mark in sorted(set(cuts)):
        if pos > start:
            spans.append((start, pos, mark))
            start = pos
    if start < len(masked):
        spans.append((start, len(masked), ""))
    return spans


def read_clauses(text: str, masked: str, mentions: list[Mention]) -> list[Clause]:
    """The clauses of the text that hold at least one mention, with their items."""
    clauses = []
    ordered = sorted(mentions, key=lambda m: m.citation.start)
    i = 0
    for start, end, mark in clause_spans(masked):
        inside = []
        while i < len(ordered) and ordered[i].citation.start < end:
            if ordered[i].citation.start >= start:
                inside.append(ordered[i])
            i += 1
        # cues matter around mentions, and before a list a ":" opens
        runs = read_runs(masked, start, end) if inside or mark == ":" else []
        items = sorted(inside + runs, key=_item_start)
        clauses.append(Clause(start, end, items, mark))
    return clauses


def _item_start(item) -> int:
    return item.citation.start if isinstance(item, Mention) else item.start


def read_runs(masked: str, start: int, end: int) -> list[Run]:
    """The runs of cues between ``start`` and ``end``."""
    groups: list[list[re.Match]] = []
    skip_to = start
    for m in CUE_RE.finditer(masked, start, end):
        if m.start() < skip_to:
            continue
        role, _ = cue_row(m)
        if role == "other":
            continue
        if groups and groups[-1] and role not in ("on_effect", "basis") and _joins(masked, groups[-1][-1], m):
            groups[-1].append(m)
        else:
            groups.append([m])
        if role == "typed":
            agent = CONTEXT_RE["agent"].match(masked, m.end(), end)
            if agent and _passive_ok(masked, groups[-1][0].start(), agent):
                skip_to = agent.end()
                groups[-1].append(agent)
                groups.append([])          # nothing joins a passive run
    return [_run(masked, g) for g in groups if g]


def _joins(masked: str, prev: re.Match, m: re.Match) -> bool:
    if prev.re is not CUE_RE or cue_row(prev)[0] == "on_effect":
        return False
    gap = masked[prev.end():m.start()]
    if not gap.strip(" ,\t"):
        return True
    if len(gap) > RUN_GAP or MASK in gap or CONTEXT_RE["generic"].search(gap) or CONTEXT_RE["anaphor"].search(gap):
        return False
    # "tổng kết ... và 15 năm thi hành": a review of the implementation, still one run
    return not CONTEXT_RE["run_break"].search(gap) or cue_row(prev)[1] == REVIEWS


def _passive_ok(masked: str, run_start: int, agent: re.Match) -> bool:
    """``bởi`` marks the agent alone; ``tại/theo/bằng`` only after ``được``/``bị``."""
    if CONTEXT_RE["by_agent"].search(agent.group()):
        return True
    return bool(CONTEXT_RE["passive"].search(masked[max(0, run_start - 25):run_start]))


def _run(masked: str, group: list[re.Match]) -> Run:
    start, end = group[0].start(), group[-1].end()
    cue = " ".join(masked[start:end].split()).lower()
    passive = group[-1].re is not CUE_RE
    roles = [cue_row(m) for m in group if m.re is CUE_RE]
    typed = [rel for role, rel in roles if role == "typed"]
    kinds = {role for role, _ in roles}
    if "on_effect" in kinds:
        return Run(start, end, "on_effect", roles[0][1], cue)
    if "not_yet" in kinds and typed:
        return Run(start, end, "cites", CITES, cue)
    rules = [m for m in group if m.re is CUE_RE and cue_row(m)[0] == "rule"]
    located = len(rules) == 1 and rules[0].group().lower().startswith("quy định tại")  # "sửa đổi X quy định tại Y"
    if typed and not passive and roles[-1][0] in ("rule", "issue") and not (
            located and min(typed, key=TYPED_ORDER.index) in (AMENDS, REPLACES, REPEALS)):
        return Run(start, end, "cites", CITES, cue)
    if typed and not passive and CONTEXT_RE["no_object"].match(masked, end, end + 3) and "on_effect" not in kinds:
        return Run(start, end, "cites", CITES, cue)       # "hợp đồng đang thực hiện, ...": no object
    if typed:
        best = min(typed, key=TYPED_ORDER.index)
        if not passive and CONTEXT_RE["passive"].search(masked[max(0, start - 12):start]):
            return Run(start, end, "cites", CITES, cue)      # "được sửa đổi" with no agent named
        return Run(start, end, "typed", best, cue, passive)
    if "basis" in kinds and roles[0][0] == "basis":
        return Run(start, end, "basis", roles[0][1], cue)
    return Run(start, end, "cites", CITES, cue)
