import { createHash, createHmac } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test } from "@playwright/test";
import { expectNoSeriousA11yViolations } from "../fixtures/axe";
import { signInAs, withE2eDb } from "../fixtures/staff";

test("[ADMIN] registers a webhook endpoint (secret shown once), sees a signed delivery in its log and resends it", async ({ page, context }) => {
  const received: { signature: string; body: string }[] = [];
  const receiver = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c) => { body += c; });
    req.on("end", () => { received.push({ signature: String(req.headers["turnout-signature"]), body }); res.writeHead(204).end(); });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/turnout-events`;
  try {
    await signInAs(context, "admin");
    await page.goto("/admin/webhooks");
    await expect(page.getByRole("heading", { level: 1, name: "Webhooks" })).toBeVisible();

    // Bad input: field errors, nothing saved.
    await page.getByLabel("Endpoint URL").fill("ftp://example.com/hooks");
    await page.getByRole("button", { name: "Add endpoint" }).click();
    const summary = page.getByRole("alert").filter({ hasText: "There is a problem" });
    await expect(summary).toContainText("http:// or https:// URL");
    await expect(summary).toContainText("Choose at least one event");
    await expect(page.getByLabel("Endpoint URL")).toHaveAttribute("aria-invalid", "true");
    await expectNoSeriousA11yViolations(page, "the webhook form with errors");

    await page.getByLabel("Endpoint URL").fill(url);
    await page.getByLabel("Description").fill("Integration spec receiver");
    await page.getByLabel(/booking\.created/).check();
    await page.getByLabel(/attendee\.checked_in/).check();
    await page.getByRole("button", { name: "Add endpoint" }).click();
    const shown = page.getByTestId("shown-once-value");
    await expect(shown).toHaveText(/^whsec_[A-Za-z0-9_-]{43}$/);
    const secret = (await shown.textContent())!;
    await expectNoSeriousA11yViolations(page, "the new endpoint's secret");
    await page.getByRole("button", { name: "I have copied it" }).click();
    await expect(shown).toHaveCount(0);
    // Only its ciphertext is stored.
    const [endpoint] = await withE2eDb((sql) => sql`select id, secret_ciphertext, events from webhook_endpoints where url = ${url}`);
    expect(endpoint.secret_ciphertext).not.toContain(secret.slice(6));
    expect(endpoint.events).toEqual(["booking.created", "attendee.checked_in"]);

    await page.getByRole("link", { name: url }).click();
    await expect(page.getByRole("heading", { level: 1, name: url })).toBeVisible();
    await expect(page.getByText("No events sent to this endpoint yet.")).toBeVisible();
    await expect(page.getByText(secret)).toHaveCount(0);

    // An event in the outbox, queued as the app does in the transaction of its cause; the app's worker sends it.
    const [event] = await withE2eDb(async (sql) => {
      const [e] = await sql`insert into outbound_events (type, data) values ('attendee.checked_in', ${sql.json({ checkInId: "spec" })}) returning id`;
      const [d] = await sql`insert into webhook_deliveries (event_id, endpoint_id) values (${e.id}, ${endpoint.id}) returning id`;
      await sql`select graphile_worker.add_job('webhook.deliver', ${sql.json({ deliveryId: d.id })}::json, job_key => ${`webhook:${d.id}`}::text)`;
      return [e];
    });
    await expect.poll(() => received.length).toBe(1);
    const [first] = received;
    const [, t, v1] = first.signature.match(/^t=(\d+),v1=([0-9a-f]{64})$/)!;
    expect(createHmac("sha256", secret).update(`${t}.${first.body}`).digest("hex")).toBe(v1);
    expect(JSON.parse(first.body)).toMatchObject({ id: event.id, type: "attendee.checked_in", data: { checkInId: "spec" } });

    // The receiver answers before the worker records the delivery: the log is read once that is written.
    await expect.poll(() => withE2eDb(async (sql) => (await sql`select status from webhook_deliveries where event_id = ${event.id}`)[0]?.status)).toBe("succeeded");
    await page.reload();
    const row = page.getByRole("row").filter({ hasText: event.id });
    await expect(row).toContainText("Delivered");
    await expect(row).toContainText("204");
    await expect(row).toContainText(/\d+ ms/);
    await expectNoSeriousA11yViolations(page, "the endpoint's delivery log");
    await row.getByRole("button", { name: /Resend/ }).click();
    await expect.poll(() => received.length).toBe(2);
    expect(JSON.parse(received[1].body).id).toBe(event.id);
  } finally {
    // The receiver goes away with this spec: its endpoint must not take the events of later specs' bookings.
    await withE2eDb((sql) => sql`update webhook_endpoints set disabled_at = now(), disabled_reason = 'The integration spec ended' where url = ${url}`);
    await new Promise((resolve) => receiver.close(resolve));
  }
});

test("[ADMIN] creates an API key shown once, which the staff API accepts until it is revoked", async ({ page, context }) => {
  await signInAs(context, "admin");
  await page.goto("/admin/api-keys");
  await expect(page.getByRole("heading", { level: 1, name: "API keys" })).toBeVisible();
  await page.getByRole("button", { name: "Create key" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "There is a problem" })).toContainText("Choose at least one scope");
  await expectNoSeriousA11yViolations(page, "the API key form with errors");

  const name = `Spec CRM ${Date.now()}`;
  await page.getByLabel("Name").fill(name);
  await page.getByLabel(/bookings:read/).check();
  await page.getByRole("button", { name: "Create key" }).click();
  const shown = page.getByTestId("shown-once-value");
  await expect(shown).toHaveText(/^trn_[A-Za-z0-9]{8}_[A-Za-z0-9_-]{43}$/);
  const key = (await shown.textContent())!;
  await expectNoSeriousA11yViolations(page, "the new API key");
  const [row] = await withE2eDb((sql) => sql`select secret_hash, scopes, last_used_at from api_keys where name = ${name}`);
  expect(row.secret_hash).toBe(createHash("sha256").update(key).digest("hex"));
  expect(row.scopes).toEqual(["bookings:read"]);
  await page.getByRole("button", { name: "I have copied it" }).click();
  await expect(shown).toHaveCount(0);

  const auth = { authorization: `Bearer ${key}` };
  const ok = await page.request.get("/api/v1/admin/bookings?limit=5", { headers: auth });
  expect(ok.status()).toBe(200);
  expect(Number(ok.headers()["ratelimit-remaining"])).toBeGreaterThan(0);
  expect((await page.request.get("/api/v1/admin/bookings", { headers: { authorization: "Bearer trn_AAAAAAAA_" + "a".repeat(43) } })).status()).toBe(401);

  await page.reload();
  const keyRow = page.getByRole("row").filter({ hasText: name });
  await expect(keyRow).not.toContainText("Never");
  page.once("dialog", (d) => d.accept());
  await keyRow.getByRole("button", { name: /Revoke/ }).click();
  await expect(keyRow).toContainText("Revoked");
  await expectNoSeriousA11yViolations(page, "the API keys list");
  expect((await page.request.get("/api/v1/admin/bookings", { headers: auth })).status()).toBe(401);
});
