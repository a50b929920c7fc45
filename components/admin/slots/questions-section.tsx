import Link from "next/link";
import { ActionButton } from "@/components/admin/action-button";
import type { CourseQuestion } from "@/db/schema";
import type { StaffAction } from "@/lib/auth/staff-action";
import { QUESTION_KINDS } from "@/lib/validations/slot-offerings";
import { emptyQuestion } from "./form-defaults";
import { QuestionForm } from "./question-form";

const kindLabel = Object.fromEntries(QUESTION_KINDS.map((k) => [k.value, k.label])) as Record<string, string>;

/** The staff actions on questions, passed in by the page. */
export type QuestionActions = { archiveQuestion: StaffAction<unknown>; restoreQuestion: StaffAction<unknown>; createQuestion: StaffAction<{ id: string }> };

/** The custom questions of a course or offering: the list, and a form to add one. */
export function QuestionsSection({ courseId, rows, actions: { archiveQuestion, restoreQuestion, createQuestion } }: {
  courseId: string; rows: { question: CourseQuestion; answers: number }[]; actions: QuestionActions;
}) {
  return (
    <section id="questions" aria-labelledby="questions-h" className="max-w-4xl space-y-3">
      <h2 id="questions-h" className="text-xl font-semibold">Questions</h2>
      <p className="text-sm text-stone-700">Asked in the booking wizard after the special requirements; answers show on the booking, the requirements dashboard and in the answers CSV.</p>
      {rows.length === 0 ? <p className="text-stone-700">No questions yet.</p> : (
        <div className="overflow-x-auto rounded-lg border border-stone-300 bg-white">
          <table className="w-full text-left">
            <caption className="sr-only">Questions</caption>
            <thead className="bg-stone-100 text-sm"><tr>
              <th scope="col" className="p-3">Question</th><th scope="col" className="p-3">Kind</th><th scope="col" className="p-3">Who answers</th>
              <th scope="col" className="p-3">Required</th><th scope="col" className="p-3">Sensitive</th><th scope="col" className="p-3">Answers</th>
              <th scope="col" className="p-3"><span className="sr-only">Actions</span></th>
            </tr></thead>
            <tbody>
              {rows.map(({ question: q, answers }) => (
                <tr key={q.id} className="border-t border-stone-200 align-top">
                  <td className="p-3">
                    <Link href={`/admin/questions/${q.id}`} className="font-medium underline">{q.label}</Link>
                    {q.archivedAt && <span className="text-stone-600"> (archived)</span>}
                    {q.options.length > 0 && <div className="text-sm text-stone-700">{q.options.join(" · ")}</div>}
                  </td>
                  <td className="p-3">{kindLabel[q.kind] ?? q.kind}</td>
                  <td className="p-3">{q.scope === "per_attendee" ? "Each attendee" : "Once per booking"}</td>
                  <td className="p-3">{q.required ? "Yes" : "No"}</td>
                  <td className="p-3">{q.sensitive ? `Yes (admins${q.atDoor ? " and the door" : " only"})` : q.atDoor ? "No; shown at the door" : "No"}</td>
                  <td className="p-3">{answers}</td>
                  <td className="p-3">
                    {q.archivedAt
                      ? <ActionButton action={restoreQuestion} input={{ id: q.id }} busyLabel="Restoring…">Ask again<span className="sr-only"> “{q.label}”</span></ActionButton>
                      : <ActionButton action={archiveQuestion} input={{ id: q.id }} busyLabel="Archiving…">Stop asking<span className="sr-only"> “{q.label}”</span></ActionButton>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <div className="max-w-3xl"><QuestionForm courseId={courseId} initial={emptyQuestion} save={createQuestion} /></div>
    </section>
  );
}
