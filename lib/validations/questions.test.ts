import { describe, expect, it } from "vitest";
import { answerDisplay, answersSchemaFor, ageOn, answerText, type QuestionDef } from "./questions";
import { fieldErrors } from "./booking";

const q = (id: string, kind: QuestionDef["kind"], o: Partial<QuestionDef> = {}): QuestionDef =>
  ({ id, kind, scope: "per_attendee", label: id, required: true, options: [], ...o });

const questions: QuestionDef[] = [
  q("dob", "date_of_birth", { label: "Date of birth" }),
  q("collect", "short_text", { label: "Who may collect" }),
  q("notes", "long_text", { label: "Special instructions", required: false }),
  q("photos", "yes_no", { label: "Photos allowed", scope: "per_booking" }),
  q("lunch", "multiple_choice", { label: "Lunch days", options: ["Mon", "Tue"], required: false }),
  q("group", "single_choice", { label: "Group", options: ["Acorns", "Oaks"], required: false }),
  q("siblings", "number", { label: "Siblings", required: false }),
];
const age = { onDate: "2026-05-06", minYears: 2, maxYears: 11 };

describe("answersSchemaFor", () => {
  const schema = answersSchemaFor(questions, 2, age);

  it("accepts well-typed answers and reads form strings as numbers and yes/no", () => {
    const parsed = schema.parse({
      booking: { photos: "yes" },
      attendees: [
        { dob: "2020-05-06", collect: " Ama Osei ", lunch: ["Tue"], group: "Oaks", siblings: "1" },
        { dob: "2015-05-07", collect: "Kofi Osei", notes: "" },
      ],
    });
    expect(parsed).toEqual({
      booking: { photos: true },
      attendees: [
        { dob: "2020-05-06", collect: "Ama Osei", notes: undefined, lunch: ["Tue"], group: "Oaks", siblings: 1 },
        { dob: "2015-05-07", collect: "Kofi Osei", notes: undefined, lunch: undefined, group: undefined, siblings: undefined },
      ],
    });
  });

  it("names each missing, mistyped or out-of-range answer by its path", () => {
    const result = schema.safeParse({
      booking: {},
      attendees: [
        { dob: "2024-06-01", collect: 12, lunch: ["Sun"], group: "Pines", siblings: "two" },
        { dob: "2026-02-30" },
      ],
    });
    expect(result.success).toBe(false);
    expect(fieldErrors(result.error!)).toEqual({
      "booking.photos": "Answer “Photos allowed”",
      "attendees.0.dob": "Must be at least 2 years old on Wed, 6 May 2026 (is 1)",
      "attendees.0.collect": "“Who may collect” must be text",
      "attendees.0.lunch": "Choose answers to “Lunch days” from the list",
      "attendees.0.group": "Choose one of the answers to “Group”",
      "attendees.0.siblings": "“Siblings” must be a number",
      "attendees.1.dob": "Enter “Date of birth” as a date",
      "attendees.1.collect": "Answer “Who may collect”",
    });
  });

  it("takes a phone number as people write one and refuses words", () => {
    const phone = answersSchemaFor([q("sos", "phone", { label: "Emergency contact phone" })], 1);
    expect(phone.parse({ booking: {}, attendees: [{ sos: " +44 (0)20 7946-0958 " }] }).attendees[0].sos).toBe("+44 (0)20 7946-0958");
    for (const bad of ["call me", "12345", "+44 20 7946 0958 ext. 12"]) {
      const result = phone.safeParse({ booking: {}, attendees: [{ sos: bad }] });
      expect(result.success ? {} : fieldErrors(result.error)).toEqual({
        "attendees.0.sos": "Enter “Emergency contact phone” as a phone number, using digits, spaces and an optional leading +",
      });
    }
  });

  it("checks the upper age and asks every attendee even when answers are missing", () => {
    const result = schema.safeParse({ booking: { photos: false }, attendees: [{ dob: "2014-05-05", collect: "A" }] });
    expect(fieldErrors(result.error!)).toEqual({
      "attendees.0.dob": "Must be at most 11 years old on Wed, 6 May 2026 (is 12)",
      "attendees.1.dob": "Answer “Date of birth”",
      "attendees.1.collect": "Answer “Who may collect”",
    });
  });

  it("computes ages by calendar, and shows answers as text", () => {
    expect(ageOn("2016-02-29", "2026-02-28")).toBe(9);
    expect(ageOn("2016-02-29", "2026-03-01")).toBe(10);
    expect(answerText(true)).toBe("Yes");
    expect(answerText(["Mon", "Tue"])).toBe("Mon, Tue");
    // Pages write a date answer as a date; CSV keeps it as stored.
    expect(answerDisplay("2019-04-02", "date_of_birth")).toBe("Tue 2 Apr 2019");
    expect(answerText("2019-04-02")).toBe("2019-04-02");
    expect(answerDisplay("2019-04-02", "short_text")).toBe("2019-04-02");
  });
});

describe("the kinds and scopes the API lists", () => {
  it("are the database's question kinds and scopes", async () => {
    const { questionKind, questionScope } = await import("@/db/schema/questions");
    const { questionKinds, questionScopes } = await import("./questions");
    expect([...questionKinds]).toEqual(questionKind.enumValues);
    expect([...questionScopes]).toEqual(questionScope.enumValues);
  });
});

describe("answers to questions not asked", () => {
  const asked = [q("size", "single_choice", { label: "Size", options: ["S", "M"] }), q("photos", "yes_no", { label: "Photos", scope: "per_booking" })];
  const input = { booking: { photos: true, other: 1, size: "S" }, attendees: [{ size: "M", photos: false }] };

  it("are dropped by default (a wizard draft may keep one of a question archived since)", () => {
    const parsed = answersSchemaFor(asked, 1).safeParse(input);
    expect(parsed.success).toBe(true);
    expect(parsed.data).toEqual({ booking: { photos: true }, attendees: [{ size: "M" }] });
  });

  it("are errors at their paths when refused, saying where a question of the other scope belongs", () => {
    const parsed = answersSchemaFor(asked, 1, undefined, { refuseUnasked: true }).safeParse(input);
    expect(parsed.success).toBe(false);
    expect(fieldErrors(parsed.error!)).toEqual({
      "booking.other": "This course asks no question with this id",
      "booking.size": "“Size” is asked of each attendee: answer it in answers.attendees",
      "attendees.0.photos": "“Photos” is asked once per booking: answer it in answers.booking",
    });
  });
});
