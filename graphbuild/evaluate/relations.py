"""Score the relations between instruments against gold (``../shared/corpus/RELATIONS.md``).

Each document is built alone, through the same pipeline and graph builder as ``build``.
A predicted instrument (a graph node) is matched to the gold instrument(s) whose mention
spans overlap the spans of its citations in that document; a predicted relation is right
when its source and target are matched to the gold relation's instruments (and, typed, when
the type is the same).  Instruments are also counted as missed (no node), split (one gold
instrument, several nodes) or merged (one node, several gold instruments).
"""

from __future__ import annotations

import json
import random
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from graphbuild.graph.builder import INSTRUMENT, build_graph
from graphbuild.models import Document
from graphbuild.pipeline import DocResult, analyse_document
from graphbuild.resolve.sentences import sentence_at
from graphbuild.resolve.catalog import Catalog

CITES = "CITES"


@dataclass
class DocScore:
    file: str
    gold: set                       # {(source id, type, target id)}
    predicted: set                  # gold-id triples (None for an unmatched instrument)
    evidence: dict                  # predicted triple -> sentence
    gold_subject: str | None
    gold_kind: str | None
    subject: str | None             # gold id of the predicted subject ("?" unmatched)
    kind: str | None
    instruments: int
    missed: list = field(default_factory=list)     # gold keys
    split: list = field(default_factory=list)      # (gold key, [node keys])
    merged: list = field(default_factory=list)     # (node key, [gold keys])
    text: str = ""
    gold_doc: dict = field(default_factory=dict)

    @property
    def subject_right(self) -> bool:
        return self.subject == self.gold_subject

    @property
    def kind_right(self) -> bool:
        return self.subject_right and (self.gold_subject is None or self.kind == self.gold_kind)


def _prf(tp: int, p: int, g: int) -> dict:
    prec = tp / p if p else 1.0
    rec = tp / g if g else 1.0
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    return {"tp": tp, "predicted": p, "gold": g, "precision": prec, "recall": rec, "f1": f1}


def _untyped(triples: set) -> set:
    # "any relation between the same two instruments": the pair, either way round.
    return {frozenset((s, t)) for s, _, t in triples}


def _typed_no_cites(triples: set) -> set:
    return {x for x in triples if x[1] != CITES}


@dataclass
class RelationScore:
    docs: list[DocScore]

    def _figures(self, view: Callable[[set], set]) -> dict:
        tp = p = g = 0
        for d in self.docs:
            gold, pred = view(d.gold), view(d.predicted)
            tp, p, g = tp + len(gold & pred), p + len(pred), g + len(gold)
        return _prf(tp, p, g)

    @property
    def figures(self) -> dict:
        n = len(self.docs)
        return {
            "documents": n,
            "typed": self._figures(lambda x: x),
            "typed_without_cites": self._figures(_typed_no_cites),
            "untyped": self._figures(_untyped),
            "subject_accuracy": sum(d.subject_right for d in self.docs) / n if n else 1.0,
            "subject_kind_accuracy": sum(d.kind_right for d in self.docs) / n if n else 1.0,
            "instruments": sum(d.instruments for d in self.docs),
            "missed": sum(len(d.missed) for d in self.docs),
            "split": sum(len(d.split) for d in self.docs),
            "merged": sum(len(d.merged) for d in self.docs),
            "per_type": self.per_type(),
        }

    def per_type(self) -> dict:
        out = {}
        types = sorted({t for d in self.docs for _, t, _ in d.gold | d.predicted})
        for rel in types:
            out[rel] = self._figures(lambda x, rel=rel: {y for y in x if y[1] == rel})
        return out

    def confusion(self) -> Counter:
        """``(gold type or "-", predicted type or "-")`` counts over directed pairs."""
        c: Counter = Counter()
        for d in self.docs:
            gold, pred = _by_pair(d.gold), _by_pair(d.predicted)
            for pair in set(gold) | set(pred):
                gt, pt = gold.get(pair, set()), pred.get(pair, set())
                for t in gt & pt:
                    c[(t, t)] += 1
                extra_g, extra_p = sorted(gt - pt), sorted(pt - gt)
                for i in range(max(len(extra_g), len(extra_p))):
                    c[(extra_g[i] if i < len(extra_g) else "-",
                       extra_p[i] if i < len(extra_p) else "-")] += 1
        return c


