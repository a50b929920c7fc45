// Members imported from CSV: header email,name,level,number,valid_from,valid_until. Any bad line refuses the
// whole file, and every problem names its line. Pure; the import itself is lib/members/admin.ts.
import { CsvError, parse } from "csv-parse/sync";
import { memberSchema, type MemberValues } from "@/lib/validations/members";

export const MEMBER_CSV_COLUMNS = ["email", "name", "level", "number", "valid_from", "valid_until"] as const;
const MAX_ROWS = 10_000;
const MAX_ERRORS = 20;

export type MemberCsvRow = MemberValues & { line: number };
export type MemberCsvImport = { ok: true; rows: MemberCsvRow[] } | { ok: false; errors: string[] };

export function parseMembersCsv(text: string): MemberCsvImport {
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
  if (records.length === 0) return { ok: false, errors: [`The CSV is empty: it needs the header ${MEMBER_CSV_COLUMNS.join(",")}`] };
  const [{ record: header, info: headerInfo }, ...lines] = records;
  const names = header.map((h) => h.toLowerCase());
  if (names.join(",") !== MEMBER_CSV_COLUMNS.join(","))
    return { ok: false, errors: [`Line ${headerInfo.lines}: the header must be ${MEMBER_CSV_COLUMNS.join(",")}`] };
  if (lines.length === 0) return { ok: false, errors: ["The CSV has a header but no members"] };
  if (lines.length > MAX_ROWS) return { ok: false, errors: [`The CSV has ${lines.length} members; import at most ${MAX_ROWS} at a time`] };

  const errors: string[] = [];
  const rows: MemberCsvRow[] = [];
  const emails = new Map<string, number>();
  const numbers = new Map<string, number>();
  for (const { record, info } of lines) {
    const line = info.lines;
    if (record.length !== MEMBER_CSV_COLUMNS.length) {
      errors.push(`Line ${line}: has ${record.length} fields, the header ${MEMBER_CSV_COLUMNS.length}`);
      continue;
    }
    const [email, name, level, number, validFrom, validUntil] = record;
    const parsed = memberSchema.safeParse({ email, name, level: level.toLowerCase(), number, validFrom, validUntil });
    if (!parsed.success) {
      errors.push(`Line ${line}: ${parsed.error.issues.map((i) => i.message).join("; ")}`);
    } else {
      const v = parsed.data;
      if (emails.has(v.email)) errors.push(`Line ${line}: ${v.email} is also on line ${emails.get(v.email)}`);
      else if (numbers.has(v.number)) errors.push(`Line ${line}: member number ${v.number} is also on line ${numbers.get(v.number)}`);
      else {
        emails.set(v.email, line);
        numbers.set(v.number, line);
        rows.push({ ...v, line });
      }
    }
    if (errors.length >= MAX_ERRORS) break;
  }
  return errors.length ? { ok: false, errors } : { ok: true, rows };
}
