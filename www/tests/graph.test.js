// The Graph tab as a person uses it: the Service-and-Deployment example drawn with the Service
// linked to its three Pods, a selector typo turning that link into a red near miss that says why,
// a click (or Enter) on a Pod opening its describe, the manifest's own graph before anything is
// applied, and the picture downloaded as SVG. The graph's code loads only when the tab opens.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import { start, open, paste, editorText } from "./harness.js";

let env;
before(async () => { env = await start(); });
after(async () => { await env.browser.close(); await env.server.close(); });

const drawn = (page) => page.locator('.graph-canvas[data-state="drawn"] svg').waitFor();

async function exampleGraph() {
  const page = await open(env.browser, env.server.url);
  await page.getByLabel("Load an example").selectOption("service-deployment");
  await page.locator(".apply-log", { hasText: "deployment.apps/greeter created" }).waitFor();
  // A minute on: the Pods have started and are ready endpoints.
  await page.getByRole("button", { name: "+1 min" }).click();
  await page.locator(".clock", { hasText: "1m00s" }).waitFor();
  return page;
}

test("the Service is linked to the three Pods it selects, and the graph loads only with its tab", async () => {
  const page = await exampleGraph();
  assert.ok(!page.requests.some((u) => /graph/.test(u)), "nothing of the graph before its tab opens");
  await page.getByRole("tab", { name: "Graph" }).click();
  await drawn(page);
  await page.waitForFunction(() => document.querySelectorAll('.graph-canvas g.n[data-kind="Pod"]').length === 3);
  const pods = await page.$$eval('.graph-canvas g.n[data-kind="Pod"]', (ns) => ns.map((n) => n.dataset.name));
  assert.equal(pods.length, 3);
  assert.ok(pods.every((p) => p.startsWith("greeter-")), pods.join());
  const selects = await page.$$eval(".graph-canvas path.e.selects", (ps) => ps.map((p) => p.dataset.why));
  assert.equal(selects.length, 3, selects.join("\n"));
  assert.ok(selects.every((t) => t === "selects: spec.selector app=greeter"), selects.join("\n"));
  // The Deployment owns its ReplicaSet, which owns the Pods; each Pod runs on a Node.
  assert.equal(await page.locator(".graph-canvas path.e.owns").count(), 4);
  assert.equal(await page.locator(".graph-canvas path.e.runs-on").count(), 3);
  // Each node is a button named by what it is.
  const svc = page.locator('.graph-canvas g.n[data-kind="Service"][data-name="greeter"]');
  assert.equal(await svc.getAttribute("role"), "button");
  assert.match(await svc.getAttribute("aria-label"), /^Service greeter \(default\)/);
  assert.ok(page.requests.some((u) => u.endsWith("kubeplay-graph_bg.wasm")));
  const origin = new URL(env.server.url).origin;
  assert.ok(page.requests.every((u) => u.startsWith(origin) || u.startsWith("blob:")), "only the page's own files");
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test("a typo in the Service's selector turns its link into a red near miss that says why", async () => {
  const page = await exampleGraph();
  await page.getByRole("tab", { name: "Graph" }).click();
  await drawn(page);
  const text = (await editorText(page)).replace("  selector:\n    app: greeter", "  selector:\n    app: greter");
  assert.ok(text.includes("app: greter"));
  await paste(page, text);
  const miss = page.locator(".graph-canvas text.why");
  await miss.waitFor();
  const why = await miss.textContent();
  assert.match(why, /app=greeter/);
  assert.match(why, /app=greter/);
  assert.equal(await page.locator(".graph-canvas path.e.selects").count(), 0);
  assert.equal(await page.locator(".graph-canvas path.e.miss").count(), 1);
  // Hovering the red line says the same in its tooltip.
  await page.locator(".graph-canvas path.e.miss").dispatchEvent("pointerover");
  assert.match(await page.locator(".graph-canvas").getAttribute("title"), /^miss: .*app=greter/);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test("clicking a Pod opens its describe; Enter on a focused node does too", async () => {
  const page = await exampleGraph();
  await page.getByRole("tab", { name: "Graph" }).click();
  await drawn(page);
  const pod = page.locator('.graph-canvas g.n[data-kind="Pod"]').first();
  const name = await pod.getAttribute("data-name");
  await pod.click();
  const head = page.locator(".describe .describe-head");
  await head.filter({ hasText: `kubectl describe pod ${name}` }).waitFor();
  assert.match(await page.locator(".describe pre").textContent(), new RegExp(`Name:\\s+${name}`));
  await page.waitForFunction(() => document.querySelector(".graph-canvas g.n.sel"));
  // Close it, then the keyboard way: the Service focused, Enter.
  await page.getByRole("button", { name: /close/i }).first().click();
  await page.locator('.graph-canvas g.n[data-kind="Service"][data-name="greeter"]').focus();
  await page.keyboard.press("Enter");
  await head.filter({ hasText: "kubectl describe service greeter" }).waitFor();
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test("the node with the keyboard's focus keeps it while the cluster changes under it", async () => {
  const page = await open(env.browser, env.server.url);
  await page.getByLabel("Load an example").selectOption("service-deployment");
  await page.locator(".apply-log", { hasText: "deployment.apps/greeter created" }).waitFor();
  await page.getByRole("tab", { name: "Graph" }).click();
  await drawn(page);
  const svc = page.locator('.graph-canvas g.n[data-kind="Service"][data-name="greeter"]');
  await svc.focus();
  // The clock moved on without the focus leaving the graph: the Pods start, the graph is redrawn.
  await page.evaluate(() => [...document.querySelectorAll("button")].find((b) => b.textContent === "+1 min").click());
  await page.locator('.graph-canvas g.n[data-kind="Pod"][aria-label$=": Running"]').first().waitFor();
  assert.deepEqual(await page.evaluate(() => [document.activeElement.dataset.kind, document.activeElement.dataset.name]), ["Service", "greeter"]);
  await page.context().close();
});

test("a change is shown as one: a new Pod fades in and those that stay glide to their new places", async () => {
  const page = await exampleGraph();
  await page.getByRole("tab", { name: "Graph" }).click();
  await drawn(page);
  // Each redraw says how many nodes came in and how many moved.
  await page.evaluate(() => {
    window.changes = [];
    const c = document.querySelector(".graph-canvas");
    new MutationObserver(() => window.changes.push([c.dataset.entered, c.dataset.moved])).observe(c, { attributes: true, attributeFilter: ["data-entered"] });
  });
  const text = (await editorText(page)).replace("replicas: 3", "replicas: 4");
  assert.ok(text.includes("replicas: 4"));
  await paste(page, text);
  await page.waitForFunction(() => document.querySelectorAll('.graph-canvas g.n[data-kind="Pod"]').length === 4);
  const changes = await page.evaluate(() => window.changes);
  assert.ok(changes.some(([entered, moved]) => entered === "1" && Number(moved) >= 1), JSON.stringify(changes));
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test("before anything is applied, each template's Pods are one stack, linked as the manifest says", async () => {
  const page = await open(env.browser, env.server.url);
  await page.getByRole("checkbox", { name: "auto" }).uncheck();
  await page.getByLabel("Load an example").selectOption("service-deployment");
  await page.getByRole("tab", { name: "Graph" }).click();
  await drawn(page);
  const stack = page.locator(".graph-canvas g.n.stack");
  await stack.waitFor();
  assert.match(await stack.getAttribute("aria-label"), /^3 Pods of Deployment greeter/);
  assert.equal(await page.locator(".graph-canvas path.e.selects").count(), 1);
  assert.ok(await page.locator(".g-static").isVisible());
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test("Download SVG gives a file that parses as SVG", async () => {
  const page = await exampleGraph();
  await page.getByRole("tab", { name: "Graph" }).click();
  await drawn(page);
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: "Download SVG" }).click(),
  ]);
  assert.equal(download.suggestedFilename(), "kubeplay-graph.svg");
  const svg = fs.readFileSync(await download.path(), "utf8");
  const parsed = await page.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, "image/svg+xml");
    return {
      error: !!doc.querySelector("parsererror"),
      root: doc.documentElement.nodeName,
      nodes: doc.querySelectorAll("g.n").length,
      reasons: [...doc.querySelectorAll("path.e > title")].filter((t) => t.textContent.startsWith("selects: ")).length,
    };
  }, svg);
  assert.deepEqual(parsed, { error: false, root: "svg", nodes: await page.locator(".graph-canvas g.n").count(), reasons: 3 });
  await page.context().close();
});

test("two fingers spread on the picture zoom it in; the wheel and the keys zoom and fit", async () => {
  const page = await exampleGraph();
  await page.getByRole("tab", { name: "Graph" }).click();
  await drawn(page);
  const scale = () => page.$eval(".graph-canvas svg", (s) => Number(/scale\(([\d.]+)\)/.exec(s.style.transform)[1]));
  const fitted = await scale();
  const box = await page.locator(".graph-canvas").boundingBox();
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  const cdp = await page.context().newCDPSession(page);
  const at = (d) => [{ x: cx - d, y: cy, id: 1 }, { x: cx + d, y: cy, id: 2 }];
  await cdp.send("Input.dispatchTouchEvent", { type: "touchStart", touchPoints: at(40) });
  for (const d of [60, 80, 100, 120]) await cdp.send("Input.dispatchTouchEvent", { type: "touchMove", touchPoints: at(d) });
  await cdp.send("Input.dispatchTouchEvent", { type: "touchEnd", touchPoints: [] });
  const pinched = await scale();
  assert.ok(pinched > fitted * 2, `pinched to ${pinched} from ${fitted}`);
  // The keyboard: 0 fits again, - zooms out.
  await page.locator(".graph-canvas").focus();
  await page.keyboard.press("0");
  assert.equal(await scale(), fitted);
  await page.keyboard.press("-");
  assert.ok((await scale()) < fitted);
  await page.mouse.move(cx, cy);
  await page.mouse.wheel(0, -300);
  await page.waitForFunction((k) => Number(/scale\(([\d.]+)\)/.exec(document.querySelector(".graph-canvas svg").style.transform)[1]) > k, fitted * 0.8);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

// Past a few hundred objects the picture is drawn on a canvas, with one hidden button per node:
// the same graph to a person who looks, clicks, hovers, tabs or downloads it.
const big = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: crowd
spec:
  replicas: 300
  selector:
    matchLabels:
      app: crowd
  template:
    metadata:
      labels:
        app: crowd
    spec:
      containers:
        - name: web
          image: nginx:1.27
---
apiVersion: v1
kind: Service
metadata:
  name: crowd
spec:
  selector:
    app: crowd
  ports:
    - port: 80
`;

test("a graph of 300 Pods is drawn on a canvas that clicks, hovers, tabs and downloads like the SVG", async () => {
  const page = await open(env.browser, env.server.url);
  await paste(page, big);
  await page.locator(".apply-log", { hasText: "deployment.apps/crowd created" }).waitFor();
  await page.getByRole("button", { name: "+1 min" }).click();
  await page.locator(".clock", { hasText: "1m00s" }).waitFor();
  await page.getByRole("tab", { name: "Graph" }).click();
  await page.locator('.graph-canvas[data-state="drawn"][data-mode="canvas"][data-keys]').waitFor();
  assert.equal(await page.locator(".graph-canvas svg").count(), 0, "no SVG in the page");
  // Every node is a button named by what it is, as in the SVG.
  const pods = page.locator('.graph-canvas .graph-keys button[data-kind="Pod"]');
  assert.equal(await pods.count(), 300);
  assert.match(await pods.first().getAttribute("aria-label"), /^Pod crowd-[a-z0-9]+-[a-z0-9]+ \(default\): Running$/);
  // Something is painted: the outlines of the nodes and links, not a blank canvas.
  const inked = await page.$eval(".graph-canvas canvas", (c) => {
    const d = c.getContext("2d").getImageData(0, 0, c.width, c.height).data;
    let n = 0;
    for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n++;
    return n;
  });
  assert.ok(inked > 1000, `${inked} pixels painted`);
  // A Pod found by its name comes to the middle of the picture; a click there opens its describe,
  // and the pointer over it names it.
  const name = await pods.nth(123).getAttribute("data-name");
  await page.getByRole("searchbox", { name: "Find by name" }).fill(name);
  await page.locator(".graph-found", { hasText: "1" }).waitFor();
  const box = await page.locator(".graph-canvas").boundingBox();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.waitForFunction(() => /^Pod /.test(document.querySelector(".graph-canvas").title));
  assert.equal(await page.locator(".graph-canvas").getAttribute("title"), `Pod ${name} (default): Running`);
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  const head = page.locator(".describe .describe-head");
  await head.filter({ hasText: `kubectl describe pod ${name}` }).waitFor();
  // A drag pans and opens nothing.
  await page.getByRole("button", { name: /close/i }).first().click();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2 + 80, box.y + box.height / 2 + 30, { steps: 4 });
  await page.mouse.up();
  assert.equal(await head.count(), 0, "a drag is not a click");
  // The keyboard: the Service's button focused, Enter.
  await page.locator('.graph-canvas .graph-keys button[data-kind="Service"][data-name="crowd"]').focus();
  await page.keyboard.press("Enter");
  await head.filter({ hasText: "kubectl describe service crowd" }).waitFor();
  // The download is the SVG of the whole graph, reasons and all.
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: "Download SVG" }).click(),
  ]);
  const svg = fs.readFileSync(await download.path(), "utf8");
  const parsed = await page.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, "image/svg+xml");
    return {
      error: !!doc.querySelector("parsererror"),
      nodes: doc.querySelectorAll("g.n").length,
      // Ready or not yet, each Pod is linked to the Service that selects it.
      selected: [...doc.querySelectorAll("path.e.selects, path.e.not-ready")].length,
    };
  }, svg);
  assert.deepEqual(parsed, { error: false, nodes: await page.locator(".graph-canvas .graph-keys button").count(), selected: 300 });
  assert.deepEqual(page.errors, []);
  await page.context().close();
});
