"use client";
// The review step's discount code field and the server's price with its discounts (what checkout charges).
import { useEffect, useId, useState } from "react";
import type { PricePreview } from "@/lib/booking/preview-price";
import type { PreviewPriceAction } from "@/lib/booking/wizard-actions";

/**
 * Asks the server for the price of the booking as it stands, with `code` and `points` applied. A refused code
 * or number of points comes back as `codeError` / `pointsError` and the price without it is fetched instead, so
 * the page always shows what will be charged.
 */
export function usePricePreview(previewPrice: PreviewPriceAction, payload: Record<string, unknown>, code: string | undefined, points?: number) {
  const key = JSON.stringify(payload);
  const want = `${key}:${code ?? ""}:${points ?? ""}`;
  const [state, setState] = useState<{ key: string; code: string; price: PricePreview | null; codeError: string | null; pointsError: string | null }>(
    { key: "", code: "", price: null, codeError: null, pointsError: null });
  useEffect(() => {
    let live = true;
    const ask = async () => {
      const body = JSON.parse(key) as Record<string, unknown>;
      let withCode = code;
      let withPoints = points;
      let codeError: string | null = null;
      let pointsError: string | null = null;
      // At most three asks: with both, then without what was refused.
      for (let i = 0; i < 3; i++) {
        const r = await previewPrice({ ...body, ...(withCode ? { discountCode: withCode } : {}), ...(withPoints ? { pointsToRedeem: withPoints } : {}) })
          .catch(() => null);
        // The server could not be asked (offline, a deploy): the code is not known to apply, and the page says so.
        if (!r) {
          if (live) setState({ key: want, code: code ?? "", price: null, codeError: code ? "We could not check the code just now. Try again in a moment." : null, pointsError: null });
          return;
        }
        if (r.ok || (!withCode && !withPoints)) {
          if (live) setState({ key: want, code: code ?? "", price: r.ok ? r.price : null, codeError, pointsError });
          return;
        }
        if (withPoints && (r.fields?.pointsToRedeem || !withCode)) {
          pointsError = r.fields?.pointsToRedeem ?? r.message;
          withPoints = undefined;
        } else {
          codeError = r.fields?.discountCode ?? r.message;
          withCode = undefined;
        }
      }
    };
    void ask();
    return () => { live = false; };
  }, [key, code, points, want]);
  const current = state.key === want;
  return {
    price: current ? state.price : null, pointsError: current ? state.pointsError : null, loading: !current,
    // What was last said of this code stands while only the attendees or points are priced again.
    codeError: state.code === (code ?? "") ? state.codeError : null,
    // The code itself is still being checked.
    checkingCode: Boolean(code) && state.code !== code,
  };
}

export function DiscountCodeField({ applied, error, checking, onApply, onRemove }: {
  applied: string | undefined; error: string | null;
  /** The price with the code is still being asked for: it is not yet known to apply. */
  checking: boolean;
  onApply: (code: string) => void; onRemove: () => void;
}) {
  const id = useId();
  const [text, setText] = useState(applied ?? "");
  const apply = () => { if (text.trim()) onApply(text.trim().toUpperCase()); };
  return (
    <div className="mt-4 border-t border-stone-200 pt-3">
      <label htmlFor="discountCode" className="block font-medium">Discount code (optional)</label>
      <div className="mt-1 flex flex-wrap items-start gap-2">
        <input id="discountCode" value={text} onChange={(e) => setText(e.target.value)} autoComplete="off" spellCheck={false}
          onKeyDown={(e) => { if (e.key === "Enter") { e.preventDefault(); apply(); } }}
          aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : applied ? `${id}-applied` : undefined}
          className="w-48 rounded-md border border-stone-500 px-3 py-2 uppercase" />
        <button type="button" onClick={apply} className="rounded-md border-2 border-brand-700 px-4 py-2 font-medium text-brand-800">Apply code</button>
        {/* A refused code is not applied: the button then only clears it. */}
        {applied && <button type="button" onClick={() => { setText(""); onRemove(); }} className="px-2 py-2 font-medium text-brand-700 underline underline-offset-4">{error ? "Clear code" : "Remove code"}</button>}
      </div>
      {/* The refusal is an alert of its own, outside the polite region (inside it, it was read out twice). */}
      {error && <p id={`${id}-error`} role="alert" className="mt-1 text-sm font-medium text-red-700">{error}</p>}
      <div aria-live="polite">
        {applied && !error && <p id={`${id}-applied`} className="mt-1 text-sm text-stone-700">{checking ? `Checking code ${applied}…` : `Code ${applied} applied.`}</p>}
      </div>
    </div>
  );
}

/** Each discount as a line taken off the total, then the total after them. */
export function DiscountLines({ price, money }: { price: PricePreview; money: (n: number) => string }) {
  if (price.discounts.length === 0) return null;
  return (
    <>
      {price.discounts.map((d) => (
        <div key={`${d.source}:${d.label}`} className="contents" data-testid="discount-line">
          <dt>{d.label}</dt><dd className="text-right">−{money(d.amount)}</dd>
        </div>
      ))}
    </>
  );
}

export const howDiscountsCombine =
  "A member price comes off first. Automatic discounts (group and early-bird) do not add up: the one that saves you most applies. " +
  "A discount code then comes off what is left, and reward points come off last.";
