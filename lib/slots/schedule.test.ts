import { describe, expect, it } from "vitest";
import { daySchedule, localMinuteInstant, type SlotRules } from "./schedule";
import { checkSpan, priceSpan, type SpanLimits } from "./span";

const WEEKDAYS = [1, 2, 3, 4, 5];
const allWeek = (opensAt: number, closesAt: number) => [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, opensAt, closesAt }));

function rules(o: Partial<SlotRules> = {}): SlotRules {
  return {
    timeZone: "Europe/London", slotMinutes: 60, standardRateAmount: 800, peakRateAmount: 1200,
    weeklyHours: allWeek(7 * 60, 19 * 60), closures: [],
    peakWindows: [{ weekdays: WEEKDAYS, startsAt: 7 * 60, endsAt: 9 * 60 }, { weekdays: WEEKDAYS, startsAt: 16 * 60, endsAt: 18 * 60 }],
    ...o,
  };
}

const limits: SpanLimits = { slotMinutes: 60, minSpanMinutes: 60, maxSpanMinutes: 10 * 60, bookAheadDays: 60, latestMinutesBeforeStart: 60 };
const iso = (d: Date) => d.toISOString();

describe("daySchedule across daylight-saving changes", () => {
  it("Europe/London spring forward (29 Mar 2026): a 23-hour day has 23 hourly slots and no 01:00", () => {
    const day = daySchedule("2026-03-29", rules({ weeklyHours: allWeek(0, 1440), peakWindows: [] }));
    expect(day.slots).toHaveLength(23);
    expect(day.slots.map((s) => s.localStart)).not.toContain("01:00");
    expect(day.slots.slice(0, 3).map((s) => s.localStart)).toEqual(["00:00", "02:00", "03:00"]);
    expect(iso(day.slots[0].start)).toBe("2026-03-29T00:00:00.000Z");
    expect(iso(day.slots[1].start)).toBe("2026-03-29T01:00:00.000Z"); // 02:00 BST
    expect(iso(day.slots[22].end)).toBe("2026-03-29T23:00:00.000Z"); // midnight BST
    for (const s of day.slots) expect(s.end.getTime() - s.start.getTime()).toBe(3_600_000);
  });

  it("Europe/London spring forward: 07:00–19:00 opens at 06:00 UTC, twelve slots, peak hours by local time", () => {
    const day = daySchedule("2026-03-29", rules({ peakWindows: [{ weekdays: [7], startsAt: 7 * 60, endsAt: 9 * 60 }] }));
    expect(day.slots).toHaveLength(12);
    expect(iso(day.slots[0].start)).toBe("2026-03-29T06:00:00.000Z");
    expect(day.slots.filter((s) => s.peak).map((s) => s.localStart)).toEqual(["07:00", "08:00"]);
    expect(day.openingHours.map((h) => [h.open, h.close])).toEqual([["07:00", "19:00"]]);
  });

  it("Europe/London fall back (25 Oct 2026): a 25-hour day has 25 slots, 01:00 twice, both at the peak rate of 01:00", () => {
    const day = daySchedule("2026-10-25", rules({ weeklyHours: allWeek(0, 1440), peakWindows: [{ weekdays: [7], startsAt: 60, endsAt: 120 }] }));
    expect(day.slots).toHaveLength(25);
    const ones = day.slots.filter((s) => s.localStart === "01:00");
    expect(ones.map((s) => iso(s.start))).toEqual(["2026-10-25T00:00:00.000Z", "2026-10-25T01:00:00.000Z"]);
    expect(ones.every((s) => s.peak && s.rateAmount === 1200)).toBe(true);
    expect(day.slots.filter((s) => s.peak)).toHaveLength(2);
    const price = priceSpan(day.slots);
    expect(price.perAttendee).toBe(23 * 800 + 2 * 1200);
  });

  it("America/New_York spring forward (8 Mar 2026): 00:00–06:00 is five real hours and five slots", () => {
    const day = daySchedule("2026-03-08", rules({ timeZone: "America/New_York", weeklyHours: allWeek(0, 6 * 60), peakWindows: [] }));
    expect(day.slots.map((s) => s.localStart)).toEqual(["00:00", "01:00", "03:00", "04:00", "05:00"]);
    expect(iso(day.slots[0].start)).toBe("2026-03-08T05:00:00.000Z");
    expect(iso(day.slots[4].end)).toBe("2026-03-08T10:00:00.000Z");
  });

  it("America/New_York fall back (1 Nov 2026): a 25-hour day, and 09:00–17:00 keeps its eight slots at EST", () => {
    const whole = daySchedule("2026-11-01", rules({ timeZone: "America/New_York", weeklyHours: allWeek(0, 1440), peakWindows: [] }));
    expect(whole.slots).toHaveLength(25);
    const day = daySchedule("2026-11-01", rules({ timeZone: "America/New_York", weeklyHours: allWeek(9 * 60, 17 * 60) }));
    expect(day.slots).toHaveLength(8);
    expect(iso(day.slots[0].start)).toBe("2026-11-01T14:00:00.000Z");
    // The day before, still on daylight time, 09:00 is 13:00 UTC.
    expect(iso(localMinuteInstant("2026-10-31", 9 * 60, "America/New_York"))).toBe("2026-10-31T13:00:00.000Z");
  });

  it("America/New_York: a span priced across the spring-forward day counts only real slots", () => {
    const r = rules({ timeZone: "America/New_York", weeklyHours: allWeek(0, 6 * 60), peakWindows: [{ weekdays: [7], startsAt: 0, endsAt: 120 }] });
    const day = daySchedule("2026-03-08", r);
    const check = checkSpan({ schedule: day, startsAt: day.slots[0].start, endsAt: day.slots[4].end, limits, now: new Date("2026-03-01T00:00:00Z") });
    expect(check.ok).toBe(true);
    if (!check.ok) return;
    const price = priceSpan(check.slots);
    expect(price.lines).toEqual([
      { kind: "standard", slots: 3, rateAmount: 800, ranges: ["03:00–06:00"], amount: 2400 },
      { kind: "peak", slots: 2, rateAmount: 1200, ranges: ["00:00–03:00"], amount: 2400 },
    ]);
  });
});

