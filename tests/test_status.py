"""Legal status over time (graphbuild.graph.status): what replaced or repealed an instrument,
wholly or in part, from when; and what was in force at a date, as the corpus states it.

The small corpus in ``tests/status_corpus`` is written for these tests (three short texts of
our own): a decree that replaces another from a stated date, a circular that repeals part of
one circular and the whole of another, a news item whose replacement has no date, and an
instrument cited with no date at all.
"""

from __future__ import annotations

import networkx as nx
import pytest

from graphbuild.build import build_corpus
from graphbuild.graph import status
from graphbuild.graph.status import ENDED, IN_FORCE, NOT_YET, REASONS, UNKNOWN, bounds, read_sentence, verdict
from graphbuild.graph.vocab import (ENDED_ON, IN_PART_BY, LEGAL_HISTORY, REPEALED_BY, REPEALS, REPLACES,
                                    SUPERSEDED_BY, UNDATED_BY)

from .conftest import REPO

CORPUS = REPO / "tests" / "status_corpus"

# --- one evidence sentence: partial or whole, and the date it states ---------------------------

SENTENCES = [
    # (sentence, relation, target, source, partial, date)
    ("Bãi bỏ khoản 14 Điều 2 Thông tư số 63/2016/TT-BTC.", REPEALS, "63/2016/TT-BTC", "31/2019/TT-BTC",
     True, None),
    ("Bãi bỏ Thông tư số 40/2015/TT-BTC ngày 25 tháng 3 năm 2015.", REPEALS, "40/2015/TT-BTC", "31/2019/TT-BTC",
     False, None),
    ("Bãi bỏ toàn bộ Quyết định số 08/2025/QĐ-UBND.", REPEALS, "08/2025/QĐ-UBND", "79/2025/QĐ-UBND", False, None),
    ("Quyết định 79/2025/QĐ-UBND bãi bỏ một phần Quy định ban hành kèm theo Quyết định 09/2022/QĐ-UBND.",
     REPEALS, "09/2022/QĐ-UBND", "79/2025/QĐ-UBND", True, None),
    ("Nghị định này có hiệu lực thi hành kể từ ngày 15 tháng 4 năm 2020 và thay thế Nghị định số "
     "174/2013/NĐ-CP ngày 13 tháng 11 năm 2013.", REPLACES, "174/2013/NĐ-CP", "215/2020/NĐ-CP", False, "2020-04-15"),
    ("Thông tư số 40/2015/TT-BTC hết hiệu lực kể từ ngày 01/8/2019.", REPEALS, "40/2015/TT-BTC", "31/2019/TT-BTC",
     False, "2019-08-01"),
    ("Thông tư số 40/2015/TT-BTC hết hiệu lực kể từ ngày Thông tư này có hiệu lực thi hành.", REPEALS,
     "40/2015/TT-BTC", "31/2019/TT-BTC", False, None),
    ("Nghị định 63/2022/NĐ-CP hết hiệu lực một phần.", REPEALS, "63/2022/NĐ-CP", "41/2025/NĐ-CP", True, None),
    # the target's own start date is not the date of the act; the source's is
    ("(Điều 22 Nghị định số 168/2017/NĐ-CP, có hiệu lực thi hành kể từ ngày 01/01/2018, có nội dung bị bãi bỏ "
     "bởi Điều 5 Nghị định số 142/2018/NĐ-CP có hiệu lực thi hành kể từ ngày 09/10/2018)", REPEALS,
     "168/2017/NĐ-CP", "142/2018/NĐ-CP", True, "2018-10-09"),
    ("Quyết định 1350/QĐ-KTNN thay thế có hiệu lực từ 02/10/2020.", REPLACES, "1350/QĐ-KTNN",
     "1521/QĐ-KTNN", False, None),
    ("Quyết định này có hiệu lực kể từ ngày ký, thay thế Quyết định số 1234/QĐ-UBND ngày 29/8/2025.", REPLACES,
     "1234/QĐ-UBND", "1610/QĐ-UBND", False, "signed"),
    ("Thông tư 200/2014/TT-BTC bị thay thế từ 01/01/2026 bởi Thông tư 99/2025/TT-BTC.", REPLACES,
     "200/2014/TT-BTC", "99/2025/TT-BTC", False, "2026-01-01"),
    ("Mẫu đơn ban hành kèm theo Thông tư 03/2024/TT-BTP thay thế mẫu TP-01 ban hành kèm theo "
     "Thông tư 05/2020/TT-BTP.", REPLACES, "05/2020/TT-BTP", "03/2024/TT-BTP", True, None),
    ("Thông tư này thay thế Thông tư số 28/2009/TT-BGDĐT ban hành quy định về chế độ làm việc; "
     "Thông tư số 15/2017/TT-BGDĐT.", REPLACES, "15/2017/TT-BGDĐT", "05/2025/TT-BGDĐT", False, None),
    ("Điều 14 Nghị định 65/2013/NĐ-CP (có nội dung bị bãi bỏ bởi khoản 4 Điều 6 Nghị định 12/2015/NĐ-CP)",
     REPEALS, "65/2013/NĐ-CP", "12/2015/NĐ-CP", True, None),
    # the cue before the target governs it, not the one of the target's own title after it
    ("Bãi bỏ Quyết định số 09/2022/QĐ-UBND và Quyết định số 08/2025/QĐ-UBND của tỉnh bãi bỏ một phần "
     "Quy định chức năng của Sở Tư pháp.", REPEALS, "08/2025/QĐ-UBND", "79/2025/QĐ-UBND", False, None),
    # an amendment named in passing is no part: the law as amended is replaced
    ("Luật này thay thế Luật xuất bản số 30/2004/QH11 đã được sửa đổi, bổ sung một số điều theo Luật số "
     "12/2008/QH12.", REPLACES, "12/2008/QH12", "19/2012/QH13", False, None),
    ("Thay thế, bãi bỏ một số từ, cụm từ tại Nghị quyết và Quy định kèm theo Nghị quyết số 10/2022/NQ-HĐND.",
     REPLACES, "10/2022/NQ-HĐND", "34/2025/NQ-HĐND", True, None),
    ("Thông tư có hiệu lực từ ngày 31/10/2025 thay thế Thông tư số 08/TT ngày 21/3/1988.", REPLACES,
     "08/TT", "19/2025/TT-BGDĐT", False, "2025-10-31"),
    ("Quyết định này có hiệu lực kể từ ngày ký và thay thế ba (03) thủ tục hành chính (số thứ tự 03, 04) "
     "được công bố tại Quyết định số 1533/QĐ-UBND.", REPLACES, "1533/QĐ-UBND", "2020/QĐ-UBND", True, "signed"),
    # the cue fell outside the kept sentence: the mention's own head still tells
    ("…; Điều 19 của Luật Tố cáo số 25/2018/QH14; các điều 3, 20 của Luật số 36/2018/QH14.", REPLACES,
     "25/2018/QH14", "59/2020/QH14", True, None),
    # "B thay thế A và có hiệu lực từ …": B takes effect; "A, có hiệu lực từ …" stays A's own start
    ("Luật Đất đai năm 2024 (Luật số 31/2024/QH15) được ban hành ngày 18/1/2024, thay thế cho Luật Đất đai "
     "năm 2013 và có hiệu lực thi hành từ ngày 1/8/2024.", REPLACES, "Luật Đất đai năm 2013", "31/2024/QH15",
     False, "2024-08-01"),
    ("Nghị định 19/2016/NĐ-CP thay thế Nghị định 107/2009/NĐ-CP có hiệu lực thi hành ngày 15-5-2016.", REPLACES,
     "107/2009/NĐ-CP", "19/2016/NĐ-CP", False, None),
    ("Mục I phụ lục danh mục thủ tục hành chính nội bộ trong hệ thống hành chính nhà nước thuộc phạm vi "
     "quản lý của Bộ ban hành kèm theo Quyết định số 497/QĐ-BXD hết hiệu lực kể từ ngày Quyết định này có hiệu lực.",
     REPEALS, "497/QĐ-BXD", "2109/QĐ-BXD", True, None),
    ("Thông tư số 12/2015/TT-BTC hướng dẫn Điều 5 Nghị định 30/2014/NĐ-CP và Thông tư số 40/2015/TT-BTC "
     "hết hiệu lực.", REPEALS, "40/2015/TT-BTC", "31/2019/TT-BTC", False, None),
    ("…, 176, 177 và thủ tục hành chính cấp xã có số thứ tự 1, 2 tại Quyết định số 1126/QĐ-UBND ngày 03/9/2025.",
     REPEALS, "1126/QĐ-UBND", "2608/QĐ-UBND", True, None),
    ("Mức giá ban hành theo Thông tư 02/2017/TT-BYT sẽ thay thế mức giá quy định tại Nghị quyết số 13/2013/NQ-HĐND.",
     REPLACES, "13/2013/NQ-HĐND", "02/2017/TT-BYT", True, None),
    ("Thông tư này thay thế Thông tư số 28/2009/TT-BGDĐT theo quy định tại Luật Giáo dục.", REPLACES,
     "28/2009/TT-BGDĐT", "05/2025/TT-BGDĐT", False, None),
    ("Quyết định này có hiệu lực từngày 04/12/2025và thay thế: Điều 14, 18 Quyết định số 15/2022/QĐ-UBND.",
     REPLACES, "15/2022/QĐ-UBND", "74/2025/QĐ-UBND", True, "2025-12-04"),
]


