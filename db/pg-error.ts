// PostgreSQL errors as postgres.js reports them, possibly wrapped by Drizzle (as `cause`).
type PgErrorFields = { code?: string; constraint_name?: string };

export function pgErrorOf(err: unknown): { code: string; constraint: string | null } | null {
  const e = err as PgErrorFields & { cause?: PgErrorFields };
  const source = e?.code && /^[0-9A-Z]{5}$/.test(e.code) ? e : e?.cause;
  if (!source?.code) return null;
  return { code: source.code, constraint: source.constraint_name ?? null };
}

export const UNIQUE_VIOLATION = "23505";
export const CHECK_VIOLATION = "23514";
export const FOREIGN_KEY_VIOLATION = "23503";
