// My bookings, adding an attendee to a session that sells several ticket types: the page offers the types with
// their prices and places left, the form's action charges the chosen type's price and takes a place of its quota,
// and a sold-out type is refused with a field error, writing nothing.
import { randomUUID } from "node:crypto";
import { createElement, isValidElement, type ReactElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { asc, eq } from "drizzle-orm";
import { bookingAttendees, bookingChanges, ticketTypes } from "@/db/schema";
import { addAttendee } from "@/app/(shop)/my-bookings/actions";
import ChangeBookingPage from "@/app/(shop)/my-bookings/[reference]/page";
import { AddAttendeeForm, AttendeeForm, type FormState, type TicketChoice } from "@/components/customer/forms";
import { BookingHistory } from "@/components/customer/booking-history";
import { changeBooking } from "@/lib/booking/change-booking";
import { cancelBookingByCustomer } from "@/lib/self-service/cancel-booking";
import { amountOwed } from "@/lib/booking/balance";
import { checkoutEvent, createBookingViaApi, db, getBooking, postWebhook, sessionCounters } from "../fixtures";
import { clearJobs, uniqueEmail } from "../finance-fixtures";
import { createTypedSessionFixture, inventoryOf } from "../seating-fixtures";
import { nextInterrupt, revalidatedPaths } from "../next-request";
import { actAsCustomer } from "../customer-session";

vi.mock("next/headers", () => import("../next-request").then((m) => m.headersModule));
vi.mock("next/cache", () => import("../next-request").then((m) => m.cacheModule));

beforeEach(clearJobs);

/** A session selling Standard, Premium (3 places) and VIP (1 place, sold to someone else), paid in full. */
async function typedSession() {
  const fx = await createTypedSessionFixture([
    { name: "Standard", priceAmount: 4_000 },
    { name: "Premium", priceAmount: 6_500, quota: 3 },
    { name: "VIP", priceAmount: 9_000, quota: 1 },
  ], { depositAmount: null, capacity: 20 });
  const [standard, premium, vip] = fx.types;
  await paidBooking(fx.session.id, uniqueEmail("vip-buyer"), vip.id);
  return { ...fx, standard, premium, vip };
}

async function paidBooking(sessionId: string, email: string, ticketTypeId: string) {
  const { booking } = await createBookingViaApi(sessionId, 1, {
    contact: { name: "Pat Booker", email, phone: "+44 20 7946 0001" },
    attendees: [{ firstName: "Alex", lastName: "Tester", ticketTypeId, requirements: [] }],
  });
  const res = await postWebhook(JSON.stringify(checkoutEvent("checkout.session.completed", booking)));
  if (res.status !== 200) throw new Error(`payment webhook answered ${res.status}`);
  return (await getBooking(booking.id))!;
}


function addForm(reference: string, values: Record<string, string>) {
  const form = new FormData();
  form.set("reference", reference);
  for (const [k, v] of Object.entries(values)) form.set(k, v);
  return form;
}

/** The action's answer: its state, or where it redirected (the balance checkout). */
async function submit(form: FormData): Promise<{ state: FormState } | { redirect: string }> {
  try {
    return { state: await addAttendee(null, form) };
  } catch (err) {
    const i = nextInterrupt(err);
    if (i?.kind === "redirect") return { redirect: i.location };
    throw err;
  }
}

/** The add-attendee form's props as the page renders them. */
async function addFormProps(reference: string) {
  const tree = await ChangeBookingPage({ params: Promise.resolve({ reference }) });
  const find = (node: unknown): ReactElement<Parameters<typeof AddAttendeeForm>[0]> | null => {
    if (Array.isArray(node)) return node.map(find).find(Boolean) ?? null;
    if (!isValidElement(node)) return null;
    if (node.type === AddAttendeeForm) return node as ReactElement<Parameters<typeof AddAttendeeForm>[0]>;
    return find((node.props as { children?: unknown }).children);
  };
  return find(tree)?.props ?? null;
}

/** Every element of a type in the page's tree (server components as rendered, client ones as elements). */
async function pageElements<P>(reference: string, type: (props: P) => unknown): Promise<P[]> {
  const tree = await ChangeBookingPage({ params: Promise.resolve({ reference }) });
  const found: P[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!isValidElement(node)) return;
    if (node.type === type) found.push(node.props as P);
    walk((node.props as { children?: unknown }).children);
  };
  walk(tree);
  return found;
}

/** The page's text, without its client forms (rendered as elements only). */
async function pageText(reference: string) {
  const tree = await ChangeBookingPage({ params: Promise.resolve({ reference }) });
  const strip = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(strip);
    if (!isValidElement(node)) return node;
    if (typeof node.type === "function" && node.type !== BookingHistory) return null;
    const props = node.props as { children?: unknown };
    return { ...node, props: { ...props, children: strip(props.children) } };
  };
  return renderToStaticMarkup(strip(tree) as ReactElement).replace(/<[^>]+>/g, " ").replace(/\s+/g, " ").replace(/ ([.,;:])/g, "$1");
}

