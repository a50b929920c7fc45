// What a door shows after a scan: one shape and one wording for the server, the API and the door page
// working offline. No Node or database imports: the browser uses this too.
import { formatDate, formatTime } from "@/lib/format";

export const SCAN_RESULTS = [
  "checked_in", "already_checked_in", "unknown", "malformed", "revoked", "refunded", "cancelled", "wrong_session",
  "checked_out", "not_checked_in", "already_checked_out", "check_out_not_offered", "undone",
] as const;
export type ScanResultCode = (typeof SCAN_RESULTS)[number];

export type Tone = "green" | "amber" | "red";

export type DoorTicket = {
  id: string;
  name: string;
  reference: string;
  ticketType: string;
  seat: string | null;
  /** Critical requirements, as shown to the door: "Severe allergy: peanuts". */
  critical: string[];
  /** Answers staff chose to show at the door: "Who may collect this child?: Jane Doe, Sam Doe". */
  doorNotes: string[];
  /** The ticket's own session (sent with a scan's answer, not in the offline manifest). */
  session?: { title: string; startsAt: string; timeZone: string };
};

export type DoorCheckIn = {
  id: string | null;
  at: string;
  deviceId: string;
  staffName: string | null;
  checkedOutAt: string | null;
  collectedBy: string | null;
};

export type ScanOutcome = {
  result: ScanResultCode;
  tone: Tone;
  title: string;
  detail: string | null;
  ticket: DoorTicket | null;
  checkIn: DoorCheckIn | null;
  /** Checked in on this device while offline, but another door had already let the ticket in. */
  conflict?: boolean;
  /** The same client scan id was sent before: this is the answer it got then. */
  replayed?: boolean;
};

export function toneOf(result: ScanResultCode): Tone {
  if (result === "checked_in" || result === "checked_out" || result === "undone") return "green";
  if (result === "already_checked_in" || result === "already_checked_out" || result === "not_checked_in") return "amber";
  return "red";
}

/** "Evening Jazz, Sat, 12 Dec 2026, 19:30", in that session's own zone; "another session" when not known. */
const bookedOn = (t: DoorTicket) => {
  const s = t.session;
  return s ? `${s.title}, ${formatDate(s.startsAt, s.timeZone)}, ${formatTime(s.startsAt, s.timeZone)}` : "another session";
};

const place = (t: DoorTicket) => [t.name, t.ticketType, t.seat].filter(Boolean).join(", ");

/** The words for a result; times in the venue's zone. */
export function describeScan(result: ScanResultCode, ticket: DoorTicket | null, checkIn: DoorCheckIn | null, timeZone: string): Pick<ScanOutcome, "title" | "detail"> {
  const at = (iso: string | null | undefined) => (iso ? formatTime(iso, timeZone) : "");
  switch (result) {
    case "checked_in":
      return { title: `Checked in: ${ticket ? place(ticket) : "ticket"}`, detail: ticket ? `Booking ${ticket.reference}` : null };
    case "already_checked_in":
      return {
        title: `Already checked in at ${at(checkIn?.at)} by ${checkIn?.deviceId ?? "another door"}`,
        detail: ticket ? `${place(ticket)}${checkIn?.staffName ? ` · scanned by ${checkIn.staffName}` : ""}` : null,
      };
    case "checked_out":
      return { title: `Checked out: ${ticket?.name ?? "ticket"}`, detail: checkIn?.collectedBy ? `Collected by ${checkIn.collectedBy} at ${at(checkIn.checkedOutAt)}` : `At ${at(checkIn?.checkedOutAt)}` };
    case "already_checked_out":
      return { title: `Already checked out at ${at(checkIn?.checkedOutAt)}`, detail: checkIn?.collectedBy ? `Collected by ${checkIn.collectedBy}` : null };
    case "not_checked_in":
      return { title: "Not checked in: nothing to check out", detail: ticket ? place(ticket) : null };
    case "check_out_not_offered":
      return { title: "This session has no check-out", detail: null };
    case "undone":
      return { title: `Check-in undone: ${ticket?.name ?? "ticket"}`, detail: "The ticket can be scanned again." };
    case "wrong_session":
      return { title: "Not valid for this session", detail: ticket ? `${ticket.name} (booking ${ticket.reference}) is booked on ${bookedOn(ticket)}.` : null };
    case "refunded":
      return { title: "Refunded", detail: ticket ? `${ticket.name}'s place (booking ${ticket.reference}) was refunded: the ticket is void.` : null };
    case "cancelled":
      return { title: "Cancelled", detail: ticket ? `Booking ${ticket.reference} or its session was cancelled: the ticket is void.` : null };
    case "revoked":
      return { title: "Revoked ticket", detail: ticket ? `A new ticket was issued for ${ticket.name}; this one no longer works.` : "A new ticket was issued for this place." };
    case "malformed":
      return { title: "Not a ticket", detail: "This code is not a Turnout ticket." };
    case "unknown":
      return { title: "Unknown ticket", detail: "No ticket has this code." };
  }
}

export function buildOutcome(result: ScanResultCode, ticket: DoorTicket | null, checkIn: DoorCheckIn | null, timeZone: string, extra: { conflict?: boolean; replayed?: boolean } = {}): ScanOutcome {
  return { result, tone: toneOf(result), ...describeScan(result, ticket, checkIn, timeZone), ticket, checkIn, ...extra };
}
