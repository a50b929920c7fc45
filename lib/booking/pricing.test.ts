import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { balanceDueAt, depositAvailable, quoteBooking, quotePlaces } from "./pricing";

const base = { unitAmount: 28_500, depositAmount: 8_500, currency: "GBP" };

describe("quoteBooking", () => {
  it("charges the full price for every attendee when paying in full", () => {
    expect(quoteBooking({ ...base, attendeeCount: 3, option: "full" })).toEqual({
      currency: "GBP", listAmount: 85_500, discountAmount: 0, discounts: [],
      places: Array.from({ length: 3 }, () => ({ listAmount: 28_500, discountAmount: 0, paidAmount: 28_500, depositAmount: 8_500, discounts: [] })),
      unitAmount: 28_500, attendeeCount: 3, totalAmount: 85_500,
      amountDueNow: 85_500, balanceAmount: 0, depositPerAttendee: 8_500,
      lines: [{ ticketTypeId: undefined, name: undefined, unitAmount: 28_500, depositAmount: 8_500, quantity: 3, amount: 85_500 }],
    });
  });

  it("charges the deposit per attendee now and leaves the rest as the balance", () => {
    const q = quoteBooking({ ...base, attendeeCount: 4, option: "deposit", depositAllowed: true });
    expect(q.totalAmount).toBe(114_000);
    expect(q.amountDueNow).toBe(34_000);
    expect(q.balanceAmount).toBe(80_000);
    expect(q.amountDueNow + q.balanceAmount).toBe(q.totalAmount);
  });

  it("scales linearly with the number of attendees", () => {
    for (const n of [1, 2, 7, 12]) {
      const q = quoteBooking({ ...base, attendeeCount: n, option: "full" });
      expect(q.totalAmount).toBe(28_500 * n);
      expect(Number.isInteger(q.totalAmount)).toBe(true);
    }
  });

  it("refuses a deposit when the course has none, pointing at paymentOption", () => {
    const attempt = () => quoteBooking({ ...base, depositAmount: null, attendeeCount: 1, option: "deposit" });
    expect(attempt).toThrow(AppError);
    try {
      attempt();
    } catch (err) {
      expect((err as AppError).code).toBe("invalid_request");
      expect((err as AppError).status).toBe(400);
      expect((err as AppError).details).toEqual({ fields: { paymentOption: expect.any(String) } });
    }
  });

  it("refuses a deposit when it is no longer allowed for the session", () => {
    expect(() => quoteBooking({ ...base, attendeeCount: 2, option: "deposit", depositAllowed: false }))
      .toThrow(expect.objectContaining({ code: "invalid_request" }));
  });

  it("rejects amounts and counts that are not positive integers", () => {
    expect(() => quoteBooking({ ...base, unitAmount: 10.5, attendeeCount: 1, option: "full" })).toThrow(RangeError);
    expect(() => quoteBooking({ ...base, unitAmount: -1, attendeeCount: 1, option: "full" })).toThrow(RangeError);
    expect(() => quoteBooking({ ...base, attendeeCount: 0, option: "full" })).toThrow(RangeError);
  });
});

describe("balanceDueAt", () => {
  it("is the given number of days before the session starts", () => {
    const starts = new Date("2031-06-20T09:30:00Z");
    expect(balanceDueAt(starts, 14).toISOString()).toBe("2031-06-06T09:30:00.000Z");
    expect(balanceDueAt(starts, 0).toISOString()).toBe(starts.toISOString());
  });
});

describe("depositAvailable", () => {
  const sessionStartsAt = new Date("2031-06-20T09:30:00Z");

  it("is false for a course without a deposit", () => {
    expect(depositAvailable({ depositAmount: null, sessionStartsAt, daysBefore: 14, now: new Date("2031-01-01T00:00:00Z") })).toBe(false);
  });

  it("is true while the balance date is at least a day away", () => {
    // Balance due 2031-06-06T09:30Z; exactly 24 hours before that still counts.
    expect(depositAvailable({ depositAmount: 8_500, sessionStartsAt, daysBefore: 14, now: new Date("2031-06-05T09:30:00Z") })).toBe(true);
  });

  it("is false once the balance date is less than a day away or past", () => {
    expect(depositAvailable({ depositAmount: 8_500, sessionStartsAt, daysBefore: 14, now: new Date("2031-06-05T09:30:01Z") })).toBe(false);
    expect(depositAvailable({ depositAmount: 8_500, sessionStartsAt, daysBefore: 14, now: new Date("2031-06-10T00:00:00Z") })).toBe(false);
  });
});

describe("quotePlaces", () => {
  const standard = { ticketTypeId: "std", name: "Standard", unitAmount: 3_500, depositAmount: null };
  const vip = { ticketTypeId: "vip", name: "VIP", unitAmount: 12_000, depositAmount: 4_000 };

  it("adds each place at its own type's price and groups lines by type and price", () => {
    const q = quotePlaces({ places: [vip, standard, vip], currency: "GBP", option: "full" });
    expect(q.totalAmount).toBe(27_500);
    expect(q.unitAmount).toBeNull();
    expect(q.lines).toEqual([
      { ticketTypeId: "vip", name: "VIP", unitAmount: 12_000, depositAmount: 4_000, quantity: 2, amount: 24_000 },
      { ticketTypeId: "std", name: "Standard", unitAmount: 3_500, depositAmount: null, quantity: 1, amount: 3_500 },
    ]);
  });

  it("charges the deposit of types that have one and the full price of the others", () => {
    const q = quotePlaces({ places: [vip, standard], currency: "GBP", option: "deposit", depositAllowed: true });
    expect(q.amountDueNow).toBe(7_500);
    expect(q.balanceAmount).toBe(8_000);
  });

  it("refuses a deposit when no place has one", () => {
    expect(() => quotePlaces({ places: [standard], currency: "GBP", option: "deposit" })).toThrow(AppError);
  });

  it("keeps the same price apart when sold as different types", () => {
    const q = quotePlaces({ places: [standard, { ...standard, ticketTypeId: "conc", name: "Concession" }], currency: "GBP", option: "full" });
    expect(q.lines.map((l) => l.quantity)).toEqual([1, 1]);
    expect(q.unitAmount).toBe(3_500);
  });
});
