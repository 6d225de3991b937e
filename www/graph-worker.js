// The Graph tab's layout worker: loads the graph's own wasm (kubeplay-graph, built beside the
// page's) the first time it is asked, and answers each { id, wire, options } with
// { id, answer } (see graph_svg in src/bin/graph.rs) or { id, error }, in order.
let ready = null;

self.onmessage = async (e) => {
  const msg = e.data || {};
  try {
    if (!ready) {
      ready = import("./kubeplay-graph.js").then(async (m) => {
        await m.default({ module_or_path: new URL("./kubeplay-graph_bg.wasm", self.location.href) });
        return m;
      });
    }
    const m = await ready;
    if (typeof msg.wire !== "string") throw new Error("not a graph");
    const t0 = performance.now();
    const o = msg.options || {};
    const text = (v) => String(v || "");
    const answer = m.graph_svg(msg.wire, text(o.namespace), text(o.kind), !!o.collapse, text(o.stack), text(o.label), text(o.cluster));
    self.postMessage({ id: msg.id, answer, ms: performance.now() - t0 });
  } catch (err) {
    self.postMessage({ id: msg.id, error: String(err && err.message ? err.message : err) });
  }
};
