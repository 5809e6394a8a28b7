/* graphbuild explorer: the result list, the instrument page (a relation diagram in both
 * directions, each relation with its evidence) and the document page of a static export.
 * Every text from the data enters the page as a DOM text node, never as HTML.
 */
"use strict";
window.GB = window.GB || {};

(function () {
  const t = (...a) => GB.t(...a);
  const LIST_LIMIT = 12;           // entries per relation box before "show all"
  const DOC_LIMIT = 30;

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (name === "onclick") node.addEventListener("click", value);
      else node.setAttribute(name, value);
    }
    for (const child of children.flat(Infinity)) {
      if (child === null || child === undefined || child === false) continue;
      node.append(child instanceof Node ? child : String(child));
    }
    return node;
  }
  GB.el = el;

  // Only http(s) addresses become links: a "javascript:" url in the data stays text.
  const safeUrl = (url) => (typeof url === "string" && /^https?:\/\//i.test(url) ? url : null);
  function sourceLink(url) {
    const href = safeUrl(url);
    return href ? el("a", { class: "source-link", href, rel: "noopener noreferrer" }, t("source")) : null;
  }

  GB.instrumentHref = (db, i) => `#/i/${encodeURIComponent(db.cols.key[i])}`;

  function facts(db, i) {
    const c = db.cols;
    const type = c.type[i] >= 0 ? db.index.types[c.type[i]] : null;
    const kind = c.kind[i] >= 0 ? t(`kind_${db.index.kinds[c.kind[i]]}`) : null;
    return [type, kind, c.year[i], c.issuer[i] >= 0 ? db.index.issuers[c.issuer[i]] : null]
      .filter((v) => v !== null && v !== undefined && v !== "").join(" · ");
  }

  // --- the result list --------------------------------------------------------------------
  GB.renderResults = (db, list, matches, limit) => {
    list.replaceChildren(...matches.slice(0, limit).map((i) => el("li", { "data-i": i },
      el("a", { href: GB.instrumentHref(db, i) }, db.cols.label[i]),
      el("span", { class: "facts" }, facts(db, i), db.cols.docs[i] ? ` · ${t("cited_docs", { n: db.cols.docs[i] })}` : ""),
      db.cols.name[i] || db.cols.title[i] ? el("span", { class: "subject" }, db.cols.title[i] || db.cols.name[i]) : null)));
  };

  // --- evidence ----------------------------------------------------------------------------
  function evidenceBlock(db, ev, documents) {
    const [d, start, , sentence] = ev;
    const doc = documents[d] || { id: String(d) };
    const links = [el("a", { class: "doc-link", href: GB.source.documentHref(doc, start) },
      `${t("open_document")}: ${doc.title || doc.id}`)];
    links.push(sourceLink(doc.url));
    return el("div", { class: "evidence" }, el("blockquote", {}, sentence || "…"), el("p", { class: "links" }, links));
  }

  function relationEntry(db, row, documents) {
    const [j, , count, evidence] = row;
    return el("li", {},
      el("a", { class: "instrument-link", href: GB.instrumentHref(db, j) }, db.cols.label[j]),
      el("span", { class: "facts" }, ` ${facts(db, j)}`, count > 1 ? ` · ${t("times", { n: count })}` : ""),
      evidence.slice(0, 2).map((ev) => evidenceBlock(db, ev, documents)));
  }

  function capped(items, limit, render, box) {
    const list = el("ul", {}, items.slice(0, limit).map(render));
    box.append(list);
    if (items.length > limit) {
      const more = el("button", { type: "button", class: "show-all" }, t("show_all", { n: items.length }));
      more.addEventListener("click", () => { list.replaceChildren(...items.map(render)); more.remove(); });
      box.append(more);
    }
  }

  function relationBox(db, r, direction, rows, documents) {
    const relation = db.index.relations[r];
    const name = relation[`${direction}_${GB.lang}`] || relation[`${direction}_en`];
    const box = el("section", { class: `rel-box${rows.length ? "" : " empty"}`, "data-relation": relation.type,
      "data-direction": direction, style: `border-top-color:${relation.colour}` },
      el("h3", {}, name, el("span", { class: "count" }, rows.length ? String(rows.length) : t("none"))));
    if (rows.length) capped(rows, LIST_LIMIT, (row) => relationEntry(db, row, documents), box);
    return box;
  }

  function card(db, i) {
    const c = db.cols, rows = [];
    const add = (key, value) => { if (value !== null && value !== undefined && value !== "") rows.push([key, value]); };
    add("f_symbol", c.symbol[i]); add("f_number", c.number[i]);
    add("f_type", c.type[i] >= 0 ? db.index.types[c.type[i]] : null); add("f_year", c.year[i]);
    add("f_issuer", c.issuer[i] >= 0 ? db.index.issuers[c.issuer[i]] : null);
    add("f_name", c.name[i]); add("f_title", c.title[i]);
    add("f_status", t(`status_${db.index.statuses[c.status[i]]}`)); add("f_docs", c.docs[i]); add("f_key", c.key[i]);
    return el("div", { class: "card" }, el("h2", {}, c.label[i]),
      el("dl", {}, rows.map(([k, v]) => [el("dt", {}, t(k)), el("dd", {}, v)])));
  }

  GB.renderInstrument = (db, i, page, data, onGraph) => {
    const { details, documents } = data;
    const byRel = (part) => db.index.relations.map((r, k) => details[part].filter((row) => row[1] === k));
    const outgoing = byRel("out"), incoming = byRel("in");
    const column = (rows, direction) => el("div", { class: `column ${direction}` },
      el("h3", { class: "column-title" }, t(direction === "out" ? "outgoing" : "incoming")),
      rows.map((list, r) => relationBox(db, r, direction, list, documents)));
    const centre = el("div", { class: "column centre" }, card(db, i),
      el("button", { type: "button", id: "show-in-graph", onclick: onGraph }, t("show_in_graph")));
    const cited = el("section", { class: "cited-in" }, el("h2", {}, t("cited_in", { n: details.docs.length })));
    capped(details.docs, DOC_LIMIT, ([d, about, , evidence]) => el("li", {},
      el("a", { class: "doc-link", href: GB.source.documentHref(documents[d], evidence.length ? evidence[0][1] : null) },
        documents[d].title || documents[d].id),
      el("span", { class: "facts" }, ` ${documents[d].date || ""}`, about ? ` · ${t("subject_of")}` : ""),
      sourceLink(documents[d].url),
      evidence.slice(0, 1).map((ev) => el("blockquote", {}, ev[3]))), cited);
    page.replaceChildren(el("h2", { class: "page-title" }, t("diagram")),
      el("div", { class: "diagram" }, column(outgoing, "out"), centre, column(incoming, "in")), cited);
  };

  // --- the document page of a static export -----------------------------------------------
  GB.renderDocument = (db, docId, at, page) => GB.detailsReady().then((store) => {
    const d = store.docIndex(docId);
    if (d < 0) { page.replaceChildren(el("p", {}, t("not_found", { k: docId }))); return; }
    const doc = store.record(d), rows = store.inDocument(d).slice().sort((a, b) => a[3][1] - b[3][1]);
    const relName = (row) => db.index.relations[row[1]][`out_${GB.lang}`];
    page.replaceChildren(
      el("h2", { class: "page-title" }, `${t("document")}: ${doc.title || doc.id}`),
      el("p", { class: "facts" }, t("doc_meta", { id: doc.id, date: doc.date || "?" }),
        safeUrl(doc.url) ? [" · ", sourceLink(doc.url)] : null),
      el("p", { class: "hint" }, t("doc_text_note")),
      el("h3", {}, t("doc_mentions")),
      el("ol", { class: "doc-evidence" }, rows.map(([i, part, row, ev]) => el("li",
        { "data-start": ev[1], class: ev[1] === at ? "target" : null },
        part === "out"
          ? [el("a", { href: GB.instrumentHref(db, i) }, db.cols.label[i]), ` ${relName(row)} `,
            el("a", { href: GB.instrumentHref(db, row[0]) }, db.cols.label[row[0]])]
          : el("a", { href: GB.instrumentHref(db, i) }, db.cols.label[i]),
        el("blockquote", {}, ev[3])))));
    const target = page.querySelector("li.target");
    if (target) target.scrollIntoView({ block: "center" });
    document.body.dataset.page = `doc:${doc.id}`;
  });
})();
