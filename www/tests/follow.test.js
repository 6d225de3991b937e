// Console commands that go on as the clock runs, as a person uses them: `kubectl get pods -w`
// printing a row each time a Pod changes while the clock plays, Ctrl+C stopping it; `kubectl
// drain` evicting a node's Pods and ending with `node/... drained` when they have moved; and
// `kubectl edit` opening the object in a box whose Save changes the live object. Wording follows
// kubectl 1.33 (pkg/cmd/get's watch, pkg/cmd/drain, pkg/cmd/edit).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { start, open, rows, waitForRows } from "./harness.js";

let env;
before(async () => { env = await start(); });
after(async () => { await env.browser.close(); await env.server.close(); });

async function openConsole(page) {
  await page.getByRole("button", { name: "Console" }).click();
  await page.locator(".console-input").waitFor();
}

// Types a line and presses Enter (without waiting for it to end).
async function type(page, line) {
  await page.locator(".console-input").fill(line);
  await page.locator(".console-input").press("Enter");
}

// The text the last entry shows, once `ok` holds of it.
async function lastEntry(page, ok, what) {
  const entry = page.locator(".console-entry").last();
  for (let i = 0; i < 300; i++) {
    const text = await entry.innerText();
    if (ok(text)) return text;
    await page.waitForTimeout(100);
  }
  throw new Error(`${what}: the console shows:\n${await page.locator(".console-out").innerText()}`);
}

test("get pods -w follows the Pods while the clock plays; Ctrl+C stops it", async () => {
  const page = await open(env.browser, env.server.url);
  await page.locator(".apply-log", { hasText: "deployment.apps/greeter created" }).waitFor();
  await openConsole(page);
  await type(page, "kubectl get pods -w");
  let text = await lastEntry(page, (t) => /NAME\s+READY\s+STATUS/.test(t), "the first table");
  // Still going: no prompt, no exit status.
  assert.equal(await page.locator(".console-prompt span").innerText(), "");
  assert.equal(await page.locator(".console-entry").last().getAttribute("data-code"), null);
  await page.getByLabel("Clock speed").selectOption("10");
  await page.getByRole("button", { name: "Play the clock" }).click();
  // Each Pod becoming Running prints a row of its own under the table.
  text = await lastEntry(page, (t) => (t.match(/\s1\/1\s+Running\s/g) || []).length >= 3, "three rows of Running Pods");
  const lines = text.split("\n").filter((l) => /^greeter-/.test(l));
  assert.ok(lines.length >= 6, text);
  await page.getByRole("button", { name: "Pause the clock" }).click();
  await page.locator(".console-input").press("Control+c");
  await lastEntry(page, (t) => t.endsWith("^C"), "^C");
  assert.equal(await page.locator(".console-prompt span").innerText(), "$ ");
  // A line after it is answered as usual.
  await type(page, "kubectl get deploy greeter");
  await lastEntry(page, (t) => /greeter\s+3\/3/.test(t), "the Deployment");
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test("drain evicts a node's Pods and they move to the other node", async () => {
  const page = await open(env.browser, env.server.url);
  await page.locator(".apply-log", { hasText: "deployment.apps/greeter created" }).waitFor();
  await page.getByRole("button", { name: "+1 min" }).click();
  const before = await waitForRows(page, "pod", (r) => r.length === 3 && r.every((p) => p[2] === "Running"));
  const node = before[0][6];
  const other = node === "kind-worker" ? "kind-worker2" : "kind-worker";
  await openConsole(page);
  await type(page, `kubectl drain ${node} --ignore-daemonsets`);
  await page.getByLabel("Clock speed").selectOption("10");
  await page.getByRole("button", { name: "Play the clock" }).click();
  const text = await lastEntry(page, (t) => t.includes(`node/${node} drained`), "the drain's end");
  assert.match(text, new RegExp(`node/${node} cordoned`));
  assert.match(text, /evicting pod default\/greeter-/);
  assert.match(text, /pod\/greeter-\S+ evicted/);
  await page.getByRole("button", { name: "Pause the clock" }).click();
  const after = await waitForRows(page, "pod", (r) => r.length === 3 && r.every((p) => p[2] === "Running" && p[6] === other));
  assert.equal(after.length, 3);
  const nodes = await rows(page, "node");
  assert.match(nodes.find((n) => n[0] === node)[1], /SchedulingDisabled/);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test("edit opens the object; Save changes the live Deployment", async () => {
  const page = await open(env.browser, env.server.url);
  await page.locator(".apply-log", { hasText: "deployment.apps/greeter created" }).waitFor();
  await openConsole(page);
  await type(page, "kubectl edit deploy/greeter");
  const area = page.getByRole("textbox", { name: "The object to edit, as YAML" });
  await area.waitFor();
  const yaml = await area.inputValue();
  assert.match(yaml, /replicas: 3/);
  await area.fill(yaml.replace("replicas: 3", "replicas: 5"));
  await page.getByRole("button", { name: "Save" }).click();
  await lastEntry(page, (t) => t.includes("deployment.apps/greeter edited"), "edited");
  const deploy = await waitForRows(page, "deployment.apps", (r) => r[0]?.[1].endsWith("/5"));
  assert.equal(deploy[0][0], "greeter");
  // Cancel says what kubectl says and changes nothing.
  await type(page, "kubectl edit deploy/greeter");
  await area.waitFor();
  await page.getByRole("button", { name: "Cancel" }).click();
  await lastEntry(page, (t) => t.includes("Edit cancelled, no changes made."), "cancelled");
  assert.deepEqual(page.errors, []);
  await page.context().close();
});
