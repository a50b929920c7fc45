import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { QuestionForm } from "@/components/admin/slots/question-form";
import { updateQuestion } from "@/app/admin/offerings/actions";
import { getDb } from "@/db";
import { questionForAdmin } from "@/db/queries/admin-slot-offerings";
import { requireStaffPage } from "@/lib/auth/guard";
import { isUuid } from "@/lib/validations/ids";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Question" };

export default async function QuestionPage({ params }: { params: Promise<{ id: string }> }) {
  await requireStaffPage(["admin"]);
  const { id } = await params;
  if (!isUuid(id)) notFound();
  const data = await questionForAdmin(getDb(), id);
  if (!data) notFound();
  const { question: q, course, answers } = data;
  const backTo = `${course.kind === "time_slots" ? `/admin/offerings/${course.id}` : `/admin/courses/${course.id}`}#questions`;
  return (
    <div className="max-w-3xl space-y-4">
      <Link href={backTo} className="underline">Back to {course.title}</Link>
      <h1 className="text-3xl font-bold">{q.label}{q.archivedAt && <span className="ml-2 text-lg text-stone-600">(archived)</span>}</h1>
      <p>{answers} {answers === 1 ? "answer" : "answers"} given. Answers keep the wording they were given under.</p>
      <QuestionForm id={q.id} save={updateQuestion} courseId={course.id} answered={answers} backTo={backTo} initial={{
        label: q.label, help: q.help ?? "", kind: q.kind, scope: q.scope, required: q.required, sensitive: q.sensitive, atDoor: q.atDoor,
        options: q.options.join("\n"), sortOrder: String(q.sortOrder),
      }} />
    </div>
  );
}
