"""notebooks/explore.ipynb runs top to bottom on the sample corpus and draws every chart.

The executed copy and its charts (PNG) are saved under test-artifacts/notebook/.
"""

from __future__ import annotations

import base64
import time

import nbformat
import pytest

from .conftest import REPO

NOTEBOOK = REPO / "notebooks" / "explore.ipynb"
ARTIFACTS = REPO / "test-artifacts" / "notebook"
FIGURES = {"figure-overview", "figure-most-cited", "figure-timeline", "figure-issuers", "figure-bodies",
           "figure-neighbourhood"}
TIME_LIMIT = 30.0


def outputs(cell, output_type: str):
    return [o for o in cell.get("outputs", []) if o.output_type == output_type]


def figure_tag(cell) -> str | None:
    return next((t for t in cell.metadata.get("tags", []) if t.startswith("figure-")), None)


def test_the_committed_notebook_has_no_outputs_and_starts_with_its_settings():
    nb = nbformat.read(NOTEBOOK, as_version=4)
    nbformat.validate(nb)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert all(c.outputs == [] and c.execution_count is None for c in code)
    assert nb.cells[0].cell_type == "code" and "CORPUS = " in nb.cells[0].source
    assert {figure_tag(c) for c in code} - {None} == FIGURES


def test_only_the_public_api_is_used():
    source = "\n".join(c.source for c in nbformat.read(NOTEBOOK, as_version=4).cells if c.cell_type == "code")
    assert "graphbuild." not in source.replace("from graphbuild.", "").replace("from graphbuild import", "")
    assert not [line for line in source.splitlines() if "graphbuild" in line and "import _" in line]
    assert "._" not in source.replace("__", "")
    # The façade builds the graph: the notebook does not re-assemble the pipeline by hand.
    assert "build_corpus(" in source
    assert not any(name in source for name in ("analyse_document", "build_graph", "iter_documents", "Catalog"))


@pytest.fixture(scope="module")
def executed():
    """Run the notebook once, as a researcher would (cwd = notebooks/), outputs to test-artifacts."""
    from nbclient import NotebookClient

    nb = nbformat.read(NOTEBOOK, as_version=4)
    # Like papermill: a cell after the settings overrides them for this run.
    nb.cells.insert(1, nbformat.v4.new_code_cell(
        f"CORPUS = {str(REPO / 'data' / 'corpus')!r}\nOUTPUT = {str(ARTIFACTS / 'out')!r}"))
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    client = NotebookClient(nb, kernel_name="python3", timeout=120, allow_errors=True,
                            resources={"metadata": {"path": str(NOTEBOOK.parent)}})
    start = time.perf_counter()
    client.execute()
    seconds = time.perf_counter() - start
    nbformat.write(nb, ARTIFACTS / "explore.executed.ipynb")
    return nb, seconds


def test_the_notebook_runs_without_errors_quickly(executed):
    nb, seconds = executed
    errors = [f"{o.ename}: {o.evalue}" for c in nb.cells for o in outputs(c, "error")]
    assert errors == []
    assert seconds < TIME_LIMIT, f"the notebook took {seconds:.1f} s"
    stderr = "".join(o.text for c in nb.cells for o in outputs(c, "stream") if o.name == "stderr")
    assert "missing from" not in stderr and "Glyph" not in stderr      # matplotlib's warnings for tofu
    assert (ARTIFACTS / "out" / "graph.html").stat().st_size > 10_000


def test_every_chart_is_drawn_and_saved(executed):
    nb, _ = executed
    saved = set()
    for cell in nb.cells:
        pngs = [o.data["image/png"] for o in outputs(cell, "display_data") if "image/png" in o.data]
        tag = figure_tag(cell)
        assert len(pngs) == (1 if tag else 0), f"cell {tag or cell.source[:40]!r}"
        if tag:
            data = base64.b64decode(pngs[0])
            assert data.startswith(b"\x89PNG") and len(data) > 10_000
            (ARTIFACTS / f"{tag}.png").write_bytes(data)
            saved.add(tag)
    assert saved == FIGURES


def test_the_tables_show_the_sample_corpus(executed):
    nb, _ = executed
    text = "".join(str(o.data.get("text/html", "")) + str(o.data.get("text/markdown", ""))
                   for c in nb.cells for o in outputs(c, "display_data"))
    assert "49-NQ/TW@2005" in text and "84-KL/TW@2020" in text
    assert "REVIEWS" in text and "IMPLEMENTS" in text               # the neighbourhood tables
    assert "27-NQ/TW@2018; 27-NQ/TW@2022" in text                   # candidates to review
    assert "Tổ chức sơ kết 3 năm thực hiện Nghị quyết số 27-NQ/TW." in text
    chains = "".join(str(o.data.get("text/markdown", "")) for c in nb.cells for o in outputs(c, "display_data"))
    assert "12-KH/BCĐ@2024 —IMPLEMENTS→ 84-KL/TW@2020 —REVIEWS→ 49-NQ/TW@2005" in chains
