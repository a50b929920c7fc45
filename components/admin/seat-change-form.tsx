"use client";
// Staff put a seated booking's places in other seats, on its session or on another seated session of the course.
// A seat per place from a list (keyboard and screen readers), or by selecting seats on the drawn map, and an optional
// reason kept in the booking's history for staff. A seat taken meanwhile by another booking is named, and the seats
// offered are brought up to date without reloading the page.
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState, useTransition } from "react";
import { FormFrame } from "@/components/admin/form-frame";
import { useActionForm } from "@/components/admin/use-action-form";
import { SeatLegend, SeatMap, type MapSeat } from "@/components/booking/seat-map";
import { SelectField, TextArea } from "@/components/ui/field";
import type { StaffAction } from "@/lib/auth/staff-action";
import { describeSeat, flagText, seatName, seatRows } from "@/lib/seating/map-style";
import { seatSuits, whyNotSuitable } from "@/lib/seating/seat-choice";
import { MAX_CHANGE_REASON, staffSeatChangeSchema, type StaffSeatChangeInput } from "@/lib/validations/booking-change";

export type SeatChangePlace = { attendeeId: string; position: number; name: string; typeName: string; seatId: string | null; seatLabel: string | null; wheelchair: boolean };
export type SeatChangeSessionOption = {
  id: string; label: string; current: boolean; planName: string; seats: MapSeat[];
  /** Per place: the ticket it would hold on this session, or null when the session does not sell it. */
  places: Record<string, { typeName: string; seatClass: string | null; priceText: string } | null>;
};
type SeatChangeResult = { moved: boolean; refunded: number; creditNoteNumber: string | null; amountOwed: number; checkoutUrl: string | null; priceChange: number };

