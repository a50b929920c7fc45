// A session's waiting list for staff, in queue order: reorder, offer places by hand, take someone off.
import { ActionButton } from "@/components/admin/action-button";
import { formatDate, formatTime } from "@/lib/format";

const formatDateTime = (d: Date, tz: string) => `${formatDate(d, tz)} ${formatTime(d, tz)}`;
import type { WaitlistEntry, WaitlistOffer } from "@/db/schema";
import type { StaffAction } from "@/lib/auth/staff-action";

const statusText = { waiting: "Waiting", offered: "Offered", booked: "Booked", left: "Left", lapsed: "Offer lapsed" } as const;

/** The staff actions on an entry, passed in by the page. */
export type WaitlistActions = Record<"moveWaitlistEntryAction" | "offerWaitlistEntry" | "removeWaitlistEntry", StaffAction<unknown>>;

export function WaitlistTable({ entries, timeZone, editable, actions: { moveWaitlistEntryAction, offerWaitlistEntry, removeWaitlistEntry } }: {
  entries: (WaitlistEntry & { offer: WaitlistOffer | null })[]; timeZone: string; editable: boolean; actions: WaitlistActions;
}) {
  if (entries.length === 0) return <p className="text-stone-700">Nobody is waiting for this session.</p>;
  const queue = entries.filter((e) => e.status === "waiting" || e.status === "offered");
  return (
    <table className="w-full border-collapse text-left">
      <caption className="sr-only">Waiting list in queue order</caption>
      <thead><tr className="border-b border-stone-300">
        <th scope="col" className="py-2 pr-3">#</th><th scope="col" className="py-2 pr-3">Email</th><th scope="col" className="py-2 pr-3">Places</th>
        <th scope="col" className="py-2 pr-3">Note</th><th scope="col" className="py-2 pr-3">Status</th><th scope="col" className="py-2">Actions</th>
      </tr></thead>
      <tbody>
        {entries.map((e) => {
          const at = queue.findIndex((q) => q.id === e.id);
          return (
            <tr key={e.id} className="border-b border-stone-200 align-top">
              <td className="py-2 pr-3">{at >= 0 ? at + 1 : "–"}</td>
              <td className="py-2 pr-3">{e.email}<span className="block text-sm text-stone-600">joined {formatDateTime(e.createdAt, timeZone)}</span></td>
              <td className="py-2 pr-3">{e.places}</td>
              <td className="py-2 pr-3">{e.note ?? ""}</td>
              <td className="py-2 pr-3">{statusText[e.status]}
                {e.status === "offered" && e.offer && <span className="block text-sm text-stone-600">until {formatDateTime(e.offer.expiresAt, timeZone)}</span>}</td>
              <td className="py-2">
                {editable && at >= 0 && (
                  <div className="flex flex-wrap gap-2">
                    {at > 0 && <ActionButton action={moveWaitlistEntryAction} input={{ id: e.id, direction: "up" as const }} busyLabel="Moving…">Move up<span className="sr-only"> {e.email}</span></ActionButton>}
                    {at < queue.length - 1 && <ActionButton action={moveWaitlistEntryAction} input={{ id: e.id, direction: "down" as const }} busyLabel="Moving…">Move down<span className="sr-only"> {e.email}</span></ActionButton>}
                    {e.status === "waiting" && <ActionButton action={offerWaitlistEntry} input={{ id: e.id }} busyLabel="Offering…">Offer places<span className="sr-only"> to {e.email}</span></ActionButton>}
                    <ActionButton action={removeWaitlistEntry} input={{ id: e.id }} danger confirm={`Take ${e.email} off the waiting list?`} busyLabel="Removing…">Remove<span className="sr-only"> {e.email}</span></ActionButton>
                  </div>
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
