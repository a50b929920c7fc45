import { describe, expect, it } from "vitest";
import { parseMembersCsv } from "./csv";

const header = "email,name,level,number,valid_from,valid_until";

describe("parseMembersCsv", () => {
  it("reads good lines, lower-casing emails and levels", () => {
    const r = parseMembersCsv(`${header}\nAna@Example.com,Ana,Gold,M-001,2026-01-01,2027-01-01\nbo@example.com,,silver,M-002,2026-02-01,\n`);
    expect(r).toEqual({ ok: true, rows: [
      { line: 2, email: "ana@example.com", name: "Ana", level: "gold", number: "M-001", validFrom: "2026-01-01", validUntil: "2027-01-01" },
      { line: 3, email: "bo@example.com", name: undefined, level: "silver", number: "M-002", validFrom: "2026-02-01", validUntil: undefined },
    ] });
  });

  it("refuses the whole file for one bad line, naming it", () => {
    const r = parseMembersCsv(`${header}\nana@example.com,Ana,gold,M-001,2026-01-01,\nnot-an-email,Bo,bronze,M-002,2026-13-01,\n`);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toMatch(/^Line 3: /);
    expect(r.errors[0]).toContain("valid email");
    expect(r.errors[0]).toContain("silver, gold or platinum");
  });

  it("refuses duplicates inside the file, a wrong header, a short line and an end before the start", () => {
    const dup = parseMembersCsv(`${header}\na@example.com,,gold,M-1,2026-01-01,\nA@example.com,,gold,M-2,2026-01-01,\n`);
    expect(dup).toEqual({ ok: false, errors: ["Line 3: a@example.com is also on line 2"] });
    expect(parseMembersCsv("email,level\na@example.com,gold\n")).toEqual({ ok: false, errors: [`Line 1: the header must be ${header}`] });
    expect(parseMembersCsv(`${header}\na@example.com,gold\n`)).toEqual({ ok: false, errors: ["Line 2: has 2 fields, the header 6"] });
    const window = parseMembersCsv(`${header}\na@example.com,,gold,M-1,2026-05-01,2026-04-01\n`);
    expect(window).toEqual({ ok: false, errors: ["Line 2: Valid until must be after valid from"] });
    expect(parseMembersCsv("")).toMatchObject({ ok: false });
  });
});
