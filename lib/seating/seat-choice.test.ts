import { describe, expect, it } from "vitest";
import { bestSeatsFor, nextSeeker, seatSuits, wheelchairHint, whyNotSuitable, type ChoosableSeat, type SeatSeeker } from "./seat-choice";

/** One row of `n` seats of a class, the first `wheelchair` of them wheelchair spaces. */
function row(name: string, seatClass: string, n: number, y: number, { wheelchair = 0, taken = [] as number[] } = {}): ChoosableSeat[] {
  return Array.from({ length: n }, (_, k) => ({
    id: `${name}${k + 1}`, section: "Stalls", row: name, seatClass, x: (k + 1) * 30, y, sortOrder: y * 100 + k,
    available: !taken.includes(k + 1), flags: k < wheelchair ? ["wheelchair"] : [],
  }));
}

const seeker = (seatClass: string | null, wheelchair = false, seatId: string | null = null): SeatSeeker => ({ seatClass, wheelchair, seatId });

describe("seatSuits", () => {
  it("needs the attendee's class, any class when their type has none", () => {
    const [seat] = row("A", "VIP", 1, 0);
    expect(seatSuits(seat, seeker("VIP"))).toBe(true);
    expect(seatSuits(seat, seeker("Standard"))).toBe(false);
    expect(seatSuits(seat, seeker(null))).toBe(true);
  });

  it("keeps wheelchair spaces for those who asked for one", () => {
    const [space] = row("L", "Standard", 1, 0, { wheelchair: 1 });
    expect(seatSuits(space, seeker("Standard"))).toBe(false);
    expect(seatSuits(space, seeker("Standard", true))).toBe(true);
  });
});

describe("whyNotSuitable", () => {
  it("explains a class nobody has and a wheelchair space nobody asked for", () => {
    const [vip] = row("A", "VIP", 1, 0);
    const [space] = row("L", "Standard", 1, 0, { wheelchair: 1 });
    expect(whyNotSuitable(vip, [seeker("Standard")])).toMatch(/VIP seat, and no attendee has a ticket/);
    expect(whyNotSuitable(space, [seeker("Standard")])).toMatch(/wheelchair space/);
    expect(whyNotSuitable(vip, [seeker("Standard"), seeker("VIP")])).toBeNull();
  });
});

describe("wheelchairHint", () => {
  const plan = [...row("A", "VIP", 4, 1), ...row("L", "Standard", 4, 12, { wheelchair: 2 })];
  it("offers spaces of the attendee's class, says where free ones are otherwise, and says nothing to others", () => {
    expect(wheelchairHint(plan, seeker("Standard", true))).toMatch(/^Wheelchair spaces \(W\) are offered/);
    expect(wheelchairHint(plan, seeker("VIP", true))).toBe("No VIP seat is a free wheelchair space; Standard seats have one. Go back to Attendees to change this attendee's ticket, or choose another seat.");
    expect(wheelchairHint(plan, seeker("VIP", false))).toBeNull();
    const full = [...row("A", "VIP", 4, 1), ...row("L", "Standard", 4, 12, { wheelchair: 2, taken: [1, 2] })];
    expect(wheelchairHint(full, seeker("Standard", true))).toMatch(/^No wheelchair space is free on this plan/);
  });
});

describe("nextSeeker", () => {
  it("gives a clicked seat to the first attendee of its class without a seat", () => {
    const [seat] = row("D", "Premium", 1, 0);
    expect(nextSeeker(seat, [seeker("Premium", false, "x"), seeker("VIP"), seeker("Premium")])).toBe(2);
    expect(nextSeeker(seat, [seeker("Premium", false, "x")])).toBeNull();
  });

  it("gives a wheelchair space to the attendee who asked for one, even when listed later", () => {
    const [space] = row("L", "Standard", 1, 0, { wheelchair: 1 });
    expect(nextSeeker(space, [seeker("Standard"), seeker("Standard", true)])).toBe(1);
  });
});

describe("bestSeatsFor", () => {
  const seats = [...row("A", "VIP", 6, 0, { taken: [3] }), ...row("D", "Premium", 6, 90), ...row("L", "Standard", 6, 300, { wheelchair: 2 })];

  it("seats each class side by side, skipping taken seats", () => {
    const { seatIds, unplaced } = bestSeatsFor(seats, [seeker("VIP"), seeker("Premium"), seeker("VIP"), seeker("Premium")]);
    expect(unplaced).toEqual([]);
    // Row A has seat 3 taken: the pair is 4 and 5 (nearest the middle of the free pairs).
    expect(seatIds).toEqual(["A4", "D3", "A5", "D4"]);
  });

  it("gives a wheelchair space to whoever asked for one and ordinary seats to the rest", () => {
    const { seatIds } = bestSeatsFor(seats, [seeker("Standard", true), seeker("Standard"), seeker("Standard")]);
    expect(seatIds[0]).toBe("L1");
    expect(seatIds.slice(1).every((id) => id && !["L1", "L2"].includes(id))).toBe(true);
  });

  it("counts the booking's own seats as free and reports a class with no block", () => {
    const mine = bestSeatsFor(seats, [seeker("VIP", false, "A4")]);
    expect(mine.seatIds[0]).toMatch(/^A/);
    const none = bestSeatsFor(seats, [seeker("VIP"), seeker("VIP"), seeker("VIP"), seeker("VIP")]);
    expect(none.unplaced).toEqual(["VIP"]);
    expect(none.seatIds).toEqual([null, null, null, null]);
  });
});
