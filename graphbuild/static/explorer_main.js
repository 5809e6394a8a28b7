/* graphbuild explorer: start-up, controls and routing.
 *
 * Routes (the address fragment): #/ the graph and the search; #/i/KEY an instrument page;
 * #/d/ID[/START] a document page (static export); #KEY (an older link) opens KEY's page.
 * When the first paint is done, body[data-ready] is "true" and window.GB.timings holds
 * the milliseconds since navigation (read by tests and benchmark/bench_explorer.py).
 */
"use strict";

(function () {
  const t = (...a) => GB.t(...a);
  const $ = (id) => document.getElementById(id);
  const RESULT_STEP = 50;
  const filters = { type: -1, kind: -1, issuer: -1, relation: -1, status: "", yearFrom: null, yearTo: null };
  let db = null, matches = [], shown = RESULT_STEP, graphOn = false, selected = -1;
  GB.timings = {};

  // --- controls ---------------------------------------------------------------------------
  function options(select, values, label) {
    select.replaceChildren(GB.el("option", { value: "" }, t("all")),
      ...values.map((v, k) => GB.el("option", { value: String(k) }, label(v, k))));
  }

  function fillControls() {
    const ix = db.index;
    const count = (col, k) => { let n = 0; for (const v of db.cols[col]) if (v === k) n++; return n; };
    options($("f-type"), ix.types, (v, k) => `${v} (${count("type", k)})`);
    options($("f-kind"), ix.kinds, (v) => t(`kind_${v}`));
    options($("f-issuer"), ix.issuers.slice(0, 300), (v, k) => `${v} (${count("issuer", k)})`);
    options($("f-relation"), ix.relations, (r) => `${r[`out_${GB.lang}`]} / ${r[`in_${GB.lang}`]}`);
    options($("f-status"), GB.STATUS_FILTERS, (s) => t(`status_${s}`));
    $("f-status").querySelectorAll("option").forEach((o, k) => { if (k) o.value = GB.STATUS_FILTERS[k - 1]; });
    for (const [id, key] of [["f-type", "type"], ["f-kind", "kind"], ["f-issuer", "issuer"], ["f-relation", "relation"]]) {
      $(id).value = filters[key] >= 0 ? String(filters[key]) : "";
    }
    $("f-status").value = filters.status;
  }

  function translate() {
    document.documentElement.lang = GB.lang;
    document.querySelectorAll("[data-t]").forEach((node) => { node.textContent = t(node.dataset.t); });
    document.querySelectorAll(".lang button").forEach((b) => b.classList.toggle("on", b.dataset.lang === GB.lang));
    const tot = db.index.totals;
    $("note").textContent = t("note", { n: tot.instruments, r: tot.relations, d: tot.citing_documents });
    $("graph-note").textContent = graphOn ? t("graph_note") : GB.webglAvailable() ? t("loading") : t("no_webgl");
    $("legend").replaceChildren(...db.index.types.slice(0, 10).map((type, k) => GB.el("li", {},
      GB.el("span", { class: "swatch", style: `background:${db.index.type_colours[k]}` }), type)));
    fillControls();
  }

  function readFilters() {
    const num = (id) => ($(id).value === "" ? -1 : Number($(id).value));
    const year = (id) => ($(id).value === "" ? null : Number($(id).value));
    Object.assign(filters, { type: num("f-type"), kind: num("f-kind"), issuer: num("f-issuer"),
      relation: num("f-relation"), status: $("f-status").value, yearFrom: year("f-year-from"), yearTo: year("f-year-to") });
  }

  // Search and filters: the list, and which nodes the graph shows.
  function update() {
    const started = performance.now();
    readFilters();
    matches = GB.search(db, $("search").value, filters);
    shown = RESULT_STEP;
    drawResults();
    graphFilters();
    GB.timings.lastSearch = performance.now() - started;
    GB.timings.searches = (GB.timings.searches || 0) + 1;
  }

  // The graph shows the instruments that pass the filters (the search words only pick the list).
  function graphFilters() {
    if (!graphOn) return;
    const key = JSON.stringify(filters);
    if (key === graphFilters.last) return;
    graphFilters.last = key;
    let visible = null;
    if (GB.filtersActive(filters)) {
      visible = new Uint8Array(db.n);
      for (let i = 0; i < db.n; i++) visible[i] = GB.passes(db, filters, i) ? 1 : 0;
    }
    GB.graphView.setVisible(visible);
    GB.graphView.setRelation(filters.relation);
  }

  function drawResults() {
    GB.renderResults(db, $("results"), matches, shown);
    $("result-count").textContent = matches.length === 0 ? t("no_results")
      : matches.length > shown ? t("results_shown", { n: matches.length, k: shown }) : t("results", { n: matches.length });
    $("more-results").hidden = matches.length <= shown;
  }

  function bindControls() {
    let timer = null;
    $("search").addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(update, 60); });
    $("search").addEventListener("keydown", (ev) => {
      if (ev.key === "Enter") { clearTimeout(timer); update(); if (matches.length) location.hash = GB.instrumentHref(db, matches[0]); }
    });
    document.querySelectorAll("#filters select, #filters input").forEach((c) => c.addEventListener("change", update));
    $("f-reset").addEventListener("click", () => {
      document.querySelectorAll("#filters select, #filters input").forEach((c) => { c.value = ""; });
      update();
    });
    $("more-results").addEventListener("click", () => { shown += RESULT_STEP; drawResults(); });
    document.querySelectorAll(".lang button").forEach((b) => b.addEventListener("click", () => {
      GB.setLang(b.dataset.lang); translate(); drawResults(); route();
    }));
    window.addEventListener("hashchange", route);
    window.addEventListener("resize", () => GB.graphView.resize());
  }

  // --- routing ----------------------------------------------------------------------------
  function decoded(text) { try { return decodeURIComponent(text); } catch (e) { return null; } }

  function showPage(on) {
    $("page").hidden = !on;
    document.body.classList.toggle("on-page", on);
  }

  function route() {
    const hash = location.hash.slice(1);
    const page = $("page");
    if (!hash || hash === "/") { showPage(false); selectNode(-1); return; }
    const doc = hash.match(/^\/d\/([^/]+)(?:\/(\d+))?$/);
    if (doc && GB.source.mode === "static") {
      showPage(true);
      GB.renderDocument(db, decoded(doc[1]), doc[2] ? Number(doc[2]) : null, page);
      return;
    }
    const key = decoded(hash.startsWith("/i/") ? hash.slice(3) : hash);
    const i = key === null ? undefined : db.byKey.get(key);
    if (i === undefined) {
      showPage(hash.startsWith("/"));
      page.replaceChildren(GB.el("p", {}, t("not_found", { k: key || hash })));
      return;
    }
    openInstrument(i);
  }

  function selectNode(i) {
    selected = i;
    if (graphOn) GB.graphView.select(i);
  }

  function openInstrument(i) {
    const page = $("page");
    showPage(true);
    page.replaceChildren(GB.el("p", { class: "hint" }, t("loading")));
    page.dataset.instrument = db.cols.key[i];
    selectNode(i);
    GB.source.instrument(i).then((data) => {
      if (page.dataset.instrument !== db.cols.key[i]) return;
      GB.renderInstrument(db, i, page, data, () => { showPage(false); selectNode(i); });
      page.scrollTop = 0;
      document.body.dataset.page = db.cols.key[i];
    });
  }

  // --- start ------------------------------------------------------------------------------
  function startGraph() {
    if (!GB.webglAvailable()) return;
    try {
      GB.graphView.start(db, $("graph"), (i) => { location.hash = GB.instrumentHref(db, i); });
      graphOn = true;
    } catch (e) {
      console.warn("graph not drawn:", e);
    }
  }

  GB.source.index().then((index) => {
    GB.timings.dataLoaded = performance.now();
    db = GB.prepare(index);
    GB.db = db;
    GB.timings.prepared = performance.now();
    translate();
    bindControls();
    update();
    route();
    GB.timings.routed = performance.now();
    requestAnimationFrame(() => requestAnimationFrame(() => {
      GB.timings.firstPaint = performance.now();
      document.body.dataset.ready = "true";
      setTimeout(drawGraph, 0);
    }));
  });

  // The graph comes after the first paint: the search and the pages never wait for WebGL.
  function drawGraph() {
    startGraph();
    if (!graphOn) { $("graph-note").textContent = t("no_webgl"); return; }
    graphFilters();
    GB.graphView.select(selected);
    requestAnimationFrame(() => {
      GB.timings.graphDrawn = performance.now();
      document.body.dataset.graph = "drawn";
      $("graph-note").textContent = t("layout_running");
      GB.graphView.runLayout(Math.min(1500 + db.n / 4, 6000), () => {
        $("graph-note").textContent = t("graph_note");
        document.body.dataset.layout = "done";
      });
    });
  }
})();