describe("peak windows and pricing", () => {
  // Wed 14 Jan 2026, London (GMT).
  const day = daySchedule("2026-01-14", rules());
  const at = (hhmm: string) => day.slots.find((s) => s.localStart === hhmm)!.start;
  const endAt = (hhmm: string) => day.slots.find((s) => s.localEnd === hhmm)!.end;
  const now = new Date("2026-01-10T12:00:00Z");

  it("splits a span straddling both peak windows into standard and peak lines", () => {
    const check = checkSpan({ schedule: day, startsAt: at("08:00"), endsAt: endAt("17:00"), limits, now });
    if (!check.ok) throw new Error(JSON.stringify(check.fields));
    const price = priceSpan(check.slots);
    expect(price.lines).toEqual([
      { kind: "standard", slots: 7, rateAmount: 800, ranges: ["09:00–16:00"], amount: 5600 },
      { kind: "peak", slots: 2, rateAmount: 1200, ranges: ["08:00–09:00", "16:00–17:00"], amount: 2400 },
    ]);
    expect(price.perAttendee).toBe(8000);
  });

  it("prices a weekend day without peak hours", () => {
    const saturday = daySchedule("2026-01-17", rules());
    expect(saturday.slots.some((s) => s.peak)).toBe(false);
    expect(priceSpan(saturday.slots).perAttendee).toBe(12 * 800);
  });

  it("a span entirely inside a peak window has only a peak line", () => {
    const check = checkSpan({ schedule: day, startsAt: at("16:00"), endsAt: endAt("18:00"), limits, now });
    if (!check.ok) throw new Error("expected ok");
    expect(priceSpan(check.slots).lines).toEqual([{ kind: "peak", slots: 2, rateAmount: 1200, ranges: ["16:00–18:00"], amount: 2400 }]);
  });
});

