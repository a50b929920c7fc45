import { publicSessionAvailability } from "@/lib/catalog/public-listings";
import { AppError } from "@/lib/errors";
import { apiHandler } from "@/lib/api/api-handler";
import { isUuid } from "@/lib/validations/ids";

export const dynamic = "force-dynamic";

export const GET = apiHandler<{ id: string }>(async (_req, { params }) => {
  const { id } = await params;
  const availability = isUuid(id) ? await publicSessionAvailability(id) : null;
  if (!availability) throw new AppError("session_not_found");
  return Response.json(availability, { headers: { "cache-control": "no-store" } });
}, { scope: "catalogue:read" });
