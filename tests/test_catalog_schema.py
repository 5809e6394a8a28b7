"""Catalog files are checked against the catalog schema (issue 13, item 9): a file of an
unexpected shape is one ``Error:`` line, never a traceback, and ``[]`` is not silently a
catalog; ``graphbuild score`` of a folder without gold files is an error, not P=R=1."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from graphbuild.cli.commands import app
from graphbuild.resolve.catalog import CATALOG_VERSION, Catalog

runner = CliRunner()

BAD = {
    "no-instruments": {"foo": 1},
    "bare-array": [],
    "array-of-entries": [{"symbol": "49-NQ/TW"}],
    "string": "catalog",
    "entry-not-object": {"instruments": ["49-NQ/TW"]},
    "wrong-type": {"instruments": [{"symbol": 49}]},
    "unknown-field": {"instruments": [{"symbol": "49-NQ/TW", "colour": "red"}]},
    "no-symbol-no-name": {"instruments": [{"type": "Nghị quyết"}]},
    "bad-date": {"instruments": [{"symbol": "49-NQ/TW", "date": "02/6/2005"}]},
    "bad-symbol-year": {"instruments": [{"symbol": "1/ab/NĐ-CP"}]},
    "aliases-not-strings": {"instruments": [{"symbol": "49-NQ/TW", "aliases": [1]}]},
    "year-bool": {"instruments": [{"symbol": "49-NQ/TW", "year": True}]},
    "newer-version": {"version": CATALOG_VERSION + 1, "instruments": []},
    "foreign-format": {"format": "other", "instruments": []},
}


@pytest.mark.parametrize("kind", sorted(BAD))
def test_a_catalog_of_the_wrong_shape_is_one_clear_error(tmp_path, kind):
    path = tmp_path / "cat.json"
    path.write_text(json.dumps(BAD[kind]), encoding="utf-8")
    with pytest.raises(ValueError) as exc:
        Catalog.load(path)
    assert str(exc.value).startswith(f"{path}: not a catalog: ") and "\n" not in str(exc.value)


@pytest.mark.parametrize("text", ["[" * 100_000, '{"instruments": [{"count": ' + "9" * 5000 + "}]}",
                                  "\xff not utf-8"])
def test_hostile_catalog_bytes_are_one_error(tmp_path, text):
    path = tmp_path / "cat.json"
    path.write_bytes(text.encode("latin-1") if text.startswith("\xff") else text.encode())
    with pytest.raises(ValueError) as exc:
        Catalog.load(path)
    assert str(exc.value).startswith(f"{path}: ")


def test_build_with_a_bad_catalog_says_so_in_one_line(tmp_path):
    (tmp_path / "cat.json").write_text('{"foo": 1}', encoding="utf-8")
    (tmp_path / "doc.txt").write_text("Nghị quyết số 49-NQ/TW", encoding="utf-8")
    result = runner.invoke(app, ["build", str(tmp_path / "doc.txt"), "-o", str(tmp_path / "out"),
                                 "--catalog", str(tmp_path / "cat.json"), "-q", "-j", "1"])
    assert result.exit_code == 1 and "Traceback" not in result.stderr
    assert result.stderr.strip() == f'Error: {tmp_path / "cat.json"}: not a catalog: no "instruments" array'


def test_a_saved_catalog_carries_its_version_and_loads_back(tmp_path):
    shipped = Catalog.load()
    shipped.save(tmp_path / "c.json")
    data = json.loads((tmp_path / "c.json").read_text(encoding="utf-8"))
    assert (data["format"], data["version"]) == ("graphbuild-catalog", CATALOG_VERSION)
    again = Catalog.load(tmp_path / "c.json")
    assert {k: e.to_json() for k, e in again.by_key.items()} == {k: e.to_json() for k, e in shipped.by_key.items()}


@pytest.mark.parametrize("where", ["missing", "empty"])
def test_score_of_a_folder_without_gold_is_an_error(tmp_path, where):
    folder = tmp_path / "nothing" if where == "missing" else tmp_path
    result = runner.invoke(app, ["score", str(folder)])
    assert result.exit_code == 1, result.stdout
    assert "P=1.0000" not in result.stdout
    assert result.stderr.count(str(folder)) == 1 and result.stderr.startswith("Error: ")
