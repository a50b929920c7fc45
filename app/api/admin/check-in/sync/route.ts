// A door device's scans made offline, sent when it is back online. Idempotent per client scan id.
import { getDb } from "@/db";
import { staffRoute } from "@/lib/auth/guard";
import { syncOfflineScans } from "@/lib/check-in/check-in";
import { parseJsonBody } from "@/lib/http/route";
import { doorSyncSchema } from "@/lib/validations/check-in";

export const dynamic = "force-dynamic";

export const POST = staffRoute(["door", "admin"], async (req, { staff }) => {
  const input = await parseJsonBody(req, doorSyncSchema);
  const results = await syncOfflineScans(getDb(), staff, input);
  return Response.json({ results, conflicts: results.filter((r) => r.conflict).length }, { headers: { "cache-control": "no-store" } });
});
