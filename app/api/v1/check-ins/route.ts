// Staff API clients check a ticket in: the same answers as the door page. A clientId makes retries safe.
// Signed-in door staff and admins, or an API key with checkin:write (its scans are recorded as made by the
// admin who created the key).
import { getDb } from "@/db";
import { apiHandler } from "@/lib/api/api-handler";
import { otherMethods } from "@/lib/api/methods";
import type { ApiClient } from "@/lib/api-keys/keys";
import { staffFromRequest, type Staff } from "@/lib/auth/guard";
import { scanTicket } from "@/lib/check-in/check-in";
import { outcomeResponse } from "@/lib/check-in/http";
import { AppError } from "@/lib/errors";
import { parseApiJsonBody } from "@/lib/http/route";
import { apiCheckInSchema } from "@/lib/validations/check-in";

export const dynamic = "force-dynamic";

/** The API key (already checked by apiHandler, with checkin:write) or else the signed-in door staff or admin. */
async function caller(req: Request, key: ApiClient | null): Promise<Staff> {
  if (key) {
    if (!key.createdBy) throw new AppError("forbidden", {}, "This API key has no owner to check in for.");
    return { id: key.createdBy, email: `api-key:${key.prefix}`, name: `API key ${key.name}`, role: "admin" };
  }
  const staff = await staffFromRequest(req);
  if (!staff) throw new AppError("unauthorized");
  if (staff.role !== "door" && staff.role !== "admin") throw new AppError("forbidden");
  return staff;
}

export const POST = apiHandler(async (req, { apiKey }) => {
  const staff = await caller(req, apiKey);
  const input = await parseApiJsonBody(req, apiCheckInSchema);
  const clientId = input.clientId ?? req.headers.get("idempotency-key")?.slice(0, 80) ?? undefined;
  return outcomeResponse(await scanTicket(getDb(), staff, {
    sessionId: input.sessionId, deviceId: input.deviceId, method: "api", action: "check_in", code: input.secret, clientId,
  }));
}, { scope: "checkin:write" });

// Other methods: 405 with Allow, in the API's error format.
export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ POST });
