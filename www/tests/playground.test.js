// The playground as a person uses it: edit, read diagnostics, see Services' Pods, test selectors,
// share, reload. Runs against the release build in dist/, served from a sub-path.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { start, open, paste, editorText } from "./harness.js";

let env;
before(async () => { env = await start(); });
after(async () => { await env.browser.close(); await env.server.close(); });

const BROKEN_DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
  strategy:
    rollingupdate:
      maxSurge: 1
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
        - name: web
          image: nginx:1.27
          ports:
            - name: http
              containerPort: 80
---
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector:
    app: web
  ports:
    - port: 80
      targetPort: http
`;

test("a new visitor sees an example whose Service lists its Pods", async () => {
  const page = await open(env.browser, env.server.url);
  await page.getByRole("tab", { name: "Services" }).click();
  const card = page.locator(".service-card").first();
  await card.waitFor();
  assert.match(await card.innerText(), /Service\s+greeter/);
  assert.match(await card.locator(".pod-group").innerText(), /3 Pods of Deployment greeter/);
  assert.match(await card.locator(".ports").innerText(), /80\/TCP → http \(5678\)/);
  assert.match(await page.locator(".problems-title").innerText(), /0 errors\s*0 warnings/);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test("typed mistakes show inline and in the problems list; a click moves the cursor there", async () => {
  const page = await open(env.browser, env.server.url);
  await paste(page, BROKEN_DEPLOYMENT);
  const problem = page.locator(".problem.error", { hasText: 'unknown field "spec.strategy.rollingupdate"' });
  await problem.waitFor();
  assert.match(await problem.innerText(), /did you mean "rollingUpdate"\?/);
  assert.equal(await page.locator(".cm-lintRange-error").count(), 1);
  assert.match(await page.locator(".cm-lintRange-error").innerText(), /rollingupdate/);
  // The Service still finds its Pods although the Deployment has a mistake.
  await page.getByRole("tab", { name: "Services" }).click();
  assert.match(await page.locator(".service-card .pod-group").innerText(), /2 Pods of Deployment web/);

  // Now type a typo into the Service's selector, key by key.
  const line = page.locator(".cm-line", { hasText: /^    app: web$/ }).last();
  await line.click();
  await page.keyboard.press("End");
  await page.keyboard.type("x");
  const warning = page.locator(".problem.warning", { hasText: 'Service "web" selects no Pods' });
  await warning.waitFor();
  assert.match(await warning.innerText(), /2 Pods of Deployment web have app=web; this selector wants app=webx/);
  await page.locator(".no-pods").waitFor();

  await problem.click();
  const active = page.locator(".cm-activeLine");
  assert.match(await active.innerText(), /rollingupdate/);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test("the selector tester highlights matches and explains invalid selectors", async () => {
  const page = await open(env.browser, env.server.url);
  await page.getByRole("tab", { name: "Selector tester" }).click();
  const input = page.getByLabel("Label selector");
  await input.fill("app=greeter");
  await page.locator(".selector-ok").waitFor();
  assert.match(await page.locator(".selector-ok").innerText(), /Canonical form: app=greeter · matches 1 object$/);
  assert.equal(await page.locator("tr.match").count(), 1);
  assert.equal(await page.locator("tr.match").getAttribute("data-object"), "Deployment/greeter");
  assert.match(await page.locator(".matched-pods").innerText(), /3 Pods of Deployment greeter/);

  await input.fill("version in (v1, v2),!canary");
  assert.match(await page.locator(".selector-ok code").innerText(), /^!canary,version in \(v1,v2\)$|^version in \(v1,v2\),!canary$/);

  await input.fill("app in (greeter");
  const err = page.locator(".selector-error");
  await err.waitFor();
  assert.equal(await err.innerText(), "unable to parse requirement: found '', expected: ',' or ')'");
  assert.equal(await page.locator("tr.match").count(), 0);

  await input.fill("{matchExpressions: [{key: app, operator: In, values: [greeter]}]}");
  await page.locator(".selector-ok").waitFor();
  assert.equal(await page.locator("tr.match").count(), 1);
  await page.context().close();
});

test("Share puts the manifest in a link that opens in a fresh browser", async () => {
  const page = await open(env.browser, env.server.url);
  await paste(page, BROKEN_DEPLOYMENT);
  await page.locator(".problem.error").first().waitFor();
  await page.getByRole("button", { name: "Share" }).click();
  const link = await page.getByLabel("Share link").inputValue();
  assert.ok(link.startsWith(env.server.url + "#code=1."), link);
  assert.ok(page.url().includes("#code=1."), "the address bar holds the link");

  const fresh = await open(env.browser, link);
  await fresh.locator(".problem.error").first().waitFor();
  assert.equal((await editorText(fresh)).trim(), BROKEN_DEPLOYMENT.trim());
  assert.deepEqual(fresh.errors, []);
  await fresh.context().close();
  await page.context().close();
});

test("sharing a Secret asks first", async () => {
  const page = await open(env.browser, env.server.url);
  await paste(page, "apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\nstringData:\n  password: hunter2\n");
  await page.locator(".problems-title", { hasText: "0 errors" }).waitFor();
  let asked = "";
  page.once("dialog", (d) => { asked = d.message(); d.dismiss(); });
  await page.getByRole("button", { name: "Share" }).click();
  await page.waitForTimeout(200);
  assert.match(asked, /contains a Secret/);
  assert.equal(await page.getByLabel("Share link").count(), 0, "no link after saying no");
  assert.ok(!page.url().includes("#code="));
  await page.context().close();
});

test("a shared link does not silently replace an unsaved draft", async () => {
  const context = await env.browser.newContext({ locale: "en-US" });
  const page = await context.newPage();
  await page.goto(env.server.url);
  await page.waitForSelector(".cm-content");
  await paste(page, "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: my-draft\n");
  await page.locator("tr[data-object]").first().waitFor({ state: "attached" }).catch(() => {});
  await page.waitForTimeout(400); // the draft is saved after the edit debounce

  const other = await open(env.browser, env.server.url);
  await paste(other, "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: shared-one\n");
  await other.waitForTimeout(300);
  await other.getByRole("button", { name: "Share" }).click();
  const link = await other.getByLabel("Share link").inputValue();
  await other.context().close();

  // Opening the link in a new tab: asked, and "Cancel" keeps the draft.
  const tab = await context.newPage();
  let asked = "";
  tab.once("dialog", (d) => { asked = d.message(); d.dismiss(); });
  await tab.goto(link);
  await tab.waitForSelector(".cm-content");
  await tab.locator(".notice", { hasText: "Kept your draft" }).waitFor();
  assert.match(asked, /Replace your unsaved draft/);
  assert.match(await editorText(tab), /name: my-draft/);
  assert.ok(!tab.url().includes("#code="), "the declined link leaves the address bar");

  // Pasting the link into the address bar of the open page: asked again, "OK" replaces the draft.
  asked = "";
  page.once("dialog", (d) => { asked = d.message(); d.accept(); });
  await page.goto(link);
  await page.locator(".cm-line", { hasText: "name: shared-one" }).waitFor();
  assert.match(asked, /Replace your unsaved draft/);
  await context.close();
});

test("a reload keeps the draft", async () => {
  const context = await env.browser.newContext({ locale: "en-US" });
  const page = await context.newPage();
  await page.goto(env.server.url);
  await page.waitForSelector(".cm-content");
  await paste(page, "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: keep-me\n");
  await page.waitForTimeout(400);
  await page.reload();
  await page.waitForSelector(".cm-content");
  assert.match(await editorText(page), /name: keep-me/);
  await context.close();
});

test("a malformed paste shows an error and the page keeps working", async () => {
  const page = await open(env.browser, env.server.url);
  await paste(page, "kind: [\n  : : :\n\t- {{ .Values.broken }}\n---\n" + "a: ".repeat(2000) + "\n");
  await page.locator(".problem.error", { hasText: "yaml: line" }).first().waitFor();
  await paste(page, BROKEN_DEPLOYMENT);
  await page.getByRole("tab", { name: "Services" }).click();
  await page.locator(".service-card .pod-group", { hasText: "2 Pods of Deployment web" }).waitFor();
  await page.getByRole("tab", { name: "Objects" }).click();
  assert.equal(await page.locator("tr[data-object]").count(), 2);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test("examples load from the menu", async () => {
  const page = await open(env.browser, env.server.url);
  await page.getByLabel("Load an example").selectOption("blue-green");
  await page.getByRole("tab", { name: "Services" }).click();
  await page.locator(".service-card", { hasText: "shop" }).waitFor();
  assert.match(await page.locator(".service-card .pod-group").innerText(), /2 Pods of Deployment shop-blue/);
  await page.context().close();
});

test("the page makes no request outside its own origin", async () => {
  const page = await open(env.browser, env.server.url);
  await paste(page, BROKEN_DEPLOYMENT);
  await page.getByRole("button", { name: "Share" }).click();
  await page.getByRole("tab", { name: "Selector tester" }).click();
  await page.getByLabel("Label selector").fill("app=web");
  await page.waitForTimeout(300);
  const origin = new URL(env.server.url).origin;
  const foreign = page.requests.filter((u) => !u.startsWith(origin + "/") && !u.startsWith("blob:") && !u.startsWith("data:"));
  assert.deepEqual(foreign, []);
  assert.ok(page.requests.some((u) => u.endsWith(".wasm")), "the page loaded its wasm from its own origin");
  await page.context().close();
});

test("the editor's search arrives when the editor is first focused: Ctrl+F finds a word", async () => {
  const page = await open(env.browser, env.server.url);
  const searchChunk = () => page.requests.filter((u) => /editor-search/.test(u));
  assert.deepEqual(searchChunk(), []);
  await page.click(".cm-content");
  await page.waitForFunction(() => performance.getEntriesByType("resource").some((e) => /editor-search/.test(e.name)));
  // The selection's other occurrences are marked once search is in.
  await page.keyboard.press("Control+Home");
  await page.keyboard.press("Shift+End");
  await page.waitForTimeout(100);
  await page.keyboard.press("Control+f");
  await page.locator(".cm-search input[name=search]").waitFor();
  await page.locator(".cm-search input[name=search]").fill("greeter");
  await page.keyboard.press("Enter");
  const selected = await page.evaluate(() => window.getSelection().toString());
  assert.equal(selected, "greeter");
  assert.equal(searchChunk().length, 1);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});
