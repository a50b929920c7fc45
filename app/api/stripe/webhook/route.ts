import { getDb } from "@/db";
import { AppError, errorResponse } from "@/lib/errors";
import { handleStripeEvent, verifyStripeEvent } from "@/lib/payments/webhook";

export const dynamic = "force-dynamic";

export async function POST(req: Request) {
  const raw = await req.text();
  let event;
  try {
    event = verifyStripeEvent(raw, req.headers.get("stripe-signature"));
  } catch (err) {
    return errorResponse(err);
  }
  try {
    const outcome = await handleStripeEvent(getDb(), event);
    return Response.json({ received: true, outcome });
  } catch (err) {
    // Anything but a verified, applied event answers 5xx so Stripe retries it.
    console.error(`webhook ${event.id} (${event.type}) failed`, err);
    return errorResponse(new AppError("internal_error"));
  }
}