export function SeatChangeForm({ bookingId, places, sessions, changeBookingSeatsAction }: {
  bookingId: string; places: SeatChangePlace[]; sessions: SeatChangeSessionOption[]; changeBookingSeatsAction: StaffAction<SeatChangeResult>;
}) {
  const router = useRouter();
  const current = sessions.find((s) => s.current)!;
  const [done, setDone] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState("");
  // After a seat was taken: the page's seats are fetched again, then the form says the lists are up to date.
  const [refreshing, startRefresh] = useTransition();
  const afterRefresh = useRef<string | null>(null);
  useEffect(() => {
    if (refreshing || !afterRefresh.current) return;
    setAnnouncement(afterRefresh.current);
    afterRefresh.current = null;
  }, [refreshing]);
  const empty = places.map((p) => ({ attendeeId: p.attendeeId, seatId: "" }));
  const { form, submit, errors, attempt, problem, saved } = useActionForm<StaffSeatChangeInput, SeatChangeResult>({
    schema: staffSeatChangeSchema,
    action: (v) => changeBookingSeatsAction(v),
    defaultValues: { bookingId, sessionId: current.id, seats: empty, reason: "" },
    onFailure: (r) => {
      if (r.code !== "seat_unavailable") return;
      // The seats named taken are no longer offered once the page's seats are fresh: their choice is cleared (the
      // field keeps its error, which names the seat), and the other choices stay.
      const taken: string[] = [];
      places.forEach((_, i) => {
        if (!r.fields?.[`seats.${i}.seatId`]) return;
        const seat = seatById.get(form.getValues(`seats.${i}.seatId`));
        if (seat) taken.push(seatName(seat));
        form.setValue(`seats.${i}.seatId`, "", { shouldDirty: true });
      });
      afterRefresh.current = `${taken.length ? `${taken.join(" and ")} ${taken.length === 1 ? "was" : "were"} just taken by another booking. ` : ""}The seats offered are up to date now: choose another seat.`;
      setAnnouncement("");
      startRefresh(() => router.refresh());
    },
    onSuccess: (r) => {
      setDone(!r.moved ? "Seats changed; new tickets are on their way to the booker."
        : r.creditNoteNumber ? `Moved; credit note ${r.creditNoteNumber} issued and the difference refunded.`
        : r.checkoutUrl ? `Moved; the customer owes the difference and can pay it from their booking page (${r.checkoutUrl}).`
        : r.priceChange < 0 ? `Moved; the new session costs less: the difference came off what the customer still owed${r.amountOwed > 0 ? ", and some is still owed" : ", and nothing is owed now"}.`
        : r.priceChange > 0 ? "Moved; the new session costs more, and the difference is owed: the customer can pay it from their booking page."
        : "Moved; the price is unchanged.");
      form.reset({ bookingId, sessionId: form.getValues("sessionId"), seats: empty, reason: "" });
      router.refresh();
    },
  });
  const sessionId = form.watch("sessionId");
  const chosen = form.watch("seats") ?? empty;
  const session = sessions.find((s) => s.id === sessionId) ?? current;
  const moving = !session.current;
  const seatById = new Map(session.seats.map((s) => [s.id, s]));
  const chosenBy = new Map(chosen.flatMap((c, i) => (c.seatId ? [[c.seatId, i + 1] as const] : [])));
  const who = (i: number) => ({ seatClass: session.places[places[i].attendeeId]?.seatClass ?? null, wheelchair: places[i].wheelchair });
  const e = form.formState.errors;

  const setSeat = (i: number, seatId: string) => {
    form.setValue(`seats.${i}.seatId`, seatId, { shouldDirty: true });
    form.clearErrors([`seats.${i}.seatId`, "seats"]);
  };

  const onSeat = (seat: MapSeat) => {
    const holder = chosen.findIndex((c) => c.seatId === seat.id);
    if (holder >= 0) {
      setSeat(holder, "");
      setAnnouncement(`${seatName(seat)} is no longer chosen for ${places[holder].name}.`);
      return;
    }
    if (seat.state !== "available") {
      setAnnouncement(`${seatName(seat)} is ${seat.state === "blocked" ? "not for sale" : "taken"}.`);
      return;
    }
    const i = places.findIndex((_, k) => !chosen[k]?.seatId && session.places[places[k].attendeeId] && seatSuits(seat, who(k)));
    if (i < 0) {
      const why = whyNotSuitable(seat, places.map((_, k) => who(k)));
      setAnnouncement(why ? `${seatName(seat)} ${why}.` : "Every place has a new seat chosen: select a chosen seat to free it, or change seats in the lists.");
      return;
    }
    setSeat(i, seat.id);
    setAnnouncement(`${seatName(seat)} chosen for ${places[i].name}.`);
  };

  const stateWord = (s: MapSeat) => {
    const n = chosenBy.get(s.id);
    if (n) return `chosen for ${places[n - 1].name}`;
    const mine = !moving && places.find((p) => p.seatId === s.id);
    if (mine) return `${mine.name}'s seat now`;
    return s.state === "available" ? "available" : s.state === "blocked" ? "not for sale" : "taken";
  };
  const rows = seatRows(session.seats);

  return (
    <FormFrame label="Change seats" onSubmit={submit} errors={errors} attempt={attempt} problem={problem} saved={saved} savedText={done}
      submitting={form.formState.isSubmitting} submitLabel={moving ? "Move the booking and change seats" : "Change seats"}>
      <h2 className="text-lg font-semibold">Change seats or move to another night</h2>
      <p className="text-stone-700">
        Choose a new seat for any place on this session, or another session of the course and a seat there for every place. Only
        seats that are free now and suit each ticket are offered; the old seats go back on sale and the booker is emailed new tickets.
      </p>
      <SelectField label="Session" error={e.sessionId?.message} {...form.register("sessionId", {
        onChange: () => { form.setValue("seats", empty); form.clearErrors("seats"); setAnnouncement(""); },
      })}>
        {sessions.map((s) => <option key={s.id} value={s.id}>{s.label}{s.current ? " (this booking's session)" : ""}</option>)}
      </SelectField>
      {moving && <p className="text-stone-700">On the new session: {places.map((p) => {
        const t = session.places[p.attendeeId];
        return t ? `${p.name}, ${t.typeName} ticket (${t.priceText})` : `${p.name}: no ${p.typeName} tickets sold`;
      }).join("; ")}. A dearer session is owed through the balance checkout, a cheaper one refunded with a credit note.</p>}

      <fieldset id="seats" tabIndex={-1} className="space-y-4">
        <legend className="text-base font-semibold">{moving ? "A seat for every place" : "New seats"}</legend>
        {e.seats?.message && <p className="font-medium text-red-700">{e.seats.message}</p>}
        {e.seats?.root?.message && <p className="font-medium text-red-700">{e.seats.root.message}</p>}
        <ol className="space-y-4">
          {places.map((p, i) => {
            const type = session.places[p.attendeeId];
            const mine = chosen[i]?.seatId;
            return (
              <li key={p.attendeeId}>
                <SelectField
                  label={<>New seat for {p.name} <span className="font-normal text-stone-700">({p.typeName} ticket; now {p.seatLabel ?? "no seat"})</span></>}
                  hint={p.wheelchair ? "Asked for step-free access or uses a wheelchair: wheelchair spaces (W) are offered." : undefined}
                  error={e.seats?.[i]?.seatId?.message ?? e.seats?.[i]?.attendeeId?.message}
                  disabled={!type}
                  {...form.register(`seats.${i}.seatId`, {
                    onChange: (ev: React.ChangeEvent<HTMLSelectElement>) => {
                      form.clearErrors("seats");
                      const seat = seatById.get(ev.target.value);
                      if (seat) setAnnouncement(`${seatName(seat)} chosen for ${p.name}.`);
                    },
                  })}>
                  <option value="">{moving ? "No seat chosen" : "Keep the current seat"}</option>
                  {type && rows.map((g) => {
                    const options = g.seats.filter((s) => s.id === mine || (s.state === "available" && !chosenBy.has(s.id) && seatSuits(s, who(i))));
                    if (!options.length) return null;
                    return (
                      <optgroup key={g.label} label={`${g.label} (${g.seats[0].seatClass})`}>
                        {options.map((s) => (
                          <option key={s.id} value={s.id}>{`${g.label}, seat ${s.number}`}{s.flags.map((f) => `, ${flagText[f]?.label ?? f}`).join("")}</option>
                        ))}
                      </optgroup>
                    );
                  })}
                </SelectField>
              </li>
            );
          })}
        </ol>
      </fieldset>

      <TextArea label="Reason" optional error={e.reason?.message}
        hint={`Kept in the booking's history for staff; the customer does not see it. At most ${MAX_CHANGE_REASON} characters.`}
        {...form.register("reason")} />

      <p role="status" aria-live="polite" className="min-h-6 font-medium text-stone-800">{announcement}</p>
      <details className="rounded-md border border-stone-300 p-3">
        <summary className="cursor-pointer font-medium">Seat map of {session.planName}</summary>
        <div className="mt-3 space-y-3">
          <SeatMap seats={session.seats} planName={session.planName} chosenBy={chosenBy}
            describe={(s) => `${describeSeat(s)}, ${stateWord(s)}`} onSeat={onSeat} />
          <SeatLegend seats={session.seats} classNames={new Map()} />
        </div>
      </details>
    </FormFrame>
  );
}
