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
 * questions come after its attendees'), each placed by the element it links to (linkTarget). A problem with
 * nothing on the page to link to keeps its place in the list.
 */
function inPageOrder<E extends { target: string | null }>(errors: E[]): E[] {
  if (typeof document === "undefined") return errors;
  const placed = errors.map((e, i) => ({ e, i, el: e.target ? document.getElementById(e.target) : null })).filter((x) => x.el);
  const sorted = [...placed].sort((a, b) =>
    a.el === b.el ? a.i - b.i : a.el!.compareDocumentPosition(b.el!) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1);
  const out = [...errors];
  placed.forEach((slot, k) => { out[slot.i] = sorted[k].e; });
  return out;
}

/**
 * The id of the element a problem's link goes to: its field's, or where the field has none on the page (a group's
 * problem, or a server's answer about a part of the form not shown), the nearest enclosing group's that is there
 * (`attendees.0.answers.q1` → `attendees-0-answers` → `attendees-0` → `attendees`). Null when nothing is: the
 * problem is listed without a link rather than with one that goes nowhere.
 */
export function linkTarget(path: string, onPage: (id: string) => boolean): string | null {
  for (let parts = path.split(".").filter(Boolean); parts.length > 0; parts = parts.slice(0, -1)) {
    const id = fieldId(parts.join("."));
    if (onPage(id)) return id;
  }
  return null;
}

const onThisPage = (id: string) => typeof document !== "undefined" && document.getElementById(id) !== null;

/** Focuses the element (a field, or a group that takes focus); one that cannot take focus is scrolled to. */
function goTo(id: string) {
  const el = document.getElementById(id);
  if (!el) return;
  el.focus();
  if (document.activeElement !== el) el.scrollIntoView({ block: "center" });
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
  // Each problem's link is looked up once: it orders the list and is the line's href.
  const listed = inPageOrder(errors.map((e) => ({ ...e, target: linkTarget(e.path, onThisPage) })));
  return (
    <div ref={ref} tabIndex={-1} role="alert" aria-labelledby="error-summary-title"
      className="rounded-md border-2 border-red-700 bg-red-50 p-4">
      <h2 id="error-summary-title" className="font-semibold text-red-800">There is a problem</h2>
      <ul className="mt-2 list-disc space-y-1 pl-5">
        {listed.map((e) => ({ ...e, subject: subjectOf?.(e.path) })).map((e) => (
          <li key={e.path}>
            {e.target ? (
              <a href={`#${e.target}`} className="whitespace-pre-line text-red-800 underline"
                onClick={(ev) => { ev.preventDefault(); goTo(e.target!); }}>
                {e.subject ? `${e.subject}: ${e.message}` : e.message}
              </a>
            ) : (
              <span className="whitespace-pre-line text-red-800">{e.subject ? `${e.subject}: ${e.message}` : e.message}</span>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
