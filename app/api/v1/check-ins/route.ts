// Staff API clients check a ticket in: the same answers as the door page. A clientId makes retries safe.
import { getDb } from "@/db";
import { staffRoute } from "@/lib/auth/guard";
import { scanTicket } from "@/lib/check-in/check-in";
import { outcomeResponse } from "@/lib/check-in/http";
import { parseJsonBody } from "@/lib/http/route";
import { apiCheckInSchema } from "@/lib/validations/check-in";

export const dynamic = "force-dynamic";

export const POST = staffRoute(["door", "admin"], async (req, { staff }) => {
  const input = await parseJsonBody(req, apiCheckInSchema);
  const clientId = input.clientId ?? req.headers.get("idempotency-key")?.slice(0, 80) ?? undefined;
  return outcomeResponse(await scanTicket(getDb(), staff, {
    sessionId: input.sessionId, deviceId: input.deviceId, method: "api", action: "check_in", code: input.secret, clientId,
  }));
});
