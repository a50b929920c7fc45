"use client";
// How many tickets of each type: shown on the session step when a session sells more than one type.
import { formatDate, formatMoney } from "@/lib/format";
import { fieldId } from "@/components/ui/field";
import type { WizardTicketType } from "./types";

type Props = {
  types: WizardTicketType[];
  counts: Record<string, number>;
  onChange: (counts: Record<string, number>) => void;
  errors: Record<string, string>;
  timeZone: string;
};

/** Why a type cannot be chosen, in words (never colour alone). */
function unavailableReason(t: WizardTicketType, timeZone: string): string | null {
  if (!t.onSale) return t.onSaleFrom && new Date(t.onSaleFrom) > new Date() ? `On sale from ${formatDate(t.onSaleFrom, timeZone)}` : "Not on sale";
  if (t.available <= 0) return "Sold out";
  return null;
}

export function TicketPicker({ types, counts, onChange, errors, timeZone }: Props) {
  const total = types.reduce((acc, t) => acc + (counts[t.id] ?? 0), 0);
  const set = (id: string, n: number) => onChange({ ...counts, [id]: Number.isNaN(n) ? 0 : n });
  return (
    <fieldset id={fieldId("tickets")} tabIndex={-1} className="rounded-lg border border-stone-300 bg-white p-4"
      aria-describedby={errors.tickets ? "tickets-error" : undefined}>
      <legend className="px-1 text-lg font-semibold">Tickets</legend>
      <p className="text-sm text-stone-700">Choose how many of each ticket. You can change each attendee&apos;s ticket on the next step.</p>
      {errors.tickets && <p id="tickets-error" className="mt-2 text-sm font-medium text-red-700">{errors.tickets}</p>}
      <ul className="mt-3 divide-y divide-stone-200">
        {types.map((t) => {
          const id = fieldId(`tickets.${t.id}`);
          const n = counts[t.id] ?? 0;
          const reason = unavailableReason(t, timeZone);
          const max = Math.max(0, Math.min(t.available, t.maxPerBooking));
          const error = errors[`tickets.${t.id}`];
          return (
            <li key={t.id} className="flex flex-wrap items-center justify-between gap-3 py-3">
              <div className="min-w-0 flex-1">
                <label htmlFor={id} className="font-semibold">{t.name}</label>
                <p id={`${id}-hint`} className="text-sm text-stone-700">
                  {formatMoney(t.priceAmount, t.currency)} each
                  {t.description && <> · {t.description}</>}
                  {t.minPerBooking > 1 && <> · at least {t.minPerBooking} per booking</>}
                </p>
                <p className="mt-1">
                  <span className={`inline-block rounded px-2 py-0.5 text-sm font-semibold ${reason ? "bg-stone-200 text-stone-800" : t.available <= 3 ? "bg-amber-100 text-amber-900" : "bg-brand-50 text-brand-800"}`}>
                    {reason ?? `${t.available} left`}
                  </span>
                </p>
                {error && <p id={`${id}-error`} className="mt-1 text-sm font-medium text-red-700">{error}</p>}
              </div>
              <div className="flex items-center gap-1">
                <button type="button" className="h-11 w-11 rounded-md border border-stone-400 bg-white text-xl font-bold disabled:text-stone-400"
                  aria-label={`One fewer ${t.name} ticket`} disabled={n <= 0} onClick={() => set(t.id, n - 1)}>−</button>
                <input id={id} type="number" inputMode="numeric" min={0} max={max} value={n} disabled={Boolean(reason) && n === 0}
                  aria-invalid={error ? true : undefined}
                  aria-describedby={[`${id}-hint`, error && `${id}-error`].filter(Boolean).join(" ")}
                  onChange={(e) => set(t.id, e.target.value === "" ? 0 : Number(e.target.value))}
                  className={`h-11 w-16 rounded-md border bg-white px-2 text-center text-base ${error ? "border-red-700 ring-1 ring-red-700" : "border-stone-400"}`} />
                <button type="button" className="h-11 w-11 rounded-md border border-stone-400 bg-white text-xl font-bold disabled:text-stone-400"
                  aria-label={`One more ${t.name} ticket`} disabled={Boolean(reason) || n >= max} onClick={() => set(t.id, n + 1)}>+</button>
              </div>
            </li>
          );
        })}
      </ul>
      <p aria-live="polite" className="mt-2 text-sm text-stone-700">{total} {total === 1 ? "ticket" : "tickets"} chosen</p>
    </fieldset>
  );
}