const placesOf = (bookingId: string) => db().select().from(bookingAttendees).where(eq(bookingAttendees.bookingId, bookingId)).orderBy(asc(bookingAttendees.position));
const historyOf = (bookingId: string) => db().select().from(bookingChanges).where(eq(bookingChanges.bookingId, bookingId));

describe("adding an attendee of a chosen ticket type on my bookings", () => {
  it("offers each type with its price and places left, starting on the booking's own type", async () => {
    const fx = await typedSession();
    const email = uniqueEmail("types-offered");
    const b = await paidBooking(fx.session.id, email, fx.standard.id);
    await actAsCustomer(email);
    const props = await addFormProps(b.reference);
    expect(props?.defaultTicketTypeId).toBe(fx.standard.id);
    expect(props?.ticketTypes?.map((t: TicketChoice) => [t.label, t.disabled])).toEqual([
      ["Standard: £40.00", false], ["Premium: £65.00 (3 left)", false], ["VIP: £90.00 (sold out)", true],
    ]);
  });

  it("charges the Premium price for a Premium attendee and counts the place against Premium's quota", async () => {
    const fx = await typedSession();
    const email = uniqueEmail("add-premium");
    const b = await paidBooking(fx.session.id, email, fx.standard.id);
    await actAsCustomer(email);

    const answer = await submit(addForm(b.reference, { firstName: "Pia", lastName: "Premium", ticketTypeId: fx.premium.id }));
    expect(answer).toMatchObject({ redirect: expect.stringMatching(/^http/) });

    const [, added] = await placesOf(b.id);
    expect(added).toMatchObject({ firstName: "Pia", ticketTypeId: fx.premium.id, unitAmount: 6_500 });
    const after = (await getBooking(b.id))!;
    expect(after).toMatchObject({ attendeeCount: 2, totalAmount: 4_000 + 6_500, amountPaid: 4_000 });
    expect(amountOwed(after)).toBe(6_500);
    expect(await inventoryOf(fx.session.id, fx.premium.id)).toMatchObject({ placesBooked: 1, placesHeld: 0 });
    expect(await inventoryOf(fx.session.id, fx.standard.id)).toMatchObject({ placesBooked: 1 });
    expect(await sessionCounters(fx.session.id)).toMatchObject({ placesBooked: 3 });
    const [change] = await historyOf(b.id);
    expect(change.after).toMatchObject({ addedAmount: 6_500, attendees: [{ firstName: "Pia", ticketType: "Premium", unitAmount: 6_500 }] });

    // The page now counts one Premium place fewer.
    const props = await addFormProps(b.reference);
    expect(props?.ticketTypes?.find((t: TicketChoice) => t.id === fx.premium.id)?.label).toBe("Premium: £65.00 (2 left)");
  });

  it("refuses a sold-out type with a field error on the type, writing nothing", async () => {
    const fx = await typedSession();
    const email = uniqueEmail("add-vip");
    const b = await paidBooking(fx.session.id, email, fx.standard.id);
    await actAsCustomer(email);
    const before = { booking: await getBooking(b.id), counters: await sessionCounters(fx.session.id), vip: await inventoryOf(fx.session.id, fx.vip.id) };

    const answer = await submit(addForm(b.reference, { firstName: "Vic", lastName: "Soldout", ticketTypeId: fx.vip.id }));
    expect(answer).toMatchObject({
      state: {
        error: "VIP tickets are sold out for this session.",
        fields: { ticketTypeId: "VIP tickets are sold out" },
        values: { firstName: "Vic", lastName: "Soldout", ticketTypeId: fx.vip.id },
      },
    });
    // The page is shown again with the places left as they now are.
    expect(revalidatedPaths()).toContain(`/my-bookings/${b.reference}`);

    expect((await placesOf(b.id)).map((a) => a.firstName)).toEqual(["Alex"]);
    expect(await historyOf(b.id)).toEqual([]);
    expect(await getBooking(b.id)).toEqual(before.booking);
    expect(await sessionCounters(fx.session.id)).toEqual(before.counters);
    expect(await inventoryOf(fx.session.id, fx.vip.id)).toEqual(before.vip);
  });

  it("refuses a type that is hidden, off sale or of another session with a field error", async () => {
    const fx = await typedSession();
    const other = await createTypedSessionFixture([{ name: "Elsewhere", priceAmount: 1_000 }]);
    const email = uniqueEmail("add-other");
    const b = await paidBooking(fx.session.id, email, fx.standard.id);
    await actAsCustomer(email);
    const [hidden] = await db().insert(ticketTypes).values({ courseId: fx.course.id, sessionId: fx.session.id, name: "Friends", priceAmount: 100, visible: false }).returning();
    const [ended] = await db().insert(ticketTypes).values({ courseId: fx.course.id, sessionId: fx.session.id, name: "Early bird", priceAmount: 2_000, onSaleUntil: new Date(Date.now() - 60_000) }).returning();

    for (const [typeId, message] of [
      [hidden.id, "This ticket type is not sold for this session"],
      [ended.id, "Early bird tickets are no longer on sale"],
      [other.types[0].id, "This ticket type is not sold for this session"],
    ]) {
      const answer = await submit(addForm(b.reference, { firstName: "No", lastName: "Place", ticketTypeId: typeId }));
      expect(answer).toMatchObject({ state: { error: "Please correct the details below.", fields: { ticketTypeId: message } } });
    }
    expect(await placesOf(b.id)).toHaveLength(1);
  });
});

