import { getDb } from "@/db";
import { staffRoute } from "@/lib/auth/guard";
import { AppError } from "@/lib/errors";
import { exportPerson } from "@/lib/privacy/export";
import { fieldErrors } from "@/lib/validations/booking";
import { personLookupSchema } from "@/lib/validations/privacy";

export const dynamic = "force-dynamic";

/** Everything held about one person (?email=…) as a ZIP: person.json and their invoice and credit note PDFs. */
export const GET = staffRoute(["admin"], async (req, { staff }) => {
  const parsed = personLookupSchema.safeParse({ email: new URL(req.url).searchParams.get("email") ?? "" });
  if (!parsed.success) throw new AppError("invalid_request", { fields: fieldErrors(parsed.error) });
  const zip = await exportPerson(getDb(), staff, parsed.data.email);
  return new Response(zip, {
    headers: {
      "content-type": "application/zip",
      "content-disposition": `attachment; filename="personal-data-${new Date().toISOString().slice(0, 10)}.zip"`,
      "cache-control": "no-store",
    },
  });
});
