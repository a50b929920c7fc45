// The public API's answers as zod schemas: the OpenAPI document is generated from them, and the contract
// test checks real answers against them (objects are strict, so an undocumented field fails it).
import { z } from "zod";
import { publicQuestionSchema, recordedAnswersSchema } from "@/lib/validations/questions";

const id = z.uuid();
const money = z.number().int().meta({ description: "Integer minor units (pence, cents)" });
const currency = z.string().regex(/^[A-Z]{3}$/).meta({ description: "ISO 4217 code" });
const instant = z.iso.datetime({ offset: true }).meta({ description: "ISO 8601 instant in UTC" });

export const errorBody = z.strictObject({
  error: z.looseObject({
    code: z.string().meta({ description: "Stable machine-readable code, e.g. invalid_request, insufficient_capacity, seat_unavailable" }),
    message: z.string(),
    fields: z.record(z.string(), z.string()).optional().meta({ description: "Field errors keyed by path, e.g. attendees.0.firstName" }),
  }),
}).meta({ id: "Error" });

export const ticketTypeOffer = z.strictObject({
  id, name: z.string(), description: z.string().nullable(), priceAmount: money, depositAmount: money.nullable(), currency,
  quota: z.number().int().nullable(), available: z.number().int(), seatClass: z.string().nullable(), onSale: z.boolean(),
  onSaleFrom: instant.nullable(), onSaleUntil: instant.nullable(), minPerBooking: z.number().int(), maxPerBooking: z.number().int(),
}).meta({ id: "TicketTypeOffer" });

const venueRef = z.strictObject({ id, name: z.string(), city: z.string(), timeZone: z.string() });

export const courseList = z.strictObject({
  courses: z.array(z.strictObject({
    id, slug: z.string(), title: z.string(), category: z.string(),
    kind: z.enum(["sessions", "time_slots"]).meta({ description: "time_slots: booked by date and span through /api/v1/availability/{offeringId}" }),
    questions: z.array(publicQuestionSchema).meta({
      description: "The course's custom questions, asked of every booking of its sessions (or spans): answer them in POST /api/v1/bookings's answers",
    }),
    sessions: z.array(z.strictObject({
      id, startsAt: instant, endsAt: instant, venue: venueRef,
      priceAmount: money.meta({ description: "The lowest price on sale" }), depositAmount: money.nullable(), currency,
      capacity: z.number().int(), available: z.number().int(), seated: z.boolean(), ticketTypes: z.array(ticketTypeOffer),
    })),
  })),
}).meta({ id: "CourseList" });

export const sessionAvailability = z.strictObject({
  sessionId: id, capacity: z.number().int(), booked: z.number().int(), held: z.number().int(),
  notForSale: z.number().int().meta({
    description: "Places neither booked, held nor for sale: blocked seats, and on a seated session capacity beyond its plan's seats. " +
      "capacity = booked + held + notForSale + available.",
  }),
  available: z.number().int(),
  ticketTypes: z.array(ticketTypeOffer),
}).meta({ id: "SessionAvailability" });

export const seatMap = z.strictObject({
  sessionId: id,
  plan: z.strictObject({ id, name: z.string() }).nullable(),
  seats: z.array(z.strictObject({
    id, section: z.string(), row: z.string(), number: z.string(), seatClass: z.string(), x: z.number(), y: z.number(),
    flags: z.array(z.enum(["wheelchair", "companion", "restricted_view"])), sortOrder: z.number().int(),
    state: z.enum(["available", "held", "booked", "blocked"]),
  })),
  ticketTypes: z.array(ticketTypeOffer),
}).meta({ id: "SeatMap" });

export const requirementTemplateList = z.strictObject({
  templates: z.array(z.strictObject({
    id, code: z.string(), category: z.string(), label: z.string(), priority: z.enum(["critical", "high", "standard"]), detailsRequired: z.boolean(),
  })),
}).meta({ id: "RequirementTemplateList" });

export const bookingCreated = z.strictObject({
  bookingId: id, reference: z.string(), accessToken: z.string(),
  status: z.enum(["pending", "confirmed", "expired", "cancelled", "refunded"]).meta({ description: "pending until paid; confirmed at once when nothing is due now (discounts or points cover it). A retry with the same Idempotency-Key answers the booking as it is now: once it is no longer pending, checkoutUrl is the booking's page" }),
  listAmount: money.meta({ description: "The places at list price, before discounts" }),
  discounts: z.array(z.strictObject({ source: z.enum(["code", "group", "early_bird", "member", "points"]), label: z.string(), amount: money })),
  totalAmount: money,
  amountDue: money.meta({ description: "To pay now at checkoutUrl (the deposit, or the total); 0 once the booking is no longer pending" }),
  currency, holdExpiresAt: instant, checkoutUrl: z.url(),
}).meta({ id: "BookingCreated" });