@pytest.mark.parametrize("sentence, relation, target, source, partial, date", SENTENCES,
                         ids=[s[0][:40] for s in SENTENCES])
def test_read_sentence(sentence, relation, target, source, partial, date):
    reading = read_sentence(sentence, relation, [target], [source])
    assert (reading.partial, reading.date) == (partial, date)


@pytest.mark.parametrize("index, effect", [
    (4, "2020-04-15"),       # Nghị định này có hiệu lực … và thay thế …: the acting decree takes effect
    (5, None),               # hết hiệu lực kể từ …: the end of the target, not the start of the source
    (8, "2018-10-09"),       # the source's own date of effect, not the target's
    (9, None),
    (10, "signed"),
    (11, None),
])
def test_read_sentence_says_when_the_acting_instrument_takes_effect(index, effect):
    sentence, relation, target, source, _, _ = SENTENCES[index]
    assert read_sentence(sentence, relation, [target], [source]).effect == effect


def test_a_sentence_without_the_target_says_nothing_of_a_part():
    reading = read_sentence("Bãi bỏ khoản 2 Điều 3 của văn bản.", REPEALS, ["63/2016/TT-BTC"], [])
    assert reading.partial is None
    reading = read_sentence("Thông tư số 63/2016/TT-BTC quy định mức thu.", REPEALS, ["63/2016/TT-BTC"], [])
    assert reading.partial is None


