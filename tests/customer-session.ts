// A signed-in customer for integration tests of "my bookings": apart from next-request.ts, which the
// next/headers mock loads, because the customer modules this imports load next/headers themselves.
import { randomBytes } from "node:crypto";
import { getDb } from "@/db";
import { customerSessions } from "@/db/schema";
import { customerCookieName } from "@/lib/customer/session-cookie";
import { hashCustomerToken } from "@/lib/customer/sign-in";
import { headersModule } from "./next-request";

/** A customer session for `email` (as their one-use sign-in link opens one); its cookie is sent with the following calls. */
export async function actAsCustomer(email: string) {
  const token = randomBytes(32).toString("base64url");
  await getDb().insert(customerSessions).values({ email: email.toLowerCase(), tokenHash: hashCustomerToken(token), expiresAt: new Date(Date.now() + 3_600_000) });
  const jar = await headersModule.cookies();
  for (const { name } of jar.getAll()) jar.delete(name);
  jar.set(customerCookieName(), token);
}
