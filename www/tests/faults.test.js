// Node faults as a person injects them: pick a Node in the Cluster tab, stop its kubelet from the
// node's menu, run the clock and read what kubectl's tables show (the node NotReady, the
// Deployment's READY falling, the Pods Terminating after 300 s and replaced elsewhere), then start
// it again; and the same from the console. Timings follow node_lifecycle_controller.go (50 s
// grace period) and taint_eviction.go with DefaultTolerationSeconds (300 s).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { start, open, rows, waitForRows } from "./harness.js";

let env;
before(async () => { env = await start(); });
after(async () => { await env.browser.close(); await env.server.close(); });

test("stop a node's kubelet from its menu: NotReady, READY falls, Pods move, and it comes back", async () => {
  const page = await open(env.browser, env.server.url);
  await page.locator(".apply-log", { hasText: "deployment.apps/greeter created" }).waitFor();
  await page.getByRole("button", { name: "+1 min" }).click();
  await waitForRows(page, "deployment.apps", (r) => r[0]?.[1] === "3/3");
  const pods = await rows(page, "pod");
  const onWorker = pods.filter((p) => p[6] === "kind-worker").length;
  assert.ok(onWorker > 0 && onWorker < 3, JSON.stringify(pods));

  await page.getByRole("row", { name: "Describe Node kind-worker", exact: true }).click();
  const faults = page.getByRole("group", { name: "Faults on this node" });
  await faults.getByRole("button", { name: "Stop the kubelet" }).click();
  await page.locator(".apply-log", { hasText: "kubelet stopped on kind-worker" }).waitFor();
  // Still Ready: the grace period has not run out.
  assert.equal((await rows(page, "node")).find((n) => n[0] === "kind-worker")[1], "Ready");
  await page.getByRole("button", { name: "+1 min" }).click();
  await waitForRows(page, "node", (r) => r.find((n) => n[0] === "kind-worker")?.[1] === "NotReady");
  await waitForRows(page, "deployment.apps", (r) => r[0]?.[1] === `${3 - onWorker}/3`);
  const described = await page.locator(".describe pre").innerText();
  assert.match(described, /node\.kubernetes\.io\/unreachable:NoExecute/);
  assert.match(described, /Kubelet stopped posting node status\./);

  // Five minutes on, the taint eviction controller has deleted them and the ReplicaSet replaced them.
  for (let i = 0; i < 5; i++) await page.getByRole("button", { name: "+1 min" }).click();
  await waitForRows(page, "deployment.apps", (r) => r[0]?.[1] === "3/3");
  const moved = await waitForRows(page, "pod", (r) => r.filter((p) => p[2] === "Terminating").length === onWorker);
  assert.ok(moved.filter((p) => p[2] === "Running").every((p) => p[6] !== "kind-worker"), JSON.stringify(moved));

  await faults.getByRole("button", { name: "Start again" }).click();
  await page.locator(".apply-log", { hasText: "kubelet and containerd running on kind-worker" }).waitFor();
  await waitForRows(page, "node", (r) => r.find((n) => n[0] === "kind-worker")?.[1] === "Ready");
  await page.getByRole("button", { name: "+1 min" }).click();
  await waitForRows(page, "pod", (r) => r.length === 3 && r.every((p) => p[2] === "Running"));
  // A refused fault says why, as an error line.
  await faults.getByRole("button", { name: "Start again" }).click();
  await page.locator(".apply-log .error", { hasText: "node kind-worker is already running" }).waitFor();
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test("kubeplay node from the console, then the tables", async () => {
  const page = await open(env.browser, env.server.url);
  await page.locator(".apply-log", { hasText: "deployment.apps/greeter created" }).waitFor();
  await page.getByRole("button", { name: "Console" }).click();
  await page.locator(".console-input").fill("kubeplay node shutdown kind-worker2");
  await page.locator(".console-input").press("Enter");
  await page.locator(".console-entry[data-code='0'] .console-stdout", { hasText: "node kind-worker2 shut down" }).waitFor();
  await page.getByRole("button", { name: "+1 min" }).click();
  await waitForRows(page, "node", (r) => r.find((n) => n[0] === "kind-worker2")?.[1] === "NotReady");
  await page.locator(".console-input").fill("kubeplay node");
  await page.locator(".console-input").press("Enter");
  await page.locator(".console-stdout", { hasText: "kind-worker2         off" }).waitFor();
  assert.deepEqual(page.errors, []);
  await page.context().close();
});