# --- the verdict at a date --------------------------------------------------------------------

@pytest.mark.parametrize("since, ended_on, undated, at, expected", [
    ("2013-11-13", ["2020-04-15"], [], "2020-04-14", (IN_FORCE, REASONS["in_force"])),
    ("2013-11-13", ["2020-04-15"], [], "2020-04-15", (ENDED, REASONS["ended"])),      # ends on that day
    ("2013-11-13", ["2020"], [], "2020-06-01", (UNKNOWN, REASONS["coarse_end"])),
    ("2013-11-13", ["2020"], [], "2021-01-01", (ENDED, REASONS["ended"])),
    ("2013-11-13", ["2020"], [], "2019-12-31", (IN_FORCE, REASONS["in_force"])),
    ("2013-11-13", [], ["33/NQ-HĐND@?"], "2020-01-01", (UNKNOWN, REASONS["undated_end"])),
    (None, [], [], "2020-01-01", (UNKNOWN, REASONS["no_date"])),
    (None, ["2015-01-01"], [], "2020-01-01", (ENDED, REASONS["ended"])),           # ended, whenever issued
    ("2020-02-03", [], [], "2020-01-01", (NOT_YET, REASONS["later"])),
    ("2020", [], [], "2020-01-01", (UNKNOWN, REASONS["coarse_issue"])),
    ("2020-02", [], [], "2020-02-28", (UNKNOWN, REASONS["coarse_issue"])),
    ("2020-02", [], [], "2020-03-01", (IN_FORCE, REASONS["in_force"])),
    ("2013", ["2016", "2015-03-01"], [], "2015-06-01", (ENDED, REASONS["ended"])),   # any whole end counts
])
def test_verdict(since, ended_on, undated, at, expected):
    assert verdict(since, ended_on, undated, at) == expected


def test_bounds_of_partial_dates():
    assert bounds("2020") == ("2020-01-01", "2020-12-31")
    assert bounds("2020-02") == ("2020-02-01", "2020-02-31")
    assert bounds("2020-02-03") == ("2020-02-03", "2020-02-03")


