"use client";
import { useEffect, useState } from "react";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { sessionStepSchema } from "@/lib/validations/booking";
import { formatMoney, formatSessionWhen } from "@/lib/format";
import { assignTicketTypes, checkTicketMix, countTickets, sellableTypes } from "@/lib/booking/ticket-mix";
import { fromPrice } from "@/lib/catalog/public-ticket-types";
import { ErrorSummary, flattenErrors } from "@/components/ui/error-summary";
import { StepNav } from "./step-nav";
import { TicketPicker } from "./ticket-picker";
import { PresaleCodeField } from "./presale-code";
import { newAttendee, type Draft, type WizardSession, type WizardTicketType } from "./types";
import type { StepProps } from "./types";

type Live = { available: Record<string, number>; types: Record<string, WizardTicketType[]> };

/** Places left per session and per ticket type, refreshed while the customer is choosing. */
function useLiveAvailability(sessions: WizardSession[]): Live {
  const [live, setLive] = useState<Live>(() => ({
    available: Object.fromEntries(sessions.map((s) => [s.id, s.available])),
    types: Object.fromEntries(sessions.map((s) => [s.id, s.ticketTypes])),
  }));
  const ids = sessions.map((s) => s.id).join(",");
  useEffect(() => {
    const refresh = async () => {
      const results = await Promise.all(ids.split(",").filter(Boolean).map(async (id) => {
        const res = await fetch(`/api/v1/sessions/${id}/availability`, { cache: "no-store" }).catch(() => null);
        if (!res?.ok) return null;
        const body = await res.json() as { available: number; ticketTypes?: WizardTicketType[] };
        return { id, available: body.available, types: body.ticketTypes };
      }));
      setLive((prev) => {
        const next = { available: { ...prev.available }, types: { ...prev.types } };
        for (const r of results) {
          if (!r) continue;
          // Places a waiting-list offer holds for this customer count as theirs (the server checks the offer).
          next.available[r.id] = r.available + (sessions.find((x) => x.id === r.id)?.heldForYou ?? 0);
          if (r.types) next.types[r.id] = r.types;
        }
        return next;
      });
    };
    const timer = setInterval(refresh, 15_000);
    return () => clearInterval(timer);
  }, [ids]);
  return live;
}

/** Ticket counts for a session from the draft: attendees of a type it does not sell count as its first type on sale. */
function initialCounts(draft: Draft, types: WizardTicketType[]) {
  const known = new Set(types.map((t) => t.id));
  const fallback = sellableTypes(types)[0]?.id ?? null;
  return countTickets(draft.attendees.map((a) => ({ ticketTypeId: a.ticketTypeId && known.has(a.ticketTypeId) ? a.ticketTypeId : null })), fallback);
}

