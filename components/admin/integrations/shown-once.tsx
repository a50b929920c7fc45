"use client";
import { useEffect, useRef } from "react";

/** A secret (signing secret, API key) shown right after it is made, and never again. */
export function ShownOnce({ label, value, onDone }: { label: string; value: string; onDone: () => void }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <div ref={ref} tabIndex={-1} role="status" aria-labelledby="shown-once-title" className="space-y-3 rounded-lg border-2 border-brand-700 bg-brand-50 p-5">
      <h3 id="shown-once-title" className="text-lg font-semibold">{label}</h3>
      <p>Copy it now and keep it somewhere safe: it is shown only this once and cannot be read again.</p>
      <p><code className="block break-all rounded bg-white p-3 font-mono text-sm" data-testid="shown-once-value">{value}</code></p>
      <div className="flex flex-wrap gap-3">
        <button type="button" className="rounded-md border border-stone-400 bg-white px-4 py-2 font-medium hover:bg-stone-100"
          onClick={() => navigator.clipboard?.writeText(value).catch(() => undefined)}>Copy to clipboard</button>
        <button type="button" className="rounded-md bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-800" onClick={onDone}>I have copied it</button>
      </div>
    </div>
  );
}
