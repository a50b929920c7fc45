// The requirements as a spreadsheet: one row per attendee need, sessions in date order, Critical first.
import { stringify } from "csv-stringify/sync";
import { formatDate, formatTime } from "@/lib/format";
import { categoryLabel, priorityLabel, type DashboardSession } from "./dashboard";

export const CSV_COLUMNS = [
  "Session date", "Start", "End", "Course", "Venue", "Priority", "Category", "Requirement", "Details",
  "Attendee", "Ticket and seat", "Booking reference", "Acknowledged at", "Acknowledged by",
] as const;

/** Cells that a spreadsheet would run as a formula are prefixed with an apostrophe. */
export function safeCell(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

export function requirementsCsv(sessions: DashboardSession[]): string {
  const rows = sessions.flatMap((s) => {
    const tz = s.venue.timeZone;
    return s.groups.flatMap((g) => g.requirements.map((r) => [
      formatDate(s.startsAt, tz), formatTime(s.startsAt, tz), formatTime(s.endsAt, tz), s.course.title,
      `${s.venue.name}, ${s.venue.city}`, priorityLabel[r.priority], categoryLabel[r.category], r.label, r.details ?? "",
      r.attendeeName, r.place ?? "", r.reference, r.acknowledgedAt ? r.acknowledgedAt.toISOString() : "",
      r.acknowledgedBy ? (r.acknowledgedBy.name ?? r.acknowledgedBy.email) : "",
    ].map(safeCell)));
  });
  // A byte-order mark so spreadsheet programs read the names as UTF-8.
  return `\uFEFF${stringify([CSV_COLUMNS as unknown as string[], ...rows], { record_delimiter: "\r\n" })}`;
}

export function exportFileName(kind: "csv" | "pdf", p: { sessionTitle?: string; date?: Date } = {}) {
  const day = (p.date ?? new Date()).toISOString().slice(0, 10);
  const what = p.sessionTitle ? p.sessionTitle.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "") : "all-sessions";
  return `requirements-${what}-${day}.${kind}`;
}
