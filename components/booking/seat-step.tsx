"use client";
// The seat step of a seated session: a seat per attendee, by the drawn map, by the list, or best available.
import { useCallback, useEffect, useMemo, useState } from "react";
import { ErrorSummary, type FormError } from "@/components/ui/error-summary";
import { SelectField } from "@/components/ui/field";
import { Button } from "@/components/ui/button";
import { formatMoney } from "@/lib/format";
import { describeSeat, flagText, seatName, seatRows } from "@/lib/seating/map-style";
import { bestSeatsFor, nextSeeker, seatSuits, wheelchairHint, whyNotSuitable, asksForWheelchairSpace, type SeatSeeker } from "@/lib/seating/seat-choice";
import { SeatLegend, SeatMap, type MapSeat } from "./seat-map";
import { StepNav } from "./step-nav";
import { attendeeName, seatClassOf, type DraftAttendee } from "./types";
import type { StepProps } from "./types";

type SeatMapResponse = { plan: { id: string; name: string } | null; seats: MapSeat[] };

/** The session's seats with their states, fetched when the step opens and refreshed while it is open. */
function useSessionSeats(sessionId: string) {
  const [data, setData] = useState<SeatMapResponse | null>(null);
  const [failed, setFailed] = useState(false);
  const load = useCallback(async () => {
    const res = await fetch(`/api/v1/sessions/${sessionId}/seats`, { cache: "no-store" }).catch(() => null);
    if (!res?.ok) { setFailed(true); return null; }
    const body = await res.json() as SeatMapResponse;
    setFailed(false);
    setData(body);
    return body;
  }, [sessionId]);
  useEffect(() => {
    void load();
    const timer = setInterval(load, 20_000);
    return () => clearInterval(timer);
  }, [load]);
  return { data, failed, load };
}

const SEAT_FIELD = /^attendees\.(\d+)\.seatId$/;

