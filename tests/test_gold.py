"""Score the parser against the gold citations of ``../shared/corpus``.

The corpus lives outside the repository (it is third-party text); the tests skip
when it is absent.  The last tests check that the scorer itself can fail, on a tiny
fake gold directory.
"""

from __future__ import annotations

import json
from functools import partial
from pathlib import Path

import pytest

from graphbuild import get_citations
from graphbuild.evaluate.citations import error_report, score_dir
from graphbuild.parse.tokenizers import AhoCorasickTokenizer, RegexTokenizer

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"

needs_corpus = pytest.mark.skipif(
    not (CORPUS / "dev" / "gold").is_dir() or not (CORPUS / "seeds" / "gold").is_dir(),
    reason=f"gold corpus not found at {CORPUS} (expected dev/gold and seeds/gold)",
)


def _extractor(name: str):
    if name == "aho-corasick":
        try:
            return partial(get_citations, tokenizer=AhoCorasickTokenizer())
        except ImportError:                          # pragma: no cover
            pytest.skip("ahocorasick_rs is not installed")
    return partial(get_citations, tokenizer=RegexTokenizer())


TOKENIZERS = ["aho-corasick", "regex"]


def _explain(score, limit: int = 4000) -> str:
    figures = {k: round(v, 4) if isinstance(v, float) else v for k, v in score.figures.items()}
    return f"{figures}\n{error_report(score)[:limit]}"


# Minimum figures per gold set: the brief's for dev; seeds are five long reports.
THRESHOLDS = {
    "dev": {"precision": 0.97, "recall": 0.97, "strict_f1": 0.95},
    "seeds": {"precision": 0.9, "recall": 0.95},
}


@needs_corpus
@pytest.mark.parametrize("tokenizer_name", TOKENIZERS)
@pytest.mark.parametrize("gold_set", THRESHOLDS)
def test_gold_set_scores(gold_set, tokenizer_name):
    score = score_dir(CORPUS / gold_set, extract=_extractor(tokenizer_name))
    f = score.figures
    assert f["files"] > 0 and f["gold"] > 0
    for figure, minimum in THRESHOLDS[gold_set].items():
        assert f[figure] >= minimum, _explain(score)


# --- the scorer can fail -------------------------------------------------------------

def _fake_corpus(root: Path, passage: str, citations: list[dict]) -> Path:
    (root / "passages").mkdir()
    (root / "gold").mkdir()
    (root / "passages" / "p.txt").write_text(passage, encoding="utf-8")
    (root / "gold" / "p.txt.gold.json").write_text(
        json.dumps({"file": "p.txt", "citations": citations}, ensure_ascii=False),
        encoding="utf-8")
    return root


def _gold(passage: str, text: str, **fields) -> dict:
    start = passage.index(text)
    return {"start": start, "end": start + len(text), "text": text, **fields}


def test_scorer_reports_a_missed_citation(tmp_path):
    passage = "Hôm nay trời đẹp, mọi người đi làm đúng giờ."
    gold = _gold(passage, "mọi người", kind="state", type="Nghị quyết", number="1",
                 symbol="01/2020/NQ-CP", year=2020)
    score = score_dir(_fake_corpus(tmp_path, passage, [gold]))
    f = score.figures
    assert f["files"] == 1 and f["gold"] == 1
    assert f["matched"] == 0
    assert f["recall"] < 1
    assert f["strict_f1"] < 1


def test_scorer_reports_a_false_positive(tmp_path):
    passage = "Thực hiện Nghị quyết số 49-NQ/TW của Bộ Chính trị."
    score = score_dir(_fake_corpus(tmp_path, passage, []))
    f = score.figures
    assert f["predicted"] >= 1
    assert f["precision"] < 1


def test_scorer_reports_a_field_error(tmp_path):
    passage = "Thực hiện Nghị quyết số 49-NQ/TW của Bộ Chính trị."
    gold = _gold(passage, "Nghị quyết số 49-NQ/TW", kind="party", type="Nghị quyết",
                 number="50", symbol="50-NQ/TW", year=None)
    score = score_dir(_fake_corpus(tmp_path, passage, [gold]))
    f = score.figures
    assert f["recall"] == 1.0            # the span matches...
    assert f["strict_f1"] < 1            # ...but the number and symbol do not


def test_tokenizers_agree_on_real_bulk_documents():
    """Both type-word strategies give the same citations on real text (a bulk sample)."""
    import gzip
    import json
    from itertools import islice

    from graphbuild import get_citations
    from graphbuild.parse.tokenizers import AhoCorasickTokenizer, RegexTokenizer

    from .conftest import shared_path

    bulk = shared_path("bulk.jsonl.gz")
    fast, plain = AhoCorasickTokenizer(), RegexTokenizer()
    with gzip.open(bulk, "rt", encoding="utf-8") as f:
        for line in islice(f, 400):
            text = json.loads(line)["text"]
            assert get_citations(text, fast) == get_citations(text, plain)


def test_find_symbols_equals_a_plain_window_scan_on_real_text():
    """find_symbols tries only where a symbol may begin; the plain scan of the window by
    ``SYMBOL.finditer`` finds the same symbols (a bulk sample)."""
    import gzip
    import json
    from itertools import islice

    from graphbuild.parse import regexes as rx
    from graphbuild.parse.find import find_symbols

    from .conftest import shared_path

    def plain(norm):
        found, last_end = {}, 0
        for anchor in rx.SYMBOL_ANCHOR.finditer(norm):
            k = anchor.start()
            if k < last_end:
                continue
            for m in rx.SYMBOL.finditer(norm, max(last_end, k - rx.SYMBOL_REACH), anchor.end() + 40):
                if m.start() <= k < m.end():
                    found[m.start()] = m
                    last_end = m.end()
                    break
        return found

    with gzip.open(shared_path("bulk.jsonl.gz"), "rt", encoding="utf-8") as f:
        for line in islice(f, 0, 3000, 3):
            text = json.loads(line)["text"]
            assert {k: m.span() for k, m in find_symbols(text).items()} == \
                {k: m.span() for k, m in plain(text).items()}
