// 40 payments at once: the time from each signed webhook to its confirmation email sent with every
// attachment (invoice PDF, booking PDF, calendar file), while GET /courses is under a steady load whose
// p99 is compared with the same load just before the burst. The load is a steady stream of visitors
// (PAGE_RATE a second from 10 clients, well within what the pages sustain), not clients asking as fast as
// they are answered: such a load would take every idle core itself, leaving the burst none and measuring the
// load generator's competition rather than what the burst does to a page's answer time. It runs on a thread of
// its own (bench/lib/steady-thread.ts), so that sending the burst does not hold up its visitors.
import os from "node:os";
import { inArray } from "drizzle-orm";
import { emailMessages } from "@/db/schema";
import { buildSimulatedEvent, signPayload } from "@/lib/payments/simulated-checkout";
import { documentFloorMs } from "../lib/document-floor";
import { percentile, sleepUntil, type SteadyMeasurement } from "../lib/measure";
import { withSessionRaised } from "../lib/scheduling";
import { steadyOnThread } from "../lib/steady-thread";
import { ms, type Row } from "../lib/table";
import type { App, CpuSplit } from "../lib/app";
import type { Figure } from "./figure";
import { hotSession, pendingBookings } from "./fixtures";

const PAYMENTS = 40;
const PAGE_CLIENTS = 10;
const PAGE_SECONDS = 6;
// BENCH_BURST_PAGE_RATE=0 leaves the pages out, to see the burst's own cost.
const PAGE_RATE = Number(process.env.BENCH_BURST_PAGE_RATE ?? 200);
const GOAL_P95_MS = 3_000;
// Time given to the page load's thread to start and open its connections before its first measured request.
const LOAD_LEAD_MS = 2_000;

// A second burst on the same server by default: the first after a start pays for compiling the payment and
// email code and for PostgreSQL connections that have not yet served these statements (about twice the
// PostgreSQL time of the second), which a server that has taken payments before has done. BENCH_BURST_ROUNDS
// sets how many.
const ROUNDS = Number(process.env.BENCH_BURST_ROUNDS ?? 2);

export const emailBurst: Figure = {
  name: "payment burst",
  async run(app) {
    const rows: Row[] = [];
    for (let round = 0; round < ROUNDS; round++) rows.push(...await burst(app, ROUNDS === 1 ? "" : round === 0 ? " (first after start)" : " (again)"));
    return rows;
  },
};

const signed = (n: number) => `${n < 0 ? "-" : "+"}${Math.abs(n).toFixed(0)}`;

