"use client";
// The first step at a time-slot offering: a date, then a start and an end time among the spans that can
// still be booked for the party, with the price shown as it changes.
import { useEffect, useMemo, useState } from "react";
import { useForm } from "react-hook-form";
import { stepResolver } from "@/components/ui/step-resolver";
import { slotStepSchema } from "@/lib/validations/booking";
import { bookableEnds, bookableStarts, quoteOffered, type OfferedSlot } from "@/lib/slots/bookable";
import { formatMoney } from "@/lib/format";
import { ErrorSummary, flattenErrors } from "@/components/ui/error-summary";
import { SelectField, TextField } from "@/components/ui/field";
import { StepNav } from "./step-nav";
import { slotRateText, type DraftSpan } from "./slot-types";
import type { StepProps } from "./types";

type Values = { span: DraftSpan };
type Availability = { reason: string | null; note?: string | null; openingHours: { open: string; close: string }[]; slots: OfferedSlot[] };

export function useDayAvailability(offeringId: string, date: string) {
  const [state, setState] = useState<{ date: string; data: Availability | null; failed: boolean } | null>(null);
  useEffect(() => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return;
    let live = true;
    fetch(`/api/v1/availability/${offeringId}?date=${date}`, { cache: "no-store" })
      .then(async (res) => (res.ok ? (await res.json()) as Availability : null))
      .catch(() => null)
      .then((data) => { if (live) setState({ date, data, failed: data === null }); });
    return () => { live = false; };
  }, [offeringId, date]);
  return state?.date === date ? state : null;
}

