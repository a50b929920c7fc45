// Text keys that come from URLs (booking references, document numbers). One that is far longer than any
// real key, or holds U+0000 (which PostgreSQL text cannot carry, so the query itself would fail), can
// match nothing: lookups answer "not found" without asking the database.
export function isLookupKey(value: unknown): value is string {
  return typeof value === "string" && value.length > 0 && value.length <= 64 && !value.includes("\u0000");
}
