import { describe, expect, it } from "vitest";
import { assignTicketTypes, checkTicketMix, countTickets, sellableTypes, type MixType } from "./ticket-mix";

const standard: MixType = { id: "std", name: "Standard", available: 20, onSale: true, minPerBooking: 0, maxPerBooking: 12 };
const concession: MixType = { id: "con", name: "Concession", available: 3, onSale: true, minPerBooking: 0, maxPerBooking: 12 };

type A = { key: string; firstName: string; lastName: string; ticketTypeId: string | null; seatId: string | null };
const person = (key: string, ticketTypeId: string | null, firstName = "", seatId: string | null = null): A =>
  ({ key, firstName, lastName: "", ticketTypeId, seatId });
let made = 0;
const create = (): A => person(`new-${++made}`, null);

describe("sellableTypes", () => {
  it("leaves out types off sale or sold out", () => {
    expect(sellableTypes([standard, { ...concession, available: 0 }, { ...concession, id: "x", onSale: false }])).toEqual([standard]);
  });
});

describe("countTickets", () => {
  it("counts attendees per type, those without a type as the fallback", () => {
    expect(countTickets([{ ticketTypeId: "con" }, { ticketTypeId: null }, { ticketTypeId: "std" }], "std")).toEqual({ con: 1, std: 2 });
  });
});

describe("checkTicketMix", () => {
  it("accepts a mix within every limit", () => {
    expect(checkTicketMix([standard, concession], { std: 2, con: 1 }, 30)).toEqual({});
  });

  it("names the type with too few places left", () => {
    expect(checkTicketMix([standard, concession], { std: 1, con: 4 }, 30)).toEqual({ "tickets.con": "Only 3 Concession tickets are left" });
  });

  it("applies per-booking minimum and maximum only to chosen types", () => {
    const group = { ...standard, id: "grp", name: "Group", minPerBooking: 4, maxPerBooking: 6 };
    expect(checkTicketMix([standard, group], { std: 1 }, 30)).toEqual({});
    expect(checkTicketMix([standard, group], { grp: 2 }, 30)).toEqual({ "tickets.grp": "At least 4 Group tickets per booking" });
    expect(checkTicketMix([standard, group], { grp: 7 }, 30)).toEqual({ "tickets.grp": "At most 6 Group tickets per booking" });
  });

  it("refuses a type off sale, a fraction and a negative count", () => {
    expect(checkTicketMix([{ ...concession, onSale: false }], { con: 1 }, 30)).toEqual({ "tickets.con": "Concession tickets are not available" });
    expect(checkTicketMix([standard], { std: 1.5 }, 30)).toEqual({ "tickets.std": "Enter a whole number of Standard tickets" });
    expect(checkTicketMix([standard], { std: -1 }, 30)).toEqual({ "tickets.std": "Enter a whole number of Standard tickets" });
  });

  it("needs at least one ticket, and no more than the session's places or twelve", () => {
    expect(checkTicketMix([standard, concession], {}, 30)).toEqual({ tickets: "Choose at least one ticket" });
    expect(checkTicketMix([standard, concession], { std: 3, con: 2 }, 4)).toEqual({ tickets: "Only 4 places are left on this session" });
    expect(checkTicketMix([{ ...standard, available: 40, maxPerBooking: 12 }, concession], { std: 11, con: 2 }, 40))
      .toEqual({ tickets: "A booking can have at most 12 attendees" });
  });

  it("refuses a type the session does not sell", () => {
    expect(checkTicketMix([standard], { std: 1, gone: 1 }, 30)).toEqual({ tickets: "A chosen ticket type is not sold for this session" });
  });
});

describe("assignTicketTypes", () => {
  it("adds attendees of the types asked for", () => {
    const out = assignTicketTypes([person("a", "std", "Ada")], { std: 2, con: 1 }, create);
    expect(out.map((a) => [a.firstName || "(new)", a.ticketTypeId])).toEqual([["Ada", "std"], ["(new)", "std"], ["(new)", "con"]]);
  });

  it("keeps attendees and their seats while their type's count lasts, retyping the rest and clearing their seats", () => {
    const out = assignTicketTypes([person("a", "std", "Ada", "s1"), person("b", "std", "Brian", "s2")], { std: 1, con: 1 }, create);
    expect(out).toEqual([person("a", "std", "Ada", "s1"), person("b", "con", "Brian", null)]);
  });

  it("gives attendees without a type one, in order", () => {
    const out = assignTicketTypes([person("a", null, "Ada"), person("b", null, "Brian")], { con: 1, std: 1 }, create);
    expect(out.map((a) => [a.key, a.ticketTypeId])).toEqual([["a", "con"], ["b", "std"]]);
  });

  it("drops attendees over the count, blank ones before named ones", () => {
    const out = assignTicketTypes([person("a", null, ""), person("b", null, "Brian"), person("c", null, "")], { std: 1 }, create);
    expect(out.map((a) => a.key)).toEqual(["b"]);
  });
});
