"""The corpus explorer as a local web app (``graphbuild serve OUTDIR``), on 127.0.0.1 only.

    server = ExplorerServer.from_outdir("out/", port=0)     # 0: any free port
    print(server.url)
    server.serve_forever()                                   # until server.shutdown()

Routes: ``/`` the explorer page; ``/api/index.json`` every instrument (what the first paint
and the search need); ``/api/instrument/N.json`` one instrument's relations, citing documents
and evidence; ``/doc/ID`` the document's annotated text (:mod:`graphbuild.view.annotate`),
the citation of ``#at-START`` highlighted.  Texts are read again from the paths the graph
records for its documents (relative to the current folder, the build folder or its parent).
"""

from __future__ import annotations

import json
import threading
import zlib
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

import networkx as nx

from graphbuild.corpus.inputs import iter_documents
from graphbuild.export.nodelink import read_graph
from graphbuild.graph.vocab import DOCUMENT
from graphbuild.models import Document
from graphbuild.resolve.catalog import Catalog
from graphbuild.view.annotate import annotate
from graphbuild.view.explorer import ExplorerData, explorer_data
from graphbuild.view.page import render_explorer

HOST = "127.0.0.1"
_HIGHLIGHT = """<script>
(function () {
  var m = location.hash.match(/^#at-(\\d+)$/);
  if (!m) return;
  var el = document.querySelector('a.cite[data-start="' + m[1] + '"]');
  if (el) { el.classList.add("evidence-target"); el.id = "evidence-target"; el.scrollIntoView({block: "center"}); }
  document.body.dataset.evidence = el ? "found" : "missing";
})();
</script>
<style>.evidence-target { outline: 3px solid #d62728; background: #fff3bf; }
.explorer-bar { position: sticky; top: 0; background: #f7f8fa; border-bottom: 1px solid #d9dee4;
  padding: 6px 12px; font-family: "DejaVu Sans", Arial, sans-serif; font-size: 14px; z-index: 9; }
.explorer-bar a { margin-right: 16px; }</style>
"""


class DocumentStore:
    """The texts of the graph's documents, read again from the files the graph names.

    A ``.jsonl``/``.jsonl.gz`` corpus is read once, on the first request for one of its
    documents, keeping the wanted texts compressed in memory.
    """

    def __init__(self, g: nx.MultiDiGraph, bases: list[Path]):
        self.where: dict[str, str] = {}
        for _, a in g.nodes(data=True):
            if a.get("label") == DOCUMENT and a.get("path"):
                self.where[a["doc_id"]] = a["path"]
        self.bases = bases
        self.cache: dict[str, dict[str, tuple[bytes, str, str | None, str | None]]] = {}
        self.lock = threading.Lock()

    def _locate(self, path: str) -> Path | None:
        candidate = Path(path)
        if candidate.is_absolute():
            return candidate if candidate.is_file() else None
        for base in self.bases:
            if (base / candidate).is_file():
                return base / candidate
        return None

    def _load(self, path: str) -> dict:
        wanted = {doc_id for doc_id, p in self.where.items() if p == path}
        found = self._locate(path)
        texts = {}
        if found is not None:
            for doc in iter_documents([str(found)], lambda problem: None):
                if doc.id in wanted:
                    texts[doc.id] = (zlib.compress(doc.text.encode("utf-8"), 1), doc.path, doc.title, doc.date)
                    if len(texts) == len(wanted):
                        break
        return texts

    def warm_up(self) -> threading.Thread:
        """Read every corpus file in a background thread, so the first document page is quick."""
        def load_all() -> None:
            for doc_id in {p: d for d, p in self.where.items()}.values():
                self.get(doc_id)
        thread = threading.Thread(target=load_all, name="graphbuild-documents", daemon=True)
        thread.start()
        return thread

    def get(self, doc_id: str) -> Document | None:
        """The document ``doc_id`` as it was read for the graph, or None when its file is gone."""
        path = self.where.get(doc_id)
        if path is None:
            return None
        with self.lock:
            if path not in self.cache:
                self.cache[path] = self._load(path)
            entry = self.cache[path].get(doc_id)
        if entry is None:
            return None
        text, doc_path, title, date = entry
        return Document(id=doc_id, text=zlib.decompress(text).decode("utf-8"), path=doc_path, title=title, date=date)