export const booking = z.strictObject({
  booking: z.strictObject({
    id, reference: z.string(), status: z.enum(["pending", "confirmed", "expired", "cancelled", "refunded"]), statusReason: z.string().nullable(),
    paymentOption: z.enum(["full", "deposit"]), paymentStatus: z.enum(["unpaid", "deposit_paid", "paid", "partially_refunded", "refunded"]),
    currency, unitAmount: money.nullable(), totalAmount: money, amountDueNow: money, amountPaid: money, amountRefunded: money, balanceAmount: money,
    balanceDueAt: instant.nullable(), holdExpiresAt: instant.nullable(), createdAt: instant, confirmedAt: instant.nullable(),
    session: z.strictObject({
      id, startsAt: instant, endsAt: instant,
      course: z.strictObject({ id, slug: z.string(), title: z.string() }),
      venue: venueRef,
    }),
    contact: z.strictObject({ name: z.string(), email: z.string(), phone: z.string(), organisation: z.string().nullable() }),
    billing: z.strictObject({
      line1: z.string().nullable(), line2: z.string().nullable(), city: z.string().nullable(), postalCode: z.string().nullable(),
      country: z.string().nullable(), vatId: z.string().nullable(),
    }).nullable(),
    attendees: z.array(z.strictObject({
      id: id.describe("What DELETE /api/v1/bookings/{reference} takes in attendeeIds to cancel this place"),
      position: z.number().int(), firstName: z.string(), lastName: z.string(), email: z.string().nullable(), cancelled: z.boolean(),
      ticketType: z.strictObject({ id, name: z.string() }), unitAmount: money,
      seat: z.strictObject({ id, section: z.string(), row: z.string(), number: z.string(), label: z.string() }).nullable(),
      requirements: z.array(z.strictObject({
        templateId: id, label: z.string(), category: z.string(), priority: z.enum(["critical", "high", "standard"]), details: z.string().nullable(),
      })),
    })),
    payments: z.array(z.strictObject({
      kind: z.enum(["full", "deposit", "balance"]), amount: money, currency, amountRefunded: money, receivedAt: instant,
    })),
    answers: recordedAnswersSchema.meta({
      description: "The answers to the course's custom questions, as POST /api/v1/bookings takes them (answers.attendees[i] belongs to " +
        "attendees[i]). Through the booking's access token, answers to questions staff marked sensitive (a date of birth, who may " +
        "collect a child) are left out and named in withheldAnswers; an API key with bookings:read reads them all, as it reads needs.",
    }),
    withheldAnswers: z.strictObject({
      booking: z.array(id).meta({ description: "Question ids of per_booking answers stored but not shown here" }),
      attendees: z.array(z.array(id)).meta({ description: "Per attendee, in the order of attendees: question ids of answers stored but not shown here" }),
    }).meta({ description: "Answers given but kept for staff (sensitive), so left out of answers: always empty for an API key with bookings:read" }),
  }),
}).meta({ id: "Booking" });

const count = z.number().int().min(0);
export const health = z.strictObject({
  status: z.enum(["ok", "degraded"]),
  database: z.enum(["up", "down"]),
  // Null when the database (which holds the queue) cannot be read. Figures may be a few seconds old.
  jobs: z.strictObject({
    pending: count.meta({ description: "Jobs due now, waiting for a worker" }),
    scheduled: count.meta({ description: "Jobs waiting for a later time (planned work, retry backoff)" }),
    running: count,
    failing: count.meta({ description: "Jobs that failed at least once and will be retried" }),
    dead: count.meta({ description: "Jobs out of attempts" }),
    oldestPendingSeconds: count.meta({ description: "How long the oldest due job has waited" }),
  }).nullable(),
  // smtp: the server accepted a connection and our credentials (checked at most once a minute);
  // outbox: no SMTP_URL, messages stay in the local outbox.
  mail: z.strictObject({ transport: z.enum(["smtp", "outbox"]), status: z.enum(["ok", "down"]) }),
}).meta({ id: "Health" });

export const locationList = z.strictObject({
  locations: z.array(z.looseObject({
    id, slug: z.string(), name: z.string(), timeZone: z.string(),
    openingHours: z.array(z.looseObject({ weekday: z.number().int(), open: z.string(), close: z.string() })),
  })),
}).meta({ id: "LocationList" });

export const location = z.strictObject({
  location: z.looseObject({
    id, slug: z.string(), name: z.string(), timeZone: z.string(),
    closures: z.array(z.looseObject({ date: z.string(), reason: z.string().nullable() })),
  }),
}).meta({ id: "Location" });

