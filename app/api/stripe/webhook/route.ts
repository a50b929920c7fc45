import { AppError } from "@/lib/errors";
import { readBodyText, WEBHOOK_BODY_LIMIT } from "@/lib/http/read-body";
import { receiveStripeWebhook } from "@/lib/payments/webhook-intake";

export const dynamic = "force-dynamic";

// A production server answers this path before Next.js routes it (lib/http/webhook-fast-path.ts), with the
// same function; this handler answers it under `next dev` and wherever that hook is not installed.
export async function POST(req: Request) {
  const raw = await readBodyText(req, WEBHOOK_BODY_LIMIT).catch((err: unknown) => {
    if (err instanceof AppError) return err;
    throw err;
  });
  return receiveStripeWebhook(raw, req.headers.get("stripe-signature"));
}
