// Shared Intl formatters. Building an Intl.DateTimeFormat or Intl.NumberFormat costs tens of microseconds
// and leaves garbage behind, while formatting with an existing one is cheap: each formatter is built once per
// (locale, options) (the time zone is one of the options) and reused by every caller.

const MAX_ENTRIES = 1_000;

function memo<F>(build: (locale: string, options: object) => F) {
  const cache = new Map<string, F>();
  return (locale: string, options: object): F => {
    // Options are short literals written at each call site, so their key order is stable.
    const key = `${locale}\u0000${JSON.stringify(options)}`;
    let formatter = cache.get(key);
    if (!formatter) {
      formatter = build(locale, options);
      // Locales and zones come from configuration and venues, so the set is small; the bound only guards
      // against an unexpected source of distinct keys.
      if (cache.size >= MAX_ENTRIES) cache.clear();
      cache.set(key, formatter);
    }
    return formatter;
  };
}

export const dateTimeFormat: (locale: string, options: Intl.DateTimeFormatOptions) => Intl.DateTimeFormat =
  memo((locale, options) => new Intl.DateTimeFormat(locale, options));

export const numberFormat: (locale: string, options: Intl.NumberFormatOptions) => Intl.NumberFormat =
  memo((locale, options) => new Intl.NumberFormat(locale, options));

/** Named parts of `instant` in the formatter's zone, e.g. `{ year: "2026", month: "03", ... }`. */
export function dateParts(formatter: Intl.DateTimeFormat, instant: Date): Record<string, string> {
  const parts: Record<string, string> = {};
  for (const p of formatter.formatToParts(instant)) parts[p.type] = p.value;
  return parts;
}
