// Arrivals of one session as CSV: every valid ticket, whether and when it was checked in (and out).
import { getDb } from "@/db";
import { staffRoute } from "@/lib/auth/guard";
import { arrivalsCsv } from "@/lib/check-in/arrivals";
import { AppError } from "@/lib/errors";

export const dynamic = "force-dynamic";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const GET = staffRoute(["admin", "door"], async (req) => {
  const id = new URL(req.url).searchParams.get("session") ?? "";
  if (!UUID.test(id)) throw new AppError("session_not_found");
  const { filename, csv } = await arrivalsCsv(getDb(), id);
  return new Response(csv, {
    headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="${filename}"`, "cache-control": "no-store" },
  });
});