export function SlotStep({ slotOffering, draft, update, next }: StepProps) {
  const o = slotOffering!;
  const people = Math.max(1, draft.attendees.length);
  const rule = { people, minSlots: o.minSpanMinutes / o.slotMinutes, maxSlots: o.maxSpanMinutes / o.slotMinutes };
  const [attempt, setAttempt] = useState(0);
  const { register, handleSubmit, watch, setValue, setError, formState: { errors } } = useForm<Values>({
    resolver: stepResolver<Values>(slotStepSchema),
    shouldFocusError: false, // the error summary takes focus and links to each field
    defaultValues: { span: draft.span ?? { date: "", startsAt: "", endsAt: "" } },
  });
  const date = watch("span.date");
  const startsAt = watch("span.startsAt");
  const endsAt = watch("span.endsAt");
  const day = useDayAvailability(o.id, date);
  const slots = useMemo(() => day?.data?.slots ?? [], [day]);

  const starts = useMemo(() => bookableStarts(slots, rule), [slots, people]); // eslint-disable-line react-hooks/exhaustive-deps
  const from = slots.findIndex((s) => s.start === startsAt);
  const ends = useMemo(() => (from >= 0 ? bookableEnds(slots, from, rule) : []), [slots, from, people]); // eslint-disable-line react-hooks/exhaustive-deps
  const to = slots.findIndex((s) => s.end === endsAt);

  // A start or end that the new day (or fewer places) no longer offers is cleared, never kept silently.
  useEffect(() => {
    if (!day) return;
    if (startsAt && !starts.some((i) => slots[i].start === startsAt)) setValue("span.startsAt", "");
  }, [day, starts]); // eslint-disable-line react-hooks/exhaustive-deps
  useEffect(() => {
    if (!day) return;
    if (endsAt && !ends.some((j) => slots[j].end === endsAt)) setValue("span.endsAt", "");
  }, [day, ends]); // eslint-disable-line react-hooks/exhaustive-deps

  const quote = from >= 0 && to >= from && ends.includes(to) ? quoteOffered(slots, from, to) : null;
  const money = (n: number) => formatMoney(n, o.currency);
  const hours = (n: number) => `${(n * o.slotMinutes) / 60} ${n * o.slotMinutes === 60 ? "hour" : "hours"}`;

  const onValid = (v: Values) => {
    if (!day?.data) {
      setError("span.date", { message: "Choose a date the location is open" });
      setAttempt((n) => n + 1);
      return;
    }
    if (!starts.some((i) => slots[i].start === v.span.startsAt)) {
      setError("span.startsAt", { message: "That start time can no longer be booked. Choose another" });
      setAttempt((n) => n + 1);
      return;
    }
    if (!ends.some((j) => slots[j].end === v.span.endsAt)) {
      setError("span.endsAt", { message: "Choose an end time from the list" });
      setAttempt((n) => n + 1);
      return;
    }
    const places = Math.min(...slots.slice(from, to + 1).map((s) => s.available));
    update({ span: { ...v.span, places }, paymentOption: "full" });
    next();
  };

  const status = !date ? null
    : !day ? "Loading times…"
    : day.failed ? "Times for this date could not be loaded. Choose the date again or try later."
    : day.data!.reason ? `${day.data!.reason}.`
    : starts.length === 0 ? `No times left with room for ${people} ${people === 1 ? "person" : "people"} on this date.`
    : `Open ${day.data!.openingHours.map((h) => `${h.open}–${h.close}`).join(" and ")}${day.data!.note ? ` (${day.data!.note})` : ""}.`;

  return (
    <form noValidate onSubmit={handleSubmit(onValid, () => setAttempt((n) => n + 1))} className="space-y-5">
      <ErrorSummary errors={flattenErrors(errors)} attempt={attempt} />
      <div className="rounded-lg border border-stone-300 bg-white p-4">
        <p className="font-medium">{o.locationName}, {o.locationCity}</p>
        <p className="text-stone-700">
          {money(o.standardRateAmount)} per person per {o.slotMinutes === 60 ? "hour" : `${o.slotMinutes} minutes`},
          {" "}{money(o.peakRateAmount)} at peak times. Book {hours(rule.minSlots)} to {hours(rule.maxSlots)}.
        </p>
      </div>
      <TextField type="date" label="Date" {...register("span.date")} min={o.firstDate} max={o.lastDate}
        hint={`Times are local to the location (${o.timeZone}).`} error={errors.span?.date?.message} />
      <p role="status" aria-live="polite" className="text-stone-800">{status}</p>
      <div className="grid gap-4 sm:grid-cols-2">
        <SelectField label="Start time" {...register("span.startsAt")} error={errors.span?.startsAt?.message}>
          <option value="">Choose a start time</option>
          {starts.map((i) => (
            <option key={slots[i].start} value={slots[i].start}>{slots[i].localStart}{slots[i].peak ? " (peak)" : ""}</option>
          ))}
        </SelectField>
        <SelectField label="End time" {...register("span.endsAt")} error={errors.span?.endsAt?.message}>
          <option value="">{from >= 0 ? "Choose an end time" : "Choose a start time first"}</option>
          {ends.map((j) => (
            <option key={slots[j].end} value={slots[j].end}>{slots[j].localEnd} ({hours(j - from + 1)})</option>
          ))}
        </SelectField>
      </div>
      <section aria-labelledby="slot-price-title" className="rounded-lg border border-stone-300 bg-white p-4">
        <h2 id="slot-price-title" className="text-lg font-semibold">Price</h2>
        <div aria-live="polite" data-testid="slot-price">
          {quote ? (
            <>
              <ul className="mt-1 space-y-0.5">
                {quote.lines.map((l) => (
                  <li key={l.kind}>{slotRateText(l, o.slotMinutes, money)}</li>
                ))}
              </ul>
              <p className="mt-1 font-semibold">
                {money(quote.perAttendee)} per person
                {people > 1 && <> · {money(quote.perAttendee * people)} for {people} people</>}
              </p>
            </>
          ) : <p className="mt-1 text-stone-700">Choose a date, a start and an end time to see the price.</p>}
        </div>
      </section>
      <StepNav />
    </form>
  );
}
