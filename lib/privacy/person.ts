// A person, as staff look them up for a data request: everything held under one email address.
import { createHash } from "node:crypto";

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** How an erased person's address is remembered: a hash, never the address. */
export function emailHash(email: string): string {
  return createHash("sha256").update(normaliseEmail(email)).digest("hex");
}

export function tombstoneName(number: number): string {
  return `Erased person #${number}`;
}

export function tombstoneEmail(number: number): string {
  return `erased-${number}@erased.invalid`;
}
