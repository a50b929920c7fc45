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

export type DraftSpan = { date: string; startsAt: string; endsAt: string };
