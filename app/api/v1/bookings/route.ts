import { getDb } from "@/db";
import { apiHandler } from "@/lib/api/api-handler";
import { otherMethods } from "@/lib/api/methods";
import { clientIp } from "@/lib/auth/client-ip";
import { createBooking, replayOfEarlierRequest } from "@/lib/booking/create-booking";
import { customerCookieName } from "@/lib/customer/session-cookie";
import { customerForSessionToken } from "@/lib/customer/sign-in";
import { AppError } from "@/lib/errors";
import { parseApiInput, readJsonBody } from "@/lib/http/route";
import { withHoldLimits } from "@/lib/rate-limit/holds";
import { withCodeGuessLimit } from "@/lib/rate-limit/discount-codes";
import { bookingRequestSchema } from "@/lib/validations/booking";

export const dynamic = "force-dynamic";

export const POST = apiHandler(async (req, { apiKey, reportLimit }) => {
  const key = req.headers.get("idempotency-key");
  if (key !== null && (key.trim().length === 0 || key.length > 255))
    throw new AppError("invalid_request", { fields: { "Idempotency-Key": "Must be 1 to 255 characters" } });
  const raw = await readJsonBody(req);
  const input = parseApiInput(raw, bookingRequestSchema(raw));
  const ip = clientIp(req.headers);
  // Member prices and points need the customer's verified email: a customer session cookie sent with the request.
  const customer = await customerForSessionToken(getDb(), cookieOf(req, customerCookieName()));
  // Codes refused too often from this address or for this email: 429 before any lookup (lib/rate-limit/discount-codes.ts).
  // An attempt that holds nothing (refused, or a replay) does not count against the hold limits.
  const options = {
    idempotencyKey: key, idempotencyClient: apiKey ? `key:${apiKey.keyId}` : null, verifiedEmail: customer?.email ?? null,
    // Integrators learn of an answer to a question the course does not ask (a wrong id, the wrong scope).
    refuseUnaskedAnswers: true,
  };
  const { replayed, ...created } = await withCodeGuessLimit(getDb(), { ip, email: input.contact.email, code: input.discountCode }, () =>
    withHoldLimits(getDb(), { ip, email: input.contact.email }, () => createBooking(getDb(), input, options), reportLimit,
      () => replayOfEarlierRequest(getDb(), input, options)));
  return Response.json(created, { status: replayed ? 200 : 201, headers: replayed ? { "idempotent-replayed": "true" } : {} });
}, { scope: "bookings:create" });

function cookieOf(req: Request, name: string): string | null {
  for (const part of (req.headers.get("cookie") ?? "").split(";")) {
    const [k, ...v] = part.trim().split("=");
    if (k === name) return decodeURIComponent(v.join("="));
  }
  return null;
}

// Other methods: 405 with Allow, in the API's error format.
export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ POST });
