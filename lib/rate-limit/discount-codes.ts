// Guessing discount codes must be slow. Each request that names a code is counted per client IP and per
// booking email before the code is looked up, and the count is given back unless the code was refused: only
// failed lookups use up the allowance, so customers with a good code (or none) are never held back. Counting
// first means concurrent guesses cannot all slip past the limit together. Past the limit nothing is looked up
// and nothing is written: a 429 with Retry-After (the wizard shows its message at the code field).
//
// A code is a guess once: the same code refused again to the same client within the window (the wizard prices
// the booking again while a refused code is still in its field, a customer presses Apply twice, the presale
// and the price check both look at it) is looked up without counting, since asking again reveals nothing new.
import type { DbOrTx } from "@/db";
import { normalizeCode } from "@/lib/discounts/code-rules";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { log } from "@/lib/log";
import { giveBack, hitLimit, rateLimitedError, tightest, type LimitRule } from "./limits";

/** Whether an error is a refusal of the code itself (unknown, expired, used up, not for this booking...). */
function codeRefused(err: unknown): boolean {
  return err instanceof AppError && typeof (err.details.fields as Record<string, unknown> | undefined)?.discountCode === "string";
}

export async function withCodeGuessLimit<T>(db: DbOrTx, p: { ip: string; email?: string | null; code?: string | null }, lookup: () => Promise<T>): Promise<T> {
  if (!p.code?.trim()) return lookup();
  const e = env();
  const durationSeconds = e.CODE_GUESS_WINDOW_MINUTES * 60;
  const counted: { rule: LimitRule; key: string }[] = [
    { rule: { name: "code-guess-ip", points: e.CODE_GUESS_LIMIT_PER_IP, durationSeconds }, key: p.ip },
    ...(p.email?.trim() ? [{ rule: { name: "code-guess-email", points: e.CODE_GUESS_LIMIT_PER_EMAIL, durationSeconds }, key: p.email.trim().toLowerCase() }] : []),
  ];
  // One point per client and code: already spent means this code was refused to this client (or is being
  // looked up for it right now) within the window.
  const seen = { rule: { name: "code-guess-repeat", points: 1, durationSeconds }, key: `${p.ip}|${normalizeCode(p.code)}` };
  if (!(await hitLimit(db, seen.rule, seen.key)).allowed) return lookup();
  const verdicts = await Promise.all(counted.map((c) => hitLimit(db, c.rule, c.key)));
  const giveAllBack = () => Promise.all([...counted, seen].map((c) => giveBack(db, c.rule, c.key)))
    .catch((err) => log.error({ err }, "could not give back a discount code lookup"));

  if (verdicts.some((v) => !v.allowed)) {
    // Nothing was looked up: the counts stay at the failures that used them up.
    await giveAllBack();
    const verdict = tightest(verdicts);
    const minutes = Math.ceil(verdict.resetSeconds / 60);
    const message = `Too many discount codes were tried. Please try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`;
    const err = rateLimitedError(verdict, message);
    (err.details as Record<string, unknown>).fields = { discountCode: message };
    throw err;
  }
  try {
    const result = await lookup();
    await giveAllBack();
    return result;
  } catch (err) {
    if (!codeRefused(err)) await giveAllBack();
    throw err;
  }
}