export function SessionStep({ course, sessions, draft, update, next, revealPresaleTickets }: StepProps) {
  const live = useLiveAvailability(sessions);
  const available = live.available;
  // The live refresh knows only public types: those a presale code unlocked stay offered beside them.
  const typesOf = (id: string) => {
    const own = live.types[id] ?? sessions.find((s) => s.id === id)?.ticketTypes ?? [];
    const unlocked = (draft.presale?.types[id] ?? []).filter((t) => !own.some((o) => o.id === t.id));
    return [...own, ...unlocked];
  };
  const [attempt, setAttempt] = useState(0);
  const [counts, setCounts] = useState<Record<string, number>>(() => initialCounts(draft, typesOf(draft.sessionId)));
  const [ticketErrors, setTicketErrors] = useState<Record<string, string>>({});
  const { register, handleSubmit, setError, watch, formState: { errors } } = useForm({
    resolver: zodResolver(sessionStepSchema),
    shouldFocusError: false, // the error summary takes focus and links to each field
    // A session that has sold out since it was chosen starts unchosen: its radio is disabled.
    defaultValues: { sessionId: sessions.some((s) => s.id === draft.sessionId && (available[s.id] ?? s.available) > 0) ? draft.sessionId : "" },
  });
  const chosenId = watch("sessionId");
  const chosenTypes = chosenId ? typesOf(chosenId) : [];
  const picking = chosenTypes.length > 1;
  // A different session may sell different types: start its counts from the draft again.
  const [countsFor, setCountsFor] = useState(draft.sessionId);
  if (chosenId && chosenId !== countsFor) {
    setCountsFor(chosenId);
    setCounts(initialCounts(draft, typesOf(chosenId)));
    setTicketErrors({});
  }

  const onValid = (v: { sessionId: string }) => {
    // The live count may have reached zero after the radio was checked.
    if ((available[v.sessionId] ?? 0) <= 0) {
      setError("sessionId", { message: "That session is sold out. Choose another session" });
      setAttempt((n) => n + 1);
      return;
    }
    const types = typesOf(v.sessionId);
    const mix = types.length > 1 ? checkTicketMix(types, counts, available[v.sessionId] ?? 0) : {};
    setTicketErrors(mix);
    if (Object.keys(mix).length) { setAttempt((n) => n + 1); return; }
    const paymentOption = sessions.find((s) => s.id === v.sessionId)?.depositAvailable ? draft.paymentOption : "full";
    const sameSession = v.sessionId === draft.sessionId;
    // Seats belong to one session; a single-type session needs no type on each attendee.
    const kept = draft.attendees.map((a) => (sameSession ? a : { ...a, seatId: null, seatLabel: null }));
    const unlockedOnly = types.length === 1 && (draft.presale?.types[v.sessionId] ?? []).some((t) => t.id === types[0].id);
    const attendees = unlockedOnly ? kept.map((a) => ({ ...a, ticketTypeId: types[0].id }))
      : types.length > 1
      ? assignTicketTypes(kept, Object.fromEntries(Object.entries(counts).filter(([, n]) => n > 0)), newAttendee)
        .map((a) => (a.seatId ? a : { ...a, seatLabel: null }))
      : kept.map((a) => ({ ...a, ticketTypeId: null }));
    update({ sessionId: v.sessionId, paymentOption, attendees, serverFields: {} });
    next();
  };
  const summaryErrors = [...flattenErrors(errors), ...Object.entries(ticketErrors).map(([path, message]) => ({ path, message }))];

  if (!sessions.length)
    return <p>There are no upcoming sessions of this course to book at the moment.</p>;

  return (
    <form noValidate onSubmit={handleSubmit(onValid, () => setAttempt((n) => n + 1))} className="space-y-4">
      <ErrorSummary errors={summaryErrors} attempt={attempt} />
      <fieldset id="sessionId" tabIndex={-1} aria-describedby={errors.sessionId ? "sessionId-error" : undefined}>
        <legend className="mb-2 font-medium">Sessions of {course.title}</legend>
        {errors.sessionId && <p id="sessionId-error" className="mb-2 text-sm font-medium text-red-700">{errors.sessionId.message}</p>}
        <ul className="space-y-3">
          {sessions.map((s) => {
            const left = available[s.id] ?? s.available;
            const full = left <= 0;
            const types = typesOf(s.id);
            const from = types.length > 1 ? fromPrice(types) : null;
            return (
              <li key={s.id}>
                <label className={`flex cursor-pointer gap-3 rounded-lg border bg-white p-4 has-[:checked]:border-brand-600 has-[:checked]:ring-2 has-[:checked]:ring-brand-600 ${full ? "cursor-not-allowed opacity-70" : "border-stone-300"}`}>
                  <input type="radio" value={s.id} disabled={full} {...register("sessionId")} className="mt-1 h-5 w-5 accent-brand-700" />
                  <span className="flex-1">
                    <span className="block font-semibold">{formatSessionWhen(s.startsAt, s.endsAt, s.timeZone)}</span>
                    <span className="block text-stone-700">{s.venueName}, {s.venueCity}</span>
                    <span className="block text-stone-700">
                      {from != null
                        ? <>{types.length} ticket types, from {formatMoney(from, course.currency)} per person</>
                        : <>{formatMoney(types.length === 1 ? types[0].priceAmount : course.priceAmount, course.currency)} per person</>}
                      {s.depositAvailable && course.depositAmount != null && <> · deposit {formatMoney(course.depositAmount, course.currency)} available</>}
                    </span>
                    {s.seated && <span className="block text-stone-700">Reserved seating: you choose your seats on the plan</span>}
                    <span className={`mt-1 inline-block rounded px-2 py-0.5 text-sm font-semibold ${full ? "bg-stone-200 text-stone-800" : left <= 3 ? "bg-amber-100 text-amber-900" : "bg-brand-50 text-brand-800"}`}>
                      {full ? "Sold out" : `${left} ${left === 1 ? "place" : "places"} left`}
                    </span>
                  </span>
                </label>
                {full && (
                  <a href={`/waitlist/join?session=${s.id}`} className="mt-1 inline-block font-medium text-brand-700 underline">
                    Join the waiting list<span className="sr-only"> for {formatSessionWhen(s.startsAt, s.endsAt, s.timeZone)}</span>
                  </a>
                )}
              </li>
            );
          })}
        </ul>
      </fieldset>
      {picking && (
        <TicketPicker types={chosenTypes} counts={counts} errors={ticketErrors}
          timeZone={sessions.find((s) => s.id === chosenId)?.timeZone ?? "UTC"}
          onChange={(c) => { setCounts(c); if (Object.keys(ticketErrors).length) setTicketErrors({}); }} />
      )}
      <PresaleCodeField revealPresaleTickets={revealPresaleTickets} courseSlug={course.slug} applied={draft.presale}
        onApplied={(presale) => update({ presale, discountCode: presale.code })}
        onRemove={() => {
          const unlocked = new Set(Object.values(draft.presale?.types ?? {}).flat().map((t) => t.id));
          setCounts((c) => Object.fromEntries(Object.entries(c).filter(([id]) => !unlocked.has(id))));
          update((d) => ({
            ...d, presale: undefined, discountCode: d.discountCode === d.presale?.code ? undefined : d.discountCode,
            attendees: d.attendees.map((a) => (a.ticketTypeId && unlocked.has(a.ticketTypeId) ? { ...a, ticketTypeId: null } : a)),
          }));
        }} />
      <StepNav />
    </form>
  );
}
