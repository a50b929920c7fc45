import { readBodyText, WEBHOOK_BODY_LIMIT } from "@/lib/http/read-body";
import { receiveStripeWebhook } from "@/lib/payments/webhook-intake";

export const dynamic = "force-dynamic";

// A production server answers this path before Next.js routes it (lib/http/webhook-fast-path.ts), with the
// same function; this handler answers it under `next dev` and wherever that hook is not installed.
export async function POST(req: Request) {
  return receiveStripeWebhook(() => readBodyText(req, WEBHOOK_BODY_LIMIT), req.headers.get("stripe-signature"));
}
