// The Timeline tab as a person uses it: a CronJob every minute, five minutes on the clock, five
// Job bars each with its Pod; with concurrencyPolicy Forbid and runs longer than a minute, the
// skipped times are marked (cronjob_controllerv2.go: JobAlreadyActive).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { start, open, paste } from "./harness.js";

let env;
before(async () => { env = await start(); });
after(async () => { await env.browser.close(); await env.server.close(); });

const cronJob = (name, policy, command) => `apiVersion: batch/v1
kind: CronJob
metadata:
  name: ${name}
spec:
  schedule: "* * * * *"
  concurrencyPolicy: ${policy}
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          containers:
          - name: main
            image: busybox:1.36
            command: [sh, -c, '${command}']
`;

async function advanceMinutes(page, n) {
  const minute = page.getByRole("button", { name: "+1 min" });
  for (let i = 0; i < n; i++) await minute.click();
}

test("a CronJob every minute: five minutes give five Job bars, each with its Pod", async () => {
  const page = await open(env.browser, env.server.url);
  await paste(page, cronJob("tick", "Allow", "sleep 5"));
  await page.locator(".apply-log", { hasText: "cronjob.batch/tick created" }).waitFor();
  await page.getByRole("tab", { name: "Timeline" }).click();
  const lane = page.locator('.lane[data-lane="default/tick"]');
  await lane.waitFor();
  assert.match(await lane.locator(".words").innerText(), /minute/);
  assert.equal(await lane.locator(".next-runs li").count(), 10);
  await advanceMinutes(page, 5);
  // At 5m00s the controller looks again 100 ms later (nextScheduleDelta): one step more.
  await page.getByRole("button", { name: "Step", exact: true }).click();
  await lane.locator('.job-bar[data-job="tick-29453765"]').waitFor();
  assert.equal(await lane.locator(".job-bar").count(), 5);
  assert.equal(await lane.locator(".pod-bar").count(), 5, "one Pod a run");
  assert.equal(await lane.locator(".job-bar.complete").count(), 4, "kept after the history limit of three");
  // The newest bar is still in the cluster: a click opens its describe.
  const newest = lane.locator(".job-bar").last();
  const name = await newest.getAttribute("data-job");
  await newest.click();
  await page.locator(".timeline .describe pre").waitFor();
  assert.match(await page.locator(".timeline .describe pre").innerText(), new RegExp(`Name:\\s+${name}`));
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test("Forbid with runs longer than the schedule marks the skipped times", async () => {
  const page = await open(env.browser, env.server.url);
  await paste(page, cronJob("slow", "Forbid", "sleep 90"));
  await page.locator(".apply-log", { hasText: "cronjob.batch/slow created" }).waitFor();
  await page.getByRole("tab", { name: "Timeline" }).click();
  await advanceMinutes(page, 5);
  const lane = page.locator('.lane[data-lane="default/slow"]');
  await lane.locator(".mark.skipped").first().waitFor();
  const bars = await lane.locator(".job-bar").count();
  const skipped = await lane.locator(".mark.skipped").count();
  assert.ok(bars >= 2 && bars < 5, `${bars} runs in five minutes`);
  assert.ok(skipped >= 1, `${skipped} skipped`);
  assert.match(await lane.locator(".mark.skipped title").first().textContent(), /JobAlreadyActive/);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});
