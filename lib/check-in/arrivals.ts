// Who was expected at a session and who arrived: counts for the live dashboards and a CSV per session.
import { stringify } from "csv-stringify/sync";
import type { DbOrTx } from "@/db";
import { doorTicketsOfSession } from "@/db/queries/check-ins";
import { formatDate, formatTime } from "@/lib/format";
import { safeCell } from "@/lib/requirements/export-csv";
import { requireDoorSession } from "./check-in";

export type SessionArrivals = {
  arrived: number;
  expected: number;
  notArrived: { name: string; reference: string; ticketType: string; seat: string | null }[];
};

export async function sessionArrivals(db: DbOrTx, sessionId: string): Promise<SessionArrivals> {
  const valid = (await doorTicketsOfSession(db, sessionId)).filter((t) => !t.voidReason);
  return {
    arrived: valid.filter((t) => t.checkIn).length,
    expected: valid.length,
    notArrived: valid.filter((t) => !t.checkIn).map((t) => ({ name: t.name, reference: t.reference, ticketType: t.ticketType, seat: t.seat })),
  };
}

export const ARRIVALS_COLUMNS = ["Attendee", "Booking reference", "Ticket type", "Seat", "Arrived", "Checked in at", "Door", "Checked in by", "Checked out at", "Collected by"] as const;

export async function arrivalsCsv(db: DbOrTx, sessionId: string) {
  const s = await requireDoorSession(db, sessionId);
  const tz = s.timeZone;
  const rows = (await doorTicketsOfSession(db, sessionId)).filter((t) => !t.voidReason).map((t) => [
    t.name, t.reference, t.ticketType, t.seat ?? "", t.checkIn ? "yes" : "no",
    t.checkIn ? `${formatDate(t.checkIn.at, tz)} ${formatTime(t.checkIn.at, tz)}` : "", t.checkIn?.deviceId ?? "", t.checkIn?.staffName ?? "",
    t.checkIn?.checkedOutAt ? `${formatDate(t.checkIn.checkedOutAt, tz)} ${formatTime(t.checkIn.checkedOutAt, tz)}` : "", t.checkIn?.collectedBy ?? "",
  ].map(safeCell));
  const day = new Intl.DateTimeFormat("en-CA", { timeZone: tz, year: "numeric", month: "2-digit", day: "2-digit" }).format(s.startsAt);
  return {
    filename: `arrivals-${day}-${s.title.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "")}.csv`,
    csv: `\uFEFF${stringify([ARRIVALS_COLUMNS as unknown as string[], ...rows], { record_delimiter: "\r\n" })}`,
  };
}