def _by_pair(triples: set) -> dict:
    out: dict = {}
    for s, t, o in triples:
        out.setdefault((s, o), set()).add(t)
    return out


def _overlaps(spans, start: int, end: int) -> bool:
    return any(min(e, end) - max(s, start) > 0 for s, e in spans)


def score_document(text: str, gold: dict, result: DocResult) -> DocScore:
    """Compare one document's result (built alone into a graph) with its gold."""
    g = build_graph([result])
    spans: dict[str, list] = {}
    for m in result.mentions:
        spans.setdefault(m.key, []).append((m.start, m.end))
    gold_insts = gold["instruments"]
    node_gold: dict[str, set] = {}
    for key, sp in spans.items():
        node_gold[key] = {gi["id"] for gi in gold_insts
                          if any(_overlaps(gi["spans"], s, e) for s, e in sp)}
    gold_nodes: dict[str, set] = {gi["id"]: {k for k, ids in node_gold.items() if gi["id"] in ids}
                                  for gi in gold_insts}
    gkey = {gi["id"]: gi["key"] for gi in gold_insts}
    gold_rel = {(r["source"], r["type"], r["target"]) for r in gold["relations"]}
    predicted, evidence = set(), {}
    for u, v, k, data in g.edges(keys=True, data=True):
        if g.nodes[u].get("label") != INSTRUMENT or g.nodes[v].get("label") != INSTRUMENT:
            continue
        triple = _gold_triple(node_gold.get(g.nodes[u]["key"], set()), k,
                              node_gold.get(g.nodes[v]["key"], set()), gold_rel,
                              g.nodes[u]["key"], g.nodes[v]["key"])
        predicted.add(triple)
        ev = data["evidence"][0] if data["evidence"] else {}
        evidence.setdefault(triple, ev.get("sentence", ""))
    subject = None
    if result.about is not None:
        ids = node_gold.get(result.about, set())
        subject = min(ids) if len(ids) == 1 else (gold["subject"] if gold.get("subject") in ids else "?")
    return DocScore(
        file=gold["file"], gold=gold_rel, predicted=predicted, evidence=evidence,
        gold_subject=gold.get("subject"), gold_kind=gold.get("subject_kind"),
        subject=subject, kind=getattr(result, "about_kind", None), instruments=len(gold_insts),
        missed=[gkey[i] for i, nodes in gold_nodes.items() if not nodes],
        split=[(gkey[i], sorted(nodes)) for i, nodes in gold_nodes.items() if len(nodes) > 1],
        merged=[(k, sorted(gkey[i] for i in ids)) for k, ids in node_gold.items() if len(ids) > 1],
        text=text, gold_doc=gold,
    )


def _gold_triple(src_ids: set, rel: str, dst_ids: set, gold_rel: set, src_key: str, dst_key: str):
    """The gold-id triple a predicted edge stands for; a node over several gold instruments
    takes the one that makes a gold relation, if any. Unmatched ends keep the node key."""
    for s in sorted(src_ids):
        for t in sorted(dst_ids):
            if (s, rel, t) in gold_rel:
                return (s, rel, t)
    return (min(src_ids) if src_ids else f"?{src_key}", rel,
            min(dst_ids) if dst_ids else f"?{dst_key}")


def gold_pairs(rel_dir: str | Path) -> list[tuple[Path, Path]]:
    """``(gold file, document)`` pairs of a relation gold folder (``gold/*.rel.json``, ``docs/``)."""
    rel_dir = Path(rel_dir)
    gold_dir = rel_dir / "gold" if (rel_dir / "gold").is_dir() else rel_dir
    pairs = []
    for gold_path in sorted(gold_dir.glob("*.rel.json")):
        name = json.loads(gold_path.read_text(encoding="utf-8"))["file"]
        for candidate in (gold_dir.parent / "docs" / name, gold_dir / name):
            if candidate.exists():
                pairs.append((gold_path, candidate))
                break
        else:
            raise FileNotFoundError(f"{gold_path}: document {name} not found")
    if not pairs:
        raise FileNotFoundError(f"{gold_dir}: no *.rel.json gold files")
    return pairs


