// What the booking wizard receives for a time-slot offering, and keeps of the chosen span.

export type WizardSlotOffering = {
  id: string;
  locationName: string;
  locationCity: string;
  timeZone: string;
  currency: string;
  /** The first and last local dates that can be booked (YYYY-MM-DD). */
  firstDate: string;
  lastDate: string;
  standardRateAmount: number;
  peakRateAmount: number;
  slotMinutes: number;
  minSpanMinutes: number;
  maxSpanMinutes: number;
  minAgeYears: number | null;
  maxAgeYears: number | null;
};

export type DraftSpan = {
  date: string; startsAt: string; endsAt: string;
  /** Places left in the span's fullest slot when it was chosen: the attendees step stops there (review checks live). */
  places?: number;
};

/** One rate's part of a span's price as the wizard shows it: "Peak hours: 3 × 30 min at £6.00" (slots, not hours). */
export function slotRateText(l: { kind: "standard" | "peak"; slots: number; rateAmount: number }, slotMinutes: number, money: (n: number) => string) {
  const unit = slotMinutes % 60 === 0 ? `${slotMinutes / 60} h` : `${slotMinutes} min`;
  return `${l.kind === "peak" ? "Peak" : "Standard"} hours: ${l.slots} × ${unit} at ${money(l.rateAmount)}`;
}
