"use client";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { FocusedAlert } from "@/components/ui/focused-alert";
import type { ActionResult } from "@/lib/auth/staff-action";

/**
 * A button running one server action (archive, restore, delete…), with an optional confirmation. `gone`: the page no
 * longer offers the action (the code withdrawn, say). Such a button is not shown, except in the page where it was just
 * used: there its `doneLabel` takes its place with the focus, since the refreshed page would otherwise have taken the
 * button, and the focus, away. The page keeps rendering the button (with `gone`) for that to work.
 */
export function ActionButton<I, R>({ action, input, children, confirm, busyLabel = "Working…", variant = "secondary", redirectTo, danger, doneLabel, gone = false }: {
  action: (input: I) => Promise<ActionResult<R>>;
  input: I;
  children: React.ReactNode;
  confirm?: string;
  busyLabel?: string;
  variant?: "primary" | "secondary";
  redirectTo?: string;
  danger?: boolean;
  /** Said (and announced) once the action has succeeded, for an action whose effect the page does not show at once. */
  doneLabel?: string;
  gone?: boolean;
}) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  if (gone) return done && doneLabel ? <FocusedAlert role="status" className="text-sm text-stone-700">{doneLabel}</FocusedAlert> : null;
  return (
    <div className="space-y-1">
      <Button type="button" variant={variant} busy={pending} busyLabel={busyLabel}
        className={danger ? "border-red-700 text-red-800 hover:bg-red-50" : ""}
        onClick={() => {
          if (confirm && !window.confirm(confirm)) return;
          start(async () => {
            setDone(false);
            const result = await action(input);
            if (!result.ok) return setError(result.message);
            setError(null);
            setDone(true);
            if (redirectTo) router.push(redirectTo);
            else router.refresh();
          });
        }}>
        {children}
      </Button>
      {error && <p role="alert" className="text-sm font-medium text-red-700">{error}</p>}
      {doneLabel && <p role="status" className="text-sm text-stone-700">{done && !error ? doneLabel : ""}</p>}
    </div>
  );
}
