import { describe, expect, it } from "vitest";
import { bookingAccessToken, bookingReference, verifyBookingAccessToken } from "./reference";

const bookingId = "5b0f7a1e-3c2d-4e5f-8a9b-0c1d2e3f4a5b";

describe("bookingReference", () => {
  it("looks like TRN-XXXX-XXXX with no easily misread letters", () => {
    for (let i = 0; i < 200; i++) expect(bookingReference()).toMatch(/^TRN-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
  });
});

describe("booking access token", () => {
  it("is stable for a booking and differs between bookings", () => {
    expect(bookingAccessToken(bookingId)).toBe(bookingAccessToken(bookingId));
    expect(bookingAccessToken(bookingId)).not.toBe(bookingAccessToken("5b0f7a1e-3c2d-4e5f-8a9b-0c1d2e3f4a5c"));
    expect(bookingAccessToken(bookingId)).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it("verifies the booking's own token", () => {
    expect(verifyBookingAccessToken(bookingId, bookingAccessToken(bookingId))).toBe(true);
  });

  it("rejects another booking's token, a tampered token, and a missing one", () => {
    const other = bookingAccessToken("5b0f7a1e-3c2d-4e5f-8a9b-0c1d2e3f4a5c");
    const token = bookingAccessToken(bookingId);
    const tampered = (token[0] === "A" ? "B" : "A") + token.slice(1);
    expect(verifyBookingAccessToken(bookingId, other)).toBe(false);
    expect(verifyBookingAccessToken(bookingId, tampered)).toBe(false);
    expect(verifyBookingAccessToken(bookingId, token.slice(0, -1))).toBe(false);
    expect(verifyBookingAccessToken(bookingId, "")).toBe(false);
    expect(verifyBookingAccessToken(bookingId, null)).toBe(false);
    expect(verifyBookingAccessToken(bookingId, undefined)).toBe(false);
  });
});
