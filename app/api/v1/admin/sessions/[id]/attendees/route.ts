// Staff-side API: a session's attendees with their needs and arrival. An API key with bookings:read.
import { getDb } from "@/db";
import { apiHandler } from "@/lib/api/api-handler";
import { otherMethods } from "@/lib/api/methods";
import { sessionAttendeesForApi } from "@/lib/api-keys/staff-api";
import { parseInput } from "@/lib/http/route";
import { idSchema } from "@/lib/validations/catalog";

export const dynamic = "force-dynamic";

export const GET = apiHandler<{ id: string }>(async (req, { params }) => {
  const db = getDb();
  const { id } = parseInput(await params, idSchema);
  return Response.json(await sessionAttendeesForApi(db, id), { headers: { "cache-control": "no-store" } });
}, { scope: "bookings:read", requireKey: true });

// Other methods: 405 with Allow, in the API's error format.
export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
