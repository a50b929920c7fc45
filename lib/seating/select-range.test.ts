import { describe, expect, it } from "vitest";
import { selectRange } from "./select-range";

const seats = [
  ...["1", "2", "3", "4", "5", "10"].map((n, i) => ({ id: `s-a${n}`, section: "Stalls", row: "A", number: n, sortOrder: i + 1 })),
  ...["1", "2"].map((n, i) => ({ id: `s-b${n}`, section: "Stalls", row: "B", number: n, sortOrder: 10 + i })),
  ...["1", "2"].map((n, i) => ({ id: `c-a${n}`, section: "Dress Circle", row: "A", number: n, sortOrder: 20 + i })),
];
const ids = (r: ReturnType<typeof selectRange>) => ("seats" in r ? r.seats.map((s) => s.id) : r.error);

describe("selectRange", () => {
  it("reads the forms staff write", () => {
    expect(ids(selectRange(seats, "Stalls row A seats 1-4"))).toEqual(["s-a1", "s-a2", "s-a3", "s-a4"]);
    expect(ids(selectRange(seats, "stalls ROW a seat 4 – 2"))).toEqual(["s-a2", "s-a3", "s-a4"]);
    expect(ids(selectRange(seats, "Stalls A 5-10"))).toEqual(["s-a5", "s-a10"]);
    expect(ids(selectRange(seats, "Dress Circle row A"))).toEqual(["c-a1", "c-a2"]);
    expect(ids(selectRange(seats, "B"))).toEqual(["s-b1", "s-b2"]);
    expect(ids(selectRange(seats, "Stalls row B seat 2"))).toEqual(["s-b2"]);
  });

  it("explains what it cannot find", () => {
    expect(ids(selectRange(seats, "A 1-2"))).toBe("Row A is in several sections (Stalls, Dress Circle): name the section first");
    expect(ids(selectRange(seats, "Balcony row A"))).toBe("There is no section “Balcony”");
    expect(ids(selectRange(seats, "Stalls row Q"))).toBe("There is no row Q in Stalls");
    expect(ids(selectRange(seats, "Stalls row A seats 1-11"))).toBe("Row A has no seat 11");
    expect(ids(selectRange(seats, "  "))).toBe("Write a range such as “Stalls row A seats 1-4”");
    expect(ids(selectRange(seats, "Stalls row A seats 1-2-3"))).toBe("Write a range such as “Stalls row A seats 1-4”");
  });
});
