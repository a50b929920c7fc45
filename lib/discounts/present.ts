// How a discount reads for people and in the CSV export. Pure.
import { stringify } from "csv-stringify/sync";
import type { DiscountCode, DiscountRule } from "@/db/schema";
import { formatDate, formatMoney } from "@/lib/format";
import { percentText } from "./code-rules";

export function discountText(d: Pick<DiscountCode | DiscountRule, "kind" | "value" | "per" | "currency">): string {
  if (d.kind === "percent") return `${percentText(d.value)} off`;
  return `${formatMoney(d.value, d.currency ?? "GBP")} off ${d.per === "attendee" ? "each attendee" : "the booking"}`;
}

/** "from 1 Mar 2027 until 31 Mar 2027" (the last day shown is the day before the exclusive end). */
export function validityText(d: { validFrom: Date | null; validUntil: Date | null }, timeZone: string): string {
  const parts = [
    d.validFrom && `from ${formatDate(d.validFrom, timeZone)}`,
    d.validUntil && `until ${formatDate(new Date(d.validUntil.getTime() - 1), timeZone)}`,
  ].filter(Boolean);
  return parts.length ? parts.join(" ") : "always";
}

/** Whether customers can use a code now, and if not why: what staff read in the list and the export. */
export function codeStatus(c: Pick<DiscountCode, "archivedAt" | "validFrom" | "validUntil" | "maxUses" | "usesCount">, now: Date): string {
  if (c.archivedAt) return "Withdrawn";
  if (c.validUntil && c.validUntil <= now) return "Expired";
  if (c.maxUses != null && c.usesCount >= c.maxUses) return "Used up";
  if (c.validFrom && c.validFrom > now) return "Not yet valid";
  return "Active";
}

/** An automatic discount: off by staff, over, not begun, or on. */
export function ruleStatus(r: Pick<DiscountRule, "active" | "validFrom" | "validUntil">, now: Date): string {
  if (!r.active) return "Off";
  if (r.validUntil && r.validUntil <= now) return "Ended";
  if (r.validFrom && r.validFrom > now) return "Not yet begun";
  return "On";
}

export function discountCodesCsv(codes: (DiscountCode & { scope: string[] })[], timeZone: string, now = new Date()): string {
  return stringify([
    ["code", "discount", "valid", "max_uses", "uses", "uses_per_customer", "min_attendees", "applies_to", "batch", "status"],
    ...codes.map((c) => [
      c.code, discountText(c), validityText(c, timeZone), c.maxUses ?? "", c.usesCount, c.maxUsesPerEmail ?? "", c.minAttendees,
      c.scope.join("; ") || "everything", c.batch ?? "", codeStatus(c, now),
    ]),
  ]);
}
