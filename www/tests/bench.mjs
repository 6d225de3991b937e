// `./dev.sh bench`, browser half: edit → updated view in headless Chromium, and the page's sizes.
// Prints figures; asserts nothing (the machines are shared and noisy).
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { start, open, paste, DIST } from "./harness.js";

function sizes() {
  const rows = [];
  const walk = (dir) => {
    for (const f of fs.readdirSync(dir)) {
      const p = path.join(dir, f);
      if (fs.statSync(p).isDirectory()) walk(p);
      else if (/\.(wasm|js|css)$/.test(f)) {
        const raw = fs.readFileSync(p);
        rows.push({ file: path.relative(DIST, p), raw: raw.length, gz: zlib.gzipSync(raw, { level: 9 }).length });
      }
    }
  };
  walk(DIST);
  return rows;
}

// Pastes over the editor's text and waits until the Objects tab shows `count` rows; timed inside the
// page from the paste until the renamed first Deployment shows (the 150 ms edit debounce included).
async function editToView(page, text, count, marker) {
  await page.getByRole("tab", { name: "Objects" }).click();
  await page.click(".cm-content");
  await page.keyboard.press("Control+A");
  return page.evaluate(({ text, count, marker }) => new Promise((resolve) => {
    const data = new DataTransfer();
    data.setData("text/plain", text);
    const t0 = performance.now();
    const obs = new MutationObserver(() => {
      const rows = document.querySelectorAll("tr[data-object]");
      if (rows.length === count && document.querySelector(`tr[data-object="Deployment/${marker}"]`)) {
        obs.disconnect();
        resolve(performance.now() - t0);
      }
    });
    obs.observe(document.body, { childList: true, subtree: true, attributes: true, characterData: true });
    document.querySelector(".cm-content").dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
  }), { text, count, marker });
}

const big = fs.readFileSync(path.resolve(DIST, "../target/bench-1000.yaml"), "utf8");
const lesson = big.split("---\n").slice(0, 28).join("---\n");
const lessonCount = 28;

