// The admin form of a course's or ticket type's member offers: a member price per level, and a members-only
// presale window (optionally for chosen levels). Amounts are typed in the course's currency.
import { z } from "zod";
import { localDateTime, moneyText, parseMoney } from "./catalog";

export const MEMBER_LEVELS = ["silver", "gold", "platinum"] as const;

const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

export const memberOffersFormSchema = z.object({
  target: z.enum(["course", "ticket_type"]),
  id: z.uuid("Choose a course or ticket type"),
  prices: z.object({ silver: moneyText, gold: moneyText, platinum: moneyText }),
  presaleFrom: z.preprocess(blankToUndefined, localDateTime("Presale start").optional()),
  presaleUntil: z.preprocess(blankToUndefined, localDateTime("Presale end").optional()),
  presaleLevels: z.array(z.enum(MEMBER_LEVELS)).max(3),
});

export type MemberOffersFormInput = z.input<typeof memberOffersFormSchema>;
export type MemberOffersFormValues = z.output<typeof memberOffersFormSchema>;

/**
 * The form's values checked against the target's list price and currency: each member price below the list
 * price (a member price only lowers a price), the presale's start and end both given and in order.
 */
export function checkMemberOffers(v: MemberOffersFormValues, p: { currency: string; listAmount: number }) {
  const fields: Record<string, string> = {};
  const prices: { level: (typeof MEMBER_LEVELS)[number]; unitAmount: number }[] = [];
  for (const level of MEMBER_LEVELS) {
    const typed = v.prices[level];
    if (typed === "") continue;
    const amount = typed.startsWith("-") ? null : parseMoney(typed, p.currency);
    if (amount === null) fields[`prices.${level}`] = "Enter a price such as 85 or 85.00, or leave it empty";
    else if (amount >= p.listAmount) fields[`prices.${level}`] = "A member price must be below the list price";
    else prices.push({ level, unitAmount: amount });
  }
  if (Boolean(v.presaleFrom) !== Boolean(v.presaleUntil))
    fields[v.presaleFrom ? "presaleUntil" : "presaleFrom"] = "Give both the start and the end of the presale, or neither";
  else if (v.presaleFrom && v.presaleUntil && v.presaleFrom >= v.presaleUntil) fields.presaleUntil = "The presale must end after it starts";
  return { fields, prices };
}
