import { describe, expect, it } from "vitest";
import { presentAnswers } from "./present";

// Places in position order, as getBookingDetail lists them; b is cancelled, and its answers stay with it.
const places = [{ id: "a" }, { id: "b" }, { id: "c" }];
const rows = [
  { attendeeId: null, questionId: "photos", value: true, sensitive: false },
  { attendeeId: null, questionId: "collector", value: "Grace Hopper", sensitive: true },
  { attendeeId: "c", questionId: "dob", value: "2020-04-02", sensitive: true },
  { attendeeId: "c", questionId: "size", value: "M", sensitive: false },
  { attendeeId: "b", questionId: "dob", value: "2019-01-31", sensitive: true },
  { attendeeId: "b", questionId: "lunch", value: ["Mon", "Tue"], sensitive: false },
];

describe("presentAnswers", () => {
  it("keys answers by question id, per booking and per place in the order of the places", () => {
    expect(presentAnswers(places, rows, { includeSensitive: true })).toEqual({
      answers: {
        booking: { photos: true, collector: "Grace Hopper" },
        attendees: [{}, { dob: "2019-01-31", lunch: ["Mon", "Tue"] }, { dob: "2020-04-02", size: "M" }],
      },
      withheldAnswers: { booking: [], attendees: [[], [], []] },
    });
  });

  it("without sensitive answers, names their questions where they would be", () => {
    expect(presentAnswers(places, rows, { includeSensitive: false })).toEqual({
      answers: { booking: { photos: true }, attendees: [{}, { lunch: ["Mon", "Tue"] }, { size: "M" }] },
      withheldAnswers: { booking: ["collector"], attendees: [[], ["dob"], ["dob"]] },
    });
  });

  it("gives an empty map per place when nothing was answered", () => {
    expect(presentAnswers(places, [], { includeSensitive: false }).answers).toEqual({ booking: {}, attendees: [{}, {}, {}] });
  });
});
