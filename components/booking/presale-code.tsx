"use client";
// "Have a presale code?" on the session step: a code that unlocks hidden ticket types shows them in the
// ticket choice, and is carried to the review step as the booking's code (the booking needs it for them).
import { useId, useState } from "react";
import type { RevealPresaleAction } from "@/lib/booking/wizard-actions";
import type { Draft } from "./types";

export function PresaleCodeField({ revealPresaleTickets, courseSlug, applied, onApplied, onRemove }: {
  revealPresaleTickets: RevealPresaleAction;
  courseSlug: string;
  applied: Draft["presale"];
  onApplied: (presale: NonNullable<Draft["presale"]>) => void;
  onRemove: () => void;
}) {
  const id = useId();
  const [open, setOpen] = useState(Boolean(applied));
  const [text, setText] = useState(applied?.code ?? "");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const unlocked = applied ? new Set(Object.values(applied.types).flat().map((t) => t.id)).size : 0;

  const apply = async () => {
    const code = text.trim().toUpperCase();
    if (!code) { setError("Enter your presale code"); return; }
    setBusy(true);
    setError(null);
    const result = await revealPresaleTickets({ courseSlug, code }).catch(() => null);
    setBusy(false);
    if (!result) { setError("Something went wrong on our side. Please try again."); return; }
    if (!result.ok) { setError(result.message); return; }
    onApplied({ code: result.code, types: result.types });
  };

  return (
    <div className="rounded-lg border border-stone-300 bg-white p-4">
      <button type="button" aria-expanded={open} aria-controls={`${id}-panel`} onClick={() => setOpen((o) => !o)}
        className="font-medium text-brand-700 underline underline-offset-4">
        Have a presale code?
      </button>
      <div id={`${id}-panel`} hidden={!open} className="mt-3">
        <label htmlFor="presaleCode" className="block font-medium">Presale code</label>
        <p id={`${id}-hint`} className="text-sm text-stone-700">It unlocks tickets that are not on general sale yet.</p>
        <div className="mt-1 flex flex-wrap items-start gap-2">
          <input id="presaleCode" value={text} onChange={(e) => setText(e.target.value)} autoComplete="off" spellCheck={false}
            onKeyDown={(e) => { if (e.key === "Enter") { e.preventDefault(); void apply(); } }}
            aria-invalid={error ? true : undefined}
            aria-describedby={[`${id}-hint`, error ? `${id}-error` : applied ? `${id}-applied` : null].filter(Boolean).join(" ")}
            className="w-48 rounded-md border border-stone-500 px-3 py-2 uppercase" />
          <button type="button" onClick={() => void apply()} disabled={busy} aria-busy={busy || undefined}
            className="rounded-md border-2 border-brand-700 px-4 py-2 font-medium text-brand-800">Unlock tickets</button>
          {applied && (
            <button type="button" onClick={() => { setText(""); setError(null); onRemove(); }}
              className="px-2 py-2 font-medium text-brand-700 underline underline-offset-4">Remove presale code</button>
          )}
        </div>
        <div aria-live="polite">
          {error && <p id={`${id}-error`} role="alert" className="mt-1 text-sm font-medium text-red-700">{error}</p>}
          {applied && !error && (
            <p id={`${id}-applied`} className="mt-1 text-sm text-stone-700">
              Presale code {applied.code} applied: {unlocked} presale ticket {unlocked === 1 ? "type is" : "types are"} now offered.
            </p>
          )}
        </div>
      </div>
    </div>
  );
}
