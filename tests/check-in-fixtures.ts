// Helpers for the ticket and check-in tests: a paid booking's tickets with their secrets, and the door's routes.
import { asc, eq, sql } from "drizzle-orm";
import { bookingAttendees, tickets } from "@/db/schema";
import { POST as postApiCheckIn } from "@/app/api/v1/check-ins/route";
import { POST as postSync } from "@/app/api/admin/check-in/sync/route";
import { POST as postUndo } from "@/app/api/admin/check-in/undo/route";
import { GET as getManifest } from "@/app/api/admin/check-in/sessions/[id]/manifest/route";
import { ticketQrText } from "@/lib/tickets/secret";
import { db, type ApiResponse } from "./fixtures";

const ORIGIN = "http://localhost:3000";

/** A booking's tickets in attendee order, with the text their QR codes carry. */
export async function ticketsOf(bookingId: string) {
  const rows = await db().select({ t: tickets, position: bookingAttendees.position, firstName: bookingAttendees.firstName })
    .from(tickets).innerJoin(bookingAttendees, eq(bookingAttendees.id, tickets.attendeeId))
    .where(eq(tickets.bookingId, bookingId)).orderBy(asc(bookingAttendees.position));
  return rows.map((r) => ({ ...r.t, firstName: r.firstName, qr: ticketQrText(r.t.id, r.t.version) }));
}

async function read(res: Response): Promise<ApiResponse> {
  const text = await res.text();
  return { status: res.status, headers: res.headers, json: text ? JSON.parse(text) : null };
}

function post(route: (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>, path: string, body: unknown, cookie?: string, apiKey?: string) {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (cookie) headers.cookie = cookie;
  if (apiKey) headers.authorization = `Bearer ${apiKey}`;
  return route(new Request(`${ORIGIN}${path}`, { method: "POST", headers, body: typeof body === "string" ? body : JSON.stringify(body) }), { params: Promise.resolve({}) }).then(read);
}

export const apiCheckIn = (body: unknown, cookie?: string, apiKey?: string) => post(postApiCheckIn, "/api/v1/check-ins", body, cookie, apiKey);
export const syncScans = (body: unknown, cookie?: string) => post(postSync, "/api/admin/check-in/sync", body, cookie);
export const undo = (body: unknown, cookie?: string) => post(postUndo, "/api/admin/check-in/undo", body, cookie);

export async function manifest(sessionId: string, cookie?: string) {
  const headers: Record<string, string> = cookie ? { cookie } : {};
  return read(await getManifest(new Request(`${ORIGIN}/api/admin/check-in/sessions/${sessionId}/manifest`, { headers }), { params: Promise.resolve({ id: sessionId }) }));
}

export async function admissionCounts() {
  const [row] = await db().execute<{ check_ins: number; scans: number; tickets: number; revoked: number }>(sql`
    select (select count(*) from check_ins)::int as check_ins, (select count(*) from ticket_scans)::int as scans,
      (select count(*) from tickets)::int as tickets, (select count(*) from ticket_revoked_secrets)::int as revoked`);
  return { ...row };
}
