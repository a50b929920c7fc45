// Made-up documents of a three-attendee booking: each render thread draws them once as it starts, so the
// code that lays documents out is compiled before the first real payment needs it (the first documents of a
// cold thread took up to ten times as long), and bench/pdf-render.ts measures them.
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
const people = [
  { id: "a1", firstName: "Zoë", lastName: "Łukasz", email: "zoe@harbour.example", requirements: [{ id: "r1", label: "Dietary", priority: "standard", details: "Vegetarian, no nuts" }] },
  { id: "a2", firstName: "Sam", lastName: "O'Neill", email: null, requirements: [] },
  { id: "a3", firstName: "Priya", lastName: "Raman", email: "priya.raman@harbour.example", requirements: [{ id: "r2", label: "Mobility", priority: "critical", details: "Step-free access to the training room" }] },
];

// Only the fields the documents read; the rest of a BookingDetail stays out of a benchmark.
const detail = {
  booking: {
    reference: "TRN-7K4Q2M", confirmedAt: new Date("2031-02-01T10:12:00Z"), createdAt: new Date("2031-02-01T10:05:00Z"),
    contactName: "Pat Booker", organisation: "Harbour Logistics Ltd", contactEmail: "pat.booker@harbour.example", contactPhone: "+44 117 496 0123",
    currency: "GBP", totalAmount: 43_200, creditedAmount: 0, amountPaid: 43_200, amountRefunded: 0, balanceDueAt: null,
  },
  session: { startsAt, endsAt },
  course: { title: "First Aid at Work" },
  venue: { name: "Harbourside Training Centre", addressLine1: "22 Quay Street", addressLine2: "Second floor", city: "Bristol", postalCode: "BS1 4DJ", timeZone: "Europe/London" },
  attendees: people.map((p) => ({ ...p, cancelledAt: null, listAmount: 14_400, ticketTypeId: "tt1", ticketType: { id: "tt1", name: "Standard" }, seat: null })),
  payments: [],
  discounts: [],
} as unknown as BookingDetail;

/** A realistic three-attendee booking's three documents, drawn from made-up data. */
export const SAMPLE_TASKS: Record<"invoice" | "booking-confirmation" | "tickets", PdfTask> = {
  invoice: {
    kind: "invoice", logoPath: SAMPLE_LOGO, timeZone: "Europe/London", bookingReference: "TRN-7K4Q2M",
    invoice: {
      id: "inv1", number: "INV-2031-00042", year: 2031, sequence: 42, bookingId: "b1",
      issuedAt: new Date("2031-02-01T10:12:00Z"), supplyDate: startsAt, currency: "GBP",
      subtotalAmount: 36_000, taxRateBasisPoints: 2_000, pricesIncludeTax: true, taxAmount: 7_200, totalAmount: 43_200, paidAtIssueAmount: 43_200,
      balanceDueAt: null, seller, buyer,
      lines: [{ description: "First Aid at Work", detail: "Fri 14 Mar 2031, 09:00–16:30 GMT · Zoë Łukasz, Sam O'Neill, Priya Raman", quantity: 3, unitAmount: 14_400, amount: 43_200, attendeeIds: ["a1", "a2", "a3"] }],
      paymentsAtIssue: [{ date: "2031-02-01T10:12:00Z", description: "Card payment", amount: 43_200 }],
      supplementsInvoiceId: null, paymentId: null,
    },
  },
  "booking-confirmation": { kind: "booking-confirmation", logoPath: SAMPLE_LOGO, detail, seller, invoiceNumber: "INV-2031-00042" },
  tickets: {
    kind: "tickets",
    ticket: {
      sellerName: seller.name, course: "First Aid at Work", when: "Fri 14 Mar 2031, 09:00–16:30 GMT",
      venue: ["Harbourside Training Centre", "22 Quay Street, Second floor", "Bristol BS1 4DJ"], reference: "TRN-7K4Q2M",
      tickets: people.map((p, i) => ({
        attendeeName: `${p.firstName} ${p.lastName}`, ticketType: "Standard", seat: null,
        qrText: `TURNOUT-SAMPLE-TICKET-0b9f3c1e-5d2a-4c7e-9f00-00000000000${i}`,
      })),
    },
  },
};

