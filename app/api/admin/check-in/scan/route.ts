import { getDb } from "@/db";
import { staffRoute } from "@/lib/auth/guard";
import { scanTicket } from "@/lib/check-in/check-in";
import { outcomeResponse } from "@/lib/check-in/http";
import { parseJsonBody } from "@/lib/http/route";
import { doorScanSchema } from "@/lib/validations/check-in";

export const dynamic = "force-dynamic";

export const POST = staffRoute(["door", "admin"], async (req, { staff }) => {
  const input = await parseJsonBody(req, doorScanSchema);
  return outcomeResponse(await scanTicket(getDb(), staff, input));
});
