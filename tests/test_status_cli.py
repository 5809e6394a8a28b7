"""``graphbuild in-force`` and the legal status in ``graphbuild show``, on the corpus written for
the test (tests/status_corpus, see tests/test_status.py), built by ``graphbuild build``."""

from __future__ import annotations

import csv
import io
import json

import pytest
from typer.testing import CliRunner

from graphbuild.cli.commands import app
from graphbuild.graph.status import NOTICE, RECORD_FIELDS

from .conftest import REPO

runner = CliRunner()


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("status") / "out"
    result = runner.invoke(app, ["build", str(REPO / "tests" / "status_corpus"), "-o", str(out), "-j", "1", "-q",
                                 "--formats", "json"])
    assert result.exit_code == 0, result.output
    return out


def sections(text: str) -> dict[str, list[str]]:
    """Table output: section title -> first column of its rows."""
    found, current = {}, None
    for line in text.splitlines():
        if line.endswith("):") and "(" in line:
            current = found.setdefault(line.rsplit(" (", 1)[0], [])
        elif not line:
            current = None
        elif current is not None and not line.startswith(("instrument", "-")):
            current.append(line.split()[0])
    return found


def test_in_force_table(built):
    result = runner.invoke(app, ["in-force", str(built), "--at", "2020-01-01"])
    assert result.exit_code == 0, result.output
    assert NOTICE in result.stdout
    assert sections(result.stdout) == {
        "In force": ["120/2016/NĐ-CP", "174/2013/NĐ-CP", "31/2019/TT-BTC", "63/2016/TT-BTC",
                     "named:luat-to-chuc-chinh-phu@2015"],
        "Ended (replaced or repealed on or before the day)": ["40/2015/TT-BTC"],
        "Cannot tell": ["12/2018/NQ-HĐND", "33/NQ-HĐND@?", "77/QĐ-UBND@?"],
    }
    assert "Not yet issued on 2020-01-01: 1 " in result.stdout
    assert "replaced or repealed, and the corpus gives no date" in result.stdout
    assert "63/2016/TT-BTC                     Thông tư   2016-06-30  31/2019/TT-BTC" in result.stdout


def test_in_force_after_the_replacement_date(built):
    result = runner.invoke(app, ["in-force", str(built), "--at", "2020-04-15", "--type", "Nghị định"])
    assert result.exit_code == 0, result.output
    assert sections(result.stdout) == {"In force": ["120/2016/NĐ-CP", "215/2020/NĐ-CP"],
                                       "Ended (replaced or repealed on or before the day)": ["174/2013/NĐ-CP"],
                                       "Cannot tell": []}
    assert "174/2013/NĐ-CP  Nghị định  2013-11-13  2020-04-15  215/2020/NĐ-CP" in result.stdout


def test_in_force_json(built):
    result = runner.invoke(app, ["in-force", str(built), "--at", "2019-01-01", "-f", "json"])
    data = json.loads(result.stdout)
    assert (data["at"], data["type"], data["notice"]) == ("2019-01-01", None, NOTICE)
    assert data["counts"] == {"in force": 5, "ended": 0, "not yet issued": 2, "cannot tell": 3}
    assert [r["instrument"] for r in data["not_yet_issued"]] == ["215/2020/NĐ-CP", "31/2019/TT-BTC"]
    (undated,) = [r for r in data["cannot_tell"] if r["instrument"] == "12/2018/NQ-HĐND"]
    assert undated["superseded_by"] == ["33/NQ-HĐND@?"]
    assert undated["acts"][0]["note"] == "replaced by 33/NQ-HĐND@? (no date known)"
    assert undated["acts"][0]["evidence"].startswith("tin-hdnd.txt: ")


def test_in_force_csv_and_jsonl_to_a_file(built, tmp_path):
    target = tmp_path / "in-force.csv"
    result = runner.invoke(app, ["in-force", str(built), "--at", "2020-05-01", "-f", "csv", "-o", str(target)])
    assert result.exit_code == 0 and result.stdout == ""
    assert NOTICE in result.stderr                 # the data alone goes to the file
    rows = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8"))))
    assert tuple(rows[0]) == RECORD_FIELDS and len(rows) == 10
    (replaced,) = [r for r in rows if r["instrument"] == "174/2013/NĐ-CP"]
    assert (replaced["status"], replaced["ended_on"], replaced["superseded_by"]) == ("ended", "2020-04-15",
                                                                                      "215/2020/NĐ-CP")
    lines = runner.invoke(app, ["in-force", str(built), "--at", "2020-05-01", "-f", "jsonl"]).stdout.splitlines()
    assert [json.loads(line) for line in lines] == [{k: v or None if k == "since" else v for k, v in r.items()}
                                                    for r in rows]


@pytest.mark.parametrize("args, message", [
    (["--at", "2020-02-30"], "Error: --at: '2020-02-30' is not a day: give it as YYYY-MM-DD"),
    (["--at", "1/1/2020"], "Error: --at: '1/1/2020' is not a day"),
])
def test_in_force_bad_date(built, args, message):
    result = runner.invoke(app, ["in-force", str(built), *args])
    assert result.exit_code == 1 and result.stderr.startswith(message) and len(result.stderr.splitlines()) == 1


def test_in_force_of_no_graph(tmp_path):
    result = runner.invoke(app, ["in-force", str(tmp_path / "none"), "--at", "2020-01-01"])
    assert result.exit_code == 1 and result.stderr.startswith("Error: ")


def test_show_says_what_replaced_an_instrument(built):
    result = runner.invoke(app, ["show", str(built), "174/2013/NĐ-CP"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    i = lines.index("legal status (what the corpus states, never a guess):")
    assert lines[i + 1] == "  replaced by 215/2020/NĐ-CP from 2020-04-15 (date stated in the text)"
    assert lines[i + 2].startswith("      “nghi-dinh-215-2020.txt: ") and "thay thế Nghị định số 174/2013" in lines[i + 2]


def test_show_says_a_partial_repeal_and_an_undated_one(built):
    out = runner.invoke(app, ["show", str(built), "63/2016/TT-BTC"]).stdout
    assert "  repealed in part by 31/2019/TT-BTC from 2019-06-10 (date of the acting instrument; " \
           "no date stated)" in out
    assert "Bãi bỏ khoản 14 Điều 2 Thông tư số 63/2016/TT-BTC" in out
    out = runner.invoke(app, ["show", str(built), "12/2018/NQ-HĐND"]).stdout
    assert "  replaced by 33/NQ-HĐND@? (no date known)" in out
    out = runner.invoke(app, ["show", str(built), "215/2020/NĐ-CP"]).stdout
    assert "legal status: no text of the corpus says it was replaced or repealed" in out


def test_show_json_has_the_legal_status(built):
    info = json.loads(runner.invoke(app, ["show", str(built), "40/2015/TT-BTC", "-f", "json"]).stdout)
    assert info["repealed_by"] == ["31/2019/TT-BTC"] and info["ended_on"] == ["2019-06-10"]
    assert [r["note"] for r in info["legal_status"]] == [
        "repealed by 31/2019/TT-BTC from 2019-06-10 (date of the acting instrument; no date stated)"]
