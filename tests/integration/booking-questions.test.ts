// Custom questions: answers checked by the shared schema on the server (types, required, ages on the booked
// day), stored per attendee and per booking with the question's label and sensitivity; bad answers write nothing.
import { formatDate } from "@/lib/format";
import { describe, expect, it } from "vitest";
import { asc, eq } from "drizzle-orm";
import { DateTime } from "luxon";
import { bookingAnswers, courseQuestions } from "@/db/schema";
import { db, rowCounts } from "../fixtures";
import { at, createSlotOfferingFixture, futureDate, postSlotBooking } from "../slot-fixtures";

async function childcareFixture() {
  const f = await createSlotOfferingFixture({ minAgeYears: 2, maxAgeYears: 11 });
  const [dob, collect, notes, photos, days] = await db().insert(courseQuestions).values([
    { courseId: f.course.id, kind: "date_of_birth", scope: "per_attendee", label: "Date of birth", required: true, sensitive: true, sortOrder: 1 },
    { courseId: f.course.id, kind: "short_text", scope: "per_attendee", label: "Who may collect", required: true, sensitive: true, sortOrder: 2 },
    { courseId: f.course.id, kind: "long_text", scope: "per_attendee", label: "Special instructions", required: false, sortOrder: 3 },
    { courseId: f.course.id, kind: "yes_no", scope: "per_booking", label: "Photos allowed", required: true, sortOrder: 4 },
    { courseId: f.course.id, kind: "multiple_choice", scope: "per_booking", label: "Lunch", options: ["Hot", "Packed"], required: false, sortOrder: 5 },
  ]).returning();
  return { ...f, q: { dob, collect, notes, photos, days } };
}

describe("answers to custom questions", () => {
  it("stores each child's answers and the booking's, with label and sensitivity copied", async () => {
    const { course, venue, q } = await childcareFixture();
    const date = futureDate(venue.timeZone);
    const fiveYearsOld = DateTime.fromISO(date).minus({ years: 5 }).toISODate()!;
    const res = await postSlotBooking(course.id, at(date, "09:00"), at(date, "12:00"), 2, {
      answers: {
        booking: { [q.photos.id]: false, [q.days.id]: ["Packed"] },
        attendees: [
          { [q.dob.id]: fiveYearsOld, [q.collect.id]: "Ama Osei, Kofi Osei", [q.notes.id]: "Naps after lunch" },
          { [q.dob.id]: DateTime.fromISO(date).minus({ years: 11 }).toISODate(), [q.collect.id]: "Ama Osei" },
        ],
      },
    });
    expect(res.status, JSON.stringify(res.json)).toBe(201);
    const rows = await db().select().from(bookingAnswers).where(eq(bookingAnswers.bookingId, res.json.bookingId)).orderBy(asc(bookingAnswers.label));
    const sorted = (list: unknown[][]) => list.map((r) => JSON.stringify(r)).sort();
    expect(sorted(rows.map((r) => [r.label, r.value, r.sensitive, r.attendeeId === null]))).toEqual(sorted([
      ["Date of birth", fiveYearsOld, true, false],
      ["Date of birth", DateTime.fromISO(date).minus({ years: 11 }).toISODate(), true, false],
      ["Lunch", ["Packed"], false, true],
      ["Photos allowed", false, false, true],
      ["Special instructions", "Naps after lunch", false, false],
      ["Who may collect", "Ama Osei, Kofi Osei", true, false],
      ["Who may collect", "Ama Osei", true, false],
    ]));
  });

  it("refuses a missing required answer, a wrong type and an age outside the allowed range, writing nothing", async () => {
    const { course, venue, q } = await childcareFixture();
    const date = futureDate(venue.timeZone);
    const before = await rowCounts();
    const tooYoung = DateTime.fromISO(date).minus({ years: 1 }).toISODate()!;
    const res = await postSlotBooking(course.id, at(date, "09:00"), at(date, "12:00"), 2, {
      answers: {
        booking: { [q.photos.id]: "perhaps", [q.days.id]: ["Caviar"] },
        attendees: [{ [q.dob.id]: tooYoung, [q.collect.id]: 42 }],
      },
    });
    expect(res.status).toBe(400);
    expect(res.json.error.fields).toEqual({
      [`answers.booking.${q.photos.id}`]: "Answer “Photos allowed” with yes or no",
      [`answers.booking.${q.days.id}`]: "Choose answers to “Lunch” from the list",
      [`answers.attendees.0.${q.dob.id}`]: `Must be at least 2 years old on ${formatDate(`${date}T12:00:00Z`, "UTC")} (is 1)`,
      [`answers.attendees.0.${q.collect.id}`]: "“Who may collect” must be text",
      [`answers.attendees.1.${q.dob.id}`]: "Answer “Date of birth”",
      [`answers.attendees.1.${q.collect.id}`]: "Answer “Who may collect”",
    });
    const tooOld = await postSlotBooking(course.id, at(date, "09:00"), at(date, "12:00"), 1, {
      answers: { booking: { [q.photos.id]: true }, attendees: [{ [q.dob.id]: DateTime.fromISO(date).minus({ years: 12 }).toISODate(), [q.collect.id]: "Ama" }] },
    });
    expect(tooOld.status).toBe(400);
    expect(tooOld.json.error.fields).toEqual({ [`answers.attendees.0.${q.dob.id}`]: `Must be at most 11 years old on ${formatDate(`${date}T12:00:00Z`, "UTC")} (is 12)` });
    expect(await rowCounts()).toEqual(before);
  });
});
