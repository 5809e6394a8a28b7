// The browser libraries of the explorer, bundled by scripts/build_vendor.sh into
// graphbuild/static/vendor/explorer-vendor.min.js (one IIFE, no network at run time).
import Graph from "graphology";
import Sigma from "sigma";
import forceAtlas2 from "graphology-layout-forceatlas2";
import FA2Layout from "graphology-layout-forceatlas2/worker";

window.GraphbuildVendor = { Graph, Sigma, forceAtlas2, FA2Layout };
