"""A library query in the real Neo4j Browser (5.24, the ``org.neo4j.client:neo4j-browser`` jar that
the test server serves at ``<http>/browser/``), in headless Chromium, against the session's Neo4j.

The Browser is opened, connects over Bolt (WebSocket) to 127.0.0.1 with the test password, runs
the ``:param`` lines of ``cypher/most_cited.cypher`` then its query, as ``cypher/README.md``
says; the rows of its table must be NetworkX's answer. Screenshot:
test-artifacts/neo4j/browser-most_cited.png (docs/neo4j-browser.png is a copy).
"""

from __future__ import annotations

import json

import pytest

from graphbuild.db.connect import open_driver
from graphbuild.db.queryfile import load_query
from graphbuild.db.sync import SyncOptions, sync_graph

from .browser_support import browser_available, chromium_driver
from .conftest import REPO
from .neo4j_server import wipe
from .test_neo4j_queries import TWINS

pytestmark = [
    pytest.mark.integration, pytest.mark.browser,
    pytest.mark.skipif(not browser_available(),
                       reason="Chromium, chromedriver or selenium missing (scripts/install_browser.sh)"),
]

ARTIFACTS = REPO / "test-artifacts" / "neo4j"
QUERY = REPO / "cypher" / "most_cited.cypher"
PASTE = """
const area = document.querySelector('[data-testid=activeEditor] textarea');
area.focus();
const data = new DataTransfer();
data.setData('text/plain', arguments[0]);
area.dispatchEvent(new ClipboardEvent('paste', {clipboardData: data, bubbles: true, cancelable: true}));
"""


@pytest.fixture(scope="module")
def seeded(neo4j_server, seeds_graph):
    drv = open_driver(neo4j_server.uri, neo4j_server.auth)
    try:
        wipe(drv)
        sync_graph(drv, seeds_graph, SyncOptions())
    finally:
        drv.close()
    return seeds_graph


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    driver = chromium_driver(tmp_path_factory.mktemp("chromium"))
    yield driver
    driver.quit()


def wait(browser, condition, what: str, timeout: float = 90.0):
    from selenium.webdriver.support.ui import WebDriverWait
    return WebDriverWait(browser, timeout, poll_frequency=0.2).until(condition, f"waiting for {what}")


def paste_and_run(browser, text: str) -> None:
    """Paste ``text`` into the Browser's editor (as a user pastes a file) and press Run."""
    browser.find_element("css selector", "[data-testid=activeEditor] .monaco-editor").click()
    browser.execute_script(PASTE, text)
    browser.find_element("css selector", "[data-testid=editor-Run]").click()


def log_in(browser, password: str, tries: int = 3) -> None:
    """Fill the connect form and connect. The Browser may re-render the form while it starts
    (a field typed into too early comes back empty, and the click does nothing), so the
    password is checked in the field and the form is filled again if no login follows."""
    from selenium.common.exceptions import (ElementNotInteractableException, StaleElementReferenceException,
                                            TimeoutException)
    from selenium.webdriver.common.keys import Keys

    def ready_field(b):
        field = b.find_element("css selector", "[data-testid=password]")
        return field if field.is_displayed() and field.is_enabled() else False

    def connected(b) -> bool:
        return any("You are connected as user neo4j" in t for t in frame_texts(b))

    for attempt in range(1, tries + 1):
        try:
            field = wait(browser, ready_field, "the form")
            if field.get_attribute("value"):
                field.send_keys(Keys.CONTROL, "a")          # typed over, not appended to
            field.send_keys(password)
            if field.get_attribute("value") == password:
                browser.find_element("css selector", "[data-testid=connect]").click()
                wait(browser, connected, "the login", timeout=30.0 if attempt < tries else 90.0)
                return
        except (TimeoutException, StaleElementReferenceException, ElementNotInteractableException):
            if connected(browser):
                return
            if attempt == tries:
                raise
    raise AssertionError(f"the Browser's password field did not keep the password in {tries} tries")


def frame_texts(browser) -> list[str]:
    return [f.text for f in browser.find_elements("css selector", "[data-testid=frame]")]


def table_rows(browser) -> list[list]:
    """The newest frame's table: one list of cell values (JSON, as the Browser shows them) per row."""
    frame = browser.find_elements("css selector", "[data-testid=frame]")[0]
    rows = []
    for row in frame.find_elements("css selector", "[role=row]"):
        cells = row.find_elements("css selector", "[role=cell]")
        if cells:
            rows.append([json.loads(c.text) for c in cells])
    return rows


def test_a_library_query_in_the_neo4j_browser(neo4j_server, seeded, browser):
    host, port = neo4j_server.uri.rsplit("//", 1)[1].rsplit(":", 1)
    browser.get(f"{neo4j_server.http}browser/?dbms=bolt://neo4j@{host}:{port}&preselectAuthMethod=NATIVE")
    log_in(browser, neo4j_server.password)

    query = load_query(str(QUERY))
    lines = [line for line in QUERY.read_text(encoding="utf-8").splitlines() if line.startswith(":param")]
    assert lines and len(lines) == len(query.params)
    for line in lines:                                  # the README's steps: each :param line, then the query
        paste_and_run(browser, line)
        wait(browser, lambda b: f'"{line.split()[1]}"' in frame_texts(b)[0], line)
    paste_and_run(browser, query.text)
    wait(browser, lambda b: "Started streaming" in frame_texts(b)[0], "the rows")

    _, expected, _ = TWINS["most_cited"](seeded)
    want = [list(r) for r in expected[:query.params["limit"]]]
    assert 3 <= len(want) and table_rows(browser) == want
    headers = [h.text for h in browser.find_elements("css selector", "[data-testid=frame] [role=columnheader]")]
    assert headers[:5] == ["instrument", "symbol", "type", "year", "documents"]
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    browser.save_screenshot(str(ARTIFACTS / "browser-most_cited.png"))
