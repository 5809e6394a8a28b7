"""The relation scorer, on documents written for the test (known answers), and on the gold."""

import json
from dataclasses import replace
from pathlib import Path


from graphbuild.evaluate.relations import error_report, gold_pairs, score_relations, split_pairs
from graphbuild.pipeline import analyse_document
from graphbuild.relate.relations import Relation

TEXT = ("Số: 15/2024/NĐ-CP\n\nNGHỊ ĐỊNH\n\nCăn cứ Luật Tổ chức Chính phủ ngày 19 tháng 6 năm 2015;\n\n"
        "Nghị định này thay thế Nghị định số 51/2010/NĐ-CP và bãi bỏ Thông tư số 64/2013/TT-BTC.\n")


def _analyser(relations, about="15/2024/NĐ-CP", kind="self"):
    """The real pipeline's mentions, with the relations and subject the test chooses."""
    def analyse(doc, catalog):
        r = analyse_document(doc, catalog)
        rels = tuple(Relation(s, t, o, 0, 0, "", "test") for s, t, o in relations)
        return replace(r, relations=rels, about=about, about_kind=kind)
    return analyse


RIGHT = [("15/2024/NĐ-CP", "BASED_ON", "named:luat-to-chuc-chinh-phu@2015"),
         ("15/2024/NĐ-CP", "REPLACES", "51/2010/NĐ-CP"), ("15/2024/NĐ-CP", "REPEALS", "64/2013/TT-BTC")]


def _span(text, s):
    i = text.index(s)
    return [i, i + len(s)]


def _write(tmp_path: Path, relations, subject="i1", kind="self", extra=()):
    (tmp_path / "docs").mkdir()
    (tmp_path / "gold").mkdir()
    (tmp_path / "docs" / "a.txt").write_text(TEXT, encoding="utf-8")
    insts = [{"id": "i1", "key": "15/2024/NĐ-CP", "spans": [_span(TEXT, "15/2024/NĐ-CP")]},
             {"id": "i2", "key": "Luật Tổ chức Chính phủ", "spans": [_span(TEXT, "Luật Tổ chức Chính phủ")]},
             {"id": "i3", "key": "51/2010/NĐ-CP", "spans": [_span(TEXT, "Nghị định số 51/2010/NĐ-CP")]},
             {"id": "i4", "key": "64/2013/TT-BTC", "spans": [_span(TEXT, "Thông tư số 64/2013/TT-BTC")]},
             *extra]
    gold = {"file": "a.txt", "instruments": insts, "subject": subject, "subject_kind": kind,
            "relations": [{"source": s, "type": t, "target": o, "cue": None} for s, t, o in relations]}
    (tmp_path / "gold" / "a.rel.json").write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")


def test_perfect_document_scores_one(tmp_path):
    _write(tmp_path, [("i1", "BASED_ON", "i2"), ("i1", "REPLACES", "i3"), ("i1", "REPEALS", "i4")])
    f = score_relations(tmp_path, analyse=_analyser(RIGHT)).figures
    for view in ("typed", "typed_without_cites", "untyped"):
        assert (f[view]["precision"], f[view]["recall"]) == (1.0, 1.0), view
    assert f["subject_accuracy"] == 1.0 and f["subject_kind_accuracy"] == 1.0
    assert (f["missed"], f["split"], f["merged"]) == (0, 0, 0)


def test_wrong_type_counts_typed_not_untyped(tmp_path):
    _write(tmp_path, [("i1", "BASED_ON", "i2"), ("i1", "AMENDS", "i3"), ("i1", "REPEALS", "i4")])
    s = score_relations(tmp_path, analyse=_analyser(RIGHT))
    f = s.figures
    assert f["typed"]["tp"] == 2 and f["typed"]["predicted"] == 3 and f["typed"]["gold"] == 3
    assert f["untyped"]["tp"] == 3
    assert s.confusion()[("AMENDS", "REPLACES")] == 1
    report = error_report(s)
    assert "FN a.txt: 15/2024/NĐ-CP -AMENDS-> 51/2010/NĐ-CP" in report
    assert "FP a.txt: 15/2024/NĐ-CP -REPLACES-> 51/2010/NĐ-CP | " in report


def test_missed_instrument_and_wrong_subject(tmp_path):
    # a gold instrument the parser cannot see (no citation there), and a null gold subject
    extra = [{"id": "i5", "key": "ghost", "spans": [_span(TEXT, "NGHỊ ĐỊNH\n")]}]
    _write(tmp_path, [], subject=None, kind=None, extra=extra)
    f = score_relations(tmp_path, analyse=_analyser(RIGHT[:1])).figures
    assert f["missed"] == 1 and f["subject_accuracy"] == 0.0
    assert f["typed"]["predicted"] == 1 and f["typed"]["recall"] == 1.0 and f["typed"]["precision"] == 0.0


def test_held_out_split_is_fixed_and_a_third():
    root = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "relations"
    if not root.is_dir():
        root = Path("/work/shared/corpus/relations")
    pairs = gold_pairs(root)
    tuning, held = split_pairs(pairs)
    assert len(held) == round(len(pairs) / 3) and not {p[1] for p in tuning} & {p[1] for p in held}
    assert split_pairs(pairs) == (tuning, held)


# Whole-set figures reached on ../shared/corpus/relations (README, relation section), pinned
# from below with a small margin: a later change cannot silently lose them.
# Reached: typed 0.960, without CITES 0.962, untyped 0.969, subject 0.964 (and its kind 0.964).
FLOOR = {"typed": 0.95, "typed_without_cites": 0.955, "untyped": 0.96, "subject_accuracy": 0.955,
         "subject_kind_accuracy": 0.955}


def _gold_root():
    root = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "relations"
    return root if root.is_dir() else Path("/work/shared/corpus/relations")


def test_whole_set_figures_do_not_drop():
    import pytest
    root = _gold_root()
    if not (root / "gold").is_dir():
        pytest.skip("no relation gold here")
    f = score_relations(root).figures
    got = {k: (f[k]["f1"] if isinstance(f[k], dict) else f[k]) for k in FLOOR}
    assert all(got[k] >= FLOOR[k] for k in FLOOR), got
