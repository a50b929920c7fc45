// The ticket types of a course (its defaults) or of one session, with their rules and the staff actions.
import Link from "next/link";
import { ActionButton } from "@/components/admin/action-button";
import { formatDateTime } from "@/components/admin/format";
import type { StaffTicketType } from "@/db/queries/admin-ticket-types";
import type { StaffAction } from "@/lib/auth/staff-action";
import { formatMoney } from "@/lib/format";

/** The staff actions on a type, passed in by the page. */
export type TicketTypeActions = Record<"moveTicketType" | "retireTicketType" | "unretireTicketType" | "deleteTicketType", StaffAction<unknown>>;

export function TicketTypeTable({ types, currency, timeZone, editable = true, actions: { moveTicketType, retireTicketType, unretireTicketType, deleteTicketType } }: {
  types: StaffTicketType[]; currency: string; timeZone: string; editable?: boolean; actions: TicketTypeActions;
}) {
  if (types.length === 0) return <p className="text-stone-700">No ticket types.</p>;
  const when = (d: Date | null) => (d ? formatDateTime(d, timeZone) : null);
  return (
    <ul className="space-y-3">
      {types.map((t, i) => (
        <li key={t.id} className="rounded-lg border border-stone-300 bg-white p-4">
          <div className="flex flex-wrap items-start justify-between gap-3">
            <div className="space-y-1">
              <h3 className="text-lg font-semibold">{t.name}{t.retiredAt && <span className="ml-2 text-base font-normal text-stone-600">(retired)</span>}
                {!t.visible && <span className="ml-2 text-base font-normal text-stone-600">(hidden from customers)</span>}</h3>
              {t.description && <p className="text-stone-700">{t.description}</p>}
              <p>{formatMoney(t.priceAmount, currency)}{t.depositAmount != null && `, deposit ${formatMoney(t.depositAmount, currency)}`}
                {" · "}{t.quota != null ? `quota ${t.quota} per session` : "no quota"}
                {t.seatClass && ` · seat class ${t.seatClass}`}
                {" · "}{t.minPerBooking}–{t.maxPerBooking} per booking</p>
              {(t.onSaleFrom || t.onSaleUntil) && (
                <p className="text-sm text-stone-700">On sale{when(t.onSaleFrom) ? ` from ${when(t.onSaleFrom)}` : ""}{when(t.onSaleUntil) ? ` until ${when(t.onSaleUntil)}` : ""}</p>
              )}
              <p className="text-sm text-stone-700">{t.placesLive} {t.placesLive === 1 ? "place" : "places"} sold or in checkout, all sessions</p>
            </div>
            {editable && (
              <div className="flex flex-wrap items-start gap-2">
                <Link href={`/admin/ticket-types/${t.id}`} className="inline-flex min-h-11 items-center rounded-md border border-stone-300 bg-white px-4 font-semibold underline">
                  Edit<span className="sr-only"> {t.name}</span>
                </Link>
                {i > 0 && <ActionButton action={moveTicketType} input={{ id: t.id, direction: "up" as const }} busyLabel="Moving…">
                  <span aria-hidden="true">↑</span> Move up<span className="sr-only"> {t.name}</span></ActionButton>}
                {i < types.length - 1 && <ActionButton action={moveTicketType} input={{ id: t.id, direction: "down" as const }} busyLabel="Moving…">
                  <span aria-hidden="true">↓</span> Move down<span className="sr-only"> {t.name}</span></ActionButton>}
                {t.retiredAt
                  ? <ActionButton action={unretireTicketType} input={{ id: t.id }} busyLabel="Saving…">Sell again<span className="sr-only"> {t.name}</span></ActionButton>
                  : <ActionButton action={retireTicketType} input={{ id: t.id }} busyLabel="Retiring…"
                    confirm={`Retire ${t.name}? It stops being sold; places already sold keep it.`}>Retire<span className="sr-only"> {t.name}</span></ActionButton>}
                {t.placesSold === 0 && <ActionButton action={deleteTicketType} input={{ id: t.id }} danger busyLabel="Deleting…"
                  confirm={`Delete ${t.name}? This cannot be undone.`}>Delete<span className="sr-only"> {t.name}</span></ActionButton>}
              </div>
            )}
          </div>
        </li>
      ))}
    </ul>
  );
}
