// Gapless document numbers: INV-2026-00001, CN-2026-00001.
import { sql } from "drizzle-orm";
import type { Tx } from "@/db";
import { reusable, value } from "@/db/reusable";
import { documentCounters } from "@/db/schema";
import { dateTimeFormat } from "@/lib/intl";

export type DocumentKind = "invoice" | "credit_note";

const prefix: Record<DocumentKind, string> = { invoice: "INV", credit_note: "CN" };

export function formatDocumentNumber(kind: DocumentKind, year: number, sequence: number): string {
  if (!Number.isInteger(sequence) || sequence < 1 || sequence > 99_999) throw new RangeError(`document sequence out of range: ${sequence}`);
  return `${prefix[kind]}-${year}-${String(sequence).padStart(5, "0")}`;
}

/** The calendar year of `instant` where the seller is. */
export function documentYear(instant: Date, timeZone: string): number {
  return Number(dateTimeFormat("en-US", { timeZone, year: "numeric" }).format(instant));
}

// Every invoice and credit note takes one, built once (db/reusable.ts).
const takeNumber = reusable("take-document-number", (tx) => tx.insert(documentCounters)
  .values({ kind: value("kind"), year: value("year"), lastNumber: 1 })
  .onConflictDoUpdate({
    target: [documentCounters.kind, documentCounters.year],
    set: { lastNumber: sql`${documentCounters.lastNumber} + 1` },
  })
  .returning({ sequence: documentCounters.lastNumber }));

/**
 * Takes the next number of the year. The upsert row-locks the counter until the caller's transaction
 * ends: concurrent issuers queue behind it, and a rollback gives the number back, so numbers never skip or
 * repeat (a sequence would skip on rollback). Call it as late as possible in the transaction: the lock is
 * held until commit.
 */
export async function nextDocumentNumber(tx: Tx, kind: DocumentKind, year: number) {
  const [row] = await takeNumber(tx, { kind, year });
  return { year, sequence: row.sequence, number: formatDocumentNumber(kind, year, row.sequence) };
}
