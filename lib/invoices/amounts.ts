// The numbers on invoices and credit notes, in integer minor units. Pure functions, unit-tested.
//
// Rounding rule: tax is computed once per document, on the sum of its lines, and rounded half up to the
// minor unit (HMRC accepts invoice-level rounding; it keeps subtotal + tax = total exact). With prices that
// include tax the tax is taken out of the gross sum (net = round(gross / (1 + rate)), tax = gross - net), so
// the total is exactly what the customer paid; with prices that exclude it, tax = round(net * rate) is added.

export const BASIS_POINTS = 10_000;

/** Integer division rounding half up, for non-negative numerator and positive denominator. */
export function divideRoundHalfUp(numerator: number, denominator: number): number {
  if (!Number.isSafeInteger(numerator) || !Number.isSafeInteger(denominator) || denominator <= 0 || numerator < 0)
    throw new RangeError("divideRoundHalfUp takes a non-negative safe integer over a positive one");
  return Math.floor((2 * numerator + denominator) / (2 * denominator));
}

function assertMinor(name: string, n: number) {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`${name} must be a non-negative integer number of minor units`);
}

function assertRate(rateBasisPoints: number) {
  if (!Number.isInteger(rateBasisPoints) || rateBasisPoints < 0 || rateBasisPoints > BASIS_POINTS)
    throw new RangeError("the tax rate must be whole basis points between 0 and 10000");
}

export type TaxSplit = { subtotal: number; tax: number; total: number };

/** Splits an amount that includes tax into its net part and the tax in it. */
export function taxFromGross(gross: number, rateBasisPoints: number): TaxSplit {
  assertMinor("gross", gross);
  assertRate(rateBasisPoints);
  const subtotal = divideRoundHalfUp(gross * BASIS_POINTS, BASIS_POINTS + rateBasisPoints);
  return { subtotal, tax: gross - subtotal, total: gross };
}

/** Adds tax on top of a net amount. */
export function taxOnNet(net: number, rateBasisPoints: number): TaxSplit {
  assertMinor("net", net);
  assertRate(rateBasisPoints);
  const tax = divideRoundHalfUp(net * rateBasisPoints, BASIS_POINTS);
  return { subtotal: net, tax, total: net + tax };
}

/** A discount line carries a negative unit amount; tax is then worked out on the discounted sum. */
export type PricedLine = { quantity: number; unitAmount: number; discount?: boolean };

export function lineAmount(line: PricedLine): number {
  if (!Number.isInteger(line.quantity) || line.quantity < 1) throw new RangeError("a line's quantity must be a positive integer");
  if (line.discount) assertMinor("a discount", -line.unitAmount);
  else assertMinor("unitAmount", line.unitAmount);
  return line.quantity * line.unitAmount;
}

/** Subtotal, tax and total of a document's lines (see the rounding rule above), discounts taken off first. */
export function documentTotals(lines: PricedLine[], rateBasisPoints: number, pricesIncludeTax: boolean): TaxSplit {
  const sum = lines.reduce((acc, l) => acc + lineAmount(l), 0);
  if (sum < 0) throw new RangeError("discounts cannot exceed the lines they are taken off");
  return pricesIncludeTax ? taxFromGross(sum, rateBasisPoints) : taxOnNet(sum, rateBasisPoints);
}

/** The tax rate for people: 2000 → "20%", 1250 → "12.5%". */
export function formatTaxRate(rateBasisPoints: number): string {
  assertRate(rateBasisPoints);
  return `${(rateBasisPoints / 100).toFixed(2).replace(/\.?0+$/, "")}%`;
}

/** Minor units as a plain decimal for accounting exports: 12345 GBP → "123.45", -500 JPY → "-500". */
export function decimalAmount(amount: number, fractionDigits: number): string {
  if (!Number.isSafeInteger(amount)) throw new RangeError("amount must be an integer number of minor units");
  const sign = amount < 0 ? "-" : "";
  const abs = Math.abs(amount);
  if (fractionDigits === 0) return `${sign}${abs}`;
  const scale = 10 ** fractionDigits;
  return `${sign}${Math.floor(abs / scale)}.${String(abs % scale).padStart(fractionDigits, "0")}`;
}
