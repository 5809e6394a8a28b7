"""Make the README's pictures from the sample corpus (needs the test extras and Chromium).

    python docs/make_screenshots.py

* docs/graph-view.png: the explorer (graphbuild export --format html) of the sample corpus
  on the page of 49-NQ/TW, in headless Chromium;
* docs/explorer-search.png, explorer-instrument.png, explorer-document.png: the explorer
  served on 3,000 bulk documents (copies of what tests/test_explorer_browser.py shoots);
* docs/notebook-neighbourhood.png: a chart of notebooks/explore.ipynb, run with nbclient.
"""

from __future__ import annotations

import base64
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DOCS = REPO / "docs"
CORPUS = "data/corpus"                      # relative, so document ids read data/corpus/...
CHART_TAG = "figure-neighbourhood"

sys.path.insert(0, str(REPO))


def sample_graph():
    from graphbuild import build_corpus
    return build_corpus(CORPUS, jobs=1)


def screenshot(driver, page: Path, target: Path, fragment: str = "") -> None:
    """Open the explorer in English, wait for the graph's layout (and the page), shoot."""
    from tests.browser_support import wait_for

    driver.get(page.as_uri() + fragment)
    wait_for(driver, "return document.body.dataset.ready === 'true'")
    driver.find_element("css selector", '.lang button[data-lang="en"]').click()
    wait_for(driver, "return document.body.dataset.layout === 'done'")
    if fragment:
        wait_for(driver, "return document.body.dataset.page")
    driver.save_screenshot(str(target))
    print(f"wrote {target.relative_to(REPO)}")


def view_screenshot(work: Path) -> None:
    from graphbuild.export.formats import write
    from tests.browser_support import browser_available, chromium_driver

    if not browser_available():
        sys.exit("Chromium is missing: run scripts/install_browser.sh first")
    write(sample_graph(), "html", work / "graph.html")
    driver = chromium_driver(work)
    try:
        screenshot(driver, work / "graph.html", DOCS / "graph-view.png", "#49-NQ/TW@2005")
    finally:
        driver.quit()


def explorer_screenshots() -> None:
    """Run the explorer's browser tests on the bulk corpus and keep their pictures."""
    import shutil
    import subprocess

    subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                    "tests/test_explorer_browser.py"], cwd=REPO, check=True)
    for name in ("explorer-search.png", "explorer-instrument.png", "explorer-document.png"):
        shutil.copyfile(REPO / "test-artifacts" / "explorer" / name, DOCS / name)
        print(f"wrote docs/{name}")


def notebook_chart() -> None:
    import nbformat
    from nbclient import NotebookClient

    nb = nbformat.read(REPO / "notebooks" / "explore.ipynb", as_version=4)
    nb.cells.insert(1, nbformat.v4.new_code_cell("OUTPUT = None"))
    NotebookClient(nb, kernel_name="python3", timeout=120,
                   resources={"metadata": {"path": str(REPO / "notebooks")}}).execute()
    cell = next(c for c in nb.cells if CHART_TAG in c.metadata.get("tags", []))
    png = next(o.data["image/png"] for o in cell.outputs if "image/png" in o.get("data", {}))
    target = DOCS / "notebook-neighbourhood.png"
    target.write_bytes(base64.b64decode(png))
    print(f"wrote {target.relative_to(REPO)}")


def main() -> None:
    import os

    os.chdir(REPO)
    with tempfile.TemporaryDirectory() as work:
        view_screenshot(Path(work))
    explorer_screenshots()
    notebook_chart()


if __name__ == "__main__":
    main()