describe("closures and span rules", () => {
  const now = new Date("2026-01-10T12:00:00Z");
  const r = rules({
    weeklyHours: [...allWeek(7 * 60, 19 * 60).filter((h) => h.weekday !== 6), { weekday: 6, opensAt: 9 * 60, closesAt: 12 * 60 }, { weekday: 6, opensAt: 13 * 60, closesAt: 17 * 60 }],
    closures: [
      { localDate: "2026-01-19", opensAt: null, closesAt: null, reason: "Staff training day" },
      { localDate: "2026-01-20", opensAt: 9 * 60, closesAt: 13 * 60, reason: "Closing early" },
    ],
  });
  const span = (date: string, from: string, to: string) => {
    const schedule = daySchedule(date, r);
    const [fh, fm] = from.split(":").map(Number);
    const [th, tm] = to.split(":").map(Number);
    return checkSpan({ schedule, startsAt: localMinuteInstant(date, fh * 60 + fm, r.timeZone), endsAt: localMinuteInstant(date, th * 60 + tm, r.timeZone), limits, now });
  };

  it("a closed day has no slots and says why", () => {
    const day = daySchedule("2026-01-19", r);
    expect(day.slots).toEqual([]);
    expect(day.closedReason).toBe("Staff training day");
    expect(span("2026-01-19", "09:00", "12:00")).toEqual({ ok: false, fields: { startsAt: "Closed on Mon 19 Jan 2026: Staff training day" }, day: true });
  });

  it("a shortened day replaces the opening hours, and a span across the early closing is refused", () => {
    const day = daySchedule("2026-01-20", r);
    expect(day.openingHours.map((h) => [h.open, h.close])).toEqual([["09:00", "13:00"]]);
    expect(day.slots).toHaveLength(4);
    // The customer is told why the hours are different; a usual day has no note.
    expect(day.note).toBe("Closing early");
    expect(daySchedule("2026-01-21", r).note).toBeNull();
    expect(span("2026-01-20", "09:00", "17:00")).toEqual({ ok: false, fields: { endsAt: "Open 09:00–13:00 on 2026-01-20" } });
    expect(span("2026-01-20", "09:00", "13:00").ok).toBe(true);
  });

  it("a span across the lunch closing of a day with two ranges is refused", () => {
    const sat = daySchedule("2026-01-17", r);
    expect(sat.slots).toHaveLength(7);
    expect(span("2026-01-17", "11:00", "14:00")).toEqual({ ok: false, fields: { endsAt: "The span crosses a time when the location is closed (open 09:00–12:00, 13:00–17:00)" } });
  });

  it("refuses spans outside opening hours, not on slot boundaries, too short or too long, past or too far ahead", () => {
    expect(span("2026-01-14", "06:00", "08:00")).toMatchObject({ ok: false, fields: { startsAt: "Open 07:00–19:00 on 2026-01-14" } });
    expect(span("2026-01-14", "09:30", "11:00")).toMatchObject({ ok: false, fields: { startsAt: "Start at the beginning of a 60-minute slot" } });
    expect(span("2026-01-14", "09:00", "11:15")).toMatchObject({ ok: false, fields: { endsAt: "End at the end of a 60-minute slot" } });
    expect(span("2026-01-14", "07:00", "18:00")).toMatchObject({ ok: false, fields: { endsAt: "Book at most 10 hours" } });
    expect(span("2026-01-14", "10:00", "09:00")).toMatchObject({ ok: false, fields: { endsAt: "The end time must be after the start time" } });
    // A past day or one beyond the window is the day's problem (`day`), whatever the times; a time too soon is not.
    expect(span("2026-01-09", "09:00", "10:00")).toEqual({ ok: false, fields: { startsAt: "That time is in the past" }, day: true });
    const schedule10 = daySchedule("2026-01-10", r);
    const late = (minutes: number) => checkSpan({ schedule: schedule10, startsAt: localMinuteInstant("2026-01-10", 13 * 60, r.timeZone),
      endsAt: localMinuteInstant("2026-01-10", 14 * 60, r.timeZone), limits: { ...limits, latestMinutesBeforeStart: minutes }, now });
    expect(late(60).ok).toBe(true); // exactly an hour ahead is still in time
    expect(late(90)).toEqual({ ok: false, fields: { startsAt: "Book at least 1 hour 30 minutes before the start" } });
    expect(span("2026-03-12", "09:00", "10:00")).toEqual({ ok: false, fields: { startsAt: "Bookings open 60 days ahead: the last date you can book now is Wed 11 Mar 2026" }, day: true });
    const twoHours = { ...limits, minSpanMinutes: 120 };
    const schedule = daySchedule("2026-01-14", r);
    expect(checkSpan({ schedule, startsAt: localMinuteInstant("2026-01-14", 540, r.timeZone), endsAt: localMinuteInstant("2026-01-14", 600, r.timeZone), limits: twoHours, now }))
      .toEqual({ ok: false, fields: { endsAt: "Book at least 2 hours" } });
  });
});
