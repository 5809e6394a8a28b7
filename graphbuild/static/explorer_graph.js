/* graphbuild explorer: the whole graph with sigma.js (WebGL) and graphology.
 *
 * Every instrument is a node, every instrument-to-instrument relation an arrow.  The first
 * paint uses a deterministic spiral (the most cited in the middle); ForceAtlas2 then runs in
 * a web worker for a few seconds.  Filters and the selection only change what the reducers
 * return: nothing is rebuilt.
 */
"use strict";
window.GB = window.GB || {};

(function () {
  const V = window.GraphbuildVendor;
  let sigma = null, graph = null, layout = null;
  const state = { visible: null, selected: -1, neighbours: new Set(), relation: -1 };

  GB.webglAvailable = () => {
    try {
      const canvas = document.createElement("canvas");
      return !!(canvas.getContext("webgl2") || canvas.getContext("webgl"));
    } catch (e) { return false; }
  };

  function buildGraph(db) {
    const g = new V.Graph({ type: "directed", multi: true, allowSelfLoops: false });
    const c = db.cols, colours = db.index.type_colours;
    for (let i = 0; i < db.n; i++) {
      const r = 6 * Math.sqrt(i + 1);            // golden-angle spiral: the most cited in the middle
      g.addNode(i, {
        x: r * Math.cos(i * 2.399963), y: r * Math.sin(i * 2.399963),
        size: 2 + 1.6 * Math.sqrt(c.docs[i]),
        color: c.type[i] >= 0 ? colours[c.type[i]] : "#9e9e9e",
        label: c.label[i],
      });
    }
    const e = db.index.edges, rel = db.index.relations;
    for (let j = 0; j < e.length; j += 4) {
      if (e[j] === e[j + 1]) continue;
      g.addEdgeWithKey(j / 4, e[j], e[j + 1], { rel: e[j + 2], color: rel[e[j + 2]].colour, size: 1 });
    }
    return g;
  }

  function nodeReducer(node, data) {
    const i = Number(node);
    if (state.visible && !state.visible[i]) return { ...data, hidden: true };
    if (state.selected < 0) return data;
    if (i === state.selected) return { ...data, highlighted: true, forceLabel: true, zIndex: 2 };
    if (state.neighbours.has(i)) return { ...data, forceLabel: true, zIndex: 1 };
    return { ...data, color: "#d9dee4", label: "", zIndex: 0 };
  }

  function edgeReducer(edge, data) {
    const [s, t] = graph.extremities(edge).map(Number);
    if (state.visible && (!state.visible[s] || !state.visible[t])) return { ...data, hidden: true };
    if (state.relation >= 0 && data.rel !== state.relation) return { ...data, hidden: true };
    if (state.selected >= 0 && s !== state.selected && t !== state.selected) return { ...data, hidden: true };
    return state.selected >= 0 ? { ...data, size: 2 } : data;
  }

  GB.graphView = {
    start(db, container, onClick) {
      graph = buildGraph(db);
      sigma = new V.Sigma(graph, container, {
        defaultEdgeType: "arrow", labelRenderedSizeThreshold: 9, labelDensity: 0.5,
        labelFont: "DejaVu Sans, Noto Sans, Arial, sans-serif", zIndex: true,
        nodeReducer, edgeReducer, minCameraRatio: 0.02, maxCameraRatio: 20,
      });
      sigma.on("clickNode", ({ node }) => onClick(Number(node)));
      sigma.on("enterNode", () => { container.style.cursor = "pointer"; });
      sigma.on("leaveNode", () => { container.style.cursor = ""; });
      return sigma;
    },
    // ForceAtlas2 in a worker, after the first paint; stops by itself.
    runLayout(ms, onDone) {
      if (!graph || graph.order < 2 || !window.Worker) return onDone && onDone(false);
      const settings = V.forceAtlas2.inferSettings(graph);
      settings.barnesHutOptimize = graph.order > 1000;
      settings.gravity = 1;
      settings.adjustSizes = false;
      try {
        layout = new V.FA2Layout(graph, { settings });
        layout.start();
      } catch (e) { return onDone && onDone(false); }
      setTimeout(() => { GB.graphView.stopLayout(); if (onDone) onDone(true); }, ms);
    },
    stopLayout() {
      if (layout) { layout.kill(); layout = null; }
    },
    setVisible(visible) { state.visible = visible; if (sigma) sigma.refresh({ skipIndexation: false }); },
    setRelation(r) { state.relation = r; if (sigma) sigma.refresh(); },
    select(i) {
      state.selected = i;
      state.neighbours = new Set(i >= 0 && graph ? graph.neighbors(String(i)).map(Number) : []);
      if (!sigma) return;
      sigma.refresh();
      if (i >= 0) {
        const pos = sigma.getNodeDisplayData(String(i));
        if (pos) sigma.getCamera().animate({ x: pos.x, y: pos.y, ratio: 0.25 }, { duration: 300 });
      }
    },
    resize() { if (sigma) sigma.resize(); },
    sigma: () => sigma,
    kill() { GB.graphView.stopLayout(); if (sigma) sigma.kill(); sigma = null; },
  };
})();
