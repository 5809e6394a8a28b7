"""The static explorer (``export --format html``) of the sample corpus in headless Chromium:
drawing, search, filters, the instrument page and its evidence, addresses.

Pages are opened from file:// URLs (the suite runs without network).  Screenshots go to
test-artifacts/html/.  tests/test_explorer_browser.py drives the same explorer on 3,000
bulk documents, static and served.
"""

from __future__ import annotations

import time

import pytest

from graphbuild.export import formats as rw
from graphbuild.graph.builder import INSTRUMENT
from graphbuild.graph.vocab import RELATION_TYPES

from .browser_support import browser_available, console_errors, module_driver, wait_for
from .conftest import REPO
from .test_html import big_graph

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not browser_available(),
                       reason="Chromium, chromedriver or selenium missing (scripts/install_browser.sh)"),
]

ARTIFACTS = REPO / "test-artifacts" / "html"
RESULTS = "return [...document.querySelectorAll('#results li')].map(li => GB.db.cols.key[+li.dataset.i])"


driver = pytest.fixture(scope="module")(module_driver)


@pytest.fixture(scope="module")
def view_page(sample_graph):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / "graph.html"
    rw.write(sample_graph, "html", path)
    return path



def open_page(driver, path, fragment: str = "", graph: bool = False) -> None:
    driver.get("about:blank")            # a real load, even when only the #fragment differs
    driver.get(path.as_uri() + fragment)
    wait_for(driver, "return document.body.dataset.ready === 'true'")
    if graph:
        wait_for(driver, "return document.body.dataset.graph === 'drawn'")
    driver.find_element("css selector", '.lang button[data-lang="en"]').click()


def type_search(driver, text: str) -> list[str]:
    box = driver.find_element("id", "search")
    box.clear()                          # clears without an input event: send one
    driver.execute_script("arguments[0].dispatchEvent(new Event('input'))", box)
    box.send_keys(text)
    time.sleep(0.2)                      # the input is debounced by 60 ms
    return driver.execute_script(RESULTS)


def page_text(driver) -> str:
    return driver.execute_script("return document.getElementById('page').innerText")


def instruments(g) -> list[str]:
    return [a["key"] for _, a in g.nodes(data=True) if a.get("label") == INSTRUMENT]


def relation_edges(g) -> int:
    return sum(1 for u, v, k in g.edges(keys=True) if k in RELATION_TYPES
               and g.nodes[u].get("label") == INSTRUMENT and u != v)


def test_the_view_loads_offline_and_draws_every_instrument_and_relation(driver, view_page, sample_graph):
    open_page(driver, view_page, graph=True)
    order, size = driver.execute_script("const g = GB.graphView.sigma().getGraph(); return [g.order, g.size]")
    assert order == len(instruments(sample_graph)) and size == relation_edges(sample_graph)
    assert f"{len(instruments(sample_graph))} instruments" in driver.find_element("id", "note").text
    # Nothing was fetched: the libraries and the data are in the page.
    assert driver.execute_script("return performance.getEntriesByType('resource').length") == 0
    assert console_errors(driver) == []


def test_search_finds_49_NQ_TW_and_enter_opens_its_page(driver, view_page):
    from selenium.webdriver.common.keys import Keys

    open_page(driver, view_page)
    assert type_search(driver, "49-NQ/TƯ")[0] == "49-NQ/TW@2005"      # the spelling with TƯ finds it too
    assert type_search(driver, "nghi quyet 49")[0] == "49-NQ/TW@2005"  # no diacritics, type and number
    driver.find_element("id", "search").send_keys(Keys.ENTER)
    wait_for(driver, "return document.body.dataset.page === '49-NQ/TW@2005'")
    card = driver.find_element("css selector", "#page .card").text
    assert card.splitlines()[0] == "49-NQ/TW@2005"
    assert "Bộ Chính trị" in card and "về Chiến lược cải cách tư pháp đến năm 2020" in card
    assert console_errors(driver) == []