const env = await start();
try {
  const page = await open(env.browser, env.server.url);
  page.on("crash", () => console.error("bench: the page crashed"));
  const median = (xs) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const lessonTimes = [];
  for (let i = 0; i < 7; i++) {
    const marker = `app-0-edit-${i}`;
    lessonTimes.push(await editToView(page, lesson.replace("name: app-0\n", `name: ${marker}\n`), lessonCount, marker));
  }
  const bigTimes = [];
  for (let i = 0; i < 3; i++) {
    const marker = `app-0-big-${i}`;
    bigTimes.push(await editToView(page, big.replace("name: app-0\n", `name: ${marker}\n`), 1000, marker));
  }
  console.log(`browser edit→view, lesson-sized (${lessonCount} objects): median ${median(lessonTimes).toFixed(1)} ms, of which 150 ms is the edit debounce`);
  console.log(`browser edit→view, 1,000 objects: median ${median(bigTimes).toFixed(1)} ms, of which 150 ms is the edit debounce`);
  await page.context().close();

  // A lesson-sized edit while the clock runs at 10×: from the paste until the new ReplicaSet shows.
  const lessonPage = await open(env.browser, env.server.url);
  await lessonPage.getByLabel("Load an example").selectOption("rolling-update");
  await lessonPage.locator(".apply-log", { hasText: "deployment.apps/echo-version created" }).waitFor();
  await lessonPage.getByLabel("Clock speed").selectOption("10");
  await lessonPage.getByRole("button", { name: "Play the clock" }).click();
  await lessonPage.waitForTimeout(1500);
  const rolling = [];
  let current = await lessonPage.$$eval(".cm-content .cm-line", (ls) => ls.map((l) => l.textContent).join("\n"));
  for (let i = 1; i <= 5; i++) {
    const next = current.replace(/echo-version:0\.\d+\.0/, `echo-version:0.${i + 1}.0`);
    await lessonPage.click(".cm-content");
    await lessonPage.keyboard.press("Control+A");
    rolling.push(await lessonPage.evaluate((text) => new Promise((resolve) => {
      const data = new DataTransfer();
      data.setData("text/plain", text);
      const before = new Set([...document.querySelectorAll('table[data-resource="replicaset.apps"] tbody tr.row')].map((r) => r.dataset.name));
      const t0 = performance.now();
      const obs = new MutationObserver(() => {
        const names = [...document.querySelectorAll('table[data-resource="replicaset.apps"] tbody tr.row')].map((r) => r.dataset.name);
        if (names.some((n) => !before.has(n))) { obs.disconnect(); resolve(performance.now() - t0); }
      });
      obs.observe(document.body, { childList: true, subtree: true, characterData: true });
      document.querySelector(".cm-content").dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
    }), next));
    current = next;
    await lessonPage.waitForTimeout(2000);
  }
  console.log(`browser edit→view while the clock runs at 10× (rolling-update example): median ${median(rolling).toFixed(1)} ms, of which 150 ms is the edit debounce`);
  await lessonPage.context().close();

  // 1,000 Pods (100 Deployments × 10) played at 60×: the longest gap between animation frames over
  // five seconds of playing, while Pods start, get Ready and the tables change.
  const thousand = Array.from({ length: 100 }, (_, i) => `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app-${i}\nspec:\n  replicas: 10\n  selector:\n    matchLabels: {app: app-${i}}\n  template:\n    metadata:\n      labels: {app: app-${i}}\n    spec:\n      containers:\n      - name: app\n        image: example/app:1\n        readinessProbe: {httpGet: {path: /, port: 80}, periodSeconds: 5}\n`).join("---\n");
  const playPage = await open(env.browser, env.server.url);
  await paste(playPage, thousand);
  await playPage.locator(".apply-log", { hasText: "deployment.apps/app-99 created" }).waitFor({ timeout: 60000 });
  await playPage.getByLabel("Clock speed").selectOption({ label: "60×" });
  await playPage.getByRole("button", { name: "Play the clock" }).click();
  const playFrame = await playPage.evaluate(() => new Promise((resolve) => {
    let last = performance.now(), longest = 0;
    const end = last + 5000;
    const frame = (t) => { longest = Math.max(longest, t - last); last = t; if (t < end) requestAnimationFrame(frame); else resolve(longest); };
    requestAnimationFrame(frame);
  }));
  const played = await playPage.locator(".clock").innerText();
  console.log(`browser 1,000 Pods playing at 60×: longest frame over 5 s ${playFrame.toFixed(0)} ms (clock at ${played.replace("t = ", "")})`);
  await playPage.context().close();

  // 10,000 Pods (1,000 Deployments × 10 on 100 nodes): paste → applied, then +1 min of cluster time.
  const huge = fs.readFileSync(path.resolve(DIST, "../target/bench-10000-pods.yaml"), "utf8");
  const hugePage = await open(env.browser, env.server.url);
  await hugePage.click(".cm-content");
  await hugePage.keyboard.press("Control+A");
  // Also the longest gap between animation frames from the paste to the applied view: how long the
  // page could not answer a keystroke.
  const [applied, longestFrame] = await hugePage.evaluate((text) => new Promise((resolve) => {
    const data = new DataTransfer();
    data.setData("text/plain", text);
    const t0 = performance.now();
    let last = t0, longest = 0, done = false;
    const frame = (t) => { longest = Math.max(longest, t - last); last = t; if (!done) requestAnimationFrame(frame); };
    requestAnimationFrame(frame);
    const obs = new MutationObserver(() => {
      const log = document.querySelector(".apply-log");
      if (log && log.textContent.includes("deployment.apps/svc-999 created")) {
        obs.disconnect(); done = true; resolve([performance.now() - t0, Math.max(longest, performance.now() - last)]);
      }
    });
    obs.observe(document.body, { childList: true, subtree: true, characterData: true });
    document.querySelector(".cm-content").dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
  }), huge);
  const minute = await hugePage.evaluate(() => new Promise((resolve) => {
    const t0 = performance.now();
    const obs = new MutationObserver(() => {
      if (document.querySelector(".clock").textContent === "t = 1m00s") { obs.disconnect(); resolve(performance.now() - t0); }
    });
    obs.observe(document.body, { childList: true, subtree: true, characterData: true });
    [...document.querySelectorAll("button")].find((b) => b.textContent === "+1 min").click();
  }));
  const running = await hugePage.$$eval('table[data-resource="deployment.apps"] tbody tr.row', (rows) => rows.filter((r) => r.children[1]?.textContent === "10/10").length);
  console.log(`browser 10,000 Pods: paste → applied (10,000 Pods created and scheduled) ${applied.toFixed(0)} ms, longest frame meanwhile ${longestFrame.toFixed(0)} ms; +1 min to steady state ${minute.toFixed(0)} ms; ${running} of the Deployments rendered shown 10/10`);
  await hugePage.context().close();

  // The Graph of a steady cluster of about 500 and 5,000 objects: from the layout worker being
  // asked until the SVG is painted (the first time includes fetching the graph's wasm), again for
  // a full re-layout (the collapse box on and off), and the longest frame while zooming.
  for (const n of [500, 5000]) {
    const text = fs.readFileSync(path.resolve(DIST, `../target/bench-graph-${n}.yaml`), "utf8");
    const gp = await open(env.browser, env.server.url);
    await paste(gp, text);
    await gp.locator(".apply-log", { hasText: "created" }).first().waitFor({ timeout: 120000 });
    await gp.getByRole("button", { name: "+1 min" }).click();
    await gp.locator(".clock", { hasText: "1m00s" }).waitFor({ timeout: 120000 });
    await gp.getByRole("tab", { name: "Graph" }).click();
    const canvas = gp.locator(".graph-canvas");
    await gp.locator('.graph-canvas[data-state="drawn"]').waitFor({ timeout: 120000 });
    const first = Number(await canvas.getAttribute("data-draw-ms"));
    const load = Number(await canvas.getAttribute("data-load-ms"));
    const nodes = await gp.locator(".graph-canvas [data-kind]").count();
    const redraws = [];
    const works = [];
    for (let i = 0; i < 3; i++) {
      for (const on of [true, false]) {
        const box = gp.locator(".g-collapse");
        await (on ? box.check() : box.uncheck());
        await gp.waitForFunction(() => document.querySelector(".graph-canvas").dataset.state === "drawn");
      }
      redraws.push(Number(await canvas.getAttribute("data-draw-ms")));
      works.push(Number(await canvas.getAttribute("data-work-ms")));
    }
    const layout = Number(await canvas.getAttribute("data-layout-ms"));
    const zoomFrame = await gp.evaluate(() => new Promise((resolve) => {
      const c = document.querySelector(".graph-canvas");
      let last = performance.now(), longest = 0, k = 0, paint = -1;
      const frame = (t) => {
        longest = Math.max(longest, t - last);
        if (c.dataset.paintMs) paint = Math.max(paint, Number(c.dataset.paintMs));
        last = t;
        // Zoomed in a step a frame, about the picture's middle, from the whole graph to its
        // words, then out again.
        if (k++ < 60) {
          const r = c.getBoundingClientRect();
          c.dispatchEvent(new WheelEvent("wheel", { deltaY: k <= 30 ? -100 : 100, clientX: r.left + r.width / 2, clientY: r.top + r.height / 2, bubbles: true, cancelable: true }));
          requestAnimationFrame(frame);
        } else resolve({ longest, paint });
      };
      requestAnimationFrame((t) => { last = t; requestAnimationFrame(frame); });
    }));
    const mode = await canvas.getAttribute("data-mode");
    const painted = zoomFrame.paint >= 0 ? `, longest canvas paint meanwhile ${zoomFrame.paint.toFixed(1)} ms` : "";
    console.log(`browser Graph, ${nodes} nodes (${mode}): first draw ${first.toFixed(0)} ms on screen, of which ${load.toFixed(0)} ms fetching and compiling the graph's wasm, re-layout and draw median ${median(redraws).toFixed(0)} ms on screen, ${median(works).toFixed(0)} ms until drawn before the next frame (layout alone ${layout.toFixed(0)} ms); longest frame while zooming ${zoomFrame.longest.toFixed(0)} ms${painted}`);
    await gp.context().close();
  }
} finally {
  await env.browser.close();
  await env.server.close();
}
// The first load is what the page fetches before it is usable; the Graph tab's picture, its
// worker and its wasm are fetched when the tab first opens, the console's prompt when it is first
// opened and its kubectl when it first runs a line.
const lazy = (f) => /graph|kubeplay-sim|^console\.js$|editor-editor-search/.test(f);
let total = 0;
let later = 0;
let searchLater = 0;
let simLater = 0;
for (const r of sizes()) {
  if (/kubeplay-sim|^console\.js$/.test(r.file)) simLater += r.gz;
  else if (/editor-search/.test(r.file)) searchLater += r.gz;
  else if (lazy(r.file)) later += r.gz;
  else total += r.gz;
  const when = /graph/.test(r.file) ? " (when the Graph tab opens)" : /editor-search/.test(r.file) ? " (when the editor is first focused)" : lazy(r.file) ? " (when the console is first used)" : "";
  console.log(`size ${r.file}: ${(r.raw / 1024).toFixed(0)} KiB raw, ${(r.gz / 1024).toFixed(0)} KiB gzipped${when}`);
}
console.log(`size first load (wasm + JS + CSS, gzipped): ${(total / 1024).toFixed(0)} KiB (${total} bytes)`);
console.log(`size the Graph tab adds when opened (gzipped): ${(later / 1024).toFixed(0)} KiB`);
console.log(`size the editor's search adds when the editor is first focused (gzipped): ${(searchLater / 1024).toFixed(1)} KiB`);
console.log(`size the console adds when first opened and used (gzipped): ${(simLater / 1024).toFixed(0)} KiB`);
