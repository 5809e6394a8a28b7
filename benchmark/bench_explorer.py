"""The corpus explorer on a whole graph: first paint and search in headless Chromium.

    python benchmark/bench_explorer.py /tmp/bulk-graph [--runs 5] [--json out.json]

Build the graph first (all 26,085 bulk documents: ~12.5k instruments, ~63k edges):
``graphbuild build ../shared/corpus/bulk.jsonl.gz -o /tmp/bulk-graph -j 2 --formats json``.

Both ways of opening the explorer are measured: ``graphbuild serve`` (its server on
127.0.0.1, started here) and the static ``html`` export opened from a file:// URL.  Per
fresh page load: *first paint* is the time from navigation start to the second animation
frame after the interface and the result list are drawn (``GB.timings.firstPaint``);
*graph drawn* is the same for the first frame with the WebGL graph of every instrument.
*Search* is the time from the input event of a typed query (debounce of 60 ms included)
to the second animation frame after the result list shows the answer.  Medians of
``--runs`` loads.  Chromium runs headless with software WebGL (SwiftShader), as in the tests.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from graphbuild.build import read_graph  # noqa: E402
from graphbuild.export.html import write_html  # noqa: E402
from graphbuild.view.serve import ExplorerServer  # noqa: E402
from tests.browser_support import chromium_driver, wait_for  # noqa: E402

QUERIES = ("Luat Dat dai", "49-NQ/TW", "nghi dinh 100/2019", "45", "bo chinh tri")

# Type the query as an input event; resolve at the second frame after the list changed.
SEARCH_JS = """
const [query, done] = [arguments[0], arguments[arguments.length - 1]];
const box = document.getElementById('search'), before = GB.timings.searches || 0;
const t0 = performance.now();
box.value = query;
box.dispatchEvent(new Event('input'));
(function wait() {
  if ((GB.timings.searches || 0) === before) return requestAnimationFrame(wait);
  requestAnimationFrame(() => requestAnimationFrame(() =>
    done([performance.now() - t0, document.querySelectorAll('#results li').length,
          document.getElementById('result-count').textContent])));
})();
"""


def load(driver, url: str) -> dict:
    driver.get("about:blank")
    driver.get(url)
    wait_for(driver, "return document.body.dataset.ready === 'true'", 60, "the first paint")
    wait_for(driver, "return document.body.dataset.graph === 'drawn'", 60, "the graph")
    return driver.execute_script("return GB.timings")


def measure(driver, url: str, runs: int) -> dict:
    paints, graphs, searches, answers = [], [], {q: [] for q in QUERIES}, {}
    for _ in range(runs):
        timings = load(driver, url)
        paints.append(timings["firstPaint"])
        graphs.append(timings["graphDrawn"])
        driver.execute_script("GB.graphView.stopLayout()")      # the layout worker would share the cores
        for query in QUERIES:
            ms, shown, count = driver.execute_async_script(SEARCH_JS, query)
            searches[query].append(ms)
            answers[query] = count
    return {"first_paint_ms": statistics.median(paints), "graph_drawn_ms": statistics.median(graphs),
            "search_ms": {q: statistics.median(v) for q, v in searches.items()},
            "search_max_ms": max(max(v) for v in searches.values()), "answers": answers}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("graph", help="a build folder or graph.json")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()

    started = time.perf_counter()
    g = read_graph(args.graph)
    report = {"instruments": sum(1 for _, a in g.nodes(data=True) if a.get("label") == "Instrument"),
              "edges": g.number_of_edges(), "read_s": round(time.perf_counter() - started, 2)}
    with tempfile.TemporaryDirectory() as tmp:
        page = Path(tmp) / "explorer.html"
        started = time.perf_counter()
        write_html(g, page)
        report.update(export_s=round(time.perf_counter() - started, 2), export_mb=round(page.stat().st_size / 1e6, 1))
        started = time.perf_counter()
        server = ExplorerServer(g, port=0)
        report["server_start_s"] = round(time.perf_counter() - started, 2)
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        driver = chromium_driver(Path(tmp) / "chromium", page_load_timeout=120)
        driver.set_script_timeout(60)
        try:
            report["serve"] = measure(driver, server.url, args.runs)
            report["static"] = measure(driver, page.as_uri(), args.runs)
        finally:
            driver.quit()
            server.shutdown()
            server.server_close()
    print(json.dumps(report, ensure_ascii=False, indent=1))
    if args.json:
        args.json.write_text(json.dumps(report, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
