import { describe, expect, it } from "vitest";
import { safeCallbackPath } from "@/lib/validations/auth";
import { normaliseSignInEmail } from "./sign-in-limits";

describe("normaliseSignInEmail", () => {
  it("matches next-auth's normalisation, so case and spacing do not dodge the limit", () => {
    expect(normaliseSignInEmail("  Ada@Example.COM ")).toBe("ada@example.com");
    expect(normaliseSignInEmail("a@b.com,c@d.com")).toBe("a@b.com");
    // next-auth folds compatibility characters (NFKC) before it sends: full-width letters reach the same inbox.
    expect(normaliseSignInEmail("\uFF41da@example.com")).toBe("ada@example.com");
    expect(normaliseSignInEmail("ada@ｅxample.com")).toBe("ada@example.com");
  });
});

describe("safeCallbackPath", () => {
  it("keeps paths on this site only", () => {
    expect(safeCallbackPath("/admin/requirements?x=1")).toBe("/admin/requirements?x=1");
    expect(safeCallbackPath("https://evil.example")).toBe("/admin");
    expect(safeCallbackPath("//evil.example")).toBe("/admin");
    expect(safeCallbackPath("/\\evil.example")).toBe("/admin");
    expect(safeCallbackPath(undefined)).toBe("/admin");
    // Browsers drop tabs and line breaks from a URL: "/\t/evil.example" would become "//evil.example".
    expect(safeCallbackPath("/\t/evil.example")).toBe("/admin");
    expect(safeCallbackPath("/\n/evil.example")).toBe("/admin");
    expect(safeCallbackPath("/\r\\evil.example")).toBe("/admin");
    expect(safeCallbackPath("/\t\\evil.example")).toBe("/admin");
  });
});
