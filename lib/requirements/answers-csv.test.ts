import { describe, expect, it } from "vitest";
import { parse } from "csv-parse/sync";
import { answersCsv } from "./answers-csv";

describe("answersCsv", () => {
  it("has a row per attendee and a column per question, with the booking's answers on each of its rows", () => {
    const csv = answersCsv({
      timeZone: "Europe/London",
      people: [
        { bookingId: "b1", reference: "TRN-AAAA-0001", attendeeId: "a1", firstName: "Maya", lastName: "Osei", spanStartsAt: new Date("2026-05-06T08:00:00Z"), spanEndsAt: new Date("2026-05-06T16:00:00Z") },
        { bookingId: "b1", reference: "TRN-AAAA-0001", attendeeId: "a2", firstName: "Theo", lastName: "Osei", spanStartsAt: new Date("2026-05-06T08:00:00Z"), spanEndsAt: new Date("2026-05-06T16:00:00Z") },
      ],
      answers: [
        { bookingId: "b1", attendeeId: "a1", questionId: "dob", label: "Date of birth", value: "2020-01-02" },
        { bookingId: "b1", attendeeId: "a2", questionId: "dob", label: "Date of birth", value: "2022-03-04" },
        { bookingId: "b1", attendeeId: "a1", questionId: "collect", label: "Who may collect", value: "=Ama Osei" },
        { bookingId: "b1", attendeeId: null, questionId: "photos", label: "Photos allowed", value: false },
      ],
    });
    const rows = parse(csv.replace(/^\uFEFF/, ""));
    expect(rows).toEqual([
      ["Booking reference", "Attendee", "From", "Until", "Date of birth", "Who may collect", "Photos allowed"],
      ["TRN-AAAA-0001", "Maya Osei", "09:00", "17:00", "2020-01-02", "'=Ama Osei", "No"],
      ["TRN-AAAA-0001", "Theo Osei", "09:00", "17:00", "2022-03-04", "", "No"],
    ]);
  });
});
