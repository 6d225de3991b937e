// The simulator runs in a Web Worker: the page loads its own wasm a second time there and keeps
// answering while a big apply runs, as a person typing into the editor would notice.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { start, open, paste } from "./harness.js";

let env;
before(async () => { env = await start(); });
after(async () => { await env.browser.close(); await env.server.close(); });

// 1,000 Deployments of 10 Pods on 100 Nodes: an apply that takes the simulator seconds.
function tenThousandPods() {
  let s = "";
  for (let i = 0; i < 100; i++) {
    s += `apiVersion: v1\nkind: Node\nmetadata:\n  name: node-${i}\nstatus:\n  capacity: {cpu: '64', memory: 256Gi, pods: '110'}\n---\n`;
  }
  for (let i = 0; i < 1000; i++) {
    s += `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: svc-${i}\nspec:\n  replicas: 10\n  selector:\n    matchLabels: {app: svc-${i}}\n  template:\n    metadata:\n      labels: {app: svc-${i}}\n    spec:\n      containers:\n      - name: app\n        image: example/app:1\n---\n`;
  }
  return s;
}

test("the cluster is simulated in a worker running the page's own wasm", async () => {
  const page = await open(env.browser, env.server.url);
  await page.locator(".apply-log").waitFor();
  const workers = page.workers().map((w) => new URL(w.url()).pathname);
  assert.deepEqual(workers, ["/play/sim-worker.js"]);
  const wasm = page.requests.filter((u) => u.endsWith("_bg.wasm"));
  assert.equal(new Set(wasm).size, 1, `one wasm file, fetched by the page and the worker: ${wasm}`);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test("typing goes on while 10,000 Pods are applied", async () => {
  const page = await open(env.browser, env.server.url);
  await page.locator(".apply-log").waitFor();
  await paste(page, tenThousandPods());
  // The text is analysed after the debounce, then handed to the worker.
  await page.waitForTimeout(1500);
  await page.keyboard.press("Control+End");
  await page.keyboard.type("# typed while the cluster applies\n");
  const text = await page.locator(".cm-content").innerText();
  assert.ok(text.includes("# typed while the cluster applies"), "the keystrokes reached the editor");
  const deployments = await page.$$eval('table[data-resource="deployment.apps"] tbody tr.row', (r) => r.length);
  assert.ok(deployments < 300, `typing finished before the apply did (${deployments} Deployment rows shown already)`);
  // The apply (of the text with the comment) lands.
  await page.locator(".apply-log", { hasText: "deployment.apps/svc-999 created" }).waitFor({ timeout: 60000 });
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test("when the worker cannot load, the page simulates by itself and says so", async () => {
  const context = await env.browser.newContext({ locale: "en-US" });
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.route("**/sim-worker.js", (route) => route.fulfill({ status: 404, body: "" }));
  await page.goto(env.server.url);
  await page.waitForSelector(".cm-content");
  await page.locator(".notice", { hasText: "now runs on the page" }).waitFor();
  await page.locator(".apply-log", { hasText: "created" }).waitFor();
  const pods = await page.$$eval('table[data-resource="pod"] tbody tr.row', (r) => r.length);
  assert.ok(pods > 0, "the example's Pods are shown");
  assert.deepEqual(errors, []);
  await context.close();
});

test("the worker answers malformed and oversized requests with an error, and goes on working", async () => {
  const page = await open(env.browser, env.server.url);
  await page.locator(".apply-log").waitFor();
  const answers = await page.evaluate(async () => {
    const glue = document.querySelector("link[rel=modulepreload][href*='kubeplay-web']").href;
    const wasm = document.querySelector("link[rel=preload][href$='.wasm']").href;
    const worker = new Worker("./sim-worker.js", { type: "module" });
    const ask = (msg) => new Promise((resolve) => {
      worker.onmessage = (e) => resolve(JSON.parse(e.data));
      worker.postMessage(msg);
    });
    const out = { early: await ask("{}") };
    worker.postMessage({ init: true, glue, wasm });
    const view = { shows: "Clock", selected: null };
    out.garbage = await ask("{not json");
    out.object = await ask({ op: "step" });
    out.unknown = await ask(JSON.stringify({ ...view, op: { explode: {} } }));
    out.backwards = await ask(JSON.stringify({ ...view, op: { run: { ms: -5 } } }));
    out.forever = await ask(JSON.stringify({ ...view, op: { run: { ms: 9e15 } } }));
    out.huge = await ask(JSON.stringify({ ...view, op: { apply: { text: "x".repeat(3 * 1024 * 1024) } } }));
    out.name = await ask(JSON.stringify({ ...view, op: "view", selected: ["Pod", "default", "p".repeat(5000)] }));
    out.fine = await ask(JSON.stringify({ ...view, op: { run: { ms: 60000 } } }));
    worker.terminate();
    return out;
  });
  assert.match(answers.early.error, /not loaded yet/);
  assert.match(answers.garbage.error, /^not a request: /);
  assert.match(answers.object.error, /not a request: a message of type object/);
  assert.match(answers.unknown.error, /unknown variant `explode`/);
  assert.match(answers.backwards.error, /cannot run the clock by -5 ms/);
  assert.match(answers.forever.error, /cannot run the clock by 9000000000000000 ms/);
  assert.match(answers.huge.error, /the text is 3145728 bytes/);
  assert.match(answers.name.error, /too long/);
  for (const k of ["garbage", "unknown", "backwards", "forever", "huge", "name"]) {
    assert.equal(answers[k].view, null, k);
  }
  // After every refusal the same wasm instance still answers: a minute passed on its clock.
  assert.equal(answers.fine.error, undefined);
  assert.match(JSON.stringify(answers.fine.view), /"now":60000/);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});
