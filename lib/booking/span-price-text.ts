// How a time-slot booking's price was made up, in one line for emails and pages.
import type { SpanPriceSnapshot } from "@/db/schema";
import { formatMoney } from "@/lib/format";

/** "7 standard hours at £8.00 (09:00–16:00) and 1 peak hour at £12.00 (16:00–17:00), per person". */
export function spanPriceText(p: SpanPriceSnapshot, currency: string): string {
  const unit = p.slotMinutes === 60 ? ["hour", "hours"] : [`${p.slotMinutes}-minute slot`, `${p.slotMinutes}-minute slots`];
  const parts = p.lines.map((l) =>
    `${l.slots} ${l.kind} ${l.slots === 1 ? unit[0] : unit[1]} at ${formatMoney(l.rateAmount, currency)} (${l.ranges.join(", ")})`);
  return `${parts.join(" and ")}, per person`;
}
