// Presale codes in the wizard: a code that reveals hidden ticket types shows them per upcoming session of the
// course; other codes show nothing; and the booking with the code takes the hidden type, without it not.
import { describe, expect, it } from "vitest";
import { ticketTypes } from "@/db/schema";
import { revealPresaleTickets } from "@/app/(shop)/book/presale-actions";
import { bookingBody, createSessionFixture, db, postBooking } from "../fixtures";
import { createDiscountCode } from "../discount-fixtures";

async function courseWithPresale() {
  const fx = await createSessionFixture({ capacity: 10 });
  const [hidden] = await db().insert(ticketTypes).values({
    courseId: fx.course.id, name: "Fan presale", priceAmount: 9_000, visible: false, quota: 4,
  }).returning();
  const presale = await createDiscountCode({ value: 1_000, revealsHiddenTicketTypes: true });
  return { ...fx, hidden, presale };
}

describe("presale codes", () => {
  it("reveal the hidden ticket types of each upcoming session, in any case", async () => {
    const { course, session, hidden, ticketType, presale } = await courseWithPresale();
    const result = await revealPresaleTickets({ courseSlug: course.slug, code: `  ${presale.code.toLowerCase()} ` });
    expect(result).toMatchObject({ ok: true, code: presale.code });
    if (!result.ok) throw new Error(result.message);
    expect(Object.keys(result.types)).toEqual([session.id]);
    expect(result.types[session.id]).toMatchObject([{ id: hidden.id, name: "Fan presale", priceAmount: 9_000, available: 4, onSale: true }]);
    // Only hidden types: the public one is already offered.
    expect(result.types[session.id].some((t) => t.id === ticketType.id)).toBe(false);
  });

  it("refuses unknown codes, codes that reveal nothing and codes of other courses, by the code's own message", async () => {
    const { course } = await courseWithPresale();
    const plain = await createDiscountCode();
    const other = await createSessionFixture();
    const elsewhere = await createDiscountCode({ revealsHiddenTicketTypes: true, courseIds: [other.course.id] });
    expect(await revealPresaleTickets({ courseSlug: course.slug, code: "NOSUCHCODE" }))
      .toMatchObject({ ok: false, code: "invalid_request", message: expect.stringMatching(/recognise/) });
    expect(await revealPresaleTickets({ courseSlug: course.slug, code: plain.code }))
      .toMatchObject({ ok: false, message: expect.stringMatching(/does not unlock presale tickets/) });
    expect(await revealPresaleTickets({ courseSlug: course.slug, code: elsewhere.code }))
      .toMatchObject({ ok: false, message: expect.stringMatching(/does not apply to this course/) });
    expect(await revealPresaleTickets({ courseSlug: course.slug, code: "" }))
      .toMatchObject({ ok: false, code: "invalid_request", message: "Enter your presale code" });
  });

  it("a presale code on a course without hidden types unlocks nothing", async () => {
    const { course } = await createSessionFixture();
    const presale = await createDiscountCode({ revealsHiddenTicketTypes: true });
    expect(await revealPresaleTickets({ courseSlug: course.slug, code: presale.code }))
      .toMatchObject({ ok: false, message: expect.stringMatching(/unlocks no tickets/) });
  });

  it("the booking takes a hidden type with the code, and not without it", async () => {
    const { session, hidden, presale } = await courseWithPresale();
    const attendees = [{ firstName: "Early", lastName: "Fan", ticketTypeId: hidden.id }];
    const without = await postBooking(bookingBody(session.id, 1, { attendees }));
    expect(without.status).toBe(400);
    expect(without.json.error.fields["attendees.0.ticketTypeId"]).toMatch(/not sold/);
    const withCode = await postBooking(bookingBody(session.id, 1, { attendees, discountCode: presale.code }));
    expect(withCode.status).toBe(201);
    expect(withCode.json.listAmount).toBe(9_000);
    expect(withCode.json.totalAmount).toBe(8_100);
  });
});
