"""``graphbuild annotate``: the text comes back exactly, every citation is marked at its offsets."""

from __future__ import annotations

import json
from html.parser import HTMLParser

import pytest
from typer.testing import CliRunner

from graphbuild.view.annotate import annotate
from graphbuild.resolve.catalog import Catalog
from graphbuild.cli.commands import app
from graphbuild.corpus.inputs import iter_documents
from graphbuild.models import Document
from graphbuild.pipeline import analyse_document

from .browser_support import browser_available, chromium_driver, console_errors
from .conftest import REPO

CORPUS = REPO / "data" / "corpus"
ARTIFACTS = REPO / "test-artifacts" / "annotate"
runner = CliRunner()

# Markup-like text, CRLF and CR line ends, tabs, runs of spaces, a leading newline (which
# a <pre> would drop), combining accents (NFD) and an astral character.
TRICKY = Document(id="tricky", text=(
    "\n  Căn cứ <b>Nghị định số 100/2019/NĐ-CP</b> &amp; \"Luật Đất đai 2013\"\r\n"
    "\tThực hiện Nghị quyết số 49-NQ/TW ngày 02/6/2005 của Bộ Chính trị,\r"
    "  Kết luận số 84-KL/TW ngày 29/7/2020 </div></article> 🇻🇳 Nghi\u0323 quyê\u0301t 27-NQ/TW\n\n"))


class PageText(HTMLParser):
    """The text of the first ``.text`` element and its ``a.cite`` elements."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.inside = self.done = False
        self.text, self.cites, self.ids, self.current = [], [], set(), None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.add(attrs["id"])
        if tag == "div" and attrs.get("class") == "text" and not self.done:
            self.inside = True
        elif self.inside and tag == "a":
            self.current = {**attrs, "text": ""}

    def handle_endtag(self, tag):
        if self.inside and tag == "a":
            self.cites.append(self.current)
            self.current = None
        elif self.inside and tag == "div":
            self.inside, self.done = False, True

    def handle_data(self, data):
        if self.inside:
            self.text.append(data)
            if self.current is not None:
                self.current["text"] += data


def parse(page: str) -> PageText:
    parser = PageText()
    parser.feed(page)
    parser.close()
    return parser


@pytest.fixture(scope="module")
def catalog():
    return Catalog.load()


def corpus_documents():
    return list(iter_documents([str(CORPUS)]))


@pytest.mark.parametrize("doc", corpus_documents() + [TRICKY], ids=lambda d: d.id.rsplit("/", 1)[-1])
def test_the_text_comes_back_exactly_and_every_citation_is_marked(doc, catalog):
    page = parse(annotate([doc], catalog))
    assert "".join(page.text) == doc.text
    mentions = analyse_document(doc, catalog).mentions
    assert mentions and len(page.cites) == len(mentions)
    for cite, m in zip(page.cites, mentions):
        assert cite["text"] == m.text == doc.text[int(cite["data-start"]):int(cite["data-end"])]
        assert cite["data-key"] == m.key
        assert cite["href"][1:] in page.ids                   # the instrument's row exists


def test_the_hover_text_gives_key_year_issuer_and_relation(catalog):
    doc = next(d for d in corpus_documents() if d.id.endswith("01-ke-hoach-cai-cach-tu-phap.txt"))
    cites = {c["data-key"]: c for c in parse(annotate([doc], catalog)).cites}
    cite = cites["49-NQ/TW@2005"]
    assert "kind-party" in cite["class"] and "status-resolved" in cite["class"]
    assert cite["data-relation"] == "IMPLEMENTS"
    title = cite["title"].splitlines()
    assert title[0] == "49-NQ/TW@2005 (resolved)"
    assert title[1] == "Nghị quyết · Party · 2005 · Bộ Chính trị · khóa IX"
    assert "12-KH/BCĐ@2024 IMPLEMENTS this (subject:thực hiện)" in title
    assert "the document's own instrument (ABOUT)" in cites["12-KH/BCĐ@2024"]["title"]
    assert "status-resolved" in cites["12-KH/BCĐ@2024"]["class"]
    assert "kind-state" in cites["58/2020/QH14"]["class"]


def test_ambiguous_citations_list_their_candidates(catalog):
    doc = next(d for d in corpus_documents() if d.id == "news-2023-002")
    cite = next(c for c in parse(annotate([doc], catalog)).cites if c["data-key"] == "27-NQ/TW@?")
    assert "status-ambiguous" in cite["class"]
    assert "candidates: 27-NQ/TW@2018, 27-NQ/TW@2022" in cite["title"]


def test_instruments_can_link_to_the_graph_view(catalog):
    doc = next(d for d in corpus_documents() if d.id == "news-2023-001")
    page = annotate([doc], catalog, graph_href="graph.html")
    assert 'href="graph.html#49-NQ%2FTW%402005"' in page


def test_cli_writes_one_file_and_selects_a_document(tmp_path):
    out = tmp_path / "01.html"
    result = runner.invoke(app, ["annotate", str(CORPUS / "01-ke-hoach-cai-cach-tu-phap.txt"), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert len(parse(out.read_text(encoding="utf-8")).cites) == 9
    one = runner.invoke(app, ["annotate", str(CORPUS / "05-news.jsonl"), "--doc", "news-2023-001"])
    assert one.exit_code == 0 and 'data-doc="news-2023-001"' in one.stdout
    assert one.stdout.count("<article") == 1
    missing = runner.invoke(app, ["annotate", str(CORPUS / "05-news.jsonl"), "--doc", "nope"])
    assert missing.exit_code == 1 and "Error: " in missing.output
    absent = runner.invoke(app, ["annotate", str(tmp_path / "absent.txt")])
    assert absent.exit_code == 1 and "no such file" in absent.output


def test_annotate_has_help_with_an_example():
    result = runner.invoke(app, ["annotate", "--help"])
    assert result.exit_code == 0 and "Example" in result.output and "graphbuild annotate" in result.output


@pytest.mark.browser
@pytest.mark.skipif(not browser_available(), reason="Chromium, chromedriver or selenium missing")
def test_in_chromium_the_page_text_is_the_original(tmp_path, catalog):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    docs = [d for d in corpus_documents() if d.id.endswith("01-ke-hoach-cai-cach-tu-phap.txt")] + [TRICKY]
    driver = chromium_driver(tmp_path)
    try:
        for doc in docs:
            name = "tricky" if doc is TRICKY else "01-ke-hoach"
            path = ARTIFACTS / f"{name}.html"
            path.write_text(annotate([doc], catalog), encoding="utf-8")
            driver.get(path.as_uri())
            shown = driver.execute_script("""
                return {text: document.querySelector('.text').textContent,
                        cites: [...document.querySelectorAll('.text a.cite')].map((a) => a.textContent)};""")
            assert shown["text"] == doc.text
            assert shown["cites"] == [m.text for m in analyse_document(doc, catalog).mentions]
            assert console_errors(driver) == []
            driver.save_screenshot(str(ARTIFACTS / f"{name}.png"))
    finally:
        driver.quit()
    assert json.dumps(shown["text"]) == json.dumps(TRICKY.text)