export function SeatStep({ draft, update, next, back, sessions, templates }: StepProps) {
  const session = sessions.find((s) => s.id === draft.sessionId)!;
  const { data, failed, load } = useSessionSeats(session.id);
  const [attempt, setAttempt] = useState(0);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [announcement, setAnnouncement] = useState("");
  const [busy, setBusy] = useState(false);

  const wheelchairTemplates = useMemo(
    () => new Set(templates.filter((t) => asksForWheelchairSpace([t.code])).map((t) => t.id)), [templates]);
  const people: SeatSeeker[] = draft.attendees.map((a) => ({
    seatClass: seatClassOf(session, a.ticketTypeId),
    wheelchair: !a.none && a.requirements.some((r) => wheelchairTemplates.has(r.templateId)),
    seatId: a.seatId,
  }));
  const typeOf = (a: DraftAttendee) => session.ticketTypes.find((t) => t.id === a.ticketTypeId) ?? (session.ticketTypes.length === 1 ? session.ticketTypes[0] : undefined);
  const seats = data?.seats ?? [];
  const seatById = useMemo(() => new Map(seats.map((s) => [s.id, s])), [seats]);
  const choosable = useMemo(() => seats.map((s) => ({ ...s, available: s.state === "available" })), [seats]);
  const chosenBy = new Map(draft.attendees.flatMap((a, i) => (a.seatId ? [[a.seatId, i + 1] as const] : [])));

  // Problems the server found with a seat (one taken since it was chosen), until that attendee's seat changes.
  const serverErrors = Object.fromEntries(Object.entries(draft.serverFields).filter(([path]) => SEAT_FIELD.test(path)));
  const allErrors = { ...serverErrors, ...errors };
  const summary: FormError[] = draft.attendees.flatMap((_, i) => {
    const message = allErrors[`attendees.${i}.seatId`];
    return message ? [{ path: `attendees.${i}.seatId`, message }] : [];
  });

  const assign = (i: number, seat: MapSeat | null) => {
    const path = `attendees.${i}.seatId`;
    setErrors(({ [path]: _, ...rest }) => rest);
    update((d) => ({
      ...d,
      attendees: d.attendees.map((a, k) => (k === i ? { ...a, seatId: seat?.id ?? null, seatLabel: seat ? seatName(seat) : null } : a)),
      serverFields: Object.fromEntries(Object.entries(d.serverFields).filter(([p]) => p !== path)),
    }));
  };

  const onSeat = (seat: MapSeat) => {
    const holder = draft.attendees.findIndex((a) => a.seatId === seat.id);
    if (holder >= 0) {
      assign(holder, null);
      setAnnouncement(`${seatName(seat)} is no longer chosen for ${attendeeName(draft.attendees[holder], holder)}.`);
      return;
    }
    if (seat.state !== "available") {
      setAnnouncement(`${seatName(seat)} is ${seat.state === "blocked" ? "not for sale" : "taken"}.`);
      return;
    }
    const i = nextSeeker(seat, people);
    if (i == null) {
      const why = whyNotSuitable(seat, people);
      setAnnouncement(why
        ? `${seatName(seat)} ${why}.`
        : `Everyone who can sit in ${seatName(seat)} has a seat. Select a chosen seat to free it, or change seats in the list.`);
      return;
    }
    assign(i, seat);
    setAnnouncement(`${seatName(seat)} chosen for ${attendeeName(draft.attendees[i], i)}.`);
  };

  const chooseBest = () => {
    const { seatIds, unplaced } = bestSeatsFor(choosable, people);
    update((d) => ({
      ...d,
      attendees: d.attendees.map((a, i) => {
        const seat = seatIds[i] ? seatById.get(seatIds[i]!) : undefined;
        return seat ? { ...a, seatId: seat.id, seatLabel: seatName(seat) } : a;
      }),
      serverFields: Object.fromEntries(Object.entries(d.serverFields).filter(([p]) => !SEAT_FIELD.test(p))),
    }));
    setErrors({});
    const placed = draft.attendees.map((a, i) => (seatIds[i] ? `${attendeeName(a, i)}: ${seatName(seatById.get(seatIds[i]!)!)}` : null)).filter(Boolean);
    setAnnouncement([
      placed.length ? `Seats chosen. ${placed.join("; ")}.` : "",
      unplaced.length ? `No block of seats side by side is left for ${unplaced.join(", ")} tickets: choose those seats one by one.` : "",
    ].join(" ").trim());
  };

  /** Every attendee has a seat that is still free, of their ticket's class. Checked against a fresh map. */
  const check = (map: MapSeat[]) => {
    const byId = new Map(map.map((s) => [s.id, s]));
    const found: Record<string, string> = {};
    draft.attendees.forEach((a, i) => {
      const path = `attendees.${i}.seatId`;
      const seat = a.seatId ? byId.get(a.seatId) : undefined;
      if (!a.seatId) found[path] = `Choose a seat for ${attendeeName(a, i)}`;
      else if (!seat) found[path] = `The seat chosen for ${attendeeName(a, i)} is not on this session's plan; choose another seat`;
      else if (seat.state !== "available") found[path] = `${seatName(seat)} has just been taken; choose another seat for ${attendeeName(a, i)}`;
      else if (!seatSuits(seat, people[i]))
        found[path] = people[i].seatClass && seat.seatClass !== people[i].seatClass
          ? `${seatName(seat)} is a ${seat.seatClass} seat; choose a ${people[i].seatClass} seat for ${attendeeName(a, i)}`
          : `${seatName(seat)} is a wheelchair space; choose another seat for ${attendeeName(a, i)}`;
    });
    return found;
  };

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setBusy(true);
    const fresh = await load();
    setBusy(false);
    const found = check(fresh?.seats ?? seats);
    setErrors(found);
    if (Object.keys(found).length || Object.keys(serverErrors).length) { setAttempt((n) => n + 1); return; }
    next();
  };

  const classNames = new Map(session.ticketTypes.filter((t) => t.seatClass)
    .map((t) => [t.seatClass!, `${t.name} ticket, ${formatMoney(t.priceAmount, t.currency)}`]));
  const rows = seatRows(seats);
  const stateWord = (s: MapSeat) => {
    const holder = chosenBy.get(s.id);
    // The attendee's number is what the map prints on the seat.
    if (holder) return `chosen for ${attendeeName(draft.attendees[holder - 1], holder - 1)}, attendee ${holder}`;
    return s.state === "available" ? "available" : s.state === "blocked" ? "not for sale" : "taken";
  };

  return (
    <form noValidate onSubmit={submit} className="space-y-6">
      <ErrorSummary errors={summary} attempt={attempt} />
      <p className="text-stone-700">
        Choose a seat for each attendee: select seats on the plan, pick them from the lists below the plan, or let us choose the
        best seats side by side. Each attendee sits in a seat of their ticket&apos;s class.
      </p>
      {failed && !data && (
        <div role="alert" className="rounded-md border-2 border-red-700 bg-red-50 p-4">
          <p className="font-semibold text-red-800">The seating plan could not be loaded.</p>
          <Button type="button" variant="secondary" className="mt-2" onClick={() => void load()}>Try again</Button>
        </div>
      )}
      {!data && !failed && <p role="status">Loading the seating plan…</p>}
      {data && (
        <>
          <div className="flex flex-wrap items-center gap-3">
            <Button type="button" variant="secondary" onClick={chooseBest}>Choose the best available seats</Button>
          </div>
          <p role="status" aria-live="polite" className="min-h-6 font-medium text-stone-800">{announcement}</p>
          <SeatMap seats={seats} planName={data.plan?.name ?? "Seating plan"} chosenBy={chosenBy}
            describe={(s) => `${describeSeat(s)}, ${stateWord(s)}`} onSeat={onSeat} />
          <SeatLegend seats={seats} classNames={classNames} />

          <fieldset className="space-y-4 rounded-lg border border-stone-300 bg-white p-4">
            <legend className="px-1 text-lg font-semibold">Seats by attendee</legend>
            <p className="text-sm text-stone-700">The lists offer every free seat that suits each attendee&apos;s ticket, by section and row.</p>
            <ol className="space-y-4">
              {draft.attendees.map((a, i) => {
                const person = people[i];
                const type = typeOf(a);
                const current = a.seatId ? seatById.get(a.seatId) : undefined;
                return (
                  <li key={a.key}>
                    <SelectField name={`attendees.${i}.seatId`}
                      label={<>Seat for {attendeeName(a, i)} <span className="font-normal text-stone-700">(attendee {i + 1}{type ? `, ${type.name} ticket` : ""})</span></>}
                      hint={wheelchairHint(choosable, person) ?? undefined}
                      error={allErrors[`attendees.${i}.seatId`]}
                      value={a.seatId ?? ""}
                      onChange={(e) => {
                        const seat = seatById.get(e.target.value) ?? null;
                        assign(i, seat);
                        if (seat) setAnnouncement(`${seatName(seat)} chosen for ${attendeeName(a, i)}.`);
                      }}>
                      <option value="">No seat chosen</option>
                      {current && current.state !== "available" && <option value={current.id}>{seatName(current)} (taken)</option>}
                      {rows.map((g) => {
                        const options = g.seats.filter((s) => s.id === a.seatId
                          || (s.state === "available" && !chosenBy.has(s.id) && seatSuits(s, person)));
                        if (!options.length) return null;
                        return (
                          <optgroup key={g.label} label={`${g.label} (${g.seats[0].seatClass})`}>
                            {options.map((s) => (
                              <option key={s.id} value={s.id}>
                                {`${g.label}, seat ${s.number}`}{s.flags.map((f) => `, ${flagText[f]?.label ?? f}`).join("")}
                              </option>
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
        </>
      )}
      <StepNav onBack={back} busy={busy} />
    </form>
  );
}
