// The simulator's worker: loads the page's own wasm a second time (the page sends the URLs of its
// bindings and its wasm first) and answers each request with `worker_call`, in order. A message
// that is not a request's JSON text gets an answer with an `error` and changes nothing.
//
// The console's kubectl is a wasm of its own (`kubeplay-sim`), loaded the first time a console
// request comes: it is brought to the same cluster by replaying every request that changed the
// cluster since the last reset (the engine is deterministic: the same requests give the same
// cluster), then it answers everything from then on.
let api = null;
let ready = null;
let full = null;
// The requests that changed the cluster since the last reset, as sent (their views not asked).
let log = [];

const refuse = (error) => self.postMessage(JSON.stringify({ view: null, selected: null, error }));

// The op's name: `"step"`, `{"apply": …}` → "apply".
const opOf = (req) => (typeof req.op === "string" ? req.op : Object.keys(req.op || {})[0]);

const loadFull = () =>
  full ||
  (full = (async () => {
    const m = await import(new URL("kubeplay-sim.js", self.location.href).href);
    await m.default();
    for (const msg of log) m.worker_call(msg);
    log = [];
    return m;
  })());

// One message at a time, in order: none is answered while the console's wasm is catching up.
let chain = Promise.resolve();
self.onmessage = (e) => {
  chain = chain.then(() => handle(e.data));
};

async function handle(msg) {
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
  let req = null;
  try {
    req = JSON.parse(msg);
  } catch {
    // worker_call says what is wrong with it.
  }
  const op = req && opOf(req);
  if (op === "console" || op === "complete") {
    try {
      api = await loadFull();
    } catch (err) {
      const stderr = `the console's simulator could not load: ${err}\n`;
      return self.postMessage(JSON.stringify({ view: null, selected: req.selected ?? null, console: { stdout: "", stderr, code: 1 }, completions: [] }));
    }
  } else if (!full && req && op !== "view") {
    if (op === "reset") log = [];
    log.push(JSON.stringify({ ...req, shows: "Clock" }));
  }
  self.postMessage(api.worker_call(msg));
}
