// CSV of one dashboard figure for the dashboard's filter: /admin/analytics/export?figure=sales&from=…&to=…
import { getDb } from "@/db";
import { staffRoute } from "@/lib/auth/guard";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { figureById, type Figure } from "@/lib/analytics/figures";
import { analyticsScope, figureCsvFor } from "@/lib/analytics/load";
import { analyticsFilterSchema } from "@/lib/validations/analytics";
import { fieldErrors } from "@/lib/validations/booking";

export const dynamic = "force-dynamic";

export const GET = staffRoute(["admin", "finance"], async (req) => {
  const params = new URL(req.url).searchParams;
  const figure = figureById(params.get("figure") ?? "");
  if (!figure) throw new AppError("invalid_request", { fields: { figure: "Unknown figure" } });
  const parsed = analyticsFilterSchema.safeParse({
    from: params.get("from") ?? "", to: params.get("to") ?? "", interval: params.get("interval") ?? "month",
    course: params.get("course") ?? "", venue: params.get("venue") ?? "",
  });
  if (!parsed.success) throw new AppError("invalid_request", { fields: fieldErrors(parsed.error) });
  const csv = await figureCsvFor(figure as Figure<unknown>, getDb(), analyticsScope(parsed.data, env().STAFF_TIME_ZONE));
  const name = `turnout-${figure.id}-${parsed.data.from}-to-${parsed.data.to}.csv`;
  return new Response(csv, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${name}"`,
      "cache-control": "private, no-store",
    },
  });
});
