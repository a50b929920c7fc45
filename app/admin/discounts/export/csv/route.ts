// The discount codes of one bulk batch (or all) as CSV, to hand out or mail-merge.
import { getDb } from "@/db";
import { staffRoute } from "@/lib/auth/guard";
import { listDiscountCodes } from "@/lib/discounts/admin";
import { discountCodesCsv } from "@/lib/discounts/present";
import { env } from "@/lib/env";

export const dynamic = "force-dynamic";

export const GET = staffRoute(["admin"], async (req) => {
  const batch = new URL(req.url).searchParams.get("batch")?.slice(0, 80) || undefined;
  const codes = await listDiscountCodes(getDb(), { batch });
  const name = (batch ?? "discount-codes").replace(/[^A-Za-z0-9-]/g, "");
  return new Response(discountCodesCsv(codes, env().FINANCE_TIME_ZONE), {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${name}.csv"`,
      "cache-control": "private, no-store",
    },
  });
});
