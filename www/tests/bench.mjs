// `./dev.sh bench`, browser half: edit → updated view in headless Chromium, and the page's sizes.
// Prints figures; asserts nothing (the machines are shared and noisy).
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { start, open, DIST } from "./harness.js";

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
} finally {
  await env.browser.close();
  await env.server.close();
}
let total = 0;
for (const r of sizes()) {
  total += r.gz;
  console.log(`size ${r.file}: ${(r.raw / 1024).toFixed(0)} KiB raw, ${(r.gz / 1024).toFixed(0)} KiB gzipped`);
}
console.log(`size total (wasm + JS + CSS, gzipped): ${(total / 1024).toFixed(0)} KiB`);
