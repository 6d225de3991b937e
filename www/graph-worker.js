// The Graph tab's layout worker: loads the graph's own wasm (kubeplay-graph, built beside the
// page's) the first time it is asked, and answers each { id, wire, options } with
// { id, answer, numbers } (see graph_svg in src/bin/graph.rs; `numbers`, a Float32Array handed
// over, when the answer is a canvas scene) or { id, error }, in order. { id, export: true } asks
// for the last graph as an SVG document: { id, svg }.
let ready = null;

self.onmessage = async (e) => {
  const msg = e.data || {};
  const asked = performance.now();
  try {
    if (!ready) {
      ready = import("./kubeplay-graph.js").then(async (m) => {
        await m.default({ module_or_path: new URL("./kubeplay-graph_bg.wasm", self.location.href) });
        return m;
      });
    }
    const m = await ready;
    if (msg.export) {
      self.postMessage({ id: msg.id, svg: m.graph_last_svg() });
      return;
    }
    if (typeof msg.wire !== "string") throw new Error("not a graph");
    // The time this answer waited for the wasm to be fetched and compiled (the first one only).
    const t0 = performance.now();
    const load = t0 - asked;
    const o = msg.options || {};
    const text = (v) => String(v || "");
    const over = Number.isFinite(o.canvasOver) ? Math.max(0, Math.floor(o.canvasOver)) : 200;
    const answer = m.graph_svg(msg.wire, text(o.namespace), text(o.kind), !!o.collapse, text(o.stack), text(o.label), text(o.cluster), over);
    const numbers = m.graph_numbers();
    const ms = performance.now() - t0;
    if (numbers.length) self.postMessage({ id: msg.id, answer, numbers, ms, load }, [numbers.buffer]);
    else self.postMessage({ id: msg.id, answer, ms, load });
  } catch (err) {
    self.postMessage({ id: msg.id, error: String(err && err.message ? err.message : err) });
  }
};
