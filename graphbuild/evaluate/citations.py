"""Score extraction against gold files (format: ``../shared/corpus/ANNOTATION.md``).

Span figures count a prediction as right when it overlaps a gold citation
(one-to-one, largest overlap first).  Strict figures also require the same
``number``, ``symbol`` and ``year``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from graphbuild.parse.find import get_citations

STRICT_FIELDS = ("number", "symbol", "year")


@dataclass
class FileScore:
    file: str
    gold: int
    predicted: int
    matched: int
    strict: int
    false_positives: list = field(default_factory=list)   # predicted dicts
    false_negatives: list = field(default_factory=list)   # gold dicts
    field_errors: list = field(default_factory=list)      # (gold, predicted)


@dataclass
class Score:
    files: list[FileScore]

    def _sum(self, attr: str) -> int:
        return sum(getattr(f, attr) for f in self.files)

    @property
    def figures(self) -> dict:
        g, p, m, s = (self._sum(a) for a in ("gold", "predicted", "matched", "strict"))
        return {
            "files": len(self.files), "gold": g, "predicted": p, "matched": m,
            "precision": _ratio(m, p), "recall": _ratio(m, g), "f1": _f1(m, p, g),
            "strict_precision": _ratio(s, p), "strict_recall": _ratio(s, g),
            "strict_f1": _f1(s, p, g),
        }


def _ratio(a: int, b: int) -> float:
    return a / b if b else 1.0


def _f1(tp: int, p: int, g: int) -> float:
    prec, rec = _ratio(tp, p), _ratio(tp, g)
    return 2 * prec * rec / (prec + rec) if prec + rec else 0.0


def match(gold: list[dict], predicted: list[dict]) -> list[tuple[int, int]]:
    """One-to-one pairs ``(gold index, predicted index)`` of overlapping spans."""
    pairs = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(predicted):
            overlap = min(g["end"], p["end"]) - max(g["start"], p["start"])
            if overlap > 0:
                pairs.append((overlap, gi, pi))
    pairs.sort(key=lambda t: (-t[0], t[1], t[2]))
    used_g, used_p, result = set(), set(), []
    for _, gi, pi in pairs:
        if gi not in used_g and pi not in used_p:
            used_g.add(gi)
            used_p.add(pi)
            result.append((gi, pi))
    return result


def score_file(gold: list[dict], predicted: list[dict], name: str = "") -> FileScore:
    pairs = match(gold, predicted)
    strict = [(gi, pi) for gi, pi in pairs
              if all(gold[gi].get(f) == predicted[pi].get(f) for f in STRICT_FIELDS)]
    matched_g = {gi for gi, _ in pairs}
    matched_p = {pi for _, pi in pairs}
    strict_set = set(strict)
    return FileScore(
        file=name, gold=len(gold), predicted=len(predicted), matched=len(pairs),
        strict=len(strict),
        false_positives=[p for i, p in enumerate(predicted) if i not in matched_p],
        false_negatives=[g for i, g in enumerate(gold) if i not in matched_g],
        field_errors=[(gold[gi], predicted[pi]) for gi, pi in pairs if (gi, pi) not in strict_set],
    )


def gold_files(gold_dir: Path) -> Iterable[tuple[Path, Path]]:
    """``(gold file, passage file)`` pairs; passages sit in ``../passages`` or ``..``."""
    for gold_path in sorted(gold_dir.glob("*.gold.json")):
        name = json.loads(gold_path.read_text(encoding="utf-8"))["file"]
        for candidate in (gold_dir.parent / "passages" / name, gold_dir.parent / name):
            if candidate.exists():
                yield gold_path, candidate
                break
        else:
            raise FileNotFoundError(f"{gold_path}: passage {name} not found")


def score_dir(gold_dir: str | Path,
              extract: Callable[[str], list] = get_citations) -> Score:
    """Score ``extract`` on every gold file of ``gold_dir`` (e.g. ``corpus/dev/gold``)."""
    gold_dir = Path(gold_dir)
    if (gold_dir / "gold").is_dir():
        gold_dir = gold_dir / "gold"
    files = []
    for gold_path, passage_path in gold_files(gold_dir):
        text = passage_path.read_text(encoding="utf-8")
        gold = json.loads(gold_path.read_text(encoding="utf-8"))["citations"]
        predicted = [c.to_dict() if hasattr(c, "to_dict") else c for c in extract(text)]
        fs = score_file(gold, predicted, passage_path.name)
        fs.text = text
        files.append(fs)
    if not files:                       # a wrong folder must not score a perfect 1.0
        raise FileNotFoundError(f"{gold_dir}: no such folder" if not gold_dir.is_dir()
                                else f"{gold_dir}: no *.gold.json gold files")
    return Score(files)


def error_report(score: Score, width: int = 50) -> str:
    """FP / FN / field errors with their context, for error analysis."""
    lines = []
    for f in score.files:
        text = getattr(f, "text", "")

        def ctx(d):
            s, e = d["start"], d["end"]
            return (text[max(0, s - width):s] + "[[" + text[s:e] + "]]" + text[e:e + width]).replace("\n", "⏎")

        for p in f.false_positives:
            lines.append(f"FP {f.file}: {ctx(p)}")
        for g in f.false_negatives:
            lines.append(f"FN {f.file}: {ctx(g)}")
        for g, p in f.field_errors:
            diff = {k: (g.get(k), p.get(k)) for k in STRICT_FIELDS if g.get(k) != p.get(k)}
            lines.append(f"FIELD {f.file}: {diff} {ctx(g)}")
    return "\n".join(lines)