@pytest.mark.parametrize("at", ["2020", "2020-13-01", "2021-02-29", "01/01/2020", "", "2020-1-1"])
def test_a_malformed_date_is_refused(at):
    with pytest.raises(ValueError, match="YYYY-MM-DD"):
        status.in_force(nx.MultiDiGraph(), at)


# --- a graph built by hand: the properties, and their removal ----------------------------------

def _instrument(g, key, **facts):
    g.add_node(f"inst:{key}", label="Instrument", key=key, symbol=key.split("@")[0], status="resolved", **facts)


def _edge(g, source, rel, target, sentence):
    g.add_edge(f"inst:{source}", f"inst:{target}", key=rel, type=rel, count=1,
               evidence=[{"doc": "d1", "start": 0, "end": 1, "sentence": sentence, "rule": "test"}])


def hand_graph() -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()
    _instrument(g, "31/2019/TT-BTC", date="2019-06-10", year=2019, type="Thông tư")
    _instrument(g, "40/2015/TT-BTC", date="2015-03-25", year=2015, type="Thông tư")
    _instrument(g, "63/2016/TT-BTC", year=2016, type="Thông tư")
    _edge(g, "31/2019/TT-BTC", REPEALS, "40/2015/TT-BTC",
          "Thông tư số 40/2015/TT-BTC hết hiệu lực kể từ ngày Thông tư này có hiệu lực thi hành.")
    _edge(g, "31/2019/TT-BTC", REPEALS, "63/2016/TT-BTC", "Bãi bỏ khoản 14 Điều 2 Thông tư số 63/2016/TT-BTC.")
    return g


def test_annotate_sets_the_properties_and_says_where_a_date_comes_from():
    g = hand_graph()
    assert status.annotate(g) == 2
    whole, part = g.nodes["inst:40/2015/TT-BTC"], g.nodes["inst:63/2016/TT-BTC"]
    assert (whole[REPEALED_BY], whole[ENDED_ON]) == (["31/2019/TT-BTC"], ["2019-06-10"])
    assert whole[LEGAL_HISTORY] == ["repealed by 31/2019/TT-BTC from 2019-06-10 "
                                    "(date of the acting instrument; no date stated)"]
    assert (part[REPEALED_BY], part[IN_PART_BY]) == (["31/2019/TT-BTC"], ["31/2019/TT-BTC"])
    assert ENDED_ON not in part and SUPERSEDED_BY not in whole and UNDATED_BY not in whole
    assert not any(p in g.nodes["inst:31/2019/TT-BTC"] for p in status.STATUS_PROPERTIES)


def test_annotate_removes_what_the_edges_no_longer_say():
    g = hand_graph()
    status.annotate(g)
    g.remove_edge("inst:31/2019/TT-BTC", "inst:40/2015/TT-BTC", key=REPEALS)
    assert status.annotate(g) == 1
    assert not any(p in g.nodes["inst:40/2015/TT-BTC"] for p in status.STATUS_PROPERTIES)


def test_a_stated_date_wins_over_the_acting_instruments_date():
    g = hand_graph()
    g.edges["inst:31/2019/TT-BTC", "inst:40/2015/TT-BTC", REPEALS]["evidence"].append(
        {"doc": "d2", "start": 0, "end": 1, "rule": "test",
         "sentence": "Thông tư số 40/2015/TT-BTC hết hiệu lực kể từ ngày 01/8/2019."})
    (act,) = status.acts_on(g, "inst:40/2015/TT-BTC")
    assert (act.date, act.basis, act.partial) == ("2019-08-01", status.STATED, False)
    assert act.evidence.startswith("d2: Thông tư số 40/2015/TT-BTC hết hiệu lực")


# --- the corpus written for the test, built like any other -------------------------------------

@pytest.fixture(scope="module")
def status_graph():
    return build_corpus(CORPUS, jobs=1)


