// The door page's own validation while offline: the same answers as the server, from the session's
// manifest (hashes of secrets). Browser-safe: WebCrypto for the hash, no Node imports.
import { secretFromScan } from "@/lib/tickets/secret-format";
import type { SessionManifest } from "./manifest";
import { buildOutcome, type ScanOutcome, type ScanResultCode } from "./outcome";

export async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

export type LocalScan = { action: "check_in" | "check_out"; code?: string; ticketId?: string; collectedBy?: string };

/**
 * Validates a scan against the manifest and applies it to a copy (a check-in recorded locally with no id
 * until it syncs). Returns the outcome to show and the manifest to keep.
 */
export async function validateLocally(m: SessionManifest, scan: LocalScan, ctx: { deviceId: string; staffName: string | null; now: Date }):
  Promise<{ outcome: ScanOutcome; manifest: SessionManifest }> {
  const tz = m.session.timeZone;
  const answer = (result: ScanResultCode, t: SessionManifest["tickets"][number] | null, next = m) =>
    ({ outcome: buildOutcome(result, t, t?.checkIn ?? null, tz), manifest: next });

  let ticket: SessionManifest["tickets"][number] | undefined;
  if (scan.ticketId) {
    ticket = m.tickets.find((t) => t.id === scan.ticketId);
    if (!ticket) return answer("unknown", null);
  } else {
    const secret = secretFromScan(scan.code ?? "");
    if (!secret) return answer("malformed", null);
    const hash = await sha256Hex(secret);
    ticket = m.tickets.find((t) => t.hash === hash);
    if (!ticket) {
      const revoked = m.revoked.find((r) => r.hash === hash);
      // The manifest holds this session's tickets only: an unknown code may be another session's ticket.
      return answer(revoked ? "revoked" : "unknown", revoked ? m.tickets.find((t) => t.id === revoked.ticketId) ?? null : null);
    }
  }
  if (ticket.voidReason) return answer(ticket.voidReason, ticket);

  const update = (changed: typeof ticket) => ({ ...m, tickets: m.tickets.map((t) => (t.id === changed.id ? changed : t)) });
  if (scan.action === "check_out") {
    if (!m.session.checkOutRequired) return answer("check_out_not_offered", ticket);
    if (!ticket.checkIn) return answer("not_checked_in", ticket);
    if (ticket.checkIn.checkedOutAt) return answer("already_checked_out", ticket);
    const changed = { ...ticket, checkIn: { ...ticket.checkIn, checkedOutAt: ctx.now.toISOString(), collectedBy: scan.collectedBy ?? null } };
    return answer("checked_out", changed, update(changed));
  }
  if (ticket.checkIn) return answer("already_checked_in", ticket);
  const changed = { ...ticket, checkIn: { id: null, at: ctx.now.toISOString(), deviceId: ctx.deviceId, staffName: ctx.staffName, checkedOutAt: null, collectedBy: null } };
  return answer("checked_in", changed, update(changed));
}
