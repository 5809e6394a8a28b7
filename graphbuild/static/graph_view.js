/* graphbuild citation graph view: layout, drawing, search, filters and details.
 *
 * Plain JavaScript with no library and no network access.  The data comes from the
 * JSON block with id "graph-data" written by graphbuild/html.py.
 * Every text from the data goes into the page as a DOM text node, never as HTML.
 */
"use strict";

(function () {
  const SVG_NS = "http://www.w3.org/2000/svg";
  const LABEL_PX = 12;            // labels keep this size on screen at any zoom
  const LIST_LIMIT = 40;          // relations listed per direction in the details panel
  const SEARCH_LIMIT = 12;

  const data = JSON.parse(document.getElementById("graph-data").textContent);
  const nodes = data.nodes;
  const edges = data.edges;
  const relationColour = Object.fromEntries(data.relations);
  const svg = document.getElementById("graph");
  const details = document.getElementById("details");
  const byId = (id) => document.getElementById(id);

  const state = {
    relations: new Set(data.relations.map((r) => r[0])),
    yearFrom: -Infinity,
    yearTo: Infinity,
    undated: true,
    documents: false,
    isolatedHidden: false,
    shownNodes: [],
  };
  const view = { x: 0, y: 0, w: 1, h: 1 };     // the SVG viewBox, in layout units
  const elements = { nodes: [], labels: [], labelWidths: [], edges: [] };

  // --- small DOM helpers -------------------------------------------------------------

  function html(tag, attrs, ...children) {
    const el = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs || {})) {
      if (name === "onclick") el.addEventListener("click", value);
      else el.setAttribute(name, value);
    }
    for (const child of children) {
      if (child === null || child === undefined) continue;
      el.append(child instanceof Node ? child : String(child));
    }
    return el;
  }

  function svgEl(tag, attrs, parent) {
    const el = document.createElementNS(SVG_NS, tag);
    for (const [name, value] of Object.entries(attrs)) el.setAttribute(name, value);
    if (parent) parent.appendChild(el);
    return el;
  }

  const plural = (n, word, many = `${word}s`) => `${n.toLocaleString("en")} ${n === 1 ? word : many}`;

  // --- layout: Fruchterman-Reingold forces per connected component, then packing -------
  // Deterministic (a spiral start, no randomness), so the same graph looks the same.
  // Components are laid out apart and packed in rows: no gravity to tune, nothing drifts.

  const IDEAL = 80;                                 // ideal edge length, in layout units

  function layout() {
    const links = uniqueLinks();
    const boxes = components(links).map((members) => layoutComponent(members, links));
    pack(boxes);
  }

  function uniqueLinks() {
    const seen = new Set(), links = [];
    for (const e of edges) {
      const a = Math.min(e.source, e.target), b = Math.max(e.source, e.target);
      if (a !== b && !seen.has(a * nodes.length + b)) {
        seen.add(a * nodes.length + b);
        links.push([a, b]);
      }
    }
    return links;
  }

  function components(links) {
    const parent = nodes.map((d, i) => i);
    const root = (i) => (parent[i] === i ? i : (parent[i] = root(parent[i])));
    for (const [a, b] of links) parent[root(a)] = root(b);
    const groups = new Map();
    nodes.forEach((d, i) => {
      const r = root(i);
      if (!groups.has(r)) groups.set(r, []);
      groups.get(r).push(i);
    });
    return [...groups.values()].sort((a, b) => b.length - a.length || a[0] - b[0]);
  }

  function layoutComponent(members, allLinks) {
    const n = members.length, local = new Map(members.map((m, i) => [m, i]));
    const links = allLinks.filter(([a]) => local.has(a)).map(([a, b]) => [local.get(a), local.get(b)]);
    const x = new Float64Array(n), y = new Float64Array(n);
    for (let i = 0; i < n; i++) {                   // golden-angle spiral, biggest nodes first
      const r = IDEAL * 0.6 * Math.sqrt(i), a = i * 2.399963;
      x[i] = r * Math.cos(a);
      y[i] = r * Math.sin(a);
    }
    const dx = new Float64Array(n), dy = new Float64Array(n);
    const iterations = n > 400 ? 220 : 320;
    let temperature = IDEAL * Math.sqrt(n) / 2;
    for (let it = 0; it < iterations && n > 1; it++) {
      dx.fill(0);
      dy.fill(0);
      repel(x, y, dx, dy, IDEAL);
      attract(x, y, dx, dy, IDEAL, links);
      for (let i = 0; i < n; i++) {
        const len = Math.hypot(dx[i], dy[i]) || 1;
        const step = Math.min(len, temperature);
        x[i] += (dx[i] / len) * step;
        y[i] += (dy[i] / len) * step;
      }
      temperature = Math.max(temperature * 0.97, 1);
    }
    separate(members, x, y);
    return box(members, x, y);
  }

  function box(members, x, y) {
    // The component's bounding box, with room on the right for labels.
    let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
    members.forEach((m, i) => {
      const r = nodes[m].r;
      minX = Math.min(minX, x[i] - r); maxX = Math.max(maxX, x[i] + r + 90);
      minY = Math.min(minY, y[i] - r); maxY = Math.max(maxY, y[i] + r);
    });
    members.forEach((m, i) => { nodes[m].x = x[i] - minX; nodes[m].y = y[i] - minY; });
    return { members, w: maxX - minX, h: maxY - minY };
  }

  function pack(boxes) {
    // Shelf packing: rows of components, in about the shape of the drawing area.
    const gap = 30;
    const area = boxes.reduce((sum, b) => sum + (b.w + gap) * (b.h + gap), 0);
    const screen = svg.getBoundingClientRect();
    const aspect = screen.width && screen.height ? screen.width / screen.height : 1.4;
    const rowWidth = Math.max(Math.sqrt(area * aspect), ...boxes.map((b) => b.w));
    let x = 0, y = 0, rowHeight = 0;
    for (const b of boxes) {
      if (x > 0 && x + b.w > rowWidth) {
        x = 0;
        y += rowHeight + gap;
        rowHeight = 0;
      }
      for (const m of b.members) { nodes[m].x += x; nodes[m].y += y; }
      x += b.w + gap;
      rowHeight = Math.max(rowHeight, b.h);
    }
  }

  function repel(x, y, dx, dy, k) {
    const n = x.length, k2 = k * k;
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        const ex = x[i] - x[j], ey = y[i] - y[j];
        const d2 = ex * ex + ey * ey || 0.01;
        const f = k2 / d2;
        dx[i] += ex * f; dy[i] += ey * f;
        dx[j] -= ex * f; dy[j] -= ey * f;
      }
    }
  }

  function attract(x, y, dx, dy, k, links) {
    for (const [a, b] of links) {
      const ex = x[a] - x[b], ey = y[a] - y[b];
      const f = Math.hypot(ex, ey) / k;
      dx[a] -= ex * f; dy[a] -= ey * f;
      dx[b] += ex * f; dy[b] += ey * f;
    }
  }

  function separate(members, x, y) {
    // Push apart nodes closer than their radii plus room for an arrow, so big nodes do
    // not hide small ones or the edges between them.
    const n = x.length, room = 16;
    for (let pass = 0; pass < 30; pass++) {
      let moved = false;
      for (let i = 0; i < n; i++) {
        for (let j = i + 1; j < n; j++) {
          const min = nodes[members[i]].r + nodes[members[j]].r + room;
          const ex = x[j] - x[i], ey = y[j] - y[i];
          const d = Math.hypot(ex, ey) || 0.01;
          if (d >= min) continue;
          const push = (min - d) / 2;
          x[i] -= (ex / d) * push; y[i] -= (ey / d) * push;
          x[j] += (ex / d) * push; y[j] += (ey / d) * push;
          moved = true;
        }
      }
      if (!moved) break;
    }
  }

  // --- drawing ------------------------------------------------------------------------

  function draw() {
    drawMarkers();
    const bends = edgeBends();
    const edgeLayer = byId("edges"), nodeLayer = byId("nodes"), labelLayer = byId("labels");
    edges.forEach((e, j) => {
      const g = svgEl("g", {
        "data-edge": j, "data-type": e.type, "data-source": nodes[e.source].id, "data-target": nodes[e.target].id,
      }, edgeLayer);
      const d = edgePath(e, bends[j]);
      const path = svgEl("path", {
        d, class: "edge", stroke: relationColour[e.type], "marker-end": `url(#arrow-${e.type})`,
      }, g);
      const hit = svgEl("path", { d, class: "edge-hit" }, g);
      svgEl("title", {}, hit).textContent =
        `${nodes[e.source].label} ${e.type} ${nodes[e.target].label} (×${e.count})`;
      hit.addEventListener("click", (ev) => { ev.stopPropagation(); selectEdge(j); });
      elements.edges.push({ group: g, path });
    });
    nodes.forEach((d, i) => {
      const shape = d.group === "Document"
        ? svgEl("rect", { x: d.x - 4, y: d.y - 4, width: 8, height: 8, class: "node document", fill: d.colour },
          nodeLayer)
        : svgEl("circle", { cx: d.x, cy: d.y, r: d.r, class: "node instrument", fill: d.colour }, nodeLayer);
      shape.setAttribute("data-node", i);
      shape.setAttribute("data-id", d.id);
      svgEl("title", {}, shape).textContent = `${d.label}\n${d.id}`;
      shape.addEventListener("click", (ev) => { ev.stopPropagation(); selectNode(i, false); });
      elements.nodes.push(shape);
      // Offsets in em, so they follow the font size that sizeLabels() sets for the zoom.
      const label = svgEl("text", { x: d.x + d.r, y: d.y, dx: "0.3em", dy: "0.35em", class: "label" },
        labelLayer);
      label.textContent = d.group === "Document" ? "" : shorten(d.label, 28);
      elements.labels.push(label);
    });
    labelLayer.style.fontSize = `${LABEL_PX}px`;
    elements.labelWidths = elements.labels.map((label) => label.getComputedTextLength());
  }

  function sizeLabels() {
    // Same size on screen whatever the zoom: more labels fit as one zooms in.
    const k = view.w / (svg.getBoundingClientRect().width || 1);     // layout units per pixel
    const layer = byId("labels");
    layer.style.fontSize = `${LABEL_PX * k}px`;
    layer.style.strokeWidth = `${3 * k}px`;
    declutter(k);
  }

  function declutter(k) {
    // Mark "crowded" a label that would cover a bigger node's label or another shown
    // instrument; it shows again when its node is in the selection, and its tooltip has it.
    const shown = (i) => state.shownNodes[i] !== false;
    const placed = [];
    const order = nodes.map((d, i) => i).filter((i) => elements.labels[i].textContent && shown(i))
      .sort((a, b) => nodes[b].size - nodes[a].size || a - b);
    for (const i of order) {
      const d = nodes[i];
      const x = d.x + d.r + 0.3 * LABEL_PX * k;
      const box = { x1: x, x2: x + elements.labelWidths[i] * k, y1: d.y - 7 * k, y2: d.y + 6 * k };
      const crowded = placed.some((b) => b.x1 < box.x2 && box.x1 < b.x2 && b.y1 < box.y2 && box.y1 < b.y2)
        || nodes.some((o, j) => j !== i && o.group !== "Document" && shown(j) && circleMeetsBox(o, box));
      elements.labels[i].classList.toggle("crowded", crowded);
      if (!crowded) placed.push(box);
    }
  }

  function circleMeetsBox(d, box) {
    const nx = Math.max(box.x1, Math.min(d.x, box.x2)), ny = Math.max(box.y1, Math.min(d.y, box.y2));
    return Math.hypot(d.x - nx, d.y - ny) < d.r;
  }

  function drawMarkers() {
    const defs = byId("markers");
    for (const [type, colour] of data.relations) {
      const marker = svgEl("marker", {
        id: `arrow-${type}`, viewBox: "0 0 10 10", refX: 9, refY: 5,
        markerWidth: 7, markerHeight: 7, orient: "auto-start-reverse",
      }, defs);
      svgEl("path", { d: "M0,0 L10,5 L0,10 z", fill: colour }, marker);
    }
  }

  const shorten = (text, max) => (text.length > max ? text.slice(0, max - 1) + "…" : text);

  function edgeBends() {
    // Parallel edges between the same two nodes get curves bent to either side.
    const groups = new Map();
    edges.forEach((e, j) => {
      const key = `${Math.min(e.source, e.target)}-${Math.max(e.source, e.target)}`;
      if (!groups.has(key)) groups.set(key, []);
      groups.get(key).push(j);
    });
    const bends = new Array(edges.length).fill(0);
    for (const members of groups.values()) {
      members.forEach((j, m) => { bends[j] = (m - (members.length - 1) / 2) * 22; });
    }
    return bends;
  }

  function edgePath(e, bend) {
    // A quadratic curve from border to border; the arrow ends at the target's edge.
    const s = nodes[e.source], t = nodes[e.target];
    const lo = e.source < e.target ? s : t, hi = e.source < e.target ? t : s;
    const len = Math.hypot(hi.x - lo.x, hi.y - lo.y) || 1;
    const cx = (s.x + t.x) / 2 - ((hi.y - lo.y) / len) * bend;
    const cy = (s.y + t.y) / 2 + ((hi.x - lo.x) / len) * bend;
    const start = towards(s, cx, cy, s.r + 1);
    const end = towards(t, cx, cy, t.r + 2);
    const f = (v) => v.toFixed(1);
    return `M${f(start.x)},${f(start.y)} Q${f(cx)},${f(cy)} ${f(end.x)},${f(end.y)}`;
  }

  function towards(node, px, py, distance) {
    const len = Math.hypot(px - node.x, py - node.y) || 1;
    return { x: node.x + ((px - node.x) / len) * distance, y: node.y + ((py - node.y) / len) * distance };
  }

  // --- zoom and pan (the viewBox) -----------------------------------------------------

  function applyView() {
    svg.setAttribute("viewBox", `${view.x} ${view.y} ${view.w} ${view.h}`);
    sizeLabels();
  }

  function fit() {
    const shown = nodes.filter((d, i) => state.shownNodes[i]);
    fitTo(shown.length ? shown : nodes, 30);
  }

  function fitTo(list, pad) {
    // The nodes in the window with a margin of ``pad`` pixels and room on the right for
    // labels (labels keep their size on screen, so that room is in pixels too).
    if (!list.length) return;
    const labelRoom = 140, closest = 1 / 1.5;       // never more than 1.5 px per layout unit
    const minX = Math.min(...list.map((d) => d.x - d.r)), maxX = Math.max(...list.map((d) => d.x + d.r));
    const minY = Math.min(...list.map((d) => d.y - d.r)), maxY = Math.max(...list.map((d) => d.y + d.r));
    const box = svg.getBoundingClientRect();
    const width = Math.max(box.width - 2 * pad - labelRoom, 50), height = Math.max(box.height - 2 * pad, 50);
    const scale = Math.max((maxX - minX) / width, (maxY - minY) / height, closest);   // units per pixel
    view.w = (box.width || 1) * scale;
    view.h = (box.height || 1) * scale;
    view.x = (minX + maxX + labelRoom * scale - view.w) / 2;
    view.y = (minY + maxY - view.h) / 2;
    applyView();
  }

  function toGraph(clientX, clientY) {
    return new DOMPoint(clientX, clientY).matrixTransform(svg.getScreenCTM().inverse());
  }

  function bindZoomAndPan() {
    svg.addEventListener("wheel", (ev) => {
      ev.preventDefault();
      const factor = Math.exp(ev.deltaY * 0.0015);
      const p = toGraph(ev.clientX, ev.clientY);
      view.x = p.x - (p.x - view.x) * factor;
      view.y = p.y - (p.y - view.y) * factor;
      view.w *= factor;
      view.h *= factor;
      applyView();
    }, { passive: false });

    let drag = null;
    svg.addEventListener("pointerdown", (ev) => {
      if (ev.target !== svg) return;                // nodes and edges take their own clicks
      drag = { start: toGraph(ev.clientX, ev.clientY), moved: 0, x: ev.clientX, y: ev.clientY };
      svg.setPointerCapture(ev.pointerId);
      svg.classList.add("panning");
    });
    svg.addEventListener("pointermove", (ev) => {
      if (!drag) return;
      const p = toGraph(ev.clientX, ev.clientY);
      view.x -= p.x - drag.start.x;
      view.y -= p.y - drag.start.y;
      drag.moved = Math.max(drag.moved, Math.hypot(ev.clientX - drag.x, ev.clientY - drag.y));
      applyView();
    });
    svg.addEventListener("pointerup", () => {
      if (drag && drag.moved < 3) clearSelection();  // a click on the background
      drag = null;
      svg.classList.remove("panning");
    });
    byId("fit").addEventListener("click", fit);
  }

  // --- filters ---------------------------------------------------------------------------

  function nodePasses(d) {
    if (d.group === "Document" && !state.documents) return false;
    if (d.year === null || d.year === undefined) return state.undated;
    return d.year >= state.yearFrom && d.year <= state.yearTo;
  }

  function update() {
    const shown = nodes.map(nodePasses);
    const edgeShown = edges.map((e) => shown[e.source] && shown[e.target] && state.relations.has(e.type));
    if (state.isolatedHidden) {
      const linked = new Uint8Array(nodes.length);
      edges.forEach((e, j) => { if (edgeShown[j]) linked[e.source] = linked[e.target] = 1; });
      shown.forEach((v, i) => { shown[i] = v && linked[i] === 1; });
    }
    state.shownNodes = shown;
    shown.forEach((v, i) => {
      elements.nodes[i].classList.toggle("hidden", !v);
      elements.labels[i].classList.toggle("hidden", !v);
    });
    edgeShown.forEach((v, j) => elements.edges[j].group.classList.toggle("hidden", !v));
    showCounts(shown, edgeShown);
    sizeLabels();                                   // room freed or taken by the filters
  }

  function showCounts(shown, edgeShown) {
    let instruments = 0, documents = 0;
    shown.forEach((v, i) => {
      if (v && nodes[i].group === "Document") documents++;
      else if (v) instruments++;
    });
    const edgeCount = edgeShown.filter(Boolean).length;
    byId("counts").textContent = `Shown: ${plural(instruments, "instrument")}, `
      + `${plural(documents, "document")}, ${plural(edgeCount, "edge")}`;
  }

  function buildFilters() {
    const box = byId("relation-filters");
    const totals = {};
    for (const e of edges) totals[e.type] = (totals[e.type] || 0) + 1;
    for (const [type, colour] of data.relations) {
      const input = html("input", { type: "checkbox", value: type, checked: "" });
      input.addEventListener("change", () => {
        if (input.checked) state.relations.add(type);
        else state.relations.delete(type);
        update();
      });
      box.append(html("label", { class: "check" }, input,
        html("span", { class: "swatch line", style: `background:${colour}` }), type,
        html("span", { class: "count" }, totals[type])));
    }
    bindYears();
    bindCheckbox("show-undated", (on) => { state.undated = on; });
    bindCheckbox("show-documents", (on) => { state.documents = on; });
    bindCheckbox("hide-isolated", (on) => { state.isolatedHidden = on; });
    byId("show-labels").addEventListener("change", (ev) => {
      svg.classList.toggle("labels-off", !ev.target.checked);
    });
  }

  function bindCheckbox(id, set) {
    const input = byId(id);
    set(input.checked);
    input.addEventListener("change", () => { set(input.checked); update(); });
  }

  function bindYears() {
    const years = nodes.map((d) => d.year).filter((y) => y !== null && y !== undefined);
    const from = byId("year-from"), to = byId("year-to");
    if (years.length) {
      const lo = Math.min(...years), hi = Math.max(...years);
      for (const input of [from, to]) { input.min = lo; input.max = hi; }
      from.value = lo;
      to.value = hi;
    }
    const read = () => {
      state.yearFrom = from.value === "" ? -Infinity : Number(from.value);
      state.yearTo = to.value === "" ? Infinity : Number(to.value);
      update();
    };
    from.addEventListener("input", read);
    to.addEventListener("input", read);
  }

  // --- search ----------------------------------------------------------------------------

  const normalise = (text) => String(text || "").normalize("NFC").toLowerCase()
    .replace(/tư/g, "tw").replace(/qd/g, "qđ").replace(/\s+/g, " ").trim();

  function searchKeys(d) {
    const f = d.fields;
    return [d.label, d.id.replace(/^(inst|doc):/, ""), f.key, f.symbol, f.name, f.doc_id]
      .filter(Boolean).map(normalise);
  }

  function search(query) {
    const q = normalise(query);
    if (!q) return [];
    const exact = [], partial = [];
    nodes.forEach((d, i) => {
      if (d.group === "Document" && !state.documents) return;
      const keys = searchKeys(d);
      if (keys.some((k) => k === q || k.startsWith(q + "@"))) exact.push(i);
      else if (keys.some((k) => k.includes(q))) partial.push(i);
    });
    const bySize = (a, b) => nodes[b].size - nodes[a].size;
    return exact.sort(bySize).concat(partial.sort(bySize));
  }

  function bindSearch() {
    const input = byId("search"), list = byId("search-results"), status = byId("search-status");
    let matches = [];
    const run = () => {
      matches = search(input.value);
      elements.nodes.forEach((el, i) => el.classList.toggle("match", matches.includes(i)));
      list.replaceChildren(...matches.slice(0, SEARCH_LIMIT).map((i) => {
        const d = nodes[i], key = d.fields.key || d.fields.doc_id || "";
        const item = html("li", { tabindex: 0, "data-node": i }, d.label,
          key && key !== d.label ? html("span", { class: "hint" }, ` ${key}`) : null);
        item.addEventListener("click", () => selectNode(i, true));
        item.addEventListener("keydown", (ev) => { if (ev.key === "Enter") selectNode(i, true); });
        return item;
      }));
      status.textContent = input.value.trim() ? plural(matches.length, "match", "matches") : "";
    };
    input.addEventListener("input", run);
    input.addEventListener("keydown", (ev) => {
      if (ev.key === "Enter" && matches.length) selectNode(matches[0], true);
    });
  }

  // --- selection and the details panel ---------------------------------------------------

  function clearFocus() {
    svg.classList.remove("focus");
    for (const el of svg.querySelectorAll(".near, .selected")) el.classList.remove("near", "selected");
  }

  function clearSelection() {
    clearFocus();
    details.replaceChildren(html("p", { class: "hint" },
      "Click a node or an edge to see its details and evidence sentences."));
  }

  function focusOn(nodeIndexes, edgeIndexes) {
    clearFocus();
    svg.classList.add("focus");
    for (const i of nodeIndexes) {
      elements.nodes[i].classList.add("near");
      elements.labels[i].classList.add("near");
    }
    for (const j of edgeIndexes) elements.edges[j].path.classList.add("near");
  }

  function selectNode(i, centre) {
    const incident = [];
    const near = new Set([i]);
    edges.forEach((e, j) => {
      if (e.source === i || e.target === i) {
        incident.push(j);
        near.add(e.source);
        near.add(e.target);
      }
    });
    focusOn(near, incident);
    elements.nodes[i].classList.add("selected");
    if (centre) fitTo([...near].filter((j) => state.shownNodes[j] || j === i).map((j) => nodes[j]), 120);
    showNode(i, incident);
  }

  function selectEdge(j) {
    const e = edges[j];
    focusOn([e.source, e.target], [j]);
    elements.edges[j].path.classList.add("selected");
    showEdge(j);
  }

  function nodeLink(i) {
    return html("button", { type: "button", class: "link", onclick: () => selectNode(i, true) }, nodes[i].label);
  }

  function fieldTable(fields) {
    const rows = Object.entries(fields).map(([name, value]) =>
      html("tr", {}, html("th", {}, name), html("td", {}, Array.isArray(value) ? value.join(" · ") : value)));
    return html("table", {}, html("tbody", {}, ...rows));
  }

  function showNode(i, incident) {
    const d = nodes[i];
    const incoming = incident.filter((j) => edges[j].target === i);
    const outgoing = incident.filter((j) => edges[j].source === i);
    details.replaceChildren(
      html("h3", {}, d.label),
      html("p", { class: "sub" }, d.id),
      fieldTable(d.fields),
      relationList(`Cited by (${incoming.length})`, incoming, (e) => e.source),
      relationList(`Cites (${outgoing.length})`, outgoing, (e) => e.target),
    );
  }

  function relationList(title, edgeIndexes, other) {
    // Relations first, plain citations after; the most repeated first.
    const ordered = edgeIndexes.slice().sort((a, b) =>
      (edges[a].type === "CITES") - (edges[b].type === "CITES") || edges[b].count - edges[a].count);
    const section = html("section", {}, html("h2", {}, title));
    for (const j of ordered.slice(0, LIST_LIMIT)) {
      const e = edges[j];
      section.append(html("div", { class: "rel", "data-edge": j },
        html("div", { class: "rel-head" }, typeBadge(e.type), nodeLink(other(e)),
          html("span", { class: "count" }, `×${e.count}`)),
        ...evidenceQuotes(e, nodes[e.target])));
    }
    if (ordered.length > LIST_LIMIT) {
      section.append(html("p", { class: "hint" }, `… and ${ordered.length - LIST_LIMIT} more`));
    }
    return section;
  }

  function showEdge(j) {
    const e = edges[j];
    details.replaceChildren(
      html("h3", {}, nodes[e.source].label, " → ", nodes[e.target].label),
      html("p", { class: "sub" }, `${e.type}, ${plural(e.count, "mention")}`),
      html("div", { class: "rel" },
        html("div", { class: "rel-head" }, nodeLink(e.source), typeBadge(e.type), nodeLink(e.target)),
        ...evidenceQuotes(e, nodes[e.target])),
    );
  }

  function typeBadge(type) {
    return html("span", { class: "rel-type", style: `background:${relationColour[type]}` }, type);
  }

  function evidenceQuotes(e, target) {
    if (!e.evidence.length) return [html("p", { class: "hint" }, "No evidence sentence kept.")];
    const needles = [target.label, ...(target.fields.variants || [])];
    return e.evidence.map((s) => html("blockquote", { class: "evidence" },
      ...marked(s.sentence || "", needles), html("cite", {}, `${s.doc} · ${s.rule}`)));
  }

  function marked(sentence, needles) {
    // The first mention of the cited instrument in the sentence, highlighted.
    let best = null;
    for (const needle of needles) {
      const at = needle ? sentence.indexOf(needle) : -1;
      if (at >= 0 && (!best || at < best.at || (at === best.at && needle.length > best.len))) {
        best = { at, len: needle.length };
      }
    }
    if (!best) return [sentence];
    return [sentence.slice(0, best.at), html("mark", {}, sentence.slice(best.at, best.at + best.len)),
      sentence.slice(best.at + best.len)];
  }

  // --- header, legend, start --------------------------------------------------------------

  function describePage() {
    const { totals, shown, limits } = data;
    const note = byId("note");
    const capped = shown.instruments < totals.instruments;
    note.classList.toggle("capped", capped);
    note.textContent = capped
      ? `Showing the ${shown.instruments.toLocaleString("en")} most cited of `
        + `${plural(totals.instruments, "instrument")} (top ${limits.instruments} by citing documents) `
        + `and ${shown.documents.toLocaleString("en")} of ${plural(totals.documents, "document")}. `
        + "The other export formats hold the whole graph."
      : `All ${plural(totals.instruments, "instrument")} cited by ${plural(totals.documents, "document")}. `
        + "Instruments are sized by citing documents and coloured by type.";
    byId("legend").replaceChildren(...data.types.map(([type, colour]) =>
      html("li", {}, html("span", { class: "swatch", style: `background:${colour}` }), type)));
  }

  function selectFromHash() {
    // graph.html#49-NQ/TW@2005 (or #inst:49-NQ/TW@2005) opens with that node selected.
    let wanted;
    try {
      wanted = decodeURIComponent(location.hash.slice(1));
    } catch (error) {                               // a malformed %-escape: ignore it
      return;
    }
    if (!wanted) return;
    const i = nodes.findIndex((d) => d.id === wanted || d.fields.key === wanted || d.id === `inst:${wanted}`);
    if (i >= 0) selectNode(i, true);
  }

  function start() {
    describePage();
    layout();
    draw();
    buildFilters();
    bindSearch();
    bindZoomAndPan();
    update();
    fit();
    clearSelection();
    selectFromHash();
    window.addEventListener("hashchange", selectFromHash);
    document.body.dataset.ready = "true";          // for tests and screenshots
  }

  start();
})();
