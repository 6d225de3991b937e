// The simulated cluster as a person uses it: load the rolling-update example, press Play, read the
// kubectl tables; change the image and watch the rollout finish; step, describe, events, a crash loop.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { start, open, paste, editorText, rows, waitForRows } from "./harness.js";

let env;
before(async () => { env = await start(); });
after(async () => { await env.browser.close(); await env.server.close(); });

async function loadExample(page, id, applied = "deployment.apps/echo-version created") {
  await page.getByLabel("Load an example").selectOption(id);
  await page.waitForFunction((id) => document.querySelector(".cm-content").textContent.length > 100, id);
  await page.locator(".apply-log", { hasText: applied }).waitFor();
}

test("apply the rolling-update example, play, and see 4/4 Ready with endpoints", async () => {
  const page = await open(env.browser, env.server.url);
  await loadExample(page, "rolling-update");
  // Auto-apply created the objects; the clock has not moved.
  await page.locator(".apply-log", { hasText: "deployment.apps/echo-version created" }).waitFor();
  assert.match(await page.locator(".clock").innerText(), /t = 0s/);
  let pods = await rows(page, "pod");
  assert.equal(pods.length, 4);
  // Scheduled at once; the kubelet is creating the containers.
  assert.ok(pods.every((p) => p[1] === "0/1" && p[2] === "ContainerCreating" && p[5] === "<none>"), JSON.stringify(pods));
  await page.getByLabel("Clock speed").selectOption("10");
  await page.getByRole("button", { name: "Play the clock" }).click();
  pods = await waitForRows(page, "pod", (r) => r.length === 4 && r.every((p) => p[1] === "1/1" && p[2] === "Running"));
  assert.ok(pods.every((p) => /^echo-version-[a-z0-9]+-[a-z0-9]{5}$/.test(p[0]) && /^10\.244\./.test(p[5])), JSON.stringify(pods));
  const deploy = await waitForRows(page, "deployment.apps", (r) => r[0]?.[1] === "4/4");
  assert.deepEqual(deploy[0].slice(0, 4), ["echo-version", "4/4", "4", "4"]);
  const slices = await rows(page, "endpointslice.discovery.k8s.io");
  const echo = slices.find((s) => s[0].startsWith("echo-version-"));
  assert.equal(echo[2], "8080");
  assert.match(echo[3], /^10\.244\.\d+\.\d+,10\.244\.\d+\.\d+,10\.244\.\d+\.\d+ \+ 1 more\.\.\.$/);
  assert.match(await page.locator(".rollout").innerText(), /deployment "echo-version" successfully rolled out/);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test("editing the image starts a rollout that ends with four new Pods", async () => {
  const page = await open(env.browser, env.server.url);
  await loadExample(page, "rolling-update");
  await page.getByRole("button", { name: "+1 min" }).click();
  await waitForRows(page, "deployment.apps", (r) => r[0]?.[1] === "4/4");
  const before = (await rows(page, "replicaset.apps")).map((r) => r[0]);
  assert.equal(before.length, 1);
  // Edit the tag in the editor: auto-apply sends the change.
  const text = await editorText(page);
  await paste(page, text.replace("echo-version:0.1.0", "echo-version:0.2.0"));
  await page.locator(".apply-log", { hasText: "deployment.apps/echo-version configured" }).waitFor();
  // maxSurge 4 / maxUnavailable 3: new ReplicaSet at 4, old one down to 1, in the same instant.
  const rs = await waitForRows(page, "replicaset.apps", (r) => r.length === 2);
  const old = rs.find((r) => r[0] === before[0]);
  const fresh = rs.find((r) => r[0] !== before[0]);
  assert.equal(old[1], "1");
  assert.equal(fresh[1], "4");
  assert.match(await page.locator(".rollout").innerText(), /Waiting for deployment "echo-version" rollout to finish/);
  // Step through it.
  for (let i = 0; i < 30; i++) {
    const line = await page.locator(".rollout").innerText();
    if (/successfully rolled out/.test(line)) break;
    await page.getByRole("button", { name: "Step" }).click();
    await page.waitForTimeout(50);
  }
  assert.match(await page.locator(".rollout").innerText(), /successfully rolled out/);
  const after = await rows(page, "replicaset.apps");
  assert.deepEqual(after.find((r) => r[0] === before[0]).slice(1, 4), ["0", "0", "0"]);
  assert.deepEqual(after.find((r) => r[0] !== before[0]).slice(1, 4), ["4", "4", "4"]);
  // Events tell the same story in Kubernetes' words.
  await page.getByRole("tab", { name: "Events" }).click();
  const events = await page.locator("table.events").innerText();
  assert.match(events, /ScalingReplicaSet\s+deployment\/echo-version\s+Scaled up replica set echo-version-\w+ from 0 to 4/);
  assert.match(events, /Scaled down replica set echo-version-\w+ from 4 to 1/);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test("clicking a row describes it; a crash loop shows CrashLoopBackOff and BackOff events", async () => {
  const page = await open(env.browser, env.server.url);
  await paste(page, `apiVersion: v1
kind: Pod
metadata:
  name: crasher
spec:
  containers:
    - name: app
      image: busybox:1.36
      command: ["sh", "-c", "sleep 2; exit 1"]
`);
  await page.locator(".apply-log", { hasText: "pod/crasher created" }).waitFor();
  await page.getByRole("button", { name: "+1 min" }).click();
  const pods = await waitForRows(page, "pod", (r) => r[0]?.[2] === "CrashLoopBackOff" || r[0]?.[2] === "Error" || r[0]?.[2] === "Running");
  assert.equal(pods[0][0], "crasher");
  assert.match(pods[0][3], /^\d+ \(\d+s ago\)$/);
  await page.getByRole("row", { name: "Describe Pod crasher" }).click();
  const text = await page.locator(".describe pre").innerText();
  assert.match(text, /Name:\s+crasher/);
  assert.match(text, /Last State:\s+Terminated\n\s+Reason:\s+Error\n\s+Exit Code:\s+1/);
  assert.match(text, /Warning\s+BackOff\s+.*Back-off restarting failed container app in pod crasher_default\(/);
  // Reset gives a fresh cluster with the manifest applied again.
  await page.getByRole("button", { name: "Reset" }).click();
  await page.waitForFunction(() => document.querySelector(".clock").textContent === "t = 0s");
  const fresh = await rows(page, "pod");
  assert.deepEqual(fresh[0].slice(1, 4), ["0/1", "ContainerCreating", "0"]);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test("an unschedulable Pod explains itself; a missing namespace is refused in the API server's words", async () => {
  const page = await open(env.browser, env.server.url);
  await paste(page, `apiVersion: v1
kind: Pod
metadata:
  name: huge
spec:
  containers:
    - name: app
      image: nginx:1.27
      resources:
        requests:
          cpu: "64"
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: lost
  namespace: nowhere
`);
  await page.locator(".apply-log li.error", { hasText: 'namespaces "nowhere" not found' }).waitFor();
  await page.getByRole("button", { name: "Step" }).click();
  await page.getByRole("tab", { name: "Events" }).click();
  await page.locator("table.events", { hasText: "FailedScheduling" }).waitFor();
  assert.match(await page.locator("table.events").innerText(), /0\/3 nodes are available: 1 node\(s\) had untolerated taint \{node-role\.kubernetes\.io\/control-plane: \}, 2 Insufficient cpu\./);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test("a long table renders only the rows in view, and scrolling shows the rest", async () => {
  const page = await open(env.browser, env.server.url);
  const maps = Array.from({ length: 600 }, (_, i) =>
    `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm-${String(i).padStart(3, "0")}\ndata:\n  k: v\n`).join("---\n");
  await paste(page, maps);
  await page.locator(".apply-log", { hasText: "configmap/cm-599 created" }).waitFor({ timeout: 30000 });
  const table = 'table[data-resource="configmap"]';
  await page.locator(`${table} tr.row[data-name="cm-000"]`).waitFor();
  // 600 ConfigMaps, far fewer rows in the page.
  assert.match(await page.locator(`${table} caption`).innerText(), /\(600\)/);
  const rendered = () => page.$$eval(`${table} tr.row`, (r) => r.length);
  assert.ok(await rendered() <= 120, `${await rendered()} rows rendered`);
  assert.equal(await page.locator(`${table} tr.row[data-name="cm-599"]`).count(), 0);
  // Scrolled to the end, the last ConfigMaps come into view.
  await page.locator(".table-box", { has: page.locator(table) }).evaluate((box) => { box.scrollTop = box.scrollHeight; });
  await page.locator(`${table} tr.row[data-name="cm-599"]`).waitFor();
  assert.ok(await rendered() <= 120, `${await rendered()} rows rendered after scrolling`);
  assert.equal(await page.locator(`${table} tr.row[data-name="cm-000"]`).count(), 0);
  // The row in view is where the scroll put it: its top lies inside the box.
  const inside = await page.locator(".table-box", { has: page.locator(table) }).evaluate((box) => {
    const b = box.getBoundingClientRect();
    const r = box.querySelector('tr.row[data-name="cm-599"]').getBoundingClientRect();
    return r.top >= b.top && r.bottom <= b.bottom + 1;
  });
  assert.ok(inside, "the last row is inside the scrolled box");
  // In the middle too.
  await page.locator(".table-box", { has: page.locator(table) }).evaluate((box) => { box.scrollTop = 300 * 25; });
  await page.locator(`${table} tr.row[data-name="cm-300"]`).waitFor();
  // Every row is as tall as the scroll arithmetic assumes (ROW_PX in cluster_panel.rs).
  const heights = await page.$$eval(`${table} tr.row`, (rows) => [...new Set(rows.map((r) => r.getBoundingClientRect().height))]);
  assert.deepEqual(heights, [25]);
  // Another tab and back: the table starts at the top again, its first rows in view.
  await page.getByRole("tab", { name: "Events" }).click();
  await page.getByRole("tab", { name: "Cluster" }).click();
  await page.locator(`${table} tr.row[data-name="cm-000"]`).waitFor();
  assert.equal(await page.locator(".table-box", { has: page.locator(table) }).evaluate((box) => box.scrollTop), 0);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

// The time-zone table is not part of the first load: the page fetches it the first time a text
// names a zone, reads that text with it, and the simulator's CronJob runs in the zone.
test("a CronJob's time zone loads the zone table when first named", async () => {
  const page = await open(env.browser, env.server.url);
  await page.locator(".apply-log", { hasText: "created" }).first().waitFor();
  assert.ok(!page.requests.some((u) => u.endsWith("/zones.txt")), "fetched before any zone was named");
  const cronJob = (zone) => `apiVersion: batch/v1
kind: CronJob
metadata:
  name: report
spec:
  schedule: "0 9 * * *"
  timeZone: ${zone}
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          containers:
          - name: report
            image: busybox:1.36
            command: ["sh", "-c", "echo report"]
`;
  await paste(page, cronJob("Asia/Seoul"));
  const rows = await page.waitForFunction(() => {
    const tr = document.querySelector('table[data-resource="cronjob.batch"] tbody tr.row');
    return tr && [...tr.querySelectorAll("td")].map((td) => td.textContent);
  });
  const row = await rows.jsonValue();
  assert.deepEqual(row.slice(0, 3), ["report", "0 9 * * *", "Asia/Seoul"]);
  assert.ok(page.requests.some((u) => u.endsWith("/zones.txt")), "the zone table was never fetched");
  assert.equal(await page.locator(".problem", { hasText: "unknown time zone" }).count(), 0);
  // A zone that is not in the table is still refused, with the API server's words.
  await paste(page, cronJob("Mars/Olympus"));
  await page.locator(".problem.error", { hasText: "unknown time zone Mars/Olympus" }).waitFor();
  assert.equal(page.requests.filter((u) => u.endsWith("/zones.txt")).length, 1);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

// A Pod's describe ends with what its container printed (`kubectl logs --tail=20`), replayed from
// its command at the virtual times it ran: the course's pingpong script, stamped by `date`.
test("a Pod's describe shows its log lines as the clock runs", async () => {
  const page = await open(env.browser, env.server.url);
  await paste(page, `apiVersion: v1
kind: Pod
metadata:
  name: pingpong
spec:
  restartPolicy: Never
  containers:
  - name: pingpong
    image: busybox:1.36
    command: ["/bin/sh"]
    args:
    - "-c"
    - |
      echo [\`date\`] ping!
      sleep 10
      echo [\`date\`] pong!
`);
  await page.locator(".apply-log", { hasText: "pod/pingpong created" }).waitFor();
  await page.getByRole("row", { name: "Describe Pod pingpong" }).click();
  const logs = page.getByRole("region", { name: "Logs" });
  await logs.waitFor();
  // Not started yet: nothing printed.
  assert.match(await logs.innerText(), /printed nothing yet/);
  await page.getByRole("button", { name: "+1 min" }).click();
  await page.locator(".describe .log-lines", { hasText: "pong!" }).waitFor();
  assert.equal(
    await page.locator(".describe .log-lines").innerText(),
    "[Thu Jan 1 00:00:03 UTC 2026] ping!\n[Thu Jan 1 00:00:13 UTC 2026] pong!",
  );
  assert.match(await logs.innerText(), /kubectl logs pingpong --tail=20/);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});
