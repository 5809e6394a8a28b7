/* graphbuild explorer: data source, language, search and filters (no DOM drawing here).
 *
 * The data has the shape that graphbuild/view/explorer.py writes: an index (columns of every
 * instrument, the relations as a flat list) and per-instrument details with evidence.
 * In a static export both are JSON blocks of the page (details parsed on first use);
 * under `graphbuild serve` they come from api/index.json and api/instrument/N.json.
 */
"use strict";
window.GB = window.GB || {};

(function () {
  // --- language ---------------------------------------------------------------------------
  const stored = (() => { try { return localStorage.getItem("graphbuild-lang"); } catch (e) { return null; } })();
  GB.lang = stored || ((navigator.language || "vi").toLowerCase().startsWith("vi") ? "vi" : "en");
  GB.t = (key, values) => {
    const labels = GB.LABELS[GB.lang] || GB.LABELS.en;
    if (values && values.n === 1 && labels[`${key}_one`]) key = `${key}_one`;   // English singulars
    const text = labels[key] || GB.LABELS.en[key] || key;
    return text.replace(/\{(\w+)\}/g, (m, name) => {
      const v = values ? values[name] : undefined;
      return typeof v === "number" ? v.toLocaleString(GB.lang === "vi" ? "vi-VN" : "en") : String(v ?? "");
    });
  };
  GB.setLang = (lang) => {
    GB.lang = lang;
    try { localStorage.setItem("graphbuild-lang", lang); } catch (e) { /* file:// without storage */ }
  };

  // --- folding for search: no case, no diacritics, đ → d, TƯ (Party) → TW -----------------
  GB.fold = (text) => String(text ?? "").normalize("NFD").replace(/[\u0300-\u036f]/g, "")
    .replace(/[đĐ]/g, "d").toLowerCase().replace(/\/tu\b/g, "/tw").replace(/\s+/g, " ").trim();

  // --- where the data comes from ----------------------------------------------------------
  function jsonBlock(id) {
    const el = document.getElementById(id);
    return el ? JSON.parse(el.textContent) : null;
  }

  GB.source = document.body.dataset.mode === "server" ? {
    mode: "server",
    index: () => fetch("api/index.json").then((r) => r.json()),
    instrument: (i) => fetch(`api/instrument/${i}.json`).then((r) => r.json()),
    documentHref: (doc, start) => `doc/${encodeURIComponent(doc.id)}${start == null ? "" : `#at-${start}`}`,
  } : {
    mode: "static",
    index: () => Promise.resolve(jsonBlock("explorer-index")),
    instrument: (i) => GB.detailsReady().then((store) => store.instrument(i)),
    documentHref: (doc, start) => `#/d/${encodeURIComponent(doc.id)}${start == null ? "" : `/${start}`}`,
  };

  let details = null;
  // The details block comes after the code: it is there once the document is parsed.
  GB.detailsReady = () => new Promise((resolve) => {
    if (document.readyState !== "loading") resolve(GB.staticDetails());
    else document.addEventListener("DOMContentLoaded", () => resolve(GB.staticDetails()), { once: true });
  });
  GB.staticDetails = () => {
    if (details) return details;
    const raw = jsonBlock("explorer-details");
    const docs = raw.documents;
    const record = (d) => ({ id: docs.id[d], title: docs.title[d], date: docs.date[d], url: docs.url[d] });
    let byDoc = null;
    details = {
      raw,
      record,
      instrument(i) {
        const own = raw.details[i], documents = {};
        for (const part of ["out", "in", "docs"]) {
          for (const row of own[part]) {
            if (part === "docs") documents[row[0]] = record(row[0]);
            for (const ev of row[3]) documents[ev[0]] = record(ev[0]);
          }
        }
        return { details: own, documents };
      },
      docIndex: (id) => docs.id.indexOf(id),
      inDocument(d) {             // every [instrument, part, row, evidence] with evidence in document d
        if (!byDoc) {
          byDoc = new Map();
          raw.details.forEach((own, i) => {
            for (const part of ["out", "docs"]) {
              for (const row of own[part]) {
                for (const ev of row[3]) {
                  if (!byDoc.has(ev[0])) byDoc.set(ev[0], []);
                  byDoc.get(ev[0]).push([i, part, row, ev]);
                }
              }
            }
          });
        }
        return byDoc.get(d) || [];
      },
    };
    return details;
  };

  // --- the index, prepared once -----------------------------------------------------------
  const AMENDS = "AMENDS", REPLACES = "REPLACES", REPEALS = "REPEALS";

  GB.prepare = (index) => {
    const n = index.nodes.key.length, cols = index.nodes;
    const rel = index.relations.map((r) => r.type);
    const effect = new Uint8Array(n);             // 1 amended, 2 replaced, 4 repealed
    const relMask = new Uint16Array(n);           // relation types touching the instrument
    const e = index.edges;
    for (let j = 0; j < e.length; j += 4) {
      const [s, t, r] = [e[j], e[j + 1], e[j + 2]];
      relMask[s] |= 1 << r;
      relMask[t] |= 1 << r;
      if (rel[r] === AMENDS) effect[t] |= 1;
      if (rel[r] === REPLACES) effect[t] |= 2;
      if (rel[r] === REPEALS) effect[t] |= 4;
    }
    const hay = new Array(n), labelFold = new Array(n), byKey = new Map();
    for (let i = 0; i < n; i++) {
      const issuer = cols.issuer[i] >= 0 ? index.issuers[cols.issuer[i]] : "";
      const type = cols.type[i] >= 0 ? index.types[cols.type[i]] : "";
      labelFold[i] = GB.fold(cols.label[i]);
      hay[i] = GB.fold([cols.key[i], cols.label[i], cols.symbol[i], cols.name[i], cols.title[i], type, issuer,
        cols.year[i]].filter((v) => v != null && v !== "").join(" | "));
      byKey.set(cols.key[i], i);
    }
    return { index, n, cols, rel, effect, relMask, hay, labelFold, byKey };
  };

  // --- filters and search -----------------------------------------------------------------
  GB.STATUS_FILTERS = ["resolved", "ambiguous", "unresolved", "amended", "replaced", "repealed"];
  const EFFECT_BIT = { amended: 1, replaced: 2, repealed: 4 };

  GB.passes = (db, f, i) => {
    const c = db.cols;
    if (f.type >= 0 && c.type[i] !== f.type) return false;
    if (f.kind >= 0 && c.kind[i] !== f.kind) return false;
    if (f.issuer >= 0 && c.issuer[i] !== f.issuer) return false;
    if (f.relation >= 0 && !(db.relMask[i] & (1 << f.relation))) return false;
    if (f.status) {
      if (EFFECT_BIT[f.status]) { if (!(db.effect[i] & EFFECT_BIT[f.status])) return false; }
      else if (db.index.statuses[c.status[i]] !== f.status) return false;
    }
    const y = c.year[i];
    if ((f.yearFrom != null || f.yearTo != null) && y == null) return false;
    if (f.yearFrom != null && y < f.yearFrom) return false;
    if (f.yearTo != null && y > f.yearTo) return false;
    return true;
  };

  GB.filtersActive = (f) => f.type >= 0 || f.kind >= 0 || f.issuer >= 0 || f.relation >= 0 || !!f.status
    || f.yearFrom != null || f.yearTo != null;

  // Every instrument whose text holds every word of the query, best first: the label itself,
  // then a label or number starting with the query, then any match; most cited first within.
  GB.search = (db, query, f) => {
    const q = GB.fold(query), words = q.split(" ").filter(Boolean);
    const ranked = [];
    for (let i = 0; i < db.n; i++) {
      if (!GB.passes(db, f, i)) continue;
      if (!words.length) { ranked.push(i); continue; }
      const hay = db.hay[i];
      let ok = true;
      for (const w of words) if (!hay.includes(w)) { ok = false; break; }
      if (!ok) continue;
      const label = db.labelFold[i], number = GB.fold(db.cols.number[i]);
      const rank = label === q || number === q ? 0 : label.startsWith(q) || hay.startsWith(q) ? 1
        : hay.includes(q) ? 2 : 3;
      ranked.push(rank * 1e7 + i);              // i is the rank by citing documents
    }
    if (!words.length) return ranked;
    ranked.sort((a, b) => a - b);
    return ranked.map((v) => v % 1e7);
  };
})();
