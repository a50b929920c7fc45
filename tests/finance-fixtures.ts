// Helpers for the invoice, email and refund tests: paid bookings through the real webhook, the job worker
// run in this process, staff cookies and PDF text. The SMTP server that receives their mail is in mail-server.ts.
import { randomBytes } from "node:crypto";
import { and, eq, isNull, sql } from "drizzle-orm";
import { Logger, runOnce } from "graphile-worker";
import { authSessions, bookings, invoices, users, type Booking } from "@/db/schema";
import { env, resetEnvForTests } from "@/lib/env";
import { taskList } from "@/lib/jobs/tasks";
import { buildSimulatedEvent, signPayload } from "@/lib/payments/simulated-checkout";
import { bookingBody, checkoutEvent, createBookingViaApi, db, getBooking, postWebhook, templateByCode } from "./fixtures";

export { pdfText } from "./pdf-text";

/** Sets environment variables for one test and forgets the parsed env; the returned function restores them. */
export function withEnv(vars: Record<string, string | undefined>) {
  const before = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]));
  const apply = (v: Record<string, string | undefined>) => {
    for (const [k, val] of Object.entries(v)) {
      if (val === undefined) delete process.env[k];
      else process.env[k] = val;
    }
    resetEnvForTests();
  };
  apply(vars);
  return () => apply(before);
}

export const uniqueEmail = (label: string) => `${label}.${randomBytes(4).toString("hex")}@example.com`;

type PaidBookingOptions = {
  attendees?: { firstName: string; lastName: string; email?: string; requirements?: { code: string; details?: string }[] }[];
  paymentOption?: "full" | "deposit";
  contact?: Record<string, string>;
  billing?: Record<string, string>;
};

/** Books through the API and pays through the signed webhook, as the simulated checkout does. */
export async function createPaidBooking(sessionId: string, o: PaidBookingOptions = {}): Promise<Booking> {
  const attendees = o.attendees ?? [{ firstName: "Alex", lastName: "Tester" }];
  const withTemplates = await Promise.all(attendees.map(async (a) => ({
    firstName: a.firstName, lastName: a.lastName, email: a.email,
    requirements: await Promise.all((a.requirements ?? []).map(async (r) => ({ templateId: (await templateByCode(r.code)).id, details: r.details }))),
  })));
  const body = bookingBody(sessionId, attendees.length, {
    paymentOption: o.paymentOption ?? "full",
    attendees: withTemplates,
    ...(o.contact ? { contact: { name: "Pat Booker", phone: "+44 20 7946 0001", email: uniqueEmail("booker"), ...o.contact } } : {}),
    ...(o.billing ? { billing: o.billing } : {}),
  });
  const { booking } = await createBookingViaApi(sessionId, attendees.length, body);
  const res = await postWebhook(JSON.stringify(checkoutEvent("checkout.session.completed", booking)));
  if (res.status !== 200) throw new Error(`payment webhook answered ${res.status}`);
  return (await getBooking(booking.id))!;
}

/** Pays the balance through the booking's balance checkout, as Stripe would report it. */
export async function payBalance(bookingId: string, amount: number) {
  const booking = (await getBooking(bookingId))!;
  if (!booking.balanceCheckoutSessionId) throw new Error("no balance checkout opened");
  const event = buildSimulatedEvent("checkout.session.completed", booking, booking.balanceCheckoutSessionId, amount);
  const payload = JSON.stringify(event);
  return postWebhook(payload, signPayload(payload));
}

export async function invoiceOf(bookingId: string) {
  const [row] = await db().select().from(invoices).where(and(eq(invoices.bookingId, bookingId), isNull(invoices.supplementsInvoiceId)));
  return row ?? null;
}

// --- The job queue, run here ---

const quiet = new Logger(() => () => {});

/** Forgets every queued job, so this file's worker only runs what its own tests cause. */
export async function clearJobs() {
  await db().execute(sql`delete from graphile_worker._private_jobs`);
}

/** Runs every job that is due now, then returns. */
export async function runJobs() {
  await runOnce({ connectionString: env().DATABASE_URL!, taskList, logger: quiet, noHandleSignals: true });
}

export async function jobsFor(task: string) {
  const rows = await db().execute<{ id: string; key: string | null; run_at: string; attempts: number; last_error: string | null; payload: unknown }>(sql`
    select j.id, j.key, j.run_at, j.attempts, j.last_error, j.payload
    from graphile_worker._private_jobs j join graphile_worker._private_tasks t on t.id = j.task_id
    where t.identifier = ${task} order by j.id`);
  return rows.map((r) => ({ ...r, run_at: new Date(r.run_at) }));
}

/** Waits for `check` to pass, retrying until a deadline: for outcomes of work running elsewhere. */
export async function eventually<T>(check: () => Promise<T>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

// --- Staff and documents ---

/** A signed-in staff member's cookie header, as next-auth would set it. */
export async function staffCookie(role: "admin" | "finance" | "door") {
  const [user] = await db().insert(users).values({ email: uniqueEmail(role).toLowerCase(), name: `Test ${role}`, role }).returning();
  const token = randomBytes(32).toString("hex");
  await db().insert(authSessions).values({ sessionToken: token, userId: user.id, expires: new Date(Date.now() + 3_600_000) });
  return { cookie: `next-auth.session-token=${token}`, user };
}

export async function setBooking(bookingId: string, values: Partial<typeof bookings.$inferInsert>) {
  await db().update(bookings).set(values).where(eq(bookings.id, bookingId));
}
