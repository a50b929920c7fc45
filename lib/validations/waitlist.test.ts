import { describe, expect, it } from "vitest";
import { placesHint, waitlistJoinSchema, waitlistJoinSchemaUpTo } from "./waitlist";

const SESSION = "2f1c9a4e-8b7d-4c3a-9e2f-1a2b3c4d5e6f";
const request = (places: string) => ({ sessionId: SESSION, email: "wait@example.com", places });
const placesError = (r: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  r.error?.issues.find((i) => i.path[0] === "places")?.message;

describe("the waiting list's places", () => {
  it("the form's schema takes up to the session's most, and its message says the same range as the hint", () => {
    const form = waitlistJoinSchemaUpTo(4);
    expect(form.safeParse(request("4")).success).toBe(true);
    expect(placesHint(4)).toBe("From 1 to 4");
    for (const places of ["5", "0", "two", ""]) expect(placesError(form.safeParse(request(places)))).toBe("Enter a number of places from 1 to 4");
  });

  it("one place: the hint and the message in the singular", () => {
    expect(placesHint(1)).toBe("Only 1 place: this session has no more");
    expect(placesError(waitlistJoinSchemaUpTo(1).safeParse(request("2")))).toBe("Enter 1: this session has only 1 place");
  });

  it("the server's schema takes up to 12; the session's own limit is checked where the session is read", () => {
    expect(waitlistJoinSchema.safeParse(request("12")).success).toBe(true);
    expect(placesError(waitlistJoinSchema.safeParse(request("13")))).toBe("Enter a number of places from 1 to 12");
  });
});
