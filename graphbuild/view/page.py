"""The explorer's HTML page, and the helpers that put code and data into a page safely.

``render_explorer(data, mode="static")`` inlines the explorer's CSS, the bundled browser
libraries (``graphbuild/static/vendor``: sigma.js and graphology, MIT, see LICENSES.txt) and
its JavaScript: the page needs no network.  A static page also embeds the data as two JSON
blocks, the index (parsed at start) and the details (parsed when a page first needs them);
a ``"server"`` page fetches both from the local server (:mod:`graphbuild.view.serve`).
"""

from __future__ import annotations

import html
import json
import re
from importlib import resources

from graphbuild.view.explorer import ExplorerData

SCRIPTS = ("explorer_i18n.js", "explorer_core.js", "explorer_graph.js", "explorer_pages.js", "explorer_main.js")
VENDOR = "vendor/explorer-vendor.min.js"
_PLACEHOLDER = re.compile(r"/\*\{\{(\w+)\}\}\*/")


def script_json(data) -> str:
    """JSON safe inside ``<script>``: no ``</script>``, ``<!--`` or ``&`` can appear."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def static_text(name: str) -> str:
    """A file shipped in ``graphbuild/static`` (package data)."""
    return resources.files("graphbuild").joinpath("static", *name.split("/")).read_text(encoding="utf-8")


def fill_template(template: str, parts: dict[str, str]) -> str:
    """Replace ``/*{{NAME}}*/`` once each; inserted text is never scanned again."""
    return _PLACEHOLDER.sub(lambda m: parts[m.group(1)], template)


def inline_code(name: str, closing: str) -> str:
    """A static CSS or JS file, checked so it cannot end its ``<style>``/``<script>`` early."""
    text = static_text(name)
    if closing in text.lower():
        raise ValueError(f"graphbuild/static/{name} contains {closing!r}")
    return text


def data_blocks(data: ExplorerData | None) -> tuple[str, str]:
    """The two JSON blocks of a static page: the index goes before the code, the (much
    bigger) details after it, so the page is drawn while the browser still reads them."""
    if data is None:
        return "", ""
    details = {"details": data.details, "documents": data.documents}
    return (f'<script type="application/json" id="explorer-index">{script_json(data.index)}</script>',
            f'<script type="application/json" id="explorer-details">{script_json(details)}</script>')


def render_explorer(data: ExplorerData | None, mode: str = "static", title: str | None = None) -> str:
    """The explorer page: ``mode`` ``"static"`` embeds ``data``; ``"server"`` fetches it."""
    if mode not in ("static", "server"):
        raise ValueError(f"unknown explorer mode {mode!r}")
    title = title or (data.index["title"] if data else "graphbuild: citation explorer")
    index, details = data_blocks(data if mode == "static" else None)
    return fill_template(static_text("explorer.html"), {
        "TITLE": html.escape(title),
        "MODE": mode,
        "CSS": inline_code("explorer.css", "</style"),
        "INDEX": index,
        "DETAILS": details,
        "VENDOR": inline_code(VENDOR, "</script"),
        "JS": "\n".join(inline_code(name, "</script") for name in SCRIPTS),
    })