describe("ticket types named in the change flow and its history", () => {
  it("each attendee's heading names their type, and the history names the type of each place added or changed", async () => {
    const fx = await typedSession();
    const email = uniqueEmail("types-named");
    const b = await paidBooking(fx.session.id, email, fx.standard.id);
    await actAsCustomer(email);
    expect(await submit(addForm(b.reference, { firstName: "Pia", lastName: "Premium", ticketTypeId: fx.premium.id }))).toMatchObject({ redirect: expect.any(String) });
    const [alex] = await placesOf(b.id);
    await changeBooking(db(), { bookingId: b.id, actor: { kind: "booker", email }, change: { attendees: [{ attendeeId: alex.id, firstName: "Alexa", lastName: "Tester", requirements: [] }] } });

    const forms = await pageElements(b.reference, AttendeeForm);
    expect(forms.map((f) => [f.attendee.firstName, f.place])).toEqual([["Alexa", "Standard"], ["Pia", "Premium"]]);
    const [history] = await pageElements(b.reference, BookingHistory);
    const html = renderToStaticMarkup(createElement(BookingHistory, history));
    expect(html).toContain("After: 2 attendee(s) · Pia Premium (Premium ticket; no special requirements)");
    expect(html).toContain("Before: Alex Tester (Standard ticket; no special requirements)");
    expect(html).toContain("After: Alexa Tester (Standard ticket; no special requirements)");
  });

  it("a session selling one Standard type reads as before: no type in the headings", async () => {
    const fx = await createTypedSessionFixture([{ name: "Standard", priceAmount: 4_000 }], { depositAmount: null, capacity: 20 });
    const email = uniqueEmail("one-type");
    const b = await paidBooking(fx.session.id, email, fx.types[0].id);
    await actAsCustomer(email);
    const forms = await pageElements(b.reference, AttendeeForm);
    expect(forms.map((f) => f.place)).toEqual([null]);
  });
});

describe("the 12-attendee limit on adding attendees", () => {
  /** A paid booking of 12 places, the last one cancelled: 11 attendees, and every place number used. */
  async function twelvePlacesOneCancelled() {
    const fx = await createTypedSessionFixture([{ name: "Standard", priceAmount: 1_000 }], { depositAmount: null, capacity: 20 });
    const email = uniqueEmail("twelve");
    const { booking } = await createBookingViaApi(fx.session.id, 12, {
      contact: { name: "Pat Booker", email, phone: "+44 20 7946 0001" },
      attendees: Array.from({ length: 12 }, (_, i) => ({ firstName: "Guest", lastName: `No${i + 1}`, ticketTypeId: fx.types[0].id, requirements: [] })),
    });
    expect((await postWebhook(JSON.stringify(checkoutEvent("checkout.session.completed", booking)))).status).toBe(200);
    const places = await placesOf(booking.id);
    await cancelBookingByCustomer(db(), { bookingId: booking.id, attendeeIds: [places[11].id], idempotencyKey: randomUUID(), channel: "page" });
    return { fx, email, booking: (await getBooking(booking.id))! };
  }

  it("the page offers no form once every place number is used, and says why", async () => {
    const { email, booking } = await twelvePlacesOneCancelled();
    await actAsCustomer(email);
    expect(await addFormProps(booking.reference)).toBeNull();
    expect(await pageText(booking.reference)).toContain("This booking has had 12 attendees, the most one booking can have (cancelled places count too). To bring more people, make a new booking.");
  });

  it("an attendee added past the limit (a form open since before) is refused with a field error on the new attendee, writing nothing", async () => {
    const { fx, email, booking } = await twelvePlacesOneCancelled();
    await actAsCustomer(email);
    const before = { booking: await getBooking(booking.id), counters: await sessionCounters(fx.session.id), history: await historyOf(booking.id) };
    const answer = await submit(addForm(booking.reference, { firstName: "One", lastName: "Toomany" }));
    expect(answer).toEqual({
      state: expect.objectContaining({
        error: "Please correct the details below.",
        // Keyed so the form's summary links to the new attendee's fieldset (id add-addAttendees).
        fields: { addAttendees: "This booking has had 12 attendees, the most one booking can have (cancelled places count too): make a new booking for more people" },
        values: expect.objectContaining({ firstName: "One", lastName: "Toomany" }),
      }),
    });
    expect(await placesOf(booking.id)).toHaveLength(12);
    expect(await getBooking(booking.id)).toEqual(before.booking);
    expect(await sessionCounters(fx.session.id)).toEqual(before.counters);
    expect(await historyOf(booking.id)).toEqual(before.history);
  });
});
