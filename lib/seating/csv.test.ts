import { describe, expect, it } from "vitest";
import { parseSeatingCsv } from "./csv";
import { MAX_CSV_BYTES } from "./plan-seats";

const HEADER = "section,row,seat,class,x,y,flags";

describe("parseSeatingCsv", () => {
  it("reads seats, splits flags on | or ; and numbers them in reading order", () => {
    const result = parseSeatingCsv([
      HEADER,
      "Stalls,B,2,Standard,2,2,",
      "Stalls,A,10,VIP,10,1,wheelchair|companion",
      "Stalls,A,2,VIP,2,1,restricted_view; companion",
      "Circle,A,1,Standard,1,5,",
    ].join("\n"));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.seats.map((s) => `${s.section} ${s.row}${s.number} #${s.sortOrder}`))
      .toEqual(["Stalls A2 #1", "Stalls A10 #2", "Stalls B2 #3", "Circle A1 #4"]);
    expect(result.seats[1]).toMatchObject({ seatClass: "VIP", x: 10, y: 1, flags: ["wheelchair", "companion"] });
    expect(result.seats[0].flags).toEqual(["restricted_view", "companion"]);
  });

  it("accepts quoted fields, a byte-order mark, upper-case headers in any order and no flags column", () => {
    const result = parseSeatingCsv(`\uFEFFROW,Section,seat,class,y,x\nA,"Dress Circle, left",1,Standard,1,1\n`);
    expect(result).toMatchObject({ ok: true, seats: [{ section: "Dress Circle, left", row: "A", number: "1", flags: [] }] });
  });

  it("names the line and the column of every problem", () => {
    const result = parseSeatingCsv([
      HEADER,
      "Stalls,A,1,Standard,1,1,",
      "Stalls,A,,Standard,2,1,",
      "Stalls,A,3,Standard,three,1,",
      "Stalls,A,4,Standard,4,1,vip",
      "Stalls,A,1,Standard,5,1,",
      "Stalls,A,6,Standard,1,1,",
    ].join("\n"));
    expect(result).toEqual({ ok: false, errors: [
      "Line 3: seat is required",
      'Line 4: x must be a number, not "three"',
      'Line 5: unknown flag "vip" (use wheelchair, companion, restricted_view)',
      "Line 6: seat Stalls A 1 is also on line 2",
      "Line 7: position x=1, y=1 is also used on line 2",
    ] });
  });

  it("refuses a wrong header, an empty file, a header alone and unclosed quotes", () => {
    expect(parseSeatingCsv("section,row,seat,klass,x,y\n")).toEqual({ ok: false, errors: [
      'Line 1: unknown column "klass" (the columns are section, row, seat, class, x, y, flags)',
      'Line 1: the header has no "class" column',
    ] });
    expect(parseSeatingCsv("")).toMatchObject({ ok: false, errors: [expect.stringContaining("The CSV is empty")] });
    expect(parseSeatingCsv(`${HEADER}\n`)).toEqual({ ok: false, errors: ["The CSV has a header but no seats"] });
    const quoted = parseSeatingCsv(`${HEADER}\nStalls,A,"1,Standard,1,1,\n`);
    expect(quoted.ok).toBe(false);
    if (!quoted.ok) expect(quoted.errors[0]).toMatch(/^Line \d+: /);
  });

  it("refuses more than 1 MB", () => {
    const big = `${HEADER}\n${"x".repeat(MAX_CSV_BYTES)}`;
    expect(parseSeatingCsv(big)).toEqual({ ok: false, errors: ["The CSV is larger than 1 MB: split the venue into several plans"] });
  });

  it("reports extra fields on a line", () => {
    expect(parseSeatingCsv(`${HEADER}\nStalls,A,1,Standard,1,1,,extra\n`))
      .toEqual({ ok: false, errors: ["Line 2: has 8 fields, the header 7"] });
  });
});
