// The simulator's worker: loads the page's own wasm a second time (the page sends the URLs of its
// bindings and its wasm first) and answers each request with `worker_call`, in order. A message
// that is not a request's JSON text gets an answer with an `error` and changes nothing.
let api = null;
let ready = null;

const refuse = (error) => self.postMessage(JSON.stringify({ view: null, selected: null, error }));

self.onmessage = async (e) => {
  const msg = e.data;
  if (msg && typeof msg === "object" && msg.init) {
    if (ready) return refuse("the simulator is already loaded");
    ready = (async () => {
      const bindings = await import(msg.glue);
      await bindings.default({ module_or_path: msg.wasm });
      api = bindings;
    })();
    return;
  }
  if (!ready) return refuse("the simulator is not loaded yet");
  await ready;
  if (typeof msg !== "string") return refuse(`not a request: a message of type ${typeof msg}`);
  self.postMessage(api.worker_call(msg));
};
