// Made-up documents of a booking: each render thread draws a series of them as it starts, so the code that
// lays documents out is compiled before the first real payment needs it (the first documents of a cold thread
// took up to ten times as long), and bench/pdf-render.ts measures them. Each round's names, reference and
// amounts differ, as real payments' do: text shaping is cached per string, so a series of identical documents
// would leave the shaping code cold for the first real names.
import type { BookingDetail } from "@/db/queries/bookings";
import type { PartySnapshot } from "@/db/schema";
import type { PdfTask } from "@/lib/pdf/tasks";

const SAMPLE_LOGO = "public/logo.png";

const seller: PartySnapshot = {
  name: "Turnout Training Ltd", addressLines: ["1 Example Street", "London", "EC1A 1AA", "United Kingdom"],
  vatId: "GB123456789", bankDetails: "Turnout Training Ltd, sort code 20-00-00, account 12345678", email: "bookings@turnout.example",
};
const buyer: PartySnapshot = {
  name: "Pat Booker", organisation: "Harbour Logistics Ltd", addressLines: ["Unit 4, Dockside Park", "Bristol BS1 6XN", "United Kingdom"],
  email: "pat.booker@harbour.example", vatId: null,
};
const startsAt = new Date("2031-03-14T09:00:00Z");
const endsAt = new Date("2031-03-14T16:30:00Z");
const when = "Fri 14 Mar 2031, 09:00–16:30 GMT";
const FIRST_NAMES = ["Zoë", "Sam", "Priya", "Łukasz", "Aoife", "Tomás", "Mei", "Olu", "Greta", "Jonas", "Ines", "Kwame"];
const LAST_NAMES = ["Łukasz", "O'Neill", "Raman", "Nowak", "Byrne", "García", "Chen", "Adeyemi", "Lind", "Weber", "Sousa", "Mensah"];
const REFERENCE_LETTERS = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
const PRICE = 14_400;

/** Round `round`'s booking (0 is the one bench/pdf-render.ts measures): 1 to 4 attendees, paid in full or a deposit. */
export function sampleTasks(round = 0): Record<"invoice" | "booking-confirmation" | "tickets", PdfTask> {
  const reference = `TRN-${Array.from({ length: 6 }, (_, i) => REFERENCE_LETTERS[(round * 7 + i * 13 + (i === 0 ? 0 : round)) % REFERENCE_LETTERS.length]).join("")}`;
  const count = round === 0 ? 3 : 1 + (round % 4);
  const people = Array.from({ length: count }, (_, i) => ({
    id: `a${i + 1}`,
    firstName: FIRST_NAMES[(round + i * 5) % FIRST_NAMES.length],
    lastName: LAST_NAMES[(round * 3 + i) % LAST_NAMES.length],
    email: i % 2 === 0 ? `guest${round}.${i}@harbour.example` : null,
    requirements: i === 0 ? [{ id: `r${i}`, label: "Dietary", priority: "standard", details: "Vegetarian, no nuts" }]
      : i === 2 ? [{ id: `r${i}`, label: "Mobility", priority: "critical", details: "Step-free access to the training room" }] : [],
  }));
  const names = people.map((p) => `${p.firstName} ${p.lastName}`);
  const total = PRICE * count;
  const deposit = round % 3 === 2;
  const paid = deposit ? Math.round(total / 4) : total;
  const balanceDueAt = deposit ? new Date("2031-02-28T23:59:00Z") : null;
  const invoiceNumber = `INV-2031-${String(42 + round).padStart(5, "0")}`;
  const seated = round % 2 === 1;

  // Only the fields the documents read; the rest of a BookingDetail stays out of a benchmark.
  const detail = {
    booking: {
      reference, confirmedAt: new Date("2031-02-01T10:12:00Z"), createdAt: new Date("2031-02-01T10:05:00Z"),
      contactName: "Pat Booker", organisation: "Harbour Logistics Ltd", contactEmail: "pat.booker@harbour.example", contactPhone: "+44 117 496 0123",
      currency: "GBP", totalAmount: total, creditedAmount: 0, amountPaid: paid, amountRefunded: 0, balanceDueAt,
      paymentStatus: deposit ? "deposit_paid" : "paid",
    },
    session: { startsAt, endsAt },
    course: { title: "First Aid at Work" },
    venue: { name: "Harbourside Training Centre", addressLine1: "22 Quay Street", addressLine2: "Second floor", city: "Bristol", postalCode: "BS1 4DJ", timeZone: "Europe/London" },
    attendees: people.map((p, i) => ({
      ...p, cancelledAt: null, listAmount: PRICE, ticketTypeId: "tt1", ticketType: { id: "tt1", name: seated ? "Premium" : "Standard" },
      seat: seated ? { id: `s${i}`, section: "Stalls", row: "F", number: String(i + 11), label: `Stalls, row F, seat ${i + 11}` } : null,
    })),
    payments: [],
    discounts: [],
  } as unknown as BookingDetail;

  return {
    invoice: {
      kind: "invoice", logoPath: SAMPLE_LOGO, timeZone: "Europe/London", bookingReference: reference,
      invoice: {
        id: "inv1", number: invoiceNumber, year: 2031, sequence: 42 + round, bookingId: "b1",
        issuedAt: new Date("2031-02-01T10:12:00Z"), supplyDate: startsAt, currency: "GBP",
        subtotalAmount: Math.round(total / 1.2), taxRateBasisPoints: 2_000, pricesIncludeTax: true, taxAmount: total - Math.round(total / 1.2),
        totalAmount: total, paidAtIssueAmount: paid, balanceDueAt, seller, buyer,
        lines: [{ description: "First Aid at Work", detail: `${when} · ${names.join(", ")}`, quantity: count, unitAmount: PRICE, amount: total, attendeeIds: people.map((p) => p.id) }],
        paymentsAtIssue: [{ date: "2031-02-01T10:12:00Z", description: deposit ? "Deposit by card" : "Card payment", amount: paid }],
        supplementsInvoiceId: null, paymentId: null,
      },
    },
    "booking-confirmation": { kind: "booking-confirmation", logoPath: SAMPLE_LOGO, detail, seller, invoiceNumber },
    tickets: {
      kind: "tickets",
      ticket: {
        sellerName: seller.name, course: "First Aid at Work", when,
        venue: ["Harbourside Training Centre", "22 Quay Street, Second floor", "Bristol BS1 4DJ"], reference,
        tickets: names.map((attendeeName, i) => ({
          attendeeName, ticketType: seated ? "Premium" : "Standard", seat: seated ? `Stalls, row F, seat ${i + 11}` : null,
          qrText: `TURNOUT-SAMPLE-TICKET-0b9f3c1e-5d2a-4c7e-9f00-${String(round * 10 + i).padStart(12, "0")}`,
        })),
      },
    },
  };
}

/** A realistic three-attendee booking's three documents, drawn from made-up data. */
export const SAMPLE_TASKS = sampleTasks(0);
