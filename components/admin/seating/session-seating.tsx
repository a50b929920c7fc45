"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useMemo, useState, useTransition } from "react";
import { FormFrame } from "@/components/admin/form-frame";
import { useActionForm } from "@/components/admin/use-action-form";
import { Button } from "@/components/ui/button";
import { SelectField, TextField } from "@/components/ui/field";
import type { StaffAction } from "@/lib/auth/staff-action";
import type { blockSessionSeats as block, unblockSessionSeats as unblock } from "@/lib/catalog/seating-plans";
import { FLAG_MARKS, STATE_MARKS } from "@/lib/seating/draw";
import { useRovingSeats } from "@/components/ui/roving-seats";
import { inMapUnits } from "@/lib/seating/map-style";
import { selectRange } from "@/lib/seating/select-range";
import { sessionSeatingPlanSchema } from "@/lib/validations/seating";
import { SeatLegend, SeatMap, seatDescription, seatName, type MapSeat, type SeatProps } from "./seat-map";

export function SessionPlanForm({ sessionId, planId, plans, locked, setSessionSeatingPlan }: {
  sessionId: string; planId: string | null; plans: { id: string; label: string }[]; locked: string | null;
  setSessionSeatingPlan: StaffAction;
}) {
  const router = useRouter();
  const { form, submit, errors, attempt, problem, saved } = useActionForm<{ sessionId: string; planId: string }, null>({
    schema: sessionSeatingPlanSchema,
    action: setSessionSeatingPlan,
    defaultValues: { sessionId, planId: planId ?? "" },
    onSuccess: () => router.refresh(),
  });
  return (
    <FormFrame label="Seating plan of this session" onSubmit={submit} errors={errors} attempt={attempt} problem={problem}
      saved={saved} submitting={form.formState.isSubmitting} submitLabel="Save seating plan">
      <SelectField label="Seating plan" error={form.formState.errors.planId?.message}
        hint={locked ?? "Customers choose seats of this plan. None sells places without seat numbers."} {...form.register("planId")}>
        <option value="">None: places without seat numbers</option>
        {plans.map((p) => <option key={p.id} value={p.id}>{p.label}</option>)}
      </SelectField>
    </FormFrame>
  );
}

export type BlockerSeat = MapSeat & { bookingReference: string | null; note: string | null };

type Outcome = { tone: "ok" | "problem"; text: string };

