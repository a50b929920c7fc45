import { describe, expect, it } from "vitest";
import { routeLabel } from "./route-label";

describe("routeLabel", () => {
  it("replaces ids, references and numbers by placeholders", () => {
    expect(routeLabel("/api/v1/bookings/TRN-AB12-CD34", 200)).toBe("/api/v1/bookings/:reference");
    expect(routeLabel("/api/v1/sessions/6f1c2b9e-1d2a-4c3b-9e8f-0a1b2c3d4e5f/seats?x=1", 200)).toBe("/api/v1/sessions/:id/seats");
    expect(routeLabel("/admin/finance/documents/INV-2026-000123", 200)).toBe("/admin/finance/documents/:key");
    expect(routeLabel("/courses/first-aid", 200)).toBe("/courses/first-aid");
    expect(routeLabel("/", 200)).toBe("/");
  });

  it("folds static files and unknown paths into one label each", () => {
    expect(routeLabel("/_next/static/chunks/abc123.js", 200)).toBe("/_next/*");
    expect(routeLabel("/no/such/page/9999", 404)).toBe("unmatched");
  });
});
