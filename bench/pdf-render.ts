// CPU cost of the three PDFs attached to a booking confirmation email (invoice, booking confirmation,
// tickets) for a three-attendee booking, rendered one after another on this thread: `npx tsx bench/pdf-render.ts`.
// PDF_BENCH_RUNS (default 30) rounds of the three after PDF_BENCH_WARMUP (default 10) rounds; prints the mean and median
// ms per document, wall clock and CPU time of the process; PDF_BENCH_ONLY=tickets (comma-separated) picks documents.
// Add `--cpu-prof` (`node --cpu-prof --import tsx bench/pdf-render.ts`) to see where time goes.
import { performance } from "node:perf_hooks";
import type { BookingDetail } from "@/db/queries/bookings";
import type { PartySnapshot } from "@/db/schema";
import type { PdfTask } from "@/lib/pdf/tasks";
import { ticketQrText } from "@/lib/tickets/secret";

// React's production build, as under `next start` (the render threads inherit the server's environment).
(process.env as Record<string, string | undefined>).NODE_ENV ??= "production";
const { renderDocument } = await import("@/components/pdf/render-document");

const runs = Number(process.env.PDF_BENCH_RUNS ?? 30);
const warmup = Number(process.env.PDF_BENCH_WARMUP ?? 10);
const only = process.env.PDF_BENCH_ONLY?.split(",").map((s) => s.trim());

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

const tasks: Record<string, PdfTask> = {
  invoice: {
    kind: "invoice", logoPath: "public/logo.png", timeZone: "Europe/London", bookingReference: "TRN-7K4Q2M",
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
  "booking-confirmation": { kind: "booking-confirmation", logoPath: "public/logo.png", detail, seller, invoiceNumber: "INV-2031-00042" },
  tickets: {
    kind: "tickets",
    ticket: {
      sellerName: seller.name, course: "First Aid at Work", when: "Fri 14 Mar 2031, 09:00–16:30 GMT",
      venue: ["Harbourside Training Centre", "22 Quay Street, Second floor", "Bristol BS1 4DJ"], reference: "TRN-7K4Q2M",
      tickets: people.map((p, i) => ({
        attendeeName: `${p.firstName} ${p.lastName}`, ticketType: "Standard", seat: null,
        qrText: ticketQrText(`0b9f3c1e-5d2a-4c7e-9f00-00000000000${i}`, 1),
      })),
    },
  },
};

async function main() {
  const chosen = Object.entries(tasks).filter(([name]) => !only || only.includes(name));
  const bytes = new Map<string, number>();
  for (let i = 0; i < warmup; i++) for (const [name, task] of chosen) bytes.set(name, ((await renderDocument(task)) as Uint8Array).byteLength);
  // Round after round of every document, so a busy moment on a shared machine weighs on each alike.
  const times = new Map<string, number[]>(chosen.map(([name]) => [name, []]));
  const cpu = new Map<string, number>(chosen.map(([name]) => [name, 0]));
  for (let i = 0; i < runs; i++) {
    for (const [name, task] of chosen) {
      const cpu0 = process.cpuUsage();
      const t0 = performance.now();
      await renderDocument(task);
      times.get(name)!.push(performance.now() - t0);
      const used = process.cpuUsage(cpu0);
      cpu.set(name, cpu.get(name)! + (used.user + used.system) / 1000);
    }
  }
  const results = chosen.map(([name]) => {
    const t = times.get(name)!.sort((a, b) => a - b);
    return {
      document: name, meanMs: +(t.reduce((a, b) => a + b, 0) / runs).toFixed(1), medianMs: +t[Math.floor(runs / 2)].toFixed(1),
      cpuMs: +(cpu.get(name)! / runs).toFixed(1), kb: +(bytes.get(name)! / 1024).toFixed(1),
    };
  });
  console.table(results);
  const sum = (k: "meanMs" | "medianMs" | "cpuMs") => results.reduce((a, r) => a + r[k], 0).toFixed(1);
  console.log(`together: ${sum("meanMs")} ms wall (medians ${sum("medianMs")}), ${sum("cpuMs")} ms CPU; mean of ${runs} rounds after ${warmup} warm-up`);
}

await main();
