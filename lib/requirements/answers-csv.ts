// Answers to custom questions as a spreadsheet: one row per attendee of a session or slot day, one column per
// question (the booking's own answers repeated on each of its attendees' rows). Pure, unit-tested.
import { stringify } from "csv-stringify/sync";
import { formatTime } from "@/lib/format";
import { answerText, type AnswerValue } from "@/lib/validations/questions";
import { safeCell } from "./export-csv";

export type SheetPerson = {
  bookingId: string; reference: string; attendeeId: string; firstName: string; lastName: string;
  spanStartsAt: Date | null; spanEndsAt: Date | null;
};
export type SheetAnswer = { bookingId: string; attendeeId: string | null; questionId: string; label: string; value: AnswerValue };

export function answersCsv(p: { people: SheetPerson[]; answers: SheetAnswer[]; timeZone: string }): string {
  // Columns in the order questions first appear, named by their label as asked.
  const columns = new Map<string, string>();
  for (const a of p.answers) if (!columns.has(a.questionId)) columns.set(a.questionId, a.label);
  const header = ["Booking reference", "Attendee", "From", "Until", ...columns.values()];
  const rows = p.people.map((person) => {
    const mine = p.answers.filter((a) => a.bookingId === person.bookingId && (a.attendeeId === person.attendeeId || a.attendeeId === null));
    return [
      person.reference, `${person.firstName} ${person.lastName}`,
      person.spanStartsAt ? formatTime(person.spanStartsAt, p.timeZone) : "", person.spanEndsAt ? formatTime(person.spanEndsAt, p.timeZone) : "",
      ...[...columns.keys()].map((id) => {
        const a = mine.find((x) => x.questionId === id);
        return a ? answerText(a.value) : "";
      }),
    ].map(safeCell);
  });
  return `\uFEFF${stringify([header, ...rows], { record_delimiter: "\r\n" })}`;
}