def test_the_built_graph_carries_the_status(status_graph):
    g = status_graph
    replaced = g.nodes["inst:174/2013/NĐ-CP"]
    assert (replaced[SUPERSEDED_BY], replaced[ENDED_ON]) == (["215/2020/NĐ-CP"], ["2020-04-15"])
    assert replaced[LEGAL_HISTORY] == ["replaced by 215/2020/NĐ-CP from 2020-04-15 (date stated in the text)"]
    part = g.nodes["inst:63/2016/TT-BTC"]
    assert (part[REPEALED_BY], part[IN_PART_BY]) == (["31/2019/TT-BTC"], ["31/2019/TT-BTC"])
    assert g.nodes["inst:40/2015/TT-BTC"][ENDED_ON] == ["2019-06-10"]
    assert g.nodes["inst:12/2018/NQ-HĐND"][UNDATED_BY] == ["33/NQ-HĐND@?"]


EXPECTED = {
    # instrument: verdict on 2019-01-01, 2020-01-01, 2020-04-15
    "174/2013/NĐ-CP": (IN_FORCE, IN_FORCE, ENDED),          # replaced from 2020-04-15 (stated)
    "215/2020/NĐ-CP": (NOT_YET, NOT_YET, IN_FORCE),        # issued 2020-02-03
    "31/2019/TT-BTC": (NOT_YET, IN_FORCE, IN_FORCE),       # issued 2019-06-10
    "40/2015/TT-BTC": (IN_FORCE, ENDED, ENDED),            # repealed by 31/2019 (its date: 2019-06-10)
    "63/2016/TT-BTC": (IN_FORCE, IN_FORCE, IN_FORCE),      # only khoản 14 Điều 2 repealed
    "120/2016/NĐ-CP": (IN_FORCE, IN_FORCE, IN_FORCE),
    "named:luat-to-chuc-chinh-phu@2015": (IN_FORCE, IN_FORCE, IN_FORCE),
    "12/2018/NQ-HĐND": (UNKNOWN, UNKNOWN, UNKNOWN),        # replaced, no date given
    "33/NQ-HĐND@?": (UNKNOWN, UNKNOWN, UNKNOWN),           # no date of issue
    "77/QĐ-UBND@?": (UNKNOWN, UNKNOWN, UNKNOWN),
}


@pytest.mark.parametrize("index, at", list(enumerate(["2019-01-01", "2020-01-01", "2020-04-15"])))
def test_in_force_on_the_test_corpus(status_graph, index, at):
    answer = status.in_force(status_graph, at)
    assert {r["instrument"]: r["status"] for r in answer.rows} == {k: v[index] for k, v in EXPECTED.items()}
    assert sum(answer.counts().values()) == len(EXPECTED)


def test_in_force_of_one_type_and_its_reasons(status_graph):
    answer = status.in_force(status_graph, "2020-01-01", type="Thông tư")
    rows = {r["instrument"]: r for r in answer.rows}
    assert set(rows) == {"31/2019/TT-BTC", "40/2015/TT-BTC", "63/2016/TT-BTC"}
    assert rows["40/2015/TT-BTC"]["reason"] == REASONS["ended"]
    assert rows["63/2016/TT-BTC"][IN_PART_BY] == ["31/2019/TT-BTC"]
    assert rows["63/2016/TT-BTC"]["acts"][0]["evidence"].startswith("thong-tu-31-2019.txt: ")


def test_update_recomputes_the_status(tmp_path):
    first = build_corpus([CORPUS / "tin-hdnd.txt"], jobs=1)
    assert "inst:174/2013/NĐ-CP" not in first
    g = build_corpus(CORPUS, jobs=1, update=first)
    assert g.nodes["inst:174/2013/NĐ-CP"][ENDED_ON] == ["2020-04-15"]
    assert g.nodes["inst:12/2018/NQ-HĐND"][UNDATED_BY] == ["33/NQ-HĐND@?"]


def test_records_and_json_of_an_answer(status_graph):
    answer = status.in_force(status_graph, "2020-04-15")
    records = {r["instrument"]: r for r in answer.records()}
    assert records["174/2013/NĐ-CP"] == {
        "instrument": "174/2013/NĐ-CP", "type": "Nghị định", "since": "2013-11-13", "status": ENDED,
        "reason": REASONS["ended"], ENDED_ON: "2020-04-15", SUPERSEDED_BY: "215/2020/NĐ-CP", REPEALED_BY: "",
        IN_PART_BY: "", "history": "replaced by 215/2020/NĐ-CP from 2020-04-15 (date stated in the text)"}
    data = answer.to_dict()
    assert data["counts"] == {IN_FORCE: 5, ENDED: 2, NOT_YET: 0, UNKNOWN: 3}
    assert [r["instrument"] for r in data["ended"]] == ["174/2013/NĐ-CP", "40/2015/TT-BTC"]
    assert "never a guess" in data["notice"]


