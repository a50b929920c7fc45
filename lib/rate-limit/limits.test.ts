import { describe, expect, it } from "vitest";
import { rateLimitedError, rateLimitHeaders, tightest, type LimitVerdict } from "./limits";

const v = (name: string, allowed: boolean, limit: number, remaining: number, resetSeconds: number): LimitVerdict =>
  ({ name, allowed, limit, remaining, resetSeconds });

describe("rate limit verdicts", () => {
  it("report a refusal first (the longest wait), else the limit closest to running out", () => {
    expect(tightest([v("ip", true, 100, 90, 30), v("key", true, 10, 2, 50)]).name).toBe("key");
    expect(tightest([v("ip", false, 100, 0, 30), v("email", false, 5, 0, 400), v("key", true, 10, 1, 5)]).name).toBe("email");
  });

  it("report the limit with the fewest requests left, not the larger share used", () => {
    // The address has used 80 % of its 20 but has 4 left; the email has 3 of 5 left and is refused first.
    const verdict = tightest([v("hold-ip", true, 20, 4, 600), v("hold-email", true, 5, 3, 600)]);
    expect(verdict.name).toBe("hold-email");
    expect(rateLimitHeaders(verdict)).toMatchObject({ "RateLimit-Limit": "5", "RateLimit-Remaining": "3" });
    expect(tightest([v("api-key", true, 1000, 50, 60), v("api-ip", true, 100, 49, 60)]).name).toBe("api-ip");
    // As many left on both: the one that resets last, so a client waiting on Reset is not refused after it.
    expect(tightest([v("ip", true, 100, 3, 20), v("email", true, 5, 3, 300)]).name).toBe("email");
  });

  it("carry the RateLimit headers, and Retry-After only when refused", () => {
    expect(rateLimitHeaders(v("ip", true, 100, 99, 60))).toEqual({ "RateLimit-Limit": "100", "RateLimit-Remaining": "99", "RateLimit-Reset": "60" });
    expect(rateLimitHeaders(v("ip", false, 100, 0, 12))).toMatchObject({ "Retry-After": "12", "RateLimit-Remaining": "0" });
  });

  it("become a 429 error with those headers", () => {
    const err = rateLimitedError(v("hold-email", false, 5, 0, 90));
    expect(err.status).toBe(429);
    expect(err.code).toBe("rate_limited");
    expect(err.headers["Retry-After"]).toBe("90");
    expect(err.details).toEqual({ retryAfter: 90, limit: "hold-email" });
  });
});
