import { getDb } from "@/db";
import { offeringAvailability } from "@/lib/booking/slot-availability";
import { AppError } from "@/lib/errors";
import { apiHandler } from "@/lib/api/api-handler";
import { isUuid } from "@/lib/validations/ids";

export const dynamic = "force-dynamic";

export const GET = apiHandler<{ offeringId: string }>(async (req, { params }) => {
  const { offeringId } = await params;
  if (!isUuid(offeringId)) throw new AppError("offering_not_found");
  const date = new URL(req.url).searchParams.get("date");
  if (!date) throw new AppError("invalid_request", { fields: { date: "Give a date as YYYY-MM-DD" } });
  return Response.json(await offeringAvailability(getDb(), offeringId, date), { headers: { "cache-control": "no-store" } });
}, { scope: "catalogue:read" });