def test_describe_says_what_replaced_an_instrument(status_graph):
    from graphbuild.graph.analysis import describe

    (row,) = describe(status_graph, "inst:174/2013/NĐ-CP")["legal_status"]
    assert (row["relation"], row["by"], row["partial"], row["date"], row["basis"]) == \
        (REPLACES, "215/2020/NĐ-CP", False, "2020-04-15", status.STATED)
    assert row["evidence"].startswith("nghi-dinh-215-2020.txt: ")
    assert "Nghị định này có hiệu lực thi hành kể từ ngày 15 tháng 4 năm 2020 và thay thế" in row["evidence"]
    assert describe(status_graph, "inst:215/2020/NĐ-CP")["legal_status"] == []


def test_the_exports_carry_the_status(status_graph, tmp_path):
    from graphbuild.build import read_graph, write_graph
    from graphbuild.export.flatten import flat_graph
    from graphbuild.export.neo4j_csv import csv_tables

    write_graph(status_graph, tmp_path, formats=("json",))
    back = read_graph(tmp_path)
    for n in ("inst:174/2013/NĐ-CP", "inst:63/2016/TT-BTC", "inst:12/2018/NQ-HĐND"):
        assert {p: back.nodes[n].get(p) for p in status.STATUS_PROPERTIES} == \
            {p: status_graph.nodes[n].get(p) for p in status.STATUS_PROPERTIES}
    header, *rows = csv_tables(status_graph)["nodes_Instrument.csv"].splitlines()
    columns = header.split(",")
    for name in (SUPERSEDED_BY, REPEALED_BY, IN_PART_BY, ENDED_ON, UNDATED_BY, LEGAL_HISTORY):
        assert f"{name}:string[]" in columns          # neo4j-admin reads them as lists
    (row,) = [r for r in rows if r.startswith("inst:174/2013/NĐ-CP,")]
    assert ",215/2020/NĐ-CP," in row and ",2020-04-15," in row
    flat = flat_graph(status_graph).nodes["inst:63/2016/TT-BTC"]
    assert (flat[REPEALED_BY], flat[IN_PART_BY]) == ("31/2019/TT-BTC", "31/2019/TT-BTC")


def test_the_status_properties_are_declared_vocabulary(status_graph):
    from .test_vocab import graph_errors

    assert graph_errors(status_graph) == []
    assert any(status_graph.nodes[n].get(LEGAL_HISTORY) for n in status_graph)


def test_an_act_without_a_date_takes_the_acting_instruments_stated_date_of_effect():
    g = hand_graph()
    _instrument(g, "10/2014/TT-BTC", date="2014-01-20", year=2014, type="Thông tư")
    _edge(g, "31/2019/TT-BTC", REPLACES, "10/2014/TT-BTC",
          "Thông tư này có hiệu lực thi hành kể từ ngày 01/8/2019 và thay thế Thông tư số 10/2014/TT-BTC.")
    status.annotate(g)
    assert g.nodes["inst:10/2014/TT-BTC"][LEGAL_HISTORY] == [
        "replaced by 31/2019/TT-BTC from 2019-08-01 (date stated in the text)"]
    # "… hết hiệu lực kể từ ngày Thông tư này có hiệu lực thi hành": the date of effect stated above
    assert g.nodes["inst:40/2015/TT-BTC"][LEGAL_HISTORY] == [
        "repealed by 31/2019/TT-BTC from 2019-08-01 (date of effect of the acting instrument, stated in the corpus)"]
    assert g.nodes["inst:40/2015/TT-BTC"][ENDED_ON] == ["2019-08-01"]
    (act,) = status.acts_on(g, "inst:63/2016/TT-BTC")         # alone, without a shared reader
    assert (act.date, act.basis, act.partial) == ("2019-08-01", status.EFFECT, True)


def test_the_cypher_query_says_the_same_words():
    text = (REPO / "cypher" / "in_force.cypher").read_text(encoding="utf-8")
    for phrase in [*REASONS.values(), *status.VERDICTS]:
        assert f"'{phrase}'" in text
