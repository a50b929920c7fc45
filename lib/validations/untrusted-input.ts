// Checks on untrusted input before any schema sees it. PostgreSQL text cannot hold the NUL character
// (U+0000): a string with one would fail at the database as a 500, so it is refused here as a field error.

const MAX_DEPTH = 32;

/** Field errors for every string (or key) holding U+0000, and for nesting deeper than any form has; null when clean. */
export function untrustedInputErrors(value: unknown): Record<string, string> | null {
  const fields: Record<string, string> = {};
  const walk = (v: unknown, path: string[], depth: number) => {
    if (Object.keys(fields).length >= 20) return;
    if (typeof v === "string") {
      if (v.includes("\u0000")) fields[path.join(".") || "_root"] = "Must not contain the NUL character";
      return;
    }
    if (v === null || typeof v !== "object") return;
    if (depth > MAX_DEPTH) {
      fields[path.join(".") || "_root"] = "Nested too deeply";
      return;
    }
    for (const [k, child] of Object.entries(v)) {
      if (k.includes("\u0000")) fields[[...path, k.replaceAll("\u0000", "")].join(".")] = "Must not contain the NUL character";
      else walk(child, [...path, k], depth + 1);
    }
  };
  walk(value, [], 0);
  return Object.keys(fields).length ? fields : null;
}

/** A short identifier passed as a server action argument (a reference, a token, a checkout id). */
export function isShortText(v: unknown, max = 200): v is string {
  return typeof v === "string" && v.length >= 1 && v.length <= max && !v.includes("\u0000");
}