class ExplorerServer(ThreadingHTTPServer):
    """A threading HTTP server for one graph's explorer, bound to 127.0.0.1."""

    daemon_threads = True

    def __init__(self, g: nx.MultiDiGraph, *, port: int = 0, bases: list[Path] | None = None,
                 catalog: Catalog | None = None, title: str | None = None):
        self.data: ExplorerData = explorer_data(g, title)
        self.page = render_explorer(self.data, "server").encode("utf-8")
        self.index = json.dumps(self.data.index, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        self.documents = DocumentStore(g, bases or [Path.cwd()])
        self.doc_url = {a["doc_id"]: a.get("url") for _, a in g.nodes(data=True) if a.get("label") == DOCUMENT}
        self.catalog = catalog
        super().__init__((HOST, port), ExplorerHandler)

    @classmethod
    def from_outdir(cls, outdir, *, port: int = 0, catalog: Catalog | None = None) -> "ExplorerServer":
        """The explorer of the graph in the build folder ``outdir`` (or a graph.json)."""
        outdir = Path(outdir)
        folder = outdir if outdir.is_dir() else outdir.parent
        g = read_graph(outdir)
        return cls(g, port=port, bases=[Path.cwd(), folder, folder.parent], catalog=catalog)

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.server_address[1]}/"

    def document_page(self, doc_id: str) -> bytes | None:
        doc = self.documents.get(doc_id)
        if doc is None:
            return None
        if self.catalog is None:
            self.catalog = Catalog.load()
        page = annotate([doc], self.catalog, graph_href="/")
        links = ['<a href="/">← graphbuild explorer</a>']
        url = self.doc_url.get(doc_id)
        if isinstance(url, str) and url.lower().startswith(("http://", "https://")):     # never javascript:
            links.append(f'<a class="source-link" href="{_attr(url)}" rel="noopener noreferrer">{_text(url)}</a>')
        bar = f'<nav class="explorer-bar">{"".join(links)}</nav>'
        page = page.replace("<body>\n", f"<body>\n{bar}\n", 1).replace("</body>", f"{_HIGHLIGHT}</body>", 1)
        return page.encode("utf-8")


def _text(value: str) -> str:
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _attr(value: str) -> str:
    return _text(value).replace('"', "&quot;")


class ExplorerHandler(BaseHTTPRequestHandler):
    """GET only; every answer is complete (Content-Length), nothing is logged."""

    server: ExplorerServer
    protocol_version = "HTTP/1.1"

    def log_message(self, format, *args) -> None:      # quiet: the CLI prints the address once
        pass

    def do_GET(self) -> None:
        path = urlsplit(self.path).path
        if path in ("/", "/index.html"):
            return self._send(self.server.page, "text/html; charset=utf-8")
        if path == "/api/index.json":
            return self._send(self.server.index, "application/json")
        if path.startswith("/api/instrument/") and path.endswith(".json"):
            number = path[len("/api/instrument/"):-len(".json")]
            if number.isdigit() and int(number) < len(self.server.data.details):
                body = json.dumps(self.server.data.instrument(int(number)), ensure_ascii=False,
                                  separators=(",", ":")).encode("utf-8")
                return self._send(body, "application/json")
        if path.startswith("/doc/"):
            page = self.server.document_page(unquote(path[len("/doc/"):]))
            if page is not None:
                return self._send(page, "text/html; charset=utf-8")
            return self._send(_missing(unquote(path[len("/doc/"):])), "text/html; charset=utf-8",
                              HTTPStatus.NOT_FOUND)
        self._send(b"not found\n", "text/plain; charset=utf-8", HTTPStatus.NOT_FOUND)

    def _send(self, body: bytes, content_type: str, status: HTTPStatus = HTTPStatus.OK) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-cache")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.end_headers()
        try:
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass


def _missing(doc_id: str) -> bytes:
    return (f'<!DOCTYPE html><html lang="vi"><meta charset="utf-8"><title>{_text(doc_id)}</title>'
            f'<p><a href="/">← graphbuild explorer</a></p><p>The text of document {_text(doc_id)} '
            f"cannot be read: its file is not where the graph says ({quote(doc_id)}).</p></html>").encode("utf-8")

