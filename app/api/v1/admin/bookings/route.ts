// Staff-side API: bookings, newest first, filtered and paginated. An API key with bookings:read.
import { getDb } from "@/db";
import { apiHandler } from "@/lib/api/api-handler";
import { otherMethods } from "@/lib/api/methods";
import { listBookingsForApi } from "@/lib/api-keys/staff-api";
import { parseInput } from "@/lib/http/route";
import { adminBookingListQuery } from "@/lib/validations/integrations";

export const dynamic = "force-dynamic";

export const GET = apiHandler(async (req) => {
  const db = getDb();
  const query = parseInput(Object.fromEntries(new URL(req.url).searchParams), adminBookingListQuery);
  return Response.json(await listBookingsForApi(db, query), { headers: { "cache-control": "no-store" } });
}, { scope: "bookings:read", requireKey: true });

// Other methods: 405 with Allow, in the API's error format.
export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
