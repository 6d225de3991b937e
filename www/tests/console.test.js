// The Console as a person uses it: type kubectl lines at the prompt and read what kubectl prints,
// complete with Tab, go back through the history with ↑, clear with Ctrl+L, apply a here-document
// typed line by line, and see what the console changed in the cluster's tables. Wording follows
// kubectl 1.33 (staging/src/k8s.io/kubectl/pkg/cmd/get, scale, and the API server's NotFound).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { start, open } from "./harness.js";

let env;
before(async () => { env = await start(); });
after(async () => { await env.browser.close(); await env.server.close(); });

// Opens the console with its toggle, as a person does the first time.
async function openConsole(page) {
  await page.getByRole("button", { name: "Console" }).click();
  await page.locator(".console-input").waitFor();
}

// Types a line at the prompt and presses Enter; waits until the line is answered.
async function run(page, line) {
  await page.evaluate(() => document.querySelectorAll(".console-entry[data-code]").forEach((e) => e.setAttribute("data-seen", "")));
  await page.locator(".console-input").fill(line);
  await page.locator(".console-input").press("Enter");
  await page.waitForFunction(() => document.querySelector(".console-entry[data-code]:not([data-seen])")
    && !document.querySelector(".console-entry.pending"), null, { timeout: 30000 }).catch(async (e) => {
    throw new Error(`${e.message}\nthe console shows: ${await page.locator(".console-out").innerText()}`);
  });
  return page.locator(".console-entry").last();
}

test("kubectl get, an unknown type, Tab completion, history and Ctrl+L", async () => {
  const page = await open(env.browser, env.server.url);
  await page.locator(".apply-log", { hasText: "deployment.apps/greeter created" }).waitFor();
  // Closed at first: nothing of it was fetched.
  assert.equal(await page.locator(".console-input").count(), 0);
  assert.ok(!page.requests.some((u) => /console\.js|kubeplay-sim/.test(u)), page.requests.join("\n"));
  await openConsole(page);
  assert.match(await page.locator(".console-hint").innerText(), /kubectl get pods -o wide/);

  let entry = await run(page, "kubectl get deploy");
  assert.equal(await entry.locator(".console-line").innerText(), "$ kubectl get deploy");
  const out = await entry.locator(".console-stdout").innerText();
  assert.match(out, /^NAME\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+AGE\n/);
  assert.match(out, /\ngreeter\s+0\/3\s+3\s+0\s+0s/);
  assert.equal(await entry.locator(".console-status").count(), 0);

  entry = await run(page, "kubectl get pdos");
  assert.equal(await entry.locator(".console-stderr").innerText(),
    'error: the server doesn\'t have a resource type "pdos"');
  assert.match(await entry.locator(".console-status").innerText(), /\b1\b/);

  entry = await run(page, "kubectl get pod nope");
  assert.equal(await entry.locator(".console-stderr").innerText(),
    'Error from server (NotFound): pods "nope" not found');

  // Tab completes a type's name, then lists the Pods' names when they share only the prefix.
  await page.locator(".console-input").fill("kubectl get deployme");
  await page.locator(".console-input").press("Tab");
  await page.waitForFunction(() => document.querySelector(".console-input").value === "kubectl get deployments ");
  await page.locator(".console-input").fill("kubectl get pods gre");
  await page.locator(".console-input").press("Tab");
  await page.waitForFunction(() => document.querySelector(".console-input").value.startsWith("kubectl get pods greeter-"));
  const candidates = (await page.locator(".console-candidates").innerText()).split(/\s+/);
  assert.equal(candidates.length, 3, candidates.join(" "));
  assert.ok(candidates.every((c) => /^greeter-[a-z0-9]+-[a-z0-9]{5}$/.test(c)), candidates.join(" "));

  // ↑ brings back the lines run, latest first.
  await page.locator(".console-input").fill("");
  await page.locator(".console-input").press("ArrowUp");
  assert.equal(await page.locator(".console-input").inputValue(), "kubectl get pod nope");
  await page.locator(".console-input").press("ArrowUp");
  assert.equal(await page.locator(".console-input").inputValue(), "kubectl get pdos");
  // Ctrl+C drops the line, Ctrl+L clears what was printed.
  await page.locator(".console-input").press("Control+c");
  assert.equal(await page.locator(".console-input").inputValue(), "");
  await page.locator(".console-input").press("Control+l");
  await page.waitForFunction(() => document.querySelectorAll(".console-entry").length === 0);
  // Ctrl+` hides it and shows it again.
  await page.keyboard.press("Control+Backquote");
  await page.waitForFunction(() => document.querySelector(".console-body").hidden);
  await page.keyboard.press("Control+Backquote");
  await page.waitForFunction(() => !document.querySelector(".console-body").hidden);

  // The history outlives the visit.
  await page.reload();
  await page.waitForSelector(".problems-title");
  await openConsole(page);
  await page.locator(".console-input").press("ArrowUp");
  assert.equal(await page.locator(".console-input").inputValue(), "kubectl get pod nope");
  assert.deepEqual(page.errors, []);
  // Nothing but the page's own files was fetched.
  const origin = new URL(env.server.url).origin;
  assert.ok(page.requests.every((u) => u.startsWith(origin) || u.startsWith("data:") || u.startsWith("blob:")), page.requests.join("\n"));
  await page.context().close();
});

test("what the console changes shows in the tables; a here-document applies a new object", async () => {
  const page = await open(env.browser, env.server.url);
  await page.locator(".apply-log", { hasText: "deployment.apps/greeter created" }).waitFor();
  await openConsole(page);

  let entry = await run(page, "kubectl scale deployment greeter --replicas=5");
  assert.equal(await entry.locator(".console-stdout").innerText(), "deployment.apps/greeter scaled");
  await page.waitForFunction(() => document.querySelectorAll('table[data-resource="pod"] tbody tr.row').length === 5);

  // A here-document is typed line by line: the prompt becomes "> " until its delimiter.
  await page.locator(".console-input").fill("kubectl apply -f - <<EOF");
  await page.locator(".console-input").press("Enter");
  assert.equal((await page.locator(".console-prompt span").innerText()).trim(), ">");
  for (const line of ["apiVersion: v1", "kind: ConfigMap", "metadata:", "  name: settings", "data:", "  mode: quiet"]) {
    await page.locator(".console-input").fill(line);
    await page.locator(".console-input").press("Enter");
  }
  entry = await run(page, "EOF");
  assert.equal(await entry.locator(".console-stdout").innerText(), "configmap/settings created");
  entry = await run(page, "kubectl get cm settings -o jsonpath={.data.mode}");
  assert.equal(await entry.locator(".console-stdout").innerText(), "quiet");
  entry = await run(page, "kubectl delete pod --all");
  assert.equal((await entry.locator(".console-stdout").innerText()).split("\n").length, 5);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});
