"""The interactive view in a real headless Chromium: drawing, search, filters, details.

Pages are opened from file:// URLs (the suite runs without network).  Screenshots
go to test-artifacts/html/.
"""

from __future__ import annotations

import time

import pytest

from graphbuild.export import formats as rw
from graphbuild.graph.builder import DOCUMENT, INSTRUMENT

from .browser_support import browser_available, chromium_driver, console_errors
from .conftest import REPO
from .test_html import big_graph

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not browser_available(),
                       reason="Chromium, chromedriver or selenium missing (scripts/install_browser.sh)"),
]

ARTIFACTS = REPO / "test-artifacts" / "html"
VISIBLE_NODES = "#nodes .node:not(.hidden)"
VISIBLE_EDGES = "#edges > g:not(.hidden)"


@pytest.fixture(scope="module")
def driver(tmp_path_factory):
    browser = chromium_driver(tmp_path_factory.mktemp("chromium"))
    yield browser
    browser.quit()


@pytest.fixture(scope="module")
def view_page(sample_graph):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / "graph.html"
    rw.write(sample_graph, "html", path)
    return path


def open_page(driver, path, fragment: str = "", timeout: float = 20.0) -> float:
    """Load the page and wait until the script has drawn it; return the seconds taken."""
    start = time.perf_counter()
    driver.get("about:blank")            # a real load, even when only the #fragment differs
    driver.get(path.as_uri() + fragment)
    while driver.execute_script("return document.body.dataset.ready") != "true":
        assert time.perf_counter() - start < timeout, "the view never finished drawing"
        time.sleep(0.05)
    return time.perf_counter() - start


def count(driver, selector: str) -> int:
    return driver.execute_script("return document.querySelectorAll(arguments[0]).length", selector)


def details_text(driver) -> str:
    return driver.execute_script("return document.getElementById('details').innerText")


def click(driver, selector: str) -> None:
    driver.execute_script("arguments[0].click()", driver.find_element("css selector", selector))


def click_at_middle_of(driver, path_element) -> None:
    """A real mouse click on the middle of an SVG path (edges are thin, curved lines)."""
    from selenium.webdriver.common.action_chains import ActionChains

    x, y = driver.execute_script("""
        const path = arguments[0];
        const p = path.getPointAtLength(path.getTotalLength() / 2).matrixTransform(path.getScreenCTM());
        return [p.x, p.y];""", path_element)
    hit = driver.execute_script("return document.elementFromPoint(arguments[0], arguments[1])", x, y)
    assert hit == path_element, "something covers the middle of the edge"
    actions = ActionChains(driver)
    actions.w3c_actions.pointer_action.move_to_location(int(round(x)), int(round(y))).click()
    actions.perform()


def edge_count(g, *, documents: bool, relation: str | None = None) -> int:
    allowed = {INSTRUMENT, DOCUMENT} if documents else {INSTRUMENT}
    return sum(1 for u, v, k in g.edges(keys=True)
               if k != "ISSUED_BY" and (relation is None or k == relation)
               and g.nodes[u].get("label") in allowed and g.nodes[v].get("label") in allowed)


def labelled(g, label: str) -> list[str]:
    return [n for n, a in g.nodes(data=True) if a.get("label") == label]


def test_the_view_loads_without_errors_and_draws_every_instrument(driver, view_page, sample_graph):
    open_page(driver, view_page)
    instruments, documents = labelled(sample_graph, INSTRUMENT), labelled(sample_graph, DOCUMENT)
    assert count(driver, VISIBLE_NODES) == count(driver, "#nodes circle") == len(instruments)
    assert count(driver, VISIBLE_EDGES) == edge_count(sample_graph, documents=False)
    assert f"All {len(instruments)} instruments" in driver.find_element("id", "note").text
    # Documents are one click away.
    click(driver, "#show-documents")
    assert count(driver, VISIBLE_NODES) == len(instruments) + len(documents)
    assert count(driver, VISIBLE_EDGES) == edge_count(sample_graph, documents=True)
    assert console_errors(driver) == []