/** Seats of a session: pick them on the map, in the list or by a range, then block or unblock them. */
export function SeatBlocker({ sessionId, seats, blockSessionSeats, unblockSessionSeats }: {
  sessionId: string; seats: BlockerSeat[];
  blockSessionSeats: StaffAction<Awaited<ReturnType<typeof block>>>; unblockSessionSeats: StaffAction<Awaited<ReturnType<typeof unblock>>>;
}) {
  const router = useRouter();
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [range, setRange] = useState("");
  const [rangeError, setRangeError] = useState<string | null>(null);
  const [note, setNote] = useState("");
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [pending, start] = useTransition();

  const toggle = (id: string) => setSelected((cur) => {
    const next = new Set(cur);
    if (next.has(id)) next.delete(id); else next.add(id);
    return next;
  });

  const run = (kind: "block" | "unblock") => start(async () => {
    const seatIds = [...selected];
    const result = kind === "block"
      ? await blockSessionSeats({ sessionId, seatIds, note })
      : await unblockSessionSeats({ sessionId, seatIds });
    if (!result.ok) {
      setOutcome({ tone: "problem", text: Object.values(result.fields ?? {})[0] ?? result.message });
      return;
    }
    if ("blocked" in result.data) {
      const d = result.data;
      const parts = [d.blocked.length ? `Blocked ${d.blocked.length} ${d.blocked.length === 1 ? "seat" : "seats"}: ${d.blocked.join(", ")}.` : "No seat was blocked."];
      if (d.alreadyBlocked.length) parts.push(`Already blocked: ${d.alreadyBlocked.join(", ")}.`);
      if (d.unavailable.length) parts.push(`Could not block, taken by a customer: ${d.unavailable.map((u) => `${u.seat} (${u.status})`).join(", ")}.`);
      setOutcome({ tone: d.unavailable.length ? "problem" : "ok", text: parts.join(" ") });
    } else {
      const d = result.data;
      setOutcome({ tone: "ok", text: `Unblocked ${d.unblocked.length} ${d.unblocked.length === 1 ? "seat" : "seats"}${d.unblocked.length ? `: ${d.unblocked.join(", ")}` : ""}.${d.notBlocked ? ` ${d.notBlocked} chosen ${d.notBlocked === 1 ? "seat was" : "seats were"} not blocked.` : ""}` });
    }
    setSelected(new Set());
    router.refresh();
  });

  // By keyboard the map is one tab stop: the arrow keys move between seats as drawn (lib/seating/map-keys.ts,
  // on positions at one seat pitch), Enter or Space chooses or frees the seat.
  const pitched = useMemo(() => inMapUnits(seats), [seats]);
  const { seatFocusProps, focusedId, moveTo } = useRovingSeats(pitched, undefined, toggle);
  const seatProps = (s: MapSeat): SeatProps => ({
    role: "checkbox", "aria-checked": selected.has(s.id), "aria-label": `Map seat ${seatDescription(s)}`, className: "outline-none",
    ...seatFocusProps(s.id),
  });

  const counts = Object.fromEntries((["available", "held", "booked", "blocked"] as const).map((s) => [s, seats.filter((x) => x.state === s).length]));

  return (
    <div className="space-y-4">
      <p>{counts.available} available, {counts.held} held in checkout, {counts.booked} booked, {counts.blocked} blocked.</p>
      <SeatMap seats={seats} idPrefix="session-map" label={`Seat map of this session: ${seats.length} seats; ${selected.size} chosen. The list below has every seat.`}
        selected={selected} onSeatClick={(id) => { moveTo(id); toggle(id); }} seatProps={seatProps} focusedId={focusedId} describedBy="session-map-keys" />
      <SeatLegend seats={seats} idPrefix="session-map" states />
      <p id="session-map-keys" className="text-sm text-stone-700">
        Click seats on the map, tick them in the list, or choose a range. Chosen seats have a dashed ring. With a keyboard: Tab to
        the map, move between seats with the arrow keys (Home and End go to the ends of a row, Page Up and Page Down five rows),
        and press Enter or Space to choose or free a seat.
      </p>

      <div className="space-y-4 rounded-lg border border-stone-300 bg-white p-5">
        <div className="flex flex-wrap items-end gap-3">
          <div className="min-w-64 flex-1 space-y-1">
            <label htmlFor="seat-range" className="block font-medium text-stone-900">Choose seats by range</label>
            <p id="seat-range-hint" className="text-sm text-stone-600">For example “Stalls row A seats 1-4”, or “Stalls row B” for a whole row</p>
            {/* Always present, so a screen reader announces a range it could not read when the message appears. */}
            <p id="seat-range-error" role="alert" className="text-sm font-medium text-red-700 empty:hidden">{rangeError ?? ""}</p>
            <input id="seat-range" value={range} onChange={(ev) => setRange(ev.target.value)}
              aria-describedby={rangeError ? "seat-range-hint seat-range-error" : "seat-range-hint"} aria-invalid={rangeError ? true : undefined}
              onKeyDown={(ev) => { if (ev.key === "Enter") { ev.preventDefault(); document.getElementById("seat-range-add")?.click(); } }}
              className={`mt-1 block w-full rounded-md border bg-white px-3 py-2.5 text-base shadow-sm ${rangeError ? "border-red-700" : "border-stone-400"}`} />
          </div>
          <Button id="seat-range-add" type="button" variant="secondary" onClick={() => {
            const found = selectRange(seats, range);
            if ("error" in found) return setRangeError(found.error);
            setRangeError(null);
            setSelected((cur) => new Set([...cur, ...found.seats.map((s) => s.id)]));
          }}>Add to chosen seats</Button>
        </div>
        <TextField label="Note for blocked seats" optional name="block-note" value={note} onChange={(ev) => setNote(ev.target.value)}
          hint="For example house seats or broken seat" maxLength={200} />
        <div className="flex flex-wrap items-center gap-3">
          <Button type="button" busy={pending} busyLabel="Saving…" disabled={selected.size === 0} onClick={() => run("block")}>
            Block chosen seats ({selected.size})
          </Button>
          <Button type="button" variant="secondary" disabled={selected.size === 0 || pending} onClick={() => run("unblock")}>Unblock chosen seats</Button>
          <Button type="button" variant="secondary" disabled={selected.size === 0 || pending} onClick={() => setSelected(new Set())}>Clear choice</Button>
        </div>
        <div role="status" aria-live="polite">
          {outcome && <p className={outcome.tone === "ok" ? "font-medium text-brand-800" : "rounded-md border-2 border-red-700 bg-red-50 p-3 font-medium text-red-800"}>{outcome.text}</p>}
        </div>
      </div>

      <div className="overflow-x-auto rounded-lg border border-stone-300 bg-white">
        <table className="w-full text-left">
          <caption className="sr-only">Every seat of this session with its state</caption>
          <thead className="bg-stone-100 text-sm"><tr>
            <th scope="col" className="p-2">Choose</th><th scope="col" className="p-2">Seat</th><th scope="col" className="p-2">Class</th>
            <th scope="col" className="p-2">Marks</th><th scope="col" className="p-2">State</th>
          </tr></thead>
          <tbody>
            {seats.map((s) => (
              <tr key={s.id} className="border-t border-stone-200">
                <td className="p-2"><input id={`seat-${s.id}`} type="checkbox" className="h-5 w-5" checked={selected.has(s.id)} onChange={() => toggle(s.id)} /></td>
                <td className="p-2"><label htmlFor={`seat-${s.id}`}>{seatName(s)}</label></td>
                <td className="p-2">{s.seatClass}</td>
                <td className="p-2">{s.flags.map((f) => FLAG_MARKS[f].label).join(", ")}</td>
                <td className="p-2">
                  {STATE_MARKS[s.state ?? "available"].label}
                  {s.bookingReference && <> · <Link href={`/admin/bookings/${s.bookingReference}`} className="font-mono underline">{s.bookingReference}</Link></>}
                  {s.state === "blocked" && s.note && <> · {s.note}</>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
