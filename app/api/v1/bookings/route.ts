import { getDb } from "@/db";
import { createBooking } from "@/lib/booking/create-booking";
import { AppError } from "@/lib/errors";
import { handler, parseInput, readJsonBody } from "@/lib/http/route";
import { bookingRequestSchema } from "@/lib/validations/booking";

export const dynamic = "force-dynamic";

export const POST = handler(async (req) => {
  const key = req.headers.get("idempotency-key");
  if (key !== null && (key.trim().length === 0 || key.length > 255))
    throw new AppError("invalid_request", { fields: { "Idempotency-Key": "Must be 1 to 255 characters" } });
  const raw = await readJsonBody(req);
  const input = parseInput(raw, bookingRequestSchema(raw));
  const { replayed, ...created } = await createBooking(getDb(), input, { idempotencyKey: key });
  return Response.json(created, { status: replayed ? 200 : 201, headers: replayed ? { "idempotent-replayed": "true" } : {} });
});
