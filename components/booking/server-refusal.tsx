"use client";
// What the server refused at "Continue to payment", with a link to each step that can put it right. It takes
// focus when it appears, as the error summary does, so it is read out and its links come next by keyboard.
import { useEffect, useRef } from "react";
import { fieldId } from "@/components/ui/field";
import type { StepId } from "./types";

export type Refusal = { message: string; links: { step: StepId; message: string; field?: string }[] };

export function ServerRefusal({ refusal, goTo }: { refusal: Refusal | null; goTo: (step: StepId, focusId?: string) => void }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => { if (refusal) box.current?.focus(); }, [refusal]);
  if (!refusal) return null;
  // The same problem for several places (a presale closed to every attendee's type) is listed once, linking to the first.
  const links = refusal.links.filter((l, i, all) => all.findIndex((x) => x.message === l.message) === i);
  return (
    <div role="alert" ref={box} tabIndex={-1} className="rounded-md border-2 border-red-700 bg-red-50 p-4">
      <p className="font-semibold text-red-800">{refusal.message}</p>
      {links.length > 0 && (
        <ul className="mt-2 list-disc pl-5">
          {links.map((l, i) => (
            <li key={i}><button type="button" className="text-red-800 underline" onClick={() => goTo(l.step, l.field ? fieldId(l.field) : undefined)}>{l.message}</button></li>
          ))}
        </ul>
      )}
    </div>
  );
}