def split_pairs(pairs: list, seed: int = 16, fraction: float = 1 / 3) -> tuple[list, list]:
    """``(tuning, held_out)``: a fixed random ``fraction`` of the documents set aside."""
    names = sorted(p[1].name for p in pairs)
    held = set(random.Random(seed).sample(names, round(len(names) * fraction)))
    return [p for p in pairs if p[1].name not in held], [p for p in pairs if p[1].name in held]


def score_relations(rel_dir: str | Path, catalog: Catalog | None = None,
                    subset: str = "all", seed: int = 16,
                    analyse: Callable[[Document, Catalog], DocResult] = analyse_document) -> RelationScore:
    """Score every gold document of ``rel_dir``; ``subset``: all | tuning | held-out."""
    pairs = gold_pairs(rel_dir)
    if subset != "all":
        tuning, held = split_pairs(pairs, seed)
        pairs = held if subset == "held-out" else tuning
    catalog = catalog if catalog is not None else Catalog.load()
    docs = []
    for gold_path, doc_path in pairs:
        text = doc_path.read_text(encoding="utf-8")
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        result = analyse(Document(id=doc_path.name, text=text, path=str(doc_path)), catalog)
        docs.append(score_document(text, gold, result))
    return RelationScore(docs)


def relation_report(score: RelationScore) -> str:
    """Figures, the confusion table and the instrument errors, as text."""
    f = score.figures
    lines = [f"{f['documents']} documents, {f['instruments']} gold instruments: "
             f"{f['missed']} missed, {f['split']} split over several nodes, {f['merged']} merged"]
    for name in ("typed", "typed_without_cites", "untyped"):
        x = f[name]
        lines.append(f"{name + ':':21s}P={x['precision']:.3f}  R={x['recall']:.3f}  F1={x['f1']:.3f}"
                     f"   ({x['tp']} right of {x['predicted']} predicted, {x['gold']} gold)")
    lines.append(f"subject:             {f['subject_accuracy']:.3f}   "
                 f"(with self/reported: {f['subject_kind_accuracy']:.3f})")
    lines.append("per type:            " + "  ".join(
        f"{t} {x['tp']}/{x['predicted']}p/{x['gold']}g" for t, x in f["per_type"].items()))
    lines.append("confusion (gold -> predicted, '-' none):")
    for (gt, pt), n in sorted(score.confusion().items()):
        if gt != pt:
            lines.append(f"  {gt:>10s} -> {pt:<10s} {n}")
    return "\n".join(lines)


def error_report(score: RelationScore) -> str:
    """Every missed and false relation with its sentence, subject and instrument errors."""
    lines = []
    for d in score.docs:
        key = {gi["id"]: gi["key"] for gi in d.gold_doc["instruments"]}
        spans = {gi["id"]: gi["spans"] for gi in d.gold_doc["instruments"]}

        def name(i):
            return key.get(i, i)

        if not d.subject_right or not d.kind_right:
            lines.append(f"SUBJECT {d.file}: gold {name(d.gold_subject)} ({d.gold_kind}), "
                         f"predicted {name(d.subject)} ({d.kind})")
        for k in d.missed:
            lines.append(f"MISSED {d.file}: {k}")
        for k, nodes in d.split:
            lines.append(f"SPLIT {d.file}: {k} -> {nodes}")
        for k, gold_keys in d.merged:
            lines.append(f"MERGED {d.file}: {k} <- {gold_keys}")
        for s, t, o in sorted(d.gold - d.predicted, key=str):
            first = spans.get(o, [[0, 0]])[0]
            lines.append(f"FN {d.file}: {name(s)} -{t}-> {name(o)} | "
                         f"{sentence_at(d.text, first[0], first[1])}")
        for s, t, o in sorted(d.predicted - d.gold, key=str):
            lines.append(f"FP {d.file}: {name(s)} -{t}-> {name(o)} | {d.evidence.get((s, t, o), '')}")
    return "\n".join(lines)