def test_the_instrument_page_shows_relations_both_ways_with_evidence(driver, view_page):
    open_page(driver, view_page, "#/i/49-NQ%2FTW%402005")
    wait_for(driver, "return document.body.dataset.page === '49-NQ/TW@2005'")
    box = driver.find_element("css selector", '#page .rel-box[data-relation="REVIEWS"][data-direction="in"]')
    assert box.find_element("css selector", "h3").text.startswith("Reviewed by")
    assert box.find_element("css selector", "a.instrument-link").text == "84-KL/TW@2020"
    assert "tổng kết 15 năm thực hiện Nghị quyết số 49-NQ/TW" in box.find_element("css selector", "blockquote").text
    assert "Cited in 2 documents" in page_text(driver)
    # The other side: 84-KL/TW reviews 49-NQ/TW.
    box.find_element("css selector", "a.instrument-link").click()
    wait_for(driver, "return document.body.dataset.page === '84-KL/TW@2020'")
    out = driver.find_element("css selector", '#page .rel-box[data-relation="REVIEWS"][data-direction="out"]')
    assert out.find_element("css selector", "h3").text.startswith("Reviews")
    assert out.find_element("css selector", "a.instrument-link").text == "49-NQ/TW@2005"
    driver.find_element("css selector", '.lang button[data-lang="vi"]').click()
    out = driver.find_element("css selector", '#page .rel-box[data-relation="REVIEWS"][data-direction="out"]')
    assert out.find_element("css selector", "h3").text.startswith("Tổng kết")
    assert console_errors(driver) == []


def test_relation_and_year_filters_change_the_list(driver, view_page, sample_graph):
    open_page(driver, view_page)
    everything = len(type_search(driver, ""))
    driver.execute_script("const s = document.getElementById('f-relation');"
                          "s.value = [...s.options].find(o => o.text.startsWith('Reviews')).value;"
                          "s.dispatchEvent(new Event('change'))")
    reviewing = {sample_graph.nodes[n]["key"] for u, v, k in sample_graph.edges(keys=True) if k == "REVIEWS"
                 for n in (u, v)}
    assert set(driver.execute_script(RESULTS)) == reviewing and everything > len(reviewing)
    driver.find_element("id", "f-reset").click()
    year = driver.find_element("id", "f-year-from")
    year.send_keys("2020")
    driver.execute_script("document.getElementById('f-year-from').dispatchEvent(new Event('change'))")
    years = {a["key"]: a.get("year") for _, a in sample_graph.nodes(data=True) if a.get("label") == INSTRUMENT}
    expected = {k for k, y in years.items() if y is not None and y >= 2020}
    assert set(driver.execute_script(RESULTS)) == expected
    assert console_errors(driver) == []


def test_screenshot_of_49_NQ_TW_from_an_older_link(driver, view_page):
    open_page(driver, view_page, "#49-NQ/TW@2005", graph=True)      # links of annotate --graph
    wait_for(driver, "return document.body.dataset.page === '49-NQ/TW@2005'")
    shot = ARTIFACTS / "graph-view.png"
    driver.save_screenshot(str(shot))
    assert shot.stat().st_size > 20_000
    assert console_errors(driver) == []


def test_a_malformed_address_fragment_is_ignored(driver, view_page):
    open_page(driver, view_page, "#%E0%A4%A")
    assert driver.find_element("id", "page").get_attribute("hidden") is not None
    assert console_errors(driver) == []


def test_a_big_graph_is_not_capped_and_every_instrument_is_found(driver):
    g = big_graph(instruments=1000, documents=600)
    path = ARTIFACTS / "graph-big.html"
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    rw.write(g, "html", path)
    open_page(driver, path, graph=True)
    assert driver.execute_script("return GB.graphView.sigma().getGraph().order") == 1000
    assert type_search(driver, "999-NQ/TW")[0] == "999-NQ/TW@2020"       # the least cited
    assert len(type_search(driver, "")) == 50                              # a page of results
    assert driver.find_element("id", "result-count").text.startswith("1,000 matching instruments")
    driver.save_screenshot(str(ARTIFACTS / "graph-big.png"))
    assert console_errors(driver) == []


def test_source_urls_are_links_only_when_http(driver, sample_graph):
    import copy

    g = copy.deepcopy(sample_graph)
    g.nodes["doc:news-2023-001"]["url"] = "https://example.org/tin/hoi-thao"
    g.nodes["doc:01-ke-hoach-cai-cach-tu-phap.txt"]["url"] = "javascript:alert(1)"
    path = ARTIFACTS / "graph-urls.html"
    rw.write(g, "html", path)
    open_page(driver, path, "#/i/49-NQ%2FTW%402005")
    wait_for(driver, "return document.body.dataset.page === '49-NQ/TW@2005'")
    hrefs = driver.execute_script("return [...document.querySelectorAll('#page a.source-link')].map(a => a.href)")
    assert hrefs and set(hrefs) == {"https://example.org/tin/hoi-thao"}
    assert "javascript:" not in driver.execute_script("return document.getElementById('page').innerHTML")
    assert console_errors(driver) == []
