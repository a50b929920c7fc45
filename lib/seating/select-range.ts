// "Stalls row A seats 1-4": picks seats by the words staff already use, for blocking them in bulk. Pure, unit-tested.

export type RangeSeat = { id: string; section: string; row: string; number: string; sortOrder: number };

const same = (a: string, b: string) => a.localeCompare(b, "en", { sensitivity: "base" }) === 0;

/** Splits the text into section, row and seat range words. */
function readRange(text: string): { section?: string; row: string; from?: string; to?: string } | null {
  const words = text.trim().replace(/\s*[-–]\s*/g, "-").split(/\s+/).filter((w) => !/^seats?$/i.test(w));
  if (words.length === 0 || !words[0]) return null;
  const rowAt = words.findIndex((w) => /^row$/i.test(w));
  let section: string | undefined;
  let row: string;
  let range: string | undefined;
  if (rowAt >= 0) {
    section = words.slice(0, rowAt).join(" ") || undefined;
    row = words[rowAt + 1];
    range = words[rowAt + 2];
    if (!row || words.length > rowAt + 3) return null;
  } else if (words.length === 1) {
    row = words[0];
  } else {
    range = words.at(-1);
    row = words.at(-2)!;
    section = words.slice(0, -2).join(" ") || undefined;
  }
  if (!range) return { section, row };
  const [from, to, extra] = range.split("-");
  if (!from || extra !== undefined || to === "") return null;
  return { section, row, from, to: to ?? from };
}

/**
 * Reads "[section] row R [seat(s)] N[-M]": "Stalls row A seats 1-4", "A 1-4", "Stalls row A" (the whole row).
 * Seats from N to M in the row's reading order are chosen. Case does not matter.
 */
export function selectRange<T extends RangeSeat>(seats: T[], text: string): { seats: T[] } | { error: string } {
  const r = readRange(text);
  if (!r) return { error: "Write a range such as “Stalls row A seats 1-4”" };
  if (r.section && !seats.some((s) => same(s.section, r.section!))) return { error: `There is no section “${r.section}”` };
  const inRow = seats.filter((s) => same(s.row, r.row) && (!r.section || same(s.section, r.section)))
    .sort((a, b) => a.sortOrder - b.sortOrder);
  if (inRow.length === 0) return { error: `There is no row ${r.row}${r.section ? ` in ${r.section}` : ""}` };
  const sections = [...new Set(inRow.map((s) => s.section))];
  if (sections.length > 1) return { error: `Row ${r.row} is in several sections (${sections.join(", ")}): name the section first` };
  if (!r.from) return { seats: inRow };
  const first = inRow.findIndex((s) => same(s.number, r.from!));
  const last = inRow.findIndex((s) => same(s.number, r.to!));
  if (first < 0) return { error: `Row ${r.row} has no seat ${r.from}` };
  if (last < 0) return { error: `Row ${r.row} has no seat ${r.to}` };
  return { seats: inRow.slice(Math.min(first, last), Math.max(first, last) + 1) };
}