export const slotAvailability = z.looseObject({
  offeringId: id, date: z.string(), timeZone: z.string(), reason: z.string().nullable(),
  note: z.string().nullable().meta({ description: "Why the day's hours differ from the usual ones (a closure with hours)" }),
  openingHours: z.array(z.looseObject({ open: z.string(), close: z.string() })),
  slots: z.array(z.looseObject({ start: instant, end: instant, available: z.number().int(), rateAmount: money, peak: z.boolean() })),
  pricing: z.looseObject({ standardRateAmount: money, peakRateAmount: money.nullable(), currency }),
  rules: z.strictObject({
    slotMinutes: z.number().int().meta({ description: "Length of a slot; a span starts and ends on slot boundaries" }),
    capacityPerSlot: z.number().int(),
    minSpanMinutes: z.number().int(), maxSpanMinutes: z.number().int(),
    firstDate: z.string().meta({ description: "The first local date (YYYY-MM-DD) that can be booked: today at the location" }),
    lastDate: z.string().meta({ description: "The last local date that can be booked" }),
    minAgeYears: z.number().int().min(0).nullable().meta({
      description: "The youngest an attendee may be, in whole years on the booked date, checked against the course's date_of_birth " +
        "question (a 400 at answers.attendees.<i>.<questionId> outside the range); null: no lower limit",
    }),
    maxAgeYears: z.number().int().min(0).nullable().meta({ description: "The oldest an attendee may be, in whole years on the booked date; null: no upper limit" }),
  }).meta({ description: "The offering's booking rules" }),
}).meta({ id: "SlotAvailability" });

export const checkInOutcome = z.strictObject({
  outcome: z.looseObject({
    result: z.string().meta({ description: "checked_in, already_checked_in, unknown, malformed, revoked, refunded, cancelled, wrong_session, …" }),
    tone: z.string(), title: z.string(), detail: z.string().nullable().optional(),
  }),
}).meta({ id: "CheckInOutcome" });

export const ticketCodes = z.strictObject({
  reference: z.string(),
  tickets: z.array(z.strictObject({ position: z.number().int(), attendee: z.string(), ticketType: z.string(), seat: z.string().nullable(), svg: z.string() })),
}).meta({ id: "TicketCodes" });

export const bookingCancellation = z.strictObject({
  cancellation: z.strictObject({
    id, bookingReference: z.string(), attendeeIds: z.array(id),
    hoursBeforeStart: z.number().int(), refundPercent: z.number().int().min(0).max(100),
    paidForPlaces: money, depositKept: money, feeAmount: money, refundAmount: money,
    creditAmount: money.meta({ description: "What the invoice went down by (the refund plus any balance waived)" }),
    currency, creditNoteNumber: z.string().nullable(), createdAt: instant,
  }),
}).meta({ id: "BookingCancellation" });
export const holdRelease = z.strictObject({
  holdReleased: z.strictObject({
    bookingReference: z.string(),
    placesReleased: z.number().int().meta({ description: "Places (and their seats) given back to the session" }),
  }),
}).meta({ id: "HoldRelease" });
export const bookingChangeResult = z.strictObject({
  booking: booking.shape.booking,
  change: z.strictObject({
    replayed: z.boolean().meta({ description: "True when this answers a retry with the same Idempotency-Key: nothing more was changed" }),
    refunded: money.meta({ description: "Refunded because the new session costs less (with a credit note)" }),
    creditNoteNumber: z.string().nullable(),
    amountOwed: money.meta({ description: "Still to pay after the change (attendees added, a dearer session)" }),
    checkoutUrl: z.url().nullable().meta({ description: "Where to pay amountOwed" }),
  }),
}).meta({ id: "BookingChangeResult" });

export const adminBookingList = z.strictObject({
  bookings: z.array(z.strictObject({
    id, reference: z.string(), status: z.enum(["pending", "confirmed", "expired", "cancelled", "refunded"]),
    paymentStatus: z.enum(["unpaid", "deposit_paid", "paid", "partially_refunded", "refunded"]),
    currency, totalAmount: money, amountPaid: money, amountRefunded: money,
    attendeeCount: z.number().int().min(0).meta({ description: "The places the booking holds now: its attendees not cancelled" }),
    contact: z.strictObject({ name: z.string(), email: z.string() }),
    session: z.strictObject({ id, startsAt: instant }),
    createdAt: instant, confirmedAt: instant.nullable(),
  })),
  nextCursor: z.string().nullable().meta({ description: "Pass as cursor for the next page; null on the last page" }),
}).meta({ id: "AdminBookingList" });

export const sessionAttendees = z.strictObject({
  sessionId: id,
  attendees: z.array(z.strictObject({
    attendeeId: id, bookingId: id, reference: z.string(), bookingStatus: z.enum(["pending", "confirmed"]),
    position: z.number().int(), firstName: z.string(), lastName: z.string(), email: z.string().nullable(),
    ticketType: z.string(), seat: z.string().nullable(), checkedInAt: instant.nullable(),
    requirements: z.array(z.strictObject({
      templateId: id, label: z.string(), category: z.string(), priority: z.enum(["critical", "high", "standard"]),
      details: z.string().nullable(), acknowledged: z.boolean(),
    })),
  })),
}).meta({ id: "SessionAttendees" });
