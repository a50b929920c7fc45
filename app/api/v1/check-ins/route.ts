// Staff API clients check a ticket in: the same answers as the door page. A clientId makes retries safe.
// Signed-in door staff and admins, or an API key with checkin:write (its scans are recorded as made by the
// admin who created the key).
import { getDb } from "@/db";
import { apiHandler } from "@/lib/api/api-handler";
import { otherMethods } from "@/lib/api/methods";
import { requireApiKey } from "@/lib/api-keys/keys";
import { staffFromRequest, type Staff } from "@/lib/auth/guard";
import { scanTicket } from "@/lib/check-in/check-in";
import { outcomeResponse } from "@/lib/check-in/http";
import { AppError } from "@/lib/errors";
import { bearerToken, parseJsonBody } from "@/lib/http/route";
import { apiCheckInSchema } from "@/lib/validations/check-in";

export const dynamic = "force-dynamic";

async function caller(req: Request): Promise<Staff> {
  if (bearerToken(req)) {
    const key = await requireApiKey(getDb(), req, "checkin:write");
    if (!key.createdBy) throw new AppError("forbidden", {}, "This API key has no owner to check in for.");
    return { id: key.createdBy, email: `api-key:${key.prefix}`, name: `API key ${key.name}`, role: "admin" };
  }
  const staff = await staffFromRequest(req);
  if (!staff) throw new AppError("unauthorized");
  if (staff.role !== "door" && staff.role !== "admin") throw new AppError("forbidden");
  return staff;
}

export const POST = apiHandler(async (req) => {
  const staff = await caller(req);
  const input = await parseJsonBody(req, apiCheckInSchema);
  const clientId = input.clientId ?? req.headers.get("idempotency-key")?.slice(0, 80) ?? undefined;
  return outcomeResponse(await scanTicket(getDb(), staff, {
    sessionId: input.sessionId, deviceId: input.deviceId, method: "api", action: "check_in", code: input.secret, clientId,
  }));
});

// Other methods: 405 with Allow, in the API's error format.
export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ POST });
