import { getDb } from "@/db";
import { publicLocation } from "@/lib/catalog/locations";
import { AppError } from "@/lib/errors";
import { apiHandler } from "@/lib/api/api-handler";
import { otherMethods } from "@/lib/api/methods";
import { isUuid } from "@/lib/validations/ids";

export const dynamic = "force-dynamic";

export const GET = apiHandler<{ id: string }>(async (_req, { params }) => {
  const { id } = await params;
  const location = isUuid(id) ? await publicLocation(getDb(), id) : null;
  if (!location) throw new AppError("not_found", {}, "That location does not exist.");
  return Response.json({ location });
}, { scope: "catalogue:read" });

// Other methods: 405 with Allow, in the API's error format.
export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
