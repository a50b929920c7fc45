import { getDb } from "@/db";
import { getSessionListing } from "@/db/queries/catalog";
import { sessionAnswerSheet } from "@/db/queries/questions";
import { recordAudit } from "@/lib/audit/record-audit";
import { staffRoute } from "@/lib/auth/guard";
import { AppError } from "@/lib/errors";
import { answersCsv } from "@/lib/requirements/answers-csv";
import { exportFileName } from "@/lib/requirements/export-csv";
import { isUuid } from "@/lib/validations/ids";

export const dynamic = "force-dynamic";

/** Answers to custom questions of one session or slot day (?session=…) as CSV; sensitive answers included (admins only). */
export const GET = staffRoute(["admin"], async (req, { staff }) => {
  const id = new URL(req.url).searchParams.get("session") ?? "";
  const session = isUuid(id) ? await getSessionListing(getDb(), id) : null;
  if (!session) throw new AppError("session_not_found");
  const { people, answers } = await sessionAnswerSheet(getDb(), id);
  await recordAudit(getDb(), staff, { action: "answers.export", entityType: "session", entityId: id, after: { people: people.length } });
  return new Response(answersCsv({ people, answers, timeZone: session.venue.timeZone }), {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="answers-${exportFileName("csv", { sessionTitle: session.course.title, date: session.startsAt }).replace(/^requirements-/, "")}"`,
      "cache-control": "no-store",
    },
  });
});
