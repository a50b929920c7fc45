// The customer session cookie for "my bookings": httpOnly, SameSite=Lax, Secure under https; separate from the
// staff (next-auth) cookie. It holds a random token whose hash is the customer_sessions row.
import { cookies } from "next/headers";
import { getDb } from "@/db";
import { env } from "@/lib/env";
import { customerForSessionToken, type Customer } from "./sign-in";

export function customerCookieName(): string {
  return env().APP_URL.startsWith("https://") ? "__Host-turnout-customer" : "turnout-customer";
}

export async function setCustomerCookie(token: string, expiresAt: Date) {
  (await cookies()).set(customerCookieName(), token, {
    httpOnly: true, sameSite: "lax", secure: env().APP_URL.startsWith("https://"), path: "/", expires: expiresAt,
  });
}

export async function customerCookieToken(): Promise<string | null> {
  return (await cookies()).get(customerCookieName())?.value ?? null;
}

export async function clearCustomerCookie() {
  (await cookies()).delete(customerCookieName());
}

/** The customer signed in on this request (pages and server actions), or null. */
export async function currentCustomer(): Promise<Customer | null> {
  return customerForSessionToken(getDb(), await customerCookieToken());
}
