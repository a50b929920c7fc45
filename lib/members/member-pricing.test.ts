import { describe, expect, it } from "vitest";
import { memberPricesFor, presaleAudience, presaleNotices, presaleRefusals, type MemberPriceRow, type PresaleWindow } from "./member-pricing";

const rows: MemberPriceRow[] = [
  { courseId: "c", ticketTypeId: null, level: "gold", unitAmount: 9_000 },
  { courseId: null, ticketTypeId: "vip", level: "gold", unitAmount: 15_000 },
  { courseId: null, ticketTypeId: "vip", level: "platinum", unitAmount: 12_000 },
];

describe("member prices", () => {
  it("take the type's price for the level, else the course's, only when lower", () => {
    const places = [{ ticketTypeId: "std", unitAmount: 10_000 }, { ticketTypeId: "vip", unitAmount: 20_000 }, { ticketTypeId: "cheap", unitAmount: 5_000 }];
    expect(memberPricesFor(places, rows, "gold")).toEqual([9_000, 15_000, null]);
    expect(memberPricesFor(places, rows, "platinum")).toEqual([null, 12_000, null]);
    expect(memberPricesFor(places, rows, "silver")).toEqual([null, null, null]);
  });
});

describe("presale windows", () => {
  const now = new Date("2027-03-01T12:00:00Z");
  const open: PresaleWindow = { courseId: null, ticketTypeId: "vip", startsAt: new Date("2027-02-01T00:00:00Z"), endsAt: new Date("2027-03-02T00:00:00Z"), levels: ["gold", "platinum"] };
  const places = [{ ticketTypeId: "std", name: "Standard" }, { ticketTypeId: "vip", name: "VIP" }];

  it("refuse the public and members of other levels while open, naming the place", () => {
    expect(presaleRefusals({ places, windows: [open], level: null, now })).toEqual({
      "attendees.1.ticketTypeId": "Until the presale ends, only Gold and Platinum members can book VIP tickets: verify your membership email first",
    });
    expect(Object.keys(presaleRefusals({ places, windows: [open], level: "silver", now }))).toEqual(["attendees.1.ticketTypeId"]);
    expect(presaleRefusals({ places, windows: [open], level: "gold", now })).toEqual({});
  });

  it("let anyone book before and after the window, and a course window covers every place", () => {
    expect(presaleRefusals({ places, windows: [open], level: null, now: new Date("2027-03-02T00:00:00Z") })).toEqual({});
    expect(presaleRefusals({ places, windows: [open], level: null, now: new Date("2027-01-31T00:00:00Z") })).toEqual({});
    const course: PresaleWindow = { ...open, courseId: "c", ticketTypeId: null, levels: null };
    expect(Object.keys(presaleRefusals({ places, windows: [course], level: null, now }))).toEqual(["attendees.0.ticketTypeId", "attendees.1.ticketTypeId"]);
    expect(presaleRefusals({ places, windows: [course], level: "silver", now })).toEqual({});
  });

  it("are told before choosing: open and coming windows with who and until when, none once over", () => {
    const names = new Map([["vip", "VIP"], ["std", "Standard"]]);
    const course: PresaleWindow = { courseId: "c", ticketTypeId: null, startsAt: new Date("2027-03-05T09:00:00Z"), endsAt: new Date("2027-03-06T09:00:00Z"), levels: null };
    expect(presaleNotices([course, open], names, now, "Europe/London")).toEqual([
      "VIP tickets: members' presale until Tue, 2 Mar 2027, 00:00 GMT. Only Gold and Platinum members can book them now; verify your membership email when you review your booking.",
      "Members' presale from Fri, 5 Mar 2027, 09:00 GMT until Sat, 6 Mar 2027, 09:00 GMT. Only members can book then.",
    ]);
    expect(presaleNotices([course, open], names, new Date("2027-03-06T09:00:00Z"), "Europe/London")).toEqual([]);
    // A window on a type this page does not offer says nothing.
    expect(presaleNotices([open], new Map([["std", "Standard"]]), now, "Europe/London")).toEqual([]);
  });

  it("says who may book", () => {
    expect(presaleAudience(null)).toBe("members");
    expect(presaleAudience(["silver", "gold", "platinum"])).toBe("Silver, Gold and Platinum members");
  });
});
