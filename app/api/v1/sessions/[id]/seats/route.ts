import { getDb } from "@/db";
import { getSessionListing } from "@/db/queries/catalog";
import { sessionSeatMap } from "@/db/queries/seating";
import { ticketAvailability } from "@/db/queries/ticket-types";
import { depositOpen, presentTicketTypes, withDepositWindow } from "@/lib/catalog/public-ticket-types";
import { AppError } from "@/lib/errors";
import { apiHandler } from "@/lib/api/api-handler";
import { otherMethods } from "@/lib/api/methods";
import { isUuid } from "@/lib/validations/ids";

export const dynamic = "force-dynamic";

/** The session's seat map: every seat with its state, and the ticket types its classes are sold as. */
export const GET = apiHandler<{ id: string }>(async (_req, { params }) => {
  const { id } = await params;
  const db = getDb();
  const session = isUuid(id) ? await getSessionListing(db, id) : null;
  if (!session) throw new AppError("session_not_found");
  const [map, types] = await Promise.all([sessionSeatMap(db, id), ticketAvailability(db, [session])]);
  return Response.json({
    sessionId: id,
    plan: map ? { id: map.planId, name: map.planName } : null,
    seats: map?.seats ?? [],
    ticketTypes: withDepositWindow(presentTicketTypes(types.get(id), session.course.currency), depositOpen(session.startsAt)),
  }, { headers: { "cache-control": "no-store" } });
}, { scope: "catalogue:read" });

// Other methods: 405 with Allow, in the API's error format.
export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