def test_search_finds_49_NQ_TW(driver, view_page):
    from selenium.webdriver.common.keys import Keys

    open_page(driver, view_page)
    box = driver.find_element("id", "search")
    box.send_keys("49-NQ/TƯ")                         # the spelling with TƯ finds it too
    assert count(driver, ".node.match") == 1
    assert driver.find_element("css selector", "#search-results li").text.startswith("49-NQ/TW@2005")
    box.send_keys(Keys.ENTER)
    text = details_text(driver)
    assert text.splitlines()[0] == "49-NQ/TW@2005"
    assert "Bộ Chính trị" in text and "về Chiến lược cải cách tư pháp đến năm 2020" in text
    assert console_errors(driver) == []


def test_relation_and_year_filters_change_what_is_shown(driver, view_page, sample_graph):
    open_page(driver, view_page)
    all_edges = count(driver, VISIBLE_EDGES)
    click(driver, '#relation-filters input[value="IMPLEMENTS"]')
    implements = edge_count(sample_graph, documents=False, relation="IMPLEMENTS")
    assert implements and count(driver, VISIBLE_EDGES) == all_edges - implements

    year_from = driver.find_element("id", "year-from")
    year_from.clear()
    year_from.send_keys("2020")
    years = [sample_graph.nodes[n].get("year") for n in labelled(sample_graph, INSTRUMENT)]
    assert count(driver, VISIBLE_NODES) == sum(1 for y in years if y is None or y >= 2020)
    click(driver, "#show-undated")
    assert count(driver, VISIBLE_NODES) == sum(1 for y in years if y is not None and y >= 2020)
    assert console_errors(driver) == []


def test_a_click_on_a_node_or_an_edge_shows_its_evidence(driver, view_page):
    open_page(driver, view_page)
    node = driver.find_element("css selector", '.node[data-id="inst:49-NQ/TW@2005"]')
    node.click()
    text = details_text(driver)
    assert "REVIEWS" in text and "IMPLEMENTS" in text
    assert "tổng kết 15 năm thực hiện Nghị quyết số 49-NQ/TW" in text
    assert "Nghị quyết số 49-NQ/TW" in [m.text for m in driver.find_elements("css selector", "#details mark")]

    open_page(driver, view_page, "#84-KL/TW@2020")   # selects it, centres and zooms in
    edge = driver.find_element("css selector", '#edges > g[data-type="REVIEWS"]'
                               '[data-source="inst:84-KL/TW@2020"] .edge-hit')
    click_at_middle_of(driver, edge)
    text = details_text(driver)
    assert text.splitlines()[0] == "84-KL/TW@2020 → 49-NQ/TW@2005"
    assert "REVIEWS" in text and "về tổng kết 15 năm thực hiện Nghị quyết số 49-NQ/TW" in text
    assert count(driver, "#details blockquote.evidence") >= 1
    assert console_errors(driver) == []


def test_screenshot_of_49_NQ_TW_selected_from_the_address(driver, view_page):
    open_page(driver, view_page, "#49-NQ/TW@2005")
    assert details_text(driver).startswith("49-NQ/TW@2005")
    shot = ARTIFACTS / "graph-view.png"
    driver.save_screenshot(str(shot))
    assert shot.stat().st_size > 20_000
    assert console_errors(driver) == []


def test_a_malformed_address_fragment_is_ignored(driver, view_page):
    open_page(driver, view_page, "#%E0%A4%A")
    assert details_text(driver).startswith("Click a node")
    assert console_errors(driver) == []


def test_a_big_graph_is_capped_says_so_and_draws_quickly(driver):
    g = big_graph(instruments=1000, documents=600)
    path = ARTIFACTS / "graph-capped.html"
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    rw.write(g, "html", path)
    seconds = open_page(driver, path, timeout=30)
    assert count(driver, VISIBLE_NODES) == 300
    note = driver.find_element("id", "note")
    assert "300 most cited of 1,000 instruments" in note.text and "capped" in note.get_attribute("class")
    assert seconds < 15, f"drawing 600 nodes took {seconds:.1f} s"
    driver.save_screenshot(str(ARTIFACTS / "graph-capped.png"))
    assert console_errors(driver) == []
