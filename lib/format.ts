// Display formatting: money from minor units, dates in the venue's time zone.
import { dateTimeFormat, numberFormat } from "./intl";

export function minorUnitDigits(currency: string): number {
  return numberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2;
}

export function formatMoney(amount: number, currency: string, locale = "en-GB"): string {
  const digits = minorUnitDigits(currency);
  return numberFormat(locale, { style: "currency", currency, minimumFractionDigits: digits }).format(amount / 10 ** digits);
}

export function formatDate(d: Date | string, timeZone: string, locale = "en-GB"): string {
  return dateTimeFormat(locale, { timeZone, weekday: "short", day: "numeric", month: "short", year: "numeric" })
    .format(new Date(d));
}

export function formatTime(d: Date | string, timeZone: string, locale = "en-GB"): string {
  return dateTimeFormat(locale, { timeZone, hour: "2-digit", minute: "2-digit" }).format(new Date(d));
}

/** The zone's short name at that instant ("GMT", "BST", "CET"), or "" where the locale has none. */
function zoneName(d: Date | string, timeZone: string): string {
  return dateTimeFormat("en-GB", { timeZone, timeZoneName: "short" })
    .formatToParts(new Date(d)).find((p) => p.type === "timeZoneName")?.value ?? "";
}

/** A deadline a customer reads away from the venue ("14:30 GMT"): the time with its zone. */
export function formatTimeZoned(d: Date | string, timeZone: string): string {
  const zone = zoneName(d, timeZone);
  return `${formatTime(d, timeZone)}${zone ? ` ${zone}` : ""}`;
}

/** "Tue, 1 Dec 2026, 14:30 GMT". */
export function formatDateTimeZoned(d: Date | string, timeZone: string): string {
  return `${formatDate(d, timeZone)}, ${formatTimeZoned(d, timeZone)}`;
}

export function formatSessionWhen(startsAt: Date | string, endsAt: Date | string, timeZone: string): string {
  const zone = zoneName(startsAt, timeZone);
  return `${formatDate(startsAt, timeZone)}, ${formatTime(startsAt, timeZone)}–${formatTime(endsAt, timeZone)}${zone ? ` ${zone}` : ""}`;
}
