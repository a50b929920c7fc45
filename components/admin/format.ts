// Times on staff pages: a date and time with the zone's abbreviation, so no one guesses which clock.
import { dateTimeFormat } from "@/lib/intl";

export function formatDateTime(d: Date | string, timeZone: string): string {
  return dateTimeFormat("en-GB", {
    timeZone, day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit", timeZoneName: "short",
  }).format(new Date(d));
}

export function personName(p: { name: string | null; email: string } | null | undefined): string {
  return p ? (p.name ?? p.email) : "someone";
}