async function burst(app: App, label: string): Promise<Row[]> {
  const { session } = await hotSession(app.db);
  const pending = await pendingBookings(app.origin, app.db, session.id, PAYMENTS);
  await app.quiet();
  // The reference: the confirmations' documents alone, drawn on every core of this machine just now
  // (bench/lib/document-floor.ts).
  const floorMs = await documentFloorMs();
  // The page load starts at `startAt`: its thread and connections are ready by then, so that its first second
  // is the burst's first second (started the moment the webhooks went out, the thread was still starting up for
  // about a second, its first answers slow from its own start, not the server).
  const pageLoad: PageLoad = (startAt) => PAGE_RATE > 0
    ? steadyOnThread({ url: `${app.origin}/courses`, connections: PAGE_CLIENTS, durationS: PAGE_SECONDS, rate: PAGE_RATE, startAt })
    : Promise.resolve(null);
  await fetch(`${app.origin}/courses`).then((r) => r.text()); // rendered once before it is measured
  // From the page load before the burst to the last email, the bench's session has the load's priority
  // (bench/lib/scheduling.ts).
  const { result: measured, raised } = await withSessionRaised(() => pagesAndPayments(app, pending, pageLoad));
  const { pagesBefore, pages, delivered, sentAt, burstAt, cpuBefore, cpuAfter, doneAt } = measured;
  // Complete: the invoice, the booking confirmation and the tickets (three PDFs), and the calendar file.
  const complete = delivered.filter((m) => (m.attachments ?? []).filter((a) => a.contentType === "application/pdf").length === 3
    && (m.attachments ?? []).some((a) => a.contentType.startsWith("text/calendar")));
  const times = delivered.map((m) => m.sentAt!.getTime() - sentAt.get(m.key)!);
  const p95 = percentile(times, 0.95);
  // The server's CPU time from the first webhook to the last email, per payment (the pages' share included).
  const each = (k: Exclude<keyof CpuSplit, "requestThreadWait">) => ((cpuAfter![k] - cpuBefore![k]) * 1000 / PAYMENTS).toFixed(0);
  // How busy the whole machine was meanwhile: a burst that keeps every core busy is bound by the cores, and
  // PostgreSQL's share (on the same machine here) is CPU the app's threads could not have.
  const busy = cpuBefore && cpuAfter
    ? Math.round((100 * (cpuAfter.machineBusy - cpuBefore.machineBusy)) / (cpuAfter.machineCapacity - cpuBefore.machineCapacity)) : 0;
  const cpu = cpuBefore && cpuAfter
    ? `, CPU ${each("total")} ms each (request thread ${each("requestThread")}, render ${each("renderThreads")}, job ${each("jobThread")}, webhook ${each("webhookThread")}, other threads ${each("otherThreads")}, V8 helpers ${each("v8Helpers")}, page renderer ${each("renderer")}), PostgreSQL ${each("postgres")} ms each, machine ${busy} % busy`
    : "";
  const rows: Row[] = [{
    figure: `${PAYMENTS} payments at once${label}: confirmation email sent`,
    rate: `${delivered.length}/${PAYMENTS} sent, ${complete.length} complete${cpu}`, p50: ms(percentile(times, 0.5)), p99: `p95 ${ms(p95)}`,
    reference: floorMs === null ? "-" : `documents alone, every core drawing: ${floorMs.toFixed(0)} ms each, ${PAYMENTS} in ${ms(PAYMENTS * floorMs / os.cpus().length)}`,
    ratio: p95 / GOAL_P95_MS, goal: "p95 < 3 s (ratio: to 3 s), all attachments",
    pass: complete.length === PAYMENTS && p95 < GOAL_P95_MS,
  }];
  if (!pages || !pagesBefore) return rows;
  const pageRatio = pages.p99 / pagesBefore.p99;
  // How long the thread answering the pages was ready to run but had no core, from the first webhook to the
  // last email: on a saturated machine, the stalls the pages see that no work of that thread explains.
  const waited = cpuBefore?.requestThreadWait != null && cpuAfter?.requestThreadWait != null
    ? `; request thread waited ${ms((cpuAfter.requestThreadWait - cpuBefore.requestThreadWait) * 1000)} for a core in ${ms(doneAt - burstAt)}` : "";
  // The same for the load's own thread over its whole run: its waits are counted in the latencies it times.
  const generatorWaited = pages.generatorWaitMs === null ? ""
    : `; load thread${raised ? " (session at nice -10)" : ""} waited ${ms(pages.generatorWaitMs)} in ${ms(PAGE_SECONDS * 1000)}`;
  // When the slowest pages were asked for, counted from the first webhook: where in the burst a stall falls.
  const slowest = pages.slowest.sort((a, b) => a.dueMs - b.dueMs).map((s) => `${ms(s.ms)} at ${signed(pages.startedAt + s.dueMs - burstAt)} ms`).join(", ");
  return [...rows, {
    figure: `GET /courses during the burst${label}, ${PAGE_RATE} req/s from ${PAGE_CLIENTS} clients`,
    rate: `${pages.rate.toFixed(0)} req/s from ${signed(pages.startedAt - burstAt)} ms; slowest: ${slowest}${waited}${generatorWaited}`, p50: ms(pages.p50), p99: ms(pages.p99),
    reference: `p99 before ${ms(pagesBefore.p99)}`, ratio: pageRatio, goal: "p99 < 2x before",
    pass: pageRatio < 2 && pages.errors === 0,
  }];
}

type PageLoad = (startAt: number) => Promise<SteadyMeasurement | null>;

/**
 * The page load alone, then the burst beside it: sends the signed webhooks and waits (with a deadline) for
 * their emails to be sent.
 */
async function pagesAndPayments(app: App, pending: Awaited<ReturnType<typeof pendingBookings>>, pageLoad: PageLoad) {
  const pagesBefore = await pageLoad(Date.now() + LOAD_LEAD_MS);

  // The events are written and signed before the burst, as Stripe does on its own machines: at the burst
  // this process only sends them, and its own work does not take a core from the server's first answers.
  const events = pending.map((b) => {
    const payload = JSON.stringify(buildSimulatedEvent("checkout.session.completed", b, b.checkoutSessionId!, b.amountDueNow));
    return { b, payload, signature: signPayload(payload) };
  });
  const sentAt = new Map<string, number>();
  const burstStart = Date.now() + LOAD_LEAD_MS;
  const pagesDuring = pageLoad(burstStart);
  await sleepUntil(burstStart);
  const cpuBefore = app.cpuSeconds();
  await Promise.all(events.map(async ({ b, payload, signature }) => {
    sentAt.set(`booking-confirmed:${b.id}`, Date.now());
    const res = await fetch(`${app.origin}/api/stripe/webhook`, { method: "POST", headers: { "content-type": "application/json", "stripe-signature": signature }, body: payload });
    if (!res.ok) throw new Error(`webhook answered ${res.status}`);
  }));
  const keys = [...sentAt.keys()];
  const burstAt = Math.min(...sentAt.values());
  const deadline = Date.now() + 120_000;
  let delivered: { key: string; sentAt: Date | null; attachments: { contentType: string }[] | null }[] = [];
  for (;;) {
    delivered = (await app.db.select({ key: emailMessages.idempotencyKey, sentAt: emailMessages.sentAt, attachments: emailMessages.attachments, status: emailMessages.status })
      .from(emailMessages).where(inArray(emailMessages.idempotencyKey, keys))).filter((m) => m.status === "sent");
    if (delivered.length === keys.length || Date.now() > deadline) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  const cpuAfter = app.cpuSeconds();
  const doneAt = Date.now();
  return { pagesBefore, pages: await pagesDuring, delivered, sentAt, burstAt, cpuBefore, cpuAfter, doneAt };
}
