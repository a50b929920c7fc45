import Link from "next/link";
import type { listSessionsForAdmin } from "@/db/queries/admin";
import { formatSessionWhen } from "@/lib/format";

type Row = Awaited<ReturnType<typeof listSessionsForAdmin>>[number];

export function SessionTable({ rows, showCourse = false }: { rows: Row[]; showCourse?: boolean }) {
  if (rows.length === 0) return <p className="rounded-lg border border-stone-300 bg-white p-4 text-stone-700">No sessions.</p>;
  return (
    <div className="overflow-x-auto rounded-lg border border-stone-300 bg-white">
      <table className="w-full text-left">
        <thead className="bg-stone-100 text-sm"><tr>
          <th scope="col" className="p-3">When</th>
          {showCourse && <th scope="col" className="p-3">Course</th>}
          <th scope="col" className="p-3">Venue</th><th scope="col" className="p-3">Booked</th><th scope="col" className="p-3">Held</th>
          <th scope="col" className="p-3">Capacity</th><th scope="col" className="p-3">Status</th>
        </tr></thead>
        <tbody>
          {rows.map(({ session: s, course, venue }) => (
            <tr key={s.id} className="border-t border-stone-200">
              <td className="p-3"><Link href={`/admin/sessions/${s.id}`} className="underline">{formatSessionWhen(s.startsAt, s.endsAt, venue.timeZone)}</Link></td>
              {showCourse && <td className="p-3">{course.title}</td>}
              <td className="p-3">{venue.name}</td>
              <td className="p-3">{s.placesBooked}</td>
              <td className="p-3">{s.placesHeld}</td>
              <td className="p-3">{s.capacity}</td>
              <td className="p-3">{s.status === "cancelled" ? <span className="font-semibold text-red-800">Cancelled</span> : s.endsAt < new Date() ? "Finished" : "Scheduled"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
