// Seating plans imported from CSV: `section,row,seat,class,x,y,flags`, one seat per line. Every problem is
// reported with its line and column, and a plan with any problem is refused whole. Pure, unit-tested.
import { CsvError, parse } from "csv-parse/sync";
import { CSV_COLUMNS, csvByteLength, inReadingOrder, MAX_CSV_BYTES, MAX_PLAN_SEATS, SEAT_FLAGS, type PlanSeat, type SeatFlag } from "./plan-seats";

const MAX_ERRORS = 20;
const MAX_TEXT = 40;

export type CsvImport = { ok: true; seats: PlanSeat[] } | { ok: false; errors: string[] };

const isFlag = (f: string): f is SeatFlag => (SEAT_FLAGS as readonly string[]).includes(f);

export function parseSeatingCsv(text: string): CsvImport {
  if (csvByteLength(text) > MAX_CSV_BYTES) return { ok: false, errors: ["The CSV is larger than 1 MB: split the venue into several plans"] };
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, { bom: true, info: true, trim: true, skip_empty_lines: true, relax_column_count: true }) as unknown as typeof records;
  } catch (err) {
    if (err instanceof CsvError) {
      const line = (err as CsvError & { lines?: number }).lines;
      return { ok: false, errors: [`${line ? `Line ${line}: ` : ""}${err.message.replace(/^[A-Za-z_]+:\s*/, "")}`] };
    }
    throw err;
  }
  if (records.length === 0) return { ok: false, errors: ["The CSV is empty: it needs the header section,row,seat,class,x,y,flags and one line per seat"] };

  const errors: string[] = [];
  const [{ record: header, info: headerInfo }] = records;
  const names = header.map((h) => h.toLowerCase());
  const columnAt = new Map<string, number>();
  names.forEach((name, i) => {
    if (!(CSV_COLUMNS as readonly string[]).includes(name)) errors.push(`Line ${headerInfo.lines}: unknown column "${header[i]}" (the columns are ${CSV_COLUMNS.join(", ")})`);
    else if (columnAt.has(name)) errors.push(`Line ${headerInfo.lines}: column "${name}" appears twice`);
    else columnAt.set(name, i);
  });
  for (const c of CSV_COLUMNS) if (c !== "flags" && !columnAt.has(c)) errors.push(`Line ${headerInfo.lines}: the header has no "${c}" column`);
  if (errors.length) return { ok: false, errors };
  if (records.length - 1 > MAX_PLAN_SEATS) return { ok: false, errors: [`The CSV has ${records.length - 1} seats; a plan holds at most ${MAX_PLAN_SEATS}`] };

  const seats: Omit<PlanSeat, "sortOrder">[] = [];
  const seen = new Map<string, number>();
  const positions = new Map<string, number>();
  for (const { record, info } of records.slice(1)) {
    const line = info.lines;
    const problems: string[] = [];
    const field = (name: string) => (columnAt.has(name) ? (record[columnAt.get(name)!] ?? "") : "");
    if (record.length > header.length) problems.push(`has ${record.length} fields, the header ${header.length}`);
    const text = (name: string) => {
      const v = field(name);
      if (!v) problems.push(`${name} is required`);
      else if (v.length > MAX_TEXT) problems.push(`${name} must be at most ${MAX_TEXT} characters`);
      return v;
    };
    const number = (name: string) => {
      const v = field(name);
      if (!v) { problems.push(`${name} is required`); return 0; }
      const n = Number(v);
      if (!/^-?\d+(\.\d+)?$/.test(v) || !Number.isFinite(n)) { problems.push(`${name} must be a number, not "${v}"`); return 0; }
      return n;
    };
    const section = text("section");
    const row = text("row");
    const seat = text("seat");
    const seatClass = text("class");
    const x = number("x");
    const y = number("y");
    const flags: SeatFlag[] = [];
    for (const raw of field("flags").split(/[|;]/).map((f) => f.trim().toLowerCase()).filter(Boolean)) {
      if (!isFlag(raw)) problems.push(`unknown flag "${raw}" (use ${SEAT_FLAGS.join(", ")})`);
      else if (!flags.includes(raw)) flags.push(raw);
    }
    if (section && row && seat) {
      const key = `${section}\u0000${row}\u0000${seat}`;
      if (seen.has(key)) problems.push(`seat ${section} ${row} ${seat} is also on line ${seen.get(key)}`);
      else seen.set(key, line);
    }
    if (!problems.some((p) => p.startsWith("x ") || p.startsWith("y "))) {
      const at = `${x},${y}`;
      if (positions.has(at)) problems.push(`position x=${x}, y=${y} is also used on line ${positions.get(at)}`);
      else positions.set(at, line);
    }
    for (const p of problems) errors.push(`Line ${line}: ${p}`);
    if (problems.length === 0) seats.push({ section, row, number: seat, seatClass, x, y, flags });
  }
  if (records.length === 1) errors.push("The CSV has a header but no seats");
  if (errors.length) {
    const shown = errors.slice(0, MAX_ERRORS);
    if (errors.length > MAX_ERRORS) shown.push(`…and ${errors.length - MAX_ERRORS} more problems`);
    return { ok: false, errors: shown };
  }
  return { ok: true, seats: inReadingOrder(seats) };
}
