"use client";
import { useHydrated } from "./use-hydrated";

/** A form's fields and buttons, disabled until the page has hydrated (see useHydrated). */
export function UntilHydrated({ className = "", children }: { className?: string; children: React.ReactNode }) {
  const hydrated = useHydrated();
  return <fieldset disabled={!hydrated} className={`min-w-0 ${className}`}>{children}</fieldset>;
}
