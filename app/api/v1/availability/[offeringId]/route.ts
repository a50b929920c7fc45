import { catalogueCacheControl, publicSlotAvailabilityJson } from "@/lib/catalog/public-listings";
import { AppError } from "@/lib/errors";
import { apiHandler } from "@/lib/api/api-handler";
import { otherMethods } from "@/lib/api/methods";
import { isUuid } from "@/lib/validations/ids";

export const dynamic = "force-dynamic";

export const GET = apiHandler<{ offeringId: string }>(async (req, { params }) => {
  const { offeringId } = await params;
  if (!isUuid(offeringId)) throw new AppError("offering_not_found");
  const date = new URL(req.url).searchParams.get("date");
  if (!date) throw new AppError("invalid_request", { fields: { date: "Give a date as YYYY-MM-DD" } });
  return new Response(await publicSlotAvailabilityJson(offeringId, date), {
    headers: { "content-type": "application/json", "cache-control": catalogueCacheControl() },
  });
}, { scope: "catalogue:read" });

// Other methods: 405 with Allow, in the API's error format.
export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
