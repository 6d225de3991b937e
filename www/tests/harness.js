// Shared set-up for the browser tests: the built page served on loopback under a sub-path, and
// Debian's Chromium driven by playwright-core.
import { chromium } from "playwright-core";
import { serve } from "./server.js";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
export const DIST = path.resolve(here, "../../dist");

const ARGS = [
  "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync",
];

export async function start() {
  const server = await serve(DIST);
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || "/usr/bin/chromium", args: ARGS });
  return { server, browser };
}

// A fresh page (own storage) that records errors and every request it makes. The browser's
// language is English unless `locale` says otherwise.
export async function open(browser, url, { viewport = { width: 1280, height: 720 }, locale = "en-US" } = {}) {
  const context = await browser.newContext({ viewport, locale });
  const page = await context.newPage();
  page.errors = [];
  page.requests = [];
  page.on("pageerror", (e) => page.errors.push(e.message));
  page.on("request", (r) => page.requests.push(r.url()));
  await page.goto(url);
  await page.waitForSelector(".cm-content");
  await page.waitForSelector(".problems-title");
  return page;
}

// Replaces the editor's whole text the way a person pastes: select all, then a paste event carrying
// the text (what Ctrl+V delivers; typing it key by key would re-indent every line).
export async function paste(page, text) {
  await page.click(".cm-content");
  await page.keyboard.press("Control+A");
  await page.evaluate((text) => {
    const data = new DataTransfer();
    data.setData("text/plain", text);
    const event = new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true });
    document.querySelector(".cm-content").dispatchEvent(event);
  }, text);
}

// The editor's text as shown, one line per rendered line.
export async function editorText(page) {
  return page.$$eval(".cm-content .cm-line", (lines) => lines.map((l) => l.textContent).join("\n"));
}

// The rows of the Cluster tab's table for one resource (`pod`, `deployment.apps`, ...) as arrays
// of cell texts.
export async function rows(page, prefix) {
  return page.$$eval(`table[data-resource="${prefix}"] tbody tr.row`, (trs) =>
    trs.map((tr) => [...tr.querySelectorAll("td")].map((td) => td.textContent)));
}

// Waits until `check(rows)` holds for a table's rows, and returns them.
export async function waitForRows(page, prefix, check, timeout = 20000) {
  const until = Date.now() + timeout;
  let last;
  while (Date.now() < until) {
    last = await rows(page, prefix);
    if (check(last)) return last;
    await page.waitForTimeout(100);
  }
  throw new Error(`${prefix} rows never matched: ${JSON.stringify(last)}`);
}
