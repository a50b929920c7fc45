import { catalogueCacheControl, publicSessionAvailabilityJson } from "@/lib/catalog/public-listings";
import { AppError } from "@/lib/errors";
import { apiHandler } from "@/lib/api/api-handler";
import { otherMethods } from "@/lib/api/methods";
import { isUuid } from "@/lib/validations/ids";

export const dynamic = "force-dynamic";

export const GET = apiHandler<{ id: string }>(async (_req, { params }) => {
  const { id } = await params;
  const body = isUuid(id) ? await publicSessionAvailabilityJson(id) : null;
  if (!body) throw new AppError("session_not_found");
  return new Response(body, { headers: { "content-type": "application/json", "cache-control": catalogueCacheControl() } });
}, { scope: "catalogue:read" });

// Other methods: 405 with Allow, in the API's error format.
export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
