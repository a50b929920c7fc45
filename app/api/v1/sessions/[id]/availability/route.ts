import { getDb } from "@/db";
import { getSessionAvailability, getSessionListing } from "@/db/queries/catalog";
import { ticketAvailability } from "@/db/queries/ticket-types";
import { presentTicketTypes } from "@/lib/catalog/public-ticket-types";
import { AppError } from "@/lib/errors";
import { handler } from "@/lib/http/route";
import { isUuid } from "@/lib/validations/ids";

export const dynamic = "force-dynamic";

export const GET = handler<{ id: string }>(async (_req, { params }) => {
  const { id } = await params;
  const db = getDb();
  const [availability, listing] = isUuid(id) ? await Promise.all([getSessionAvailability(db, id), getSessionListing(db, id)]) : [null, null];
  if (!availability || !listing) throw new AppError("session_not_found");
  const types = await ticketAvailability(db, [{ id, available: availability.available }]);
  return Response.json({ ...availability, ticketTypes: presentTicketTypes(types.get(id), listing.course.currency) },
    { headers: { "cache-control": "no-store" } });
});
