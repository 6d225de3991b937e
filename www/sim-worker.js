// The simulator's worker: loads the page's own wasm a second time (the page sends the URLs of its
// bindings and its wasm first) and answers each request with `worker_call`, in order.
let api = null;
let ready = null;

self.onmessage = async (e) => {
  const msg = e.data;
  if (msg && typeof msg === "object" && msg.init) {
    ready = (async () => {
      const bindings = await import(msg.glue);
      await bindings.default({ module_or_path: msg.wasm });
      api = bindings;
    })();
    return;
  }
  await ready;
  self.postMessage(api.worker_call(msg));
};
