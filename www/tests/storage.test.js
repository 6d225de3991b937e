// The Storage tab as a person uses it: a claim that fits no volume waits and says why, with the
// reason each volume missed; a volume added in the editor is bound to it at the controller's next
// look, and the line between them is drawn. Expectations follow pv_controller.go (binding, the
// 15 s resync) and pv_helpers.go FindMatchingVolume (which check a volume fails first).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { start, open, paste } from "./harness.js";

let env;
before(async () => { env = await start(); });
after(async () => { await env.browser.close(); await env.server.close(); });

const VOLUMES = `apiVersion: v1
kind: PersistentVolume
metadata:
  name: disk-small
spec:
  capacity: {storage: 1Gi}
  accessModes: [ReadWriteOnce]
  storageClassName: manual
  hostPath: {path: /data/small}
---
apiVersion: v1
kind: PersistentVolume
metadata:
  name: disk-a
spec:
  capacity: {storage: 10Gi}
  accessModes: [ReadWriteOnce]
  storageClassName: fast
  hostPath: {path: /data/a}
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: data
spec:
  accessModes: [ReadWriteOnce]
  storageClassName: manual
  resources:
    requests: {storage: 5Gi}
`;

const FITS = `---
apiVersion: v1
kind: PersistentVolume
metadata:
  name: disk-big
spec:
  capacity: {storage: 8Gi}
  accessModes: [ReadWriteOnce]
  storageClassName: manual
  hostPath: {path: /data/big}
`;

test("a pending claim says why; a volume added in the editor binds and its line is drawn", async () => {
  const page = await open(env.browser, env.server.url);
  await paste(page, VOLUMES);
  await page.locator(".apply-log", { hasText: "persistentvolumeclaim/data created" }).waitFor();
  await page.getByRole("tab", { name: "Storage" }).click();
  const claim = page.locator('.storage-row[data-claim="default/data"]');
  await claim.waitFor();
  assert.match(await claim.innerText(), /Pending/);
  const why = page.locator('.pending-claim[data-claim="default/data"]');
  assert.match(await why.locator(".why").innerText(), /StorageClass manual does not exist/);
  const misses = await why.locator("ul.misses li").allInnerTexts();
  assert.deepEqual(misses, ["disk-a: class fast ≠ manual", "disk-small: 1Gi < requested 5Gi"]);
  assert.equal(await page.locator("path.binding").count(), 0);
  // The standard class is kind's default.
  assert.match(await page.locator(".storage-class").first().innerText(), /standard\s*default/);

  // Add a volume that fits: the controller finds it at its next resync.
  await paste(page, VOLUMES + FITS);
  await page.locator('.storage-row[data-volume="disk-big"]').waitFor();
  await page.getByRole("button", { name: "+1 min" }).click();
  await page.locator('path.binding.bound[data-claim="default/data"][data-volume="disk-big"]').waitFor();
  assert.match(await claim.innerText(), /Bound/);
  assert.match(await page.locator('.storage-row[data-volume="disk-big"]').innerText(), /Bound/);
  assert.equal(await page.locator(".pending-claim").count(), 0);

  // A click opens its describe.
  await claim.click();
  const describe = page.locator(".storage .describe pre");
  await describe.waitFor();
  assert.match(await describe.innerText(), /Volume:\s+disk-big/);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});
