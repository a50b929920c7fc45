"use client";
import { useEffect, useRef } from "react";
import type { FieldErrors } from "react-hook-form";
import { fieldId } from "./field";

export type FormError = { path: string; message: string };

/** Flattens react-hook-form's nested errors into dotted paths, in form order. */
export function flattenErrors(errors: FieldErrors | Record<string, unknown>, prefix = ""): FormError[] {
  const out: FormError[] = [];
  for (const [key, value] of Object.entries(errors ?? {})) {
    if (!value || key === "ref") continue;
    const path = prefix ? `${prefix}.${key}` : key;
    const v = value as { message?: unknown; type?: unknown; root?: { message?: string } };
    if (typeof v.message === "string" && v.message) out.push({ path: key === "root" ? prefix : path, message: v.message });
    else if (typeof value === "object") out.push(...flattenErrors(value as Record<string, unknown>, key === "root" ? prefix : path));
  }
  return out;
}

/**
 * The problems in the order their fields stand on the page (the schema's order can differ: a booking's own
 * questions come after its attendees'). A problem of the whole form or a group, with no field of its own,
 * keeps its place in the list.
 */
function inPageOrder(errors: FormError[]): FormError[] {
  if (typeof document === "undefined") return errors;
  const placed = errors.map((e, i) => ({ e, i, el: document.getElementById(fieldId(e.path)) })).filter((x) => x.el);
  const sorted = [...placed].sort((a, b) =>
    a.el === b.el ? a.i - b.i : a.el!.compareDocumentPosition(b.el!) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1);
  const out = [...errors];
  placed.forEach((slot, k) => { out[slot.i] = sorted[k].e; });
  return out;
}

/**
 * The list of problems at the top of a form: announced, focused, each linked to its field. `subjectOf` names
 * whom or what a field belongs to where the form repeats the same fields (an attendee's first name), so each
 * line says whose problem it is ("Attendee 2: First name is required").
 */
export function ErrorSummary({ errors, attempt, subjectOf }: { errors: FormError[]; attempt: number; subjectOf?: (path: string) => string | null }) {
  const ref = useRef<HTMLDivElement>(null);
  // Focus once per submit attempt, not whenever the list changes: fixing a field must not pull focus off it.
  const focusPending = useRef(false);
  useEffect(() => {
    if (attempt > 0) focusPending.current = true;
  }, [attempt]);
  useEffect(() => {
    if (focusPending.current && errors.length) {
      focusPending.current = false;
      ref.current?.focus();
    }
  });
  if (!errors.length) return null;
  const listed = inPageOrder(errors);
  return (
    <div ref={ref} tabIndex={-1} role="alert" aria-labelledby="error-summary-title"
      className="rounded-md border-2 border-red-700 bg-red-50 p-4">
      <h2 id="error-summary-title" className="font-semibold text-red-800">There is a problem</h2>
      <ul className="mt-2 list-disc space-y-1 pl-5">
        {listed.map((e) => ({ ...e, subject: subjectOf?.(e.path) })).map((e) => (
          <li key={e.path}>
            <a href={`#${fieldId(e.path)}`} className="whitespace-pre-line text-red-800 underline"
              onClick={(ev) => { ev.preventDefault(); document.getElementById(fieldId(e.path))?.focus(); }}>
              {e.subject ? `${e.subject}: ${e.message}` : e.message}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}
