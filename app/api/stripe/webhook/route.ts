import { getDb } from "@/db";
import { AppError } from "@/lib/errors";
import { errorResponse } from "@/lib/http/error-response";
import { log } from "@/lib/log";
import { readBodyText, WEBHOOK_BODY_LIMIT } from "@/lib/http/read-body";
import { handleStripeEvent, verifyStripeEvent } from "@/lib/payments/webhook";

export const dynamic = "force-dynamic";

export async function POST(req: Request) {
  let event;
  try {
    const raw = await readBodyText(req, WEBHOOK_BODY_LIMIT);
    event = verifyStripeEvent(raw, req.headers.get("stripe-signature"));
  } catch (err) {
    return errorResponse(err);
  }
  try {
    const outcome = await handleStripeEvent(getDb(), event);
    return Response.json({ received: true, outcome });
  } catch (err) {
    // Anything but a verified, applied event answers 5xx so Stripe retries it.
    log.error({ err, eventId: event.id, eventType: event.type }, "webhook event failed");
    return errorResponse(new AppError("internal_error"));
  }
}
